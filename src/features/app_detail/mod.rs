//! The details of an unlocked app (read with its token) and deleting it.
//! The flow (`delete_flow`) is a plain async function over
//! [`crate::api::IntegrationsApi`], tested on the host against a fake.

pub(crate) mod delete;
pub(crate) mod delete_flow;
pub(crate) mod page;
