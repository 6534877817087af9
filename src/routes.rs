//! The route table and its guard: which page each path shows. The
//! addresses themselves are built in [`crate::paths`].

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, ParentRoute, Route, Routes},
    hooks::{use_location, use_navigate},
    path, Lazy, NavigateOptions,
};

use crate::features::account::page::AccountPage;
use crate::features::app_create::page::CreatePage;
use crate::features::app_detail::page::DetailPage;
use crate::features::app_settings::page::SettingsPage;
use crate::features::app_shell::first_reads::{frame_reads_first, page_reads_first};
use crate::features::app_shell::shell::AppShell;
use crate::features::apps::page::AppsPage;
use crate::features::changes::page::ChangesPage;
use crate::features::connect::new_customer::NewCustomerPage;
use crate::features::connect::page::ConnectPage;
use crate::features::shell::not_found::NotFound;
use crate::features::users::UserPage;
use crate::features::users::{users_kept, UsersPage};
use crate::paths::{connect_href, AppPage};
use crate::state::prefetch;
use crate::state::session::use_session;

pub(crate) mod lazy;

// Sign-in and the apps list are in the first load; every other page is
// fetched on its first visit (see `lazy`). The users list and a user's page
// share one chunk: each is opened from the other, and as two chunks they
// cost 14 KB more (BENCHMARKS.md). So do an app's frame (its parent route)
// and its details, which are always shown together first.
lazy::lazy_page!(CreateRoute, create_route, create_page, CreatePage);
lazy::lazy_page!(
    NewCustomerRoute,
    new_customer_route,
    customer_pages,
    NewCustomerPage
);
lazy::lazy_page!(AccountRoute, account_route, customer_pages, AccountPage);
lazy::lazy_page!(ChangesRoute, changes_route, changes_page, ChangesPage);
// An app's frame, its details, settings and users list send their first
// reads as navigation starts, while their chunks download (`first_reads`).
lazy::lazy_page!(
    AppShellRoute,
    app_shell_route,
    detail_page,
    AppShell,
    first = frame_reads_first()
);
lazy::lazy_page!(
    DetailRoute,
    detail_route,
    detail_page,
    DetailPage,
    in_unlocked_app,
    first = page_reads_first(AppPage::Details, None)
);
lazy::lazy_page!(
    SettingsRoute,
    settings_route,
    settings_page,
    SettingsPage,
    in_unlocked_app,
    first = page_reads_first(AppPage::Settings, None)
);
lazy::lazy_page!(
    UsersRoute,
    users_route,
    users_pages,
    UsersPage,
    in_unlocked_app,
    first = page_reads_first(AppPage::Users, Some(users_kept))
);
lazy::lazy_page!(
    UserRoute,
    user_route,
    users_pages,
    UserPage,
    in_unlocked_app
);

/// Fetches the chunk of an app's frame and details in the background, a
/// second after the list has painted and once the browser is idle: opening
/// an app is what an admin does next from the list, and without this its
/// first opening waits for the chunk. Not sooner, so it never competes with
/// the list's own start.
fn prefetch_app_pages() {
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

/// The console's routes: connect is open, everything else needs a customer
/// token (one guard, around all of them). An app's pages are children of
/// one parent route (the frame and the token gate, `AppShell`), which
/// gives them the unlocked app.
#[component]
pub(crate) fn AppRoutes() -> impl IntoView {
    prefetch::set_next(prefetch_app_pages);
    let create_page = Lazy::<CreateRoute>::new();
    let new_customer_page = Lazy::<NewCustomerRoute>::new();
    let account_page = Lazy::<AccountRoute>::new();
    let changes_page = Lazy::<ChangesRoute>::new();
    let app_shell = Lazy::<AppShellRoute>::new();
    let detail_page = Lazy::<DetailRoute>::new();
    let settings_page = Lazy::<SettingsRoute>::new();
    let users_page = Lazy::<UsersRoute>::new();
    let user_page = Lazy::<UserRoute>::new();
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/connect") view=ConnectPage />
            <Route path=path!("/new-customer") view=new_customer_page />
            <ParentRoute path=path!("") view=RequireSession>
                <Route path=path!("/") view=AppsPage />
                <Route path=path!("/apps/new") view=create_page />
                <Route path=path!("/account") view=account_page />
                <Route path=path!("/changes") view=changes_page />
                <ParentRoute path=path!("/apps/:id") view=app_shell>
                    <Route path=path!("") view=detail_page />
                    <Route path=path!("/settings") view=settings_page />
                    <Route path=path!("/users") view=users_page />
                    <Route path=path!("/users/:user") view=user_page />
                </ParentRoute>
            </ParentRoute>
        </Routes>
    }
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
