//! Deleting an app and proving it: DELETE with the app token, then list the
//! customer's apps again, because the API's answer alone is not proof.

use crate::api::{ApiError, App, AppId, AppToken, CustomerToken, IntegrationsApi, RequestIds};

/// The app is gone: the customer's apps as listed after the delete.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DeleteDone {
    pub(crate) remaining_apps: Vec<App>,
    /// The `DELETE`'s RequestId (none when the app was already gone).
    pub(crate) request_id: Option<String>,
}

/// Why a delete failed or could not be confirmed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum DeleteError {
    /// DELETE itself (or the list before a retry) failed.
    Api(ApiError),
    /// DELETE answered success but listing again failed, so it is unproven.
    Unconfirmed(ApiError),
    /// DELETE answered success yet the app is still listed.
    StillListed,
    /// The app token vanished before the request (another tab signed out).
    NoAppToken,
}

/// Deletes `app_id` with its app token and lists again to confirm. With
/// `check_first` (a retry after an unknown outcome) it lists first, and an
/// app that is already gone counts as deleted without a second DELETE.
///
/// The customer token only lists: the live API answers "Deleted
/// Successfully" to a DELETE with it and deletes nothing.
pub(crate) async fn delete_and_confirm(
    api: &(impl IntegrationsApi + RequestIds),
    app_token: Option<&AppToken>,
    customer_token: &CustomerToken,
    app_id: &AppId,
    check_first: bool,
) -> Result<DeleteDone, DeleteError> {
    if check_first {
        let listed = api
            .list_apps(customer_token)
            .await
            .map_err(DeleteError::Api)?;
        if !is_listed(&listed, app_id) {
            return Ok(DeleteDone {
                remaining_apps: listed,
                request_id: None,
            });
        }
    }
    let app_token = app_token.ok_or(DeleteError::NoAppToken)?;
    api.delete_app(app_token).await.map_err(DeleteError::Api)?;
    let request_id = api.last_request_id();
    let listed = api
        .list_apps(customer_token)
        .await
        .map_err(DeleteError::Unconfirmed)?;
    if is_listed(&listed, app_id) {
        return Err(DeleteError::StillListed);
    }
    Ok(DeleteDone {
        remaining_apps: listed,
        request_id,
    })
}

fn is_listed(apps: &[App], app_id: &AppId) -> bool {
    apps.iter().any(|a| a.app_id == *app_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{app, http_error, Call, Carried, Endpoint, FakeApi};
    use crate::api::service::run_ready;

    const APP_TOKEN: &str = "app-token";
    const CUSTOMER_TOKEN: &str = "customer-token";

    fn delete(api: &FakeApi, check_first: bool) -> Result<DeleteDone, DeleteError> {
        let app_token = AppToken::new(APP_TOKEN);
        let customer_token = CustomerToken::new(CUSTOMER_TOKEN);
        let doomed = AppId::new("doomed");
        run_ready(delete_and_confirm(
            api,
            Some(&app_token),
            &customer_token,
            &doomed,
            check_first,
        ))
    }

    /// Listing is a customer-token call.
    fn list() -> Call {
        Call {
            endpoint: Endpoint::ListApps,
            carried: Carried::Customer(CUSTOMER_TOKEN.into()),
            detail: String::new(),
        }
    }

    /// Deleting is an app-token call: never the customer's.
    fn delete_call() -> Call {
        Call {
            endpoint: Endpoint::DeleteApp,
            carried: Carried::App(APP_TOKEN.into()),
            detail: String::new(),
        }
    }

    #[test]
    fn deletes_with_the_app_token_and_confirms_by_listing() {
        let api = FakeApi::default();
        api.answer::<String>(Endpoint::DeleteApp, Ok("Deleted".into()));
        api.answer::<Vec<App>>(Endpoint::ListApps, Ok(vec![app("other")]));
        let done = delete(&api, false).unwrap();
        assert_eq!(done.remaining_apps, vec![app("other")]);
        assert_eq!(api.calls(), vec![delete_call(), list()]);
    }

    #[test]
    fn retry_after_unknown_outcome_finds_the_app_gone_without_deleting_again() {
        let api = FakeApi::default();
        api.answer::<Vec<App>>(Endpoint::ListApps, Ok(vec![app("other")]));
        let done = delete(&api, true).unwrap();
        assert_eq!(done.remaining_apps, vec![app("other")]);
        assert_eq!(api.calls(), vec![list()]);
    }

    #[test]
    fn retry_after_unknown_outcome_deletes_again_when_still_listed() {
        let api = FakeApi::default();
        api.answer::<Vec<App>>(Endpoint::ListApps, Ok(vec![app("doomed")]));
        api.answer::<String>(Endpoint::DeleteApp, Ok("Deleted".into()));
        api.answer::<Vec<App>>(Endpoint::ListApps, Ok(vec![]));
        let done = delete(&api, true).unwrap();
        assert!(done.remaining_apps.is_empty());
        assert_eq!(api.calls(), vec![list(), delete_call(), list()]);
    }

    #[test]
    fn a_refused_delete_is_passed_through_unconfirmed_by_no_list() {
        let api = FakeApi::default();
        api.answer::<String>(Endpoint::DeleteApp, Err(http_error(400)));
        assert_eq!(delete(&api, false), Err(DeleteError::Api(http_error(400))));
        assert_eq!(api.calls(), vec![delete_call()]);
    }

    #[test]
    fn a_401_on_delete_is_the_app_token_refused() {
        let api = FakeApi::default();
        api.answer::<String>(Endpoint::DeleteApp, Err(http_error(401)));
        let error = delete(&api, false).unwrap_err();
        assert!(matches!(error, DeleteError::Api(e) if e.is_unauthorized()));
    }

    #[test]
    fn a_401_on_the_confirming_list_leaves_the_delete_unconfirmed() {
        let api = FakeApi::default();
        api.answer::<String>(Endpoint::DeleteApp, Ok("Deleted".into()));
        api.answer::<Vec<App>>(Endpoint::ListApps, Err(http_error(401)));
        let error = delete(&api, false).unwrap_err();
        assert!(matches!(error, DeleteError::Unconfirmed(e) if e.is_unauthorized()));
    }

    #[test]
    fn an_app_still_listed_after_a_successful_delete_is_not_deleted() {
        let api = FakeApi::default();
        api.answer::<String>(Endpoint::DeleteApp, Ok("Deleted".into()));
        api.answer::<Vec<App>>(Endpoint::ListApps, Ok(vec![app("doomed")]));
        assert_eq!(delete(&api, false), Err(DeleteError::StillListed));
    }

    #[test]
    fn without_an_app_token_nothing_is_sent() {
        let api = FakeApi::default();
        let customer_token = CustomerToken::new(CUSTOMER_TOKEN);
        let doomed = AppId::new("doomed");
        let result = run_ready(delete_and_confirm(
            &api,
            None,
            &customer_token,
            &doomed,
            false,
        ));
        assert_eq!(result, Err(DeleteError::NoAppToken));
        assert!(
            api.calls().is_empty(),
            "never the customer token for DELETE"
        );
    }
}
