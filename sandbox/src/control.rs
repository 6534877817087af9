//! Test-control endpoints under `/__sandbox/`, mounted only with `--faults`.
//! Plain JSON in and out (no envelope, no auth): they are for test code, not
//! for the console. Errors are `{"error": "..."}` with HTTP 400.

use std::collections::VecDeque;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Value};

use crate::faults::{Fault, FaultKind, RouteKind};
use crate::fields::{self, optional_bool, optional_string, optional_u64, Object};
use crate::routes::apps::DOMAINS;
use crate::seed;
use crate::state::{now_ist, App, AppState, Inner, RequestRecord};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/faults",
            post(queue_fault)
                .delete(clear_faults)
                .fallback(method_not_allowed),
        )
        .route(
            "/expire-tokens",
            post(expire_tokens).fallback(method_not_allowed),
        )
        .route("/reset", post(reset).fallback(method_not_allowed))
        .route("/state", get(snapshot).fallback(method_not_allowed))
        .route(
            "/raw-list-items",
            post(add_raw_list_items).fallback(method_not_allowed),
        )
        .route("/apps", post(create_app).fallback(method_not_allowed))
        .fallback(not_found)
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// A JSON object body; an empty body counts as `{}` where allowed.
fn object_body(body: &Bytes, empty_ok: bool) -> Result<Object, Response> {
    if empty_ok && body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Object::new());
    }
    fields::json_object(body).map_err(|m| error(StatusCode::BAD_REQUEST, &m))
}

pub async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "no such sandbox control endpoint")
}

async fn method_not_allowed(method: Method) -> Response {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("method {method} not allowed here"),
    )
}

/// POST /__sandbox/faults `{"kind", "count"?, "delay_ms"?, "route"?}`
async fn queue_fault(State(state): State<AppState>, body: Bytes) -> Response {
    let obj = match object_body(&body, false) {
        Ok(o) => o,
        Err(r) => return r,
    };
    match parse_fault(&obj) {
        Ok(fault) => {
            let mut inner = state.lock();
            let queued = json!({
                "kind": fault.kind.as_str(),
                "count": fault.remaining,
                "delay_ms": fault.delay_ms,
                "route": fault.route.map(RouteKind::as_str),
            });
            inner.faults.push_back(fault);
            Json(json!({ "queued": queued, "faults_pending": inner.faults_pending() }))
                .into_response()
        }
        Err(m) => error(StatusCode::BAD_REQUEST, &m),
    }
}

fn parse_fault(obj: &Object) -> Result<Fault, String> {
    let kind_name = optional_string(obj, "kind")?.ok_or("kind is required")?;
    let kind = FaultKind::parse(&kind_name)
        .ok_or_else(|| format!("kind must be one of: {}", FaultKind::NAMES))?;
    let count = optional_u64(obj, "count")?.unwrap_or(1);
    let count = u32::try_from(count)
        .ok()
        .filter(|c| *c >= 1)
        .ok_or("count must be at least 1")?;
    let delay_ms = optional_u64(obj, "delay_ms")?;
    if kind == FaultKind::Delay && delay_ms.is_none() {
        return Err("delay_ms is required for kind delay".to_string());
    }
    let route = match optional_string(obj, "route")? {
        None => None,
        Some(r) => Some(
            RouteKind::parse(&r)
                .ok_or_else(|| format!("route must be one of: {}", RouteKind::NAMES))?,
        ),
    };
    Ok(Fault {
        kind,
        remaining: count,
        delay_ms: delay_ms.unwrap_or(0),
        route,
    })
}

/// DELETE /__sandbox/faults: drop every queued fault.
async fn clear_faults(State(state): State<AppState>) -> Response {
    let mut inner = state.lock();
    let cleared = inner.faults_pending();
    inner.faults.clear();
    Json(json!({ "cleared": cleared, "faults_pending": 0 })).into_response()
}

/// POST /__sandbox/expire-tokens: every token issued so far stops working.
async fn expire_tokens(State(state): State<AppState>) -> Response {
    let expired = state.lock().expire_tokens();
    Json(json!({ "expired": expired })).into_response()
}

