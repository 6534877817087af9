//! What the apps list and the users list share: the URL query's common
//! parts (search text, sort column and direction, yes/no filters), the
//! search index, the export formats and CSV cells, the window of rows in
//! the DOM, and the views around a table (search box, filter selects,
//! export buttons, sorting headers, count, "no match").

pub(crate) mod csv;
pub(crate) mod export;
pub(crate) mod query;
pub(crate) mod toolbar;
pub(crate) mod view;
pub(crate) mod window;
