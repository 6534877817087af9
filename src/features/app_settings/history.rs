//! The settings' side of the change record: what one save wrote (a
//! [`Write`] per key sent), and what undoing a save puts back (a
//! [`Restore`] per key that landed). Pure, tested on the host.

use super::draft::Restore;
use super::flow::{KeyOutcome, SaveRun};
use crate::features::changes::record::{Change, Outcome, Subject, Write};

/// One write per key that was sent; keys not sent (a conflict, already
/// there, never reached) wrote nothing.
pub(crate) fn writes_of(run: &SaveRun) -> Vec<Write> {
    run.results
        .iter()
        .filter_map(|r| {
            let (after, outcome) = match &r.outcome {
                KeyOutcome::Saved => (Some(r.sent.value.clone()), Outcome::Done),
                KeyOutcome::StoredAs(now) => (now.clone(), Outcome::Done),
                KeyOutcome::Failed(e) => (Some(r.sent.value.clone()), Outcome::of_error(e)),
                _ => return None,
            };
            Some(Write {
                subject: Subject::Setting {
                    key: r.sent.key.clone(),
                },
                before: r.before.clone(),
                after,
                outcome,
                request_id: r.request_id.clone(),
            })
        })
        .collect()
}

/// What undoing `done` (the settings writes of one save that landed)
/// restores: each key's value before, or an empty value for a key that did
/// not exist (the API cannot delete a setting), starting from the value
/// the save left.
pub(crate) fn restores_of(done: &[Change]) -> Vec<Restore> {
    done.iter()
        .filter_map(|c| match &c.subject {
            Subject::Setting { key } => Some(Restore {
                key: key.clone(),
                value: c.before.clone().unwrap_or_default(),
                left: c.after.clone(),
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::http_error;
    use crate::api::Setting;
    use crate::features::app_settings::flow::KeyResult;
    use crate::features::changes::record::{append, done_in_batch, Batch};

    fn result(key: &str, value: &str, before: Option<&str>, outcome: KeyOutcome) -> KeyResult {
        KeyResult {
            sent: Setting {
                key: key.into(),
                value: value.into(),
            },
            outcome,
            before: before.map(Into::into),
            request_id: Some(format!("r-{key}")),
        }
    }

    fn run() -> SaveRun {
        SaveRun {
            results: vec![
                result(
                    "popup",
                    "https://new",
                    Some("https://old"),
                    KeyOutcome::Saved,
                ),
                result(
                    "record",
                    "true",
                    None,
                    KeyOutcome::StoredAs(Some("TRUE".into())),
                ),
                result(
                    "callback",
                    "https://cb",
                    None,
                    KeyOutcome::Failed(http_error(400)),
                ),
                result(
                    "missedCall",
                    "https://m",
                    None,
                    KeyOutcome::Failed(http_error(502)),
                ),
                result(
                    "streaming",
                    "wss://s",
                    Some("wss://t"),
                    KeyOutcome::Conflict(None),
                ),
                result(
                    "playback",
                    "https://p",
                    Some("https://p"),
                    KeyOutcome::AlreadyThere,
                ),
            ],
            reread: None,
            token_refused: None,
            check_failed: None,
        }
    }

    #[test]
    fn a_save_records_each_key_sent_with_before_after_and_request_id() {
        let writes = writes_of(&run());
        let keys: Vec<String> = writes.iter().map(|w| w.subject.describe()).collect();
        assert_eq!(
            keys,
            [
                "Setting popup",
                "Setting record",
                "Setting callback",
                "Setting missedCall"
            ],
            "a conflict or a value already there wrote nothing"
        );
        assert_eq!(writes[0].before.as_deref(), Some("https://old"));
        assert_eq!(writes[0].after.as_deref(), Some("https://new"));
        assert_eq!(
            writes[1].after.as_deref(),
            Some("TRUE"),
            "what the server kept"
        );
        assert!(matches!(writes[2].outcome, Outcome::Failed { .. }));
        assert!(matches!(writes[3].outcome, Outcome::Unknown { .. }));
        assert_eq!(writes[0].request_id.as_deref(), Some("r-popup"));
    }

    #[test]
    fn undo_restores_what_landed_and_empties_a_key_that_was_new() {
        let mut list = Vec::new();
        let batch = Batch {
            app_id: "a1".into(),
            app_name: "A".into(),
            undoes: None,
            writes: writes_of(&run()),
        };
        let number = append(&mut list, "t", batch).unwrap();
        let restores = restores_of(&done_in_batch(&list, number));
        assert_eq!(
            restores,
            [
                Restore {
                    key: "popup".into(),
                    value: "https://old".into(),
                    left: Some("https://new".into()),
                },
                Restore {
                    key: "record".into(),
                    value: String::new(),
                    left: Some("TRUE".into()),
                },
            ]
        );
    }
}
