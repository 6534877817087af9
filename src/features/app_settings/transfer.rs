//! Copying settings between apps: an export file, and reading one back
//! (or pasted text) into a preview of what would change. Nothing here sends
//! anything: an import only fills the editor.

use serde::Serialize;
use serde_json::{Map, Value};

use super::check::{check_value, Verdict};
use crate::api::Setting;

/// Names the export format, so a file is recognised when read back.
const FORMAT: &str = "exotel-console/app-settings@1";

#[derive(Serialize)]
struct ExportFile<'a> {
    format: &'static str,
    #[serde(rename = "AppID")]
    app_id: &'a str,
    #[serde(rename = "AppName")]
    app_name: &'a str,
    settings: Vec<ExportedSetting<'a>>,
}

#[derive(Serialize)]
struct ExportedSetting<'a> {
    #[serde(rename = "Key")]
    key: &'a str,
    #[serde(rename = "Value")]
    value: &'a str,
}

/// The export file for an app's stored settings (pretty JSON).
pub(crate) fn export_json(app_id: &str, app_name: &str, settings: &[Setting]) -> String {
    let file = ExportFile {
        format: FORMAT,
        app_id,
        app_name,
        settings: settings
            .iter()
            .map(|s| ExportedSetting {
                key: &s.key,
                value: &s.value,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// The file name of an export: the app's id, never anything secret.
pub(crate) fn export_file_name(app_id: &str) -> String {
    let safe: String = app_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("app-settings-{safe}.json")
}

/// One entry of an import, judged against the target app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ImportRow {
    pub(crate) key: String,
    /// What the target app's editor holds now (`None`: not set).
    pub(crate) old: Option<String>,
    /// What the file says (as text, even when it was not a string).
    pub(crate) new: String,
    pub(crate) status: ImportStatus,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ImportStatus {
    Add,
    Change,
    Same,
    /// Not taken, with why.
    Invalid(String),
}

impl ImportRow {
    pub(crate) fn is_taken(&self) -> bool {
        matches!(self.status, ImportStatus::Add | ImportStatus::Change)
    }
}

/// Reads an export file, a `{"key": "value"}` object, an array of
/// `{Key, Value}` or a `GET /app_setting` answer, and judges each entry
/// against `current` (key -> the target editor's value, `None` if unset).
pub(crate) fn read_import(
    text: &str,
    current: impl Fn(&str) -> Option<String>,
) -> Result<Vec<ImportRow>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Nothing to import: choose a file or paste the exported JSON.".into());
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "This is not JSON (line {}, column {}).",
            e.line(),
            e.column()
        )
    })?;
    let entries = entries_of(value)?;
    if entries.is_empty() {
        return Err("The file holds no settings.".into());
    }
    let mut seen: Vec<String> = Vec::new();
    Ok(entries
        .into_iter()
        .map(|(key, raw)| {
            let row = judge(&key, raw, current(&key), seen.contains(&key));
            seen.push(key);
            row
        })
        .collect())
}

/// The `(key, value)` pairs of any accepted shape: a list keeps the file's
/// order, an object comes sorted by key.
fn entries_of(value: Value) -> Result<Vec<(String, Value)>, String> {
    match value {
        Value::Array(items) => items.into_iter().map(pair_of).collect(),
        Value::Object(mut map) => {
            for list in ["settings", "Data"] {
                if let Some(Value::Array(items)) = map.remove(list) {
                    return items.into_iter().map(pair_of).collect();
                }
            }
            if map.contains_key("format") || map.contains_key("Data") {
                return Err("The file has no list of settings.".into());
            }
            Ok(map.into_iter().collect())
        }
        _ => Err("Expected a JSON object or array of settings.".into()),
    }
}

fn pair_of(item: Value) -> Result<(String, Value), String> {
    let Value::Object(mut map) = item else {
        return Err("Each setting must be an object with Key and Value.".into());
    };
    let key = match take(&mut map, "Key") {
        Some(Value::String(k)) if !k.trim().is_empty() => k.trim().to_string(),
        _ => return Err("A setting has no Key.".into()),
    };
    Ok((key, take(&mut map, "Value").unwrap_or(Value::Null)))
}

/// `Key`/`key`, `Value`/`value`: files edited by hand vary.
fn take(map: &mut Map<String, Value>, name: &str) -> Option<Value> {
    map.remove(name)
        .or_else(|| map.remove(&name.to_ascii_lowercase()))
}

