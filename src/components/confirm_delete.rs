//! Deleting is permanent, so the admin types the app's name to confirm.
//! Escape or Cancel closes the dialog without doing anything.

use leptos::{html, prelude::*};

/// True when what was typed confirms deleting the app called `name`.
/// Apps with an empty name are confirmed by typing their AppID instead.
pub fn confirms(typed: &str, name: &str, app_id: &str) -> bool {
    let expected = if name.trim().is_empty() { app_id } else { name };
    typed.trim() == expected.trim()
}

#[component]
pub fn ConfirmDelete(
    #[prop(into)] app_name: String,
    #[prop(into)] app_id: String,
    /// True while the delete request runs.
    #[prop(into)]
    pending: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let input_ref = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = input_ref.get() {
            let _ = input.focus();
        }
    });
    let expected = if app_name.trim().is_empty() {
        app_id.clone()
    } else {
        app_name.clone()
    };
    let ok = {
        let (name, id) = (app_name.clone(), app_id.clone());
        move || confirms(&typed.get(), &name, &id)
    };
    let submit = {
        let ok = ok.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if ok() && !pending.get_untracked() {
                on_confirm.run(());
            }
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && !pending.get_untracked() {
            on_cancel.run(());
        }
    };
    view! {
        <div class="overlay" on:keydown=on_key>
            <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="delete-title" aria-describedby="delete-desc" on:submit=submit>
                <h2 id="delete-title">"Delete app?"</h2>
                <p id="delete-desc">
                    "This permanently deletes " <strong>{app_name.clone()}</strong>
                    " (" <code>{app_id.clone()}</code> ") and every token issued for it. "
                    "Calls that use its AppID will stop working."
                </p>
                <label for="confirm-name">"Type " <strong>{expected}</strong> " to confirm"</label>
                <input id="confirm-name" node_ref=input_ref bind:value=typed autocomplete="off" spellcheck="false"/>
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| on_cancel.run(()) disabled=move || pending.get()>"Cancel"</button>
                    <button type="submit" class="btn btn-danger" disabled=move || !ok() || pending.get()>
                        {move || if pending.get() { "Deleting…" } else { "Delete app" }}
                    </button>
                </div>
            </form>
        </div>
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
