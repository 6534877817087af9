//! Writes made with care and remembered (issue 22), shared by the features
//! that write: `three_way` (compare what an edit started from, the
//! server's value read again just before writing, and the edit), the
//! record of every write this tab made (`record`, kept by `log`), and the
//! Changes page that lists, filters and exports it and offers Undo.
//!
//! A feature imports `three_way`, `record`'s types and `log`'s
//! [`ChangeRecord`]; only the route table imports the page. This feature
//! imports no other.

pub(crate) mod conflict_view;
pub(crate) mod export;
pub(crate) mod log;
pub(crate) mod page;
pub(crate) mod record;
pub(crate) mod three_way;
pub(crate) mod undo_card;
