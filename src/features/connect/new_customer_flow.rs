//! Creating a customer, without the page: what the admin typed is checked
//! into a [`NewCustomerInput`] (only a checked input reaches the API; the
//! page sends it with `CustomerApi::create_customer`, which takes no token:
//! there is none yet), and signing in with the new customer's ID and secret.

use crate::api::customer::{CreatedCustomer, NewCustomer};
use crate::api::{ApiError, CustomerToken, IntegrationsApi};
use crate::features::connect::flow::{check_base, BaseChoice};
use crate::ui::field_id::FieldId;
use crate::ui::validation::{check_text, is_email, FieldError};

/// What the form holds, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NewCustomerForm {
    pub(crate) base: BaseChoice,
    pub(crate) custom_base: String,
    pub(crate) name: String,
    pub(crate) email: String,
}

/// A customer the API may be asked to create. Built only by
/// [`check_new_customer`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NewCustomerInput {
    pub(crate) api_base: String,
    pub(crate) customer: NewCustomer,
}

/// Checks the form: every problem at once, by field, or a customer to send.
pub(crate) fn check_new_customer(
    form: &NewCustomerForm,
) -> Result<NewCustomerInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let api_base = check_base(form.base, &form.custom_base, &mut errors);
    let name = check_text(
        FieldId::NewCustomerName,
        "Customer name",
        &form.name,
        &mut errors,
    );
    let email = check_text(FieldId::NewCustomerEmail, "Email", &form.email, &mut errors);
    if !email.is_empty() && !is_email(&email) {
        errors.push(FieldError {
            field: FieldId::NewCustomerEmail,
            message: format!("Email \"{email}\" is not an email address."),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewCustomerInput {
        api_base,
        customer: NewCustomer { name, email },
    })
}

/// A customer token for the customer just created, with its own ID and
/// the secret the creation answered.
pub(crate) async fn sign_in_as(
    api: &impl IntegrationsApi,
    created: &CreatedCustomer,
) -> Result<CustomerToken, ApiError> {
    api.customer_token(&created.customer.customer_id, &created.secret)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::customer::Customer;
    use crate::api::fake::{Call, Carried, Endpoint, FakeApi};
    use crate::api::service::run_ready;
    use crate::api::PRODUCTION_BASE_URL;

    fn form(name: &str, email: &str) -> NewCustomerForm {
        NewCustomerForm {
            base: BaseChoice::from_value(PRODUCTION_BASE_URL),
            custom_base: String::new(),
            name: name.into(),
            email: email.into(),
        }
    }

    fn fields(form: &NewCustomerForm) -> Vec<FieldId> {
        match check_new_customer(form) {
            Ok(_) => panic!("the form should be refused"),
            Err(errors) => errors.into_iter().map(|e| e.field).collect(),
        }
    }

    #[test]
    fn both_fields_are_required_and_the_email_checked() {
        assert_eq!(
            fields(&form(" ", "")),
            [FieldId::NewCustomerName, FieldId::NewCustomerEmail]
        );
        assert_eq!(
            fields(&form("Zed Corp", "ops@zed")),
            [FieldId::NewCustomerEmail]
        );
        let ok = check_new_customer(&form(" Zed Corp ", " ops@zed.example ")).unwrap();
        assert_eq!(ok.api_base, PRODUCTION_BASE_URL);
        assert_eq!(
            ok.customer,
            NewCustomer {
                name: "Zed Corp".into(),
                email: "ops@zed.example".into()
            }
        );
    }

    #[test]
    fn the_sign_in_uses_the_new_customer_s_id_and_secret() {
        let api = FakeApi::default();
        let created = CreatedCustomer {
            customer: Customer {
                customer_id: "c-new".into(),
                ..Customer::default()
            },
            secret: "s3cret-new".into(),
        };
        api.answer(Endpoint::CustomerToken, Ok("tok-new".to_string()));
        let token = run_ready(sign_in_as(&api, &created)).unwrap();
        assert_eq!(token, CustomerToken::new("tok-new"));
        let sent = Call {
            endpoint: Endpoint::CustomerToken,
            carried: Carried::Secret("s3cret-new".into()),
            detail: "c-new".into(),
        };
        assert_eq!(api.calls(), [sent]);
    }
}
