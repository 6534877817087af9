//! Creating an app exactly once. A create whose outcome is unknown (timeout,
//! network, 5xx, unreadable answer; see `ApiError::outcome_unknown`) may
//! still have created the app, so the next attempt lists the apps first and,
//! if a matching app appeared, reports it instead of creating a duplicate.

use std::collections::BTreeSet;

use crate::api::{
    ApiError, App, AppId, AppToken, CreatedApp, CustomerToken, IntegrationsApi, NewApp, RequestIds,
};

/// The AppIDs that existed before an attempt whose outcome is unknown: an
/// app missing from it was created since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Baseline(BTreeSet<AppId>);

impl Baseline {
    /// The apps of a list taken before the attempt.
    pub(crate) fn of(apps: &[App]) -> Self {
        Self(apps.iter().map(|a| a.app_id.clone()).collect())
    }

    /// What to remember after a failed attempt. The first baseline is kept:
    /// a later retry must still recognise an app the first attempt created.
    pub(crate) fn after_failure(
        kept: Option<Self>,
        error: &ApiError,
        known_apps: &[App],
    ) -> Option<Self> {
        kept.or_else(|| error.outcome_unknown().then(|| Self::of(known_apps)))
    }

    fn is_new(&self, app: &App) -> bool {
        !self.0.contains(&app.app_id)
    }
}

/// One submission: what to send, and the baseline to look for an app
/// created by an earlier attempt whose outcome is unknown (`None`: create
/// straight away).
#[derive(Clone)]
pub(crate) struct Attempt {
    pub(crate) app: NewApp,
    pub(crate) baseline: Option<Baseline>,
}

/// How an attempt ended, when the API answered.
#[derive(Clone, Debug)]
pub(crate) enum CreateOutcome {
    /// Created: the app with its one-time secret, and its app token or why
    /// there is none (the app exists either way).
    Created {
        app: CreatedApp,
        app_token: Result<AppToken, ApiError>,
        /// The `POST /app`'s, for the change record.
        request_id: Option<String>,
    },
    /// A retry found the app an earlier attempt created.
    AlreadyThere(App),
}

/// Creates the attempt's app unless an earlier attempt did, then obtains
/// its app token, so detail and delete work without asking for the secret.
pub(crate) async fn create_once(
    api: &(impl IntegrationsApi + RequestIds),
    customer_token: &CustomerToken,
    attempt: &Attempt,
) -> Result<CreateOutcome, ApiError> {
    if let Some(baseline) = &attempt.baseline {
        let listed = api.list_apps(customer_token).await?;
        if let Some(found) = listed
            .into_iter()
            .find(|a| same_app(a, &attempt.app) && baseline.is_new(a))
        {
            return Ok(CreateOutcome::AlreadyThere(found));
        }
    }
    let app = api.create_app(customer_token, &attempt.app).await?;
    let request_id = api.last_request_id();
    let app_token = api.app_token(&app.app.app_id, &app.app_secret).await;
    Ok(CreateOutcome::Created {
        app,
        app_token,
        request_id,
    })
}

