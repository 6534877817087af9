//! Test-control endpoints under `/__sandbox/`, mounted only with `--faults`.
//! Plain JSON in and out (no envelope, no auth): they are for test code, not
//! for the console. Errors are `{"error": "..."}` with HTTP 400 (404 for an
//! unknown app or path, 405 for a wrong method).

mod data;
mod faults;
mod other_admin;

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::fields::{self, Object};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    let no = method_not_allowed;
    Router::new()
        .route(
            "/faults",
            post(faults::queue)
                .get(faults::list)
                .delete(faults::clear)
                .fallback(no),
        )
        .route("/expire-tokens", post(data::expire_tokens).fallback(no))
        .route("/reset", post(data::reset).fallback(no))
        .route("/state", get(data::snapshot).fallback(no))
        .route(
            "/raw-list-items",
            post(data::add_raw_list_items).fallback(no),
        )
        .route("/apps", post(data::create_app).fallback(no))
        .route(
            "/settings-rewrite",
            post(data::add_rewrite)
                .get(data::list_rewrites)
                .delete(data::clear_rewrites)
                .fallback(no),
        )
        .route(
            "/other-admin",
            post(other_admin::edit)
                .get(other_admin::list)
                .delete(other_admin::clear)
                .fallback(no),
        )
        .route("/settings", get(data::app_settings).fallback(no))
        .route("/users", get(data::app_users).fallback(no))
        .route("/sip-password", get(data::sip_password).fallback(no))
        .route(
            "/deliveries",
            get(data::deliveries)
                .delete(data::clear_deliveries)
                .fallback(no),
        )
        .fallback(not_found)
}

/// A control's failure: `{"error": message}` with its status.
#[derive(Debug)]
pub struct ControlError(pub StatusCode, pub String);

impl ControlError {
    pub fn bad(message: impl Into<String>) -> Self {
        ControlError(StatusCode::BAD_REQUEST, message.into())
    }
}

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

pub type ControlResult = Result<Response, ControlError>;

/// A JSON object body; an empty body counts as `{}` where allowed.
fn object_body(body: &Bytes, empty_ok: bool) -> Result<Object, ControlError> {
    if empty_ok && body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Object::new());
    }
    fields::json_object(body).map_err(ControlError::bad)
}

/// A JSON object body read into `T`, with serde's message on a mismatch.
fn typed_body<T: DeserializeOwned>(body: &Bytes, empty_ok: bool) -> Result<T, ControlError> {
    let obj = object_body(body, empty_ok)?;
    serde_json::from_value(Value::Object(obj)).map_err(|e| ControlError::bad(e.to_string()))
}

pub async fn not_found() -> Response {
    ControlError(
        StatusCode::NOT_FOUND,
        "no such sandbox control endpoint".into(),
    )
    .into_response()
}

async fn method_not_allowed(method: Method) -> Response {
    ControlError(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("method {method} not allowed here"),
    )
    .into_response()
}
