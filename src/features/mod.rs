//! One folder per thing an admin does: its page, the parts only it uses and
//! its flow (plain async functions over the API traits). Shared by several:
//! `app_shell` (the parent route of an app's pages and the unlocked app it
//! provides), `list` (search, sort, window and export of a long list) and
//! `errors` (how an API failure is shown).

pub(crate) mod account;
pub(crate) mod app_create;
pub(crate) mod app_detail;
pub(crate) mod app_settings;
pub(crate) mod app_shell;
pub(crate) mod apps;
pub(crate) mod changes;
pub(crate) mod connect;
pub(crate) mod errors;
pub(crate) mod list;
pub(crate) mod request_log;
pub(crate) mod shell;
pub(crate) mod users;
