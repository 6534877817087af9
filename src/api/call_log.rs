//! What the request log records about each API call, and the pure helpers
//! behind it: body redaction, RequestId extraction and "copy as curl".
//! Nothing here holds a secret in a form that could be displayed: request
//! bodies are redacted before they are recorded, and the token travels only
//! in [`CallRecord::token`], which `Debug` hides and the UI never renders.

use super::transport::HttpMethod;
use super::types::{drive, object_text, quoted, JsonText, Sink};

/// One finished API call.
#[derive(Clone, PartialEq)]
pub(crate) struct CallRecord {
    pub(crate) method: HttpMethod,
    /// The URL as called (may be relative to the page for same-origin bases).
    pub(crate) url: String,
    /// HTTP status, or None when no answer came (network, timeout).
    pub(crate) status: Option<u16>,
    pub(crate) request_id: Option<String>,
    /// "OK", or the error's title.
    pub(crate) outcome: String,
    pub(crate) ok: bool,
    /// The API refused the token: the error as the admin reads it.
    pub(crate) refused: Option<String>,
    pub(crate) started_at_ms: f64,
    pub(crate) duration_ms: f64,
    /// The JSON body with every secret replaced by a placeholder.
    pub(crate) redacted_body: Option<String>,
    /// The token sent, kept in memory only for an explicit "include token".
    pub(crate) token: Option<String>,
}

impl std::fmt::Debug for CallRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallRecord")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("outcome", &self.outcome)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

/// Receives every finished call (the console's request log).
pub(crate) trait CallObserver {
    fn observe(&self, record: CallRecord);
}

/// Body fields that are secrets, and the placeholder each becomes.
const SECRET_FIELDS: [(&str, &str); 4] = [
    ("Secret", "<SECRET>"),
    ("AppSecret", "<APP_SECRET>"),
    ("ExotelApiKey", "<EXOTEL_API_KEY>"),
    ("ExotelApiToken", "<EXOTEL_API_TOKEN>"),
];

/// The body with every secret field replaced by its placeholder, as compact
/// JSON (keys sorted). A body that is not a JSON object is not recorded at
/// all (it could be anything).
pub(crate) fn redact_body(body: &str) -> Option<String> {
    let mut redacted = Redacted::default();
    drive(body, &mut redacted).ok()?;
    redacted.is_object.then(|| object_text(redacted.pairs))
}

/// A JSON object's `(key, compact text)` pairs, secrets replaced.
#[derive(Default)]
struct Redacted {
    is_object: bool,
    pairs: Vec<(String, String)>,
    key: String,
    value: JsonText,
}

impl Sink for Redacted {
    fn begin_object(&mut self) {
        self.is_object = true;
    }
    fn field(&mut self, key: &str) -> Option<&mut dyn Sink> {
        self.key = key.to_string();
        Some(&mut self.value)
    }
    fn field_done(&mut self) {
        let key = std::mem::take(&mut self.key);
        let value = match SECRET_FIELDS.iter().find(|(field, _)| *field == key) {
            Some((_, placeholder)) => quoted(placeholder),
            None => std::mem::take(&mut self.value.text),
        };
        self.pairs.push((key, value));
    }
}

/// The `RequestId` of an envelope, found without decoding the whole body
/// (lists can be large and are decoded once already).
pub(crate) fn scan_request_id(body: &str) -> Option<String> {
    let after_key = &body[body.find("\"RequestId\"")? + "\"RequestId\"".len()..];
    let after_colon = after_key.trim_start().strip_prefix(':')?.trim_start();
    let value = after_colon.strip_prefix('"')?;
    let id = &value[..value.find('"')?];
    (!id.is_empty() && id.len() <= 100).then(|| id.to_string())
}

/// Quotes a word for a POSIX shell: every copy-as-curl of the console
/// (the request log's, the settings' webhook samples) goes through it.
pub(crate) fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The call as a curl command. `absolute_url` is the record's URL resolved
/// against the page; the token is included only when asked for, otherwise a
/// placeholder stands in.
pub(crate) fn to_curl(record: &CallRecord, absolute_url: &str, include_token: bool) -> String {
    let mut lines = vec![format!(
        "curl --request {} {}",
        record.method,
        shell_quote(absolute_url)
    )];
    if let Some(token) = &record.token {
        let value = if include_token {
            token.as_str()
        } else {
            "<TOKEN>"
        };
        lines.push(format!(
            "--header {}",
            shell_quote(&format!("Authorization: {value}"))
        ));
    }
    if let Some(body) = &record.redacted_body {
        lines.push("--header 'Content-Type: application/json'".to_string());
        lines.push(format!("--data-raw {}", shell_quote(body)));
    }
    lines.join(" \\\n  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> CallRecord {
        CallRecord {
            method: HttpMethod::Post,
            url: "/v2/integrations/app".into(),
            status: Some(200),
            request_id: Some("r-1".into()),
            outcome: "OK".into(),
            ok: true,
            refused: None,
            started_at_ms: 0.0,
            duration_ms: 12.0,
            redacted_body: redact_body(
                r#"{"AppName":"it's","ExotelApiKey":"k-1","ExotelApiToken":"t-1"}"#,
            ),
            token: Some("tok-secret".into()),
        }
    }

    #[test]
    fn secrets_are_redacted_from_bodies() {
        let body = redact_body(r#"{"Id":"c1","Secret":"s3cret","Entity":"customer"}"#).unwrap();
        assert!(!body.contains("s3cret"));
        assert!(body.contains("<SECRET>"));
        assert!(body.contains("\"Id\":\"c1\""));
        let app = record().redacted_body.unwrap();
        assert!(!app.contains("k-1") && !app.contains("t-1"));
        assert_eq!(redact_body("not json"), None);
        assert_eq!(redact_body("[1]"), None);
    }

    #[test]
    fn redacted_bodies_are_compact_with_sorted_keys_as_before() {
        // What serialising a parsed `Value` gave: keys sorted, a repeated
        // key once, secrets replaced whatever their type.
        let body = r#"{"b": [1, 2.0], "Secret": {"x": 1}, "a": "é", "b": null, "AppSecret": 5}"#;
        assert_eq!(
            redact_body(body).unwrap(),
            r#"{"AppSecret":"<APP_SECRET>","Secret":"<SECRET>","a":"é","b":null}"#
        );
        assert_eq!(redact_body("{}").unwrap(), "{}");
        assert_eq!(redact_body(r#""text""#), None);
        assert_eq!(redact_body(r#"{"a":1"#), None);
    }

    #[test]
    fn request_id_is_scanned_from_an_envelope() {
        assert_eq!(
            scan_request_id(r#"{"RequestId": "abc-1","Status":"Success"}"#).as_deref(),
            Some("abc-1")
        );
        assert_eq!(scan_request_id(r#"{"error":"x"}"#), None);
        assert_eq!(scan_request_id(""), None);
        assert_eq!(scan_request_id(r#"{"RequestId":12}"#), None);
    }

    #[test]
    fn curl_uses_a_placeholder_unless_the_token_is_asked_for() {
        let r = record();
        let without = to_curl(&r, "http://h/v2/integrations/app", false);
        assert!(without.contains("'Authorization: <TOKEN>'"));
        assert!(!without.contains("tok-secret"));
        assert!(without.contains("--data-raw '{"));
        assert!(without.contains("it'\\''s"), "single quotes are escaped");
        let with = to_curl(&r, "http://h/v2/integrations/app", true);
        assert!(with.contains("'Authorization: tok-secret'"));
    }

    #[test]
    fn debug_hides_the_token() {
        assert!(!format!("{:?}", record()).contains("tok-secret"));
    }
}
