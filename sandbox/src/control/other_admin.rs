//! `/__sandbox/other-admin`: change an app's setting, user or device behind
//! the console's back, at once or just before a chosen API call (see
//! `crate::other_admin`).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::{typed_body, ControlError, ControlResult};
use crate::other_admin::{describe, EditRequest, Refused};
use crate::state::AppState;

/// POST /__sandbox/other-admin `{"app_id", "setting" | "user" | "device",
/// "before"?}`: applied now (`{"applied": edit, ...}`), or queued until its
/// call (`{"queued": edit, ...}`).
pub async fn edit(State(state): State<AppState>, body: Bytes) -> ControlResult {
    let request: EditRequest = typed_body(&body, false)?;
    let edit = request.into_edit().map_err(ControlError::bad)?;
    let mut inner = state.lock();
    if inner.find_app(&edit.app_id).is_none() {
        return Err(ControlError(StatusCode::NOT_FOUND, "no such app".into()));
    }
    let shown = describe(&edit);
    if edit.before.is_some() {
        inner.other_admin.push(edit);
        let pending = inner.other_admin.len();
        return Ok(Json(json!({ "queued": shown, "edits_pending": pending })).into_response());
    }
    inner.apply_edit(&edit).map_err(|refused| match refused {
        Refused::NoSuchApp => ControlError(StatusCode::NOT_FOUND, "no such app".into()),
        Refused::NoSuchUser => ControlError(StatusCode::NOT_FOUND, "no such user".into()),
        Refused::Invalid(message) => ControlError::bad(message),
    })?;
    let pending = inner.other_admin.len();
    Ok(Json(json!({ "applied": shown, "edits_pending": pending })).into_response())
}

/// GET /__sandbox/other-admin: the edits still waiting for their call.
pub async fn list(State(state): State<AppState>) -> Response {
    let inner = state.lock();
    let edits: Vec<_> = inner.other_admin.iter().map(describe).collect();
    Json(json!({ "edits": edits, "edits_pending": edits.len() })).into_response()
}

/// DELETE /__sandbox/other-admin: forget the waiting edits.
pub async fn clear(State(state): State<AppState>) -> Response {
    let mut inner = state.lock();
    let cleared = inner.other_admin.len();
    inner.other_admin.clear();
    Json(json!({ "cleared": cleared, "edits_pending": 0 })).into_response()
}
