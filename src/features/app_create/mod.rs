//! Registering an app: the page, its form and draft, the create-once flow,
//! and the one-time secret panel.

mod fields;
pub(crate) mod flow;
pub(crate) mod form;
pub(crate) mod page;
mod panels;
pub(crate) mod secret_panel;
