//! The settings editor's model: what the server holds, what the admin has
//! typed, and so what Save would send. Pure, so every rule is tested on the
//! host; the page binds it to inputs.

use std::collections::{BTreeMap, BTreeSet};

use super::check::{check_value, Verdict};
use super::keys::{KnownKey, ValueKind};
use crate::api::Setting;

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
}

/// The editor's state for one app.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
    pub(crate) fn set(&mut self, key: &str, value: String) {
        let is_added = self.added.iter().any(|k| k == key);
        if value == self.baseline(key) && !is_added {
            self.edits.remove(key);
        } else {
            self.edits.insert(key.to_string(), value);
        }
        self.accepted.remove(key);
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
            value,
            changed: self.is_changed(key),
        }
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
    }

    /// After a save: the server's settings become the baseline; edits that
    /// were saved go, the others stay (failed, or not sent).
    pub(crate) fn rebase(&mut self, stored: Vec<Setting>, saved: &[String]) {
        for key in saved {
            self.edits.remove(key);
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
}
