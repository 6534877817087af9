//! Everything that can go wrong with a call, and what it means for the
//! console: the session is over, a retry may work, the outcome is unknown.
//! The admin-facing sentences are in [`super::describe`]; the short titles
//! and the server-text helpers both use are here.

use std::fmt;

use super::types::{drive, Scalar, Sink};

/// What a non-envelope body looked like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BodyKind {
    /// Nothing, or only whitespace.
    Empty,
    /// An HTML page (a proxy's or CDN's error page, or a wrong base URL).
    Html,
    /// Valid JSON, but not the API's envelope.
    Json,
    /// Anything else (plain text, truncated JSON, ...).
    Text,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ApiError {
    /// The request never got an HTTP answer: server down, DNS, CORS refused,
    /// offline. `detail` is the browser's error text.
    Network { detail: String },
    /// No answer within the client's timeout.
    Timeout { after_ms: u32 },
    /// The page's own Content-Security-Policy (`connect-src`) forbids calls
    /// to `origin`: nothing was sent. A deployment fix, not a network one.
    BlockedByPolicy { origin: String },
    /// An HTTP error status with an API envelope.
    Http {
        status: u16,
        request_id: Option<String>,
        message: String,
    },
    /// A 2xx answer whose envelope `Status` is not "success". `status` is the
    /// envelope's `Code` when it holds an HTTP-like code (100..=599), else the
    /// HTTP status.
    Failure {
        status: u16,
        request_id: Option<String>,
        status_text: String,
        message: String,
    },
    /// The body is not an API envelope. `snippet` is a short single-line
    /// excerpt (for JSON, its `error`/`message` field when there is one).
    NotEnvelope {
        status: u16,
        body_kind: BodyKind,
        snippet: String,
    },
    /// The envelope says success but `Data` does not have the expected shape.
    Decode {
        status: u16,
        request_id: Option<String>,
        detail: String,
    },
    /// The request was aborted because it was superseded or its component
    /// went away. The UI ignores it.
    Cancelled,
    /// POST /token answered 401: the ID or secret was not accepted. Not a
    /// session expiry, so the UI keeps the admin where they are.
    Credentials {
        request_id: Option<String>,
        message: String,
    },
}

/// Longest excerpt of a non-envelope body.
pub(crate) const MAX_SNIPPET_CHARS: usize = 120;

