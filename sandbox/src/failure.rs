//! Handler results. A handler returns `Result<Success<T>, Failure>`, so
//! every early exit is a `?`; both sides turn into the API's envelope
//! (`RequestId`, `Status`, `Code`, `Error`, `Data`) through `IntoResponse`.

use std::borrow::Cow;

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::envelope;

/// The body the live service sends for `Authorization: Bearer ...`.
pub const BEARER_QUIRK_BODY: &str = r#"{"error":"invalid AuthToken: malformed"}"#;

/// A handler's failure answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A failure envelope whose HTTP status and Code agree, Status "Failure".
    Envelope {
        status: StatusCode,
        message: Cow<'static, str>,
    },
    /// The live service's bare, non-envelope HTTP 500 for a `Bearer` prefix.
    BearerQuirk,
}

impl Failure {
    pub fn new(status: StatusCode, message: impl Into<Cow<'static, str>>) -> Self {
        Failure::Envelope {
            status,
            message: message.into(),
        }
    }

    /// HTTP 400.
    pub fn bad_request(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// HTTP 401.
    pub fn unauthorized(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    /// HTTP 404 "record not found", the live answer for a missing record.
    pub fn record_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "record not found")
    }

    /// The envelope's Error text (empty for the bearer quirk).
    pub fn message(&self) -> &str {
        match self {
            Failure::Envelope { message, .. } => message,
            Failure::BearerQuirk => "",
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self {
            Failure::Envelope { status, message } => envelope::failure(status, &message),
            Failure::BearerQuirk => Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(BEARER_QUIRK_BODY))
                .expect("static response parts are valid"),
        }
    }
}

/// HTTP 200, Status "Success", `Data` = the value.
#[derive(Debug)]
pub struct Success<T>(pub T);

impl<T: Serialize> IntoResponse for Success<T> {
    fn into_response(self) -> Response {
        envelope::success(self.0)
    }
}

/// What every API handler returns.
pub type ApiResult<T> = Result<Success<T>, Failure>;
