//! Customers: the configured one (`--customer-id` and friends, created at
//! start and again by every reset) and those `POST /customer` creates. Each
//! signs in with its own id and secret and owns the apps created with its
//! token.

use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::fields::{is_email, required_string, Object};
use crate::state::format_ist;

/// A customer as stored, secret included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Customer {
    pub customer_id: String,
    pub customer_secret: String,
    pub customer_name: String,
    pub email: String,
    pub created_at: String,
    pub updated_at: String,
}

/// Where the secret goes in an answer: Exotel's page shows POST /customer
/// with it second, and GET /customer has always ended with it here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretAt {
    Second,
    Last,
}

/// A customer as the API answers it. The secret is one of two optional
/// fields of the same name, so one struct serves both key orders.
#[derive(Debug, Serialize)]
pub struct CustomerView<'a> {
    #[serde(rename = "CustomerID")]
    customer_id: &'a str,
    #[serde(rename = "CustomerSecret", skip_serializing_if = "Option::is_none")]
    secret_second: Option<&'a str>,
    #[serde(rename = "CustomerName")]
    customer_name: &'a str,
    #[serde(rename = "Email")]
    email: &'a str,
    /// Always null, as seen live.
    #[serde(rename = "CustomerSetting")]
    customer_setting: Option<Value>,
    #[serde(rename = "CreatedAt")]
    created_at: &'a str,
    #[serde(rename = "UpdatedAt")]
    updated_at: &'a str,
    /// Always false: a deleted customer is gone, not flagged.
    #[serde(rename = "DeletedAt")]
    deleted_at: bool,
    #[serde(rename = "CustomerSecret", skip_serializing_if = "Option::is_none")]
    secret_last: Option<&'a str>,
}

impl Customer {
    /// The configured customer, created `since` (unix seconds) and updated
    /// 30 days later.
    pub fn configured(config: &Config, since: i64) -> Customer {
        Customer {
            customer_id: config.customer_id.clone(),
            customer_secret: config.customer_secret.clone(),
            customer_name: config.customer_name.clone(),
            email: config.customer_email.clone(),
            created_at: format_ist(since),
            updated_at: format_ist(since + 30 * 24 * 60 * 60),
        }
    }

    /// A new customer from POST /customer's body, with a fresh id and secret,
    /// or the message of the first problem (fields in documented order).
    pub fn from_body(obj: &Object, now: &str) -> Result<Customer, String> {
        let customer_name = required_string(obj, "CustomerName")?;
        let email = required_string(obj, "Email")?;
        if !is_email(email) {
            return Err("Email is not a valid email address".to_string());
        }
        Ok(Customer {
            customer_id: crate::fixed::uuid(crate::fixed::Stream::Customer).to_string(),
            // Shaped like an AppSecret: the live format is not published.
            customer_secret: crate::fixed::uuid(crate::fixed::Stream::Customer).to_string(),
            customer_name: customer_name.to_string(),
            email: email.to_string(),
            created_at: now.to_string(),
            updated_at: now.to_string(),
        })
    }

    pub fn view(&self, secret_at: SecretAt) -> CustomerView<'_> {
        let secret = Some(self.customer_secret.as_str());
        CustomerView {
            customer_id: &self.customer_id,
            secret_second: secret.filter(|_| secret_at == SecretAt::Second),
            customer_name: &self.customer_name,
            email: &self.email,
            customer_setting: None,
            created_at: &self.created_at,
            updated_at: &self.updated_at,
            deleted_at: false,
            secret_last: secret.filter(|_| secret_at == SecretAt::Last),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(v: Value) -> Object {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn the_secret_is_written_once_in_the_chosen_place() {
        let c = Customer::from_body(
            &body(json!({"CustomerName": "Zed", "Email": "a@b.co"})),
            "t",
        )
        .unwrap();
        for (at, position) in [(SecretAt::Second, 1), (SecretAt::Last, 7)] {
            let text = serde_json::to_string(&c.view(at)).unwrap();
            // Each key is the last quoted word before a `":`.
            let parts: Vec<&str> = text.split("\":").collect();
            let keys: Vec<&str> = parts[..parts.len() - 1]
                .iter()
                .map(|p| p.rsplit('"').next().unwrap())
                .collect();
            assert_eq!(keys.len(), 8, "{text}");
            assert_eq!(
                keys.iter().filter(|k| **k == "CustomerSecret").count(),
                1,
                "{text}"
            );
            assert_eq!(keys[position], "CustomerSecret", "{text}");
        }
    }

    #[test]
    fn fields_are_checked_in_order() {
        let check = |v: Value| Customer::from_body(&body(v), "t").map(|_| ()).unwrap_err();
        assert_eq!(check(json!({"Email": 5})), "CustomerName is required");
        assert_eq!(
            check(json!({"CustomerName": " ", "Email": 5})),
            "CustomerName must not be empty"
        );
        assert_eq!(
            check(json!({"CustomerName": "Zed", "Email": 5})),
            "Email must be a string"
        );
        assert_eq!(
            check(json!({"CustomerName": "Zed", "Email": "a@b"})),
            "Email is not a valid email address"
        );
    }
}
