//! The API's response envelope and the pure decoding of any HTTP answer
//! (envelope or not) into data or an [`ApiError`].
//!
//! ```text
//! {"RequestId": "...", "Status": "Success", "Code": 200, "Error": "", "Data": ...}
//! ```
//!
//! A call succeeds only when the body is an envelope, its `Status` is
//! "success" (any case) and the HTTP status is 2xx. A non-2xx envelope is
//! [`ApiError::Http`]; a 2xx envelope with another `Status` is
//! [`ApiError::Failure`]; anything that is not an envelope is
//! [`ApiError::NotEnvelope`]; a success whose `Data` has the wrong shape is
//! [`ApiError::Decode`].
//!
//! The answer is read once, straight from its text: the envelope's fields
//! into an [`Envelope`], `Data` into the endpoint's own [`Sink`] (see
//! `types::sink`), with no `serde_json::Value` tree in between.

mod data;

pub(crate) use data::{BodySink, Data, DataSink};

use super::error::MAX_SNIPPET_CHARS;
use super::error::{one_line, unwrap_error_text, ApiError, BodyKind, MessageSink};
use super::transport::Answer;
use super::types::App;
use super::types::{drive, Ignore, JsonText, ListSink, Record, RecordSink, Sink};

/// The API's envelope without its `Data`, decoded tolerantly (any field may
/// be missing, null or of another type).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Envelope {
    /// `None` when absent, null or "".
    pub(crate) request_id: Option<String>,
    pub(crate) status: String,
    pub(crate) code: Option<i64>,
    pub(crate) error: String,
}

impl Envelope {
    /// Reads an envelope out of a JSON value: an object with a `Status` or a
    /// `RequestId` field. Anything else is not an envelope.
    #[cfg(test)]
    pub(crate) fn from_value(value: &serde_json::Value) -> Option<Envelope> {
        use serde::Deserializer;
        let mut ignore = Ignore;
        let mut body = BodySink::new(&mut ignore);
        value.deserialize_any(super::types::Drive(&mut body)).ok()?;
        body.is_envelope.then_some(body.envelope)
    }

    pub(crate) fn is_success(&self) -> bool {
        self.status.trim().eq_ignore_ascii_case("success")
    }

    /// The server's explanation: `Error` (unwrapped when it is JSON text),
    /// or failing that a string `Data` or an object `Data`'s message field.
    /// `body` is the answer, read again only in that last case.
    fn error_text(&self, body: &str, data: &Data) -> String {
        let text = unwrap_error_text(&self.error);
        if !text.is_empty() {
            return text;
        }
        match data {
            Data::Text(s) => unwrap_error_text(s),
            Data::Object => {
                let mut message = MessageSink::default();
                let mut again = BodySink::new(&mut message);
                match drive(body, &mut again) {
                    Ok(()) => message.message().unwrap_or_default(),
                    Err(_) => String::new(),
                }
            }
            _ => String::new(),
        }
    }
}

/// Decodes one HTTP answer in one pass, the content of an object or array
/// `Data` read into `data`. On success returns the `RequestId` and what
/// `Data` was.
pub(crate) fn decode_answer(
    answer: &Answer,
    data: &mut dyn Sink,
) -> Result<(Option<String>, Data), ApiError> {
    let http_status = answer.status;
    let trimmed = answer.body.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(ApiError::NotEnvelope {
            status: http_status,
            body_kind: BodyKind::Empty,
            snippet: String::new(),
        });
    }
    let mut body = BodySink::new(data);
    if let Err(err) = drive(trimmed, &mut body) {
        return Err(not_json(answer, trimmed, &err));
    }
    if !body.is_envelope {
        return Err(ApiError::NotEnvelope {
            status: http_status,
            body_kind: BodyKind::Json,
            snippet: json_snippet(trimmed),
        });
    }
    let (envelope, data) = (body.envelope, body.data.data);
    if !(200..=299).contains(&http_status) {
        return Err(ApiError::Http {
            status: http_status,
            message: envelope.error_text(trimmed, &data),
            request_id: envelope.request_id,
        });
    }
    if !envelope.is_success() {
        let status = envelope
            .code
            .filter(|c| (100..=599).contains(c))
            .map_or(http_status, |c| c as u16);
        return Err(ApiError::Failure {
            status,
            status_text: envelope.status.trim().to_string(),
            message: envelope.error_text(trimmed, &data),
            request_id: envelope.request_id,
        });
    }
    Ok((envelope.request_id, data))
}

