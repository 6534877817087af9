//! The confirmation for what cannot be undone: the admin types a given text
//! (an app's name, say) before the danger button is enabled.

use leptos::prelude::*;

/// True when `typed` is `expected`, ignoring the spaces around either; case
/// matters.
pub(crate) fn typed_matches(typed: &str, expected: &str) -> bool {
    typed.trim() == expected.trim()
}

/// "Type X to confirm", then Cancel and the danger button, which stays
/// disabled until X is typed and while the request runs. Enter submits.
#[component]
pub(crate) fn TypedConfirmation(
    /// The input's element id.
    input_id: &'static str,
    /// What the admin must type.
    #[prop(into)]
    expected: Signal<String>,
    /// The danger button's text, and its text while the request runs.
    button: &'static str,
    pending_button: &'static str,
    /// True while the request runs.
    #[prop(into)]
    pending: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    // Bound by hand like every input of the app (see `TextField`): no bind: machinery.
    let typed = RwSignal::new(String::new());
    let confirmed = move || expected.with(|e| typed.with(|t| typed_matches(t, e)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if confirmed() && !pending.get_untracked() {
            on_confirm.run(());
        }
    };
    view! {
        <form on:submit=submit>
            <label for=input_id>
                "Type " <strong>{move || expected.get()}</strong> " to confirm"
            </label>
            <input
                id=input_id
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
                autocomplete="off"
                spellcheck="false"
            />
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
                    {move || if pending.get() { pending_button } else { button }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::typed_matches;

    #[test]
    fn spaces_around_do_not_count_case_does() {
        assert!(typed_matches(" Billing bot ", "Billing bot"));
        assert!(!typed_matches("billing bot", "Billing bot"));
        assert!(!typed_matches("", "Billing bot"));
    }
}
