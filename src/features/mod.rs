//! One folder per thing an admin does: its page, the parts only it uses and
//! its flow (plain async functions over [`crate::api::IntegrationsApi`]).

pub(crate) mod app_create;
pub(crate) mod app_detail;
pub(crate) mod app_settings;
pub(crate) mod apps;
pub(crate) mod connect;
pub(crate) mod list;
pub(crate) mod request_log;
pub(crate) mod shell;
pub(crate) mod users;
