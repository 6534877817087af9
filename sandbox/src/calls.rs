//! Calls (`/call/...`): the call record that `POST /call/outbound_call`
//! answers and every webhook carries, Exotel's nested error text, and the
//! deliveries the sandbox records where the live service would POST to an
//! app's webhook settings. The sandbox never sends anything itself.

use serde::Serialize;
use serde_json::Value;

use crate::extract::Params;
use crate::failure::Failure;
use crate::settings::Setting;
use crate::state::App;
use crate::users::User;

/// What the live outbound answer carries as CreatedAt and UpdatedAt: Go's
/// zero time (exotel/exotel_websdk_crm's README shows it).
pub const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

/// One call, as answered and as POSTed to the webhooks. Key order as in the
/// public examples.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CallRecord {
    pub customer_id: String,
    pub app_id: String,
    pub call_sid: String,
    pub exotel_account_sid: String,
    pub dial_whom_number: String,
    #[serde(rename = "AppUserID")]
    pub app_user_id: String,
    pub virtual_number: String,
    pub direction: &'static str,
    pub call_status: String,
    pub call_state: &'static str,
    pub to_number: String,
    pub from_number: String,
    /// A number, or "" while the call has no duration yet.
    pub total_duration: Value,
    pub call_recordings: String,
    pub account_domain: String,
    pub ticket_id: String,
    pub call_detail: Option<Value>,
    pub created_at: String,
    pub updated_at: String,
    /// Only in the `callback` webhook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
}

/// The three notifications of `GET /call/inbound_call/<AppID>?type=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notification {
    Popup,
    Hangup,
    Missed,
}

/// The accepted `type` values, for the 400 that names them.
pub const NOTIFICATION_TYPES: &str = "popup, incomingcallhungup or missedcall";

impl Notification {
    /// The documented spellings, exactly (a console builds the URL, so a
    /// near miss is its bug and should show).
    pub fn parse(text: &str) -> Option<Notification> {
        match text {
            "popup" => Some(Notification::Popup),
            "incomingcallhungup" => Some(Notification::Hangup),
            "missedcall" => Some(Notification::Missed),
            _ => None,
        }
    }

    /// The app setting whose URL gets this notification.
    pub fn setting_key(self) -> &'static str {
        match self {
            Notification::Popup => "popup",
            Notification::Hangup => "incomingCallHangup",
            Notification::Missed => "missedCall",
        }
    }

    /// A popup is sent while the call rings; the other two once it is over.
    fn call_state(self) -> &'static str {
        match self {
            Notification::Popup => "active",
            _ => "terminal",
        }
    }
}

/// The notification for an inbound call, from the Connect applet's query
/// parameters (CallSid, From, To, DialWhomNumber, Status, DialCallDuration,
/// RecordingUrl; missing ones are "").
pub fn inbound_record(
    app: &App,
    users: &[User],
    q: &Params,
    kind: Notification,
    now: &str,
) -> CallRecord {
    let param = |name: &str| q.get(name).unwrap_or_default().to_string();
    let dial_whom = param("DialWhomNumber");
    let user = mapped_user(users, &dial_whom);
    let to = param("To");
    let total_duration = match q.get("DialCallDuration").map(|d| d.trim().parse::<u64>()) {
        Some(Ok(secs)) => Value::from(secs),
        _ => Value::from(""),
    };
    CallRecord {
        customer_id: app.customer_id.clone(),
        app_id: app.app_id.clone(),
        call_sid: param("CallSid"),
        exotel_account_sid: app.exotel_account_sid.clone(),
        app_user_id: user.map(|u| u.app_user_id.clone()).unwrap_or_default(),
        virtual_number: user.map_or_else(|| to.clone(), |u| u.virtual_number.clone()),
        direction: "inbound",
        call_status: param("Status"),
        call_state: kind.call_state(),
        to_number: if to.is_empty() { dial_whom.clone() } else { to },
        dial_whom_number: dial_whom,
        from_number: param("From"),
        total_duration,
        call_recordings: param("RecordingUrl"),
        account_domain: app.exotel_domain.clone(),
        ticket_id: String::new(),
        call_detail: None,
        created_at: now.to_string(),
        updated_at: now.to_string(),
        start_time: None,
        end_time: None,
    }
}

/// The call `user` places to `to`, as `POST /call/outbound_call` answers it:
/// a fresh 32-hex CallSid, the user's SipId as FromNumber, no status yet and
/// Go's zero time stamps, as in the public example.
pub fn outbound_record(app: &App, user: &User, to: &str) -> CallRecord {
    CallRecord {
        customer_id: app.customer_id.clone(),
        app_id: app.app_id.clone(),
        call_sid: crate::fixed::uuid(crate::fixed::Stream::Customer)
            .simple()
            .to_string(),
        exotel_account_sid: app.exotel_account_sid.clone(),
        dial_whom_number: to.to_string(),
        app_user_id: user.app_user_id.clone(),
        virtual_number: user.virtual_number.clone(),
        direction: "outbound",
        call_status: String::new(),
        call_state: "active",
        to_number: to.to_string(),
        from_number: user.sip_id.clone(),
        total_duration: Value::from(0),
        call_recordings: String::new(),
        account_domain: app.exotel_domain.clone(),
        ticket_id: String::new(),
        call_detail: None,
        created_at: ZERO_TIME.to_string(),
        updated_at: ZERO_TIME.to_string(),
        start_time: None,
        end_time: None,
    }
}

