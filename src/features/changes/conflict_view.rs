//! How a value someone else changed is shown wherever it is edited: the
//! value the edit started from, the server's now and the edit, and the
//! admin's two choices. The same for a setting, a user's field and a
//! device's state.

use leptos::prelude::*;

/// The admin's answer to a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Choice {
    /// Send the edit over the server's value.
    KeepMine,
    /// Drop the edit; the server's value stays.
    TakeTheirs,
}

/// A value as shown in a conflict: text, or what its absence means.
pub(crate) fn shown(value: Option<&str>, absent: &'static str) -> String {
    match value {
        Some("") => "(empty)".to_string(),
        Some(v) => v.to_string(),
        None => absent.to_string(),
    }
}

#[component]
pub(crate) fn ConflictChoice(
    /// What changed ("Incoming call pop-up URL (popup)", "Email").
    #[prop(into)]
    what: String,
    loaded: String,
    theirs: String,
    mine: String,
    on_choose: Callback<Choice>,
    /// While the choice's write runs.
    #[prop(into, optional)]
    busy: Signal<bool>,
) -> impl IntoView {
    // Named in the title: a user's edit lists its conflicts together.
    let title = format!("Changed by someone else: {what}");
    let label = title.clone();
    view! {
        <div class="alert alert-warn conflict" role="group" aria-label=label>
            <p class="alert-title">{title}</p>
            <dl class="kv conflict-values">
                <dt>"When you loaded it"</dt>
                <dd class="value" data-value="loaded">
                    {loaded}
                </dd>
                <dt>"On the server now"</dt>
                <dd class="value" data-value="theirs">
                    {theirs}
                </dd>
                <dt>"Your edit"</dt>
                <dd class="value" data-value="mine">
                    {mine}
                </dd>
            </dl>
            <div class="actions">
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=move || busy.get()
                    on:click=move |_| on_choose.run(Choice::KeepMine)
                >
                    "Keep mine"
                </button>
                <button
                    type="button"
                    class="btn"
                    disabled=move || busy.get()
                    on:click=move |_| on_choose.run(Choice::TakeTheirs)
                >
                    "Take theirs"
                </button>
            </div>
        </div>
    }
}
