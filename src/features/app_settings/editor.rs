//! The settings editor of the unlocked app: loads the settings, binds the
//! draft (kept in the tab's memory and its session storage) to the fields,
//! saves the changed keys after checking that nobody else changed them,
//! records what was written, offers Undo, and shows what happened. A
//! refused token is the gate's business.

use std::sync::{Arc, OnceLock};

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::add_custom::AddCustomSetting;
use super::draft::{Problem, SettingsDraft};
use super::fields::input_id;
use super::flow::{self, Planned, SaveRun};
use super::history::writes_of;
use super::import::ImportSettings;
use super::parts::{BlockedSummary, LoadStatus, Loaded, SaveBar, SettingRows, SettingsTools};
use super::results::SaveResults;
use super::transfer::{export_file_name, export_json};
use super::undo::{UndoPanel, UndoRequest};
use crate::api::{ApiError, AppId, Setting, SettingsApi, StoredSettings};
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::changes::conflict_view::Choice;
use crate::features::changes::log::{use_change_record, ChangeRecord};
use crate::features::changes::record::Batch;
use crate::state::session::use_session;
use crate::state::storage;
use crate::ui::dom::{download, focus_by_id};
use crate::ui::leave_guard::use_leave_guard;
use crate::ui::toasts::{use_toasts, Toasts};

const LEAVE_QUESTION: &str = "This app's settings have unsaved changes. Leave the page anyway? \
                              (They stay in this tab until you sign out.)";

/// An app's settings draft in the tab's memory, read once from session
/// storage: unsaved edits survive unlock, another page and a reload.
#[derive(Clone, Default)]
struct DraftMemory {
    draft: ArcRwSignal<SettingsDraft>,
    restored: Arc<OnceLock<()>>,
}

/// The draft's item in session storage.
fn stored_name(app_id: &AppId) -> String {
    format!("settings:{}", app_id.as_str())
}

/// The settings draft of `app_id`.
pub(super) fn use_draft(app_id: &AppId) -> RwSignal<SettingsDraft> {
    let entry = use_session().memory.entry::<DraftMemory>(app_id.as_str());
    if entry.restored.set(()).is_ok() {
        if let Some(saved) = storage::read_draft::<SettingsDraft>(&stored_name(app_id)) {
            entry.draft.set(saved);
        }
    }
    RwSignal::from(entry.draft)
}

/// Writes the draft to session storage as it changes (the outside world,
/// hence an effect), or removes it once nothing is unsaved.
fn keep_draft_stored(app_id: &AppId, draft: RwSignal<SettingsDraft>) {
    let name = stored_name(app_id);
    Effect::new(move |_| {
        draft.with(|d| {
            let unsaved = d.is_dirty() || d.has_conflicts();
            storage::write_draft(&name, unsaved.then_some(d));
        })
    });
}

/// What to save: the keys, and the save it undoes if it is an undo.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SaveRequest {
    pub(crate) planned: Vec<Planned>,
    pub(crate) undoes: Option<u32>,
}

/// Keep mine / Take theirs, for the fields: given by the editor as context.
#[derive(Clone, Copy)]
pub(crate) struct ConflictChoices {
    pub(crate) choose: Callback<(String, Choice)>,
    pub(crate) busy: Signal<bool>,
}

/// What the editor's handlers share (all `Copy` handles).
#[derive(Clone, Copy)]
pub(crate) struct Editor {
    toasts: Toasts,
    pub(crate) draft: RwSignal<SettingsDraft>,
    none_yet: RwSignal<bool>,
    last_run: RwSignal<Option<SaveRun>>,
    blocked: RwSignal<Vec<Problem>>,
    /// The change record's number of the last save that wrote something.
    last_batch: RwSignal<Option<u32>>,
    pub(crate) undo: UndoRequest,
}

impl Editor {
    /// The one place a load's outcome lands.
    fn loaded(&self, outcome: &Result<StoredSettings, ApiError>) {
        if let Ok(stored) = outcome {
            self.none_yet.try_set(*stored == StoredSettings::NoneYet);
            self.draft
                .try_update(|d| d.rebase(stored.clone().into_vec(), &[]));
        }
    }

    /// The one place a save's outcome lands: the server's values become the
    /// truth, saved edits leave the draft, failed ones stay, and the keys
    /// someone else changed wait for the admin's choice.
    fn saved(&self, run: SaveRun, batch: Option<u32>) {
        let saved = run.saved_keys();
        match &run.reread {
            Some(Ok(stored)) => {
                self.none_yet.try_set(*stored == StoredSettings::NoneYet);
                self.draft
                    .try_update(|d| d.rebase(stored.clone().into_vec(), &saved));
            }
            _ => {
                let sent: Vec<Setting> = run
                    .results
                    .iter()
                    .filter(|r| saved.contains(&r.sent.key))
                    .map(|r| r.sent.clone())
                    .collect();
                self.draft.try_update(|d| d.assume_saved(&sent));
            }
        }
        self.draft.try_update(|d| d.mark_conflicts(run.conflicts()));
        if batch.is_some() {
            self.last_batch.try_set(batch);
        }
        self.say(&run, saved.len());
        self.last_run.try_set(Some(run));
    }

