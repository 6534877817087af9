//! Adding users: one by the Add user form, many from a CSV file (parsed in
//! `csv`, previewed, sent in batches), and each row's outcome.

pub(crate) mod add;
pub(crate) mod csv;
pub(crate) mod dialog;
pub(crate) mod flow;
pub(crate) mod outcome;
pub(crate) mod preview;
pub(crate) mod recorded;
