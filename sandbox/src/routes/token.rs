//! POST /token: trade an id and secret for a customer or app token.

use axum::extract::State;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::{json, Value};

use crate::extract::JsonObject;
use crate::failure::{ApiResult, Failure, Success};
use crate::fields::required_string;
use crate::state::{now_unix, AppState, Entity, TOKEN_LIFETIME_SECS};

pub async fn issue(
    State(state): State<AppState>,
    JsonObject(obj): JsonObject,
) -> ApiResult<String> {
    let id = required_string(&obj, "Id").map_err(Failure::bad_request)?;
    let secret = required_string(&obj, "Secret").map_err(Failure::bad_request)?;
    let entity = match obj.get("Entity") {
        None | Some(Value::Null) => return Err(Failure::bad_request("Entity is required")),
        Some(Value::String(s)) if s == "customer" => Entity::Customer,
        Some(Value::String(s)) if s == "app" => Entity::App,
        Some(_) => {
            return Err(Failure::bad_request(
                r#"Entity must be "customer" or "app""#,
            ))
        }
    };

    let mut inner = state.lock();
    let credentials_ok = match entity {
        Entity::Customer => inner
            .find_customer(id)
            .is_some_and(|c| c.customer_secret == secret),
        Entity::App => inner
            .find_app(id)
            .is_some_and(|app| app.app_secret == secret),
    };
    if !credentials_ok {
        return Err(Failure::unauthorized("invalid credentials"));
    }
    let token = match entity {
        Entity::Customer => customer_jwt(id),
        Entity::App => app_token(),
    };
    inner.issue_token(token.clone(), entity, id.to_string());
    Ok(Success(token))
}

/// A JWT-shaped customer token. The console may decode `exp` to warn before
/// expiry, so the claims are real; the signature is random bytes, since no
/// client can or should verify it.
fn customer_jwt(customer_id: &str) -> String {
    let now = now_unix();
    let header = json!({"alg": "HS256", "typ": "JWT"});
    let claims = json!({
        "sub": customer_id,
        "entity": "customer",
        "iat": now,
        "exp": now + TOKEN_LIFETIME_SECS,
        "jti": uuid::Uuid::new_v4().to_string(),
    });
    let mut signature = Vec::with_capacity(32);
    signature.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    signature.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

/// An opaque app token shaped like the seed's example: standard base64 of a
/// fresh UUID's text.
fn app_token() -> String {
    STANDARD.encode(uuid::Uuid::new_v4().to_string())
}