/// [`decode_answer`] with `Data` as a JSON value (`Value::Null` when absent
/// or null): the tests' view of an answer.
#[cfg(test)]
pub(crate) fn decode_envelope(
    answer: &Answer,
) -> Result<(Option<String>, serde_json::Value), ApiError> {
    let (request_id, _) = decode_answer(answer, &mut Ignore)?;
    let body = answer.body.trim_start_matches('\u{feff}').trim();
    let value: serde_json::Value = serde_json::from_str(body).expect("decoded once already");
    let data = value.get("Data").cloned().unwrap_or_default();
    Ok((request_id, data))
}

/// [`decode_envelope`], then `Data` as a `T` through [`data_into`].
#[cfg(test)]
pub(crate) fn decode_data<T: serde::de::DeserializeOwned>(answer: &Answer) -> Result<T, ApiError> {
    let (request_id, data) = decode_envelope(answer)?;
    data_into(answer.status, request_id, data)
}

/// Converts a successful `Data` into a `T`, or [`ApiError::Decode`]. The
/// detail names the shapes involved but never quotes the data. (The
/// endpoints read `Data` through sinks, which tell the shapes apart
/// themselves; this generic path is kept for the tests of its wording.)
#[cfg(test)]
pub(crate) fn data_into<T: serde::de::DeserializeOwned>(
    http_status: u16,
    request_id: Option<String>,
    data: serde_json::Value,
) -> Result<T, ApiError> {
    let kind = value_kind(&data);
    serde_json::from_value(data).map_err(|err| ApiError::Decode {
        status: http_status,
        request_id,
        detail: format!("Data is {kind}: {}", without_quoted_text(&err.to_string())),
    })
}

/// `Data` must be a string (token, "Deleted Successfully"); `what` names it
/// in the error ("a string", "the token as a string").
pub(crate) fn decode_string_data(answer: &Answer, what: &str) -> Result<String, ApiError> {
    decode_string_data_with_id(answer, what).map(|(_, text)| text)
}

/// [`decode_string_data`], with the answer's `RequestId`.
pub(crate) fn decode_string_data_with_id(
    answer: &Answer,
    what: &str,
) -> Result<(Option<String>, String), ApiError> {
    let (request_id, data) = decode_answer(answer, &mut Ignore)?;
    match data {
        Data::Text(s) => Ok((request_id, s)),
        other => Err(wrong_data(answer, request_id, what, &other)),
    }
}

/// `Data` must be an array of apps; null or absent counts as no apps (a Go
/// server's nil slice), items that are not objects are skipped.
pub(crate) fn decode_app_list_data(answer: &Answer) -> Result<Vec<App>, ApiError> {
    let mut list = ListSink::<App>::default();
    let (request_id, data) = decode_answer(answer, &mut list)?;
    match data {
        Data::Null => Ok(Vec::new()),
        Data::Array => Ok(list.items),
        other => Err(wrong_data(answer, request_id, "a list of apps", &other)),
    }
}

/// `Data` must be one app object.
pub(crate) fn decode_app_data(answer: &Answer) -> Result<App, ApiError> {
    decode_object_data(answer, "an app object")
}

/// `Data` must be a JSON object, decoded as a `T`; `what` names it in the
/// error ("an app object").
pub(crate) fn decode_object_data<T: Record>(answer: &Answer, what: &str) -> Result<T, ApiError> {
    let mut record = RecordSink::<T>::default();
    let (request_id, data) = decode_answer(answer, &mut record)?;
    match data {
        Data::Object => Ok(record.value),
        other => Err(wrong_data(answer, request_id, what, &other)),
    }
}

/// "expected {what} in Data, got {its kind}".
pub(crate) fn wrong_data(
    answer: &Answer,
    request_id: Option<String>,
    what: &str,
    data: &Data,
) -> ApiError {
    ApiError::Decode {
        status: answer.status,
        request_id,
        detail: format!("expected {what} in Data, got {}", data.kind()),
    }
}

