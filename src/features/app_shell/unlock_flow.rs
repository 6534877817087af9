//! Getting an app's token: trade its AppSecret for one (POST /token), or
//! take a pasted app token once the API confirms it is this app's.

use crate::api::{ApiError, AppId, AppToken, IntegrationsApi};
use crate::ui::field_id::FieldId;
use crate::ui::validation::{check_text, check_token, FieldError};

/// How the admin unlocks the app (the form's radio buttons).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum UnlockMethod {
    #[default]
    AppSecret,
    PastedToken,
}

impl UnlockMethod {
    /// The credential field's label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            UnlockMethod::AppSecret => "AppSecret",
            UnlockMethod::PastedToken => "App token",
        }
    }
}

/// What the unlock form sends, checked. No `Debug`: it holds a secret.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum UnlockInput {
    AppSecret(String),
    PastedToken(String),
}

impl UnlockInput {
    /// Checks what was typed for `method` before any request; the errors
    /// name the credential field.
    pub(crate) fn from_form(method: UnlockMethod, typed: &str) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let check = match method {
            UnlockMethod::AppSecret => check_text,
            UnlockMethod::PastedToken => check_token,
        };
        let value = check(FieldId::AppCredential, method.label(), typed, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(match method {
            UnlockMethod::AppSecret => UnlockInput::AppSecret(value),
            UnlockMethod::PastedToken => UnlockInput::PastedToken(value),
        })
    }
}

/// Why no app token came out of the unlock.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum UnlockError {
    /// The API refused the secret or the token, or could not be reached.
    Api(ApiError),
    /// The pasted token is valid, but for the app `token_app`.
    OtherApp { token_app: AppId },
}

/// The app token for `app_id`, from its AppSecret or a pasted token.
pub(crate) async fn unlock(
    api: &impl IntegrationsApi,
    app_id: &AppId,
    credential: UnlockInput,
) -> Result<AppToken, UnlockError> {
    match credential {
        UnlockInput::AppSecret(secret) => api
            .app_token(app_id, &secret)
            .await
            .map_err(UnlockError::Api),
        UnlockInput::PastedToken(pasted) => {
            let token = AppToken::pasted(&pasted);
            // Any valid token reads its own app: only this app's will do.
            let app = api.get_app(&token).await.map_err(UnlockError::Api)?;
            if app.app_id != *app_id {
                return Err(UnlockError::OtherApp {
                    token_app: app.app_id,
                });
            }
            Ok(token)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{app, http_error, Call, Carried, Endpoint, FakeApi};
    use crate::api::service::run_ready;
    use crate::api::App;

    fn unlock_app(api: &FakeApi, credential: UnlockInput) -> Result<String, UnlockError> {
        let token = run_ready(unlock(api, &AppId::new("mine"), credential))?;
        Ok(token.expose().to_string())
    }

    #[test]
    fn the_app_secret_is_traded_for_a_token() {
        let api = FakeApi::default();
        api.answer::<String>(Endpoint::AppToken, Ok("app-token".into()));
        let token = unlock_app(&api, UnlockInput::AppSecret("s3cret".into()));
        assert_eq!(token, Ok("app-token".into()));
        let sent = Call {
            endpoint: Endpoint::AppToken,
            carried: Carried::Secret("s3cret".into()),
            detail: "mine".into(),
        };
        assert_eq!(api.calls(), vec![sent]);
    }

    #[test]
    fn a_refused_app_secret_is_passed_through() {
        for status in [401, 400] {
            let api = FakeApi::default();
            api.answer::<String>(Endpoint::AppToken, Err(http_error(status)));
            let result = unlock_app(&api, UnlockInput::AppSecret("wrong".into()));
            assert_eq!(result, Err(UnlockError::Api(http_error(status))));
        }
    }

    #[test]
    fn a_pasted_token_of_this_app_is_kept_without_its_bearer_prefix() {
        let api = FakeApi::default();
        api.answer::<App>(Endpoint::GetApp, Ok(app("mine")));
        let token = unlock_app(&api, UnlockInput::PastedToken("Bearer abc.def".into()));
        assert_eq!(token, Ok("abc.def".into()));
        // Checked as an app token, by reading its app.
        let checked = Call {
            endpoint: Endpoint::GetApp,
            carried: Carried::App("abc.def".into()),
            detail: String::new(),
        };
        assert_eq!(api.calls(), vec![checked]);
    }

    #[test]
    fn a_pasted_token_of_another_app_is_refused() {
        let api = FakeApi::default();
        api.answer::<App>(Endpoint::GetApp, Ok(app("theirs")));
        let result = unlock_app(&api, UnlockInput::PastedToken("their-token".into()));
        let expected = UnlockError::OtherApp {
            token_app: "theirs".into(),
        };
        assert_eq!(result, Err(expected));
    }

    #[test]
    fn a_refused_pasted_token_is_passed_through() {
        let api = FakeApi::default();
        api.answer::<App>(Endpoint::GetApp, Err(http_error(401)));
        let result = unlock_app(&api, UnlockInput::PastedToken("stale".into()));
        assert_eq!(result, Err(UnlockError::Api(http_error(401))));
    }

    #[test]
    fn bad_input_is_refused_before_any_request() {
        let empty = UnlockInput::from_form(UnlockMethod::AppSecret, "   ")
            .err()
            .unwrap();
        assert_eq!(empty[0].field, FieldId::AppCredential);
        assert_eq!(empty[0].message, "AppSecret is required.");
        let control = UnlockInput::from_form(UnlockMethod::PastedToken, "a\tb")
            .err()
            .unwrap();
        assert!(control[0]
            .message
            .starts_with("App token contains a control character"));
        let ok = UnlockInput::from_form(UnlockMethod::PastedToken, " tok ");
        assert!(ok == Ok(UnlockInput::PastedToken("tok".into())));
    }
}
