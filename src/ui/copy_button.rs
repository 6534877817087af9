//! Copies a value to the clipboard and says so. The value never leaves the
//! page: no logging, no URL.

use leptos::prelude::*;

use crate::ui::dom::{copy_text, COPIED_FOR};

#[component]
pub(crate) fn CopyButton(
    /// What to copy.
    #[prop(into)]
    value: Signal<String>,
    /// What it is, for the accessible name ("Copy AppID").
    #[prop(into)]
    what: String,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let label = format!("Copy {what}");
    let on_click = move |_| {
        let text = value.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = copy_text(&text).await;
            copied.try_set(ok);
            set_timeout(
                move || {
                    let _ = copied.try_set(false);
                },
                COPIED_FOR,
            );
        });
    };
    view! {
        <button
            type="button"
            class="btn btn-ghost btn-small copy"
            title=label.clone()
            aria-label=label
            on:click=on_click
        >
            {move || if copied.get() { "Copied" } else { "Copy" }}
        </button>
    }
}
