//! Every address of the console, written once: the builders of every link,
//! the typed route parameters, and which page of an app a path is. A leaf:
//! it imports nothing of the app but the AppID type, so every feature may
//! use it, and the route table (`routes`) imports the pages.

use leptos::prelude::*;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use crate::api::AppId;

/// The apps list (home).
pub(crate) const APPS: &str = "/";
/// The create form.
pub(crate) const NEW_APP: &str = "/apps/new";
/// The sign-in page.
pub(crate) const CONNECT: &str = "/connect";
/// Creating a customer (before signing in).
pub(crate) const NEW_CUSTOMER: &str = "/new-customer";
/// The signed-in customer's own page.
pub(crate) const ACCOUNT: &str = "/account";
/// The record of every write this tab made.
pub(crate) const CHANGES: &str = "/changes";

/// The typed parameters of an app's pages (`/apps/:id`).
#[derive(Params, Clone, Debug, PartialEq, Eq, Default)]
struct AppParams {
    id: Option<String>,
}

/// The typed parameters of a user's page (`/apps/:id/users/:user`).
#[derive(Params, Clone, Debug, PartialEq, Eq, Default)]
struct UserParams {
    user: Option<String>,
}

/// The AppID of the current app page (`None` outside one), reactive. The
/// router has already decoded it from the URL.
pub(crate) fn use_app_id() -> Memo<Option<AppId>> {
    let params = use_params::<AppParams>();
    Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.id.clone())
            .filter(|id| !id.is_empty())
            .map(AppId::new)
    })
}

/// The AppUserId of the current user page (`None` outside one), reactive.
pub(crate) fn use_user_id() -> Memo<Option<String>> {
    let params = use_params::<UserParams>();
    Memo::new(move |_| params.read().as_ref().ok().and_then(|p| p.user.clone()))
}

/// The pages of one app, each at its own address under `/apps/<AppID>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AppPage {
    Details,
    Settings,
    Users,
    /// One user (`/users/<AppUserId>`): a page of the Users tab.
    User,
}

impl AppPage {
    /// Which page of an app `path` (a pathname under `/apps/<AppID>`) is.
    pub(crate) fn of_path(path: &str) -> AppPage {
        let mut parts = path.trim_matches('/').split('/').skip(2);
        match (parts.next(), parts.next()) {
            (Some("settings"), _) => AppPage::Settings,
            (Some("users"), Some(user)) if !user.is_empty() => AppPage::User,
            (Some("users"), _) => AppPage::Users,
            _ => AppPage::Details,
        }
    }

    /// The address of this page of `app_id` (a user page: the users list).
    pub(crate) fn href(self, app_id: &AppId) -> String {
        match self {
            AppPage::Details => app_href(app_id),
            AppPage::Settings => app_settings_href(app_id),
            AppPage::Users | AppPage::User => app_users_href(app_id),
        }
    }
}

/// The apps list with a query string (`search` without its `?`).
pub(crate) fn apps_href(search: &str) -> String {
    with_query(APPS, search)
}

/// `path`, and `?search` unless it is empty.
pub(crate) fn with_query(path: &str, search: &str) -> String {
    if search.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{search}")
    }
}

/// The AppID in an app page's address (`/apps/<AppID>/...`), as written
/// there, for code that runs before the router has matched the route (a
/// route's `data`). An AppID the router would decode differently finds no
/// token, and its page reads as it always did.
pub(crate) fn app_id_in(path: &str) -> Option<AppId> {
    let id = path.strip_prefix("/apps/")?.split('/').next()?;
    (!id.is_empty()).then(|| AppId::new(id))
}

/// The detail page of an app (its AppID, URL-encoded).
pub(crate) fn app_href(app_id: &AppId) -> String {
    format!("/apps/{}", encode(app_id.as_str()))
}

/// The settings page of an app.
pub(crate) fn app_settings_href(app_id: &AppId) -> String {
    format!("{}/settings", app_href(app_id))
}

/// The users page of an app.
pub(crate) fn app_users_href(app_id: &AppId) -> String {
    format!("{}/users", app_href(app_id))
}

/// The page of one user of an app (the AppUserId URL-encoded: it may hold
/// `+`, `@` or `/`).
pub(crate) fn app_user_href(app_id: &AppId, app_user_id: &str) -> String {
    format!("{}/{}", app_users_href(app_id), encode(app_user_id))
}

/// The connect page's address that brings the admin back to `here` after
/// signing in. `next` holds a path only, never a token.
pub(crate) fn connect_href(here: &str) -> String {
    format!("{CONNECT}?next={}", encode(here))
}

/// Only same-site paths are followed after sign-in (no open redirect).
pub(crate) fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with(CONNECT))
        .unwrap_or_else(|| APPS.to_string())
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_id_is_read_from_an_app_page_address() {
        assert_eq!(app_id_in("/apps/a1"), Some(AppId::new("a1")));
        assert_eq!(app_id_in("/apps/a1/settings"), Some(AppId::new("a1")));
        assert_eq!(app_id_in("/apps/a1/users/u%201"), Some(AppId::new("a1")));
        assert_eq!(app_id_in("/apps/"), None);
        assert_eq!(app_id_in("/"), None);
        assert_eq!(app_id_in("/account"), None);
    }

    #[test]
    fn next_is_limited_to_local_paths() {
        assert_eq!(safe_next(Some("/apps/1".into())), "/apps/1");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(Some("/connect?next=/".into())), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn each_path_names_its_page_of_the_app() {
        assert_eq!(AppPage::of_path("/apps/a1"), AppPage::Details);
        assert_eq!(AppPage::of_path("/apps/a1/"), AppPage::Details);
        assert_eq!(AppPage::of_path("/apps/a1/settings"), AppPage::Settings);
        assert_eq!(AppPage::of_path("/apps/a1/users"), AppPage::Users);
        assert_eq!(AppPage::of_path("/apps/a1/users/"), AppPage::Users);
        assert_eq!(AppPage::of_path("/apps/a1/users/u%2B1"), AppPage::User);
    }
}
