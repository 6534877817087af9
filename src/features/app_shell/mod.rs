//! Everything around the pages of one app: the parent route's view
//! (`shell`: the frame and the token gate), the unlocked app it provides
//! to its pages (`context`), the app as the tab knows it (`known`), its
//! facts, unlocking it (`unlock` + `unlock_flow`), and what its pages read
//! first, sent as navigation to them starts (`first_reads`).

pub(crate) mod context;
pub(crate) mod facts;
pub(crate) mod first_reads;
mod frame;
pub(crate) mod known;
pub(crate) mod shell;
mod unlock;
pub(crate) mod unlock_flow;

pub(crate) use context::{use_unlocked_app, UnlockedApp};
