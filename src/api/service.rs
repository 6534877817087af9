//! The calls the console's flows make, as a trait: the gloo-net [`Client`]
//! implements it for the browser, and host tests implement it with a fake,
//! so every flow (sign in, create once, delete and confirm, unlock) is
//! tested without a browser.

use super::client::Client;
use super::error::ApiError;
use super::types::{App, CreatedApp, NewApp, TokenRequest};

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

impl IntegrationsApi for Client {
    async fn issue_token(&self, req: &TokenRequest) -> Result<String, ApiError> {
        Client::issue_token(self, req).await
    }
    async fn list_apps(&self, customer_token: &str) -> Result<Vec<App>, ApiError> {
        Client::list_apps(self, customer_token).await
    }
    async fn create_app(&self, customer_token: &str, app: &NewApp) -> Result<CreatedApp, ApiError> {
        Client::create_app(self, customer_token, app).await
    }
    async fn get_app(&self, app_token: &str) -> Result<App, ApiError> {
        Client::get_app(self, app_token).await
    }
    async fn delete_app(&self, app_token: &str) -> Result<String, ApiError> {
        Client::delete_app(self, app_token).await
    }
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
