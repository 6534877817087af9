//! The settings editor of one unlocked app: loads the settings, binds the
//! draft to the fields, saves the changed keys and shows what happened.

use leptos::prelude::*;

use super::add_custom::AddCustomSetting;
use super::draft::{Problem, SettingsDraft};
use super::fields::{input_id, SettingField};
use super::flow::{self, SaveRun};
use super::import::ImportSettings;
use super::results::SaveResults;
use super::transfer::{export_file_name, export_json};
use crate::api::{ApiError, Setting, StoredSettings};
use crate::state::session::use_session;
use crate::ui::alert::{ErrorPanel, Notice};
use crate::ui::dom::{download, focus_by_id};
use crate::ui::leave_guard::use_leave_guard;
use crate::ui::toasts::use_toasts;

/// What one press of Save sends.
#[derive(Clone)]
struct SaveInput {
    token: String,
    changes: Vec<Setting>,
}

/// Why an app should have at least one setting.
const NONE_YET: &str =
    "No settings yet. Exotel's browser SDK refuses to start for an app without settings: save at least one.";

const LEAVE_QUESTION: &str = "This app's settings have unsaved changes. Leave the page anyway? \
                              (They stay in this tab until you sign out.)";

#[component]
pub(crate) fn SettingsEditor(
    app_id: String,
    token: String,
    #[prop(into)] app_name: Signal<String>,
    /// Called with the refusal when the API refuses the app token.
    on_token_refused: Callback<ApiError>,
) -> impl IntoView {
    let session = use_session();
    let draft = session.settings_draft(&app_id);
    let none_yet = RwSignal::new(false);
    let loaded = {
        let token = token.clone();
        LocalResource::new(move || {
            let (client, token) = (session.client(), token.clone());
            async move { flow::load(&client, &token).await }
        })
    };
    // The one place a load's outcome lands.
    Effect::new(move |_| match loaded.get() {
        Some(Ok(stored)) => {
            none_yet.set(stored == StoredSettings::NoneYet);
            draft.update(|d| d.rebase(stored.into_vec(), &[]));
        }
        Some(Err(e)) if e.is_unauthorized() => on_token_refused.run(e),
        _ => {}
    });
    let dirty = Signal::derive(move || draft.with(SettingsDraft::is_dirty));
    use_leave_guard(dirty, LEAVE_QUESTION);

    let last_run = RwSignal::new(None::<SaveRun>);
    let blocked = RwSignal::new(Vec::<Problem>::new());
    let toasts = use_toasts();
    let save = Action::new_local(move |input: &SaveInput| {
        let SaveInput { token, changes } = input.clone();
        let client = session.client();
        async move {
            let run = flow::save_changes(&client, &token, changes).await;
            // The one place a save's outcome lands.
            finish_save(&run, draft, none_yet, toasts, on_token_refused);
            last_run.set(Some(run));
        }
    });
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (changes, problems, keys) =
            draft.with_untracked(|d| (d.changes(), d.problems(), d.keys()));
        if let Some(first) = problems.first() {
            if let Some(pos) = keys.iter().position(|k| *k == first.key) {
                focus_by_id(&input_id(pos));
            }
            blocked.set(problems);
            return;
        }
        blocked.set(Vec::new());
        if !changes.is_empty() && !save.pending().get_untracked() {
            save.dispatch(SaveInput {
                token: token.clone(),
                changes,
            });
        }
    };
    let import_open = RwSignal::new(false);
    let export = {
        let app_id = app_id.clone();
        move |_| {
            let text = draft
                .with_untracked(|d| export_json(&app_id, &app_name.get_untracked(), d.stored()));
            download(&export_file_name(&app_id), "application/json", &text);
        }
    };
    let load_error = move || match loaded.get() {
        Some(Err(e)) if !e.is_unauthorized() && e != ApiError::Cancelled => Some(e),
        _ => None,
    };
    view! {
        <div class="settings-tools actions">
            // Unsaved edits survive a reload: only the server's values change.
            <button type="button" class="btn" on:click=move |_| loaded.refetch()>
                "Reload settings"
            </button>
            <button
                type="button"
                class="btn"
                on:click=export
                disabled=move || loaded.get().is_none()
            >
                "Export JSON"
            </button>
            <button type="button" class="btn" on:click=move |_| import_open.set(true)>
                "Import…"
            </button>
        </div>
        <Show when=move || none_yet.get()>
            <Notice text=NONE_YET />
        </Show>
        {move || {
            load_error()
                .map(|e| {
                    view! {
                        <ErrorPanel
                            action="Loading the settings"
                            error=e
                            on_retry=Callback::new(move |_| loaded.refetch())
                        />
                    }
                })
        }}
        <Show when=move || loaded.get().is_none()>
            <div class="skeleton" role="status">
                <span class="visually-hidden">"Loading settings…"</span>
                <div class="skeleton-row"></div>
                <div class="skeleton-row"></div>
            </div>
        </Show>
        <form class="card form settings-form" on:submit=on_save novalidate=true>
            <SettingRows draft=draft />
            <AddCustomSetting draft=draft />
            <BlockedSummary blocked=blocked />
            <SaveBar draft=draft pending=save.pending() />
        </form>
        {move || last_run.get().map(|run| view! { <SaveResults run=run /> })}
        <ImportSettings draft=draft open=import_open />
    }
}

