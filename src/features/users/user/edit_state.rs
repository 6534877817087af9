//! What the edit of a user keeps besides the typed draft (which
//! `user_drafts` holds): the values it started from, which the save
//! compares with the user read again, and the fields someone else changed.
//! The draft and its base are kept in the tab's memory and its session
//! storage, so a conflict, a failure, a 401 and unlock or a reload lose
//! nothing typed. Also what an edit or a switch writes into the change
//! record.

use std::sync::{Arc, OnceLock};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::checked::FieldConflict;
use super::details::device_name;
use super::edit::FieldChange;
use crate::api::users::ActiveDevice;
use crate::api::AppId;
use crate::features::changes::record::{Outcome, Subject, Write};
use crate::features::users::user_drafts::use_edit_draft;
use crate::features::users::validate::UserDraft;
use crate::state::session::use_session;
use crate::state::storage;

#[derive(Clone, Default)]
struct EditMemory {
    base: ArcRwSignal<UserDraft>,
    conflicts: ArcRwSignal<Vec<FieldConflict>>,
    last_saved: ArcRwSignal<Option<(String, u32)>>,
    restored: Arc<OnceLock<()>>,
}

/// The edit as session storage keeps it.
#[derive(Serialize, Deserialize)]
struct Stored {
    draft: UserDraft,
    base: UserDraft,
}

/// The edit of one app's user page: the draft (its AppUserId says whose,
/// "" when none), the values it started from, and the conflicts found.
#[derive(Clone, Copy)]
pub(crate) struct EditMemoryHandles {
    pub(crate) draft: RwSignal<UserDraft>,
    pub(crate) base: RwSignal<UserDraft>,
    pub(crate) conflicts: RwSignal<Vec<FieldConflict>>,
    /// The user and change-record batch of the last edit saved (the page
    /// is rebuilt with each answer, so it is kept here).
    pub(crate) last_saved: RwSignal<Option<(String, u32)>>,
}

fn stored_name(app_id: &AppId) -> String {
    format!("user-edit:{}", app_id.as_str())
}

/// The edit of `app_id`, restored from session storage on first use.
pub(crate) fn use_edit_memory(app_id: &AppId) -> EditMemoryHandles {
    let draft = use_edit_draft(app_id);
    let entry = use_session().memory.entry::<EditMemory>(app_id.as_str());
    if entry.restored.set(()).is_ok() {
        if let Some(stored) = storage::read_draft::<Stored>(&stored_name(app_id)) {
            draft.set(stored.draft);
            entry.base.set(stored.base);
        }
    }
    EditMemoryHandles {
        draft,
        base: RwSignal::from(entry.base),
        conflicts: RwSignal::from(entry.conflicts),
        last_saved: RwSignal::from(entry.last_saved),
    }
}

/// Writes the edit to session storage as it changes (the outside world,
/// hence an effect); removes it when no edit is open.
pub(crate) fn keep_edit_stored(app_id: &AppId, edit: EditMemoryHandles) {
    let name = stored_name(app_id);
    Effect::new(move |_| {
        let (draft, base) = (edit.draft.get(), edit.base.get());
        let open = !draft.app_user_id.is_empty();
        storage::write_draft(&name, open.then_some(&Stored { draft, base }));
    });
}

/// One write per field an edit sent.
pub(crate) fn edit_writes(
    user: &str,
    sent: &[FieldChange],
    outcome: &Outcome,
    request_id: Option<String>,
) -> Vec<Write> {
    sent.iter()
        .map(|c| Write {
            subject: Subject::UserField {
                user: user.to_string(),
                field: c.field.api_key().to_string(),
            },
            before: Some(c.before.clone()),
            after: Some(c.after.clone()),
            outcome: outcome.clone(),
            request_id: request_id.clone(),
        })
        .collect()
}

/// The write of a device switch.
pub(crate) fn switch_write(
    user: &str,
    before: ActiveDevice,
    after: ActiveDevice,
    outcome: Outcome,
    request_id: Option<String>,
) -> Write {
    Write {
        subject: Subject::Device {
            user: user.to_string(),
        },
        before: Some(device_name(before).to_string()),
        after: Some(device_name(after).to_string()),
        outcome,
        request_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::users::validate::UserField;

    #[test]
    fn an_edit_writes_one_change_per_field_sent() {
        let sent = vec![FieldChange {
            field: UserField::Email,
            before: "a@x.io".into(),
            after: "b@x.io".into(),
        }];
        let writes = edit_writes("u1", &sent, &Outcome::Done, Some("r1".into()));
        assert_eq!(
            writes[0].subject,
            Subject::UserField {
                user: "u1".into(),
                field: "Email".into()
            }
        );
        assert_eq!(writes[0].before.as_deref(), Some("a@x.io"));
        let switch = switch_write(
            "u1",
            ActiveDevice::None,
            ActiveDevice::Sip,
            Outcome::Done,
            None,
        );
        assert_eq!(
            (switch.before.as_deref(), switch.after.as_deref()),
            (Some("None"), Some("SIP"))
        );
    }
}
