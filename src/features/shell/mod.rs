//! The frame around every page: header, not-found page, panic view.

pub(crate) mod header;
pub(crate) mod not_found;
pub(crate) mod panic_view;
pub(crate) mod shortcuts;
