//! Client-side checks that run before any request, so the admin learns every
//! problem at once and by name. Pure functions: tested on the host and in the
//! browser.

use crate::api::{Domain, NewApp};
use crate::ui::field_id::FieldId;

/// Longest value accepted in any text field (the API publishes no limit;
/// this keeps pasted garbage from reaching it).
pub const MAX_FIELD_LEN: usize = 256;
/// Tokens (JWTs especially) are longer than any form field.
pub const MAX_TOKEN_LEN: usize = 8192;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form field's id, so the view can attach the message to it.
    pub field: FieldId,
    pub message: String,
}

/// What the admin typed in the create form, kept verbatim (never cleared on
/// failure). No `Debug`: it holds the Exotel API key and token.
#[derive(Clone, PartialEq, Eq)]
pub struct AppForm {
    pub app_name: String,
    pub account_sid: String,
    pub api_key: String,
    pub api_token: String,
    /// "mumbai" | "singapore" | "" (not chosen).
    pub domain: String,
    pub is_active: bool,
}

/// Checks one text field: required, not too long, no control characters.
/// Returns the trimmed value.
pub fn check_text(field: FieldId, label: &str, raw: &str, errors: &mut Vec<FieldError>) -> String {
    check_text_up_to(MAX_FIELD_LEN, field, label, raw, errors)
}

/// [`check_text`] for a pasted token, which may be long.
pub fn check_token(field: FieldId, label: &str, raw: &str, errors: &mut Vec<FieldError>) -> String {
    check_text_up_to(MAX_TOKEN_LEN, field, label, raw, errors)
}

fn check_text_up_to(
    max: usize,
    field: FieldId,
    label: &str,
    raw: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = raw.trim();
    let problem = if value.is_empty() {
        Some(format!("{label} is required."))
    } else if value.chars().count() > max {
        Some(format!(
            "{label} is too long ({} characters; at most {max}).",
            value.chars().count()
        ))
    } else if value.chars().any(char::is_control) {
        Some(format!(
            "{label} contains a control character (tab, newline…); remove it."
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        errors.push(FieldError { field, message });
    }
    value.to_string()
}

/// A new app is active unless the admin says otherwise.
impl Default for AppForm {
    fn default() -> Self {
        Self {
            app_name: String::new(),
            account_sid: String::new(),
            api_key: String::new(),
            api_token: String::new(),
            domain: String::new(),
            is_active: true,
        }
    }
}

impl AppForm {
    /// Every problem with the form, or the request to send.
    pub fn validate(&self) -> Result<NewApp, Vec<FieldError>> {
        let mut errors = Vec::new();
        let app_name = check_text(FieldId::AppName, "App name", &self.app_name, &mut errors);
        let sid = check_text(
            FieldId::AccountSid,
            "Exotel Account SID",
            &self.account_sid,
            &mut errors,
        );
        let key = check_text(
            FieldId::ApiKey,
            "Exotel API key",
            &self.api_key,
            &mut errors,
        );
        let token = check_text(
            FieldId::ApiToken,
            "Exotel API token",
            &self.api_token,
            &mut errors,
        );
        let domain = match self.domain.as_str() {
            "mumbai" => Some(Domain::Mumbai),
            "singapore" => Some(Domain::Singapore),
            _ => {
                errors.push(FieldError {
                    field: FieldId::Domain,
                    message: "Exotel domain is required: choose Mumbai or Singapore.".into(),
                });
                None
            }
        };
        match domain {
            Some(domain) if errors.is_empty() => Ok(NewApp {
                app_name,
                exotel_account_sid: sid,
                exotel_api_key: key,
                exotel_api_token: token,
                exotel_domain: domain.as_api_str().to_string(),
                is_active: self.is_active,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> AppForm {
        AppForm {
            app_name: " WebRTC ".into(),
            account_sid: "abc".into(),
            api_key: "key".into(),
            api_token: "tok".into(),
            domain: "mumbai".into(),
            is_active: true,
        }
    }

    #[test]
    fn valid_form_is_trimmed_into_a_request() {
        let app = filled().validate().unwrap();
        assert_eq!(app.app_name, "WebRTC");
        assert_eq!(app.exotel_domain, "mumbai");
        assert!(app.is_active);
    }

    #[test]
    fn empty_form_names_every_field() {
        let errors = AppForm::default().validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["app-name", "account-sid", "api-key", "api-token", "domain"]
        );
        assert!(errors[0].message.contains("App name is required"));
    }

    #[test]
    fn whitespace_only_counts_as_missing() {
        let form = AppForm {
            account_sid: "   ".into(),
            ..filled()
        };
        let errors = form.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "account-sid");
    }

    #[test]
    fn tokens_may_be_long() {
        let mut errors = Vec::new();
        check_token(
            FieldId::CustomerToken,
            "Token",
            &"x".repeat(2000),
            &mut errors,
        );
        assert!(errors.is_empty());
        check_text(FieldId::AppName, "Name", &"x".repeat(2000), &mut errors);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn control_characters_and_length_are_refused() {
        let form = AppForm {
            app_name: "a\u{7}b".into(),
            api_key: "k".repeat(MAX_FIELD_LEN + 1),
            ..filled()
        };
        let errors = form.validate().unwrap_err();
        assert!(errors[0].message.contains("control character"));
        assert!(errors[1].message.contains("too long"));
    }
}
