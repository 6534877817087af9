//! The frame shared by an app's pages (details, settings, users): the
//! breadcrumb, the app's name, and the tabs between its pages. The name is
//! known even for a locked app after a reload: it comes from the customer's
//! app list, fetched when the tab has none in memory.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::App;
use crate::routes::{self, APPS};
use crate::state::session::{find_app, use_session};

/// One of an app's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AppTab {
    Details,
    Settings,
    Users,
}

impl AppTab {
    const ALL: [AppTab; 3] = [AppTab::Details, AppTab::Settings, AppTab::Users];

    fn label(self) -> &'static str {
        match self {
            AppTab::Details => "Details",
            AppTab::Settings => "Settings",
            AppTab::Users => "Users",
        }
    }

    fn href(self, app_id: &str) -> String {
        match self {
            AppTab::Details => routes::app_href(app_id),
            AppTab::Settings => routes::app_settings_href(app_id),
            AppTab::Users => routes::app_users_href(app_id),
        }
    }
}

/// The app with this AppID as the customer's list has it: from memory, or
/// fetched once (with the customer token) when the tab has no list yet.
pub(crate) fn use_known_app(app_id: Memo<String>) -> Signal<Option<App>> {
    let session = use_session();
    let fetched = LocalResource::new(move || {
        let id = app_id.get();
        let have = session
            .known_apps
            .with_untracked(|apps| find_app(apps, &id).is_some());
        let token = session.customer_token.get_untracked();
        let client = session.client();
        async move {
            let token = token.filter(|_| !have && !id.is_empty())?;
            match client.list_apps(&token).await {
                Ok(apps) => session.remember_apps(Arc::new(apps)),
                Err(e) if e.is_unauthorized() => session.expire_customer(&e),
                // The name is a convenience: without it the page shows the AppID.
                Err(_) => {}
            }
            Some(())
        }
    });
    Signal::derive(move || {
        fetched.track();
        session
            .known_apps
            .with(|apps| find_app(apps, &app_id.get()))
    })
}

/// The name to show for an app: its name, else its AppID.
pub(crate) fn display_name(app: Option<&App>, app_id: &str) -> String {
    app.map(|a| a.app_name.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or(app_id)
        .to_string()
}

/// Breadcrumb, title and tabs above an app page's own content.
#[component]
pub(crate) fn AppFrame(
    tab: AppTab,
    app_id: Memo<String>,
    #[prop(into)] name: Signal<String>,
    /// Shown beside the title (the page's own buttons).
    #[prop(optional, into)]
    actions: ViewFn,
    children: Children,
) -> impl IntoView {
    let tabs = move || {
        let id = app_id.get();
        AppTab::ALL
            .into_iter()
            .map(|t| {
                let current = (t == tab).then_some("page");
                view! {
                    <A href=t.href(&id) attr:class="tab" attr:aria-current=current>
                        {t.label()}
                    </A>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <a href=APPS>"Apps"</a>
            <span aria-hidden="true">" / "</span>
            <span>{name}</span>
        </nav>
        <div class="page-head">
            <h1 data-testid="app-title">{name}</h1>
            <div class="actions">{actions.run()}</div>
        </div>
        <nav class="tabs" aria-label="App pages">
            {tabs}
        </nav>
        {children()}
    }
}
