//! The request log panel (the log itself is `state::request_log`).

pub(crate) mod panel;
