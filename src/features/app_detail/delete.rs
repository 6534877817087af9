//! Deleting is permanent, so the admin types the app's name to confirm, in a
//! modal [`Dialog`]. Escape or Cancel closes it without doing anything.

use leptos::prelude::*;

use crate::ui::dialog::Dialog;

/// True when what was typed confirms deleting the app called `name`.
/// Apps with an empty name are confirmed by typing their AppID instead.
pub(crate) fn confirms(typed: &str, name: &str, app_id: &str) -> bool {
    typed.trim() == expected_text(name, app_id).trim()
}

/// What the admin must type: the app's name, or its AppID when unnamed.
fn expected_text<'a>(name: &'a str, app_id: &'a str) -> &'a str {
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
    let typed = RwSignal::new(String::new());
    let expected = expected_text(&app_name, &app_id).to_string();
    let confirmed = move || confirms(&typed.get(), &app_name, &app_id);
    let confirmed_now = confirmed.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if confirmed_now() && !pending.get_untracked() {
            on_confirm.run(());
        }
    };
    view! {
        <form on:submit=submit>
            <label for="confirm-name">"Type " <strong>{expected}</strong> " to confirm"</label>
            <input id="confirm-name" bind:value=typed autocomplete="off" spellcheck="false" />
            <div class="actions">
                <button
                    type="button"
                    class="btn"
                    on:click=move |_| on_cancel.run(())
                    disabled=move || pending.get()
                >
                    "Cancel"
                </button>
                <button
                    type="submit"
                    class="btn btn-danger"
                    disabled=move || !confirmed() || pending.get()
                >
                    {move || if pending.get() { "Deleting…" } else { "Delete app" }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::confirms;

    #[test]
    fn name_must_match() {
        assert!(confirms("WebRTC", "WebRTC", "id"));
        assert!(confirms(" WebRTC ", "WebRTC", "id"));
        assert!(!confirms("webrtc", "WebRTC", "id"));
        assert!(!confirms("", "WebRTC", "id"));
        assert!(confirms("id-1", "", "id-1"));
    }
}