/// POST /__sandbox/reset `{"seed": N}?`: a fresh sandbox with N demo apps
/// (0 when no body is sent).
async fn reset(State(state): State<AppState>, body: Bytes) -> Response {
    let obj = match object_body(&body, true) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let seed_n = match optional_u64(&obj, "seed") {
        Ok(n) => n.unwrap_or(0),
        Err(m) => return error(StatusCode::BAD_REQUEST, &m),
    };
    let Ok(seed_n) = usize::try_from(seed_n) else {
        return error(StatusCode::BAD_REQUEST, "seed is too large");
    };
    // Generated before taking the lock, so API calls are not held up.
    let apps = seed::demo_apps(seed_n, &state.config.customer_id);
    *state.lock() = Inner {
        apps,
        ..Inner::default()
    };
    Json(json!({ "apps": seed_n })).into_response()
}

/// GET /__sandbox/state: what the server holds and what it has seen. Never
/// includes a token value.
async fn snapshot(State(state): State<AppState>) -> Response {
    let inner = state.lock();
    // A struct rather than json!() so each app keeps the API's key order.
    let body = Snapshot {
        apps: &inner.apps,
        tokens_issued: inner.tokens.len(),
        faults_pending: inner.faults_pending(),
        raw_list_items: inner.raw_list_items.len(),
        requests: &inner.requests,
    };
    Json(body).into_response()
}

#[derive(Serialize)]
struct Snapshot<'a> {
    apps: &'a [App],
    tokens_issued: usize,
    faults_pending: u64,
    raw_list_items: usize,
    requests: &'a VecDeque<RequestRecord>,
}

/// POST /__sandbox/raw-list-items `[any JSON...]`: appended verbatim to the
/// Data of every later customer list, until a reset.
async fn add_raw_list_items(State(state): State<AppState>, body: Bytes) -> Response {
    let items = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(items)) => items,
        _ => return error(StatusCode::BAD_REQUEST, "body must be a JSON array"),
    };
    let mut inner = state.lock();
    let added = items.len();
    inner.raw_list_items.extend(items);
    Json(json!({ "added": added, "raw_list_items": inner.raw_list_items.len() })).into_response()
}

/// POST /__sandbox/apps: create an app without the API's validation (types
/// are still checked), for fast test setup and for data the API would refuse
/// (empty names, unknown domains). Missing fields get defaults; CreatedAt and
/// UpdatedAt may be given to control ordering.
async fn create_app(State(state): State<AppState>, body: Bytes) -> Response {
    let obj = match object_body(&body, true) {
        Ok(o) => o,
        Err(r) => return r,
    };
    match app_from(&obj, &state.config.customer_id) {
        Ok(app) => {
            state.lock().apps.push(app.clone());
            Json(app).into_response()
        }
        Err(m) => error(StatusCode::BAD_REQUEST, &m),
    }
}

fn app_from(obj: &Object, customer_id: &str) -> Result<App, String> {
    let text = |name: &str, default: &dyn Fn() -> String| -> Result<String, String> {
        Ok(optional_string(obj, name)?.unwrap_or_else(default))
    };
    let random = || uuid::Uuid::new_v4().simple().to_string();
    let now = now_ist();
    let created_at = text("CreatedAt", &|| now.clone())?;
    Ok(App {
        app_id: uuid::Uuid::new_v4().to_string(),
        app_secret: uuid::Uuid::new_v4().to_string(),
        customer_id: customer_id.to_string(),
        app_name: text("AppName", &|| "Test app".to_string())?,
        exotel_account_sid: text("ExotelAccountSid", &|| "sandboxaccount".to_string())?,
        exotel_api_key: text("ExotelApiKey", &random)?,
        exotel_api_token: text("ExotelApiToken", &random)?,
        // Kept as sent: this endpoint exists to create what POST /app refuses.
        exotel_domain: text("ExotelDomain", &|| DOMAINS[0].to_string())?,
        is_active: optional_bool(obj, "IsActive")?.unwrap_or(true),
        updated_at: text("UpdatedAt", &|| created_at.clone())?,
        created_at,
    })
}
