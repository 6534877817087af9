//! The outcome of one Save, key by key: saved, stored differently, failed
//! (with the message and RequestId; the edit stays in its field), changed
//! by someone else (not sent: the field asks), already there, not sent; and
//! Undo of that save.

use leptos::prelude::*;

use super::flow::{KeyOutcome, KeyResult, SaveRun};
use super::keys::describe_key;
use crate::features::errors::ErrorPanel;

#[component]
pub(crate) fn SaveResults(
    run: SaveRun,
    /// Offered when the save wrote something that can be undone.
    undo: Option<Callback<()>>,
) -> impl IntoView {
    let failed = run.failed_count();
    let check_failed = run.check_failed.clone().map(|e| {
        view! { <ErrorPanel action="Checking the settings for changes by others" error=e /> }
    });
    let undo = undo.map(|undo| {
        view! {
            <button type="button" class="btn" on:click=move |_| undo.run(())>
                "Undo this save"
            </button>
        }
    });
    let (class, title) = if failed == 0 {
        ("alert alert-success", "Settings saved".to_string())
    } else {
        (
            "alert alert-warn",
            format!("{failed} of {} settings need attention", run.results.len()),
        )
    };
    let rows = run
        .results
        .into_iter()
        .map(|r| view! { <ResultRow result=r /> })
        .collect_view();
    view! {
        {check_failed}
        <div class=class role="status" data-testid="save-results">
            <p class="alert-title">{title}</p>
            <ul class="save-results">{rows}</ul>
            {undo}
        </div>
    }
}

#[component]
fn ResultRow(result: KeyResult) -> impl IntoView {
    let name = describe_key(&result.sent.key);
    let key = result.sent.key.clone();
    let sent = result.sent.value;
    let (state, detail) = match result.outcome {
        KeyOutcome::Saved => ("saved", view! { "Saved." }.into_any()),
        KeyOutcome::StoredAs(now) => {
            let now = now.map_or_else(
                || view! { "the server has no value for it" }.into_any(),
                |v| {
                    view! {
                        "the server holds "
                        <code>{v}</code>
                    }
                    .into_any()
                },
            );
            (
                "differs",
                view! {
                    "Saved, but "
                    {now}
                    " instead of "
                    <code>{sent}</code>
                    "."
                }
                .into_any(),
            )
        }
        KeyOutcome::Failed(e) => {
            let request_id = e.request_id().map(|id| {
                view! {
                    " RequestId: "
                    <code>{id.to_string()}</code>
                }
            });
            let text = format!("Failed: {} {} Your edit is kept.", e.title(), e.message());
            (
                "failed",
                view! {
                    {text}
                    {request_id}
                }
                .into_any(),
            )
        }
        KeyOutcome::NotSent => (
            "not-sent",
            view! { "Not sent: the app token was refused, or the check failed first. Your edit is kept." }
                .into_any(),
        ),
        KeyOutcome::AlreadyThere => (
            "already-there",
            view! { "Already on the server (someone made the same change): nothing sent." }
                .into_any(),
        ),
        KeyOutcome::Conflict(_) => (
            "conflict",
            view! { "Changed by someone else: not sent. Choose Keep mine or Take theirs at the field." }
                .into_any(),
        ),
    };
    view! {
        <li data-key=key data-state=state>
            <strong>{name}</strong>
            ": "
            {detail}
        </li>
    }
}
