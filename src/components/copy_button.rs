//! Copies a value to the clipboard and says so. The value never leaves the
//! page: no logging, no URL.

use leptos::prelude::*;

#[component]
pub fn CopyButton(
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
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window
            .navigator()
            .clipboard()
            .write_text(&value.get_untracked());
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(ok);
            set_timeout(
                move || copied.set(false),
                std::time::Duration::from_millis(1500),
            );
        });
    };
    view! {
        <button type="button" class="btn btn-ghost btn-small copy" title=label.clone() aria-label=label on:click=on_click>
            {move || if copied.get() { "Copied" } else { "Copy" }}
        </button>
    }
}
