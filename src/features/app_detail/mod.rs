//! One app: its facts, unlocking it (AppSecret or app token) and deleting it.
//! The flows (`delete_flow`, `unlock_flow`) are plain async functions over
//! [`crate::api::IntegrationsApi`], tested on the host against a fake.

pub(crate) mod delete;
pub(crate) mod delete_flow;
#[cfg(test)]
pub(crate) mod fake_api;
pub(crate) mod frame;
pub(crate) mod page;
pub(crate) mod unlock;
pub(crate) mod unlock_flow;
