//! How an [`ApiError`] is said to an admin: what happened, the server's own
//! words where there are some, and what to do next.
//!
//! Messages are built only from what the server sent back (never from the
//! request, so never from a token or secret), cut to a readable length.

use super::error::{one_line, retryable_status, ApiError, BodyKind, MAX_SNIPPET_CHARS};

/// Longest server text quoted in a message.
const MAX_MESSAGE_CHARS: usize = 300;

const MALFORMED_ADVICE: &str = "The token looks malformed: paste it exactly as issued \
     (without a \"Bearer \" prefix), or sign in again to get a new one.";

impl ApiError {
    /// A sentence or two for an admin: what happened, the server's own words
    /// where there are some, and what to do next.
    pub(crate) fn message(&self) -> String {
        let malformed = self.is_malformed_token();
        match self {
            ApiError::Network { detail } => network_message(detail),
            ApiError::BlockedByPolicy { origin } => blocked_message(origin),
            ApiError::Timeout { after_ms } => timeout_message(*after_ms),
            ApiError::Http {
                status, message, ..
            } => {
                let advice = if malformed {
                    MALFORMED_ADVICE
                } else {
                    status_advice(*status)
                };
                format!("{}{advice}", server_said(message))
            }
            ApiError::Failure {
                status,
                status_text,
                message,
                ..
            } => failure_message(*status, status_text, message, malformed),
            ApiError::NotEnvelope {
                status,
                body_kind,
                snippet,
            } => {
                let snippet = one_line(snippet, MAX_SNIPPET_CHARS);
                if malformed {
                    format!("The API said: \"{snippet}\". {MALFORMED_ADVICE}")
                } else {
                    not_envelope_message(*status, *body_kind, &snippet)
                }
            }
            ApiError::Decode { detail, .. } => decode_message(detail),
            ApiError::Cancelled => "The request was cancelled.".into(),
            ApiError::Credentials { message, .. } => format!(
                "{}Check the ID and the secret (they are case-sensitive) and try again.",
                server_said(message)
            ),
        }
    }
}

fn network_message(detail: &str) -> String {
    let detail = one_line(detail, MAX_MESSAGE_CHARS);
    let seen = if detail.is_empty() {
        String::new()
    } else {
        format!(" (the browser said: {detail})")
    };
    format!(
        "The request got no answer{seen}. Check the API base URL and your \
         network connection; if the API is on another origin it must allow \
         this page (CORS), or use a same-origin proxy. Then retry."
    )
}

fn blocked_message(origin: &str) -> String {
    format!(
        "Nothing was sent: this page's Content-Security-Policy (connect-src) \
         does not allow {origin}. To use that API host, run \
         `scripts/configure-dist --api-base {origin}/v2/integrations` on the \
         built dist/ (it updates the page's policy and the server header \
         files together), or add {origin} to connect-src in your server's \
         Content-Security-Policy header."
    )
}

fn timeout_message(after_ms: u32) -> String {
    format!(
        "No answer after {}. The API or the network may be slow: retry in a \
         moment, and check the API base URL if it keeps happening.",
        human_duration(after_ms)
    )
}

/// A 2xx answer whose envelope said it failed.
fn failure_message(status: u16, status_text: &str, message: &str, malformed: bool) -> String {
    let said = if message.trim().is_empty() {
        let st = one_line(status_text, 40);
        if st.is_empty() {
            "The API reported a failure without an explanation. ".to_string()
        } else {
            format!("The API answered with status \"{st}\" and no explanation. ")
        }
    } else {
        server_said(message)
    };
    let advice = if malformed {
        MALFORMED_ADVICE
    } else if (400..=599).contains(&status) {
        status_advice(status)
    } else {
        "Check what you entered and retry; if it keeps failing, contact \
         Exotel support."
    };
    format!("{said}{advice}")
}

