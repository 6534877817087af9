//! The calls of one user's page: switching a device (`PUT /device`) and
//! saving an edit (`PUT /usermapping` with only the changed fields). Plain
//! async functions over [`UsersApi`], tested on the host against a fake.

use super::edit::{changes, update_for};
use crate::api::service::UsersApi;
use crate::api::users::ActiveDevice;
use crate::api::{ApiError, AppToken, Device, DeviceSwitch, User};
use crate::features::users::validate::UserDraft;

/// `PUT /device`: switches `device` of the user on or off; the user as
/// stored.
pub(crate) async fn switch_device(
    api: &impl UsersApi,
    app_token: &AppToken,
    app_user_id: &str,
    device: Device,
    on: bool,
) -> Result<User, ApiError> {
    let switch = DeviceSwitch {
        user_id: app_user_id.to_string(),
        device,
        on,
    };
    api.switch_device(app_token, &switch).await
}

/// Outbound calls fail (Exotel code 10708) unless the SIP device is the
/// active one: the page warns when this is true.
pub(crate) fn outbound_calls_blocked(user: &User) -> bool {
    user.active_device() != ActiveDevice::Sip
}

/// `PUT /usermapping` with only the fields `edited` changes; `Ok(None)`
/// when nothing changed, so nothing was sent.
pub(crate) async fn update_user(
    api: &impl UsersApi,
    app_token: &AppToken,
    before: &User,
    edited: &UserDraft,
) -> Result<Option<User>, ApiError> {
    let changed = changes(before, edited);
    if changed.is_empty() {
        return Ok(None);
    }
    api.update_user(app_token, &update_for(before, &changed))
        .await
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{app_token as token, user, Call, Carried, Endpoint, FakeApi};
    use crate::api::service::run_ready;
    use crate::features::users::user::edit::draft_of;

    #[test]
    fn switching_a_device_sends_its_name_and_state() {
        let api = FakeApi::default();
        api.answer(Endpoint::SwitchDevice, Ok(user("u+1")));
        let stored = run_ready(switch_device(&api, &token(), "u+1", Device::Sip, true));
        assert_eq!(stored, Ok(user("u+1")));
        let sent = Call {
            endpoint: Endpoint::SwitchDevice,
            carried: Carried::App("app-t".into()),
            detail: r#"{"UserId":"u+1","DeviceName":"sip","DeviceStatus":true}"#.into(),
        };
        assert_eq!(api.calls(), [sent]);
    }

    #[test]
    fn outbound_calls_need_the_sip_device_active() {
        let sip_on = User {
            active_device_id: "s".into(),
            sip_device_id: "s".into(),
            ..User::default()
        };
        assert!(!outbound_calls_blocked(&sip_on));
        assert!(outbound_calls_blocked(&User::default()));
    }

    #[test]
    fn an_edit_sends_only_changes_and_nothing_when_unchanged() {
        let api = FakeApi::default();
        let before = User {
            email: "old@example.com".into(),
            ..user("u1")
        };
        let same = draft_of(&before);
        assert_eq!(
            run_ready(update_user(&api, &token(), &before, &same)),
            Ok(None)
        );
        assert!(api.calls().is_empty(), "nothing changed, nothing sent");
        let edited = UserDraft {
            email: "new@example.com".into(),
            ..same
        };
        let after = User {
            email: "new@example.com".into(),
            ..user("u1")
        };
        api.answer(Endpoint::UpdateUser, Ok(after.clone()));
        let stored = run_ready(update_user(&api, &token(), &before, &edited));
        assert_eq!(stored, Ok(Some(after)));
        let sent = Call {
            endpoint: Endpoint::UpdateUser,
            carried: Carried::App("app-t".into()),
            detail: r#"{"AppUserId":"u1","Email":"new@example.com"}"#.into(),
        };
        assert_eq!(api.calls(), [sent], "only the changed field");
    }
}