/// The `callback` webhook for an outbound call. The sandbox places no real
/// call, so it reports the call as over the moment it was placed: terminal,
/// "free", no duration, StartTime = EndTime = now.
pub fn callback_record(answered: &CallRecord, now: &str) -> CallRecord {
    CallRecord {
        call_status: "free".to_string(),
        call_state: "terminal",
        created_at: now.to_string(),
        updated_at: now.to_string(),
        start_time: Some(now.to_string()),
        end_time: Some(now.to_string()),
        ..answered.clone()
    }
}

/// The first user whose AgentNumber, else whose VirtualNumber, is the
/// number the call flow dialled.
fn mapped_user<'a>(users: &'a [User], dialled: &str) -> Option<&'a User> {
    users
        .iter()
        .find(|u| same_number(&u.agent_number, dialled))
        .or_else(|| {
            users
                .iter()
                .find(|u| same_number(&u.virtual_number, dialled))
        })
}

/// Exotel's call flows pass numbers as `09876543210` where users are stored
/// as `+919876543210`: with ten digits or more on both sides the last ten
/// decide, otherwise all digits must agree. An empty number matches nothing.
pub fn same_number(a: &str, b: &str) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (a, b) = (digits(a), digits(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.len() >= 10 && b.len() >= 10 {
        a[a.len() - 10..] == b[b.len() - 10..]
    } else {
        a == b
    }
}

/// One webhook the live service would POST, recorded instead of sent.
#[derive(Clone, Debug, Serialize)]
pub struct Delivery {
    /// The setting key: popup, incomingCallHangup, missedCall or callback.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub app_id: String,
    /// The setting's value; null when the app has no such setting.
    pub url: Option<String>,
    /// True when the live service would have POSTed `payload` to `url`.
    pub delivered: bool,
    /// Why not, when `delivered` is false.
    pub reason: Option<String>,
    pub payload: CallRecord,
}

impl Delivery {
    /// Where `payload` would go, given the app's settings: nowhere when the
    /// setting is missing, empty or not an http(s) URL.
    pub fn to_setting(
        settings: &[Setting],
        app_id: &str,
        key: &'static str,
        payload: CallRecord,
    ) -> Delivery {
        let url = settings
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.value.clone());
        let reason = match url.as_deref().map(str::trim) {
            None => Some(format!("the app has no {key} setting")),
            Some("") => Some(format!("the app's {key} setting is empty")),
            Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) => {
                Some(format!("the app's {key} setting is not an http(s) URL"))
            }
            Some(_) => None,
        };
        Delivery {
            kind: key,
            app_id: app_id.to_string(),
            url,
            delivered: reason.is_none(),
            reason,
            payload,
        }
    }
}

/// Exotel's call API error, passed on by the integrations service as the
/// envelope's Error: JSON text, keys in this order.
#[derive(Serialize)]
struct ExotelError<'a> {
    http_code: u16,
    response: ExotelResponse<'a>,
}

#[derive(Serialize)]
struct ExotelResponse<'a> {
    error_data: ErrorData<'a>,
}

#[derive(Serialize)]
struct ErrorData<'a> {
    code: u32,
    message: &'a str,
    description: &'a str,
}

/// HTTP 400 whose Error is Exotel's nested error with this code.
pub fn exotel_error(code: u32, message: &str, description: &str) -> Failure {
    let error = ExotelError {
        http_code: 400,
        response: ExotelResponse {
            error_data: ErrorData {
                code,
                message,
                description,
            },
        },
    };
    Failure::bad_request(serde_json::to_string(&error).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_match_whatever_the_prefix() {
        assert!(same_number("+919812345678", "09812345678"));
        assert!(same_number("+919812345678", "9812345678"));
        assert!(!same_number("+919812345678", "+919812345679"));
        assert!(same_number("12345678", "12345678"));
        assert!(!same_number("12345678", "912345678"));
        assert!(!same_number("", ""));
    }

    #[test]
    fn the_nested_error_keeps_exotels_key_order() {
        let failure = exotel_error(10725, "Invalid request body", "to.contact_uri is invalid");
        assert_eq!(
            failure.message(),
            r#"{"http_code":400,"response":{"error_data":{"code":10725,"message":"Invalid request body","#.to_string()
                + r#""description":"to.contact_uri is invalid"}}}"#
        );
    }
}
