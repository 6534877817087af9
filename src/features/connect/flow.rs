//! Signing in, without the page: what the admin typed is checked into a
//! [`SignInInput`] (only a checked input can reach the API), then either the
//! Customer ID + secret are exchanged for a customer token (POST /token), or
//! a pasted token is tried by listing the apps (a read-only customer-token
//! call), so a wrong paste is caught here and not on the next page.

use crate::api::{ApiError, App, CustomerToken, IntegrationsApi};
use crate::state::config::PRESETS;
use crate::ui::field_id::FieldId;
use crate::ui::validation::{check_text, check_token, FieldError};

/// The `<option>` value of the "Custom URL…" choice.
pub(crate) const CUSTOM_BASE: &str = "custom";

/// Which API the admin signs in to: one of [`PRESETS`] or a URL they type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BaseChoice {
    Preset(&'static str),
    Custom,
}

impl BaseChoice {
    /// The choice an `<option>` value stands for; also the choice that
    /// shows a session's base URL (its preset, else the custom URL).
    pub(crate) fn from_value(value: &str) -> Self {
        PRESETS
            .iter()
            .find(|(_, url)| *url == value)
            .map_or(BaseChoice::Custom, |(_, url)| BaseChoice::Preset(url))
    }

    /// The `<option>` value of this choice.
    pub(crate) fn value(self) -> &'static str {
        match self {
            BaseChoice::Preset(url) => url,
            BaseChoice::Custom => CUSTOM_BASE,
        }
    }
}

/// How the admin proves who they are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum SignInWith {
    #[default]
    Secret,
    PastedToken,
}

impl SignInWith {
    /// In the form's order.
    pub(crate) const ALL: [SignInWith; 2] = [SignInWith::Secret, SignInWith::PastedToken];

    /// The radio button's text.
    pub(crate) fn label(self) -> &'static str {
        match self {
            SignInWith::Secret => "Customer ID and secret",
            SignInWith::PastedToken => "An existing customer token",
        }
    }
}

/// What the connect form holds, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SignInForm {
    pub(crate) base: BaseChoice,
    pub(crate) custom_base: String,
    pub(crate) with: SignInWith,
    pub(crate) customer_id: String,
    pub(crate) secret: String,
    pub(crate) pasted_token: String,
}

/// The checked credential: trimmed, and a pasted token normalised.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Credential {
    Secret { customer_id: String, secret: String },
    Token(CustomerToken),
}

/// A sign-in the API may be asked about. Built only by [`check_sign_in`].
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct SignInInput {
    api_base: String,
    credential: Credential,
}

/// What a successful sign-in gives the session.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SignedIn {
    pub(crate) api_base: String,
    /// Known only when signing in with the secret.
    pub(crate) customer_id: Option<String>,
    pub(crate) token: CustomerToken,
    /// The apps listed to check a pasted token.
    pub(crate) apps: Option<Vec<App>>,
}

impl SignInInput {
    /// The API base this sign-in goes to.
    pub(crate) fn api_base(&self) -> &str {
        &self.api_base
    }
}

/// Checks the form: every problem at once, by field, or a sign-in to send.
pub(crate) fn check_sign_in(form: &SignInForm) -> Result<SignInInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let api_base = check_base(form.base, &form.custom_base, &mut errors);
    let credential = match form.with {
        SignInWith::Secret => Credential::Secret {
            customer_id: check_text(
                FieldId::CustomerId,
                "Customer ID",
                &form.customer_id,
                &mut errors,
            ),
            secret: check_text(
                FieldId::CustomerSecret,
                "Customer secret",
                &form.secret,
                &mut errors,
            ),
        },
        SignInWith::PastedToken => {
            let token = check_token(
                FieldId::CustomerToken,
                "Customer token",
                &form.pasted_token,
                &mut errors,
            );
            Credential::Token(CustomerToken::pasted(&token))
        }
    };
    if errors.is_empty() {
        Ok(SignInInput {
            api_base,
            credential,
        })
    } else {
        Err(errors)
    }
}

/// The base URL the admin chose, validated, without a trailing slash.
pub(crate) fn check_base(
    base: BaseChoice,
    custom_base: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    if let BaseChoice::Preset(url) = base {
        return url.to_string();
    }
    let url = check_text(
        FieldId::CustomBase,
        "Custom API base URL",
        custom_base,
        errors,
    );
    let ok = url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/');
    if !url.is_empty() && !ok {
        errors.push(FieldError {
            field: FieldId::CustomBase,
            message: "Custom API base URL must start with https://, http:// or /.".into(),
        });
    }
    url.trim_end_matches('/').to_string()
}

