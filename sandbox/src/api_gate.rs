//! The middleware every API call passes through: it applies a queued fault
//! (if one matches) and records the call for `/__sandbox/state`. Doing both in
//! one place means faulted calls are recorded exactly like real ones.

use std::time::Duration;

use axum::extract::{OriginalUri, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::auth;
use crate::faults::{self, FaultKind};
use crate::state::{AppState, RequestRecord};

pub async fn api_gate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Inside the nested router the URI has lost its prefix; log the full one.
    let uri = req
        .extensions()
        .get::<OriginalUri>()
        .map(|u| u.0.clone())
        .unwrap_or_else(|| req.uri().clone());
    let method = req.method().clone();
    let route = faults::classify(&method, uri.path(), uri.query());

    let (authorization_kind, fault) = {
        let mut inner = state.lock();
        let kind = auth::authorization_kind(&inner, req.headers());
        (kind, inner.take_fault(route))
    };

    let record = RequestRecord {
        method: method.to_string(),
        path: uri.path().to_string(),
        query: uri.query().map(str::to_string),
        status: 0,
        authorization_kind,
    };
    match fault {
        // A slow server keeps working after the client gives up (a timed-out
        // create still creates): the delayed call runs in its own task, which
        // a dropped connection does not cancel.
        Some((FaultKind::Delay, delay_ms)) => {
            let state = state.clone();
            let task = tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                let response = next.run(req).await;
                recorded(&state, record, response)
            });
            task.await
                .unwrap_or_else(|_| faults::response(FaultKind::Json500))
        }
        Some((kind, _)) => recorded(&state, record, faults::response(kind)),
        None => {
            let response = next.run(req).await;
            recorded(&state, record, response)
        }
    }
}

fn recorded(state: &AppState, mut record: RequestRecord, response: Response) -> Response {
    record.status = response.status().as_u16();
    state.lock().record_request(record);
    response
}
