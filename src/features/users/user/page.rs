//! `/apps/<AppID>/users/<AppUserId>`: one user mapping of the unlocked
//! app, its devices and its edit. The app's parent route shows it only with
//! the app's token; an unsaved edit is kept in the tab's memory meanwhile.

use leptos::prelude::*;

use super::view::UserView;
use crate::paths::use_user_id;

#[component]
pub(crate) fn UserPage() -> impl IntoView {
    let user_id = use_user_id();
    move || user_id.get().map(|id| view! { <UserView user_id=id /> })
}
