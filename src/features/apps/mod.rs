//! The customer's apps: list page, search/sort/filter query, windowed table,
//! export.

pub(crate) mod export;
pub(crate) mod page;
pub(crate) mod query;
pub(crate) mod table;
pub(crate) mod window;
