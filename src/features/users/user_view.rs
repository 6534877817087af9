//! One user of an unlocked app: shown at once from the users loaded in this
//! tab when it is there, then as the server has it (`GET ?user_id=`). A 404
//! is a "no such user" page, not an error.

use leptos::prelude::*;

use super::devices::DeviceSwitches;
use super::edit_form::EditUser;
use super::flow::load_user;
use super::user_cache::{loaded_user, remember_updated};
use super::user_details::UserDetails;
use crate::api::{ApiError, User};
use crate::routes::app_users_href;
use crate::state::session::use_session;
use crate::ui::alert::ErrorPanel;

#[component]
pub(crate) fn UserView(
    app_id: String,
    user_id: String,
    token: String,
    on_token_refused: Callback<ApiError>,
) -> impl IntoView {
    let session = use_session();
    let loaded = session.loaded_users(&app_id);
    let shown = RwSignal::new(loaded.with_untracked(|l| loaded_user(l, &user_id)));
    let on_saved = Callback::new(move |user: User| {
        remember_updated(loaded, &user);
        shown.set(Some(user));
    });
    let read = read_user(
        token.clone(),
        user_id.clone(),
        shown,
        on_saved,
        on_token_refused,
    );
    let missing = move || matches!(read.get(), Some(Ok(None)));
    let failure = move || match read.get() {
        Some(Err(e)) if !e.is_unauthorized() && e != ApiError::Cancelled => Some(e),
        _ => None,
    };
    let back = app_users_href(&app_id);
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
                    <DeviceSwitches
                        token=token.clone()
                        user=user
                        on_saved=on_saved
                        on_token_refused=on_token_refused
                    />
                    <EditUser
                        app_id=app_id.clone()
                        token=token.clone()
                        user=user
                        on_saved=on_saved
                        on_token_refused=on_token_refused
                    />
                }
                    .into_any()
            } else {
                view! { <UserSkeleton /> }.into_any()
            }
        }}
    }
}

/// The authoritative read: what it finds goes to `on_found`; a user that
/// does not exist is no longer shown.
fn read_user(
    token: String,
    user_id: String,
    shown: RwSignal<Option<User>>,
    on_found: Callback<User>,
    on_token_refused: Callback<ApiError>,
) -> LocalResource<Result<Option<User>, ApiError>> {
    let session = use_session();
    let read = LocalResource::new(move || {
        let (client, token, user_id) = (session.client(), token.clone(), user_id.clone());
        async move { load_user(&client, &token, &user_id).await }
    });
    // The one place the read's outcome lands.
    Effect::new(move |_| match read.get() {
        Some(Ok(Some(user))) => on_found.run(user),
        Some(Ok(None)) => shown.set(None),
        Some(Err(e)) if e.is_unauthorized() => on_token_refused.run(e),
        _ => {}
    });
    read
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
