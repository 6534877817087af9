//! The header's theme button: system -> light -> dark.

use leptos::prelude::*;

use crate::state::theme;

#[component]
pub(crate) fn ThemeToggle() -> impl IntoView {
    let current = RwSignal::new(theme::stored());
    let on_click = move |_| {
        let next = current.get_untracked().next();
        theme::apply(next);
        current.set(next);
    };
    view! {
        <button
            type="button"
            class="btn btn-ghost"
            on:click=on_click
            data-testid="theme-toggle"
            title="Switch between the system's theme, light and dark"
            aria-label=move || current.get().label()
        >
            <span aria-hidden="true">{move || current.get().icon()}</span>
            {move || current.get().short_label()}
        </button>
    }
}

/// Applied once at start-up, before the first paint of the app.
pub(crate) fn apply_stored() {
    theme::apply(theme::stored());
}
