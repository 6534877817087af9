//! Router, layout and the context every page shares.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    hooks::{use_location, use_navigate},
    path, NavigateOptions,
};

use crate::components::header::Header;
use crate::components::request_log_panel::RequestLogPanel;
use crate::components::shortcuts::Shortcuts;
use crate::components::toasts::{ToastHost, Toasts};
use crate::config::default_api_base;
use crate::pages::{
    app_create::CreatePage, app_detail::DetailPage, apps_list::AppsPage, connect::ConnectPage,
    not_found::NotFound,
};
use crate::session::{use_session, Session};

#[component]
pub fn App() -> impl IntoView {
    provide_context(Session::load(default_api_base()));
    provide_context(Toasts::new());
    view! {
        <Router>
            <Shortcuts/>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/connect") view=ConnectPage/>
                    <Route path=path!("/") view=|| view! { <RequireSession><AppsPage/></RequireSession> }/>
                    <Route path=path!("/apps/new") view=|| view! { <RequireSession><CreatePage/></RequireSession> }/>
                    <Route path=path!("/apps/:id") view=|| view! { <RequireSession><DetailPage/></RequireSession> }/>
                </Routes>
                <RequestLogPanel/>
            </main>
            <ToastHost/>
        </Router>
    }
}

/// The connect page's address that brings the admin back to `here` after
/// signing in. `next` holds a path only, never a token.
pub fn connect_href(here: &str) -> String {
    let next: String = js_sys::encode_uri_component(here).into();
    format!("/connect?next={next}")
}

/// Only same-site paths are followed after sign-in (no open redirect).
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/connect"))
        .unwrap_or_else(|| "/".to_string())
}

/// Shows its children only with a customer token; otherwise (including when
/// a 401 clears the token mid-session) sends the admin to connect, keeping
/// where they were so they come back after signing in again.
#[component]
fn RequireSession(children: ChildrenFn) -> impl IntoView {
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
    view! { <Show when=move || session.is_signed_in()>{children()}</Show> }
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
