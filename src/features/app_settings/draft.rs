//! The settings editor's model: what the server holds, what the admin has
//! typed, and so what Save would send. Pure, so every rule is tested on the
//! host; the page binds it to inputs.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::check::{check_value, Verdict};
use super::flow::Planned;
use super::keys::{KnownKey, ValueKind};
use crate::api::Setting;
use crate::features::changes::three_way::Conflict;

/// One row of the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    /// What the server holds; `None` when it has no such key.
    pub(crate) stored: Option<String>,
    /// What the field shows (the edit, else the stored value).
    pub(crate) value: String,
    pub(crate) changed: bool,
    /// The verdict on `value`.
    pub(crate) verdict: Verdict,
    /// Someone else changed the key while it was edited: the value the
    /// edit started from, the server's, the edit.
    pub(crate) conflict: Option<Conflict<String, Option<String>>>,
}

/// A server value: `None` when the server has no such key.
type ServerValue = Option<String>;

/// The editor's state for one app. Serialised to the tab's session storage
/// (nothing in it is a secret), so a reload keeps what was typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SettingsDraft {
    /// The server's settings as last read, in its order.
    stored: Vec<Setting>,
    /// What the admin typed, by key; only values that differ from the
    /// baseline are kept.
    edits: BTreeMap<String, String>,
    /// Custom keys the admin added, in the order added.
    added: Vec<String>,
    /// Keys whose `http://` / `ws://` warning the admin accepted.
    accepted: BTreeSet<String>,
    /// The server's value each edit started from, by key: what Save
    /// compares with the server's value read again just before sending.
    #[serde(default)]
    bases: BTreeMap<String, ServerValue>,
    /// Keys someone else changed while they were edited, with the value the
    /// server held at the last save (not sent until the admin chooses).
    #[serde(default)]
    conflicts: BTreeMap<String, ServerValue>,
}

impl SettingsDraft {
    #[cfg(test)]
    pub(crate) fn new(stored: Vec<Setting>) -> Self {
        SettingsDraft {
            stored,
            ..Default::default()
        }
    }

    pub(crate) fn stored(&self) -> &[Setting] {
        &self.stored
    }

