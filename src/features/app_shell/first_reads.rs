//! What an app's pages read first, sent as navigation to them starts, while
//! their code is still downloading. The routes of the frame and of each
//! page call [`frame_reads_first`] or [`page_reads_first`] from their
//! `data` (in the main module, before the chunk is fetched); the pages make
//! their calls as always and take those answers (`api::early`).
//! [`first_read`] is the rule both follow: the frame asks for the app list
//! only when it will (`use_known_app`), a page only for what it shows.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::endpoints::{APP_LIST, THIS_APP};
use crate::api::settings::SETTINGS;
use crate::api::AppId;
use crate::paths::AppPage;
use crate::state::session::Session;

/// The route being entered: the frame (the parent route, on `page`), or a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Entered {
    Frame(AppPage),
    Page(AppPage),
}

/// A read an app's page makes as soon as it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FirstRead {
    /// The customer's apps, for the app's name (customer token).
    AppList,
    /// The app itself (`GET /app?entity=app`, app token).
    ThisApp,
    /// Its settings (`GET /app_setting`, app token).
    Settings,
}

/// Whether `page` reads the app with its own token: the details of an
/// unlocked app do, so the frame needs no list for its name.
pub(crate) fn page_reads_app(page: AppPage, unlocked: bool) -> bool {
    page == AppPage::Details && unlocked
}

/// What entering `entered` reads at once: `unlocked`, the tab holds the
/// app's token; `listed`, its list in memory holds the app.
pub(crate) fn first_read(entered: Entered, unlocked: bool, listed: bool) -> Option<FirstRead> {
    match entered {
        Entered::Frame(page) => {
            (!listed && !page_reads_app(page, unlocked)).then_some(FirstRead::AppList)
        }
        Entered::Page(AppPage::Details) => unlocked.then_some(FirstRead::ThisApp),
        Entered::Page(AppPage::Settings) => unlocked.then_some(FirstRead::Settings),
        Entered::Page(_) => None,
    }
}

/// The AppID in an app page's address (`/apps/<AppID>/...`), as written
/// there. An AppID the router would decode differently finds no token, and
/// its page reads as it always did.
fn app_id_in(path: &str) -> Option<AppId> {
    let id = path.strip_prefix("/apps/")?.split('/').next()?;
    (!id.is_empty()).then(|| AppId::new(id))
}

/// Sends the frame's first read: its route's `data`, as navigation to an
/// app's pages starts.
pub(crate) fn frame_reads_first() {
    read_first(None);
}

/// Sends the first read of `page`: its route's `data`, as navigation to it starts.
pub(crate) fn page_reads_first(page: AppPage) {
    read_first(Some(page));
}

/// Sends the first read of the page route entered (`None`: the frame, on
/// the page the address names). The router's location is already the new
/// address.
fn read_first(page: Option<AppPage>) {
    let Some(session) = use_context::<Session>() else {
        return;
    };
    let path = use_location().pathname.get_untracked();
    let Some(app_id) = app_id_in(&path) else {
        return;
    };
    let entered = match page {
        None => Entered::Frame(AppPage::of_path(&path)),
        Some(page) => Entered::Page(page),
    };
    let app_token = session.app_token_untracked(&app_id);
    let listed = session
        .known_apps
        .with_untracked(|apps| apps.iter().any(|app| app.app_id == app_id));
    let (path, token) = match first_read(entered, app_token.is_some(), listed) {
        Some(FirstRead::AppList) => (
            APP_LIST,
            session
                .customer_token
                .get_untracked()
                .map(|t| t.expose().to_string()),
        ),
        Some(FirstRead::ThisApp) => (THIS_APP, app_token.map(|t| t.expose().to_string())),
        Some(FirstRead::Settings) => (SETTINGS, app_token.map(|t| t.expose().to_string())),
        None => return,
    };
    if let Some(token) = token {
        session.client().read_early(path, &token);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGES: [AppPage; 4] = [
        AppPage::Details,
        AppPage::Settings,
        AppPage::Users,
        AppPage::User,
    ];

    #[test]
    fn the_frame_lists_the_apps_when_the_name_is_unknown_and_no_page_reads_the_app() {
        for page in PAGES {
            for unlocked in [false, true] {
                let expected = !page_reads_app(page, unlocked);
                let read = first_read(Entered::Frame(page), unlocked, false);
                assert_eq!(
                    read == Some(FirstRead::AppList),
                    expected,
                    "{page:?} {unlocked}"
                );
                assert_eq!(first_read(Entered::Frame(page), unlocked, true), None);
            }
        }
        // Unlocked details read the app themselves.
        assert_eq!(
            first_read(Entered::Frame(AppPage::Details), true, false),
            None
        );
        assert_eq!(
            first_read(Entered::Frame(AppPage::Settings), true, false),
            Some(FirstRead::AppList)
        );
    }

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
    fn an_unlocked_page_reads_what_it_shows_and_a_locked_one_nothing() {
        let unlocked = |page| first_read(Entered::Page(page), true, false);
        assert_eq!(unlocked(AppPage::Details), Some(FirstRead::ThisApp));
        assert_eq!(unlocked(AppPage::Settings), Some(FirstRead::Settings));
        assert_eq!(unlocked(AppPage::Users), None);
        assert_eq!(unlocked(AppPage::User), None);
        for page in PAGES {
            assert_eq!(first_read(Entered::Page(page), false, true), None);
        }
    }
}
