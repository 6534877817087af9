//! Finding one user without loading them all: an admin who knows the App
//! user ID opens that user's page, which asks the server for that user
//! alone (`GET /usermapping?user_id=`), instead of waiting for every page
//! of 10,000 users to arrive.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{AppId, User};
use crate::paths::app_user_href;

/// What was typed, when it can be an App user ID: one word.
fn as_user_id(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty() && !text.contains(char::is_whitespace)).then_some(text)
}

/// The ID `typed` names when no user in `users` has it.
fn not_loaded(typed: &str, users: &[User]) -> Option<String> {
    let id = as_user_id(typed)?;
    (!users.iter().any(|u| u.app_user_id == id)).then(|| id.to_string())
}

/// Beside a list that holds only part of the users (loading stopped
/// short): when the search holds an ID no loaded user has, a link to look
/// it up directly. A complete list has every user, so it offers nothing.
#[component]
pub(crate) fn LookUpOffer(
    app_id: AppId,
    users: Arc<Vec<User>>,
    typed: Memo<String>,
    incomplete: Signal<bool>,
) -> impl IntoView {
    let missing = Memo::new(move |_| {
        incomplete
            .get()
            .then(|| typed.with(|t| not_loaded(t, &users)))?
    });
    move || {
        missing.get().map(|id| {
            view! {
                <p class="card lookup-offer" data-testid="lookup-offer">
                    {format!("No user loaded so far has the App user ID “{id}”. ")}
                    <a href=app_user_href(&app_id, &id)>{format!("Look up “{id}” directly")}</a>
                </p>
            }
        })
    }
}

/// While the users load: open one user by its ID at once. Leaving the
/// page stops the load; the users loaded so far are kept, and Resume goes
/// on from there.
#[component]
pub(crate) fn LookUpForm(app_id: AppId) -> impl IntoView {
    // Bound by hand like every input of the app (see `TextField`).
    let typed = RwSignal::new(String::new());
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(id) = typed.with_untracked(|t| as_user_id(t).map(str::to_string)) {
            navigate(&app_user_href(&app_id, &id), Default::default());
        }
    };
    view! {
        <form class="lookup-form" data-testid="lookup-form" on:submit=submit>
            <label for="lookup-user-id">"Know the App user ID? Open that user now:"</label>
            <input
                id="lookup-user-id"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
                autocomplete="off"
                spellcheck="false"
            />
            <button type="submit" class="btn">
                "Look up"
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users(ids: &[&str]) -> Vec<User> {
        let user = |id: &&str| User {
            app_user_id: id.to_string(),
            ..User::default()
        };
        ids.iter().map(user).collect()
    }

    #[test]
    fn an_id_no_loaded_user_has_is_offered_trimmed() {
        let loaded = users(&["crm-0001", "crm-0002"]);
        assert_eq!(
            not_loaded(" crm-9999 ", &loaded).as_deref(),
            Some("crm-9999")
        );
        assert_eq!(not_loaded("a+b@x.io", &loaded).as_deref(), Some("a+b@x.io"));
    }

    #[test]
    fn a_loaded_id_words_or_nothing_are_not_offered() {
        let loaded = users(&["crm-0001"]);
        assert_eq!(not_loaded("crm-0001", &loaded), None);
        assert_eq!(not_loaded("Priya Sharma", &loaded), None);
        assert_eq!(not_loaded("   ", &loaded), None);
    }
}
