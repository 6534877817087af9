//! A modal dialog on the native `<dialog>` element, opened with
//! `showModal()`: the browser makes the page behind it inert, closes it on
//! Escape and, on closing, returns focus to the control that opened it.

use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

/// What Tab may land on inside a dialog.
const FOCUSABLE: &str = "a[href], input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), button:not([disabled])";

/// A modal titled `title` and described by `description`, showing
/// `children` while `open`. Its contents mount afresh at each opening, so a
/// half-typed confirmation never survives a cancel.
#[component]
pub(crate) fn Dialog(
    /// Names the title and description ids: `{id}-title`, `{id}-desc`.
    id: &'static str,
    #[prop(into)] title: String,
    /// The sentence that says what confirming does.
    #[prop(into)]
    description: ViewFn,
    #[prop(into)] open: Signal<bool>,
    /// While true (a request runs), Escape does not close the dialog.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// Called once the dialog has closed, whatever closed it (Escape too).
    on_close: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let (labelled_by, described_by) = (title_id.clone(), desc_id.clone());
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" if busy.get_untracked() => ev.prevent_default(),
        "Tab" => {
            if let Some(dialog) = dialog_ref.get_untracked() {
                keep_tab_inside(&dialog, &ev);
            }
        }
        _ => {}
    };
    let contents = move || {
        open.get().then(|| {
            view! {
                <ShowModal dialog_ref=dialog_ref />
                <h2 id=title_id.clone()>{title.clone()}</h2>
                <p id=desc_id.clone()>{description.run()}</p>
                {children()}
            }
        })
    };
    view! {
        <dialog
            node_ref=dialog_ref
            class="dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:keydown=on_key
            // The close event comes a task later, and may find the page
            // already gone (a delete that navigated away).
            on:close=move |_| {
                on_close.try_run(());
            }
        >
            {contents}
        </dialog>
    }
}

/// Shows the dialog as a modal once its contents are in the page (so the
/// browser focuses their first control), and closes it when they leave.
#[component]
fn ShowModal(dialog_ref: NodeRef<html::Dialog>) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(dialog) = dialog_ref.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    on_cleanup(move || {
        if let Some(dialog) = dialog_ref.get_untracked() {
            dialog.close();
        }
    });
}

/// Keeps Tab and Shift+Tab on the dialog's own controls. `showModal()`
/// alone lets Tab leave the last control for the browser's toolbar.
fn keep_tab_inside(dialog: &web_sys::HtmlDialogElement, ev: &web_sys::KeyboardEvent) {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
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
    let is_active = |el: &web_sys::HtmlElement| active.as_ref() == Some(el.unchecked_ref());
    if ev.shift_key() && is_active(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && is_active(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}