    pub(crate) fn stored_value(&self, key: &str) -> Option<&str> {
        self.stored
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.value.as_str())
    }

    /// What the field starts from: the stored value; for an unset switch
    /// "false", Exotel's documented default, so leaving it off sends nothing.
    fn baseline(&self, key: &str) -> String {
        match (
            self.stored_value(key),
            KnownKey::from_api_name(key).map(KnownKey::kind),
        ) {
            (Some(v), _) => v.to_string(),
            (None, Some(ValueKind::Switch)) => "false".into(),
            (None, _) => String::new(),
        }
    }

    pub(crate) fn value(&self, key: &str) -> String {
        self.edits
            .get(key)
            .cloned()
            .unwrap_or_else(|| self.baseline(key))
    }

    /// Records what the admin typed. A value equal to the baseline is no
    /// change, except for an added custom key, which is new whatever it holds.
    /// The first edit of a key remembers the server's value it started
    /// from; later edits keep it.
    pub(crate) fn set(&mut self, key: &str, value: String) {
        let is_added = self.added.iter().any(|k| k == key);
        if value == self.baseline(key) && !is_added {
            self.forget_edit(key);
        } else {
            let base = self.stored_value(key).map(str::to_string);
            self.bases.entry(key.to_string()).or_insert(base);
            self.edits.insert(key.to_string(), value);
        }
        self.accepted.remove(key);
    }

    fn forget_edit(&mut self, key: &str) {
        self.edits.remove(key);
        self.bases.remove(key);
        self.conflicts.remove(key);
    }

    pub(crate) fn is_changed(&self, key: &str) -> bool {
        self.edits.contains_key(key)
    }

    pub(crate) fn is_dirty(&self) -> bool {
        !self.edits.is_empty()
    }

    /// Puts an imported value in the editor: a key the editor has is set, any
    /// other is added as a custom key.
    pub(crate) fn put(&mut self, key: &str, value: String) {
        if self.keys().iter().any(|k| k == key) {
            self.set(key, value);
        } else {
            self.add_custom(key.to_string(), value);
        }
    }

    /// Takes what a save sent as stored, when the settings could not be read
    /// again afterwards.
    pub(crate) fn assume_saved(&mut self, saved: &[Setting]) {
        let mut stored = self.stored.clone();
        for s in saved {
            match stored.iter_mut().find(|t| t.key == s.key) {
                Some(t) => t.value = s.value.clone(),
                None => stored.push(s.clone()),
            }
        }
        let keys: Vec<String> = saved.iter().map(|s| s.key.clone()).collect();
        self.rebase(stored, &keys);
    }

    /// Adds a custom key (checked by the caller) with its value.
    pub(crate) fn add_custom(&mut self, key: String, value: String) {
        let base = self.stored_value(&key).map(str::to_string);
        self.bases.entry(key.clone()).or_insert(base);
        self.edits.insert(key.clone(), value);
        self.added.push(key);
    }

    /// The admin ticked (or unticked) "Send it anyway" under a warning.
    pub(crate) fn accept_warning(&mut self, key: &str, accepted: bool) {
        if accepted {
            self.accepted.insert(key.to_string());
        } else {
            self.accepted.remove(key);
        }
    }

    pub(crate) fn warning_accepted(&self, key: &str) -> bool {
        self.accepted.contains(key)
    }

    /// Every key of the editor in its order: the known table, then the
    /// server's other keys in its order, then the added ones.
    pub(crate) fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = KnownKey::ALL
            .iter()
            .map(|k| k.api_name().to_string())
            .collect();
        for s in &self.stored {
            if !keys.contains(&s.key) {
                keys.push(s.key.clone());
            }
        }
        for k in &self.added {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        keys
    }

    /// The editor's row for `key`.
    pub(crate) fn row(&self, key: &str) -> Row {
        let value = self.value(key);
        Row {
            stored: self.stored_value(key).map(str::to_string),
            verdict: check_value(key, &value),
            conflict: self.conflict(key, &value),
            value,
            changed: self.is_changed(key),
        }
    }

    fn conflict(&self, key: &str, mine: &str) -> Option<Conflict<String, ServerValue>> {
        self.conflicts.get(key).map(|theirs| Conflict {
            what: key.to_string(),
            loaded: self.base_of(key),
            theirs: theirs.clone(),
            mine: Some(mine.to_string()),
        })
    }

    /// The server's value the edit of `key` started from.
    fn base_of(&self, key: &str) -> ServerValue {
        match self.bases.get(key) {
            Some(base) => base.clone(),
            None => self.stored_value(key).map(str::to_string),
        }
    }

    /// What Save sends, each change with the value it started from.
    pub(crate) fn planned(&self) -> Vec<Planned> {
        self.changes()
            .into_iter()
            .map(|setting| Planned {
                base: self.base_of(&setting.key),
                setting,
            })
            .collect()
    }

    /// The edit of `key` as a save of it alone, if there is one.
    pub(crate) fn planned_key(&self, key: &str) -> Option<Planned> {
        self.planned().into_iter().find(|p| p.setting.key == key)
    }

    /// What Save sends: the changed keys, in the editor's order.
    pub(crate) fn changes(&self) -> Vec<Setting> {
        self.keys()
            .into_iter()
            .filter_map(|key| {
                self.edits.get(&key).map(|v| Setting {
                    value: v.clone(),
                    key,
                })
            })
            .collect()
    }

    /// The changes that cannot be sent yet: refused values, and warnings the
    /// admin has not accepted.
    pub(crate) fn problems(&self) -> Vec<Problem> {
        self.changes()
            .into_iter()
            .filter_map(|s| match check_value(&s.key, &s.value) {
                Verdict::Fine => None,
                Verdict::Warn(_) if self.warning_accepted(&s.key) => None,
                Verdict::Warn(message) => Some(Problem {
                    key: s.key,
                    message,
                    warning: true,
                }),
                Verdict::Refuse(message) => Some(Problem {
                    key: s.key,
                    message,
                    warning: false,
                }),
            })
            .collect()
    }

    /// Drops every edit.
    pub(crate) fn discard(&mut self) {
        self.edits.clear();
        self.added.clear();
        self.accepted.clear();
        self.bases.clear();
        self.conflicts.clear();
    }

    /// A save found these keys changed by someone else (with the server's
    /// value then): they wait for the admin's choice.
    pub(crate) fn mark_conflicts(&mut self, found: Vec<(String, ServerValue)>) {
        for (key, theirs) in found {
            if self.edits.contains_key(&key) {
                self.conflicts.insert(key, theirs);
            }
        }
    }

    pub(crate) fn has_conflicts(&self) -> bool {
        !self.conflicts.is_empty()
    }

    /// Keep mine: the edit now starts from the server's value, so the next
    /// save of it is sent; that save, if there is an edit.
    pub(crate) fn keep_mine(&mut self, key: &str) -> Option<Planned> {
        let theirs = self.conflicts.remove(key)?;
        self.bases.insert(key.to_string(), theirs);
        self.planned_key(key)
    }

    /// Take theirs: the edit goes, the server's value is the field's.
    pub(crate) fn take_theirs(&mut self, key: &str) {
        let Some(theirs) = self.conflicts.remove(key) else {
            return;
        };
        self.forget_edit(key);
        self.added.retain(|k| k != key);
        self.accepted.remove(key);
        match (self.stored.iter_mut().find(|s| s.key == key), theirs) {
            (Some(s), Some(v)) => s.value = v,
            (Some(_), None) => self.stored.retain(|s| s.key != key),
            (None, Some(v)) => self.stored.push(Setting {
                key: key.to_string(),
                value: v,
            }),
            (None, None) => {}
        }
    }

    /// Puts an undo in the editor: each key back to its value, starting
    /// from the value the undone save left (so a key someone changed since
    /// is a conflict, not overwritten). Refused, naming the key, when one
    /// of them holds an unsaved edit: nothing typed is replaced.
    pub(crate) fn stage_undo(&mut self, restores: Vec<Restore>) -> Result<Vec<Planned>, String> {
        if let Some(busy) = restores.iter().find(|r| self.edits.contains_key(&r.key)) {
            return Err(busy.key.clone());
        }
        let mut planned = Vec::with_capacity(restores.len());
        for r in restores {
            if !self.keys().contains(&r.key) {
                self.added.push(r.key.clone());
            }
            self.bases.insert(r.key.clone(), r.left.clone());
            self.edits.insert(r.key.clone(), r.value.clone());
            planned.push(Planned {
                setting: Setting {
                    key: r.key,
                    value: r.value,
                },
                base: r.left,
            });
        }
        Ok(planned)
    }

    /// After a save: the server's settings become the baseline; edits that
    /// were saved go, the others stay (failed, or not sent).
    pub(crate) fn rebase(&mut self, stored: Vec<Setting>, saved: &[String]) {
        for key in saved {
            self.forget_edit(key);
            self.accepted.remove(key);
        }
        self.added.retain(|k| self.edits.contains_key(k));
        self.stored = stored;
        // An edit that now equals what the server holds is no longer one.
        let keys: Vec<String> = self.edits.keys().cloned().collect();
        for key in keys {
            let value = self.edits[&key].clone();
            self.set(&key, value);
        }
    }
}

