//! PUT /device (app token): switch one of a user's devices on or off; see
//! `crate::users` for the device model.

use axum::extract::State;
use serde_json::Value;

use crate::auth::AppCaller;
use crate::extract::PayloadObject;
use crate::failure::{ApiResult, Failure, Success};
use crate::state::{now_ist, AppState};
use crate::users::{DeviceName, User};

/// PUT /device `{"UserId", "DeviceName": "phone"|"sip", "DeviceStatus": bool}`
pub async fn switch(
    State(state): State<AppState>,
    AppCaller { app_id }: AppCaller,
    PayloadObject(obj): PayloadObject,
) -> ApiResult<User> {
    let bad = |m: &str| Failure::bad_request(format!("Invalid parameter, {m}"));
    let user_id = match obj.get("UserId") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.as_str(),
        None | Some(Value::Null) => return Err(bad("UserId is required")),
        Some(_) => return Err(bad("UserId must be a non-empty string")),
    };
    let device = obj
        .get("DeviceName")
        .and_then(|v| serde_json::from_value::<DeviceName>(v.clone()).ok())
        .ok_or_else(|| bad(r#"DeviceName must be "phone" or "sip""#))?;
    let on = match obj.get("DeviceStatus") {
        Some(Value::Bool(b)) => *b,
        None | Some(Value::Null) => return Err(bad("DeviceStatus is required")),
        Some(_) => return Err(bad("DeviceStatus must be a boolean")),
    };
    let mut inner = state.lock();
    let user = inner
        .users
        .get_mut(&app_id)
        .and_then(|users| users.iter_mut().find(|u| u.app_user_id == user_id))
        .ok_or_else(Failure::record_not_found)?;
    user.switch_device(device, on)
        .map_err(Failure::bad_request)?;
    user.updated_at = now_ist();
    Ok(Success(user.clone()))
}