impl ApiError {
    /// The request may have been carried out although it failed: no answer
    /// (timeout, network), or an answer from something other than the API
    /// (proxy page, empty or unreadable body, 5xx). A retry of a create or
    /// delete must check first instead of repeating blindly.
    pub(crate) fn outcome_unknown(&self) -> bool {
        match self {
            ApiError::Timeout { .. } | ApiError::Network { .. } => true,
            ApiError::NotEnvelope { .. } | ApiError::Decode { .. } => !self.is_malformed_token(),
            ApiError::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// Turns a 401 from POST /token into [`ApiError::Credentials`]; other
    /// errors pass through.
    pub(crate) fn for_token_request(self) -> Self {
        match self {
            ApiError::Http {
                status: 401,
                request_id,
                message,
            }
            | ApiError::Failure {
                status: 401,
                request_id,
                message,
                ..
            } => ApiError::Credentials {
                request_id,
                message,
            },
            other => other,
        }
    }

    pub(crate) fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Http { request_id, .. }
            | ApiError::Failure { request_id, .. }
            | ApiError::Decode { request_id, .. }
            | ApiError::Credentials { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status (for [`ApiError::Failure`], the envelope's code).
    #[cfg(test)]
    pub(crate) fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. }
            | ApiError::Failure { status, .. }
            | ApiError::NotEnvelope { status, .. }
            | ApiError::Decode { status, .. } => Some(*status),
            ApiError::Credentials { .. } => Some(401),
            ApiError::Network { .. }
            | ApiError::Timeout { .. }
            | ApiError::BlockedByPolicy { .. }
            | ApiError::Cancelled => None,
        }
    }

    /// The token was refused (or is unusable): the admin must sign in again.
    /// True for 401 (HTTP or envelope code), a non-envelope 401 JSON answer,
    /// and the API's `{"error":"invalid AuthToken: malformed"}`.
    pub(crate) fn is_unauthorized(&self) -> bool {
        match self {
            ApiError::Http { status, .. } | ApiError::Failure { status, .. } => *status == 401,
            ApiError::NotEnvelope {
                status,
                body_kind: BodyKind::Json,
                ..
            } => *status == 401 || self.is_malformed_token(),
            _ => false,
        }
    }

    /// The API said the Authorization header is not a token at all.
    pub(crate) fn is_malformed_token(&self) -> bool {
        match self {
            ApiError::NotEnvelope { snippet, .. } => mentions_malformed_token(snippet),
            ApiError::Http { message, .. } | ApiError::Failure { message, .. } => {
                mentions_malformed_token(message)
            }
            _ => false,
        }
    }

    /// Trying the same call again later may work: network errors, timeouts,
    /// 5xx (but not a malformed token), 408/429, and HTML or empty bodies
    /// (proxies and gateways).
    pub(crate) fn is_retryable(&self) -> bool {
        if self.is_malformed_token() {
            return false;
        }
        match self {
            ApiError::Network { .. } | ApiError::Timeout { .. } => true,
            ApiError::NotEnvelope {
                body_kind: BodyKind::Html | BodyKind::Empty,
                ..
            } => true,
            ApiError::Http { status, .. }
            | ApiError::Failure { status, .. }
            | ApiError::NotEnvelope { status, .. } => retryable_status(*status),
            ApiError::Decode { .. }
            | ApiError::BlockedByPolicy { .. }
            | ApiError::Cancelled
            | ApiError::Credentials { .. } => false,
        }
    }

    /// A short heading, e.g. "The API refused the request (HTTP 400)".
    pub(crate) fn title(&self) -> String {
        match self {
            ApiError::Network { .. } => "Could not reach the API".into(),
            ApiError::BlockedByPolicy { .. } => {
                "This page's security policy blocks that API host".into()
            }
            ApiError::Timeout { .. } => "The API did not answer in time".into(),
            ApiError::Http { status, .. } => status_title(*status),
            ApiError::Failure { status, .. } => {
                if *status == 401 {
                    "The API did not accept the token".into()
                } else {
                    "The API reported a failure".into()
                }
            }
            ApiError::NotEnvelope {
                status, body_kind, ..
            } => {
                if self.is_malformed_token() {
                    format!("The token looks malformed (HTTP {status})")
                } else {
                    match body_kind {
                        BodyKind::Empty => format!("Empty answer from the API (HTTP {status})"),
                        BodyKind::Html => {
                            format!("A web page came back instead of the API (HTTP {status})")
                        }
                        BodyKind::Json | BodyKind::Text => {
                            format!("Unexpected answer from the API (HTTP {status})")
                        }
                    }
                }
            }
            ApiError::Decode { .. } => "The API's answer could not be read".into(),
            ApiError::Cancelled => "Request cancelled".into(),
            ApiError::Credentials { .. } => "The ID or secret was not accepted (HTTP 401)".into(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.title(), self.message())?;
        if let Some(id) = self.request_id() {
            write!(f, " (RequestId {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

fn mentions_malformed_token(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("malformed") && (t.contains("token") || t.contains("auth"))
}

pub(crate) fn retryable_status(status: u16) -> bool {
    status >= 500 || status == 408 || status == 429
}

fn status_title(status: u16) -> String {
    match status {
        401 => format!("The API did not accept the token (HTTP {status})"),
        403 => format!("The API denied access (HTTP {status})"),
        404 => format!("API address not found (HTTP {status})"),
        400..=499 => format!("The API refused the request (HTTP {status})"),
        500..=599 => format!("The API had an internal error (HTTP {status})"),
        _ => format!("Unexpected answer from the API (HTTP {status})"),
    }
}

/// Collapses whitespace (newlines included) to single spaces, drops control
/// characters, and cuts to `max` characters with an ellipsis.
pub(crate) fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0usize;
    let words = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty());
    for word in words {
        if count > 0 {
            out.push(' ');
            count += 1;
        }
        out.push_str(word);
        count += word.chars().count();
        if count > max {
            let cut: String = out.chars().take(max.saturating_sub(1)).collect();
            return format!("{}…", cut.trim_end());
        }
    }
    out
}

/// Unwraps an `Error` text that is itself JSON (`{"message":"x"}`,
/// `{"error":"x"}`, or a JSON string): returns the inner text, else `raw`.
pub(crate) fn unwrap_error_text(raw: &str) -> String {
    let mut text = raw.trim().to_string();
    // Two levels are enough for what has been seen; bound it anyway.
    for _ in 0..3 {
        let t = text.trim();
        if !(t.starts_with('{') || t.starts_with('"')) {
            break;
        }
        let mut peek = MessageSink::default();
        match drive(t, &mut peek)
            .ok()
            .and_then(|()| peek.text_or_message())
        {
            Some(inner) => text = inner,
            None => break,
        }
    }
    text.trim().to_string()
}

/// The usual error fields of a JSON object, in the order they are tried.
const MESSAGE_KEYS: [&str; 6] = [
    "message",
    "error",
    "Message",
    "Error",
    "detail",
    "error_description",
];

/// Reads one JSON value for the error texts it holds: a string's text, or
/// an object's first non-empty message field (a field holding an object is
/// searched the same way).
#[derive(Default)]
pub(crate) struct MessageSink {
    text: Option<String>,
    is_object: bool,
    found: [Option<Found>; 6],
    slot: usize,
    child: Option<Box<MessageSink>>,
}

/// What one message field held.
enum Found {
    /// A string that is not blank.
    Text(String),
    /// An object: its own message field.
    Inner(Option<String>),
    Other,
}

impl MessageSink {
    /// An object's message field; `None` for anything else.
    pub(crate) fn message(&mut self) -> Option<String> {
        if !self.is_object {
            return None;
        }
        self.found.iter_mut().find_map(|found| match found.take()? {
            Found::Text(s) => Some(s),
            Found::Inner(inner) => inner,
            Found::Other => None,
        })
    }

    /// A string's text, or an object's message field.
    pub(crate) fn text_or_message(&mut self) -> Option<String> {
        self.text.take().or_else(|| self.message())
    }

    fn start(&mut self, is_object: bool) {
        self.is_object = is_object;
        self.text = None;
        self.found = Default::default();
    }
}

impl Sink for MessageSink {
    fn scalar(&mut self, value: Scalar<'_>) {
        self.start(false);
        if let Scalar::Str(s) = value {
            self.text = Some(s.to_string());
        }
    }
    fn begin_object(&mut self) {
        self.start(true);
    }
    fn field(&mut self, key: &str) -> Option<&mut dyn Sink> {
        self.slot = MESSAGE_KEYS.iter().position(|k| *k == key)?;
        Some(&mut **self.child.get_or_insert_with(Box::default))
    }
    fn field_done(&mut self) {
        let Some(child) = self.child.as_mut() else {
            return;
        };
        self.found[self.slot] = Some(if child.is_object {
            Found::Inner(child.message())
        } else {
            match child.text.take() {
                Some(text) if !text.trim().is_empty() => Found::Text(text),
                _ => Found::Other,
            }
        });
    }
    fn begin_array(&mut self) {
        self.start(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "s3cr3t-T0KEN-value";

    fn samples() -> Vec<ApiError> {
        vec![
            ApiError::Network {
                detail: "TypeError: Failed to fetch".into(),
            },
            ApiError::Network { detail: "".into() },
            ApiError::Timeout { after_ms: 15000 },
            ApiError::Timeout { after_ms: 2500 },
            ApiError::Timeout { after_ms: 50 },
            ApiError::Http {
                status: 400,
                request_id: Some("rid-400".into()),
                message: "AppName is required".into(),
            },
            ApiError::Http {
                status: 401,
                request_id: Some("rid-401".into()),
                message: "Unauthorized".into(),
            },
            ApiError::Http {
                status: 403,
                request_id: None,
                message: "".into(),
            },
            ApiError::Http {
                status: 404,
                request_id: None,
                message: "".into(),
            },
            ApiError::Http {
                status: 429,
                request_id: None,
                message: "".into(),
            },
            ApiError::Http {
                status: 500,
                request_id: Some("rid-500".into()),
                message: "db down".into(),
            },
            ApiError::Http {
                status: 302,
                request_id: None,
                message: "".into(),
            },
            ApiError::Failure {
                status: 200,
                request_id: Some("rid-f".into()),
                status_text: "failure".into(),
                message: "Invalid secret".into(),
            },
            ApiError::Failure {
                status: 200,
                request_id: None,
                status_text: "Failed".into(),
                message: "".into(),
            },
            ApiError::Failure {
                status: 200,
                request_id: None,
                status_text: "".into(),
                message: "".into(),
            },
            ApiError::Failure {
                status: 401,
                request_id: None,
                status_text: "Failure".into(),
                message: "token expired".into(),
            },
            ApiError::NotEnvelope {
                status: 500,
                body_kind: BodyKind::Json,
                snippet: "invalid AuthToken: malformed".into(),
            },
            ApiError::NotEnvelope {
                status: 400,
                body_kind: BodyKind::Json,
                snippet: "{\"foo\":1}".into(),
            },
            ApiError::NotEnvelope {
                status: 401,
                body_kind: BodyKind::Json,
                snippet: "unauthorized".into(),
            },
            ApiError::NotEnvelope {
                status: 502,
                body_kind: BodyKind::Html,
                snippet: "502 Bad Gateway".into(),
            },
            ApiError::NotEnvelope {
                status: 200,
                body_kind: BodyKind::Html,
                snippet: "".into(),
            },
            ApiError::NotEnvelope {
                status: 500,
                body_kind: BodyKind::Empty,
                snippet: "".into(),
            },
            ApiError::NotEnvelope {
                status: 200,
                body_kind: BodyKind::Text,
                snippet: "hello".into(),
            },
            ApiError::NotEnvelope {
                status: 503,
                body_kind: BodyKind::Text,
                snippet: "".into(),
            },
            ApiError::Decode {
                status: 200,
                request_id: Some("rid-d".into()),
                detail: "Data is null, expected a string".into(),
            },
            ApiError::Cancelled,
        ]
    }

    #[test]
    fn display_is_title_message_and_request_id() {
        for e in samples() {
            let shown = e.to_string();
            assert!(shown.starts_with(&format!("{}: {}", e.title(), e.message())));
            match e.request_id() {
                Some(id) => assert!(shown.ends_with(&format!(" (RequestId {id})")), "{shown}"),
                None => assert!(!shown.contains("(RequestId "), "{shown}"),
            }
            assert!(!e.title().is_empty() && !e.message().is_empty());
            assert!(!shown.contains('\n'));
        }
    }

    #[test]
    fn request_id_and_status_accessors() {
        let e = ApiError::Http {
            status: 400,
            request_id: Some("abc".into()),
            message: "bad".into(),
        };
        assert_eq!(e.request_id(), Some("abc"));
        assert_eq!(e.status(), Some(400));
        assert!(e.to_string().contains("(RequestId abc)"));
        assert_eq!(ApiError::Cancelled.status(), None);
        assert_eq!(ApiError::Timeout { after_ms: 1 }.request_id(), None);
    }

    #[test]
    fn messages_never_contain_a_secret_that_was_not_in_the_body() {
        // The errors only ever hold body text; make sure no formatting path
        // invents or echoes anything else (e.g. a header value).
        for e in samples() {
            for text in [e.to_string(), e.title(), e.message(), format!("{e:?}")] {
                assert!(!text.contains(SECRET), "{text}");
            }
        }
    }

    #[test]
    fn titles_and_messages() {
        assert_eq!(
            ApiError::Network { detail: "x".into() }.title(),
            "Could not reach the API"
        );
        assert_eq!(
            ApiError::Timeout { after_ms: 15000 }.title(),
            "The API did not answer in time"
        );
        assert!(ApiError::Timeout { after_ms: 15000 }
            .message()
            .contains("15 s"));
        let bad = ApiError::Http {
            status: 400,
            request_id: None,
            message: "AppName is required".into(),
        };
        assert_eq!(bad.title(), "The API refused the request (HTTP 400)");
        assert!(bad.message().contains("AppName is required"));
        let net = ApiError::Network {
            detail: "TypeError: Failed to fetch".into(),
        };
        assert!(net.message().contains("base URL"));
        assert!(net.message().contains("Failed to fetch"));
        let unauth = ApiError::Http {
            status: 401,
            request_id: None,
            message: "Unauthorized".into(),
        };
        assert!(unauth.message().contains("Sign in again"));
        let malformed = ApiError::NotEnvelope {
            status: 500,
            body_kind: BodyKind::Json,
            snippet: "invalid AuthToken: malformed".into(),
        };
        assert!(malformed.title().contains("malformed"));
        assert!(malformed.message().contains("token looks malformed"));
        assert!(malformed.message().contains("invalid AuthToken: malformed"));
    }

    #[test]
    fn classification() {
        let by_status = |status| ApiError::Http {
            status,
            request_id: None,
            message: String::new(),
        };
        assert!(by_status(401).is_unauthorized());
        assert!(!by_status(400).is_unauthorized());
        assert!(!by_status(403).is_unauthorized());
        assert!(ApiError::Failure {
            status: 401,
            request_id: None,
            status_text: "failure".into(),
            message: String::new()
        }
        .is_unauthorized());
        let malformed = ApiError::NotEnvelope {
            status: 500,
            body_kind: BodyKind::Json,
            snippet: "invalid AuthToken: malformed".into(),
        };
        assert!(malformed.is_unauthorized());
        assert!(!malformed.is_retryable());

        assert!(by_status(500).is_retryable());
        assert!(by_status(503).is_retryable());
        assert!(by_status(429).is_retryable());
        assert!(!by_status(400).is_retryable());
        assert!(!by_status(401).is_retryable());
        assert!(ApiError::Network { detail: "".into() }.is_retryable());
        assert!(ApiError::Timeout { after_ms: 1 }.is_retryable());
        for kind in [BodyKind::Html, BodyKind::Empty] {
            assert!(ApiError::NotEnvelope {
                status: 200,
                body_kind: kind,
                snippet: String::new()
            }
            .is_retryable());
        }
        assert!(!ApiError::NotEnvelope {
            status: 200,
            body_kind: BodyKind::Text,
            snippet: String::new()
        }
        .is_retryable());
        assert!(!ApiError::Cancelled.is_retryable());
        assert!(!ApiError::Cancelled.is_unauthorized());
    }

    #[test]
    fn outcome_unknown_only_when_the_api_may_have_acted() {
        assert!(ApiError::Timeout { after_ms: 1 }.outcome_unknown());
        assert!(ApiError::Network {
            detail: String::new()
        }
        .outcome_unknown());
        let html = ApiError::NotEnvelope {
            status: 502,
            body_kind: BodyKind::Html,
            snippet: String::new(),
        };
        assert!(html.outcome_unknown());
        let bad = ApiError::Http {
            status: 400,
            request_id: None,
            message: String::new(),
        };
        assert!(!bad.outcome_unknown());
        let failed = ApiError::Failure {
            status: 200,
            request_id: None,
            status_text: "failure".into(),
            message: String::new(),
        };
        assert!(!failed.outcome_unknown());
    }

    #[test]
    fn refused_credentials_are_not_a_session_expiry() {
        let e = ApiError::Http {
            status: 401,
            request_id: Some("r-1".into()),
            message: "invalid credentials".into(),
        }
        .for_token_request();
        assert!(matches!(e, ApiError::Credentials { .. }));
        assert!(!e.is_unauthorized());
        assert!(!e.is_retryable());
        assert_eq!(e.request_id(), Some("r-1"));
        assert!(e.title().contains("ID or secret"));
        assert!(e.message().contains("invalid credentials"));
        let other = ApiError::Http {
            status: 400,
            request_id: None,
            message: "Id is required".into(),
        };
        assert_eq!(other.clone().for_token_request(), other);
        assert!(!ApiError::Decode {
            status: 200,
            request_id: None,
            detail: String::new()
        }
        .is_retryable());
    }

    #[test]
    fn one_line_collapses_and_cuts() {
        assert_eq!(one_line("  a \n\t b\r\n c  ", 100), "a b c");
        assert_eq!(one_line("", 10), "");
        let long = "x".repeat(500);
        let cut = one_line(&long, 120);
        assert_eq!(cut.chars().count(), 120);
        assert!(cut.ends_with('…'));
        assert_eq!(one_line("abc def", 7), "abc def");
        let cut = one_line("abc defgh", 7);
        assert_eq!(cut.chars().count(), 7);
        assert!(cut.ends_with('…'));
        assert_eq!(one_line("ééééé", 3).chars().count(), 3);
        assert_eq!(one_line("abc\u{0}def", 20), "abc def");
    }

    #[test]
    fn unwraps_json_inside_error_text() {
        assert_eq!(unwrap_error_text(r#"{"message":"x"}"#), "x");
        assert_eq!(unwrap_error_text(r#"{"error":"bad id"}"#), "bad id");
        assert_eq!(unwrap_error_text(r#"{"error":{"message":"deep"}}"#), "deep");
        assert_eq!(unwrap_error_text(r#""{\"message\":\"twice\"}""#), "twice");
        assert_eq!(unwrap_error_text(r#"{"code":1}"#), r#"{"code":1}"#);
        assert_eq!(unwrap_error_text("{not json"), "{not json");
        assert_eq!(unwrap_error_text("  plain  "), "plain");
        assert_eq!(unwrap_error_text(""), "");
    }
}
