//! What an Undo would do, asked before it is done (from the save's own
//! results or from the Changes page): each value now and what it goes back
//! to, whether it was undone already, and why it could not start.

use leptos::prelude::*;

/// One value an undo puts back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UndoLine {
    /// Its key, for tests and styles (`data-key`).
    pub(crate) key: String,
    /// What it is, in words.
    pub(crate) what: String,
    /// The value now (what the undone write left).
    pub(crate) now: String,
    /// The value it goes back to; `None`: there was none, and the sentence
    /// that says what undo does instead.
    pub(crate) back: Result<String, &'static str>,
}

#[component]
pub(crate) fn UndoCard(
    title: String,
    lines: Vec<UndoLine>,
    /// The batch that already undid this one, if any.
    undone_by: Option<u32>,
    confirm: Callback<()>,
    close: Callback<()>,
    refused: RwSignal<Option<String>>,
) -> impl IntoView {
    let nothing = lines.is_empty();
    let rows = lines
        .into_iter()
        .map(|line| {
            let back = match line.back {
                Ok(value) => view! {
                    "back to "
                    <code>{value}</code>
                }
                .into_any(),
                Err(instead) => view! { {instead} }.into_any(),
            };
            view! {
                <li data-key=line.key>
                    <strong>{line.what}</strong>
                    ": now "
                    <code>{line.now}</code>
                    ", "
                    {back}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card undo" aria-labelledby="undo-title" data-testid="undo-panel">
            <h2 id="undo-title">{title}</h2>
            {if nothing {
                view! { <p>"Nothing to undo here: nothing of that change landed on this page."</p> }
                    .into_any()
            } else {
                view! {
                    <p>
                        "Each value goes back to what it was before. A value someone changed \
                         since is not overwritten: you choose."
                    </p>
                    <ul class="undo-rows">{rows}</ul>
                }
                    .into_any()
            }}
            {undone_by
                .map(|by| view! { <p class="muted">{format!("Already undone once (#{by}).")}</p> })}
            {move || {
                refused
                    .get()
                    .map(|m| {
                        view! {
                            <p class="field-error" role="alert">
                                {m}
                            </p>
                        }
                    })
            }}
            <div class="actions">
                <button type="button" class="btn" on:click=move |_| close.run(())>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=nothing
                    on:click=move |_| confirm.run(())
                >
                    "Undo"
                </button>
            </div>
        </section>
    }
}
