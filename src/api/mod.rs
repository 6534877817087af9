//! Typed client for Exotel's integrations API (`/v2/integrations`).
//!
//! - [`types`]: the request and response shapes, decoded tolerantly;
//! - [`envelope`]: pure decoding of `{RequestId, Status, Code, Error, Data}`
//!   answers (and of everything that is not one) into data or [`ApiError`];
//! - [`error`]: the error type and its admin-readable messages;
//! - [`client`]: the HTTP calls (gloo-net, with timeout and cancellation);
//! - [`jwt`]: the optional `exp` claim of a token;
//! - [`call_log`]: what the request log records, redacted, and copy-as-curl.
//!
//! Everything but the actual fetch in [`client`] is pure and unit-tested on
//! the host.

pub mod call_log;
pub mod client;
pub mod envelope;
pub mod error;
pub mod jwt;
pub mod service;
pub mod types;

pub use client::Client;
pub use error::ApiError;
pub(crate) use service::IntegrationsApi;
pub use types::*;
