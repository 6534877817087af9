//! CSV for users: reading an import (pasted or from a file) into checked
//! rows with their line numbers. Writing is `features::list::csv`'s.
//!
//! Reading follows RFC 4180 as spreadsheets write it: quoted fields may hold
//! commas, doubled quotes and line breaks; lines end in LF or CRLF; a
//! leading byte-order mark is ignored.
//!
//! Reading drops the `'` that the export's formula guard puts in front of
//! a formula, so an export reads back as what was exported.

use std::collections::{HashMap, HashSet};

#[cfg(test)]
use crate::features::list::csv::csv_line;
use crate::features::list::csv::looks_like_formula;
use crate::features::users::validate::{check_user, Problem, UserDraft, UserField};

/// One CSV record: the line it starts on (1-based) and its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) line: usize,
    pub(crate) cells: Vec<String>,
}

/// Why an import file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CsvError {
    /// No header row.
    Empty,
    /// A quoted field that never ends, starting on `line`.
    UnclosedQuote { line: usize },
    /// Required columns the header does not name.
    MissingColumns(Vec<UserField>),
    /// A column named twice.
    DuplicateColumn(UserField),
}

impl CsvError {
    /// The sentence shown above the import box.
    pub(crate) fn message(&self) -> String {
        match self {
            CsvError::Empty => {
                "Nothing to import: paste CSV text or choose a file, with a header row.".into()
            }
            CsvError::UnclosedQuote { line } => {
                format!(
                    "The quoted field starting on line {line} never ends: a closing \" is missing."
                )
            }
            CsvError::MissingColumns(fields) => {
                let names: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{} ({})", f.csv_header(), f.label()))
                    .collect();
                format!("The header row lacks the column(s): {}.", names.join(", "))
            }
            CsvError::DuplicateColumn(field) => {
                format!("The header names {} twice.", field.csv_header())
            }
        }
    }
}

/// One data row of an import, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ImportRow {
    /// Where the row starts in the file (the header is line 1).
    pub(crate) line: usize,
    pub(crate) draft: UserDraft,
    /// Empty: the row can be sent.
    pub(crate) problems: Vec<Problem>,
}

impl ImportRow {
    pub(crate) fn is_ready(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A read import file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ImportFile {
    pub(crate) rows: Vec<ImportRow>,
    /// Header cells that name no field: their columns are not read.
    pub(crate) ignored_columns: Vec<String>,
    /// The fields the header names, in its order (a sync compares only
    /// these).
    pub(crate) columns: Vec<UserField>,
}

/// Reads an import. `loaded_ids`: AppUserIds already stored;
/// `account_sid`: the app's Exotel account, used when the file has no such
/// column or leaves the cell empty.
pub(crate) fn read_import(
    text: &str,
    loaded_ids: &HashSet<String>,
    account_sid: &str,
) -> Result<ImportFile, CsvError> {
    let mut records = parse_records(text)?.into_iter();
    let header = records.next().ok_or(CsvError::Empty)?;
    let (columns, ignored_columns) = map_header(&header.cells)?;
    let mut first_line_of: HashMap<String, usize> = HashMap::new();
    let rows = records
        .map(|record| {
            let mut row = read_row(&record, &columns, account_sid, loaded_ids);
            let id = row.draft.app_user_id.trim().to_string();
            if !id.is_empty() {
                if let Some(first) = first_line_of.get(&id) {
                    let message = format!(
                        "{} \"{id}\" already appears on line {first}.",
                        UserField::AppUserId.label()
                    );
                    row.problems
                        .push(Problem::of(UserField::AppUserId, message));
                } else {
                    first_line_of.insert(id, record.line);
                }
            }
            row
        })
        .collect();
    Ok(ImportFile {
        rows,
        ignored_columns,
        columns: columns.iter().flatten().copied().collect(),
    })
}

/// The field of each column (`None`: ignored), and the ignored headers.
fn map_header(cells: &[String]) -> Result<(Vec<Option<UserField>>, Vec<String>), CsvError> {
    let mut columns = Vec::with_capacity(cells.len());
    let mut ignored = Vec::new();
    for cell in cells {
        let field = UserField::from_header(cell);
        if let Some(twice) = field.filter(|f| columns.contains(&Some(*f))) {
            return Err(CsvError::DuplicateColumn(twice));
        }
        if field.is_none() && !cell.trim().is_empty() {
            ignored.push(cell.trim().to_string());
        }
        columns.push(field);
    }
    let missing: Vec<UserField> = UserField::ALL
        .into_iter()
        .filter(|f| {
            f.is_required() && *f != UserField::ExotelAccountSid && !columns.contains(&Some(*f))
        })
        .collect();
    if missing.is_empty() {
        Ok((columns, ignored))
    } else {
        Err(CsvError::MissingColumns(missing))
    }
}

fn read_row(
    record: &Record,
    columns: &[Option<UserField>],
    account_sid: &str,
    loaded_ids: &HashSet<String>,
) -> ImportRow {
    let mut draft = UserDraft {
        exotel_account_sid: account_sid.to_string(),
        ..UserDraft::default()
    };
    for (field, cell) in columns.iter().zip(&record.cells) {
        let value = undo_formula_guard(cell);
        // An empty account cell keeps the app's own account.
        if let Some(field) =
            field.filter(|f| *f != UserField::ExotelAccountSid || !value.trim().is_empty())
        {
            draft.set(field, value.to_string());
        }
    }
    let mut problems = Vec::new();
    if record.cells.len() != columns.len() {
        let message = format!(
            "This row has {} cells; the header has {}.",
            record.cells.len(),
            columns.len()
        );
        problems.push(Problem {
            field: None,
            message,
        });
    }
    problems.extend(check_user(&draft, loaded_ids));
    ImportRow {
        line: record.line,
        draft,
        problems,
    }
}

/// Splits CSV text into records; blank lines are skipped.
pub(crate) fn parse_records(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let (mut cells, mut cell) = (Vec::new(), String::new());
    let (mut line, mut record_line, mut quoted_from) = (1, 1, None);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted_from.is_some(), c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted_from = None,
            (false, '"') if cell.is_empty() => quoted_from = Some(line),
            (false, ',') => cells.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                cells.push(std::mem::take(&mut cell));
                push_record(&mut records, record_line, std::mem::take(&mut cells));
                line += 1;
                record_line = line;
            }
            (_, c) => {
                line += usize::from(c == '\n');
                cell.push(c);
            }
        }
    }
    if let Some(line) = quoted_from {
        return Err(CsvError::UnclosedQuote { line });
    }
    cells.push(cell);
    push_record(&mut records, record_line, cells);
    Ok(records)
}