/// A listed app is the one sent when its name and account match (the list
/// holds neither the key nor the token).
fn same_app(listed: &App, sent: &NewApp) -> bool {
    listed.app_name == sent.app_name && listed.exotel_account_sid == sent.exotel_account_sid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{Call, Carried, Endpoint, FakeApi};
    use crate::api::service::run_ready;
    use crate::api::Domain;

    const CUSTOMER_TOKEN: &str = "customer-token";

    fn new_app() -> NewApp {
        NewApp {
            app_name: "WebRTC".into(),
            exotel_account_sid: "acme".into(),
            exotel_api_key: "key".into(),
            exotel_api_token: "tok".into(),
            exotel_domain: Domain::Singapore,
            is_active: true,
        }
    }

    fn listed(app_id: &str, app_name: &str) -> App {
        App {
            app_id: app_id.into(),
            app_name: app_name.into(),
            exotel_account_sid: "acme".into(),
            ..App::default()
        }
    }

    fn created(app_id: &str) -> CreatedApp {
        CreatedApp {
            app: listed(app_id, "WebRTC"),
            app_secret: "s3cret".into(),
            ..CreatedApp::default()
        }
    }

    fn timeout() -> ApiError {
        ApiError::Timeout { after_ms: 15_000 }
    }

    fn http(status: u16) -> ApiError {
        ApiError::Http {
            status,
            request_id: None,
            message: "no".into(),
        }
    }

    fn first_attempt() -> Attempt {
        Attempt {
            app: new_app(),
            baseline: None,
        }
    }

    fn create(api: &FakeApi, attempt: &Attempt) -> Result<CreateOutcome, ApiError> {
        run_ready(create_once(
            api,
            &CustomerToken::new(CUSTOMER_TOKEN),
            attempt,
        ))
    }

    /// A first attempt that timed out, and the retry it leads to (the last
    /// list, taken before it, held only `old`).
    fn retry_after_timeout(api: &FakeApi) -> Attempt {
        api.answer::<CreatedApp>(Endpoint::CreateApp, Err(timeout()));
        let error = create(api, &first_attempt()).unwrap_err();
        let known = [listed("old", "Old")];
        Attempt {
            baseline: Baseline::after_failure(None, &error, &known),
            ..first_attempt()
        }
    }

    /// The app token asked for with the new app's own secret.
    fn token_call(app_id: &str) -> Call {
        Call {
            endpoint: Endpoint::AppToken,
            carried: Carried::Secret("s3cret".into()),
            detail: app_id.into(),
        }
    }

    fn create_call() -> Call {
        Call {
            endpoint: Endpoint::CreateApp,
            carried: Carried::Customer(CUSTOMER_TOKEN.into()),
            detail: "WebRTC".into(),
        }
    }

    fn list_call() -> Call {
        Call {
            endpoint: Endpoint::ListApps,
            carried: Carried::Customer(CUSTOMER_TOKEN.into()),
            detail: String::new(),
        }
    }

    #[test]
    fn creates_then_gets_the_app_token() {
        let api = FakeApi::default();
        api.answer(Endpoint::CreateApp, Ok(created("new-1")));
        api.answer(Endpoint::AppToken, Ok("app-token".to_string()));
        let outcome = create(&api, &first_attempt()).unwrap();
        assert!(matches!(
            outcome,
            CreateOutcome::Created { app, app_token: Ok(token), .. }
                if app.app.app_id == "new-1" && token.expose() == "app-token"
        ));
        assert_eq!(api.calls(), [create_call(), token_call("new-1")]);
    }

    #[test]
    fn unknown_outcome_then_found_lists_and_does_not_post_again() {
        let api = FakeApi::default();
        let retry = retry_after_timeout(&api);
        assert!(retry.baseline.is_some());
        // The timed-out create went through: the list now holds it.
        let now = vec![listed("old", "Old"), listed("new-1", "WebRTC")];
        api.answer(Endpoint::ListApps, Ok(now));
        let outcome = create(&api, &retry).unwrap();
        assert!(matches!(outcome, CreateOutcome::AlreadyThere(app) if app.app_id == "new-1"));
        assert_eq!(api.calls(), [create_call(), list_call()]);
    }

    #[test]
    fn unknown_outcome_then_absent_lists_then_creates() {
        let api = FakeApi::default();
        let retry = retry_after_timeout(&api);
        // A same-named app that existed before does not count.
        api.answer(Endpoint::ListApps, Ok(vec![listed("old", "WebRTC")]));
        api.answer(Endpoint::CreateApp, Ok(created("new-2")));
        api.answer(Endpoint::AppToken, Ok("app-token".to_string()));
        let outcome = create(&api, &retry).unwrap();
        assert!(matches!(outcome, CreateOutcome::Created { app, .. } if app.app.app_id == "new-2"));
        assert_eq!(
            api.calls(),
            [
                create_call(),
                list_call(),
                create_call(),
                token_call("new-2")
            ]
        );
    }

    #[test]
    fn refusal_is_passed_through_and_needs_no_check_next_time() {
        let api = FakeApi::default();
        api.answer::<CreatedApp>(Endpoint::CreateApp, Err(http(400)));
        let error = create(&api, &first_attempt()).unwrap_err();
        assert_eq!(error, http(400));
        assert_eq!(Baseline::after_failure(None, &error, &[]), None);
        assert_eq!(api.calls(), [create_call()]);
    }

    #[test]
    fn unauthorized_is_passed_through_and_nothing_else_is_called() {
        let api = FakeApi::default();
        api.answer::<Vec<App>>(Endpoint::ListApps, Err(http(401)));
        let retry = Attempt {
            baseline: Some(Baseline::of(&[])),
            ..first_attempt()
        };
        let error = create(&api, &retry).unwrap_err();
        assert!(error.is_unauthorized());
        assert_eq!(api.calls(), [list_call()]);

        let api = FakeApi::default();
        api.answer::<CreatedApp>(Endpoint::CreateApp, Err(http(401)));
        let error = create(&api, &first_attempt()).unwrap_err();
        assert!(error.is_unauthorized());
        assert_eq!(api.calls(), [create_call()]);
    }

    #[test]
    fn token_failure_after_a_create_still_reports_the_app() {
        let api = FakeApi::default();
        api.answer(Endpoint::CreateApp, Ok(created("new-1")));
        api.answer::<String>(Endpoint::AppToken, Err(timeout()));
        let outcome = create(&api, &first_attempt()).unwrap();
        assert!(matches!(
            outcome,
            CreateOutcome::Created { app, app_token: Err(e), .. }
                if app.app.app_id == "new-1" && e == timeout()
        ));
        assert_eq!(api.calls(), [create_call(), token_call("new-1")]);
    }

    #[test]
    fn the_first_baseline_is_kept_across_failures() {
        let first = Baseline::after_failure(None, &timeout(), &[listed("a", "A")]);
        let again = Baseline::after_failure(first.clone(), &timeout(), &[listed("b", "B")]);
        assert_eq!(again, first);
        assert_eq!(
            Baseline::after_failure(first.clone(), &http(400), &[]),
            first
        );
    }
}
