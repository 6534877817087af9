//! The users of an app as loaded in this tab: shared by the list, the user
//! page and the add/import/edit/delete flows, kept for as long as the admin
//! stays signed in (memory only), so moving between an app's pages never
//! reloads 10,000 users.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{AppId, User};
use crate::state::memory::TabMemory;
use crate::state::session::use_session;

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct LoadedUsers {
    /// In the server's order.
    pub(crate) users: Arc<Vec<User>>,
    /// Every page was read (no next page, or a short one).
    pub(crate) complete: bool,
    /// Where loading stopped early (Stop pressed, or a failure): the
    /// `last_value` to resume from.
    pub(crate) resume_from: Option<String>,
}

impl LoadedUsers {
    /// Whether the list, when shown, loads from the first page: nothing is
    /// complete and no stopped load waits to be resumed.
    pub(crate) fn loads_from_start(&self) -> bool {
        !self.complete && self.resume_from.is_none()
    }
}

/// The users of `app_id` as loaded in this tab (empty until loaded), kept
/// in the tab's memory until sign-out.
pub(crate) fn use_loaded_users(app_id: &AppId) -> RwSignal<LoadedUsers> {
    RwSignal::from(loaded_users_handle(use_session().memory, app_id))
}

/// Whether this tab has kept users of `app_id` (loaded, loading, or
/// stopped to resume), without making the entry.
pub(crate) fn users_kept(memory: TabMemory, app_id: &AppId) -> bool {
    memory.holds::<ArcRwSignal<LoadedUsers>>(app_id.as_str())
}

/// The same, as the tab's own handle, for an outcome that may land after
/// the page that asked is gone.
pub(crate) fn loaded_users_handle(memory: TabMemory, app_id: &AppId) -> ArcRwSignal<LoadedUsers> {
    memory.entry::<ArcRwSignal<LoadedUsers>>(app_id.as_str())
}