    fn say(&self, run: &SaveRun, saved: usize) {
        let conflicts = run.conflicts().len();
        if run.token_refused.is_some() {
            // The gate says it.
        } else if run.check_failed.is_some() {
            self.toasts
                .failure("Nothing was sent: the settings could not be read again first.");
        } else if conflicts == 1 {
            self.toasts.failure(
                "A setting was changed by someone else and not sent: choose Keep mine or Take theirs.",
            );
        } else if conflicts > 1 {
            self.toasts.failure(format!(
                "{conflicts} settings were changed by someone else and not sent: choose at each one."
            ));
        } else if run.failed_count() == 0 {
            self.toasts.success(format!("Saved {saved} settings."));
        } else {
            self.toasts.failure(format!(
                "{} settings need attention; see the results below the form.",
                run.failed_count()
            ));
        }
    }

    /// The changes to send, or `None` after showing what blocks them.
    fn changes_to_send(&self) -> Option<Vec<Planned>> {
        let (planned, problems, keys) = self
            .draft
            .with_untracked(|d| (d.planned(), d.problems(), d.keys()));
        if let Some(first) = problems.first() {
            if let Some(pos) = keys.iter().position(|k| *k == first.key) {
                focus_by_id(&input_id(pos));
            }
            self.blocked.set(problems);
            return None;
        }
        self.blocked.set(Vec::new());
        (!planned.is_empty()).then_some(planned)
    }
}

fn load(editor: Editor, app: &UnlockedApp) -> Loaded {
    let app = app.clone();
    LocalResource::new(move || {
        let (client, token) = (app.client(), app.token.clone());
        async move {
            let outcome = client.get_settings(&token).await;
            editor.loaded(&outcome);
            outcome
        }
    })
}

/// Saves with the check, records what was written, lands the outcome.
fn save_action(editor: Editor, app: &UnlockedApp, record: ChangeRecord) -> Action<SaveRequest, ()> {
    let app = app.clone();
    Action::new_local(move |request: &SaveRequest| {
        let (request, client, token) = (request.clone(), app.client(), app.token.clone());
        let (record, app_id, app_name) =
            (record.clone(), app.id.to_string(), app.name.get_untracked());
        async move {
            let run = flow::save_checked(&client, &token, request.planned).await;
            let writes = writes_of(&run);
            let batch = record.record(Batch {
                app_id,
                app_name,
                undoes: request.undoes,
                writes,
            });
            editor.saved(run, batch);
        }
    })
}

/// Keep mine sends the key at once (checked again); Take theirs drops the
/// edit.
fn conflict_choices(editor: Editor, save: Action<SaveRequest, ()>) -> ConflictChoices {
    let draft = editor.draft;
    let choose = Callback::new(move |(key, choice): (String, Choice)| match choice {
        Choice::KeepMine => {
            if let Some(planned) = draft.try_update(|d| d.keep_mine(&key)).flatten() {
                save.dispatch(SaveRequest {
                    planned: vec![planned],
                    undoes: None,
                });
            }
        }
        Choice::TakeTheirs => draft.update(|d| d.take_theirs(&key)),
    });
    ConflictChoices {
        choose,
        busy: save.pending().into(),
    }
}

#[component]
pub(crate) fn SettingsEditor() -> impl IntoView {
    let app = use_unlocked_app();
    let record = use_change_record();
    let asked = use_query_map().with_untracked(|q| q.get("undo").and_then(|n| n.parse().ok()));
    let editor = Editor {
        toasts: use_toasts(),
        draft: use_draft(&app.id),
        none_yet: RwSignal::new(false),
        last_run: RwSignal::new(None),
        blocked: RwSignal::new(Vec::new()),
        last_batch: RwSignal::new(None),
        undo: UndoRequest::new(asked),
    };
    let draft = editor.draft;
    keep_draft_stored(&app.id, draft);
    let loaded = load(editor, &app);
    use_leave_guard(
        Signal::derive(move || draft.with(SettingsDraft::is_dirty)),
        LEAVE_QUESTION,
    );
    let save = save_action(editor, &app, record.clone());
    provide_context(conflict_choices(editor, save));
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(planned) = editor
            .changes_to_send()
            .filter(|_| !save.pending().get_untracked())
        {
            save.dispatch(SaveRequest {
                planned,
                undoes: None,
            });
        }
    };
    let import_open = RwSignal::new(false);
    let on_export = export_callback(app.id.clone(), app.name, draft);
    let undo_last = {
        let record = record.clone();
        move || {
            let batch = editor.last_batch.get()?;
            record.undo_of(batch).map(|_| batch)
        }
    };
    view! {
        <SettingsTools loaded=loaded on_export=on_export import_open=import_open />
        <LoadStatus loaded=loaded none_yet=editor.none_yet />
        <UndoPanel editor=editor save=save record=record />
        <form class="card form settings-form" on:submit=on_save novalidate=true>
            <SettingRows draft=draft />
            <AddCustomSetting draft=draft />
            <BlockedSummary blocked=editor.blocked />
            <SaveBar draft=draft pending=save.pending() />
        </form>
        {move || {
            editor
                .last_run
                .get()
                .map(|run| {
                    let undo = undo_last.clone()().map(|batch| editor.undo.callback(batch));
                    view! { <SaveResults run=run undo=undo /> }
                })
        }}
        <ImportSettings draft=draft open=import_open />
    }
}

fn export_callback(
    app_id: AppId,
    app_name: Signal<String>,
    draft: RwSignal<SettingsDraft>,
) -> Callback<()> {
    Callback::new(move |()| {
        let text = draft.with_untracked(|d| {
            export_json(app_id.as_str(), &app_name.get_untracked(), d.stored())
        });
        download(
            &export_file_name(app_id.as_str()),
            "application/json",
            &text,
        );
    })
}
