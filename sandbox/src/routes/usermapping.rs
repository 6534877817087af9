//! /usermapping (app token): read one user or a page of users, create users
//! in a batch, update one, delete every user of the app.
//!
//! A POST batch is all-or-nothing: every item is checked (fields, name rule,
//! duplicates against stored users and within the batch) before any user is
//! created, and the first problem is answered for the whole batch.

use std::collections::HashSet;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::auth::{invalid_token, AppCaller};
use crate::config::DOCUMENTED_NEXT_KEY;
use crate::extract::{invalid_payload, Params, Payload, PayloadObject};
use crate::failure::{ApiResult, Failure, Success};
use crate::state::{now_ist, AppState};
use crate::users::{page, parse_input, Origin, User, UserInput};

/// DELETE's answer, misspelt as on the live service.
pub const DELETED: &str = "Deleted Successfuly";
/// Users per page when `page_size` is not given.
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// GET /usermapping?user_id=ID, or ?page_size=N&last_value=K: a page is
/// `{"Users": [...], "PageSize": served, "LastEvaluatedValue": "K2"}` as
/// Exotel documents it (the key absent on the last page; another key name,
/// without PageSize, with `--next-key-name`).
pub async fn get(
    State(state): State<AppState>,
    AppCaller { app_id }: AppCaller,
    params: Params,
) -> Result<Response, Failure> {
    let inner = state.lock();
    let users = inner.users_of(&app_id);
    if let Some(user_id) = params.get("user_id") {
        let user = users
            .iter()
            .find(|u| u.app_user_id == user_id)
            .ok_or_else(Failure::record_not_found)?;
        return Ok(Success(user).into_response());
    }
    let size = match params.get("page_size") {
        None => DEFAULT_PAGE_SIZE,
        Some(s) => s.trim().parse().ok().filter(|n| *n > 0).ok_or_else(|| {
            Failure::bad_request("Invalid parameter, page_size must be a positive number")
        })?,
    };
    let after = match params.get("last_value") {
        None => 0,
        Some(s) => inner.key_style.read(s).ok_or_else(|| {
            Failure::bad_request("Invalid parameter, last_value must be a number")
        })?,
    };
    // A capped server serves fewer than asked and says so in PageSize.
    let size = inner.max_page_size.map_or(size, |cap| size.min(cap));
    let (slice, next) = page(users, after, size);
    let key = state.config.next_key_name.as_str();
    let mut data = serde_json::Map::new();
    data.insert("Users".into(), json!(slice));
    if key == DOCUMENTED_NEXT_KEY {
        data.insert("PageSize".into(), size.into());
    }
    if let Some(next) = next {
        data.insert(key.into(), inner.key_style.write(next).into());
    }
    Ok(Success(Value::Object(data)).into_response())
}

/// POST /usermapping `[user, ...]`
pub async fn create(
    State(state): State<AppState>,
    AppCaller { app_id }: AppCaller,
    Payload(body): Payload,
) -> ApiResult<Vec<User>> {
    let Value::Array(items) = body else {
        return Err(invalid_payload());
    };
    if items.is_empty() {
        return Err(invalid_payload());
    }
    let inputs = items
        .iter()
        .map(|item| match item {
            Value::Object(obj) => parse_input(obj, true).map_err(Failure::bad_request),
            _ => Err(invalid_payload()),
        })
        .collect::<Result<Vec<UserInput>, Failure>>()?;

    let mut inner = state.lock();
    let customer_id = inner
        .find_app(&app_id)
        .ok_or_else(invalid_token)?
        .customer_id
        .clone();
    let stored = inner.users_of(&app_id);
    refuse_duplicates(stored, &inputs)?;
    let mut seq = stored.last().map_or(0, |u| u.seq);
    let now = now_ist();
    let created: Vec<User> = inputs
        .into_iter()
        .map(|input| {
            seq += 1;
            let origin = Origin {
                customer_id: &customer_id,
                app_id: &app_id,
                seq,
                now: &now,
            };
            User::create(input, &origin)
        })
        .collect();
    inner
        .users
        .entry(app_id)
        .or_default()
        .extend(created.iter().cloned());
    Ok(Success(created))
}

/// 409 for an AppUserId already stored or repeated in the batch.
fn refuse_duplicates(stored: &[User], inputs: &[UserInput]) -> Result<(), Failure> {
    let mut seen = HashSet::new();
    for input in inputs {
        let id = input.app_user_id.as_str();
        if stored.iter().any(|u| u.app_user_id == id) || !seen.insert(id) {
            return Err(Failure::new(
                StatusCode::CONFLICT,
                format!("user with AppUserId {id:?} already exists"),
            ));
        }
    }
    Ok(())
}

/// PUT /usermapping `user`: the fields given replace the stored ones.
pub async fn update(
    State(state): State<AppState>,
    AppCaller { app_id }: AppCaller,
    PayloadObject(obj): PayloadObject,
) -> ApiResult<User> {
    let input = parse_input(&obj, false).map_err(Failure::bad_request)?;
    let mut inner = state.lock();
    let user = inner
        .users
        .get_mut(&app_id)
        .and_then(|users| {
            users
                .iter_mut()
                .find(|u| u.app_user_id == input.app_user_id)
        })
        .ok_or_else(Failure::record_not_found)?;
    user.update(input, &now_ist());
    Ok(Success(user.clone()))
}

/// DELETE /usermapping: every user of the app, whatever the query says.
pub async fn delete_all(
    State(state): State<AppState>,
    AppCaller { app_id }: AppCaller,
) -> ApiResult<&'static str> {
    state.lock().users.remove(&app_id);
    Ok(Success(DELETED))
}
