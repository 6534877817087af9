//! What the admin typed in the Users forms of one app, kept by the session
//! (memory only) rather than by the forms: a refused token swaps the page for
//! the unlock form, and the forms come back with everything as it was.

use leptos::prelude::*;

use crate::api::AppId;
use crate::features::users::validate::UserDraft;
use crate::state::session::use_session;

/// The drafts of one app's Users forms. Shared handles: every clone is the
/// same draft.
#[derive(Clone, Debug, Default)]
pub(crate) struct UserDrafts {
    /// The Add user form.
    pub(crate) add: ArcRwSignal<UserDraft>,
    /// The Import CSV text, pasted or read from a file.
    pub(crate) import_text: ArcRwSignal<String>,
    /// The edit of one user; its AppUserId says whose ("" when none).
    pub(crate) edit: ArcRwSignal<UserDraft>,
}

/// The drafts of `app_id`, from the tab's memory.
fn drafts(app_id: &AppId) -> UserDrafts {
    use_session().memory.entry::<UserDrafts>(app_id.as_str())
}

/// The add form's draft of an app.
pub(crate) fn use_add_draft(app_id: &AppId) -> RwSignal<UserDraft> {
    RwSignal::from(drafts(app_id).add)
}

/// The import text of an app.
pub(crate) fn use_import_text(app_id: &AppId) -> RwSignal<String> {
    RwSignal::from(drafts(app_id).import_text)
}

/// The edit draft of an app.
pub(crate) fn use_edit_draft(app_id: &AppId) -> RwSignal<UserDraft> {
    RwSignal::from(drafts(app_id).edit)
}
