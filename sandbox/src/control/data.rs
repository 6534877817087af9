//! Controls over the sandbox's data: reset, state dump, token expiry, raw
//! list items, direct app creation, setting rewrites, per-app dumps, the
//! recorded webhook deliveries.

use std::collections::{BTreeMap, VecDeque};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{object_body, typed_body, ControlError, ControlResult};
use crate::customers::{CustomerView, SecretAt};
use crate::extract::Params;
use crate::fields::{optional_bool, optional_string, Object};
use crate::fixed::{self, Stream};
use crate::keys::KeyStyle;
use crate::routes::apps::DOMAINS;
use crate::settings::{Setting, SettingRewrite};
use crate::state::{now_ist, App, AppState, RequestRecord};
use crate::users::User;

/// POST /__sandbox/expire-tokens: every token issued so far stops working.
pub async fn expire_tokens(State(state): State<AppState>) -> Response {
    let expired = state.lock().expire_tokens();
    Json(json!({ "expired": expired })).into_response()
}

#[derive(Deserialize)]
struct ResetRequest {
    seed: Option<u64>,
    seed_users: Option<u64>,
    max_page_size: Option<u64>,
    #[serde(default)]
    key_style: KeyStyle,
}

/// POST /__sandbox/reset `{"seed": N, "seed_users": M, "max_page_size": P,
/// "key_style": S}?`: a fresh sandbox with N demo apps (0 when not given),
/// their settings, and M users each; its user pages serve at most P users
/// (when not given, as `--max-page-size` said) and write their next-page
/// keys in style S (`offset`, the default, `gaps` or `opaque`: see `keys`).
pub async fn reset(State(state): State<AppState>, body: Bytes) -> ControlResult {
    let request: ResetRequest = typed_body(&body, true)?;
    let size = |n: Option<u64>, what: &str| {
        usize::try_from(n.unwrap_or(0))
            .map_err(|_| ControlError::bad(format!("{what} is too large")))
    };
    let apps = size(request.seed, "seed")?;
    let users = size(request.seed_users, "seed_users")?;
    let max_page_size = match request.max_page_size {
        None => state.config.max_page_size,
        Some(0) => return Err(ControlError::bad("max_page_size must be at least 1")),
        Some(n) => Some(size(Some(n), "max_page_size")?),
    };
    // Generated before taking the lock, so API calls are not held up.
    fixed::restart();
    let mut fresh = state.fresh(apps, users);
    fresh.max_page_size = max_page_size;
    fresh.key_style = request.key_style;
    for users in fresh.users.values_mut() {
        request.key_style.number(users);
    }
    *state.lock() = fresh;
    Ok(Json(json!({ "apps": apps, "users": apps * users })).into_response())
}

/// GET /__sandbox/state: what the server holds and what it has seen. Never
/// includes a token value (it does include app secrets and SipSecrets).
pub async fn snapshot(State(state): State<AppState>) -> Response {
    let inner = state.lock();
    // A struct rather than json!() so each app keeps the API's key order.
    let body = Snapshot {
        customers: inner
            .customers
            .iter()
            .map(|c| c.view(SecretAt::Last))
            .collect(),
        apps: &inner.apps,
        tokens_issued: inner.tokens.len(),
        faults_pending: inner.faults_pending(),
        raw_list_items: inner.raw_list_items.len(),
        requests: &inner.requests,
        settings: &inner.settings,
        users: &inner.users,
        setting_rewrites: &inner.setting_rewrites,
    };
    Json(body).into_response()
}

#[derive(Serialize)]
struct Snapshot<'a> {
    customers: Vec<CustomerView<'a>>,
    apps: &'a [App],
    tokens_issued: usize,
    faults_pending: u64,
    raw_list_items: usize,
    requests: &'a VecDeque<RequestRecord>,
    settings: &'a BTreeMap<String, Vec<Setting>>,
    users: &'a BTreeMap<String, Vec<User>>,
    setting_rewrites: &'a [SettingRewrite],
}

/// POST /__sandbox/raw-list-items `[any JSON...]`: appended verbatim to the
/// Data of every later customer list, until a reset.
pub async fn add_raw_list_items(State(state): State<AppState>, body: Bytes) -> ControlResult {
    let items = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(items)) => items,
        _ => return Err(ControlError::bad("body must be a JSON array")),
    };
    let mut inner = state.lock();
    let added = items.len();
    inner.raw_list_items.extend(items);
    Ok(
        Json(json!({ "added": added, "raw_list_items": inner.raw_list_items.len() }))
            .into_response(),
    )
}

/// POST /__sandbox/apps: create an app without the API's validation (types
/// are still checked), for fast test setup and for data the API would refuse
/// (empty names, unknown domains). Missing fields get defaults; CreatedAt and
/// UpdatedAt may be given to control ordering.
pub async fn create_app(State(state): State<AppState>, body: Bytes) -> ControlResult {
    let obj = object_body(&body, true)?;
    let app = app_from(&obj, &state.config.customer_id).map_err(ControlError::bad)?;
    state.lock().apps.push(app.clone());
    Ok(Json(app).into_response())
}

