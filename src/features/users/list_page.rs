//! `/apps/:id/users`: the app's user mappings.

use leptos::prelude::*;

use super::list_view::UsersListView;
use crate::api::ApiError;
use crate::features::app_detail::frame::{display_name, use_known_app, AppFrame, AppTab};
use crate::features::app_detail::unlock::UnlockApp;
use crate::routes::use_app_id;
use crate::state::session::use_session;

#[component]
pub(crate) fn UsersPage() -> impl IntoView {
    let session = use_session();
    let app_id = use_app_id();
    let known = use_known_app(app_id);
    let name = Signal::derive(move || display_name(known.get().as_ref(), &app_id.get()));
    let token = Memo::new(move |_| session.app_token(&app_id.get()));
    let unlock_reason = RwSignal::new(None::<String>);
    // The users loaded so far stay in the session's cache meanwhile.
    let on_token_refused = Callback::new(move |e: ApiError| {
        unlock_reason.set(Some(format!(
            "The app token was refused ({e}). Enter the AppSecret to get a new one; the users already loaded are kept."
        )));
        session.forget_app_token(&app_id.get_untracked());
    });
    let content = move || match token.get() {
        Some(token) => view! {
            <UsersListView
                app_id=app_id.get()
                token=token
                app_name=name
                on_token_refused=on_token_refused
            />
        }
        .into_any(),
        None => view! { <UnlockApp app_id=app_id.get() reason=unlock_reason /> }.into_any(),
    };
    view! {
        <section class="page users-page">
            <AppFrame tab=AppTab::Users app_id=app_id name=name>
                {content}
            </AppFrame>
        </section>
    }
}
