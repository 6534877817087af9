//! `/apps/<AppID>/users/<AppUserId>`: one user mapping, its devices and its
//! edit. Needs the app's token; without one the page asks for it (the same
//! unlock as the app's details) and keeps any unsaved edit meanwhile.

use leptos::prelude::*;

use super::user_view::UserView;
use crate::api::ApiError;
use crate::features::app_detail::frame::{display_name, use_known_app, AppFrame, AppTab};
use crate::features::app_detail::unlock::UnlockApp;
use crate::routes::{use_app_id, use_user_id};
use crate::state::session::use_session;

#[component]
pub(crate) fn UserPage() -> impl IntoView {
    let session = use_session();
    let app_id = use_app_id();
    let user_id = use_user_id();
    let known = use_known_app(app_id);
    let name = Signal::derive(move || display_name(known.get().as_ref(), &app_id.get()));
    let token = Memo::new(move |_| session.app_token(&app_id.get()));
    let unlock_reason = RwSignal::new(None::<String>);
    let on_token_refused = Callback::new(move |e: ApiError| {
        unlock_reason.set(Some(format!(
            "The app token was refused ({e}). Enter the AppSecret to get a new one; your unsaved edit is kept."
        )));
        session.forget_app_token(&app_id.get_untracked());
    });
    let content = move || match token.get() {
        Some(token) => view! {
            <UserView
                app_id=app_id.get()
                user_id=user_id.get()
                token=token
                on_token_refused=on_token_refused
            />
        }
        .into_any(),
        None => view! { <UnlockApp app_id=app_id.get() reason=unlock_reason /> }.into_any(),
    };
    view! {
        <section class="page narrow user-page">
            <AppFrame tab=AppTab::Users app_id=app_id name=name>
                {content}
            </AppFrame>
        </section>
    }
}
