//! GET /customer (customer token): the customer's own record, secret
//! included, as the live service sends it.

use axum::extract::State;
use serde::Serialize;
use serde_json::Value;

use crate::auth::CustomerCaller;
use crate::failure::{ApiResult, Success};
use crate::state::{format_ist, AppState};

#[derive(Debug, Serialize)]
pub struct Customer {
    #[serde(rename = "CustomerID")]
    customer_id: String,
    #[serde(rename = "CustomerName")]
    customer_name: String,
    #[serde(rename = "Email")]
    email: String,
    /// Always null, as seen live.
    #[serde(rename = "CustomerSetting")]
    customer_setting: Option<Value>,
    #[serde(rename = "CreatedAt")]
    created_at: String,
    #[serde(rename = "UpdatedAt")]
    updated_at: String,
    /// Always false: a deleted customer cannot sign in.
    #[serde(rename = "DeletedAt")]
    deleted_at: bool,
    /// The real secret: the console must drop it at decoding.
    #[serde(rename = "CustomerSecret")]
    customer_secret: String,
}

pub async fn get(
    State(state): State<AppState>,
    CustomerCaller { customer_id }: CustomerCaller,
) -> ApiResult<Customer> {
    let c = &state.config;
    Ok(Success(Customer {
        customer_id,
        customer_name: c.customer_name.clone(),
        email: c.customer_email.clone(),
        customer_setting: None,
        created_at: format_ist(state.customer_since),
        updated_at: format_ist(state.customer_since + 30 * 24 * 60 * 60),
        deleted_at: false,
        customer_secret: c.customer_secret.clone(),
    }))
}
