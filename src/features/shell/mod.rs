//! The frame around every page: header, not-found page, panic view, and
//! the refusal shown instead of everything when framed by another site.

pub(crate) mod frame_guard;
pub(crate) mod header;
pub(crate) mod not_found;
pub(crate) mod panic_view;
pub(crate) mod shortcuts;
