//! Sync from CSV: the full list an admin keeps elsewhere, pasted or from a
//! file, previewed against every user of the app before anything is sent
//! (see `plan`), then applied (see `flow`) with each row's outcome. The
//! text, the last report and the rows whose outcome is unknown are kept in
//! the tab's memory, so a failure, a 401 and unlock, or closing the dialog
//! loses nothing, and Apply again resumes.

use std::collections::HashSet;

use leptos::prelude::*;

use super::flow::{apply_sync, RowResult, SyncRun};
use super::plan::{plan_sync, SyncPlan};
use super::preview::SyncPreview;
use super::report::{sync_writes, SyncReport};
use crate::api::AppId;
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::changes::log::change_record;
use crate::features::changes::record::Batch;
use crate::features::users::import::add::app_account_sid;
use crate::features::users::import::csv::CsvError;
use crate::features::users::import::preview::example_header;
use crate::features::users::loaded::{loaded_users_handle, LoadedUsers};
use crate::features::users::user_cache::{remember_created, remember_updated};
use crate::state::session::use_session;
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::dialog::Dialog;
use crate::ui::text_import::{ImportActions, TextSource};
use crate::ui::toasts::{use_toasts, Toasts};

const HOW_IT_WORKS: &str =
    "Your full list, matched on the App user ID: new users are created, changed ones \
                            updated, nobody is deleted. Nothing is sent before you press Apply.";
const NOT_LOADED: &str =
    "Not every user of this app is loaded yet: the sync compares the file with all of \
                          them. Let the list finish loading (or resume it), then preview again.";

/// A sync of one app, kept in the tab's memory.
#[derive(Clone, Default)]
struct SyncMemory {
    text: ArcRwSignal<String>,
    /// AppUserIds a run could not confirm: read back before being sent again.
    uncertain: ArcRwSignal<HashSet<String>>,
    report: ArcRwSignal<Option<SyncRun>>,
}

/// The tab's own handles (not the page's): a run whose answer comes after
/// a 401 swapped the page for the unlock form still lands, so the resume
/// after unlocking knows what is done.
#[derive(Clone)]
struct SyncState {
    text: ArcRwSignal<String>,
    uncertain: ArcRwSignal<HashSet<String>>,
    report: ArcRwSignal<Option<SyncRun>>,
    loaded: ArcRwSignal<LoadedUsers>,
    toasts: Toasts,
}

fn use_sync_state(app_id: &AppId) -> SyncState {
    let memory = use_session().memory;
    let sync = memory.entry::<SyncMemory>(app_id.as_str());
    SyncState {
        text: sync.text,
        uncertain: sync.uncertain,
        report: sync.report,
        loaded: loaded_users_handle(memory, app_id),
        toasts: use_toasts(),
    }
}

type Planned = Memo<Option<Result<SyncPlan, CsvError>>>;

#[component]
pub(crate) fn SyncUsersDialog(open: RwSignal<bool>) -> impl IntoView {
    let app = use_unlocked_app();
    let state = use_sync_state(&app.id);
    let account_sid = app_account_sid(&app);
    let (text, loaded, report) = (
        RwSignal::from(state.text.clone()),
        RwSignal::from(state.loaded.clone()),
        RwSignal::from(state.report.clone()),
    );
    // Made again whenever the loaded list changes: after a run, what landed
    // is loaded, so the plan holds only what is left to do.
    let plan: Planned = Memo::new(move |_| {
        let text = text.get();
        if text.trim().is_empty() {
            return None;
        }
        Some(loaded.with(|l| plan_sync(&text, &l.users, &account_sid.get())))
    });
    let complete = move || loaded.with(|l| l.complete);
    let apply = apply_action(app, state, plan);
    let pending = apply.pending();
    let counts = move || {
        plan.with(|p| match p {
            Some(Ok(plan)) => (plan.create.len(), plan.update.len()),
            _ => (0, 0),
        })
    };
    let label = Signal::derive(move || match (pending.get(), counts()) {
        (true, _) => "Applying…".to_string(),
        (false, (c, u)) => format!("Apply: create {c}, update {u}"),
    });
    let disabled = Signal::derive(move || pending.get() || !complete() || counts() == (0, 0));
    let on_apply = Callback::new(move |()| {
        if !pending.get_untracked() {
            apply.dispatch(());
        }
    });
    view! {
        <Dialog
            id="sync-users"
            title="Sync users from CSV"
            description=|| HOW_IT_WORKS
            open=open
            busy=pending
            on_close=Callback::new(move |_| open.set(false))
        >
            <div class="import-users sync-users">
                <TextSource
                    id="users-sync"
                    file_label="CSV file"
                    paste_label="Or paste the full list"
                    accept=".csv,text/csv,text/plain"
                    text=text
                >
                    "First row: the column names, e.g. "
                    <code>{example_header()}</code>
                    ". Only the columns the file has are compared."
                </TextSource>
                <Show when=move || !complete()>
                    <Notice text=NOT_LOADED kind=NoticeKind::Warn />
                </Show>
                <SyncPreview plan=plan />
                {move || report.get().map(|run| view! { <SyncReport run=run /> })}
                <ImportActions
                    close_label="Close"
                    on_close=Callback::new(move |_| open.set(false))
                    use_label=label
                    use_disabled=disabled
                    on_use=on_apply
                />
            </div>
        </Dialog>
    }
}

/// Applies the plan as it stands when pressed, and lands the outcome.
fn apply_action(app: UnlockedApp, state: SyncState, plan: Planned) -> Action<(), ()> {
    Action::new_local(move |_: &()| {
        let plan = match plan.get_untracked() {
            Some(Ok(plan)) => plan,
            _ => SyncPlan::default(),
        };
        let (token, client, app, state) =
            (app.token.clone(), app.client(), app.clone(), state.clone());
        let uncertain = state.uncertain.get_untracked();
        async move {
            let updates = plan.update.clone();
            let run = apply_sync(&client, &token, plan.create, plan.update, &uncertain).await;
            change_record(app.gate.session.memory).record(Batch {
                app_id: app.id.to_string(),
                app_name: app.name.get_untracked(),
                undoes: None,
                writes: sync_writes(&run, &updates),
            });
            finish(state, run);
        }
    })
}

/// The one place a run's outcome lands: what landed joins the loaded list
/// (so the plan made again leaves it out), the unknown rows are kept for
/// the next run, and the report shows each row.
fn finish(state: SyncState, run: SyncRun) {
    let mut created = Vec::new();
    for row in &run.rows {
        match &row.result {
            RowResult::Created(user) => created.push(user.clone()),
            RowResult::Updated { user, .. } | RowResult::AlreadyThere(user) => {
                remember_updated(state.loaded.clone(), user)
            }
            _ => {}
        }
    }
    let done = created.len();
    remember_created(state.loaded.clone(), created);
    state.uncertain.set(run.uncertain().into_iter().collect());
    let left = run
        .rows
        .iter()
        .filter(|r| {
            !matches!(
                r.result,
                RowResult::Created(_) | RowResult::Updated { .. } | RowResult::AlreadyThere(_)
            )
        })
        .count();
    match &run.stopped_by {
        Some(e) if e.is_unauthorized() => {}
        _ if left == 0 => state.toasts.success(format!(
            "Sync applied: {} rows done ({done} created).",
            run.rows.len()
        )),
        _ => state.toasts.failure(format!(
            "{left} rows are not done; each is listed with why. Apply again to resume."
        )),
    }
    state.report.set(Some(run));
}
