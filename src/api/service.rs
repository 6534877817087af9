//! The calls the console's flows make, as traits: the [`super::Client`]
//! implements them for the browser (each endpoint written once, in the
//! module of its shapes), and host tests implement them with fakes that
//! record which token each call carried, so every flow is tested without a
//! browser. Each call takes the token type its endpoint needs: a customer
//! token where an app token belongs does not compile.

use super::calls::{OutboundCall, PlacedCall, TestEvent};
use super::customer::{CreatedCustomer, Customer, NewCustomer};
use super::error::ApiError;
use super::ids::{AppId, AppToken, CustomerToken};
use super::settings::{Setting, StoredSettings};
use super::types::{App, CreatedApp, NewApp};
use super::users::{DeviceSwitch, NewUser, User, UserPage, UserUpdate};

/// Tokens and applications: what the console does with a customer token,
/// and with one app's token.
pub(crate) trait IntegrationsApi {
    /// `POST /token` with Entity "customer".
    async fn customer_token(
        &self,
        customer_id: &str,
        secret: &str,
    ) -> Result<CustomerToken, ApiError>;
    /// `POST /token` with Entity "app".
    async fn app_token(&self, app_id: &AppId, app_secret: &str) -> Result<AppToken, ApiError>;
    /// `GET /app?entity=customer`.
    async fn list_apps(&self, token: &CustomerToken) -> Result<Vec<App>, ApiError>;
    /// `POST /app`; the answer holds the one-time secret.
    async fn create_app(&self, token: &CustomerToken, app: &NewApp)
        -> Result<CreatedApp, ApiError>;
    /// `GET /app?entity=app`: the app the token was issued for.
    async fn get_app(&self, token: &AppToken) -> Result<App, ApiError>;
    /// `DELETE /app`: deletes the app the token was issued for; the
    /// server's text.
    async fn delete_app(&self, token: &AppToken) -> Result<String, ApiError>;
}

/// The customer (`/customer`).
pub(crate) trait CustomerApi {
    /// `GET /customer`; its secret is dropped while decoding.
    async fn get_customer(&self, token: &CustomerToken) -> Result<Customer, ApiError>;
    /// `POST /customer`, no token (there is none yet); the answer holds the
    /// one-time secret.
    async fn create_customer(&self, new: &NewCustomer) -> Result<CreatedCustomer, ApiError>;
    /// `DELETE /customer`: the customer with every app, user mapping and
    /// setting under it; the server's text.
    async fn delete_customer(&self, token: &CustomerToken) -> Result<String, ApiError>;
}

/// Calls (`/call/...`).
pub(crate) trait CallsApi {
    /// `GET /call/inbound_call/<AppID>`, as an Exotel call flow calls it (no
    /// token); the server's text.
    async fn send_test_event(&self, app_id: &AppId, event: &TestEvent) -> Result<String, ApiError>;
    /// `POST /call/outbound_call` (app token): a real call from a mapped user.
    async fn place_call(
        &self,
        token: &AppToken,
        call: &OutboundCall,
    ) -> Result<PlacedCall, ApiError>;
}

/// App settings (`/app_setting`, app token).
pub(crate) trait SettingsApi {
    /// `GET /app_setting`; an API 404 is [`StoredSettings::NoneYet`].
    async fn get_settings(&self, token: &AppToken) -> Result<StoredSettings, ApiError>;
    /// `POST /app_setting`: creates or replaces one key.
    async fn save_setting(&self, token: &AppToken, setting: &Setting) -> Result<(), ApiError>;
}

/// User mappings (`/usermapping`) and device switches (`/device`), app token.
pub(crate) trait UsersApi {
    /// `GET /usermapping?page_size=&last_value=`: one page.
    async fn list_users_page(
        &self,
        token: &AppToken,
        page_size: usize,
        last_value: &str,
    ) -> Result<UserPage, ApiError>;
    /// `GET /usermapping?user_id=`; `None`: no such user (API 404).
    async fn get_user(&self, token: &AppToken, app_user_id: &str)
        -> Result<Option<User>, ApiError>;
    /// `POST /usermapping` with an array; the created users.
    async fn create_users(
        &self,
        token: &AppToken,
        users: &[NewUser],
    ) -> Result<Vec<User>, ApiError>;
    /// `PUT /usermapping` with one object; the user as stored.
    async fn update_user(&self, token: &AppToken, update: &UserUpdate) -> Result<User, ApiError>;
    /// `DELETE /usermapping`: every user of the app; the server's text.
    async fn delete_all_users(&self, token: &AppToken) -> Result<String, ApiError>;
    /// `PUT /device`; the user as stored.
    async fn switch_device(
        &self,
        token: &AppToken,
        switch: &DeviceSwitch,
    ) -> Result<User, ApiError>;
}

/// The RequestId of the last answer a call got, success or not: what the
/// change record keeps of a write whose flow returns only data. A flow
/// asks right after the call it records.
pub(crate) trait RequestIds {
    fn last_request_id(&self) -> Option<String>;
}

/// Runs a future whose every await is already ready (a fake API's), for
/// host tests of the flows: no executor, no timers.
#[cfg(test)]
pub(crate) fn run_ready<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("a fake API call was not ready"),
    }
}
