//! The calls of one user's page: switching a device (`PUT /device`); the
//! edit and the switch as the page sends them, checked against the server
//! first, are in `checked`. Plain async functions over [`UsersApi`],
//! tested on the host against a fake.

use crate::api::service::UsersApi;
use crate::api::users::ActiveDevice;
use crate::api::{ApiError, AppToken, Device, DeviceSwitch, User};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{Call, Carried, Endpoint, FakeApi};
    use crate::api::service::run_ready;

    fn token() -> AppToken {
        AppToken::new("app-t")
    }

    fn user(id: &str) -> User {
        User {
            app_user_id: id.into(),
            ..User::default()
        }
    }

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
}
