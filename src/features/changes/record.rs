//! The record of every write this tab made: what, in which app, before and
//! after, the outcome and the RequestId. Generic: a feature describes its
//! writes as [`Write`]s of a [`Subject`] and appends them as one [`Batch`]
//! (one press of Save, one import, one switch); this module knows no
//! feature. Pure, so the rules are tested on the host; `log` keeps it in
//! the tab.
//!
//! What a record may hold: setting keys and values, AppUserIds, a user's
//! editable fields, device names, app names. Never a secret: no feature
//! writes an AppSecret, API key or token, SipSecret, CustomerSecret or
//! token into a [`Write`] (the types they come from have none, or drop it).

use serde::{Deserialize, Serialize};

use crate::api::ApiError;

/// What one write changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Subject {
    /// An app setting (`POST /app_setting`).
    Setting { key: String },
    /// One field of a user (`PUT /usermapping`), by its API key.
    UserField { user: String, field: String },
    /// A user created (`POST /usermapping`).
    UserCreated { user: String },
    /// Every user of the app deleted (`DELETE /usermapping`).
    UsersDeleted,
    /// A user's active device (`PUT /device`).
    Device { user: String },
    /// The app registered (`POST /app`).
    AppCreated,
    /// The app deleted (`DELETE /app`).
    AppDeleted,
}

impl Subject {
    /// How the Changes page and the CSV say it.
    pub(crate) fn describe(&self) -> String {
        match self {
            Subject::Setting { key } => format!("Setting {key}"),
            Subject::UserField { user, field } => format!("User {user}: {field}"),
            Subject::UserCreated { user } => format!("User {user} created"),
            Subject::UsersDeleted => "Every user deleted".to_string(),
            Subject::Device { user } => format!("User {user}: active device"),
            Subject::AppCreated => "App created".to_string(),
            Subject::AppDeleted => "App deleted".to_string(),
        }
    }
}

/// How a write ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub(crate) enum Outcome {
    Done,
    /// The API refused it; the reason as the admin read it.
    Failed {
        why: String,
    },
    /// No answer, or an unreadable one: it may have landed.
    Unknown {
        why: String,
    },
}

impl Outcome {
    /// A write the API did not accept: refused, or (no answer, an
    /// unreadable one, a 5xx) perhaps landed.
    pub(crate) fn of_error(e: &ApiError) -> Self {
        if e.outcome_unknown() {
            Outcome::Unknown { why: e.to_string() }
        } else {
            Outcome::Failed { why: e.to_string() }
        }
    }

    pub(crate) fn label(&self) -> &'static str {
        match self {
            Outcome::Done => "Done",
            Outcome::Failed { .. } => "Failed",
            Outcome::Unknown { .. } => "Outcome unknown",
        }
    }

    pub(crate) fn why(&self) -> Option<&str> {
        match self {
            Outcome::Done => None,
            Outcome::Failed { why } | Outcome::Unknown { why } => Some(why),
        }
    }
}

/// One write, as a feature reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Write {
    pub(crate) subject: Subject,
    /// The server's value before (`None`: there was none, or unknown).
    pub(crate) before: Option<String>,
    /// The value after (what the server holds when known, else what was
    /// sent).
    pub(crate) after: Option<String>,
    pub(crate) outcome: Outcome,
    pub(crate) request_id: Option<String>,
}

/// The writes of one action in one app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Batch {
    pub(crate) app_id: String,
    pub(crate) app_name: String,
    /// The batch this one undid, if it is an undo.
    pub(crate) undoes: Option<u32>,
    pub(crate) writes: Vec<Write>,
}

/// One recorded write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Change {
    /// 1, 2, 3... in the order written.
    pub(crate) id: u32,
    /// The action it was part of (one Save, one import): what Undo undoes.
    pub(crate) batch: u32,
    /// When, as ISO 8601 UTC.
    pub(crate) at: String,
    pub(crate) app_id: String,
    pub(crate) app_name: String,
    pub(crate) subject: Subject,
    pub(crate) before: Option<String>,
    pub(crate) after: Option<String>,
    pub(crate) outcome: Outcome,
    pub(crate) request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) undoes: Option<u32>,
}

/// What Undo would do for a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Undo {
    /// Restore these settings' earlier values.
    Settings,
    /// Restore these fields of one user.
    User(String),
}

/// Appends `batch` to `list`, stamped `at`; its number, or `None` when it
/// holds no write.
pub(crate) fn append(list: &mut Vec<Change>, at: &str, batch: Batch) -> Option<u32> {
    if batch.writes.is_empty() {
        return None;
    }
    let last = list.last();
    let (mut id, number) = (last.map_or(0, |c| c.id), last.map_or(0, |c| c.batch) + 1);
    for write in batch.writes {
        id += 1;
        list.push(Change {
            id,
            batch: number,
            at: at.to_string(),
            app_id: batch.app_id.clone(),
            app_name: batch.app_name.clone(),
            subject: write.subject,
            before: write.before,
            after: write.after,
            outcome: write.outcome,
            request_id: write.request_id,
            undoes: batch.undoes,
        });
    }
    Some(number)
}

