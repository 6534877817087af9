//! The settings editor of the unlocked app: loads the settings, binds the
//! draft (kept in the tab's memory) to the fields, saves the changed keys
//! and shows what happened. A refused token is the gate's business.

use leptos::prelude::*;

use super::add_custom::AddCustomSetting;
use super::draft::{Problem, SettingsDraft};
use super::fields::input_id;
use super::flow::{self, SaveRun};
use super::import::ImportSettings;
use super::parts::{BlockedSummary, LoadStatus, Loaded, SaveBar, SettingRows, SettingsTools};
use super::results::SaveResults;
use super::transfer::{export_file_name, export_json};
use crate::api::{ApiError, AppId, Setting, SettingsApi, StoredSettings};
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::state::session::use_session;
use crate::ui::dom::{download, focus_by_id};
use crate::ui::leave_guard::use_leave_guard;
use crate::ui::toasts::{use_toasts, Toasts};

const LEAVE_QUESTION: &str = "This app's settings have unsaved changes. Leave the page anyway? \
                              (They stay in this tab until you sign out.)";

/// An app's settings draft in the tab's memory: unsaved edits survive a
/// trip through unlock or to another page.
#[derive(Clone, Default)]
struct DraftMemory(ArcRwSignal<SettingsDraft>);

/// The settings draft of `app_id`.
pub(super) fn use_draft(app_id: &AppId) -> RwSignal<SettingsDraft> {
    let memory = use_session().memory;
    RwSignal::from(memory.entry::<DraftMemory>(app_id.as_str()).0)
}

/// What the editor's handlers share (all `Copy` handles).
#[derive(Clone, Copy)]
struct Editor {
    toasts: Toasts,
    draft: RwSignal<SettingsDraft>,
    none_yet: RwSignal<bool>,
    last_run: RwSignal<Option<SaveRun>>,
    blocked: RwSignal<Vec<Problem>>,
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
    /// truth, saved edits leave the draft, failed ones stay.
    fn saved(&self, run: SaveRun) {
        let saved = run.saved_keys();
        match &run.reread {
            Some(Ok(stored)) => {
                self.none_yet.set(*stored == StoredSettings::NoneYet);
                self.draft
                    .update(|d| d.rebase(stored.clone().into_vec(), &saved));
            }
            _ => {
                let sent: Vec<Setting> = run
                    .results
                    .iter()
                    .filter(|r| saved.contains(&r.sent.key))
                    .map(|r| r.sent.clone())
                    .collect();
                self.draft.update(|d| d.assume_saved(&sent));
            }
        }
        match run.failed_count() {
            0 => self
                .toasts
                .success(format!("Saved {} settings.", saved.len())),
            n => self.toasts.failure(format!(
                "{n} settings need attention; see the results below the form."
            )),
        }
        self.last_run.try_set(Some(run));
    }

    /// The changes to send, or `None` after showing what blocks them.
    fn changes_to_send(&self) -> Option<Vec<Setting>> {
        let (changes, problems, keys) = self
            .draft
            .with_untracked(|d| (d.changes(), d.problems(), d.keys()));
        if let Some(first) = problems.first() {
            if let Some(pos) = keys.iter().position(|k| *k == first.key) {
                focus_by_id(&input_id(pos));
            }
            self.blocked.set(problems);
            return None;
        }
        self.blocked.set(Vec::new());
        (!changes.is_empty()).then_some(changes)
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

fn save_action(editor: Editor, app: &UnlockedApp) -> Action<Vec<Setting>, ()> {
    let app = app.clone();
    Action::new_local(move |changes: &Vec<Setting>| {
        let (changes, client, token) = (changes.clone(), app.client(), app.token.clone());
        async move { editor.saved(flow::save_changes(&client, &token, changes).await) }
    })
}

#[component]
pub(crate) fn SettingsEditor() -> impl IntoView {
    let app = use_unlocked_app();
    let editor = Editor {
        toasts: use_toasts(),
        draft: use_draft(&app.id),
        none_yet: RwSignal::new(false),
        last_run: RwSignal::new(None),
        blocked: RwSignal::new(Vec::new()),
    };
    let draft = editor.draft;
    let loaded = load(editor, &app);
    use_leave_guard(
        Signal::derive(move || draft.with(SettingsDraft::is_dirty)),
        LEAVE_QUESTION,
    );
    let save = save_action(editor, &app);
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(changes) = editor
            .changes_to_send()
            .filter(|_| !save.pending().get_untracked())
        {
            save.dispatch(changes);
        }
    };
    let import_open = RwSignal::new(false);
    let (app_id, app_name) = (app.id.clone(), app.name);
    let on_export = Callback::new(move |()| {
        let text = draft.with_untracked(|d| {
            export_json(app_id.as_str(), &app_name.get_untracked(), d.stored())
        });
        download(
            &export_file_name(app_id.as_str()),
            "application/json",
            &text,
        );
    });
    view! {
        <SettingsTools loaded=loaded on_export=on_export import_open=import_open />
        <LoadStatus loaded=loaded none_yet=editor.none_yet />
        <form class="card form settings-form" on:submit=on_save novalidate=true>
            <SettingRows draft=draft />
            <AddCustomSetting draft=draft />
            <BlockedSummary blocked=editor.blocked />
            <SaveBar draft=draft pending=save.pending() />
        </form>
        {move || editor.last_run.get().map(|run| view! { <SaveResults run=run /> })}
        <ImportSettings draft=draft open=import_open />
    }
}
