//! Add one user: the form is checked as a whole before anything is sent
//! (the same checks as an import row), then `POST /usermapping` with an
//! array of one. What was typed stays in the session's draft until the user
//! is created, whatever fails on the way.

use leptos::prelude::*;

use crate::api::{ApiError, User};
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::changes::log::change_record;
use crate::features::changes::record::Batch;
use crate::features::users::import::flow::{import_rows, ImportRun, RowOutcome};
use crate::features::users::import::recorded::created_writes;
use crate::features::users::loaded::{use_loaded_users, LoadedUsers};
use crate::features::users::user_cache::{loaded_ids, remember_created};
use crate::features::users::user_drafts::use_add_draft;
use crate::features::users::user_fields::{
    focus_first, BillableUserWarning, ProblemSummary, UserFields,
};
use crate::features::users::user_refusal::CallRefusal;
use crate::features::users::validate::{check_user, Problem, UserDraft, UserField};
use crate::ui::dialog::Dialog;
use crate::ui::toasts::{use_toasts, Toasts};

/// Where an add's outcome goes.
#[derive(Clone, Copy)]
struct AddTargets {
    toasts: Toasts,
    draft: RwSignal<UserDraft>,
    loaded: RwSignal<LoadedUsers>,
    refusal: RwSignal<Option<ApiError>>,
    open: RwSignal<bool>,
}

#[component]
pub(crate) fn AddUserDialog(open: RwSignal<bool>) -> impl IntoView {
    let app = use_unlocked_app();
    let draft = use_add_draft(&app.id);
    let loaded = use_loaded_users(&app.id);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let refusal = RwSignal::new(None::<ApiError>);
    let account_sid = app_account_sid(&app);
    let targets = AddTargets {
        toasts: use_toasts(),
        draft,
        loaded,
        refusal,
        open,
    };
    let add = add_action(app, targets);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids = loaded.with_untracked(loaded_ids);
        let found = draft.with_untracked(|d| check_user(d, &ids));
        focus_first(&found);
        let ready = found.is_empty();
        problems.set(found);
        refusal.set(None);
        if ready && !add.pending().get_untracked() {
            add.dispatch(draft.get_untracked());
        }
    };
    let pending = add.pending();
    view! {
        <Dialog
            id="add-user"
            title="Add a user"
            description=|| {
                "Maps one person of your application to an Exotel user. Everything is checked before it is sent."
            }
            open=open
            busy=pending
            on_close=Callback::new(move |_| {
                problems.set(Vec::new());
                refusal.set(None);
                open.set(false);
            })
        >
            <form class="form add-user-form" on:submit=on_submit novalidate=true>
                <PrefillAccountSid draft=draft account_sid=account_sid />
                <UserFields draft=draft fields=UserField::ALL.to_vec() problems=problems />
                <BillableUserWarning />
                <ProblemSummary problems=problems />
                {move || {
                    refusal
                        .get()
                        .map(|e| view! { <CallRefusal action="Adding the user" error=e /> })
                }}
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| open.set(false)>
                        "Cancel"
                    </button>
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Adding…" } else { "Add user" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// Sends the user (an array of one) and lands the outcome. Takes the draft,
/// like the edit's save: one action type for both keeps the wasm smaller.
fn add_action(app: UnlockedApp, to: AddTargets) -> Action<UserDraft, ()> {
    Action::new_local(move |draft: &UserDraft| {
        let (user, token, client) = (draft.to_new_user(), app.token.clone(), app.client());
        let app = app.clone();
        async move {
            let mut run = import_rows(&client, &token, vec![user.clone()]).await;
            record_created(&app, &[user], &run);
            // The one place an add's outcome lands.
            finish_add(run.outcomes.pop(), to);
        }
    })
}

/// The users an add or an import sent, in the change record.
pub(crate) fn record_created(app: &UnlockedApp, sent: &[crate::api::NewUser], run: &ImportRun) {
    change_record(app.gate.session.memory).record(Batch {
        app_id: app.id.to_string(),
        app_name: app.name.get_untracked(),
        undoes: None,
        writes: created_writes(sent, run),
    });
}

/// The app's Exotel account SID ("" until the app is known), as the app's
/// frame knows it: from the app list it fetches when the tab has none, so
/// a dialog does not fetch it again.
pub(crate) fn app_account_sid(app: &UnlockedApp) -> Signal<String> {
    let (known, id) = (app.known, app.id.clone());
    Signal::derive(move || {
        known
            .app(&id)
            .map(|a| a.exotel_account_sid)
            .unwrap_or_default()
    })
}

/// Fills the account SID from the app when the form opens and its draft
/// has none, so the admin rarely types it. Renders nothing.
#[component]
fn PrefillAccountSid(draft: RwSignal<UserDraft>, account_sid: Signal<String>) -> impl IntoView {
    let sid = account_sid.get_untracked();
    if !sid.is_empty() && draft.with_untracked(|d| d.exotel_account_sid.trim().is_empty()) {
        draft.update(|d| d.exotel_account_sid = sid);
    }
}

/// Applies an add's outcome: a created user joins the loaded list and the
/// form starts afresh (keeping the account); a refusal keeps everything.
fn finish_add(outcome: Option<RowOutcome>, to: AddTargets) {
    match outcome {
        Some(RowOutcome::Created(user)) => {
            added(&user, to);
            remember_created(to.loaded, vec![*user]);
        }
        Some(RowOutcome::Unconfirmed) => {
            let id = to
                .draft
                .with_untracked(|d| d.app_user_id.trim().to_string());
            to.toasts.success(format!(
                "Sent {id}; the answer did not list it: read the list again to check."
            ));
            to.draft.update(|d| *d = fresh_draft(d));
            to.open.set(false);
        }
        // The gate answers a refused token; the draft stays.
        Some(RowOutcome::Failed(e)) if e.is_unauthorized() => {}
        Some(RowOutcome::Failed(e)) => {
            to.refusal.try_set(Some(e));
        }
        Some(RowOutcome::NotSent) | None => {}
    }
}

fn added(user: &User, to: AddTargets) {
    to.toasts.success(format!(
        "Added {} ({}).",
        user.app_user_id, user.app_username
    ));
    to.draft.update(|d| *d = fresh_draft(d));
    to.open.set(false);
}

/// An empty form for the next user, in the same account.
fn fresh_draft(done: &UserDraft) -> UserDraft {
    UserDraft {
        exotel_account_sid: done.exotel_account_sid.clone(),
        ..UserDraft::default()
    }
}