/// "null", "a string", "an object", ...
#[cfg(test)]
pub(crate) fn value_kind(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `body`: the answer's body, trimmed.
fn not_json(answer: &Answer, body: &str, err: &serde_json::Error) -> ApiError {
    let is_html = body.starts_with('<')
        || (answer.content_type.as_deref())
            .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"));
    let (body_kind, snippet) = if is_html {
        (BodyKind::Html, html_snippet(body))
    } else if body.starts_with('{') || body.starts_with('[') {
        // Broken or cut-short JSON: describe it rather than quote it, as a
        // cut-short success could hold a token or a secret.
        (
            BodyKind::Text,
            format!("invalid or incomplete JSON ({err})"),
        )
    } else {
        (BodyKind::Text, one_line(body, MAX_SNIPPET_CHARS))
    };
    ApiError::NotEnvelope {
        status: answer.status,
        body_kind,
        snippet: one_line(&snippet, MAX_SNIPPET_CHARS),
    }
}

/// For JSON that is not an envelope: its message field, else its text
/// (`body` is valid JSON: it was just read).
fn json_snippet(body: &str) -> String {
    let mut peek = MessageSink::default();
    let text = match drive(body, &mut peek)
        .ok()
        .and_then(|()| peek.text_or_message())
    {
        Some(text) => text,
        None => {
            let mut json = JsonText::default();
            let _ = drive(body, &mut json);
            json.text
        }
    };
    one_line(&text, MAX_SNIPPET_CHARS)
}

/// The page's `<title>`, else its text without tags.
fn html_snippet(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    if let Some(start) = lower.find("<title") {
        if let Some(open_end) = lower[start..].find('>') {
            let from = start + open_end + 1;
            let to = lower[from..]
                .find("</title")
                .map_or(html.len(), |i| from + i);
            let title = one_line(&html[from..to], MAX_SNIPPET_CHARS);
            if !title.is_empty() {
                return title;
            }
        }
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
        if text.len() > 4 * MAX_SNIPPET_CHARS {
            break;
        }
    }
    one_line(&text, MAX_SNIPPET_CHARS)
}

/// Replaces every `"..."` of a serde message by `"…"`, so that a decode
/// error never quotes the data it choked on.
#[cfg(test)]
fn without_quoted_text(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod bench;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const RID: &str = "2405acfd-1ad3-486b-92d5-233965d8c204";
    const JSON_CT: Option<&str> = Some("application/json; charset=utf-8");

    fn envelope(status: &str, code: i64, error: &str, data: Value) -> String {
        json!({"RequestId": RID, "Status": status, "Code": code, "Error": error, "Data": data})
            .to_string()
    }

    fn ok(http: u16, body: &str) -> (Option<String>, Value) {
        decode_envelope(&Answer::new(http, JSON_CT, body)).expect("success")
    }

    fn err(http: u16, ct: Option<&str>, body: &str) -> ApiError {
        decode_envelope(&Answer::new(http, ct, body)).expect_err("an error")
    }

    #[test]
    fn success_object() {
        let body = envelope(
            "Success",
            200,
            "",
            json!({"AppID": "a", "AppName": "WebRTC"}),
        );
        let (rid, data) = ok(200, &body);
        assert_eq!(rid.as_deref(), Some(RID));
        assert_eq!(data["AppName"], "WebRTC");
        let app = decode_app_data(&Answer::new(200, JSON_CT, &body)).unwrap();
        assert_eq!(app.app_id, "a");
    }

    #[test]
    fn success_array() {
        let body = envelope(
            "Success",
            200,
            "",
            json!([{"AppName": "one"}, 7, {"AppName": "two"}]),
        );
        let (_, data) = ok(200, &body);
        assert!(data.is_array());
        let apps = decode_app_list_data(&Answer::new(200, JSON_CT, &body)).unwrap();
        let names: Vec<_> = apps.iter().map(|a| a.app_name.as_str()).collect();
        assert_eq!(names, ["one", "two"]);
        let empty = envelope("Success", 200, "", json!([]));
        assert!(decode_app_list_data(&Answer::new(200, JSON_CT, &empty))
            .unwrap()
            .is_empty());
        let null = envelope("Success", 200, "", Value::Null);
        assert!(decode_app_list_data(&Answer::new(200, JSON_CT, &null))
            .unwrap()
            .is_empty());
        let object = envelope("Success", 200, "", json!({"AppName": "x"}));
        let e = decode_app_list_data(&Answer::new(200, JSON_CT, &object)).unwrap_err();
        assert!(
            matches!(&e, ApiError::Decode { status: 200, request_id: Some(r), detail }
            if r == RID && detail.contains("an object")),
            "{e:?}"
        );
    }

    #[test]
    fn success_string() {
        let body = envelope("Success", 200, "", json!("Deleted Successfully"));
        assert_eq!(ok(200, &body).1, json!("Deleted Successfully"));
        assert_eq!(
            decode_string_data(&Answer::new(200, JSON_CT, &body), "a string").unwrap(),
            "Deleted Successfully"
        );
        assert_eq!(
            decode_data::<String>(&Answer::new(200, JSON_CT, &body)).unwrap(),
            "Deleted Successfully"
        );
    }

    #[test]
    fn status_is_case_insensitive() {
        for status in ["Success", "success", "SUCCESS", " success "] {
            let body = envelope(status, 200, "", json!("x"));
            assert_eq!(ok(200, &body).1, json!("x"), "{status}");
        }
        // Any 2xx.
        let body = envelope("Success", 201, "", json!("x"));
        assert!(decode_envelope(&Answer::new(201, None, &body)).is_ok());
    }

    #[test]
    fn failure_inside_http_200() {
        for status in ["failure", "Failure", "Failed", "error", ""] {
            let body = envelope(status, 200, "Invalid secret", Value::Null);
            let e = err(200, JSON_CT, &body);
            assert_eq!(
                e,
                ApiError::Failure {
                    status: 200,
                    request_id: Some(RID.into()),
                    status_text: status.to_string(),
                    message: "Invalid secret".into(),
                }
            );
            assert!(e.to_string().contains(RID));
            assert!(e.to_string().contains("Invalid secret"));
        }
    }

    #[test]
    fn failure_with_code_401_is_unauthorized() {
        let body = envelope("failure", 401, "token expired", Value::Null);
        let e = err(200, JSON_CT, &body);
        assert_eq!(e.status(), Some(401));
        assert!(e.is_unauthorized());
        // A Code that is not an HTTP-like status keeps the HTTP one.
        let body = envelope("failure", 12345, "x", Value::Null);
        assert_eq!(err(200, JSON_CT, &body).status(), Some(200));
        let body = json!({"RequestId": RID, "Status": "failure", "Code": "401"}).to_string();
        assert!(err(200, JSON_CT, &body).is_unauthorized());
    }

    #[test]
    fn http_error_envelopes() {
        for (http, msg) in [
            (400, "Bad request: AppName is required"),
            (401, "Unauthorized"),
            (500, "could not create the application"),
        ] {
            let body = envelope("Failure", i64::from(http), msg, Value::Null);
            let e = err(http, JSON_CT, &body);
            assert_eq!(
                e,
                ApiError::Http {
                    status: http,
                    request_id: Some(RID.into()),
                    message: msg.into(),
                }
            );
            assert_eq!(e.request_id(), Some(RID));
            assert_eq!(e.is_unauthorized(), http == 401);
            assert_eq!(e.is_retryable(), http == 500);
            let shown = e.to_string();
            assert!(shown.contains(msg) && shown.contains(&format!("(RequestId {RID})")));
        }
        // Even a "Success" envelope is an error with a non-2xx status.
        let body = envelope("Success", 200, "", json!("x"));
        assert!(matches!(
            err(502, JSON_CT, &body),
            ApiError::Http { status: 502, .. }
        ));
    }

    #[test]
    fn error_holding_json_text() {
        let body = envelope(
            "Failure",
            400,
            r#"{"message":"AppName too long"}"#,
            Value::Null,
        );
        match err(400, JSON_CT, &body) {
            ApiError::Http { message, .. } => assert_eq!(message, "AppName too long"),
            other => panic!("{other:?}"),
        }
        let body = envelope("failure", 200, r#"{"error":"duplicate app"}"#, Value::Null);
        match err(200, JSON_CT, &body) {
            ApiError::Failure { message, .. } => assert_eq!(message, "duplicate app"),
            other => panic!("{other:?}"),
        }
        // Error as an object, and an explanation only in Data.
        let body = json!({"RequestId": RID, "Status": "Failure", "Error": {"message": "obj"}});
        match err(400, JSON_CT, &body.to_string()) {
            ApiError::Http { message, .. } => assert_eq!(message, "obj"),
            other => panic!("{other:?}"),
        }
        let body = envelope("Failure", 400, "", json!("Id is required"));
        match err(400, JSON_CT, &body) {
            ApiError::Http { message, .. } => assert_eq!(message, "Id is required"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn malformed_token_answer() {
        let body = r#"{"error":"invalid AuthToken: malformed"}"#;
        let e = err(500, JSON_CT, body);
        assert_eq!(
            e,
            ApiError::NotEnvelope {
                status: 500,
                body_kind: BodyKind::Json,
                snippet: "invalid AuthToken: malformed".into(),
            }
        );
        assert!(e.is_unauthorized());
        assert!(!e.is_retryable());
        assert!(e.message().contains("malformed"));
        assert!(e.message().contains("Bearer"));
    }

    #[test]
    fn html_from_a_proxy() {
        let body = concat!(
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n",
            "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        );
        let e = err(502, Some("text/html"), body);
        assert_eq!(
            e,
            ApiError::NotEnvelope {
                status: 502,
                body_kind: BodyKind::Html,
                snippet: "502 Bad Gateway".into(),
            }
        );
        assert!(e.is_retryable());
        // Sniffed without a content type, no title: tags stripped.
        let e = err(
            200,
            None,
            "<!doctype html><div><p>Hello\n <b>world</b></p></div>",
        );
        assert_eq!(
            e,
            ApiError::NotEnvelope {
                status: 200,
                body_kind: BodyKind::Html,
                snippet: "Hello world".into(),
            }
        );
        // Declared HTML even if it does not start with '<'.
        let e = err(503, Some("text/html; charset=UTF-8"), "Service Unavailable");
        assert!(matches!(
            e,
            ApiError::NotEnvelope {
                body_kind: BodyKind::Html,
                ..
            }
        ));
        // A big page gives a short snippet.
        let big = format!("<html><body>{}</body></html>", "word ".repeat(5000));
        match err(500, Some("text/html"), &big) {
            ApiError::NotEnvelope { snippet, .. } => {
                assert!(snippet.chars().count() <= MAX_SNIPPET_CHARS)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_bodies() {
        for (http, body) in [(500, ""), (200, ""), (200, "  \n\t "), (204, "\u{feff}")] {
            let e = err(http, JSON_CT, body);
            assert_eq!(
                e,
                ApiError::NotEnvelope {
                    status: http,
                    body_kind: BodyKind::Empty,
                    snippet: String::new(),
                }
            );
            assert!(e.is_retryable());
        }
    }

    #[test]
    fn plain_text() {
        let e = err(404, Some("text/plain"), "404 page not found\n");
        assert_eq!(
            e,
            ApiError::NotEnvelope {
                status: 404,
                body_kind: BodyKind::Text,
                snippet: "404 page not found".into(),
            }
        );
        assert!(e.message().contains("base URL"));
        let long = "z".repeat(1000);
        match err(200, None, &long) {
            ApiError::NotEnvelope { snippet, .. } => {
                assert_eq!(snippet.chars().count(), MAX_SNIPPET_CHARS)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn json_that_is_not_an_envelope() {
        let e = err(200, JSON_CT, r#"[{"AppID":"a"}]"#);
        assert!(
            matches!(&e, ApiError::NotEnvelope { status: 200, body_kind: BodyKind::Json, snippet }
            if snippet == r#"[{"AppID":"a"}]"#),
            "{e:?}"
        );
        let e = err(200, JSON_CT, r#""just a string""#);
        assert!(
            matches!(&e, ApiError::NotEnvelope { body_kind: BodyKind::Json, snippet, .. }
            if snippet == "just a string")
        );
        let e = err(200, JSON_CT, "42");
        assert!(matches!(
            e,
            ApiError::NotEnvelope {
                body_kind: BodyKind::Json,
                ..
            }
        ));
        let e = err(
            404,
            JSON_CT,
            r#"{"message":"Not Found","documentation_url":"x"}"#,
        );
        assert!(
            matches!(&e, ApiError::NotEnvelope { body_kind: BodyKind::Json, snippet, .. }
            if snippet == "Not Found")
        );
    }

    #[test]
    fn truncated_json_is_described_not_quoted() {
        let full = envelope(
            "Success",
            200,
            "",
            json!("eyJhbGciOiJIUzI1NiJ9.SECRETPAYLOAD.sig"),
        );
        let cut = &full[..full.len() - 10];
        let e = err(200, JSON_CT, cut);
        match &e {
            ApiError::NotEnvelope {
                status: 200,
                body_kind: BodyKind::Text,
                snippet,
            } => {
                assert!(snippet.contains("invalid or incomplete JSON"), "{snippet}");
                assert!(snippet.chars().count() <= MAX_SNIPPET_CHARS);
            }
            other => panic!("{other:?}"),
        }
        assert!(!e.to_string().contains("SECRETPAYLOAD"));
    }

    #[test]
    fn data_absent_or_null_for_a_string_endpoint() {
        for body in [
            json!({"RequestId": RID, "Status": "Success", "Code": 200, "Error": ""}).to_string(),
            envelope("Success", 200, "", Value::Null),
        ] {
            let (_, data) = ok(200, &body);
            assert_eq!(data, Value::Null);
            let e = decode_string_data(&Answer::new(200, JSON_CT, &body), "a string").unwrap_err();
            assert_eq!(
                e,
                ApiError::Decode {
                    status: 200,
                    request_id: Some(RID.into()),
                    detail: "expected a string in Data, got null".into(),
                }
            );
            assert!(decode_data::<String>(&Answer::new(200, JSON_CT, &body)).is_err());
        }
    }

    #[test]
    fn wrong_data_shape() {
        let body = envelope("Success", 200, "", json!({"token": "x"}));
        let e = decode_string_data(&Answer::new(200, JSON_CT, &body), "a string").unwrap_err();
        assert!(matches!(&e, ApiError::Decode { detail, .. } if detail.contains("an object")));
        let body = envelope("Success", 200, "", json!("a-private-string"));
        let e = decode_app_data(&Answer::new(200, JSON_CT, &body)).unwrap_err();
        assert!(matches!(e, ApiError::Decode { .. }));
        // serde's own message never quotes the data.
        let e = decode_data::<App>(&Answer::new(200, JSON_CT, &body)).unwrap_err();
        match &e {
            ApiError::Decode { detail, .. } => {
                assert!(detail.starts_with("Data is a string"), "{detail}");
                assert!(!detail.contains("a-private-string"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        assert!(e.message().contains("could not be read"));
        let body = envelope("Success", 200, "", json!(12));
        assert!(matches!(
            decode_app_list_data(&Answer::new(200, JSON_CT, &body)),
            Err(ApiError::Decode { .. })
        ));
    }

    #[test]
    fn envelope_is_tolerant() {
        // RequestId alone marks an envelope; a missing Status is a failure.
        let e = err(200, JSON_CT, &json!({"RequestId": RID}).to_string());
        assert!(matches!(e, ApiError::Failure { .. }));
        // Odd types everywhere.
        let body =
            json!({"RequestId": 5, "Status": "success", "Code": "200", "Error": null, "Data": [1]});
        let (rid, data) = ok(200, &body.to_string());
        assert_eq!(rid.as_deref(), Some("5"));
        assert_eq!(data, json!([1]));
        // Empty RequestId is no RequestId.
        let body = json!({"RequestId": "", "Status": "failure", "Error": "x"});
        assert_eq!(err(200, JSON_CT, &body.to_string()).request_id(), None);
        let env = Envelope::from_value(&json!({"Status": "Success", "Code": 200.0})).unwrap();
        assert_eq!(env.code, Some(200));
        assert!(env.is_success());
        assert!(Envelope::from_value(&json!({"status": "success"})).is_none());
        assert!(Envelope::from_value(&json!([1])).is_none());
    }

    #[test]
    fn without_quoted_text_strips_values() {
        assert_eq!(
            without_quoted_text(r#"invalid type: string "secret", expected struct App"#),
            r#"invalid type: string "…", expected struct App"#
        );
        assert_eq!(without_quoted_text("no quotes"), "no quotes");
    }
}
