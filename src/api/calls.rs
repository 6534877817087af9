//! Calls (`/call/...`): the inbound-call URL an Exotel call flow's Connect
//! applet calls (no token), and an outbound call placed from a mapped user
//! (app token). Also Exotel's nested error text, which the outbound call
//! answers with: `{"http_code":…,"response":{"error_data":{"code":…}}}`.

use serde::Serialize;

use super::endpoints::{to_json, Client};
use super::envelope::{decode_object_data, decode_string_data};
use super::error::ApiError;
use super::ids::{AppId, AppToken};
use super::service::CallsApi;
use super::transport::HttpMethod;
use super::types::{drive, Fields, RecordSink, Setter, Sink};
use super::users::encode_query_value;

/// The three events an Exotel call flow reports to the integration, each
/// sent on to the app's webhook setting of the same name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CallEvent {
    /// An incoming call rings (screen pop-up).
    Popup,
    /// An incoming call ended.
    IncomingCallHangup,
    /// An incoming call was missed.
    MissedCall,
}

impl CallEvent {
    pub(crate) const ALL: [CallEvent; 3] = [
        CallEvent::Popup,
        CallEvent::IncomingCallHangup,
        CallEvent::MissedCall,
    ];

    /// The `type` of the inbound-call URL.
    pub(crate) fn type_value(self) -> &'static str {
        match self {
            CallEvent::Popup => "popup",
            CallEvent::IncomingCallHangup => "incomingcallhungup",
            CallEvent::MissedCall => "missedcall",
        }
    }

    /// The app setting whose URL receives the event.
    pub(crate) fn setting_key(self) -> &'static str {
        match self {
            CallEvent::Popup => "popup",
            CallEvent::IncomingCallHangup => "incomingCallHangup",
            CallEvent::MissedCall => "missedCall",
        }
    }

    /// The `Status` a call flow reports with it (`busy` while ringing).
    pub(crate) fn status(self) -> &'static str {
        match self {
            CallEvent::Popup => "busy",
            CallEvent::IncomingCallHangup | CallEvent::MissedCall => "free",
        }
    }
}

/// `/call/inbound_call/<AppID>?type=<event>`: the URL an admin pastes into
/// the Connect applet (relative to the API base).
pub(crate) fn inbound_call_path(app_id: &AppId, event: CallEvent) -> String {
    format!(
        "/call/inbound_call/{}?type={}",
        encode_query_value(app_id.as_str()),
        event.type_value()
    )
}

/// What a test of the inbound-call URL sends, as a call flow would.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TestEvent {
    pub(crate) event: CallEvent,
    /// Marked as the console's (`console-test-…`), to find in server logs.
    pub(crate) call_sid: String,
    pub(crate) from: String,
    pub(crate) dial_whom_number: String,
}

impl TestEvent {
    /// The full path of the test: the inbound-call URL and the applet's
    /// query parameters.
    pub(crate) fn path(&self, app_id: &AppId) -> String {
        let params = [
            ("CallSid", self.call_sid.as_str()),
            ("From", &self.from),
            ("DialWhomNumber", &self.dial_whom_number),
            ("Status", self.event.status()),
        ];
        let mut path = inbound_call_path(app_id, self.event);
        for (key, value) in params {
            path.push_str(&format!("&{key}={}", encode_query_value(value)));
        }
        path
    }
}

/// The body of `POST /call/outbound_call`, in the API's own spelling.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct OutboundCall {
    pub(crate) customer_id: String,
    pub(crate) app_id: String,
    /// The number to call.
    pub(crate) to: String,
    /// The AppUserId of the user who calls.
    pub(crate) user_id: String,
}

/// The call record an outbound call answers with (the fields the page shows).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PlacedCall {
    pub(crate) call_sid: String,
    pub(crate) call_status: String,
    pub(crate) call_state: String,
    pub(crate) direction: String,
    pub(crate) from_number: String,
    pub(crate) to_number: String,
}

impl Fields for PlacedCall {
    const FIELDS: &'static [(&'static str, Setter<Self>)] = &[
        ("CallSid", |c, v| c.call_sid = v.take_string()),
        ("CallStatus", |c, v| c.call_status = v.take_string()),
        ("CallState", |c, v| c.call_state = v.take_string()),
        ("Direction", |c, v| c.direction = v.take_string()),
        ("FromNumber", |c, v| c.from_number = v.take_string()),
        ("ToNumber", |c, v| c.to_number = v.take_string()),
    ];
}

/// Exotel's own error, nested as JSON text in an envelope's `Error`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ExotelError {
    pub(crate) code: i64,
    pub(crate) message: String,
    pub(crate) description: String,
}

/// `error_data` as read: its code may be missing (then it is no error).
#[derive(Default)]
struct ErrorData {
    code: Option<i64>,
    message: String,
    description: String,
}

