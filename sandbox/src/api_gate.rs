//! The middleware every API call passes through: it applies a queued fault
//! (if one matches) and records the call for `/__sandbox/state`. Doing both in
//! one place means faulted calls are recorded exactly like real ones.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{OriginalUri, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::auth;
use crate::failure::Failure;
use crate::faults::{self, Call, FaultKind, RouteKind};
use crate::state::{AppState, RequestRecord};

/// Bodies larger than this are refused before any handler sees them.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

pub async fn api_gate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Inside the nested router the URI has lost its prefix; log the full one.
    let uri = req
        .extensions()
        .get::<OriginalUri>()
        .map(|u| u.0.clone())
        .unwrap_or_else(|| req.uri().clone());
    let method = req.method().clone();
    let authorization_kind = auth::authorization_kind(&state.lock(), req.headers());
    let call = Call::new(&method, uri.path(), uri.query(), authorization_kind);
    let (req, body) = match summarised_body(call.route, req).await {
        Ok(pair) => pair,
        Err(failure) => return failure.into_response(),
    };
    let fault = {
        let mut inner = state.lock();
        // The other admin's queued edits land first: the call sees them.
        inner.land_edits(&call);
        inner.take_fault(&call)
    };

    let record = RequestRecord {
        method: method.to_string(),
        path: uri.path().to_string(),
        query: uri.query().map(str::to_string),
        status: 0,
        authorization_kind,
        body,
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

/// For the calls whose bodies tests need to see, reads the body, summarises
/// it and puts it back; other requests pass untouched.
async fn summarised_body(
    route: Option<RouteKind>,
    req: Request,
) -> Result<(Request, Option<Value>), Failure> {
    let Some(route) = route.filter(|r| {
        matches!(
            r,
            RouteKind::SaveSetting
                | RouteKind::CreateUsers
                | RouteKind::UpdateUser
                | RouteKind::Device
                | RouteKind::CreateCustomer
                | RouteKind::OutboundCall
        )
    }) else {
        return Ok((req, None));
    };
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| Failure::new(StatusCode::PAYLOAD_TOO_LARGE, "request body too large"))?;
    let summary = summary(route, serde_json::from_slice(&bytes).ok());
    Ok((Request::from_parts(parts, Body::from(bytes)), Some(summary)))
}

/// What the request log keeps of a body: the setting's Key and Value, the
/// AppUserIds of a batch, the user and field names of an update, the device
/// switch, a new customer's name and e-mail, an outbound call's four fields.
/// Only named fields are kept, so a secret sent by mistake (a SipSecret, a
/// CustomerSecret) never reaches the log.
fn summary(route: RouteKind, body: Option<Value>) -> Value {
    let pick = |obj: &Value, names: &[&str]| -> Value {
        names
            .iter()
            .map(|n| (n.to_string(), obj.get(*n).cloned().unwrap_or(Value::Null)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    match (route, body) {
        (RouteKind::SaveSetting, Some(b @ Value::Object(_))) => pick(&b, &["Key", "Value"]),
        (RouteKind::Device, Some(b @ Value::Object(_))) => {
            pick(&b, &["UserId", "DeviceName", "DeviceStatus"])
        }
        (RouteKind::CreateCustomer, Some(b @ Value::Object(_))) => {
            pick(&b, &["CustomerName", "Email"])
        }
        (RouteKind::OutboundCall, Some(b @ Value::Object(_))) => {
            pick(&b, &["customer_id", "app_id", "to", "user_id"])
        }
        (RouteKind::UpdateUser, Some(Value::Object(obj))) => json!({
            "AppUserId": obj.get("AppUserId"),
            "fields": obj.keys().collect::<Vec<_>>(),
        }),
        (RouteKind::CreateUsers, Some(Value::Array(items))) => json!({
            "AppUserIds": items.iter().map(|i| i.get("AppUserId")).collect::<Vec<_>>(),
        }),
        _ => Value::String("(not the expected JSON shape)".to_string()),
    }
}
