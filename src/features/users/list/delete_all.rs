//! Deleting every user of an app, the only delete the API has: a dialog
//! that says how many users go, offers their CSV first, and wants the
//! app's name typed; then the list is read again to show what is left.

use leptos::prelude::*;

use crate::api::users::PAGE_SIZE;
use crate::api::AppId;
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::changes::log::change_record;
use crate::features::changes::record::{Batch, Outcome, Subject, Write};
use crate::features::errors::ErrorPanel;
use crate::features::list::export::ExportFormat;
use crate::features::users::list::export::{render_users, users_file_name};
use crate::features::users::list::flow::{self, DeleteFailure};
use crate::features::users::loaded::{use_loaded_users, LoadedUsers};
use crate::features::users::user_refusal::is_trial_account;
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::dialog::Dialog;
use crate::ui::dom::download;
use crate::ui::toasts::{use_toasts, Toasts};
use crate::ui::typed_confirmation::TypedConfirmation;

const TRIAL_DELETE: &str =
    "This Exotel account is a trial account: the API refuses to delete its users. Nothing was deleted.";
const RECOUNT: &str = "The users were deleted, but reading the list again";

/// The part of the dialog's text that says how many users go.
fn users_going(count: usize, complete: bool) -> String {
    let s = if count == 1 { "" } else { "s" };
    if complete {
        format!("all {count} user{s}")
    } else {
        format!("all users (at least the {count} loaded so far)")
    }
}

#[component]
pub(crate) fn DeleteAllDialog(
    open: RwSignal<bool>,
    /// Reads the list again (the count after deleting was not zero).
    on_reload: Callback<()>,
) -> impl IntoView {
    let app = use_unlocked_app();
    let (app_id, app_name) = (app.id.clone(), app.name);
    let cache = use_loaded_users(&app_id);
    let failure = RwSignal::new(None::<DeleteFailure>);
    let targets = DeleteTargets {
        cache,
        open,
        failure,
        toasts: use_toasts(),
        on_reload,
    };
    let delete = Action::new_local(move |_: &()| {
        let (client, token, app) = (app.client(), app.token.clone(), app.clone());
        let before = cache.with_untracked(|c| users_going(c.users.len(), c.complete));
        async move {
            let result = flow::delete_all_and_confirm(&client, &token, PAGE_SIZE).await;
            record_deleted(&app, before, &result);
            finish_delete(result, targets);
        }
    });
    let pending = delete.pending();
    let description = move || {
        let going = cache.with(|c| users_going(c.users.len(), c.complete));
        view! {
            "This deletes "
            {going}
            " of "
            <strong>{app_name.get_untracked()}</strong>
            ". The API cannot delete one user, and this cannot be undone: "
            "save them as CSV first if you may need them again."
        }
    };
    // The app's name, or its AppID when it has none.
    let expected = app_name;
    let export = move |_| export_csv(cache, &app_id);
    view! {
        <Dialog
            id="delete-users"
            title="Delete all users of this app?"
            description=description
            open=open
            busy=pending
            on_close=Callback::new(move |()| {
                failure.set(None);
                open.set(false);
            })
        >
            <p>
                <button type="button" class="btn" on:click=export.clone()>
                    "Export CSV of these users"
                </button>
            </p>
            {move || failure.get().map(|f| view! { <DeleteFailureView failure=f /> })}
            <TypedConfirmation
                input_id="confirm-users-delete"
                expected=expected
                button="Delete all users"
                pending_button="Deleting…"
                pending=pending
                on_confirm=Callback::new(move |()| {
                    failure.set(None);
                    delete.dispatch(());
                })
                on_cancel=Callback::new(move |()| open.set(false))
            />
        </Dialog>
    }
}

/// The delete in the change record (the API answered it: done or not).
fn record_deleted(app: &UnlockedApp, before: String, result: &Result<usize, DeleteFailure>) {
    let outcome = match result {
        Err(DeleteFailure::Delete(e)) => Outcome::of_error(e),
        _ => Outcome::Done,
    };
    let after = match result {
        Ok(left) => Some(format!("{left} users listed after")),
        _ => None,
    };
    change_record(app.gate.session.memory).record(Batch {
        app_id: app.id.to_string(),
        app_name: app.name.get_untracked(),
        undoes: None,
        writes: vec![Write {
            subject: Subject::UsersDeleted,
            before: Some(before),
            after,
            outcome,
            request_id: None,
        }],
    });
}

/// Saves the loaded users as CSV (the dialog's "export first").
fn export_csv(cache: RwSignal<LoadedUsers>, app_id: &AppId) {
    let format = ExportFormat::Csv;
    let text = cache.with_untracked(|c| render_users(format, &c.users));
    let name = users_file_name(format, app_id.as_str());
    download(&name, format.mime_type(), &text);
}

/// What a delete's outcome changes.
#[derive(Clone, Copy)]
struct DeleteTargets {
    cache: RwSignal<LoadedUsers>,
    open: RwSignal<bool>,
    failure: RwSignal<Option<DeleteFailure>>,
    toasts: Toasts,
    on_reload: Callback<()>,
}

/// The one place a delete's outcome lands: the list becomes what the
/// recount found; a refused token closes the dialog (the gate puts the
/// unlock form in the page's place); other failures stay in the dialog.
fn finish_delete(result: Result<usize, DeleteFailure>, t: DeleteTargets) {
    match result {
        Ok(left) => {
            t.cache.set(LoadedUsers {
                complete: left == 0,
                ..LoadedUsers::default()
            });
            if left == 0 {
                t.toasts
                    .success("Every user of this app was deleted. The list is empty.");
            } else {
                t.toasts
                    .failure(format!("{left} users are still listed after deleting."));
                t.on_reload.run(());
            }
            t.open.try_set(false);
        }
        Err(DeleteFailure::Delete(e)) if e.is_unauthorized() => {
            t.open.try_set(false);
        }
        Err(other) => {
            t.failure.try_set(Some(other));
        }
    }
}

/// Why the delete did not end with an empty list.
#[component]
fn DeleteFailureView(failure: DeleteFailure) -> impl IntoView {
    match failure {
        DeleteFailure::Delete(e) => {
            let trial = is_trial_account(&e).then(|| {
                view! { <Notice kind=NoticeKind::Warn text=TRIAL_DELETE /> }
            });
            view! {
                {trial}
                <ErrorPanel action="Deleting the users" error=e />
            }
            .into_any()
        }
        DeleteFailure::Recount(flow::LoadFailure::Api(e)) => {
            view! { <ErrorPanel action=RECOUNT error=e /> }.into_any()
        }
        DeleteFailure::Recount(other) => {
            let text = format!(
                "The users were deleted, but reading the list again stopped: {}",
                other.message()
            );
            view! { <Notice kind=NoticeKind::Warn text=text /> }.into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::users_going;

    #[test]
    fn says_how_many_users_go() {
        assert_eq!(users_going(250, true), "all 250 users");
        assert_eq!(users_going(1, true), "all 1 user");
        assert_eq!(
            users_going(200, false),
            "all users (at least the 200 loaded so far)"
        );
    }
}
