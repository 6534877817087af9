//! Asks before the admin leaves a page with unsaved edits: on closing or
//! reloading the tab (the browser's own prompt), on following a link inside
//! the console, and before any navigation the console starts itself (a
//! keyboard shortcut asks [`LeaveGuard::may_leave`]). The router handles
//! link clicks on the window in the bubbling phase; this listener runs in
//! the capturing phase, so a refusal stops the click before the router
//! sees it.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// The page guard in force, shared through context (provided by the app).
#[derive(Clone, Copy)]
pub(crate) struct LeaveGuard {
    /// Whether the mounted page has unsaved edits, and what to ask.
    active: StoredValue<Option<(Signal<bool>, &'static str)>>,
}

impl LeaveGuard {
    pub(crate) fn new() -> Self {
        LeaveGuard {
            active: StoredValue::new(None),
        }
    }

    /// Whether the page may be left now: true without unsaved edits, else
    /// the admin's answer.
    pub(crate) fn may_leave(&self) -> bool {
        match self.active.get_value() {
            Some((dirty, question)) if dirty.get_untracked() => confirm(question),
            _ => true,
        }
    }
}

/// Guards the current page while `dirty` is true, for as long as the
/// calling component is mounted.
pub(crate) fn use_leave_guard(dirty: Signal<bool>, question: &'static str) {
    let guard = use_context::<LeaveGuard>();
    if let Some(guard) = guard {
        guard.active.set_value(Some((dirty, question)));
    }
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if dirty.get_untracked() {
            ev.prevent_default();
            ev.set_return_value(question);
        }
    });
    let on_click =
        Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
            if dirty.get_untracked() && leaves_page(&ev) && !confirm(question) {
                ev.prevent_default();
                ev.stop_immediate_propagation();
            }
        });
    let window = web_sys::window();
    if let Some(w) = &window {
        let _ = w.add_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
    }
    let on_click = send_wrapper::SendWrapper::new(on_click);
    on_cleanup(move || {
        if let Some(guard) = guard {
            guard.active.set_value(None);
        }
        unload.remove();
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback_and_bool(
                "click",
                on_click.as_ref().unchecked_ref(),
                true,
            );
        }
    });
}

/// A plain left click on a link to another page of this site.
fn leaves_page(ev: &web_sys::MouseEvent) -> bool {
    if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return false;
    }
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    let here = web_sys::window().and_then(|w| w.location().pathname().ok());
    link.target().is_empty() && link.download().is_empty() && Some(link.pathname()) != here
}

fn confirm(question: &str) -> bool {
    web_sys::window().is_none_or(|w| w.confirm_with_message(question).unwrap_or(true))
}
