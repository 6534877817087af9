//! Keyboard shortcuts: `/` focuses the app search, `n` opens the create
//! form. Ignored while typing in a field, with a modifier held, or while a
//! dialog is open (Escape there is the dialog's own).

use leptos::{ev, prelude::*};
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::state::session::use_session;
use crate::ui::dom::focus_by_id;
use crate::ui::leave_guard::LeaveGuard;

/// Whether a key press belongs to what has focus rather than to the page.
fn typing_or_modal(ev: &web_sys::KeyboardEvent) -> bool {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return true;
    }
    let in_field = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.closest("[contenteditable]").ok().flatten().is_some()
        });
    let dialog_open = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("dialog[open]").ok().flatten())
        .is_some();
    in_field || dialog_open
}

/// Installs the page-wide shortcuts for as long as the app is mounted.
#[component]
pub(crate) fn Shortcuts() -> impl IntoView {
    let session = use_session();
    let guard = use_context::<LeaveGuard>();
    let navigate = use_navigate();
    let handle = window_event_listener(ev::keydown, move |ev| {
        if typing_or_modal(&ev) || !session.is_signed_in() {
            return;
        }
        match ev.key().as_str() {
            "/" => {
                ev.prevent_default();
                focus_by_id("search");
            }
            "n" => {
                ev.prevent_default();
                if guard.is_none_or(|g| g.may_leave()) {
                    navigate(crate::paths::NEW_APP, Default::default());
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}