fn app_from(obj: &Object, customer_id: &str) -> Result<App, String> {
    let text = |name: &str, default: &dyn Fn() -> String| -> Result<String, String> {
        Ok(optional_string(obj, name)?.unwrap_or_else(default))
    };
    let random = || fixed::uuid(Stream::App).simple().to_string();
    let now = now_ist();
    let created_at = text("CreatedAt", &|| now.clone())?;
    Ok(App {
        app_id: fixed::uuid(Stream::App).to_string(),
        app_secret: fixed::uuid(Stream::App).to_string(),
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

/// POST /__sandbox/settings-rewrite `{"key", "value"}` or `{"key",
/// "transform"}`: from now on, POST /app_setting for `key` stores `value`
/// (or the sent value transformed) instead of what was sent. A second rule
/// for the same key replaces the first.
pub async fn add_rewrite(State(state): State<AppState>, body: Bytes) -> ControlResult {
    let rule: SettingRewrite = typed_body(&body, false)?;
    rule.check().map_err(ControlError::bad)?;
    let mut inner = state.lock();
    inner.setting_rewrites.retain(|r| r.key != rule.key);
    inner.setting_rewrites.push(rule);
    Ok(Json(json!({ "rewrites": inner.setting_rewrites })).into_response())
}

/// GET /__sandbox/settings-rewrite: the rules in force.
pub async fn list_rewrites(State(state): State<AppState>) -> Response {
    Json(json!({ "rewrites": state.lock().setting_rewrites })).into_response()
}

/// DELETE /__sandbox/settings-rewrite: drop every rule.
pub async fn clear_rewrites(State(state): State<AppState>) -> Response {
    let mut inner = state.lock();
    let cleared = inner.setting_rewrites.len();
    inner.setting_rewrites.clear();
    Json(json!({ "cleared": cleared })).into_response()
}

/// The `app_id` query parameter of an app that exists.
fn known_app(state: &AppState, params: &Params) -> Result<String, ControlError> {
    let app_id = params
        .get("app_id")
        .ok_or_else(|| ControlError::bad("app_id query parameter is required"))?;
    if state.lock().find_app(app_id).is_none() {
        return Err(ControlError(StatusCode::NOT_FOUND, "no such app".into()));
    }
    Ok(app_id.to_string())
}

/// GET /__sandbox/settings?app_id=ID: `{"app_id", "settings": [{Key, Value}]}`
/// (an empty array when the app has none).
pub async fn app_settings(State(state): State<AppState>, params: Params) -> ControlResult {
    let app_id = known_app(&state, &params)?;
    let inner = state.lock();
    let settings = inner.settings_of(&app_id);
    Ok(Json(json!({ "app_id": app_id, "settings": settings })).into_response())
}

/// GET /__sandbox/users?app_id=ID: `{"app_id", "users": [user...]}`, full
/// user objects (SipSecret included) in creation order.
pub async fn app_users(State(state): State<AppState>, params: Params) -> ControlResult {
    let app_id = known_app(&state, &params)?;
    let inner = state.lock();
    let users = inner.users_of(&app_id);
    Ok(Json(json!({ "app_id": app_id, "users": users })).into_response())
}

/// GET /__sandbox/sip-password?app_id=ID&user_id=U: `{"app_id", "user_id",
/// "password"}`, the plain SIP password the user's SipSecret encrypts, so a
/// test can check what a client decrypted. Unknown user: 404.
pub async fn sip_password(State(state): State<AppState>, params: Params) -> ControlResult {
    let app_id = known_app(&state, &params)?;
    let user_id = params
        .get("user_id")
        .ok_or_else(|| ControlError::bad("user_id query parameter is required"))?;
    let inner = state.lock();
    let user = inner
        .users_of(&app_id)
        .iter()
        .find(|u| u.app_user_id == user_id)
        .ok_or_else(|| ControlError(StatusCode::NOT_FOUND, "no such user".into()))?;
    let body = json!({ "app_id": app_id, "user_id": user_id, "password": user.sip_password });
    Ok(Json(body).into_response())
}

/// GET /__sandbox/deliveries: `{"deliveries": [{type, app_id, url, delivered,
/// reason, payload}...]}`, oldest first.
pub async fn deliveries(State(state): State<AppState>) -> Response {
    Json(json!({ "deliveries": state.lock().deliveries })).into_response()
}

/// DELETE /__sandbox/deliveries: forget them; `{"cleared": n}`.
pub async fn clear_deliveries(State(state): State<AppState>) -> Response {
    let mut inner = state.lock();
    let cleared = inner.deliveries.len();
    inner.deliveries.clear();
    Json(json!({ "cleared": cleared })).into_response()
}
