//! /app: create (customer token), list (customer token), detail (app token)
//! and delete (app token; see the customer-token quirk in `delete`).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

use crate::auth::{self, invalid_token, Caller, CustomerCaller};
use crate::extract::{JsonObject, Params};
use crate::failure::{ApiResult, Failure, Success};
use crate::fields::{required_bool, required_string, Object};
use crate::fixed::{self, Stream};
use crate::state::{now_ist, App, AppState, Entity, PublicApp};

pub const DELETED: &str = "Deleted Successfully";

/// The domains an Exotel account can live in, stored lower-case.
pub const DOMAINS: [&str; 2] = ["mumbai", "singapore"];

/// POST /app. The extractors check the customer token before the body.
pub async fn create(
    State(state): State<AppState>,
    CustomerCaller { customer_id }: CustomerCaller,
    JsonObject(obj): JsonObject,
) -> ApiResult<App> {
    let fields = validate_new_app(&obj).map_err(Failure::bad_request)?;
    let now = now_ist();
    let app = App {
        app_id: fixed::uuid(Stream::App).to_string(),
        app_secret: fixed::uuid(Stream::App).to_string(),
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
    Ok(Success(app))
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

/// GET /app?entity=customer|app. Without `entity` (or with it empty) the
/// token's kind decides: Exotel's browser SDKs, old and new, call GET /app
/// with an app token and nothing else and read the app from it, so the live
/// service goes by the token; a customer token then gets its list, the only
/// thing `GET /app` answers a customer.
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, Failure> {
    let entity = match params.get("entity") {
        None | Some("") => caller.entity().as_str(),
        Some(entity) => entity,
    };
    match (entity, caller) {
        ("customer", Caller::Customer { customer_id }) => Ok(list(&state, &customer_id)),
        ("app", Caller::App { app_id }) => detail(&state, &app_id),
        ("customer", Caller::App { .. }) => Err(auth::wrong_entity(Entity::Customer)),
        ("app", Caller::Customer { .. }) => Err(auth::wrong_entity(Entity::App)),
        _ => Err(Failure::bad_request(
            r#"entity query parameter must be "customer" or "app""#,
        )),
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

/// Serialised under the lock, so the items can borrow the stored apps.
fn list(state: &AppState, customer_id: &str) -> Response {
    let inner = state.lock();
    let items: Vec<ListItem<'_>> = inner
        .apps
        .iter()
        .filter(|a| a.customer_id == customer_id)
        .map(|a| ListItem::App(a.public()))
        .chain(inner.raw_list_items.iter().map(ListItem::Raw))
        .collect();
    Success(items).into_response()
}

fn detail(state: &AppState, app_id: &str) -> Result<Response, Failure> {
    let inner = state.lock();
    // The token was checked a moment ago; the app vanishing in between is
    // the same as an unknown token.
    let app = inner.find_app(app_id).ok_or_else(invalid_token)?;
    Ok(Success(app.public()).into_response())
}

/// DELETE /app
pub async fn delete(State(state): State<AppState>, caller: Caller) -> ApiResult<&'static str> {
    match caller {
        Caller::App { app_id } => {
            state.lock().delete_app(&app_id);
        }
        // Live quirk: a customer token is answered with success and nothing
        // is deleted. The console must use the app's own token and confirm
        // by listing again; the sandbox keeps the trap so tests catch it.
        Caller::Customer { .. } => {}
    }
    Ok(Success(DELETED))
}
