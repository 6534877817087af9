//! The settings editor of one unlocked app: loads the settings, binds the
//! draft to the fields, saves the changed keys and shows what happened.

use leptos::prelude::*;

use super::add_custom::AddCustomSetting;
use super::draft::{Problem, SettingsDraft};
use super::fields::input_id;
use super::flow::{self, SaveRun};
use super::import::ImportSettings;
use super::parts::{BlockedSummary, LoadStatus, Loaded, SaveBar, SettingRows, SettingsTools};
use super::results::SaveResults;
use super::transfer::{export_file_name, export_json};
use crate::api::{ApiError, Setting, StoredSettings};
use crate::state::session::{use_session, Session};
use crate::ui::dom::{download, focus_by_id};
use crate::ui::leave_guard::use_leave_guard;
use crate::ui::toasts::{use_toasts, Toasts};

const LEAVE_QUESTION: &str = "This app's settings have unsaved changes. Leave the page anyway? \
                              (They stay in this tab until you sign out.)";

/// What one press of Save sends.
#[derive(Clone)]
struct SaveInput {
    token: String,
    changes: Vec<Setting>,
}

/// What the editor's handlers share (all `Copy` handles).
#[derive(Clone, Copy)]
struct Editor {
    session: Session,
    toasts: Toasts,
    draft: RwSignal<SettingsDraft>,
    none_yet: RwSignal<bool>,
    last_run: RwSignal<Option<SaveRun>>,
    blocked: RwSignal<Vec<Problem>>,
    on_token_refused: Callback<ApiError>,
}

impl Editor {
    /// The one place a load's outcome lands.
    fn loaded(&self, outcome: Result<StoredSettings, ApiError>) {
        match outcome {
            Ok(stored) => {
                self.none_yet.set(stored == StoredSettings::NoneYet);
                self.draft.update(|d| d.rebase(stored.into_vec(), &[]));
            }
            Err(e) if e.is_unauthorized() => self.on_token_refused.run(e),
            Err(_) => {}
        }
    }

    /// The one place a save's outcome lands: the server's values become the
    /// truth, saved edits leave the draft, failed ones stay; a refused token
    /// goes to unlock.
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
        if let Some(e) = &run.token_refused {
            self.on_token_refused.run(e.clone());
        }
        self.last_run.set(Some(run));
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

fn load(editor: Editor, token: String) -> Loaded {
    let loaded = LocalResource::new(move || {
        let (client, token) = (editor.session.client(), token.clone());
        async move { flow::load(&client, &token).await }
    });
    Effect::new(move |_| {
        if let Some(outcome) = loaded.get() {
            editor.loaded(outcome);
        }
    });
    loaded
}

fn save_action(editor: Editor) -> Action<SaveInput, ()> {
    Action::new_local(move |input: &SaveInput| {
        let SaveInput { token, changes } = input.clone();
        let client = editor.session.client();
        async move { editor.saved(flow::save_changes(&client, &token, changes).await) }
    })
}

#[component]
pub(crate) fn SettingsEditor(
    app_id: String,
    token: String,
    #[prop(into)] app_name: Signal<String>,
    /// Called with the refusal when the API refuses the app token.
    on_token_refused: Callback<ApiError>,
) -> impl IntoView {
    let session = use_session();
    let editor = Editor {
        session,
        toasts: use_toasts(),
        draft: session.settings_draft(&app_id),
        none_yet: RwSignal::new(false),
        last_run: RwSignal::new(None),
        blocked: RwSignal::new(Vec::new()),
        on_token_refused,
    };
    let draft = editor.draft;
    let loaded = load(editor, token.clone());
    use_leave_guard(
        Signal::derive(move || draft.with(SettingsDraft::is_dirty)),
        LEAVE_QUESTION,
    );
    let save = save_action(editor);
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(changes) = editor
            .changes_to_send()
            .filter(|_| !save.pending().get_untracked())
        {
            save.dispatch(SaveInput {
                token: token.clone(),
                changes,
            });
        }
    };
    let import_open = RwSignal::new(false);
    let on_export = Callback::new(move |()| {
        let text =
            draft.with_untracked(|d| export_json(&app_id, &app_name.get_untracked(), d.stored()));
        download(&export_file_name(&app_id), "application/json", &text);
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
