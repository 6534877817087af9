//! What an app's pages read first, sent as navigation to them starts, while
//! their code is still downloading. The routes of the frame and of each
//! page call [`frame_reads_first`] or [`page_reads_first`] from their
//! `data` (in the main module, before the chunk is fetched); the pages make
//! their calls as always and take those answers (`api::early`).
//! [`first_read`] is the rule both follow: the frame asks for the app list
//! only when it will (`use_known_app`), a page only for what it shows and
//! the tab does not already hold (the users loaded, say).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::endpoints::{APP_LIST, THIS_APP};
use crate::api::settings::SETTINGS;
use crate::api::users::FIRST_PAGE_PATH;
use crate::api::AppId;
use crate::paths::{app_id_in, AppPage};
use crate::state::memory::TabMemory;
use crate::state::session::Session;

/// Whether the tab's memory already holds what a page shows of an app (a
/// feature's own answer: the store knows no feature).
pub(crate) type Kept = fn(TabMemory, &AppId) -> bool;

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
    /// The first page of its users (`GET /usermapping`, app token).
    UsersFirstPage,
}

impl FirstRead {
    /// The GET it is; only the app list goes with the customer token.
    fn path(self) -> &'static str {
        match self {
            FirstRead::AppList => APP_LIST,
            FirstRead::ThisApp => THIS_APP,
            FirstRead::Settings => SETTINGS,
            FirstRead::UsersFirstPage => FIRST_PAGE_PATH,
        }
    }
}

/// Whether `page` reads the app with its own token: the details of an
/// unlocked app do, so the frame needs no list for its name.
pub(crate) fn page_reads_app(page: AppPage, unlocked: bool) -> bool {
    page == AppPage::Details && unlocked
}

/// What entering `entered` reads at once: `unlocked`, the tab holds the
/// app's token; `kept`, the tab's memory holds what it would read (for the
/// frame, the app in its list of apps).
pub(crate) fn first_read(entered: Entered, unlocked: bool, kept: bool) -> Option<FirstRead> {
    let read = match entered {
        Entered::Frame(page) => (!page_reads_app(page, unlocked)).then_some(FirstRead::AppList),
        Entered::Page(AppPage::Details) => unlocked.then_some(FirstRead::ThisApp),
        Entered::Page(AppPage::Settings) => unlocked.then_some(FirstRead::Settings),
        Entered::Page(AppPage::Users) => unlocked.then_some(FirstRead::UsersFirstPage),
        Entered::Page(AppPage::User) => None,
    };
    read.filter(|_| !kept)
}

/// Sends the frame's first read: its route's `data`, as navigation to an
/// app's pages starts.
pub(crate) fn frame_reads_first() {
    read_first(None, None);
}

/// Sends the first read of `page`: its route's `data`, as navigation to it
/// starts; nothing when `kept` says the tab already holds it.
pub(crate) fn page_reads_first(page: AppPage, kept: Option<Kept>) {
    read_first(Some(page), kept);
}

/// Sends the first read of the page route entered (`None`: the frame, on
/// the page the address names). The router's location is already the new
/// address.
fn read_first(page: Option<AppPage>, kept: Option<Kept>) {
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
    let kept = match (page, kept) {
        (None, _) => session
            .known_apps
            .with_untracked(|apps| apps.iter().any(|app| app.app_id == app_id)),
        (Some(_), Some(kept)) => kept(session.memory, &app_id),
        (Some(_), None) => false,
    };
    let Some(read) = first_read(entered, app_token.is_some(), kept) else {
        return;
    };
    let token = match read {
        FirstRead::AppList => session
            .customer_token
            .get_untracked()
            .map(|t| t.expose().to_string()),
        _ => app_token.map(|t| t.expose().to_string()),
    };
    if let Some(token) = token {
        session.client().read_early(read.path(), &token);
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
    fn an_unlocked_page_reads_what_it_shows_and_a_locked_one_nothing() {
        let unlocked = |page| first_read(Entered::Page(page), true, false);
        assert_eq!(unlocked(AppPage::Details), Some(FirstRead::ThisApp));
        assert_eq!(unlocked(AppPage::Settings), Some(FirstRead::Settings));
        assert_eq!(unlocked(AppPage::Users), Some(FirstRead::UsersFirstPage));
        assert_eq!(unlocked(AppPage::User), None);
        for page in PAGES {
            assert_eq!(first_read(Entered::Page(page), false, true), None);
            assert_eq!(first_read(Entered::Page(page), false, false), None);
        }
    }

    #[test]
    fn what_the_tab_already_holds_is_not_read_again() {
        for page in PAGES {
            assert_eq!(
                first_read(Entered::Page(page), true, true),
                None,
                "{page:?}"
            );
        }
    }
}
