//! Import users from CSV (pasted or a file): every row is checked as the
//! Add form checks one user, plus repeats inside the file; only the ready
//! rows are sent, in arrays of at most 100; afterwards each sent row's
//! outcome. The text stays in the session until the admin changes it, so
//! nothing pasted is lost on any failure, and rows that failed are still in
//! the preview for a corrected retry.

use leptos::prelude::*;

use crate::api::NewUser;
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::users::import::add::{app_account_sid, record_created};
use crate::features::users::import::csv::{read_import, CsvError, ImportFile, ImportRow};
use crate::features::users::import::flow::{import_rows, RowOutcome};
use crate::features::users::import::outcome::{without_lines, ImportOutcome, ImportReport};
use crate::features::users::import::preview::{ImportCsvSource, ImportPreview};
use crate::features::users::loaded::use_loaded_users;
use crate::features::users::loaded::LoadedUsers;
use crate::features::users::user_cache::{loaded_ids, remember_created};
use crate::features::users::user_drafts::use_import_text;
use crate::features::users::user_fields::BillableUserWarning;
use crate::ui::dialog::Dialog;
use crate::ui::text_import::ImportActions;
use crate::ui::toasts::{use_toasts, Toasts};

const HOW_IT_WORKS: &str = "Each row is checked first; only the rows marked Ready are sent. \
                            Nothing you paste is lost if something fails.";

/// Where an import's outcome goes.
#[derive(Clone, Copy)]
struct ImportTargets {
    toasts: Toasts,
    loaded: RwSignal<LoadedUsers>,
    report: RwSignal<Option<ImportReport>>,
}

#[component]
pub(crate) fn ImportUsersDialog(open: RwSignal<bool>) -> impl IntoView {
    let app = use_unlocked_app();
    let text = use_import_text(&app.id);
    let loaded = use_loaded_users(&app.id);
    let account_sid = app_account_sid(&app);
    // Created rows read as "already exists" once they are loaded: the
    // preview always says what sending again would do.
    let read = Memo::new(move |_| -> Option<Result<ImportFile, CsvError>> {
        let text = text.get();
        if text.trim().is_empty() {
            return None;
        }
        let ids = loaded.with(loaded_ids);
        Some(read_import(&text, &ids, &account_sid.get()))
    });
    let report = RwSignal::new(None::<ImportReport>);
    let targets = ImportTargets {
        toasts: use_toasts(),
        loaded,
        report,
    };
    let ready_rows = move || -> Vec<ImportRow> {
        read.with(|r| match r {
            Some(Ok(file)) => file.rows.iter().filter(|r| r.is_ready()).cloned().collect(),
            _ => Vec::new(),
        })
    };
    let send = send_action(app, targets, ready_rows);
    // Counted where it is shown, without copying the rows.
    let ready_count = move || {
        read.with(|r| match r {
            Some(Ok(file)) => file.rows.iter().filter(|r| r.is_ready()).count(),
            _ => 0,
        })
    };
    let on_create = move |()| {
        if !send.pending().get_untracked() {
            report.set(None);
            send.dispatch(());
        }
    };
    let pending = send.pending();
    view! {
        <Dialog
            id="import-users"
            title="Import users from CSV"
            description=|| HOW_IT_WORKS
            open=open
            busy=pending
            on_close=Callback::new(move |_| open.set(false))
        >
            <div class="import-users">
                <ImportCsvSource text=text />
                <ImportPreview read=read />
                {move || report.get().map(|r| view! { <ImportOutcome report=r /> })}
                <BillableUserWarning />
                <ImportActions
                    close_label="Close"
                    on_close=Callback::new(move |_| open.set(false))
                    use_label=Signal::derive(move || match (pending.get(), ready_count()) {
                        (true, _) => "Creating…".to_string(),
                        (false, 1) => "Create 1 user".to_string(),
                        (false, n) => format!("Create {n} users"),
                    })
                    use_disabled=Signal::derive(move || ready_count() == 0 || pending.get())
                    on_use=Callback::new(on_create)
                >
                    <KeepFailedButton text=text report=report />
                </ImportActions>
            </div>
        </Dialog>
    }
}

/// Sends the rows ready when it is dispatched and lands the outcome. The
/// rows are read at dispatch rather than passed in: an action of `()`, like
/// the delete, keeps the wasm smaller.
fn send_action(
    app: UnlockedApp,
    to: ImportTargets,
    ready_rows: impl Fn() -> Vec<ImportRow> + 'static,
) -> Action<(), ()> {
    Action::new_local(move |_: &()| {
        let (rows, token, client) = (ready_rows(), app.token.clone(), app.client());
        let app = app.clone();
        async move {
            let users: Vec<NewUser> = rows.iter().map(|r| r.draft.to_new_user()).collect();
            let run = import_rows(&client, &token, users.clone()).await;
            record_created(&app, &users, &run);
            // The one place an import's outcome lands.
            finish_import(ImportReport::of(&rows, run), to);
        }
    })
}

/// Rewrites the text to the header and the rows not created yet.
#[component]
fn KeepFailedButton(
    text: RwSignal<String>,
    report: RwSignal<Option<ImportReport>>,
) -> impl IntoView {
    let done =
        move || report.with(|r| r.as_ref().map(ImportReport::done_lines).unwrap_or_default());
    let keep = move |_| {
        if let Ok(left) = without_lines(&text.get_untracked(), &done()) {
            text.set(left);
            report.set(None);
        }
    };
    move || {
        (!done().is_empty()).then(|| {
            view! {
                <button type="button" class="btn" on:click=keep>
                    "Keep only rows not created"
                </button>
            }
        })
    }
}

/// Applies an import's outcome: created users join the loaded list. A
/// refused token is the gate's (the text is kept in the tab's memory).
fn finish_import(report: ImportReport, to: ImportTargets) {
    let created: Vec<_> = report
        .rows
        .iter()
        .filter_map(|r| match &r.outcome {
            RowOutcome::Created(user) => Some(user.as_ref().clone()),
            _ => None,
        })
        .collect();
    let (count, sent) = (report.created, report.rows.len());
    remember_created(to.loaded, created);
    match &report.stopped_by {
        Some(e) if e.is_unauthorized() => {}
        _ if count == sent => to.toasts.success(format!("Created {count} users.")),
        _ => to.toasts.failure(format!(
            "Created {count} of {sent} users; the others are listed with why."
        )),
    }
    to.report.try_set(Some(report));
}
