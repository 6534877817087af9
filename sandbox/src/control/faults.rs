//! `/__sandbox/faults`: queue, list and clear simulated failures.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::{typed_body, ControlError, ControlResult};
use crate::faults::FaultRequest;
use crate::state::AppState;

/// POST /__sandbox/faults `{"kind", "count"?, "delay_ms"?, "route"?,
/// "after"?, "method"?, "path"?, "query_contains"?}`
pub async fn queue(State(state): State<AppState>, body: Bytes) -> ControlResult {
    let request: FaultRequest = typed_body(&body, false)?;
    let fault = request.into_fault().map_err(ControlError::bad)?;
    let queued = serde_json::to_value(&fault).map_err(|e| ControlError::bad(e.to_string()))?;
    let mut inner = state.lock();
    inner.faults.push_back(fault);
    Ok(Json(json!({ "queued": queued, "faults_pending": inner.faults_pending() })).into_response())
}

/// GET /__sandbox/faults: the queue, in order.
pub async fn list(State(state): State<AppState>) -> Response {
    let inner = state.lock();
    let faults: Vec<_> = inner.faults.iter().collect();
    Json(json!({ "faults": faults, "faults_pending": inner.faults_pending() })).into_response()
}

/// DELETE /__sandbox/faults: drop every queued fault.
pub async fn clear(State(state): State<AppState>) -> Response {
    let mut inner = state.lock();
    let cleared = inner.faults_pending();
    inner.faults.clear();
    Json(json!({ "cleared": cleared, "faults_pending": 0 })).into_response()
}
