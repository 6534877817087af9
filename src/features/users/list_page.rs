//! `/apps/<AppID>/users`: the app's user mappings. Needs the app's token;
//! the users loaded so far stay in the session's cache through an unlock.

use leptos::prelude::*;

use super::list_view::UsersListView;
use crate::features::app_detail::frame::{AppTab, AppTokenPage, UnlockedApp};

#[component]
pub(crate) fn UsersPage() -> impl IntoView {
    let content = Callback::new(|app: UnlockedApp| {
        view! {
            <UsersListView
                app_id=app.app_id
                token=app.token
                app_name=app.name
                on_token_refused=app.on_token_refused
            />
        }
        .into_any()
    });
    view! {
        <AppTokenPage
            tab=AppTab::Users
            class="page users-page"
            kept="the users already loaded are kept"
            content=content
        />
    }
}
