//! Keeping an app's users in sync with the full list an admin keeps
//! elsewhere (issue 22): the plan (`plan`), applying it with a resume
//! (`flow`), and the dialog that previews, applies and reports (`dialog`).

pub(crate) mod dialog;
pub(crate) mod flow;
pub(crate) mod plan;
pub(crate) mod preview;
pub(crate) mod report;
