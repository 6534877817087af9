//! Keeping the users loaded in this tab ([`LoadedUsers`]) in step with what
//! the add, import, edit and device calls answered, so the list and the
//! user page show it without reading every page again.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::api::User;
use crate::features::users::loaded::LoadedUsers;

/// Appends users the server has just created. `loaded`: the page's signal,
/// or the tab's own handle for an outcome that may land after the page
/// is gone (a sync).
pub(crate) fn remember_created<S>(loaded: S, created: Vec<User>)
where
    S: Update<Value = LoadedUsers>,
{
    if created.is_empty() {
        return;
    }
    loaded.update(|l| {
        let mut users = Vec::with_capacity(l.users.len() + created.len());
        users.extend(l.users.iter().cloned());
        users.extend(created);
        l.users = Arc::new(users);
    });
}

/// Replaces the loaded copy of `user` (same AppUserId) with the server's
/// answer; a user not loaded stays not loaded.
pub(crate) fn remember_updated<S>(loaded: S, user: &User)
where
    S: Update<Value = LoadedUsers> + WithUntracked<Value = LoadedUsers>,
{
    let position = loaded.with_untracked(|l| {
        l.users
            .iter()
            .position(|u| u.app_user_id == user.app_user_id)
    });
    if let Some(position) = position {
        loaded.update(|l| {
            let mut users = l.users.as_ref().clone();
            users[position] = user.clone();
            l.users = Arc::new(users);
        });
    }
}

/// The loaded user with this AppUserId, if loaded.
pub(crate) fn loaded_user(loaded: &LoadedUsers, app_user_id: &str) -> Option<User> {
    loaded
        .users
        .iter()
        .find(|u| u.app_user_id == app_user_id)
        .cloned()
}

/// Every loaded AppUserId (what an add or import must not repeat).
pub(crate) fn loaded_ids(loaded: &LoadedUsers) -> HashSet<String> {
    loaded.users.iter().map(|u| u.app_user_id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, email: &str) -> User {
        User {
            app_user_id: id.into(),
            email: email.into(),
            ..User::default()
        }
    }

    fn loaded(users: Vec<User>) -> RwSignal<LoadedUsers> {
        RwSignal::new(LoadedUsers {
            users: Arc::new(users),
            complete: true,
            resume_from: None,
        })
    }

    #[test]
    fn created_users_are_appended_in_order() {
        let cache = loaded(vec![user("a", "")]);
        remember_created(cache, vec![user("b", ""), user("c", "")]);
        let ids = cache.with_untracked(loaded_ids);
        assert_eq!(ids, ["a", "b", "c"].map(String::from).into());
        let order: Vec<String> =
            cache.with_untracked(|l| l.users.iter().map(|u| u.app_user_id.clone()).collect());
        assert_eq!(order, ["a", "b", "c"]);
        assert!(cache.with_untracked(|l| l.complete));
    }

    #[test]
    fn an_update_replaces_only_a_loaded_user() {
        let cache = loaded(vec![user("a", "old@x.io"), user("b", "")]);
        remember_updated(cache, &user("a", "new@x.io"));
        remember_updated(cache, &user("z", "z@x.io"));
        cache.with_untracked(|l| {
            assert_eq!(loaded_user(l, "a").unwrap().email, "new@x.io");
            assert_eq!(l.users.len(), 2);
            assert!(loaded_user(l, "z").is_none());
        });
    }
}
