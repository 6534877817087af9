//! Saving a user's edit: read the user again, `PUT` only the fields that
//! nobody else changed (none when one was), record what was written, and
//! land the outcome in one place; Keep mine / Take theirs for each field
//! someone else changed, the save going on once every one is answered.

use leptos::prelude::*;

use super::checked::{update_checked, EditOutcome};
use super::edit_form::{EditState, Step};
use super::edit_state::edit_writes;
use crate::api::{ApiError, User};
use crate::features::app_shell::UnlockedApp;
use crate::features::changes::conflict_view::Choice;
use crate::features::changes::log::ChangeRecord;
use crate::features::changes::record::{Batch, Outcome, Write};
use crate::features::users::validate::{UserDraft, UserField};
use crate::ui::toasts::{use_toasts, Toasts};

/// One save: the edited draft, and the batch it undoes if it is an undo.
pub(crate) type SaveEdit = (UserDraft, Option<u32>);

/// Where a save's outcome goes.
#[derive(Clone)]
struct Landing {
    state: EditState,
    on_saved: Callback<User>,
    toasts: Toasts,
    record: ChangeRecord,
    app: UnlockedApp,
}

/// Sends the edit (checked) and lands its outcome.
pub(crate) fn save_action(
    app: UnlockedApp,
    state: EditState,
    on_saved: Callback<User>,
    record: ChangeRecord,
) -> Action<SaveEdit, ()> {
    let landing = Landing {
        state,
        on_saved,
        toasts: use_toasts(),
        record,
        app,
    };
    Action::new_local(move |(edited, undoes): &SaveEdit| {
        let (edited, undoes, landing) = (edited.clone(), *undoes, landing.clone());
        let (token, client) = (landing.app.token.clone(), landing.app.client());
        let base = state.base.get_untracked();
        async move {
            let outcome = update_checked(&client, &token, &base, &edited).await;
            landing.land(outcome, &base.app_user_id, undoes);
        }
    })
}

impl Landing {
    /// The one place a save's outcome lands.
    fn land(&self, outcome: Result<EditOutcome, ApiError>, user_id: &str, undoes: Option<u32>) {
        let state = self.state;
        match outcome {
            Ok(EditOutcome::Saved {
                user,
                sent,
                request_id,
            }) => {
                let writes = edit_writes(user_id, &sent, &Outcome::Done, request_id);
                let batch = self.record(writes, undoes);
                state
                    .last_saved
                    .try_set(batch.map(|b| (user_id.to_string(), b)));
                self.finish(user, format!("Saved {user_id}."));
            }
            Ok(EditOutcome::PutFailed { sent, error }) => {
                let writes = edit_writes(user_id, &sent, &Outcome::of_error(&error), None);
                self.record(writes, undoes);
                self.refused(error);
            }
            Ok(EditOutcome::NothingToSend(user)) => {
                self.finish(
                    user,
                    "The server already holds these values: nothing was sent.".into(),
                );
            }
            Ok(EditOutcome::Conflicts { user, conflicts }) => {
                state.conflicts.try_set(conflicts);
                state.step.try_set(Step::Review);
                self.on_saved.try_run(user);
                self.toasts.failure(
                    "Someone else changed this user meanwhile: nothing was sent. Choose below.",
                );
            }
            Ok(EditOutcome::Gone) => {
                self.toasts
                    .failure("This user no longer exists on the server: nothing was sent.");
            }
            Err(e) => self.refused(e),
        }
    }

    fn record(&self, writes: Vec<Write>, undoes: Option<u32>) -> Option<u32> {
        self.record.record(Batch {
            app_id: self.app.id.to_string(),
            app_name: self.app.name.get_untracked(),
            undoes,
            writes,
        })
    }

    /// Done: the edit closes, the page shows the user as stored.
    fn finish(&self, user: User, said: String) {
        let state = self.state;
        state.draft.try_set(UserDraft::default());
        state.conflicts.try_set(Vec::new());
        state.step.try_set(Step::Form);
        state.refusal.try_set(None);
        self.toasts.success(said);
        self.on_saved.try_run(user);
    }

    /// The gate answers a refused token; the draft stays either way.
    fn refused(&self, error: ApiError) {
        if !error.is_unauthorized() {
            self.state.refusal.try_set(Some(error));
        }
    }
}

/// The admin's answer for one field: Keep mine sends the edit over the
/// server's value, Take theirs drops it. Once every field is answered the
/// save goes on, if anything is left to send.
pub(crate) fn choose(
    state: EditState,
    save: Action<SaveEdit, ()>,
    field: UserField,
    choice: Choice,
) {
    let Some(conflict) = state
        .conflicts
        .with_untracked(|all| all.iter().find(|c| c.what == field).cloned())
    else {
        return;
    };
    state
        .conflicts
        .update(|all| all.retain(|c| c.what != field));
    state.base.update(|b| b.set(field, conflict.theirs.clone()));
    if choice == Choice::TakeTheirs {
        state.draft.update(|d| d.set(field, conflict.theirs));
    }
    let settled = state.conflicts.with_untracked(Vec::is_empty);
    if settled && !state.changed().is_empty() && !save.pending().get_untracked() {
        save.dispatch((state.draft.get_untracked(), None));
    }
}