/// Applies a save's outcome: the server's values become the truth, saved
/// edits leave the draft, failed ones stay; a refused token goes to unlock.
fn finish_save(
    run: &SaveRun,
    draft: RwSignal<SettingsDraft>,
    none_yet: RwSignal<bool>,
    toasts: crate::ui::toasts::Toasts,
    on_token_refused: Callback<ApiError>,
) {
    let saved = run.saved_keys();
    match &run.reread {
        Some(Ok(stored)) => {
            none_yet.set(*stored == StoredSettings::NoneYet);
            draft.update(|d| d.rebase(stored.clone().into_vec(), &saved));
        }
        _ => {
            let sent: Vec<Setting> = run
                .results
                .iter()
                .filter(|r| saved.contains(&r.sent.key))
                .map(|r| r.sent.clone())
                .collect();
            draft.update(|d| d.assume_saved(&sent));
        }
    }
    match run.failed_count() {
        0 => toasts.success(format!("Saved {} settings.", saved.len())),
        n => toasts.failure(format!(
            "{n} settings need attention; see the results below the form."
        )),
    }
    if let Some(e) = &run.token_refused {
        on_token_refused.run(e.clone());
    }
}

/// One field per key, in the editor's order.
#[component]
fn SettingRows(draft: RwSignal<SettingsDraft>) -> impl IntoView {
    let keys = Memo::new(move |_| draft.with(SettingsDraft::keys));
    move || {
        keys.get()
            .into_iter()
            .enumerate()
            .map(|(position, key)| view! { <SettingField key=key position=position draft=draft /> })
            .collect_view()
    }
}

#[component]
fn BlockedSummary(blocked: RwSignal<Vec<Problem>>) -> impl IntoView {
    move || {
        let problems = blocked.get();
        (!problems.is_empty()).then(|| view! {
            <div class="alert alert-error" role="alert" data-testid="settings-blocked">
                <p class="alert-title">"Nothing was sent: fix these first"</p>
                <ul>
                    {problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}
                </ul>
            </div>
        })
    }
}

/// The count of unsaved changes, Discard and Save.
#[component]
fn SaveBar(draft: RwSignal<SettingsDraft>, pending: Memo<bool>) -> impl IntoView {
    let count = move || draft.with(|d| d.changes().len());
    view! {
        <div class="actions save-bar">
            <span class="muted" role="status" data-testid="unsaved-count">
                {move || match count() {
                    0 => "No unsaved changes".to_string(),
                    1 => "1 unsaved change".to_string(),
                    n => format!("{n} unsaved changes"),
                }}
            </span>
            <button
                type="button"
                class="btn"
                disabled=move || count() == 0
                on:click=move |_| draft.update(SettingsDraft::discard)
            >
                "Discard changes"
            </button>
            <button
                type="submit"
                class="btn btn-primary"
                disabled=move || count() == 0 || pending.get()
            >
                {move || if pending.get() { "Saving…" } else { "Save settings" }}
            </button>
        </div>
    }
}
