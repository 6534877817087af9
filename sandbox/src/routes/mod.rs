//! Handlers of the documented API, mounted under `/v2/integrations`.

pub mod apps;
pub mod token;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::Response;

use crate::envelope;
use crate::fields::{self, Object};

/// Reads the body as a JSON object, answering a 400 envelope otherwise.
/// Takes the extractor's `Result` so even an unreadable body gets an envelope
/// instead of axum's plain-text rejection.
pub(crate) fn body_object(body: Result<Bytes, BytesRejection>) -> Result<Object, Response> {
    let bytes = body.map_err(|e| envelope::failure(e.status(), &e.body_text()))?;
    fields::json_object(&bytes).map_err(|m| bad_request(&m))
}

pub(crate) fn bad_request(message: &str) -> Response {
    envelope::failure(StatusCode::BAD_REQUEST, message)
}