/// One key of an undo: the value to put back, and the value the undone
/// save left on the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Restore {
    pub(crate) key: String,
    pub(crate) value: String,
    pub(crate) left: ServerValue,
}

/// A change that blocks Save until fixed (or, for a warning, accepted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) key: String,
    pub(crate) message: String,
    pub(crate) warning: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(key: &str, value: &str) -> Setting {
        Setting {
            key: key.into(),
            value: value.into(),
        }
    }

    #[test]
    fn an_untouched_draft_sends_nothing() {
        let d = SettingsDraft::new(vec![
            setting("popup", "https://a.example/p"),
            setting("x_custom", "1"),
        ]);
        assert!(!d.is_dirty());
        assert!(d.changes().is_empty());
        assert_eq!(
            d.value("record"),
            "false",
            "an unset switch shows Exotel's default"
        );
        let keys = d.keys();
        assert_eq!(keys[..7], KnownKey::ALL.map(|k| k.api_name().to_string()));
        assert_eq!(keys[7], "x_custom");
    }

    #[test]
    fn only_changed_keys_are_sent_in_editor_order() {
        let mut d = SettingsDraft::new(vec![setting("popup", "https://a.example/p")]);
        d.set("playback", "https://a.example/hello.mp3".into());
        d.set("record", "true".into());
        d.set("popup", "https://a.example/p".into());
        assert_eq!(
            d.changes(),
            vec![
                setting("record", "true"),
                setting("playback", "https://a.example/hello.mp3")
            ]
        );
        d.set("record", "false".into());
        assert_eq!(d.changes().len(), 1, "back to the default is no change");
    }

    #[test]
    fn clearing_a_stored_value_sends_an_empty_one() {
        let mut d = SettingsDraft::new(vec![setting("popup", "https://a.example/p")]);
        d.set("popup", String::new());
        assert_eq!(d.changes(), vec![setting("popup", "")]);
        assert!(d.problems().is_empty());
    }

    #[test]
    fn custom_keys_are_new_whatever_they_hold() {
        let mut d = SettingsDraft::new(vec![]);
        d.add_custom("webrtc_enabled".into(), String::new());
        assert_eq!(d.changes(), vec![setting("webrtc_enabled", "")]);
        assert_eq!(d.keys().last().map(String::as_str), Some("webrtc_enabled"));
    }

    #[test]
    fn warnings_block_until_accepted_and_refusals_always() {
        let mut d = SettingsDraft::new(vec![]);
        d.set("popup", "http://a.example/p".into());
        d.set("missedCall", "not a url".into());
        let problems = d.problems();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].warning && !problems[1].warning);
        d.accept_warning("popup", true);
        assert_eq!(d.problems().len(), 1);
        d.set("popup", "http://a.example/other".into());
        assert_eq!(d.problems().len(), 2, "a new value needs a new acceptance");
    }

    #[test]
    fn rebase_keeps_what_was_not_saved() {
        let mut d = SettingsDraft::new(vec![]);
        d.set("popup", "https://a.example/p".into());
        d.set("callback", "https://a.example/cb".into());
        d.rebase(
            vec![setting("popup", "https://a.example/p")],
            &["popup".into()],
        );
        assert_eq!(
            d.changes(),
            vec![setting("callback", "https://a.example/cb")]
        );
        assert_eq!(d.stored_value("popup"), Some("https://a.example/p"));
    }

    #[test]
    fn imports_set_known_keys_and_add_others() {
        let mut d = SettingsDraft::new(vec![]);
        d.put("popup", "https://a.example/p".into());
        d.put("webrtc_enabled", "true".into());
        assert_eq!(
            d.changes(),
            vec![
                setting("popup", "https://a.example/p"),
                setting("webrtc_enabled", "true")
            ]
        );
    }

    #[test]
    fn without_a_reread_the_sent_values_become_the_baseline() {
        let mut d = SettingsDraft::new(vec![setting("popup", "https://old.example")]);
        d.set("popup", "https://new.example".into());
        d.set("callback", "https://cb.example".into());
        d.assume_saved(&[setting("popup", "https://new.example")]);
        assert_eq!(d.stored_value("popup"), Some("https://new.example"));
        assert_eq!(d.changes(), vec![setting("callback", "https://cb.example")]);
    }

    #[test]
    fn discard_resets_everything() {
        let mut d = SettingsDraft::new(vec![setting("popup", "https://a.example/p")]);
        d.set("popup", "https://b.example".into());
        d.add_custom("k".into(), "v".into());
        d.discard();
        assert!(!d.is_dirty());
        assert_eq!(d.keys().len(), 7);
    }

    #[test]
    fn an_edit_remembers_the_value_it_started_from_through_a_reload() {
        let mut d = SettingsDraft::new(vec![setting("popup", "https://loaded")]);
        d.set("popup", "https://mine".into());
        d.set("popup", "https://mine-2".into());
        d.set("record", "true".into());
        // The page reads the settings again: someone changed popup meanwhile.
        d.rebase(vec![setting("popup", "https://theirs")], &[]);
        let planned = d.planned();
        assert_eq!(planned[0].base.as_deref(), Some("https://loaded"));
        assert_eq!(planned[0].setting.value, "https://mine-2");
        assert_eq!(planned[1].base, None, "record was not set");
        let stored = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<SettingsDraft>(&stored).unwrap(), d);
    }

    #[test]
    fn a_conflict_shows_three_values_until_the_admin_chooses() {
        let mut d = SettingsDraft::new(vec![setting("popup", "https://loaded")]);
        d.set("popup", "https://mine".into());
        d.rebase(vec![setting("popup", "https://theirs")], &[]);
        d.mark_conflicts(vec![("popup".into(), Some("https://theirs".into()))]);
        let conflict = d.row("popup").conflict.unwrap();
        assert_eq!(
            (conflict.loaded, conflict.theirs, conflict.mine),
            (
                Some("https://loaded".to_string()),
                Some("https://theirs".to_string()),
                Some("https://mine".to_string())
            )
        );
        let mut keep = d.clone();
        let planned = keep.keep_mine("popup").unwrap();
        assert_eq!(
            planned.base.as_deref(),
            Some("https://theirs"),
            "sent over theirs"
        );
        assert!(!keep.has_conflicts() && keep.is_dirty());
        d.take_theirs("popup");
        assert!(!d.is_dirty() && !d.has_conflicts());
        assert_eq!(d.value("popup"), "https://theirs");
    }

    #[test]
    fn a_conflict_is_only_marked_on_an_edit_and_goes_with_it() {
        let mut d = SettingsDraft::new(vec![]);
        d.mark_conflicts(vec![("popup".into(), None)]);
        assert!(!d.has_conflicts(), "no edit, no conflict");
        d.set("popup", "https://mine".into());
        d.mark_conflicts(vec![("popup".into(), Some("https://x".into()))]);
        d.discard();
        assert!(!d.has_conflicts());
    }

    #[test]
    fn an_undo_is_staged_from_what_the_save_left_and_never_over_an_edit() {
        let mut d = SettingsDraft::new(vec![setting("popup", "https://new")]);
        let restore = |key: &str, value: &str, left: &str| Restore {
            key: key.into(),
            value: value.into(),
            left: Some(left.into()),
        };
        d.set("record", "true".into());
        let busy = d.stage_undo(vec![restore("record", "", "false")]);
        assert_eq!(busy, Err("record".to_string()));
        let planned = d
            .stage_undo(vec![
                restore("popup", "https://old", "https://new"),
                restore("x_custom", "", "1"),
            ])
            .unwrap();
        assert_eq!(planned[0].base.as_deref(), Some("https://new"));
        assert_eq!(d.value("popup"), "https://old");
        assert!(
            d.keys().contains(&"x_custom".to_string()),
            "shown to be sent"
        );
        assert_eq!(d.changes().len(), 3);
    }
}
