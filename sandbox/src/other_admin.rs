//! "The other admin": a test control that changes an app's data behind the
//! console's back, as a second admin or a deploy script would. An edit is
//! applied at once, or queued to land just before a chosen API call (the
//! console's second read, say), so a test can put a change exactly between
//! the console's reads. Edits follow the API's own rules (PUT's checks, the
//! device model) but are no API calls: they never reach the request log,
//! and settings rewrites do not apply to them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::faults::{Call, RouteKind};
use crate::fields::Object;
use crate::settings::upsert;
use crate::state::{now_ist, Inner};
use crate::users::{parse_input, DeviceName};

/// What the other admin changes in one app.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Sets one setting, as `POST /app_setting` would.
    Setting(SettingChange),
    /// Changes one user, as `PUT /usermapping` would (the same fields, the
    /// same checks; absent fields are kept).
    User(Object),
    /// Switches one device, as `PUT /device` would.
    Device(DeviceChange),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingChange {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value")]
    pub value: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceChange {
    #[serde(rename = "UserId")]
    pub user_id: String,
    #[serde(rename = "DeviceName")]
    pub device: DeviceName,
    #[serde(rename = "DeviceStatus")]
    pub on: bool,
}

/// When a queued edit lands: just before the call that matches `route`
/// once `after` matching calls have gone through.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Before {
    pub route: RouteKind,
    #[serde(default)]
    pub after: u32,
}

/// The body of `POST /__sandbox/other-admin`: the app, exactly one of
/// `setting`, `user` and `device`, and optionally when it lands (at once
/// without).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditRequest {
    pub app_id: String,
    pub setting: Option<SettingChange>,
    pub user: Option<Object>,
    pub device: Option<DeviceChange>,
    pub before: Option<Before>,
}

/// One edit of the other admin, checked.
#[derive(Clone, Debug, Serialize)]
pub struct Edit {
    pub app_id: String,
    #[serde(flatten)]
    pub change: Change,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Before>,
}

impl EditRequest {
    /// The edit, after the checks that do not depend on the data: one
    /// change, a key, a user's fields by PUT's rules.
    pub fn into_edit(self) -> Result<Edit, String> {
        let change = match (self.setting, self.user, self.device) {
            (Some(s), None, None) if s.key.trim().is_empty() => {
                return Err("Key must not be empty".to_string())
            }
            (Some(s), None, None) => Change::Setting(s),
            (None, Some(fields), None) => {
                parse_input(&fields, false)?;
                Change::User(fields)
            }
            (None, None, Some(d)) if d.user_id.trim().is_empty() => {
                return Err("UserId must not be empty".to_string())
            }
            (None, None, Some(d)) => Change::Device(d),
            _ => return Err("give exactly one of setting, user and device".to_string()),
        };
        Ok(Edit {
            app_id: self.app_id,
            change,
            before: self.before,
        })
    }
}

/// Why an edit could not be applied.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    NoSuchApp,
    NoSuchUser,
    Invalid(String),
}

impl Inner {
    /// Applies `edit` now.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<(), Refused> {
        if self.find_app(&edit.app_id).is_none() {
            return Err(Refused::NoSuchApp);
        }
        match &edit.change {
            Change::Setting(s) => {
                let list = self.settings.entry(edit.app_id.clone()).or_default();
                upsert(list, &s.key, s.value.clone());
                Ok(())
            }
            Change::User(fields) => {
                let input = parse_input(fields, false).map_err(Refused::Invalid)?;
                let user = self.user_mut(&edit.app_id, &input.app_user_id)?;
                user.update(input, &now_ist());
                Ok(())
            }
            Change::Device(d) => {
                let user = self.user_mut(&edit.app_id, &d.user_id)?;
                user.switch_device(d.device, d.on)
                    .map_err(Refused::Invalid)?;
                user.updated_at = now_ist();
                Ok(())
            }
        }
    }

    fn user_mut(
        &mut self,
        app_id: &str,
        user_id: &str,
    ) -> Result<&mut crate::users::User, Refused> {
        self.users
            .get_mut(app_id)
            .and_then(|users| users.iter_mut().find(|u| u.app_user_id == user_id))
            .ok_or(Refused::NoSuchUser)
    }

    /// Before `call` is handled: counts it for every queued edit waiting on
    /// its route, and applies (then forgets) those whose turn it is. An
    /// edit that no longer applies (its user is gone) is dropped.
    pub fn land_edits(&mut self, call: &Call<'_>) {
        let mut due = Vec::new();
        self.other_admin.retain_mut(|edit| {
            let Some(before) = edit.before.as_mut() else {
                return true;
            };
            if call.route != Some(before.route) {
                return true;
            }
            if before.after > 0 {
                before.after -= 1;
                return true;
            }
            due.push(edit.clone());
            false
        });
        for edit in due {
            let _ = self.apply_edit(&edit);
        }
    }
}

/// The edit as the control answers it.
pub fn describe(edit: &Edit) -> Value {
    serde_json::to_value(edit).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(body: Value) -> Result<Edit, String> {
        serde_json::from_value::<EditRequest>(body)
            .map_err(|e| e.to_string())?
            .into_edit()
    }

    #[test]
    fn bodies_read_as_one_change_with_an_optional_time() {
        let edit = read(json!({
            "app_id": "a1", "setting": {"Key": "popup", "Value": "https://x"},
            "before": {"route": "settings", "after": 1}
        }))
        .unwrap();
        assert!(matches!(edit.change, Change::Setting(_)));
        assert_eq!(edit.before.as_ref().unwrap().after, 1);
        assert_eq!(
            describe(&edit),
            json!({"app_id": "a1", "setting": {"Key": "popup", "Value": "https://x"},
                   "before": {"route": "settings", "after": 1}})
        );
        let device = read(json!({
            "app_id": "a1", "device": {"UserId": "u1", "DeviceName": "sip", "DeviceStatus": true}
        }))
        .unwrap();
        assert!(device.before.is_none());
        let bad_user = read(json!({"app_id": "a1", "user": {"AppUserId": "u1", "Email": "nope"}}));
        assert!(bad_user.unwrap_err().contains("Email"));
        let two = read(json!({
            "app_id": "a1", "setting": {"Key": "k", "Value": "v"},
            "device": {"UserId": "u1", "DeviceName": "sip", "DeviceStatus": true}
        }));
        assert!(two.unwrap_err().contains("exactly one"));
        assert!(read(json!({"app_id": "a1"})).is_err());
    }
}
