//! The calls the console's flows make, as a trait: the gloo-net
//! [`super::Client`] implements it for the browser (in
//! [`super::endpoints`]), and host tests implement it with a fake, so every
//! flow (sign in, create once, delete and confirm, unlock) is tested
//! without a browser.

use super::error::ApiError;
use super::settings::{Setting, StoredSettings};
use super::types::{App, CreatedApp, NewApp, TokenRequest};
use super::users::{DeviceSwitch, NewUser, User, UserPage, UserUpdate};

/// Exotel's integrations API, as far as the console uses it.
pub(crate) trait IntegrationsApi {
    /// `POST /token`: a customer or app token.
    async fn issue_token(&self, req: &TokenRequest) -> Result<String, ApiError>;
    /// `GET /app?entity=customer` (customer token).
    async fn list_apps(&self, customer_token: &str) -> Result<Vec<App>, ApiError>;
    /// `POST /app` (customer token); the answer holds the one-time secret.
    async fn create_app(&self, customer_token: &str, app: &NewApp) -> Result<CreatedApp, ApiError>;
    /// `GET /app?entity=app` (app token).
    async fn get_app(&self, app_token: &str) -> Result<App, ApiError>;
    /// `DELETE /app` (app token); the server's text.
    async fn delete_app(&self, app_token: &str) -> Result<String, ApiError>;
}

/// App settings (`/app_setting`, app token) and the customer record.
pub(crate) trait SettingsApi {
    /// `GET /app_setting`; an API 404 is [`StoredSettings::NoneYet`].
    async fn get_settings(&self, app_token: &str) -> Result<StoredSettings, ApiError>;
    /// `POST /app_setting`: creates or replaces one key.
    async fn save_setting(&self, app_token: &str, setting: &Setting) -> Result<(), ApiError>;
}

/// User mappings (`/usermapping`) and device switches (`/device`), app token.
pub(crate) trait UsersApi {
    /// `GET /usermapping?page_size=&last_value=`: one page.
    async fn list_users_page(
        &self,
        app_token: &str,
        page_size: usize,
        last_value: &str,
    ) -> Result<UserPage, ApiError>;
    /// `GET /usermapping?user_id=`; `None`: no such user (API 404).
    async fn get_user(&self, app_token: &str, app_user_id: &str) -> Result<Option<User>, ApiError>;
    /// `POST /usermapping` with an array; the created users.
    async fn create_users(&self, app_token: &str, users: &[NewUser])
        -> Result<Vec<User>, ApiError>;
    /// `PUT /usermapping` with one object; the user as stored.
    async fn update_user(&self, app_token: &str, update: &UserUpdate) -> Result<User, ApiError>;
    /// `DELETE /usermapping`: every user of the app; the server's text.
    async fn delete_all_users(&self, app_token: &str) -> Result<String, ApiError>;
    /// `PUT /device`; the user as stored.
    async fn switch_device(&self, app_token: &str, switch: &DeviceSwitch)
        -> Result<User, ApiError>;
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
