//! Deleting is permanent, so the admin types the app's name to confirm, in a
//! modal [`Dialog`]. Escape or Cancel closes it without doing anything.

use leptos::prelude::*;

use crate::ui::dialog::Dialog;
use crate::ui::typed_confirmation::TypedConfirmation;

/// What the admin types to confirm deleting an app (or its users): the
/// app's name, or its AppID when the app has no name.
pub(crate) fn name_to_type<'a>(name: &'a str, app_id: &'a str) -> &'a str {
    if name.trim().is_empty() {
        app_id
    } else {
        name
    }
}

/// The delete confirmation as a modal, shown while `open`.
#[component]
pub(crate) fn DeleteDialog(
    #[prop(into)] app_name: Signal<String>,
    #[prop(into)] app_id: String,
    #[prop(into)] open: Signal<bool>,
    /// True while the delete request runs.
    #[prop(into)]
    pending: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let description = {
        let app_id = app_id.clone();
        move || {
            view! {
                "This permanently deletes "
                <strong>{app_name.get_untracked()}</strong>
                " ("
                <code>{app_id.clone()}</code>
                ") and every token issued for it. "
                "Calls that use its AppID will stop working."
            }
        }
    };
    view! {
        <Dialog
            id="delete"
            title="Delete app?"
            description=description
            open=open
            busy=pending
            on_close=on_cancel
        >
            <ConfirmDelete
                app_name=app_name.get_untracked()
                app_id=app_id.clone()
                pending=pending
                on_confirm=on_confirm
                on_cancel=on_cancel
            />
        </Dialog>
    }
}

/// The typed-name confirmation: Delete stays disabled until the name matches.
#[component]
pub(crate) fn ConfirmDelete(
    #[prop(into)] app_name: String,
    #[prop(into)] app_id: String,
    /// True while the delete request runs.
    #[prop(into)]
    pending: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <TypedConfirmation
            input_id="confirm-name"
            expected=name_to_type(&app_name, &app_id).to_string()
            button="Delete app"
            pending_button="Deleting…"
            pending=pending
            on_confirm=on_confirm
            on_cancel=on_cancel
        />
    }
}

#[cfg(test)]
mod tests {
    use super::name_to_type;
    use crate::ui::typed_confirmation::typed_matches;

    /// What the dialog checks: the typed text against the app's.
    fn confirms(typed: &str, name: &str, app_id: &str) -> bool {
        typed_matches(typed, name_to_type(name, app_id))
    }

    #[test]
    fn name_must_match() {
        assert!(confirms("WebRTC", "WebRTC", "id"));
        assert!(confirms(" WebRTC ", "WebRTC", "id"));
        assert!(!confirms("webrtc", "WebRTC", "id"));
        assert!(!confirms("", "WebRTC", "id"));
        assert!(confirms("id-1", "", "id-1"));
    }
}
