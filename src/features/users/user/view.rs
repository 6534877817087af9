//! One user of an unlocked app: shown at once from the users loaded in this
//! tab when it is there, then as the server has it (`GET ?user_id=`). A 404
//! is a "no such user" page, not an error.

use leptos::prelude::*;

use crate::api::{ApiError, User, UsersApi};
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::errors::ErrorPanel;
use crate::features::users::loaded::use_loaded_users;
use crate::features::users::user::details::UserDetails;
use crate::features::users::user::devices::DeviceSwitches;
use crate::features::users::user::edit_form::EditUser;
use crate::features::users::user::test_call::TestCall;
use crate::features::users::user_cache::{loaded_user, remember_updated};
use crate::paths::app_users_href;

#[component]
pub(crate) fn UserView(user_id: String) -> impl IntoView {
    let app = use_unlocked_app();
    let loaded = use_loaded_users(&app.id);
    let shown = RwSignal::new(loaded.with_untracked(|l| loaded_user(l, &user_id)));
    let on_saved = Callback::new(move |user: User| {
        remember_updated(loaded, &user);
        shown.try_set(Some(user));
    });
    let read = read_user(&app, user_id.clone(), shown, on_saved);
    let missing = move || matches!(read.get(), Some(Ok(None)));
    let failure = move || match read.get() {
        Some(Err(e)) if !e.is_unauthorized() && e != ApiError::Cancelled => Some(e),
        _ => None,
    };
    let back = app_users_href(&app.id);
    view! {
        <h2 class="user-title">{user_id.clone()}</h2>
        {move || {
            failure()
                .map(|e| {
                    view! {
                        <ErrorPanel
                            action="Reading the user"
                            error=e
                            on_retry=Callback::new(move |_| read.refetch())
                        />
                    }
                })
        }}
        {move || {
            if missing() {
                view! { <NoSuchUser user_id=user_id.clone() back=back.clone() /> }.into_any()
            } else if let Some(user) = shown.get() {
                let user = Signal::derive(move || shown.get().unwrap_or_else(|| user.clone()));
                view! {
                    <UserDetails user=user />
                    <DeviceSwitches user=user on_saved=on_saved />
                    <TestCall user=user />
                    <EditUser user=user on_saved=on_saved />
                }
                    .into_any()
            } else {
                view! { <UserSkeleton /> }.into_any()
            }
        }}
    }
}

/// The authoritative read, whose outcome lands in its own future: what it
/// finds goes to `on_found`; a user that does not exist is no longer shown.
fn read_user(
    app: &UnlockedApp,
    user_id: String,
    shown: RwSignal<Option<User>>,
    on_found: Callback<User>,
) -> LocalResource<Result<Option<User>, ApiError>> {
    let app = app.clone();
    LocalResource::new(move || {
        let (client, token, user_id) = (app.client(), app.token.clone(), user_id.clone());
        async move {
            let read = client.get_user(&token, &user_id).await;
            match &read {
                Ok(Some(user)) => {
                    on_found.try_run(user.clone());
                }
                Ok(None) => {
                    shown.try_set(None);
                }
                Err(_) => {}
            }
            read
        }
    })
}

#[component]
fn NoSuchUser(user_id: String, back: String) -> impl IntoView {
    view! {
        <div class="card no-such-user" data-testid="no-such-user">
            <h2>"No such user"</h2>
            <p>
                {format!(
                    "This app has no user with the App user ID \"{user_id}\". \
                     It may have been deleted, or the link may be mistyped.",
                )}
            </p>
            <a class="btn" href=back>
                "Back to the users"
            </a>
        </div>
    }
}

#[component]
fn UserSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" role="status">
            <span class="visually-hidden">"Loading the user…"</span>
            <div class="skeleton-row"></div>
            <div class="skeleton-row"></div>
        </div>
    }
}
