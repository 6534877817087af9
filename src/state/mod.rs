//! What the tab remembers, knowing no feature: session tokens (session
//! storage only), the pages' memory (`memory`, memory only, keyed by each
//! feature's own types), the request log, the theme preference, the
//! deployment's configuration, and the route table's prefetch hint.

pub(crate) mod config;
pub(crate) mod memory;
pub(crate) mod prefetch;
pub(crate) mod request_log;
pub(crate) mod session;
pub(crate) mod storage;
pub(crate) mod theme;
