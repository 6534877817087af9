//! The frame shared by an app's pages (details, settings, users): the
//! breadcrumb, the app's name, and the tabs between its pages. The name is
//! known even for a locked app after a reload: it comes from the customer's
//! app list, fetched when the tab has none in memory.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{ApiError, App};
use crate::features::app_detail::unlock::UnlockApp;
use crate::routes::{self, use_app_id, APPS};
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
fn use_known_app(app_id: Memo<String>) -> Signal<Option<App>> {
    known_app(app_id, Signal::stored(false))
}

/// [`use_known_app`] for a page that reads the app itself once unlocked
/// (the details): the list is fetched only while the app is locked.
pub(crate) fn use_known_app_while_locked(app_id: Memo<String>) -> Signal<Option<App>> {
    let session = use_session();
    known_app(
        app_id,
        Signal::derive(move || session.app_token(&app_id.get()).is_some()),
    )
}

fn known_app(app_id: Memo<String>, unlocked: Signal<bool>) -> Signal<Option<App>> {
    let session = use_session();
    let fetched = LocalResource::new(move || {
        let id = app_id.get();
        let needed = !unlocked.get() && !id.is_empty();
        let have = session
            .known_apps
            .with_untracked(|apps| find_app(apps, &id).is_some());
        let token = session.customer_token.get_untracked();
        let client = session.client();
        async move {
            let token = token.filter(|_| needed && !have)?;
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
                // A plain link (the router still handles its click): the
                // router's `<A>` would also mark Details current on its
                // sub-pages, as their paths start with its path.
                let current = (t == tab).then_some("page");
                view! {
                    <a href=t.href(&id) class="tab" aria-current=current>
                        {t.label()}
                    </a>
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

/// What a page of an unlocked app works with.
#[derive(Clone)]
pub(crate) struct UnlockedApp {
    pub(crate) app_id: String,
    pub(crate) token: String,
    pub(crate) name: Signal<String>,
    /// Tells the frame the API refused the token: it is dropped and the
    /// unlock form comes back, saying why.
    pub(crate) on_token_refused: Callback<ApiError>,
}

/// A page of one app that needs the app's token (settings, users): the
/// frame, and either the page's content or the unlock form. What the page
/// holds in memory (edits, loaded users) outlives a trip through unlock.
#[component]
pub(crate) fn AppTokenPage(
    tab: AppTab,
    /// The section's classes ("page narrow settings-page").
    class: &'static str,
    /// What the unlock form's reason promises is kept ("your unsaved edits are kept").
    kept: &'static str,
    content: Callback<UnlockedApp, AnyView>,
) -> impl IntoView {
    let session = use_session();
    let app_id = use_app_id();
    let known = use_known_app(app_id);
    let name = Signal::derive(move || display_name(known.get().as_ref(), &app_id.get()));
    let token = Memo::new(move |_| session.app_token(&app_id.get()));
    let unlock_reason = RwSignal::new(None::<String>);
    let on_token_refused = Callback::new(move |e: ApiError| {
        unlock_reason.set(Some(format!(
            "The app token was refused ({e}). Enter the AppSecret to get a new one; {kept}."
        )));
        session.forget_app_token(&app_id.get_untracked());
    });
    let body = move || match token.get() {
        Some(token) => content.run(UnlockedApp {
            app_id: app_id.get(),
            token,
            name,
            on_token_refused,
        }),
        None => view! { <UnlockApp app_id=app_id.get() reason=unlock_reason /> }.into_any(),
    };
    view! {
        <section class=class>
            <AppFrame tab=tab app_id=app_id name=name>
                {body}
            </AppFrame>
        </section>
    }
}
