//! The change record as a CSV or JSON file, the shown changes only, in the
//! lists' formats. A record holds no secret (see `record`); the file holds
//! only the record's own fields, and the tests check that a secret-looking
//! key never appears.

use serde::Serialize;

use super::record::{Change, Subject};
use crate::features::list::csv::csv_line;
use crate::features::list::export::ExportFormat;

const COLUMNS: [&str; 11] = [
    "When",
    "Batch",
    "AppID",
    "App",
    "What",
    "Before",
    "After",
    "Outcome",
    "Why",
    "RequestId",
    "Undoes",
];

/// The file's contents.
pub(crate) fn render_changes(format: ExportFormat, changes: &[Change]) -> String {
    match format {
        ExportFormat::Csv => to_csv(changes),
        ExportFormat::Json => to_json(changes),
    }
}

/// The name the browser saves the file under.
pub(crate) fn changes_file_name(format: ExportFormat) -> String {
    format!("exotel-changes.{}", format.extension())
}

fn to_csv(changes: &[Change]) -> String {
    let mut out = csv_line(COLUMNS);
    for c in changes {
        let batch = c.batch.to_string();
        let undoes = c.undoes.map(|b| b.to_string()).unwrap_or_default();
        out.push_str(&csv_line([
            c.at.as_str(),
            &batch,
            &c.app_id,
            &c.app_name,
            &c.subject.describe(),
            c.before.as_deref().unwrap_or(""),
            c.after.as_deref().unwrap_or(""),
            c.outcome.label(),
            c.outcome.why().unwrap_or(""),
            c.request_id.as_deref().unwrap_or(""),
            &undoes,
        ]));
    }
    out
}

/// One change in the JSON file: the record's fields, flat.
#[derive(Serialize)]
struct Row<'a> {
    at: &'a str,
    batch: u32,
    app_id: &'a str,
    app_name: &'a str,
    what: String,
    #[serde(flatten)]
    subject: &'a Subject,
    before: Option<&'a str>,
    after: Option<&'a str>,
    outcome: &'static str,
    why: Option<&'a str>,
    request_id: Option<&'a str>,
    undoes: Option<u32>,
}

fn to_json(changes: &[Change]) -> String {
    let rows: Vec<Row<'_>> = changes
        .iter()
        .map(|c| Row {
            at: &c.at,
            batch: c.batch,
            app_id: &c.app_id,
            app_name: &c.app_name,
            what: c.subject.describe(),
            subject: &c.subject,
            before: c.before.as_deref(),
            after: c.after.as_deref(),
            outcome: c.outcome.label(),
            why: c.outcome.why(),
            request_id: c.request_id.as_deref(),
            undoes: c.undoes,
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::changes::record::tests::{batch, setting};
    use crate::features::changes::record::{append, Outcome};

    fn record() -> Vec<Change> {
        let mut list = Vec::new();
        let writes = vec![
            setting("popup", Some("https://old"), "=cmd()", Outcome::Done),
            setting(
                "record",
                None,
                "true",
                Outcome::Failed { why: "boom".into() },
            ),
        ];
        append(&mut list, "2025-06-02T06:00:00.000Z", batch("a1", writes));
        list
    }

    #[test]
    fn csv_has_a_header_and_one_defused_line_per_change() {
        let csv = render_changes(ExportFormat::Csv, &record());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("\"When\",\"Batch\",\"AppID\""));
        assert!(lines[1].contains("\"Setting popup\",\"https://old\",\"'=cmd()\",\"Done\""));
        assert!(lines[2].contains("\"Failed\",\"boom\",\"req-record\""));
    }

    #[test]
    fn json_is_flat_and_names_the_subject() {
        let json: serde_json::Value =
            serde_json::from_str(&render_changes(ExportFormat::Json, &record())).unwrap();
        assert_eq!(json[0]["kind"], "setting");
        assert_eq!(json[0]["key"], "popup");
        assert_eq!(json[1]["before"], serde_json::Value::Null);
        assert_eq!(json[1]["why"], "boom");
        assert_eq!(changes_file_name(ExportFormat::Json), "exotel-changes.json");
    }

    #[test]
    fn no_secret_key_is_ever_written() {
        for format in ExportFormat::ALL {
            let text = render_changes(format, &record()).to_lowercase();
            for key in ["secret", "token", "apikey", "api_key"] {
                assert!(!text.contains(key), "{key} in {format:?}");
            }
        }
    }
}
