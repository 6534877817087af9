//! Every path of the console: the route table, its guard, and the builders
//! of every link, so a path is written once.

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route, Routes},
    hooks::{use_location, use_navigate, use_params},
    params::Params,
    path, Lazy, NavigateOptions,
};

use crate::features::app_create::page::CreatePage;
use crate::features::app_detail::page::DetailPage;
use crate::features::app_settings::page::SettingsPage;
use crate::features::apps::page::AppsPage;
use crate::features::connect::page::ConnectPage;
use crate::features::shell::not_found::NotFound;
use crate::features::users::list_page::UsersPage;
use crate::features::users::user_page::UserPage;
use crate::state::session::use_session;

pub(crate) mod lazy;

// Sign-in and the apps list are in the first load; every other page is
// fetched on its first visit (see `lazy`). The users list and a user's page
// share one chunk: each is opened from the other, and as two chunks they
// cost 14 KB more (BENCHMARKS.md).
lazy::lazy_page!(CreateRoute, create_route, create_page, CreatePage);
lazy::lazy_page!(DetailRoute, detail_route, detail_page, DetailPage);
lazy::lazy_page!(SettingsRoute, settings_route, settings_page, SettingsPage);
lazy::lazy_page!(UsersRoute, users_route, users_pages, UsersPage);
lazy::lazy_page!(UserRoute, user_route, users_pages, UserPage);

/// Fetches the detail page's chunk in the background, a second after the
/// list has painted and once the browser is idle: opening an app is what an
/// admin does next from the list, and without this its first opening waits
/// for the chunk. Not sooner, so it never competes with the list's own start.
pub(crate) fn prefetch_detail_page() {
    set_timeout(
        || {
            request_idle_callback(|| {
                leptos::task::spawn_local(async {
                    // A failure is shown if the admin opens the page; nothing to say now.
                    let _ = detail_route::preload().await;
                })
            })
        },
        std::time::Duration::from_secs(1),
    );
}

/// The apps list (home).
pub(crate) const APPS: &str = "/";
/// The create form.
pub(crate) const NEW_APP: &str = "/apps/new";
/// The sign-in page.
pub(crate) const CONNECT: &str = "/connect";

/// The console's routes: connect is open, everything else needs a customer
/// token (one guard, around all of them).
#[component]
pub(crate) fn AppRoutes() -> impl IntoView {
    let create_page = Lazy::<CreateRoute>::new();
    let detail_page = Lazy::<DetailRoute>::new();
    let settings_page = Lazy::<SettingsRoute>::new();
    let users_page = Lazy::<UsersRoute>::new();
    let user_page = Lazy::<UserRoute>::new();
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/connect") view=ConnectPage />
            <ParentRoute path=path!("") view=RequireSession>
                <Route path=path!("/") view=AppsPage />
                <Route path=path!("/apps/new") view=create_page />
                <Route path=path!("/apps/:id") view=detail_page />
                <Route path=path!("/apps/:id/settings") view=settings_page />
                <Route path=path!("/apps/:id/users") view=users_page />
                <Route path=path!("/apps/:id/users/:user") view=user_page />
            </ParentRoute>
        </Routes>
    }
}

/// The typed parameters of an app's pages (`/apps/:id`).
#[derive(Params, Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct AppParams {
    pub(crate) id: Option<String>,
}

/// The typed parameters of a user's page (`/apps/:id/users/:user`).
#[derive(Params, Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct UserParams {
    pub(crate) user: Option<String>,
}

/// The AppUserId of the current user page ("" outside one), reactive. The
/// router has already decoded it from the URL.
pub(crate) fn use_user_id() -> Memo<String> {
    let params = use_params::<UserParams>();
    Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.user.clone())
            .unwrap_or_default()
    })
}

/// The AppID of the current app page ("" outside one), reactive.
pub(crate) fn use_app_id() -> Memo<String> {
    let params = use_params::<AppParams>();
    Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.id.clone())
            .unwrap_or_default()
    })
}

/// The apps list with a query string (`search` without its `?`).
pub(crate) fn apps_href(search: &str) -> String {
    if search.is_empty() {
        APPS.to_string()
    } else {
        format!("{APPS}?{search}")
    }
}

/// The detail page of an app (its AppID, URL-encoded).
pub(crate) fn app_href(app_id: &str) -> String {
    format!("/apps/{}", encode(app_id))
}

/// The settings page of an app.
pub(crate) fn app_settings_href(app_id: &str) -> String {
    format!("/apps/{}/settings", encode(app_id))
}

/// The users page of an app.
pub(crate) fn app_users_href(app_id: &str) -> String {
    format!("/apps/{}/users", encode(app_id))
}

/// The page of one user of an app (the AppUserId URL-encoded: it may hold
/// `+`, `@` or `/`).
pub(crate) fn app_user_href(app_id: &str, app_user_id: &str) -> String {
    format!("/apps/{}/users/{}", encode(app_id), encode(app_user_id))
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

/// Shows the nested route only with a customer token; otherwise (including
/// when a 401 clears the token mid-session) sends the admin to connect,
/// keeping where they were so they come back after signing in again.
#[component]
fn RequireSession() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let location = use_location();
    Effect::new(move |_| {
        if !session.is_signed_in() {
            let search = location.search.get_untracked();
            // The router's `search` has no leading '?'.
            let here = match search.trim_start_matches('?') {
                "" => location.pathname.get_untracked(),
                query => format!("{}?{query}", location.pathname.get_untracked()),
            };
            navigate(
                &connect_href(&here),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    view! {
        <Show when=move || session.is_signed_in()>
            <Outlet />
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_limited_to_local_paths() {
        assert_eq!(safe_next(Some("/apps/1".into())), "/apps/1");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(Some("/connect?next=/".into())), "/");
        assert_eq!(safe_next(None), "/");
    }
}
