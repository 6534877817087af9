//! What the tab remembers: session tokens (session storage only), the request
//! log (memory only), the theme preference, the deployment's configuration.

pub(crate) mod config;
pub(crate) mod request_log;
pub(crate) mod session;
pub(crate) mod storage;
pub(crate) mod theme;
