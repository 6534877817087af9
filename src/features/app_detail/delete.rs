//! Deleting is permanent, so the admin types the app's name to confirm.
//! Escape or Cancel closes the dialog without doing anything.

use leptos::{html, prelude::*};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

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
    let form_ref = NodeRef::<html::Form>::new();
    // Focus moves into the dialog and, when it closes, back to where it was.
    let opener = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let opener = SendWrapper::new(opener);
    on_cleanup(move || {
        if let Some(el) = opener.take() {
            let _ = el.focus();
        }
    });
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
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" if !pending.get_untracked() => on_cancel.run(()),
        // Tab cycles inside the dialog (a modal traps focus).
        "Tab" => {
            if let Some(form) = form_ref.get() {
                trap_tab(&form, &ev);
            }
        }
        _ => {}
    };
    view! {
        <div class="overlay" on:keydown=on_key>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="delete-title" aria-describedby="delete-desc">
            <form node_ref=form_ref on:submit=submit>
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
        </div>
    }
}

/// Keeps Tab and Shift+Tab on the dialog's enabled controls.
fn trap_tab(dialog: &web_sys::HtmlFormElement, ev: &web_sys::KeyboardEvent) {
    let Ok(list) = dialog.query_selector_all("input, button:not([disabled])") else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = |el: &web_sys::HtmlElement| active.as_ref() == Some(el.unchecked_ref());
    if ev.shift_key() && at(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && at(last) {
        ev.prevent_default();
        let _ = first.focus();
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
