//! The customer's apps: list page, its toolbar and list view, the
//! search/sort/filter query, windowed table, export.

pub(crate) mod export;
pub(crate) mod list_view;
pub(crate) mod page;
pub(crate) mod query;
pub(crate) mod table;
pub(crate) mod toolbar;
