//! `/apps/<AppID>/users/<AppUserId>`: one user mapping, its devices and its
//! edit. Needs the app's token; without one the page asks for it (the same
//! unlock as the app's details) and keeps any unsaved edit meanwhile.

use leptos::prelude::*;

use super::user_view::UserView;
use crate::features::app_detail::frame::{AppTab, AppTokenPage, UnlockedApp};
use crate::routes::use_user_id;

#[component]
pub(crate) fn UserPage() -> impl IntoView {
    let user_id = use_user_id();
    let content = Callback::new(move |app: UnlockedApp| {
        view! {
            <UserView
                app_id=app.app_id
                user_id=user_id.get()
                token=app.token
                on_token_refused=app.on_token_refused
            />
        }
        .into_any()
    });
    view! {
        <AppTokenPage
            tab=AppTab::Users
            class="page narrow user-page"
            kept="your unsaved edit is kept"
            content=content
        />
    }
}