fn push_record(records: &mut Vec<Record>, line: usize, cells: Vec<String>) {
    let blank = cells.iter().all(|c| c.trim().is_empty());
    if !blank {
        records.push(Record { line, cells });
    }
}

/// A cell as read back: the `'` [`csv_cell`] adds is dropped.
fn undo_formula_guard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "app_user_id,app_username,email,exotel_user_name,virtual_number,agent_number";

    fn read(text: &str) -> ImportFile {
        read_import(text, &HashSet::new(), "acme1").unwrap()
    }

    fn cells(text: &str) -> Vec<Vec<String>> {
        parse_records(text)
            .unwrap()
            .into_iter()
            .map(|r| r.cells)
            .collect()
    }

    #[test]
    fn quoted_fields_hold_commas_quotes_and_line_breaks() {
        let text = "\u{feff}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\r\n";
        assert_eq!(
            cells(text),
            [
                vec!["a", "b"],
                vec!["x, y", "say \"hi\""],
                vec!["two\nlines", "z"]
            ]
        );
        let lines: Vec<usize> = parse_records("h\n\"a\nb\"\nc")
            .unwrap()
            .iter()
            .map(|r| r.line)
            .collect();
        assert_eq!(lines, [1, 2, 4], "a record starts on its first line");
        assert_eq!(
            parse_records("a\n\"open"),
            Err(CsvError::UnclosedQuote { line: 2 })
        );
        assert_eq!(cells("a,b\n\n , \nc,d"), [vec!["a", "b"], vec!["c", "d"]]);
    }

    #[test]
    fn good_rows_read_with_the_app_account_filled_in() {
        let file = read(&format!(
            "{HEADER}\nu1,Asha Verma,asha@example.com,Asha Verma,+918000000001,\n"
        ));
        assert_eq!(file.rows.len(), 1);
        let row = &file.rows[0];
        assert!(row.is_ready(), "{:?}", row.problems);
        assert_eq!(
            (row.line, row.draft.exotel_account_sid.as_str()),
            (2, "acme1")
        );
    }

    #[test]
    fn api_key_headers_in_any_case_and_extra_columns() {
        let text =
            "APPUSERID,AppUsername,EMAIL,ExotelAccountSid,ExotelUserName,VirtualNumber,SipSecret\n\
                    u1,Asha Verma,asha@example.com,other9,Asha Verma,08000000001,xyz";
        let file = read(text);
        assert_eq!(file.ignored_columns, ["SipSecret"]);
        assert_eq!(file.rows[0].draft.exotel_account_sid, "other9");
        assert!(file.rows[0].is_ready());
    }

    #[test]
    fn bad_rows_say_why_and_duplicates_name_the_first_line() {
        let text = format!(
            "{HEADER}\nu1,Asha Verma,asha@example.com,Asha Verma,08000000001,\n\
             u1,Al Roy,nope,Asha Verma,08000000001,\nu2,Asha Verma\nloaded,Asha Verma,a@b.io,Asha Verma,08000000001,"
        );
        let loaded: HashSet<String> = ["loaded".to_string()].into();
        let file = read_import(&text, &loaded, "acme1").unwrap();
        let messages = |i: usize| {
            file.rows[i]
                .problems
                .iter()
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
        };
        assert!(file.rows[0].is_ready());
        let second = messages(1);
        assert!(second.iter().any(|m| m.starts_with("App username")));
        assert!(second.iter().any(|m| m.starts_with("Email")));
        assert!(second
            .iter()
            .any(|m| m.contains("already appears on line 2")));
        assert!(messages(2)[0].contains("2 cells; the header has 6"));
        assert!(messages(3)[0].contains("already exists"));
    }

    #[test]
    fn headers_that_cannot_work_are_refused() {
        let none = HashSet::new();
        assert_eq!(read_import(" \n", &none, ""), Err(CsvError::Empty));
        let missing = read_import("app_user_id,email\nu1,a@b.io", &none, "").unwrap_err();
        assert_eq!(
            missing,
            CsvError::MissingColumns(vec![
                UserField::AppUsername,
                UserField::ExotelUserName,
                UserField::VirtualNumber
            ])
        );
        assert!(missing.message().contains("app_username (App username)"));
        let twice = read_import(&format!("{HEADER},Email"), &none, "").unwrap_err();
        assert_eq!(twice, CsvError::DuplicateColumn(UserField::Email));
        assert!(CsvError::UnclosedQuote { line: 3 }
            .message()
            .contains("line 3"));
    }

    #[test]
    fn an_exported_line_reads_back_unchanged() {
        let values = ["=cmd|' /C calc'!A0", "+919800000001", "'quoted", "-"];
        let text = csv_line(values);
        let read: Vec<String> = cells(&text)
            .remove(0)
            .iter()
            .map(|c| undo_formula_guard(c).to_string())
            .collect();
        assert_eq!(read, values);
    }
}
