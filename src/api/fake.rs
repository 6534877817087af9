//! One scripted API for the host tests of every flow. Each call takes the
//! next answer queued for its endpoint (a call with nothing queued, or an
//! answer of the wrong type, is a bug in the test and panics) and is
//! recorded with the token it carried, so a test can say which requests
//! were sent, in which order, with which credential.

use std::any::Any;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};

use super::calls::{OutboundCall, PlacedCall, TestEvent};
use super::customer::{CreatedCustomer, Customer, NewCustomer};
use super::ids::{AppId, AppToken, CustomerToken};
use super::service::{CallsApi, CustomerApi, IntegrationsApi, RequestIds, SettingsApi, UsersApi};
use super::settings::{Setting, StoredSettings};
use super::types::{App, CreatedApp, NewApp};
use super::users::{DeviceSwitch, NewUser, User, UserPage, UserUpdate};
use super::ApiError;

/// Every endpoint the traits have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Endpoint {
    CustomerToken,
    AppToken,
    ListApps,
    CreateApp,
    GetApp,
    DeleteApp,
    GetCustomer,
    CreateCustomer,
    DeleteCustomer,
    TestEvent,
    PlaceCall,
    GetSettings,
    SaveSetting,
    UsersPage,
    GetUser,
    CreateUsers,
    UpdateUser,
    DeleteUsers,
    SwitchDevice,
}

/// The credential a call carried: which kind of token, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Carried {
    /// `POST /token`: no token, the secret it was given.
    Secret(String),
    /// No credential at all (`POST /customer`, the inbound-call URL).
    Nothing,
    Customer(String),
    App(String),
}

/// One request a flow sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Call {
    pub(crate) endpoint: Endpoint,
    pub(crate) carried: Carried,
    /// What the request said besides its token, for the tests that care
    /// ("last_value=2", "popup=https://a", "3 users", ...).
    pub(crate) detail: String,
}

/// Answers an endpoint's calls from what each asked (its `detail`), like a
/// server: for flows whose calls may go out in any order.
type Responder = Box<dyn Fn(&str) -> Box<dyn Any>>;

#[derive(Default)]
pub(crate) struct FakeApi {
    answers: RefCell<HashMap<Endpoint, VecDeque<Box<dyn Any>>>>,
    responders: RefCell<HashMap<Endpoint, Responder>>,
    calls: RefCell<Vec<Call>>,
}

impl FakeApi {
    /// Queues the answer of `endpoint`'s next call.
    pub(crate) fn answer<T: 'static>(&self, endpoint: Endpoint, answer: Result<T, ApiError>) {
        self.answers
            .borrow_mut()
            .entry(endpoint)
            .or_default()
            .push_back(Box::new(answer));
    }

    /// Answers `endpoint`'s calls with `respond(detail)` once nothing is
    /// queued for it: a server whose answer depends on what was asked.
    pub(crate) fn respond<T: 'static>(
        &self,
        endpoint: Endpoint,
        respond: impl Fn(&str) -> Result<T, ApiError> + 'static,
    ) {
        let respond: Responder = Box::new(move |detail| Box::new(respond(detail)));
        self.responders.borrow_mut().insert(endpoint, respond);
    }

    /// Every call so far, in order.
    pub(crate) fn calls(&self) -> Vec<Call> {
        self.calls.borrow().clone()
    }

    /// The endpoints called so far, in order.
    pub(crate) fn endpoints(&self) -> Vec<Endpoint> {
        self.calls.borrow().iter().map(|c| c.endpoint).collect()
    }

    fn take<T: 'static>(
        &self,
        endpoint: Endpoint,
        carried: Carried,
        detail: impl Into<String>,
    ) -> Result<T, ApiError> {
        let detail = detail.into();
        let queued = self
            .answers
            .borrow_mut()
            .get_mut(&endpoint)
            .and_then(VecDeque::pop_front);
        let next = queued.or_else(|| {
            let responders = self.responders.borrow();
            responders.get(&endpoint).map(|respond| respond(&detail))
        });
        self.calls.borrow_mut().push(Call {
            endpoint,
            carried,
            detail,
        });
        let next = next.unwrap_or_else(|| panic!("unexpected call: {endpoint:?}"));
        *next
            .downcast::<Result<T, ApiError>>()
            .unwrap_or_else(|_| panic!("{endpoint:?} was queued an answer of another type"))
    }
}

fn customer(token: &CustomerToken) -> Carried {
    Carried::Customer(token.expose().to_string())
}

fn app_scope(token: &AppToken) -> Carried {
    Carried::App(token.expose().to_string())
}

impl IntegrationsApi for FakeApi {
    async fn customer_token(&self, id: &str, secret: &str) -> Result<CustomerToken, ApiError> {
        let carried = Carried::Secret(secret.to_string());
        let text = self.take::<String>(Endpoint::CustomerToken, carried, id)?;
        Ok(CustomerToken::new(text))
    }
    async fn app_token(&self, app_id: &AppId, secret: &str) -> Result<AppToken, ApiError> {
        let carried = Carried::Secret(secret.to_string());
        let text = self.take::<String>(Endpoint::AppToken, carried, app_id.as_str())?;
        Ok(AppToken::new(text))
    }
    async fn list_apps(&self, token: &CustomerToken) -> Result<Vec<App>, ApiError> {
        self.take(Endpoint::ListApps, customer(token), "")
    }
    async fn create_app(
        &self,
        token: &CustomerToken,
        new: &NewApp,
    ) -> Result<CreatedApp, ApiError> {
        self.take(Endpoint::CreateApp, customer(token), new.app_name.clone())
    }
    async fn get_app(&self, token: &AppToken) -> Result<App, ApiError> {
        self.take(Endpoint::GetApp, app_scope(token), "")
    }
    async fn delete_app(&self, token: &AppToken) -> Result<String, ApiError> {
        self.take(Endpoint::DeleteApp, app_scope(token), "")
    }
}

