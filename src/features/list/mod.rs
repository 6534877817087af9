//! What the apps list and the users list share: the URL query's common
//! parts (search text, sort column and direction, yes/no filters), the
//! search index, CSV cells for export, and the views around a table (search box, filter selects,
//! export buttons, count, "no match").

pub(crate) mod csv;
pub(crate) mod query;
pub(crate) mod toolbar;
pub(crate) mod view;
