//! Deleting an app and proving it: DELETE with the app token, then list the
//! customer's apps again, because the API's answer alone is not proof.

use crate::api::{ApiError, App, IntegrationsApi};

/// The app is gone: the customer's apps as listed after the delete.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DeleteDone {
    pub(crate) remaining_apps: Vec<App>,
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
    api: &impl IntegrationsApi,
    app_token: Option<&str>,
    customer_token: &str,
    app_id: &str,
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
            });
        }
    }
    let app_token = app_token.ok_or(DeleteError::NoAppToken)?;
    api.delete_app(app_token).await.map_err(DeleteError::Api)?;
    let listed = api
        .list_apps(customer_token)
        .await
        .map_err(DeleteError::Unconfirmed)?;
    if is_listed(&listed, app_id) {
        return Err(DeleteError::StillListed);
    }
    Ok(DeleteDone {
        remaining_apps: listed,
    })
}

fn is_listed(apps: &[App], app_id: &str) -> bool {
    apps.iter().any(|a| a.app_id == app_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::service::run_ready;
    use crate::features::app_detail::fake_api::{app, http_error, Call, FakeApi};

    const APP_TOKEN: &str = "app-token";
    const CUSTOMER_TOKEN: &str = "customer-token";

    fn delete(api: &FakeApi, check_first: bool) -> Result<DeleteDone, DeleteError> {
        run_ready(delete_and_confirm(
            api,
            Some(APP_TOKEN),
            CUSTOMER_TOKEN,
            "doomed",
            check_first,
        ))
    }

    fn list() -> Call {
        Call::ListApps {
            customer_token: CUSTOMER_TOKEN.into(),
        }
    }

    fn delete_call() -> Call {
        Call::DeleteApp {
            app_token: APP_TOKEN.into(),
        }
    }

    #[test]
    fn deletes_with_the_app_token_and_confirms_by_listing() {
        let api = FakeApi::default();
        api.deletes.borrow_mut().push_back(Ok("Deleted".into()));
        api.lists.borrow_mut().push_back(Ok(vec![app("other")]));
        let done = delete(&api, false).unwrap();
        assert_eq!(done.remaining_apps, vec![app("other")]);
        assert_eq!(api.calls(), vec![delete_call(), list()]);
    }

    #[test]
    fn retry_after_unknown_outcome_finds_the_app_gone_without_deleting_again() {
        let api = FakeApi::default();
        api.lists.borrow_mut().push_back(Ok(vec![app("other")]));
        let done = delete(&api, true).unwrap();
        assert_eq!(done.remaining_apps, vec![app("other")]);
        assert_eq!(api.calls(), vec![list()]);
    }

    #[test]
    fn retry_after_unknown_outcome_deletes_again_when_still_listed() {
        let api = FakeApi::default();
        api.lists.borrow_mut().push_back(Ok(vec![app("doomed")]));
        api.deletes.borrow_mut().push_back(Ok("Deleted".into()));
        api.lists.borrow_mut().push_back(Ok(vec![]));
        let done = delete(&api, true).unwrap();
        assert!(done.remaining_apps.is_empty());
        assert_eq!(api.calls(), vec![list(), delete_call(), list()]);
    }

    #[test]
    fn a_refused_delete_is_passed_through_unconfirmed_by_no_list() {
        let api = FakeApi::default();
        api.deletes.borrow_mut().push_back(Err(http_error(400)));
        assert_eq!(delete(&api, false), Err(DeleteError::Api(http_error(400))));
        assert_eq!(api.calls(), vec![delete_call()]);
    }

    #[test]
    fn a_401_on_delete_is_the_app_token_refused() {
        let api = FakeApi::default();
        api.deletes.borrow_mut().push_back(Err(http_error(401)));
        let error = delete(&api, false).unwrap_err();
        assert!(matches!(error, DeleteError::Api(e) if e.is_unauthorized()));
    }

    #[test]
    fn a_401_on_the_confirming_list_leaves_the_delete_unconfirmed() {
        let api = FakeApi::default();
        api.deletes.borrow_mut().push_back(Ok("Deleted".into()));
        api.lists.borrow_mut().push_back(Err(http_error(401)));
        let error = delete(&api, false).unwrap_err();
        assert!(matches!(error, DeleteError::Unconfirmed(e) if e.is_unauthorized()));
    }

    #[test]
    fn an_app_still_listed_after_a_successful_delete_is_not_deleted() {
        let api = FakeApi::default();
        api.deletes.borrow_mut().push_back(Ok("Deleted".into()));
        api.lists.borrow_mut().push_back(Ok(vec![app("doomed")]));
        assert_eq!(delete(&api, false), Err(DeleteError::StillListed));
    }

    #[test]
    fn without_an_app_token_nothing_is_sent() {
        let api = FakeApi::default();
        let result = run_ready(delete_and_confirm(
            &api,
            None,
            CUSTOMER_TOKEN,
            "doomed",
            false,
        ));
        assert_eq!(result, Err(DeleteError::NoAppToken));
        assert!(
            api.calls().is_empty(),
            "never the customer token for DELETE"
        );
    }
}
