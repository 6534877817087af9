//! The calls of one user's page: switching a device (`PUT /device`) and
//! placing a test call (`POST /call/outbound_call`); the edit and the
//! switch as the page sends them, checked against the server first, are in
//! `checked`. Plain async functions over [`UsersApi`] and [`CallsApi`],
//! tested on the host against a fake.

use crate::api::calls::{exotel_error, ExotelError, OutboundCall, PlacedCall};
use crate::api::service::{CallsApi, UsersApi};
use crate::api::users::ActiveDevice;
use crate::api::{ApiError, App, AppToken, Device, DeviceSwitch, User};
use crate::features::users::validate::phone_number_problem;

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

/// The label of the number a test call rings, in the form and its message.
pub(crate) const NUMBER_TO_CALL: &str = "Number to call";

/// Why a test call was not placed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CallRefused {
    /// The number, checked before sending: nothing was sent.
    Number(String),
    /// Exotel's own refusal, nested as JSON in the answer's `Error`.
    Exotel {
        error: ExotelError,
        request_id: Option<String>,
    },
    /// Any other failure.
    Api(ApiError),
}

impl From<ApiError> for CallRefused {
    fn from(error: ApiError) -> Self {
        let nested = match &error {
            ApiError::Http {
                message,
                request_id,
                ..
            }
            | ApiError::Failure {
                message,
                request_id,
                ..
            } => exotel_error(message).map(|e| (e, request_id.clone())),
            _ => None,
        };
        match nested {
            Some((error, request_id)) => CallRefused::Exotel { error, request_id },
            None => CallRefused::Api(error),
        }
    }
}

/// What to do about Exotel's refusal `code`.
pub(crate) fn exotel_advice(code: i64) -> &'static str {
    match code {
        10708 => "The user's SIP device is off: switch the SIP device on (Devices, above), then call again.",
        10725 => "Exotel could not read the number: check it, with its country code (e.g. +919812345678).",
        _ => "Quote the code and the RequestId to Exotel's support.",
    }
}

/// The customer a call is placed for: the app's, else the user's own
/// (`CustomerId`, what Exotel's browser SDK sends), else the signed-in one.
pub(crate) fn caller_customer_id(
    app: Option<&App>,
    user: &User,
    signed_in: Option<String>,
) -> String {
    [
        app.map(|a| a.customer_id.clone()),
        Some(user.customer_id.clone()),
        signed_in,
    ]
    .into_iter()
    .flatten()
    .find(|id| !id.trim().is_empty())
    .unwrap_or_default()
}

/// `POST /call/outbound_call`: a real call from the user to `call.to`,
/// once the number is checked (trimmed; nothing is sent when it is not a
/// phone number). Exotel's refusal is read out of the error's text.
pub(crate) async fn place_test_call(
    api: &impl CallsApi,
    app_token: &AppToken,
    mut call: OutboundCall,
) -> Result<PlacedCall, CallRefused> {
    call.to = call.to.trim().to_string();
    if call.to.is_empty() {
        return Err(CallRefused::Number(format!(
            "{NUMBER_TO_CALL} is required."
        )));
    }
    if let Some(problem) = phone_number_problem(NUMBER_TO_CALL, &call.to) {
        return Err(CallRefused::Number(problem));
    }
    Ok(api.place_call(app_token, &call).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{
        app_token as token, http_error, user, Call, Carried, Endpoint, FakeApi,
    };
    use crate::api::service::run_ready;

    fn call_to(to: &str) -> OutboundCall {
        OutboundCall {
            customer_id: "c1".into(),
            app_id: "a1".into(),
            to: to.into(),
            user_id: "crm-1".into(),
        }
    }

    #[test]
    fn a_test_call_carries_the_app_token_and_the_sdk_s_body() {
        let api = FakeApi::default();
        let placed = PlacedCall {
            call_sid: "ab12".into(),
            direction: "outbound".into(),
            ..PlacedCall::default()
        };
        api.answer(Endpoint::PlaceCall, Ok(placed.clone()));
        let result = run_ready(place_test_call(&api, &token(), call_to(" +919812345678 ")));
        assert_eq!(result, Ok(placed));
        let sent = Call {
            endpoint: Endpoint::PlaceCall,
            carried: Carried::App("app-t".into()),
            detail: r#"{"customer_id":"c1","app_id":"a1","to":"+919812345678","user_id":"crm-1"}"#
                .into(),
        };
        assert_eq!(api.calls(), [sent]);
    }

    #[test]
    fn a_number_that_is_not_one_is_refused_before_sending() {
        let api = FakeApi::default();
        for bad in ["", "  ", "98-12", "+91 98123 45678", "12345"] {
            let result = run_ready(place_test_call(&api, &token(), call_to(bad)));
            assert!(matches!(result, Err(CallRefused::Number(_))), "{bad:?}");
        }
        assert!(api.calls().is_empty(), "nothing sent");
        let result = run_ready(place_test_call(&api, &token(), call_to("98-12")));
        let expected = "Number to call must be 6-15 digits, with an optional leading +.";
        assert_eq!(result, Err(CallRefused::Number(expected.into())));
    }

    #[test]
    fn exotel_s_nested_refusal_is_read_and_other_failures_kept() {
        let api = FakeApi::default();
        let nested = r#"{"http_code":400,"response":{"error_data":{"code":10708,
            "message":"Device not available","description":"the user's SIP device is off"}}}"#;
        let refused = ApiError::Http {
            status: 400,
            request_id: Some("r-1".into()),
            message: nested.into(),
        };
        api.answer::<PlacedCall>(Endpoint::PlaceCall, Err(refused));
        api.answer::<PlacedCall>(Endpoint::PlaceCall, Err(http_error(500)));
        let Err(CallRefused::Exotel { error, request_id }) =
            run_ready(place_test_call(&api, &token(), call_to("+919812345678")))
        else {
            panic!("Exotel's refusal")
        };
        assert_eq!((error.code, request_id.as_deref()), (10708, Some("r-1")));
        assert_eq!(error.description, "the user's SIP device is off");
        assert!(exotel_advice(10708).contains("switch the SIP device on"));
        assert!(exotel_advice(10725).contains("check it"));
        let other = run_ready(place_test_call(&api, &token(), call_to("+919812345678")));
        assert_eq!(other, Err(CallRefused::Api(http_error(500))));
        assert!(api
            .calls()
            .iter()
            .all(|c| c.carried == Carried::App("app-t".into())));
    }

    #[test]
    fn the_call_s_customer_is_the_app_s_then_the_user_s_then_the_session_s() {
        let app = App {
            customer_id: "from-app".into(),
            ..App::default()
        };
        let user = User {
            customer_id: "from-user".into(),
            ..User::default()
        };
        let session = || Some("from-session".to_string());
        assert_eq!(caller_customer_id(Some(&app), &user, session()), "from-app");
        assert_eq!(caller_customer_id(None, &user, session()), "from-user");
        assert_eq!(
            caller_customer_id(None, &User::default(), session()),
            "from-session"
        );
        assert_eq!(caller_customer_id(None, &User::default(), None), "");
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
