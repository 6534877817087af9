//! Undo of a settings save, asked from the save's results or from the
//! Changes page (`?undo=<batch>`): what it would put back, key by key, then
//! a save of those values with the same check as any other (a key someone
//! changed since is a conflict, not overwritten). A key the save created
//! cannot be deleted through the API: undo sets it to an empty value, and
//! says so first.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use super::editor::{Editor, SaveRequest};
use super::history::restores_of;
use super::keys::describe_key;
use crate::features::app_shell::use_unlocked_app;
use crate::features::changes::conflict_view::shown;
use crate::features::changes::log::ChangeRecord;
use crate::features::changes::record::{Change, Subject};
use crate::features::changes::undo_card::{UndoCard, UndoLine};
use crate::paths::app_settings_href;

/// Which save the admin asked to undo, and why it could not start.
#[derive(Clone, Copy)]
pub(crate) struct UndoRequest {
    asked: RwSignal<Option<u32>>,
    refused: RwSignal<Option<String>>,
}

impl UndoRequest {
    pub(crate) fn new(asked: Option<u32>) -> Self {
        UndoRequest {
            asked: RwSignal::new(asked),
            refused: RwSignal::new(None),
        }
    }

    /// Asks to undo `batch` (the panel then says what it would do).
    pub(crate) fn callback(self, batch: u32) -> Callback<()> {
        Callback::new(move |()| {
            self.refused.set(None);
            self.asked.set(Some(batch));
        })
    }
}

/// The settings writes of `batch` in `app_id` that landed.
fn undoable(record: &ChangeRecord, batch: u32, app_id: &str) -> Vec<Change> {
    record
        .done_in_batch(batch)
        .into_iter()
        .filter(|c| c.app_id == app_id && matches!(c.subject, Subject::Setting { .. }))
        .collect()
}

#[component]
pub(crate) fn UndoPanel(
    editor: Editor,
    save: Action<SaveRequest, ()>,
    record: ChangeRecord,
) -> impl IntoView {
    let app = use_unlocked_app();
    let (navigate, location) = (use_navigate(), use_location());
    let href = app_settings_href(&app.id);
    let request = editor.undo;
    // Closing also drops `?undo=` from the address, so a reload does not ask again.
    let close = Callback::new(move |()| {
        request.asked.set(None);
        request.refused.set(None);
        if !location.search.get_untracked().is_empty() {
            let replace = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&href, replace);
        }
    });
    move || {
        let batch = request.asked.get()?;
        let done = undoable(&record, batch, app.id.as_str());
        let undone_by = record.undone_by(batch);
        let to_restore = done.clone();
        let confirm = Callback::new(move |()| {
            let restores = restores_of(&to_restore);
            match editor.draft.try_update(|d| d.stage_undo(restores)) {
                Some(Ok(planned)) => {
                    save.dispatch(SaveRequest {
                        planned,
                        undoes: Some(batch),
                    });
                    close.run(());
                }
                Some(Err(key)) => request.refused.set(Some(format!(
                    "{} has an unsaved edit: save or discard it first, then undo.",
                    describe_key(&key)
                ))),
                None => {}
            }
        });
        let lines = done.iter().filter_map(line).collect();
        Some(view! {
            <UndoCard
                title=format!("Undo save #{batch}")
                lines=lines
                undone_by=undone_by
                confirm=confirm
                close=close
                refused=request.refused
            />
        })
    }
}

/// What undo does to one setting of the save.
fn line(change: &Change) -> Option<UndoLine> {
    let Subject::Setting { key } = &change.subject else {
        return None;
    };
    Some(UndoLine {
        key: key.clone(),
        what: describe_key(key),
        now: shown(change.after.as_deref(), "(not set)"),
        back: change
            .before
            .as_deref()
            .map(|b| shown(Some(b), ""))
            .ok_or("did not exist before: set to an empty value (the API cannot delete a setting)"),
    })
}
