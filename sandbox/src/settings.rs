//! App settings (`/app_setting`): one string `Value` per `Key`, kept in
//! insertion order, plus the test control that makes the server store a
//! value other than the one sent.

use serde::{Deserialize, Serialize};

/// One stored setting, serialised as the API's `{"Key", "Value"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Setting {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value")]
    pub value: String,
}

impl Setting {
    pub fn new(key: &str, value: &str) -> Self {
        Setting {
            key: key.to_string(),
            value: value.to_string(),
        }
    }
}

/// How a rewrite changes a value before it is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    Lowercase,
    Trim,
    StripTrailingSlash,
}

/// `POST /__sandbox/settings-rewrite`: for `key`, store `value` instead of
/// what was sent, or the sent value passed through `transform`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingRewrite {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transform: Option<Transform>,
}

impl SettingRewrite {
    pub fn check(&self) -> Result<(), String> {
        if self.key.is_empty() {
            return Err("key must not be empty".to_string());
        }
        match (&self.value, &self.transform) {
            (Some(_), None) | (None, Some(_)) => Ok(()),
            _ => Err("give exactly one of value and transform".to_string()),
        }
    }

    fn apply(&self, sent: &str) -> String {
        if let Some(v) = &self.value {
            return v.clone();
        }
        match self.transform {
            Some(Transform::Lowercase) => sent.to_lowercase(),
            Some(Transform::Trim) => sent.trim().to_string(),
            Some(Transform::StripTrailingSlash) => sent.trim_end_matches('/').to_string(),
            None => sent.to_string(),
        }
    }
}

/// The value the server stores for `key` when `sent` was sent.
pub fn stored_value(rewrites: &[SettingRewrite], key: &str, sent: &str) -> String {
    match rewrites.iter().find(|r| r.key == key) {
        Some(r) => r.apply(sent),
        None => sent.to_string(),
    }
}

/// Creates or replaces: a known key keeps its position.
pub fn upsert(settings: &mut Vec<Setting>, key: &str, value: String) {
    match settings.iter_mut().find(|s| s.key == key) {
        Some(s) => s.value = value,
        None => settings.push(Setting {
            key: key.to_string(),
            value,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upsert_keeps_position_and_rewrites_apply() {
        let mut s = vec![Setting::new("popup", "a"), Setting::new("record", "true")];
        upsert(&mut s, "popup", "b".into());
        upsert(&mut s, "missedCall", "c".into());
        let keys: Vec<_> = s
            .iter()
            .map(|x| (x.key.as_str(), x.value.as_str()))
            .collect();
        assert_eq!(
            keys,
            [("popup", "b"), ("record", "true"), ("missedCall", "c")]
        );
        let r = [
            SettingRewrite {
                key: "popup".into(),
                value: Some("X".into()),
                transform: None,
            },
            SettingRewrite {
                key: "callback".into(),
                value: None,
                transform: Some(Transform::StripTrailingSlash),
            },
        ];
        assert_eq!(stored_value(&r, "popup", "y"), "X");
        assert_eq!(stored_value(&r, "callback", "https://a/b//"), "https://a/b");
        assert_eq!(stored_value(&r, "record", "true"), "true");
        assert!(r[0].check().is_ok());
    }
}
