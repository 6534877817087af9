//! /customer: create one (no Authorization), read or delete the caller's own
//! (customer token). Both answers that carry the secret do so as the live
//! service does; the console must drop it.

use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::auth::{invalid_token, CustomerCaller};
use crate::customers::{Customer, SecretAt};
use crate::extract::JsonObject;
use crate::failure::{ApiResult, Failure, Success};
use crate::routes::apps::DELETED;
use crate::state::{now_ist, AppState};

/// POST /customer `{"CustomerName", "Email"}`: any Authorization header is
/// ignored, as the documented call sends none.
pub async fn create(
    State(state): State<AppState>,
    JsonObject(obj): JsonObject,
) -> Result<Response, Failure> {
    let customer = Customer::from_body(&obj, &now_ist()).map_err(Failure::bad_request)?;
    let answer = Success(customer.view(SecretAt::Second)).into_response();
    state.lock().customers.push(customer);
    Ok(answer)
}

/// GET /customer: the caller's record, secret last.
pub async fn get(
    State(state): State<AppState>,
    CustomerCaller { customer_id }: CustomerCaller,
) -> Result<Response, Failure> {
    let inner = state.lock();
    // Deleted between the token check and here: as good as an unknown token.
    let customer = inner
        .find_customer(&customer_id)
        .ok_or_else(invalid_token)?;
    Ok(Success(customer.view(SecretAt::Last)).into_response())
}

/// DELETE /customer: the caller with every app, setting and user under it;
/// every token of theirs stops working. Data is the text DELETE /app answers
/// (the live one is not published).
pub async fn delete(
    State(state): State<AppState>,
    CustomerCaller { customer_id }: CustomerCaller,
) -> ApiResult<&'static str> {
    state.lock().delete_customer(&customer_id);
    Ok(Success(DELETED))
}
