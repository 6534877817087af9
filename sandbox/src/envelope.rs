//! The response envelope every documented answer uses:
//! `{"RequestId", "Status", "Code", "Error", "Data"}`.
//!
//! Serialised from a struct (not a `serde_json::Value`) so the keys keep the
//! live service's order, which makes raw responses easy to compare by eye.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde::Serialize;

use crate::fixed::{self, Stream};

/// Header carrying the same id as the envelope's RequestId, so an id is
/// visible even in a network panel that does not show bodies.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    #[serde(rename = "RequestId")]
    request_id: &'a str,
    #[serde(rename = "Status")]
    status: &'a str,
    #[serde(rename = "Code")]
    code: u16,
    #[serde(rename = "Error")]
    error: &'a str,
    /// `None` is written as `null`, which is what a failure carries.
    #[serde(rename = "Data")]
    data: Option<T>,
}

/// HTTP 200, Status "Success", the given Data.
pub fn success<T: Serialize>(data: T) -> Response {
    build(StatusCode::OK, "Success", "", Some(data))
}

/// A failure envelope whose HTTP status and Code agree, Status "Failure".
pub fn failure(status: StatusCode, error: &str) -> Response {
    build::<()>(status, "Failure", error, None)
}

/// A failure envelope with a chosen Status text (the live service has used
/// "failure" on HTTP 200 as well as "Failure").
pub fn with_status(status: StatusCode, status_text: &str, error: &str) -> Response {
    build::<()>(status, status_text, error, None)
}

fn build<T: Serialize>(
    status: StatusCode,
    status_text: &str,
    error: &str,
    data: Option<T>,
) -> Response {
    let request_id = fixed::uuid(Stream::Request).to_string();
    let envelope = Envelope {
        request_id: &request_id,
        status: status_text,
        code: status.as_u16(),
        error,
        data,
    };
    match serde_json::to_vec(&envelope) {
        Ok(body) => Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "application/json")
            .header(
                REQUEST_ID_HEADER,
                HeaderValue::from_str(&request_id).expect("a uuid is a valid header value"),
            )
            .body(Body::from(body))
            .expect("envelope response parts are valid"),
        // Only reachable if a Data value cannot be serialised, which no
        // handler produces; still answer in the documented shape.
        Err(_) => failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            "could not encode response",
        ),
    }
}