fn judge(key: &str, raw: Value, old: Option<String>, duplicate: bool) -> ImportRow {
    let (new, status) = match raw {
        Value::String(new) => {
            let status = if duplicate {
                ImportStatus::Invalid("This key appears earlier in the file.".into())
            } else if let Verdict::Refuse(why) = check_value(key, &new) {
                ImportStatus::Invalid(why)
            } else if old.as_deref() == Some(new.as_str()) {
                ImportStatus::Same
            } else if old.is_none() {
                ImportStatus::Add
            } else {
                ImportStatus::Change
            };
            (new, status)
        }
        other => {
            let why = "Values are strings in Exotel's API; write this one in quotes (\"true\").";
            (other.to_string(), ImportStatus::Invalid(why.into()))
        }
    };
    ImportRow {
        key: key.to_string(),
        old,
        new,
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(key: &str, value: &str) -> Setting {
        Setting {
            key: key.into(),
            value: value.into(),
        }
    }

    fn nothing(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn an_export_reads_back_as_additions() {
        let text = export_json(
            "app-1",
            "WebRTC",
            &[s("popup", "https://a.example/p"), s("record", "true")],
        );
        assert!(text.contains(FORMAT));
        let rows = read_import(&text, nothing).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.status == ImportStatus::Add));
        assert_eq!(rows[0].new, "https://a.example/p");
    }

    #[test]
    fn rows_compare_with_the_target() {
        let current = |k: &str| match k {
            "popup" => Some("https://a.example/p".to_string()),
            "callback" => Some("https://old.example".to_string()),
            _ => None,
        };
        let text = concat!(
            r#"{"popup": "https://a.example/p", "callback": "https://new.example","#,
            r#" "missedCall": "https://m.example"}"#
        );
        let rows = read_import(text, current).unwrap();
        let statuses: Vec<_> = rows
            .iter()
            .map(|r| (r.key.as_str(), r.status.clone()))
            .collect();
        assert!(statuses.contains(&("popup", ImportStatus::Same)));
        assert!(statuses.contains(&("callback", ImportStatus::Change)));
        assert!(statuses.contains(&("missedCall", ImportStatus::Add)));
        let changed = rows.iter().find(|r| r.key == "callback").unwrap();
        assert_eq!(changed.old.as_deref(), Some("https://old.example"));
    }

    #[test]
    fn api_answers_and_plain_arrays_are_accepted() {
        let answer =
            r#"{"RequestId":"r","Status":"success","Data":[{"Key":"record","Value":"false"}]}"#;
        assert_eq!(read_import(answer, nothing).unwrap()[0].key, "record");
        let array = r#"[{"key":"popup","value":"https://a.example"}]"#;
        assert_eq!(
            read_import(array, nothing).unwrap()[0].status,
            ImportStatus::Add
        );
    }

    #[test]
    fn bad_entries_are_marked_not_guessed() {
        let text = concat!(
            r#"[{"Key":"missedCall","Value":true},{"Key":"popup","Value":"ftp://x"},"#,
            r#"{"Key":"record","Value":"true"},{"Key":"record","Value":"false"}]"#
        );
        let rows = read_import(text, nothing).unwrap();
        assert!(matches!(&rows[0].status, ImportStatus::Invalid(w) if w.contains("strings")));
        assert!(matches!(&rows[1].status, ImportStatus::Invalid(w) if w.contains("https://")));
        assert_eq!(rows[2].status, ImportStatus::Add);
        assert!(matches!(&rows[3].status, ImportStatus::Invalid(w) if w.contains("earlier")));
        assert_eq!(rows.iter().filter(|r| r.is_taken()).count(), 1);
    }

    #[test]
    fn unreadable_input_says_why() {
        assert!(read_import("", nothing)
            .unwrap_err()
            .contains("Nothing to import"));
        assert!(read_import("{oops", nothing)
            .unwrap_err()
            .contains("not JSON"));
        assert!(read_import("42", nothing)
            .unwrap_err()
            .contains("object or array"));
        assert!(read_import("[]", nothing)
            .unwrap_err()
            .contains("no settings"));
        assert!(read_import(r#"[{"Value":"x"}]"#, nothing)
            .unwrap_err()
            .contains("no Key"));
    }

    #[test]
    fn file_names_hold_only_the_app_id() {
        assert_eq!(
            export_file_name("2e64-ab/../x"),
            "app-settings-2e64-abx.json"
        );
    }
}