/// Signs in against `api` (a client for `input`'s base URL).
pub(crate) async fn sign_in(
    api: &impl IntegrationsApi,
    input: &SignInInput,
) -> Result<SignedIn, ApiError> {
    let api_base = input.api_base.clone();
    match &input.credential {
        Credential::Secret {
            customer_id,
            secret,
        } => {
            let token = api.customer_token(customer_id, secret).await?;
            Ok(SignedIn {
                api_base,
                customer_id: Some(customer_id.clone()),
                token,
                apps: None,
            })
        }
        Credential::Token(token) => {
            let apps = api.list_apps(token).await?;
            Ok(SignedIn {
                api_base,
                customer_id: None,
                token: token.clone(),
                apps: Some(apps),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{Call, Carried, Endpoint, FakeApi};
    use crate::api::service::run_ready;
    use crate::api::PRODUCTION_BASE_URL;

    fn secret_form() -> SignInForm {
        SignInForm {
            base: BaseChoice::from_value(PRODUCTION_BASE_URL),
            custom_base: String::new(),
            with: SignInWith::Secret,
            customer_id: " cust-1 ".into(),
            secret: "s3cret".into(),
            pasted_token: String::new(),
        }
    }

    fn token_form(pasted: &str) -> SignInForm {
        SignInForm {
            base: BaseChoice::Custom,
            custom_base: "https://api.example/v2/integrations/".into(),
            with: SignInWith::PastedToken,
            pasted_token: pasted.into(),
            ..secret_form()
        }
    }

    fn run(api: &FakeApi, form: &SignInForm) -> Result<SignedIn, ApiError> {
        let input = check_sign_in(form).unwrap_or_else(|_| panic!("the form should be valid"));
        run_ready(sign_in(api, &input))
    }

    #[test]
    fn secret_is_exchanged_for_a_customer_token() {
        let api = FakeApi::default();
        api.answer(Endpoint::CustomerToken, Ok("tok-1".to_string()));
        let signed_in = run(&api, &secret_form()).expect("signed in");
        assert_eq!(
            signed_in,
            SignedIn {
                api_base: PRODUCTION_BASE_URL.into(),
                customer_id: Some("cust-1".into()),
                token: CustomerToken::new("tok-1"),
                apps: None,
            }
        );
        let sent = Call {
            endpoint: Endpoint::CustomerToken,
            carried: Carried::Secret("s3cret".into()),
            detail: "cust-1".into(),
        };
        assert_eq!(api.calls(), [sent]);
    }

    #[test]
    fn pasted_token_is_normalised_and_checked_by_listing_the_apps() {
        let listed = vec![App {
            app_id: "a-1".into(),
            ..App::default()
        }];
        let api = FakeApi::default();
        api.answer(Endpoint::ListApps, Ok(listed.clone()));
        let signed_in = run(&api, &token_form("  Bearer \"tok-2\" ")).expect("signed in");
        assert_eq!(
            signed_in,
            SignedIn {
                api_base: "https://api.example/v2/integrations".into(),
                customer_id: None,
                token: CustomerToken::new("tok-2"),
                apps: Some(listed),
            }
        );
        // Checked as a customer token: the list is a customer-token call.
        let calls = api.calls();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].endpoint, Endpoint::ListApps);
        assert_eq!(calls[0].carried, Carried::Customer("tok-2".into()));
    }

    #[test]
    fn refused_secret_is_a_credentials_error_not_a_session_expiry() {
        let refused = ApiError::Credentials {
            request_id: Some("rid-1".into()),
            message: "Invalid secret".into(),
        };
        let api = FakeApi::default();
        api.answer::<String>(Endpoint::CustomerToken, Err(refused.clone()));
        let error = run(&api, &secret_form()).expect_err("refused");
        assert_eq!(error, refused);
        // The page shows it in place; nothing signs the admin out.
        assert!(!error.is_unauthorized());
        assert_eq!(
            error.title(),
            "The ID or secret was not accepted (HTTP 401)"
        );
    }

    #[test]
    fn refused_pasted_token_is_reported_as_it_came() {
        let refused = ApiError::Http {
            status: 401,
            request_id: Some("rid-2".into()),
            message: "Unauthorized".into(),
        };
        let api = FakeApi::default();
        api.answer::<Vec<App>>(Endpoint::ListApps, Err(refused.clone()));
        assert_eq!(run(&api, &token_form("tok-3")), Err(refused));
    }

    #[test]
    fn network_failure_and_timeout_are_returned() {
        for failure in [
            ApiError::Network {
                detail: "offline".into(),
            },
            ApiError::Timeout { after_ms: 15_000 },
        ] {
            let api = FakeApi::default();
            api.answer::<String>(Endpoint::CustomerToken, Err(failure.clone()));
            assert_eq!(run(&api, &secret_form()), Err(failure));
        }
    }

    /// Only a checked form becomes a [`SignInInput`], so an invalid one has
    /// nothing the API could be called with.
    #[test]
    fn invalid_forms_never_reach_the_api() {
        let missing = SignInForm {
            customer_id: "  ".into(),
            secret: String::new(),
            ..secret_form()
        };
        let fields = |form: &SignInForm| match check_sign_in(form) {
            Ok(_) => panic!("the form should be refused"),
            Err(errors) => errors.into_iter().map(|e| e.field).collect::<Vec<_>>(),
        };
        assert_eq!(
            fields(&missing),
            [FieldId::CustomerId, FieldId::CustomerSecret]
        );
        let bad_base = SignInForm {
            custom_base: "ftp://host".into(),
            ..token_form("")
        };
        assert_eq!(
            fields(&bad_base),
            [FieldId::CustomBase, FieldId::CustomerToken]
        );
        let no_base = SignInForm {
            custom_base: " ".into(),
            ..token_form("tok")
        };
        assert_eq!(fields(&no_base), [FieldId::CustomBase]);
    }

    #[test]
    fn base_choice_round_trips_through_its_option_value() {
        assert_eq!(
            BaseChoice::from_value(PRODUCTION_BASE_URL),
            BaseChoice::Preset(PRODUCTION_BASE_URL)
        );
        assert_eq!(
            BaseChoice::from_value(PRODUCTION_BASE_URL).value(),
            PRODUCTION_BASE_URL
        );
        assert_eq!(BaseChoice::from_value(CUSTOM_BASE), BaseChoice::Custom);
        assert_eq!(
            BaseChoice::from_value("https://elsewhere"),
            BaseChoice::Custom
        );
    }
}
