//! /app: create (customer token), list (customer token), detail (app token)
//! and delete (app token; see the customer-token quirk in `delete`).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;

use super::{bad_request, body_object};
use crate::auth::{self, Caller};
use crate::envelope;
use crate::fields::{required_bool, required_string, Object};
use crate::state::{now_ist, App, AppState, Entity, PublicApp};

pub const DELETED: &str = "Deleted Successfully";

/// The domains an Exotel account can live in, stored lower-case.
pub const DOMAINS: [&str; 2] = ["mumbai", "singapore"];

/// POST /app
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    // Authorization is checked before the body, as an auth middleware would.
    let customer_id = match auth::authenticate(&state, &headers) {
        Ok(Caller::Customer { customer_id }) => customer_id,
        Ok(Caller::App { .. }) => return auth::wrong_entity(Entity::Customer),
        Err(r) => return r,
    };
    let obj = match body_object(body) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let fields = match validate_new_app(&obj) {
        Ok(f) => f,
        Err(m) => return bad_request(&m),
    };
    let now = now_ist();
    let app = App {
        app_id: uuid::Uuid::new_v4().to_string(),
        app_secret: uuid::Uuid::new_v4().to_string(),
        customer_id,
        app_name: fields.app_name,
        exotel_account_sid: fields.exotel_account_sid,
        exotel_api_key: fields.exotel_api_key,
        exotel_api_token: fields.exotel_api_token,
        exotel_domain: fields.exotel_domain,
        is_active: fields.is_active,
        created_at: now.clone(),
        updated_at: now,
    };
    state.lock().apps.push(app.clone());
    // The only answer that ever carries AppSecret.
    envelope::success(app)
}

/// The validated body of POST /app. Strings are kept verbatim (an AppName
/// full of markup is stored as sent: escaping is the console's job).
struct NewApp {
    app_name: String,
    exotel_account_sid: String,
    exotel_api_key: String,
    exotel_api_token: String,
    exotel_domain: String,
    is_active: bool,
}

/// Checks the fields in the documented order and reports the first problem.
fn validate_new_app(obj: &Object) -> Result<NewApp, String> {
    let app_name = required_string(obj, "AppName")?.to_string();
    let exotel_account_sid = required_string(obj, "ExotelAccountSid")?.to_string();
    let exotel_api_key = required_string(obj, "ExotelApiKey")?.to_string();
    let exotel_api_token = required_string(obj, "ExotelApiToken")?.to_string();
    let domain = required_string(obj, "ExotelDomain")?.to_lowercase();
    if !DOMAINS.contains(&domain.as_str()) {
        return Err(r#"ExotelDomain must be "mumbai" or "singapore""#.to_string());
    }
    let is_active = required_bool(obj, "IsActive")?;
    Ok(NewApp {
        app_name,
        exotel_account_sid,
        exotel_api_key,
        exotel_api_token,
        exotel_domain: domain,
        is_active,
    })
}

/// GET /app?entity=customer|app
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Response {
    let caller = match auth::authenticate(&state, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let entity = query
        .ok()
        .and_then(|Query(q)| q.get("entity").cloned())
        .unwrap_or_default();
    match (entity.as_str(), caller) {
        ("customer", Caller::Customer { customer_id }) => list(&state, &customer_id),
        ("app", Caller::App { app_id }) => detail(&state, &app_id),
        ("customer", Caller::App { .. }) => auth::wrong_entity(Entity::Customer),
        ("app", Caller::Customer { .. }) => auth::wrong_entity(Entity::App),
        _ => bad_request(r#"entity query parameter must be "customer" or "app""#),
    }
}

/// One element of the list's Data: a stored app, or a raw value queued by
/// `/__sandbox/raw-list-items` to test the console against bad data.
#[derive(Serialize)]
#[serde(untagged)]
enum ListItem<'a> {
    App(PublicApp<'a>),
    Raw(&'a Value),
}

fn list(state: &AppState, customer_id: &str) -> Response {
    let inner = state.lock();
    let items: Vec<ListItem<'_>> = inner
        .apps
        .iter()
        .filter(|a| a.customer_id == customer_id)
        .map(|a| ListItem::App(a.public()))
        .chain(inner.raw_list_items.iter().map(ListItem::Raw))
        .collect();
    envelope::success(items)
}

fn detail(state: &AppState, app_id: &str) -> Response {
    let inner = state.lock();
    match inner.find_app(app_id) {
        Some(app) => envelope::success(app.public()),
        // The token was checked a moment ago; the app vanishing in between
        // is the same as an unknown token.
        None => envelope::failure(StatusCode::UNAUTHORIZED, "invalid or expired token"),
    }
}

/// DELETE /app
pub async fn delete(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match auth::authenticate(&state, &headers) {
        Ok(Caller::App { app_id }) => {
            state.lock().delete_app(&app_id);
            envelope::success(DELETED)
        }
        // Live quirk: a customer token is answered with success and nothing
        // is deleted. The console must use the app's own token and confirm
        // by listing again; the sandbox keeps the trap so tests catch it.
        Ok(Caller::Customer { .. }) => envelope::success(DELETED),
        Err(r) => r,
    }
}
