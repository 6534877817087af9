//! Registering an app, and the one-time secret panel.

pub(crate) mod page;
pub(crate) mod secret_panel;
