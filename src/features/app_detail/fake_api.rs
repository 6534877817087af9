//! A scripted [`IntegrationsApi`] for host tests of the flows: each call
//! takes the next answer queued for its endpoint and is recorded, so a test
//! can say which requests were sent, with which token.

use std::cell::RefCell;
use std::collections::VecDeque;

use crate::api::{ApiError, App, CreatedApp, IntegrationsApi, NewApp, TokenRequest};

/// One request the flow sent, with the credential it used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Call {
    IssueToken { app_id: String, secret: String },
    ListApps { customer_token: String },
    CreateApp { customer_token: String },
    GetApp { app_token: String },
    DeleteApp { app_token: String },
}

/// Answers queued per endpoint; a call with nothing queued is a test bug.
#[derive(Default)]
pub(crate) struct FakeApi {
    pub(crate) tokens: RefCell<VecDeque<Result<String, ApiError>>>,
    pub(crate) lists: RefCell<VecDeque<Result<Vec<App>, ApiError>>>,
    pub(crate) apps: RefCell<VecDeque<Result<App, ApiError>>>,
    pub(crate) deletes: RefCell<VecDeque<Result<String, ApiError>>>,
    pub(crate) calls: RefCell<Vec<Call>>,
}

fn next<T>(queue: &RefCell<VecDeque<T>>, endpoint: &str) -> T {
    queue
        .borrow_mut()
        .pop_front()
        .unwrap_or_else(|| panic!("unexpected call: {endpoint}"))
}

impl FakeApi {
    pub(crate) fn calls(&self) -> Vec<Call> {
        self.calls.borrow().clone()
    }

    fn record(&self, call: Call) {
        self.calls.borrow_mut().push(call);
    }
}

/// An app as the list or GET /app returns it; only the id matters here.
pub(crate) fn app(app_id: &str) -> App {
    App {
        app_id: app_id.to_string(),
        app_name: format!("App {app_id}"),
        ..App::default()
    }
}

/// An API answer with this HTTP status.
pub(crate) fn http_error(status: u16) -> ApiError {
    ApiError::Http {
        status,
        request_id: None,
        message: format!("status {status}"),
    }
}

impl IntegrationsApi for FakeApi {
    async fn issue_token(&self, req: &TokenRequest) -> Result<String, ApiError> {
        self.record(Call::IssueToken {
            app_id: req.id.clone(),
            secret: req.secret.clone(),
        });
        next(&self.tokens, "POST /token")
    }
    async fn list_apps(&self, customer_token: &str) -> Result<Vec<App>, ApiError> {
        self.record(Call::ListApps {
            customer_token: customer_token.to_string(),
        });
        next(&self.lists, "GET /app?entity=customer")
    }
    async fn create_app(
        &self,
        customer_token: &str,
        _app: &NewApp,
    ) -> Result<CreatedApp, ApiError> {
        self.record(Call::CreateApp {
            customer_token: customer_token.to_string(),
        });
        panic!("unexpected call: POST /app")
    }
    async fn get_app(&self, app_token: &str) -> Result<App, ApiError> {
        self.record(Call::GetApp {
            app_token: app_token.to_string(),
        });
        next(&self.apps, "GET /app?entity=app")
    }
    async fn delete_app(&self, app_token: &str) -> Result<String, ApiError> {
        self.record(Call::DeleteApp {
            app_token: app_token.to_string(),
        });
        next(&self.deletes, "DELETE /app")
    }
}
