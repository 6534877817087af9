//! Deleting is permanent, so the admin types the app's name to confirm, in a
//! modal [`Dialog`]. Escape or Cancel closes it without doing anything.

use leptos::prelude::*;

use crate::api::AppId;
use crate::ui::dialog::Dialog;
use crate::ui::typed_confirmation::TypedConfirmation;

/// The delete confirmation as a modal, shown while `open`. The admin types
/// `app_name` (the app's name, or its AppID when it has none).
#[component]
pub(crate) fn DeleteDialog(
    #[prop(into)] app_name: Signal<String>,
    app_id: AppId,
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
                <code>{app_id.to_string()}</code>
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
            <TypedConfirmation
                input_id="confirm-name"
                expected=app_name
                button="Delete app"
                pending_button="Deleting…"
                pending=pending
                on_confirm=on_confirm
                on_cancel=on_cancel
            />
        </Dialog>
    }
}
