//! After an import: what happened to each row that was sent (created,
//! failed with the server's words and RequestId, or not sent), and the text
//! rewritten to the rows still to create, for a corrected retry.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::features::list::csv::csv_line;
use crate::features::users::import::csv::{parse_records, CsvError, ImportRow};
use crate::features::users::import::flow::{ImportRun, RowOutcome};
use crate::features::users::user_refusal::CallRefusal;
use crate::ui::text_import::PreviewTable;

const OUTCOME_COLUMNS: [&str; 3] = ["Line", "App user ID", "Outcome"];

/// One sent row and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SentRow {
    pub(crate) line: usize,
    pub(crate) app_user_id: String,
    pub(crate) outcome: RowOutcome,
}

/// The outcome of one press of "Create N users".
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ImportReport {
    pub(crate) rows: Vec<SentRow>,
    /// How many of them exist now (created, or sent and not refused).
    pub(crate) created: usize,
    pub(crate) stopped_by: Option<ApiError>,
}

impl ImportReport {
    /// Pairs the rows sent with the run's outcomes (same order).
    pub(crate) fn of(sent: &[ImportRow], run: ImportRun) -> Self {
        let created = run.created_count();
        let rows = sent
            .iter()
            .zip(run.outcomes)
            .map(|(row, outcome)| SentRow {
                line: row.line,
                app_user_id: row.draft.app_user_id.trim().to_string(),
                outcome,
            })
            .collect();
        ImportReport {
            rows,
            created,
            stopped_by: run.stopped_by,
        }
    }

    /// The lines whose user exists now (created, or sent and not refused).
    pub(crate) fn done_lines(&self) -> HashSet<usize> {
        self.rows
            .iter()
            .filter(|r| matches!(r.outcome, RowOutcome::Created(_) | RowOutcome::Unconfirmed))
            .map(|r| r.line)
            .collect()
    }
}

/// `text` without the records that start on `done_lines`: the header and
/// every row still to create, as CSV.
pub(crate) fn without_lines(text: &str, done_lines: &HashSet<usize>) -> Result<String, CsvError> {
    Ok(parse_records(text)?
        .into_iter()
        .enumerate()
        .filter(|(i, r)| *i == 0 || !done_lines.contains(&r.line))
        .map(|(_, r)| csv_line(r.cells.iter().map(String::as_str)))
        .collect())
}

/// The per-row outcome table, under the trial-account or token refusal that
/// stopped the run, if one did.
#[component]
pub(crate) fn ImportOutcome(report: ImportReport) -> impl IntoView {
    let summary = format!(
        "{} of {} rows sent were created.",
        report.created,
        report.rows.len()
    );
    let rows = report
        .rows
        .into_iter()
        .map(|row| view! { <OutcomeRow row=row /> })
        .collect_view();
    view! {
        <section class="import-outcome" aria-label="Import outcome" data-testid="import-outcome">
            <p class="alert-title" role="status">
                {summary}
            </p>
            {report
                .stopped_by
                .map(|e| view! { <CallRefusal action="Creating the users" error=e /> })}
            <PreviewTable
                caption="What happened to each row sent"
                columns=&OUTCOME_COLUMNS
                kind="users-outcome"
            >
                {rows}
            </PreviewTable>
        </section>
    }
}

#[component]
fn OutcomeRow(row: SentRow) -> impl IntoView {
    let (state, text, request_id) = match &row.outcome {
        RowOutcome::Created(_) => ("created", "Created".to_string(), None),
        RowOutcome::Unconfirmed => (
            "unconfirmed",
            "Sent, but not in the answer: read the list again to check".to_string(),
            None,
        ),
        RowOutcome::Failed(e) => (
            "failed",
            format!("Failed: {}", e.message()),
            e.request_id().map(str::to_string),
        ),
        RowOutcome::NotSent => (
            "not-sent",
            "Not sent: an earlier batch was refused for every batch".to_string(),
            None,
        ),
    };
    view! {
        <tr data-line=row.line data-state=state>
            <td>{row.line}</td>
            <td class="value">{row.app_user_id}</td>
            <td>
                {text}
                {request_id
                    .map(|id| {
                        view! { <span class="request-id">" RequestId: " <code>{id}</code></span> }
                    })}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::users::import::csv::read_import;

    const TEXT: &str = "app_user_id,app_username,email,exotel_user_name,virtual_number\n\
        u1,Asha Verma,a@x.io,Asha Verma,+918000000001\n\
        u2,Al Bo,b@x.io,Ravi Kumar,+918000000002\n\
        u3,Ravi Kumar,r@x.io,Ravi Kumar,+918000000003\n";

    #[test]
    fn created_rows_leave_the_text_the_others_stay() {
        let done: HashSet<usize> = [2, 4].into();
        let left = without_lines(TEXT, &done).unwrap();
        let file = read_import(&left, &HashSet::new(), "acme").unwrap();
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.rows[0].draft.app_user_id, "u2");
        assert_eq!(file.rows[0].draft.app_username, "Al Bo");
    }

    #[test]
    fn outcomes_pair_with_the_rows_sent() {
        let file = read_import(TEXT, &HashSet::new(), "acme").unwrap();
        let sent: Vec<ImportRow> = file.rows.into_iter().filter(ImportRow::is_ready).collect();
        let refused = ApiError::Http {
            status: 409,
            request_id: Some("r1".into()),
            message: "dup".into(),
        };
        let run = ImportRun {
            outcomes: vec![RowOutcome::Unconfirmed, RowOutcome::Failed(refused)],
            stopped_by: None,
            request_ids: vec![None, None],
        };
        let report = ImportReport::of(&sent, run);
        assert_eq!(report.rows[1].line, 4);
        assert_eq!(report.rows[1].app_user_id, "u3");
        assert_eq!(report.done_lines(), [2].into());
        assert_eq!(report.created, 1);
    }
}
