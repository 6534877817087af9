//! Signing in: API base, customer ID + secret or a pasted token.

pub(crate) mod flow;
pub(crate) mod page;
