//! Getting connected: the API base, signing in with a customer ID + secret
//! or a pasted token, and creating a customer when there is none yet.

pub(crate) mod api_base;
pub(crate) mod flow;
pub(crate) mod new_customer;
mod new_customer_flow;
pub(crate) mod page;