/// The writes of batch `number` that landed, in order.
pub(crate) fn done_in_batch(list: &[Change], number: u32) -> Vec<Change> {
    list.iter()
        .filter(|c| c.batch == number && c.outcome == Outcome::Done)
        .cloned()
        .collect()
}

/// What Undo of batch `number` would restore, if it can be undone: the
/// settings of one save, or the fields of one user's edit, of which at
/// least one landed.
pub(crate) fn undo_of(list: &[Change], number: u32) -> Option<Undo> {
    let done = done_in_batch(list, number);
    let first = done.first()?;
    match &first.subject {
        Subject::Setting { .. } => done
            .iter()
            .all(|c| matches!(c.subject, Subject::Setting { .. }))
            .then_some(Undo::Settings),
        Subject::UserField { user, .. } => done
            .iter()
            .all(|c| matches!(&c.subject, Subject::UserField { user: u, .. } if u == user))
            .then(|| Undo::User(user.clone())),
        _ => None,
    }
}

/// The first batch that undid batch `number`, if one did.
pub(crate) fn undone_by(list: &[Change], number: u32) -> Option<u32> {
    list.iter()
        .find(|c| c.undoes == Some(number) && c.outcome == Outcome::Done)
        .map(|c| c.batch)
}

/// The record as session storage keeps it.
pub(crate) fn encode(list: &[Change]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

/// The stored record; anything unreadable counts as empty (a damaged entry
/// must not break the page).
pub(crate) fn decode(raw: &str) -> Vec<Change> {
    serde_json::from_str(raw).unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn setting(key: &str, before: Option<&str>, after: &str, outcome: Outcome) -> Write {
        Write {
            subject: Subject::Setting { key: key.into() },
            before: before.map(Into::into),
            after: Some(after.into()),
            outcome,
            request_id: Some(format!("req-{key}")),
        }
    }

    pub(crate) fn batch(app: &str, writes: Vec<Write>) -> Batch {
        Batch {
            app_id: app.into(),
            app_name: format!("App {app}"),
            undoes: None,
            writes,
        }
    }

    #[test]
    fn batches_are_numbered_and_each_write_is_one_change() {
        let mut list = Vec::new();
        let first = batch(
            "a1",
            vec![
                setting("popup", Some("https://old"), "https://new", Outcome::Done),
                setting("record", None, "true", Outcome::Done),
            ],
        );
        assert_eq!(
            append(&mut list, "2025-06-02T06:00:00.000Z", first),
            Some(1)
        );
        assert_eq!(
            append(&mut list, "t", batch("a1", vec![])),
            None,
            "nothing written"
        );
        let second = batch(
            "a2",
            vec![setting(
                "popup",
                None,
                "x",
                Outcome::Failed { why: "no".into() },
            )],
        );
        assert_eq!(append(&mut list, "t2", second), Some(2));
        let ids: Vec<(u32, u32)> = list.iter().map(|c| (c.id, c.batch)).collect();
        assert_eq!(ids, [(1, 1), (2, 1), (3, 2)]);
        assert_eq!(list[0].app_name, "App a1");
        assert_eq!(list[1].before, None);
        assert_eq!(decode(&encode(&list)), list, "round trip through storage");
        assert!(decode("not json").is_empty());
    }

    #[test]
    fn only_a_settings_save_or_one_user_s_edit_can_be_undone() {
        let mut list = Vec::new();
        let saved = batch(
            "a1",
            vec![
                setting("popup", Some("https://old"), "https://new", Outcome::Done),
                setting("record", None, "true", Outcome::Failed { why: "no".into() }),
            ],
        );
        append(&mut list, "t", saved);
        assert_eq!(undo_of(&list, 1), Some(Undo::Settings));
        assert_eq!(
            done_in_batch(&list, 1).len(),
            1,
            "the failed key is not undone"
        );
        let field = |user: &str| Write {
            subject: Subject::UserField {
                user: user.into(),
                field: "Email".into(),
            },
            before: Some("a@x.io".into()),
            after: Some("b@x.io".into()),
            outcome: Outcome::Done,
            request_id: None,
        };
        append(&mut list, "t", batch("a1", vec![field("u1")]));
        assert_eq!(undo_of(&list, 2), Some(Undo::User("u1".into())));
        let created = Write {
            subject: Subject::UserCreated { user: "u2".into() },
            ..field("u2")
        };
        append(&mut list, "t", batch("a1", vec![created]));
        assert_eq!(
            undo_of(&list, 3),
            None,
            "a user cannot be deleted one by one"
        );
        let failed = batch(
            "a1",
            vec![setting(
                "popup",
                None,
                "x",
                Outcome::Unknown {
                    why: "timeout".into(),
                },
            )],
        );
        append(&mut list, "t", failed);
        assert_eq!(undo_of(&list, 4), None, "nothing landed");
        assert_eq!(undo_of(&list, 99), None);
        assert_eq!(undone_by(&list, 1), None);
        let undo = Batch {
            undoes: Some(1),
            ..batch(
                "a1",
                vec![setting(
                    "popup",
                    Some("https://new"),
                    "https://old",
                    Outcome::Done,
                )],
            )
        };
        let number = append(&mut list, "t", undo).unwrap();
        assert_eq!(undone_by(&list, 1), Some(number));
    }
}