/// An answer that is not the API's envelope; `snippet` is already one line.
fn not_envelope_message(status: u16, body_kind: BodyKind, snippet: &str) -> String {
    match body_kind {
        BodyKind::Empty => format!(
            "The API sent an empty answer with HTTP {status}. Retry in a \
             moment; if it keeps happening, check the API base URL."
        ),
        BodyKind::Html => {
            let page = if snippet.is_empty() {
                String::new()
            } else {
                format!(" (\"{snippet}\")")
            };
            format!(
                "An HTML page{page} came back instead of the API's JSON, usually \
                 from a proxy, a gateway or a wrong base URL. Check the API base \
                 URL and retry."
            )
        }
        BodyKind::Json | BodyKind::Text => foreign_body_message(status, body_kind, snippet),
    }
}

/// JSON or text that is not the API's: quoted, with advice by status.
fn foreign_body_message(status: u16, body_kind: BodyKind, snippet: &str) -> String {
    let what = if body_kind == BodyKind::Json {
        "JSON that is not in the API's usual format"
    } else {
        "something that is not the API's JSON"
    };
    let quoted = if snippet.is_empty() {
        String::new()
    } else {
        format!(": \"{snippet}\"")
    };
    let advice = if status == 401 {
        "Sign in again to get a new token."
    } else if retryable_status(status) {
        "Retry in a moment; if it keeps happening, check the API base URL."
    } else {
        "Check the API base URL (it should end with /v2/integrations)."
    };
    format!("The API answered (HTTP {status}) with {what}{quoted}. {advice}")
}

fn decode_message(detail: &str) -> String {
    format!(
        "The API reported success, but its data could not be read ({}). The \
         action may have been carried out: reload to check, and contact \
         Exotel support if this persists.",
        one_line(detail, MAX_MESSAGE_CHARS)
    )
}

fn status_advice(status: u16) -> &'static str {
    match status {
        401 => {
            "The token was refused: it may have expired or be of the wrong kind \
             (customer or app). Sign in again to get a new token."
        }
        403 => "This token is not allowed to do that: sign in with the right customer or app.",
        404 => "Check the API base URL (it should end with /v2/integrations).",
        408 | 429 => "The API is busy: wait a moment and retry.",
        400..=499 => "Check the values you entered and retry.",
        500..=599 => {
            "The problem is on the API's side: retry in a moment, and contact \
             Exotel support if it persists."
        }
        _ => "Check the API base URL and retry.",
    }
}

/// `The API said: "<text>". ` or "" when the server gave no text.
fn server_said(message: &str) -> String {
    let text = one_line(message, MAX_MESSAGE_CHARS);
    if text.is_empty() {
        String::new()
    } else {
        format!("The API said: \"{text}\". ")
    }
}

fn human_duration(ms: u32) -> String {
    if ms >= 1000 && ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else if ms >= 1000 {
        // Integer arithmetic: float formatting costs 10 KB of bundle.
        let tenths = (ms % 1000 + 50) / 100;
        let (s, tenths) = if tenths == 10 {
            (ms / 1000 + 1, 0)
        } else {
            (ms / 1000, tenths)
        };
        format!("{s}.{tenths} s")
    } else {
        format!("{ms} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(800), "800 ms");
        assert_eq!(human_duration(1000), "1 s");
        assert_eq!(human_duration(1500), "1.5 s");
        assert_eq!(human_duration(1949), "1.9 s");
        assert_eq!(human_duration(1950), "2.0 s");
        assert_eq!(human_duration(30_000), "30 s");
    }

    #[test]
    fn a_host_blocked_by_the_page_policy_is_named_with_the_fix() {
        let error = ApiError::BlockedByPolicy {
            origin: "https://api.example.com".into(),
        };
        assert_eq!(
            error.title(),
            "This page's security policy blocks that API host"
        );
        let message = error.message();
        assert!(
            message.contains("does not allow https://api.example.com"),
            "{message}"
        );
        assert!(message
            .contains("scripts/configure-dist --api-base https://api.example.com/v2/integrations"));
        assert!(!error.is_retryable() && !error.outcome_unknown() && !error.is_unauthorized());
    }
}
