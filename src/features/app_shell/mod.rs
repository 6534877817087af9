//! Everything around the pages of one app: the parent route's view
//! (`shell`: the frame and the token gate), the unlocked app it provides
//! to its pages (`context`), the app as the tab knows it (`known`), its
//! facts, and unlocking it (`unlock` + `unlock_flow`).

pub(crate) mod context;
pub(crate) mod facts;
mod frame;
pub(crate) mod known;
pub(crate) mod shell;
mod unlock;
pub(crate) mod unlock_flow;

pub(crate) use context::{use_unlocked_app, UnlockedApp};
