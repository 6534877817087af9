//! After Apply: each row's outcome (created, updated, already so, changed
//! by someone else, failed with the server's words and RequestId, not
//! sent), what stopped the run, and what the run writes into the change
//! record.

use leptos::prelude::*;

use super::flow::{RowResult, SyncRun};
use super::plan::ToUpdate;
use crate::features::changes::record::{Outcome, Subject, Write};
use crate::features::users::user::edit_state::edit_writes;
use crate::features::users::user_refusal::CallRefusal;
use crate::ui::text_import::PreviewTable;

const COLUMNS: [&str; 3] = ["Line", "App user ID", "Outcome"];
/// The most rows the report shows (the counts cover all).
const SHOWN: usize = 500;

/// (state, text) of a row's outcome.
fn said(result: &RowResult) -> (&'static str, String) {
    match result {
        RowResult::Created(_) => ("created", "Created".into()),
        RowResult::Updated { sent, .. } => {
            let fields: Vec<&str> = sent.iter().map(|c| c.field.api_key()).collect();
            ("updated", format!("Updated: {}", fields.join(", ")))
        }
        RowResult::AlreadyThere(_) => (
            "already-there",
            "Already so on the server: nothing sent".into(),
        ),
        RowResult::Conflicts(c) => {
            let fields: Vec<&str> = c.iter().map(|c| c.what.api_key()).collect();
            (
                "conflict",
                format!(
                    "Not sent: someone else changed {} since the list was loaded",
                    fields.join(", ")
                ),
            )
        }
        RowResult::Gone => ("failed", "Not sent: the user no longer exists".into()),
        RowResult::Uncertain(_) => (
            "unknown",
            "Outcome unknown: read back before it is sent again".into(),
        ),
        RowResult::Failed(e) => ("failed", format!("Failed: {}", e.message())),
        RowResult::NotSent => ("not-sent", "Not sent: the run stopped first".into()),
    }
}

#[component]
pub(crate) fn SyncReport(run: SyncRun) -> impl IntoView {
    let done = run
        .rows
        .iter()
        .filter(|r| {
            matches!(
                r.result,
                RowResult::Created(_) | RowResult::Updated { .. } | RowResult::AlreadyThere(_)
            )
        })
        .count();
    let summary = format!(
        "{done} of {} rows done. Apply again to resume: what is done is not sent again.",
        run.rows.len()
    );
    let rows = run
        .rows
        .into_iter()
        .take(SHOWN)
        .map(|row| {
            let (state, text) = said(&row.result);
            let request_id = row.request_id.map(
                |id| view! { <span class="request-id">" RequestId: " <code>{id}</code></span> },
            );
            view! {
                <tr data-line=row.line data-state=state>
                    <td>{row.line}</td>
                    <td class="value">{row.app_user_id}</td>
                    <td>{text} {request_id}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="import-outcome" aria-label="Sync outcome" data-testid="sync-outcome">
            <p class="alert-title" role="status">
                {summary}
            </p>
            {run.stopped_by.map(|e| view! { <CallRefusal action="Syncing the users" error=e /> })}
            <PreviewTable caption="What happened to each row" columns=&COLUMNS kind="users-outcome">
                {rows}
            </PreviewTable>
        </section>
    }
}

/// What `run` wrote: a created user, each field of an update sent, and
/// the writes that failed or may have landed (`updates`: the plan's, for
/// the fields of a failed update).
pub(crate) fn sync_writes(run: &SyncRun, updates: &[ToUpdate]) -> Vec<Write> {
    let mut writes = Vec::new();
    for row in &run.rows {
        let id = row.app_user_id.as_str();
        let created = |outcome: Outcome, email: Option<String>| Write {
            subject: Subject::UserCreated {
                user: id.to_string(),
            },
            before: None,
            after: email,
            outcome,
            request_id: row.request_id.clone(),
        };
        let planned = || updates.iter().find(|u| u.base.app_user_id == id);
        match &row.result {
            RowResult::Created(user) => {
                writes.push(created(Outcome::Done, Some(user.email.clone())))
            }
            RowResult::Uncertain(e) => writes.push(created(
                Outcome::Unknown {
                    why: e
                        .as_ref()
                        .map_or("not in the answer".into(), ToString::to_string),
                },
                None,
            )),
            RowResult::Updated { sent, .. } => {
                writes.extend(edit_writes(
                    id,
                    sent,
                    &Outcome::Done,
                    row.request_id.clone(),
                ));
            }
            RowResult::Failed(e) => match planned() {
                Some(update) => writes.extend(edit_writes(
                    id,
                    &update.changes,
                    &Outcome::of_error(e),
                    row.request_id.clone(),
                )),
                None => writes.push(created(Outcome::of_error(e), None)),
            },
            _ => {}
        }
    }
    writes
}
