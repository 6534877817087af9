//! /app_setting (app token): GET lists the app's settings (HTTP 404 while it
//! has none, as seen live), POST creates or replaces one.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use serde_json::Value;

use crate::auth::{invalid_token, AppCaller};
use crate::extract::JsonObject;
use crate::failure::{ApiResult, Failure, Success};
use crate::fields::required_string;
use crate::settings::{self, Setting};
use crate::state::AppState;

/// GET /app_setting
pub async fn list(
    State(state): State<AppState>,
    AppCaller { app_id }: AppCaller,
) -> ApiResult<Vec<Setting>> {
    let inner = state.lock();
    match inner.settings.get(&app_id) {
        Some(s) if !s.is_empty() => Ok(Success(s.clone())),
        _ => Err(Failure::record_not_found()),
    }
}

/// The POST's answer: the Key and Value as sent (not as stored: a client
/// must read the settings again to see what the server kept).
#[derive(Debug, Serialize)]
pub struct Saved {
    #[serde(rename = "Key")]
    key: String,
    #[serde(rename = "Value")]
    value: String,
}

/// POST /app_setting `{"Key", "Value"}`: both strings, Key not empty; any
/// key is accepted.
pub async fn save(
    State(state): State<AppState>,
    AppCaller { app_id }: AppCaller,
    JsonObject(obj): JsonObject,
) -> ApiResult<Saved> {
    let key = required_string(&obj, "Key").map_err(Failure::bad_request)?;
    let value = match obj.get("Value") {
        None | Some(Value::Null) => return Err(Failure::bad_request("Value is required")),
        Some(Value::String(v)) => v,
        Some(_) => {
            return Err(Failure::new(
                StatusCode::BAD_REQUEST,
                r#"Value must be a string (send booleans as "true" or "false")"#,
            ))
        }
    };
    let mut inner = state.lock();
    // The app may have been deleted since its token was checked.
    inner.find_app(&app_id).ok_or_else(invalid_token)?;
    let stored = settings::stored_value(&inner.setting_rewrites, key, value);
    let list = inner.settings.entry(app_id).or_default();
    settings::upsert(list, key, stored);
    Ok(Success(Saved {
        key: key.to_string(),
        value: value.clone(),
    }))
}
