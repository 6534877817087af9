//! Deleting every user of an app, the only delete the API has: a dialog
//! that says how many users go, offers their CSV first, and wants the
//! app's name typed; then the list is read again to show what is left.

use leptos::prelude::*;

use super::export::{render_users, users_file_name};
use super::flow::{self, is_trial_account, DeleteFailure};
use super::list_load::PAGE_SIZE;
use super::loaded::LoadedUsers;
use crate::api::ApiError;
use crate::features::app_detail::delete::confirms;
use crate::features::apps::export::ExportFormat;
use crate::state::session::use_session;
use crate::ui::alert::{ErrorPanel, Notice, NoticeKind};
use crate::ui::dialog::Dialog;
use crate::ui::dom::download;
use crate::ui::toasts::use_toasts;

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
    app_id: String,
    token: String,
    #[prop(into)] app_name: Signal<String>,
    open: RwSignal<bool>,
    on_token_refused: Callback<ApiError>,
    /// Reads the list again (the count after deleting was not zero).
    on_reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let cache = session.loaded_users(&app_id);
    let failure = RwSignal::new(None::<DeleteFailure>);
    let toasts = use_toasts();
    let delete = Action::new_local(move |_: &()| {
        let (client, token) = (session.client(), token.clone());
        async move {
            let result = flow::delete_all_and_confirm(&client, &token, PAGE_SIZE).await;
            // The one place a delete's outcome lands.
            match result {
                Ok(left) => {
                    cache.set(LoadedUsers {
                        complete: left == 0,
                        ..LoadedUsers::default()
                    });
                    if left == 0 {
                        toasts.success("Every user of this app was deleted. The list is empty.");
                    } else {
                        toasts.failure(format!("{left} users are still listed after deleting."));
                        on_reload.run(());
                    }
                    open.try_set(false);
                }
                Err(DeleteFailure::Delete(e)) if e.is_unauthorized() => {
                    open.try_set(false);
                    on_token_refused.run(e);
                }
                Err(other) => {
                    failure.try_set(Some(other));
                }
            }
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
    let export = {
        let app_id = app_id.clone();
        move |_| {
            let text = cache.with_untracked(|c| render_users(ExportFormat::Csv, &c.users));
            let format = ExportFormat::Csv;
            download(&users_file_name(format, &app_id), format.mime_type(), &text);
        }
    };
    let expected = Signal::derive(move || app_name.get());
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
            <ConfirmDeleteAll
                app_id=app_id.clone()
                expected=expected
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

/// Why the delete did not end with an empty list.
#[component]
fn DeleteFailureView(failure: DeleteFailure) -> impl IntoView {
    match failure {
        DeleteFailure::Delete(e) => {
            let trial = is_trial_account(&e).then(|| {
                view! {
                    <Notice
                        kind=NoticeKind::Warn
                        text="This Exotel account is a trial account: the API refuses to delete its users. Nothing was deleted."
                    />
                }
            });
            view! {
                {trial}
                <ErrorPanel action="Deleting the users" error=e />
            }
            .into_any()
        }
        DeleteFailure::Recount(flow::LoadFailure::Api(e)) => view! { <ErrorPanel action="The users were deleted, but reading the list again" error=e /> }
        .into_any(),
        DeleteFailure::Recount(other) => {
            let text = format!(
                "The users were deleted, but reading the list again stopped: {}",
                other.message()
            );
            view! { <Notice kind=NoticeKind::Warn text=text /> }.into_any()
        }
    }
}

/// The typed-name confirmation: Delete stays disabled until the app's name
/// (or its AppID when unnamed) is typed.
#[component]
fn ConfirmDeleteAll(
    app_id: String,
    expected: Signal<String>,
    #[prop(into)] pending: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let confirmed = move || confirms(&typed.get(), &expected.get(), &app_id);
    let submit = {
        let confirmed = confirmed.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if confirmed() && !pending.get_untracked() {
                on_confirm.run(());
            }
        }
    };
    view! {
        <form on:submit=submit>
            <label for="confirm-users-delete">
                "Type " <strong>{move || expected.get()}</strong> " to confirm"
            </label>
            <input
                id="confirm-users-delete"
                bind:value=typed
                autocomplete="off"
                spellcheck="false"
            />
            <div class="actions">
                <button
                    type="button"
                    class="btn"
                    on:click=move |_| on_cancel.run(())
                    disabled=move || pending.get()
                >
                    "Cancel"
                </button>
                <button
                    type="submit"
                    class="btn btn-danger"
                    disabled=move || !confirmed() || pending.get()
                >
                    {move || if pending.get() { "Deleting…" } else { "Delete all users" }}
                </button>
            </div>
        </form>
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
