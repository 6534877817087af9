//! The signed-in customer: its record (`GET /customer`, read by the page
//! itself), and deleting it with everything under it.

mod delete;
pub(crate) mod page;
