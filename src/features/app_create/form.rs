//! The create form's draft and its validation into the request to send.

use crate::api::{Domain, NewApp};
use crate::ui::field_id::FieldId;
use crate::ui::validation::{check_text, FieldError};

/// What the admin typed in the create form, kept verbatim (never cleared on
/// failure). The session keeps it in a store; each input reads and writes
/// its own field through it. No `Debug`: it holds the Exotel API key and token.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct AppForm {
    pub(crate) app_name: String,
    pub(crate) account_sid: String,
    pub(crate) api_key: String,
    pub(crate) api_token: String,
    /// `None` until the admin chooses a cluster.
    pub(crate) domain: Option<Domain>,
    pub(crate) is_active: bool,
}

/// A new app is active unless the admin says otherwise.
impl Default for AppForm {
    fn default() -> Self {
        Self {
            app_name: String::new(),
            account_sid: String::new(),
            api_key: String::new(),
            api_token: String::new(),
            domain: None,
            is_active: true,
        }
    }
}

impl AppForm {
    /// Every problem with the form, or the request to send.
    pub(crate) fn validate(&self) -> Result<NewApp, Vec<FieldError>> {
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
        if self.domain.is_none() {
            errors.push(FieldError {
                field: FieldId::Domain,
                message: "Exotel domain is required: choose Mumbai or Singapore.".into(),
            });
        }
        match self.domain {
            Some(domain) if errors.is_empty() => Ok(NewApp {
                app_name,
                exotel_account_sid: sid,
                exotel_api_key: key,
                exotel_api_token: token,
                exotel_domain: domain,
                is_active: self.is_active,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::validation::MAX_FIELD_LEN;

    fn filled() -> AppForm {
        AppForm {
            app_name: " WebRTC ".into(),
            account_sid: "abc".into(),
            api_key: "key".into(),
            api_token: "tok".into(),
            domain: Some(Domain::Mumbai),
            is_active: true,
        }
    }

    #[test]
    fn valid_form_is_trimmed_into_a_request() {
        let app = filled().validate().unwrap();
        assert_eq!(app.app_name, "WebRTC");
        assert_eq!(app.exotel_domain.as_api_str(), "mumbai");
        assert!(app.is_active);
    }

    #[test]
    fn the_chosen_domain_is_sent_as_the_api_spells_it() {
        let form = AppForm {
            domain: Domain::from_api_str("singapore"),
            ..filled()
        };
        let body = serde_json::to_value(form.validate().unwrap()).unwrap();
        assert_eq!(body["ExotelDomain"], "singapore");
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