impl CustomerApi for FakeApi {
    async fn get_customer(&self, token: &CustomerToken) -> Result<Customer, ApiError> {
        self.take(Endpoint::GetCustomer, customer(token), "")
    }
    async fn create_customer(&self, new: &NewCustomer) -> Result<CreatedCustomer, ApiError> {
        let detail = serde_json::to_string(new).unwrap_or_default();
        self.take(Endpoint::CreateCustomer, Carried::Nothing, detail)
    }
    async fn delete_customer(&self, token: &CustomerToken) -> Result<String, ApiError> {
        self.take(Endpoint::DeleteCustomer, customer(token), "")
    }
}

impl CallsApi for FakeApi {
    async fn send_test_event(&self, app_id: &AppId, event: &TestEvent) -> Result<String, ApiError> {
        self.take(Endpoint::TestEvent, Carried::Nothing, event.path(app_id))
    }
    async fn place_call(
        &self,
        token: &AppToken,
        call: &OutboundCall,
    ) -> Result<PlacedCall, ApiError> {
        let detail = serde_json::to_string(call).unwrap_or_default();
        self.take(Endpoint::PlaceCall, app_scope(token), detail)
    }
}

impl SettingsApi for FakeApi {
    async fn get_settings(&self, token: &AppToken) -> Result<StoredSettings, ApiError> {
        self.take(Endpoint::GetSettings, app_scope(token), "")
    }
    async fn save_setting(&self, token: &AppToken, setting: &Setting) -> Result<(), ApiError> {
        let detail = format!("{}={}", setting.key, setting.value);
        self.take(Endpoint::SaveSetting, app_scope(token), detail)
    }
}

impl UsersApi for FakeApi {
    async fn list_users_page(
        &self,
        token: &AppToken,
        page_size: usize,
        last_value: &str,
    ) -> Result<UserPage, ApiError> {
        let detail = format!("page_size={page_size}&last_value={last_value}");
        self.take(Endpoint::UsersPage, app_scope(token), detail)
    }
    async fn get_user(&self, token: &AppToken, id: &str) -> Result<Option<User>, ApiError> {
        self.take(Endpoint::GetUser, app_scope(token), id)
    }
    async fn create_users(
        &self,
        token: &AppToken,
        users: &[NewUser],
    ) -> Result<Vec<User>, ApiError> {
        let ids: Vec<&str> = users.iter().map(|u| u.app_user_id.as_str()).collect();
        self.take(Endpoint::CreateUsers, app_scope(token), ids.join(","))
    }
    async fn update_user(&self, token: &AppToken, update: &UserUpdate) -> Result<User, ApiError> {
        let detail = serde_json::to_string(update).unwrap_or_default();
        self.take(Endpoint::UpdateUser, app_scope(token), detail)
    }
    async fn delete_all_users(&self, token: &AppToken) -> Result<String, ApiError> {
        self.take(Endpoint::DeleteUsers, app_scope(token), "")
    }
    async fn switch_device(
        &self,
        token: &AppToken,
        switch: &DeviceSwitch,
    ) -> Result<User, ApiError> {
        let detail = serde_json::to_string(switch).unwrap_or_default();
        self.take(Endpoint::SwitchDevice, app_scope(token), detail)
    }
}

/// The n-th call's answer had RequestId `fake-req-<n>` (1-based), whatever
/// it said: a test knows which call a recorded RequestId came from.
impl RequestIds for FakeApi {
    fn last_request_id(&self) -> Option<String> {
        let n = self.calls.borrow().len();
        (n > 0).then(|| format!("fake-req-{n}"))
    }
}

/// An app as the list or `GET /app` returns it; only the id matters.
pub(crate) fn app(app_id: &str) -> App {
    App {
        app_id: AppId::new(app_id),
        app_name: format!("App {app_id}"),
        ..App::default()
    }
}

/// An API answer with this HTTP status.
pub(crate) fn http_error(status: u16) -> ApiError {
    http_error_saying(status, &format!("status {status}"))
}

/// An API answer with this HTTP status and message.
pub(crate) fn http_error_saying(status: u16, message: &str) -> ApiError {
    ApiError::Http {
        status,
        request_id: Some(format!("req-{status}")),
        message: message.into(),
    }
}

/// The app token the flows' tests send, as the fake records it.
pub(crate) fn app_token() -> AppToken {
    AppToken::new("app-t")
}

/// A call as the fake records it, carrying [`app_token`].
pub(crate) fn with_app_token(endpoint: Endpoint, detail: &str) -> Call {
    Call {
        endpoint,
        carried: Carried::App("app-t".into()),
        detail: detail.into(),
    }
}

/// A user known only by its AppUserId.
pub(crate) fn user(app_user_id: &str) -> User {
    User {
        app_user_id: app_user_id.into(),
        ..User::default()
    }
}
