//! The customer (`/customer`): creating one (no token yet), reading the one
//! a token was issued for, deleting it.
//!
//! Two answers carry `CustomerSecret`. A read's is dropped while decoding
//! ([`Customer`] has no field for it), so it never reaches the page. A
//! creation's is the one time the admin can learn it: [`CreatedCustomer`]
//! holds it with a redacted `Debug` and no `Serialize`, and the page drops
//! it as soon as the admin has signed in with it.

use std::fmt;

use serde::Serialize;

use super::endpoints::{to_json, Client};
use super::envelope::{decode_object_data, decode_string_data};
use super::error::ApiError;
use super::ids::CustomerToken;
use super::service::CustomerApi;
use super::transport::{Answer, HttpMethod};
use super::types::{Fields, Lenient, Record, Setter};

/// The customer the token was issued for. `CustomerSecret` is in the answer
/// and deliberately not here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Customer {
    pub(crate) customer_id: String,
    pub(crate) name: String,
    pub(crate) email: String,
    /// RFC 3339 with offset (kept as text).
    pub(crate) created_at: String,
}

/// `CustomerID`, `CustomerName`, `Email` and `CreatedAt` read tolerantly;
/// every other field, `CustomerSecret` included, read past and dropped.
impl Fields for Customer {
    const FIELDS: &'static [(&'static str, Setter<Self>)] = &[
        ("CustomerID", |c, v| c.customer_id = v.take_string()),
        ("CustomerName", |c, v| c.name = v.take_string()),
        ("Email", |c, v| c.email = v.take_string()),
        ("CreatedAt", |c, v| c.created_at = v.take_string()),
    ];
}

/// The body of `POST /customer`; both fields are required.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct NewCustomer {
    #[serde(rename = "CustomerName")]
    pub(crate) name: String,
    #[serde(rename = "Email")]
    pub(crate) email: String,
}

/// The answer to `POST /customer`: the customer, and the secret that signs
/// in as it, shown once.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct CreatedCustomer {
    pub(crate) customer: Customer,
    pub(crate) secret: String,
}

impl fmt::Debug for CreatedCustomer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreatedCustomer")
            .field("customer", &self.customer)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// `CustomerSecret`, else one of [`Customer`]'s fields (slot 0 is the
/// secret, slot `1 + i` the customer's field `i`).
impl Record for CreatedCustomer {
    fn slot(&mut self, key: &str) -> Option<usize> {
        if key == "CustomerSecret" {
            return Some(0);
        }
        Customer::position(key).map(|i| i + 1)
    }
    fn set(&mut self, slot: usize, value: &mut Lenient) {
        match slot.checked_sub(1) {
            None => self.secret = value.take_string(),
            Some(i) => (Customer::FIELDS[i].1)(&mut self.customer, value),
        }
    }
}

/// `GET /customer`: `Data` is one customer object.
pub(crate) fn decode_customer(answer: &Answer) -> Result<Customer, ApiError> {
    decode_object_data(answer, "a customer object")
}

/// `POST /customer`: `Data` is the new customer, its secret included; a
/// creation without a secret could never be signed in to, so it is an error.
pub(crate) fn decode_created_customer(answer: &Answer) -> Result<CreatedCustomer, ApiError> {
    let created: CreatedCustomer = decode_object_data(answer, "the created customer")?;
    if created.customer.customer_id.trim().is_empty() || created.secret.trim().is_empty() {
        return Err(ApiError::Decode {
            status: answer.status,
            request_id: None,
            detail: "the created customer has no CustomerID or CustomerSecret".into(),
        });
    }
    Ok(created)
}

impl CustomerApi for Client {
    async fn get_customer(&self, token: &CustomerToken) -> Result<Customer, ApiError> {
        let token = Some(token.expose());
        self.call(HttpMethod::Get, "/customer", token, None, decode_customer)
            .await
    }

    async fn create_customer(&self, new: &NewCustomer) -> Result<CreatedCustomer, ApiError> {
        let body = Some(to_json(new)?);
        let path = "/customer";
        self.call(HttpMethod::Post, path, None, body, decode_created_customer)
            .await
    }

    async fn delete_customer(&self, token: &CustomerToken) -> Result<String, ApiError> {
        let token = Some(token.expose());
        self.call(HttpMethod::Delete, "/customer", token, None, |a| {
            decode_string_data(a, "a string")
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Answer {
        Answer::new(status, Some("application/json"), body)
    }

    #[test]
    fn the_customer_secret_is_dropped_while_decoding() {
        let body = r#"{"RequestId":"r5","Status":"success","Data":{"CustomerID":"c1",
            "CustomerName":"Acme","Email":"a@acme.example","CustomerSetting":null,
            "DeletedAt":false,"CustomerSecret":"s3cr3t-value"}}"#;
        let customer = decode_customer(&answer(200, body)).unwrap();
        assert_eq!(customer.name, "Acme");
        assert_eq!(customer.email, "a@acme.example");
        assert!(!format!("{customer:?}").contains("s3cr3t"));
    }

    #[test]
    fn a_created_customer_keeps_its_secret_and_never_prints_it() {
        let body = r#"{"RequestId":"r6","Status":"Success","Code":200,"Error":"","Data":{
            "CustomerID":"c-new","CustomerSecret":"s3cr3t-new","CustomerName":"Zed Corp",
            "Email":"ops@zed.example","CustomerSetting":null,"CreatedAt":"2026-12-02T10:00:00+05:30",
            "UpdatedAt":"2026-12-02T10:00:00+05:30","DeletedAt":false}}"#;
        let created = decode_created_customer(&answer(200, body)).unwrap();
        assert_eq!(created.customer.customer_id, "c-new");
        assert_eq!(created.customer.name, "Zed Corp");
        assert_eq!(created.customer.created_at, "2026-12-02T10:00:00+05:30");
        assert_eq!(created.secret, "s3cr3t-new");
        assert!(!format!("{created:?}").contains("s3cr3t"));
    }

    #[test]
    fn a_creation_without_id_or_secret_is_an_error() {
        for data in [
            r#"{"CustomerID":"c1"}"#,
            r#"{"CustomerSecret":"s"}"#,
            r#"{"CustomerID":" ","CustomerSecret":"s"}"#,
        ] {
            let body = format!(r#"{{"Status":"Success","Data":{data}}}"#);
            let err = decode_created_customer(&answer(200, &body)).unwrap_err();
            assert!(matches!(err, ApiError::Decode { .. }), "{data}: {err:?}");
        }
        let text = r#"{"Status":"Success","Data":"created"}"#;
        assert!(decode_created_customer(&answer(200, text)).is_err());
    }

    #[test]
    fn the_new_customer_body_uses_the_api_names() {
        let body = NewCustomer {
            name: "Zed Corp".into(),
            email: "ops@zed.example".into(),
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"CustomerName":"Zed Corp","Email":"ops@zed.example"}"#
        );
    }
}
