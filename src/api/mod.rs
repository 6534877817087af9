//! Typed client for Exotel's integrations API (`/v2/integrations`).
//!
//! - [`types`]: the request and response shapes, decoded tolerantly;
//! - [`envelope`]: pure decoding of `{RequestId, Status, Code, Error, Data}`
//!   answers (and of everything that is not one) into data or [`ApiError`];
//! - [`error`]: the error type, its title and what it means (sign in again,
//!   retry, outcome unknown);
//! - [`describe`]: the admin-facing sentence for each error;
//! - [`transport`]: the one HTTP request (headers, JSON body, timeout and
//!   cancellation) and its raw [`transport::Answer`];
//! - [`endpoints`]: the [`Client`], one method per endpoint, each call
//!   reported to the request log;
//! - [`early`]: reads sent as navigation starts, taken by the call that
//!   asks for them;
//! - [`ids`]: customer token, app token and AppID as distinct types;
//! - [`token`]: tokens as pasted, made sendable, and the token answer;
//! - [`service`]: the [`IntegrationsApi`] trait the flows are written
//!   against (the `Client` in the browser, fakes in host tests);
//! - [`settings`]: app settings;
//! - [`customer`]: the customer, created (its secret shown once) or read
//!   (its secret dropped while decoding);
//! - [`calls`]: the inbound-call URL of a call flow, an outbound call, and
//!   Exotel's nested errors;
//! - [`jwt`]: the optional `exp` claim of a token;
//! - [`call_log`]: what the request log records, redacted, and copy-as-curl;
//! - [`csp`]: calls the page's own Content-Security-Policy blocks.
//!
//! Everything but the actual fetch in [`transport`] is pure and unit-tested
//! on the host.

pub(crate) mod call_log;
pub(crate) mod calls;
pub(crate) mod csp;
pub(crate) mod customer;
pub(crate) mod describe;
pub(crate) mod early;
pub(crate) mod endpoints;
pub(crate) mod envelope;
pub(crate) mod error;
#[cfg(test)]
pub(crate) mod fake;
pub(crate) mod ids;
pub(crate) mod jwt;
pub(crate) mod service;
pub(crate) mod settings;
pub(crate) mod token;
pub(crate) mod transport;
pub(crate) mod types;
pub(crate) mod users;

pub(crate) use endpoints::{Client, DEFAULT_TIMEOUT_MS, PRODUCTION_BASE_URL};
pub(crate) use error::ApiError;
pub(crate) use ids::{AppId, AppToken, CustomerToken};
pub(crate) use service::{
    CallsApi, CustomerApi, IntegrationsApi, RequestIds, SettingsApi, UsersApi,
};
pub(crate) use settings::{Setting, StoredSettings};
pub(crate) use types::*;
pub(crate) use users::{Device, DeviceSwitch, NewUser, User, UserUpdate};
