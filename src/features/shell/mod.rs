//! The frame around every page: header, not-found page, panic view, the
//! refusal shown instead of everything when framed by another site, and the
//! static shell that stands in for the header until the app mounts, and the
//! theme toggle (its choice kept in local storage).

pub(crate) mod chunk_failed;
pub(crate) mod frame_guard;
pub(crate) mod header;
pub(crate) mod not_found;
pub(crate) mod panic_view;
pub(crate) mod shortcuts;
pub(crate) mod static_shell;
pub(crate) mod theme_toggle;
