//! The app an app page is about, as far as the tab knows it without the
//! app's token: from the customer's app list in memory, or that list
//! fetched once (customer token) when the tab has none, so even a locked
//! app is named after a reload. An app read with its own token (the
//! details) is newer and wins.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{App, AppId, IntegrationsApi};
use crate::state::session::{find_app, use_session};

/// The app as known: the last read with its token, else the list's copy.
#[derive(Clone, Copy)]
pub(crate) struct KnownApp {
    /// Set by a page that read the app with its token.
    pub(crate) fresh: RwSignal<Option<App>>,
    /// The customer's list's copy of the app.
    pub(crate) listed: Signal<Option<App>>,
}

impl KnownApp {
    /// The newest copy of the app `app_id` the tab has.
    pub(crate) fn app(&self, app_id: &AppId) -> Option<App> {
        let fresh = self.fresh.get().filter(|app| app.app_id == *app_id);
        fresh.or_else(|| self.listed.get())
    }
}

/// The app `app_id` as known. The list is fetched only when the tab has
/// neither a copy nor a page about to read the app (`read_coming`: the
/// details of an unlocked app read it themselves).
pub(crate) fn use_known_app(app_id: Memo<Option<AppId>>, read_coming: Signal<bool>) -> KnownApp {
    let session = use_session();
    let fresh = RwSignal::new(None::<App>);
    let fetched = LocalResource::new(move || {
        let id = app_id.get();
        let needed = !read_coming.get() && fresh.with(Option::is_none);
        let have = id.as_ref().is_none_or(|id| {
            session
                .known_apps
                .with_untracked(|apps| find_app(apps, id).is_some())
        });
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
    let listed = Signal::derive(move || {
        fetched.track();
        let id = app_id.get()?;
        session.known_apps.with(|apps| find_app(apps, &id))
    });
    KnownApp { fresh, listed }
}

/// The name to show for an app: its name, else its AppID.
pub(crate) fn display_name(app: Option<&App>, app_id: &AppId) -> String {
    app.map(|a| a.app_name.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or(app_id.as_str())
        .to_string()
}