impl Fields for ErrorData {
    const FIELDS: &'static [(&'static str, Setter<Self>)] = &[
        // Read as a count (codes are positive), as the users' page sizes
        // are: no second way of reading a number in the lazy pages.
        ("code", |e, v| {
            e.code = v.count().and_then(|n| i64::try_from(n).ok())
        }),
        ("message", |e, v| e.message = v.take_string()),
        ("description", |e, v| e.description = v.take_string()),
    ];
}

/// Passes the value of an object's field `key` on to `inner`, and nothing
/// else: a step down a path of keys.
struct Under<'a> {
    key: &'static str,
    inner: &'a mut dyn Sink,
}

impl Sink for Under<'_> {
    fn field(&mut self, key: &str) -> Option<&mut dyn Sink> {
        (key == self.key).then_some(&mut *self.inner)
    }
}

/// Exotel's error inside `message` (an `Error` text), when it is there:
/// `{"response": {"error_data": {"code", "message", "description"}}}`.
/// Read with the decoder's own sinks, so a lazy page that uses it carries
/// no second JSON reader.
pub(crate) fn exotel_error(message: &str) -> Option<ExotelError> {
    let mut data = RecordSink::<ErrorData>::default();
    let mut error_data = Under {
        key: "error_data",
        inner: &mut data,
    };
    let mut response = Under {
        key: "response",
        inner: &mut error_data,
    };
    drive(message.trim(), &mut response).ok()?;
    let ErrorData {
        code,
        message,
        description,
    } = data.value;
    Some(ExotelError {
        code: code?,
        message,
        description,
    })
}

impl CallsApi for Client {
    async fn send_test_event(&self, app_id: &AppId, event: &TestEvent) -> Result<String, ApiError> {
        // No Authorization: a call flow has none.
        let path = event.path(app_id);
        self.call(HttpMethod::Get, &path, None, None, |a| {
            decode_string_data(a, "a string")
        })
        .await
    }

    async fn place_call(
        &self,
        token: &AppToken,
        call: &OutboundCall,
    ) -> Result<PlacedCall, ApiError> {
        let body = Some(to_json(call)?);
        let token = Some(token.expose());
        self.call(HttpMethod::Post, "/call/outbound_call", token, body, |a| {
            decode_object_data(a, "the call")
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::transport::Answer;

    #[test]
    fn the_inbound_url_names_the_app_and_the_event() {
        let app = AppId::new("2e64-ab");
        assert_eq!(
            inbound_call_path(&app, CallEvent::IncomingCallHangup),
            "/call/inbound_call/2e64-ab?type=incomingcallhungup"
        );
        let test = TestEvent {
            event: CallEvent::Popup,
            call_sid: "console-test-1".into(),
            from: "+919800000001".into(),
            dial_whom_number: "08047000000".into(),
        };
        assert_eq!(
            test.path(&app),
            "/call/inbound_call/2e64-ab?type=popup&CallSid=console-test-1\
             &From=%2B919800000001&DialWhomNumber=08047000000&Status=busy"
        );
    }

    #[test]
    fn each_event_fires_its_own_setting() {
        let keys: Vec<_> = CallEvent::ALL.iter().map(|e| e.setting_key()).collect();
        assert_eq!(keys, ["popup", "incomingCallHangup", "missedCall"]);
    }

    #[test]
    fn the_outbound_body_uses_the_sdk_spelling() {
        let call = OutboundCall {
            customer_id: "c1".into(),
            app_id: "a1".into(),
            to: "+919800000001".into(),
            user_id: "crm-1".into(),
        };
        assert_eq!(
            serde_json::to_string(&call).unwrap(),
            r#"{"customer_id":"c1","app_id":"a1","to":"+919800000001","user_id":"crm-1"}"#
        );
    }

    #[test]
    fn exotel_s_nested_error_is_read_from_the_error_text() {
        let text = r#"{"http_code":400,"response":{"error_data":{"code":10725,
            "message":"Invalid request body","description":"to.contact_uri is invalid"}}}"#;
        let found = exotel_error(text).unwrap();
        assert_eq!(found.code, 10725);
        assert_eq!(found.description, "to.contact_uri is invalid");
        assert_eq!(exotel_error("record not found"), None);
        assert_eq!(exotel_error(r#"{"http_code":400}"#), None);
    }

    #[test]
    fn a_placed_call_reads_its_record() {
        let body = r#"{"Status":"Success","Data":{"CallSid":"ab12","CallStatus":"",
            "CallState":"active","Direction":"outbound","FromNumber":"sip:asha1","ToNumber":"+91980"}}"#;
        let answer = Answer::new(200, None, body);
        let call: PlacedCall = decode_object_data(&answer, "the call").unwrap();
        assert_eq!(call.call_sid, "ab12");
        assert_eq!(call.direction, "outbound");
        assert_eq!(call.from_number, "sip:asha1");
    }
}
