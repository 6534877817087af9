//! `/apps/<AppID>/users`: the unlocked app's user mappings. The app's
//! parent route shows it only with the app's token; the users loaded so
//! far stay in the tab's memory through an unlock.

use leptos::prelude::*;

use super::view::UsersListView;

#[component]
pub(crate) fn UsersPage() -> impl IntoView {
    view! { <UsersListView /> }
}
