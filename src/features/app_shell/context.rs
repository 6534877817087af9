//! What the pages of an unlocked app share, provided once by the app's
//! parent route ([`super::shell::AppShell`]) to its `<Outlet/>`: the AppID,
//! the app's name, its token, and a client whose refused calls the gate
//! sees. A page reads it with [`use_unlocked_app`]; none is handed a token
//! or told what to do when it is refused.

use std::rc::Rc;

use leptos::prelude::*;

use super::known::KnownApp;
use crate::api::call_log::{CallObserver, CallRecord};
use crate::api::{AppId, AppToken, Client};
use crate::paths::AppPage;
use crate::state::session::Session;

/// One unlocked app, as its pages see it.
#[derive(Clone)]
pub(crate) struct UnlockedApp {
    pub(crate) id: AppId,
    /// The token the app's calls carry.
    pub(crate) token: AppToken,
    /// The app's name (its AppID until the name is known).
    pub(crate) name: Signal<String>,
    /// The app as the tab knows it; a page that reads the app with its
    /// token tells it the newer copy.
    pub(crate) known: KnownApp,
    pub(crate) gate: Gate,
}

impl UnlockedApp {
    /// A client for this app's calls: the session's (request log
    /// included), plus the gate, which takes any call refused for this
    /// token as the token being refused.
    pub(crate) fn client(&self) -> Client {
        self.gate.session.client().with_observer(Rc::new(self.gate))
    }
}

/// The pages of the unlocked app under the current route.
pub(crate) fn use_unlocked_app() -> UnlockedApp {
    expect_context::<UnlockedApp>()
}

/// The token gate of one app's pages: it holds why the app must be
/// unlocked again, and drops a token the API refused.
#[derive(Clone, Copy)]
pub(crate) struct Gate {
    pub(crate) session: Session,
    pub(crate) app_id: StoredValue<AppId>,
    /// Why the unlock form shows (`None`: no token yet, nothing went wrong).
    pub(crate) reason: RwSignal<Option<String>>,
    /// The page of the app on screen: what a refusal keeps depends on it.
    pub(crate) page: Memo<AppPage>,
}

impl Gate {
    /// The API refused `token`: if this app still holds it, drop it, so the
    /// unlock form takes the page's place, saying why. A late answer to a
    /// token already replaced changes nothing.
    fn refused(&self, token: &str, error: &str) {
        let Some(app_id) = self.app_id.try_get_value() else {
            return;
        };
        let held = self.session.app_token_untracked(&app_id);
        if held.is_some_and(|held| held.expose() == token) {
            let page = self.page.get_untracked();
            self.reason.set(Some(refusal(page, error)));
            self.session.forget_app_token(&app_id);
        }
    }
}

/// Why the unlock form is back: the API's error, and what is not lost.
fn refusal(page: AppPage, error: &str) -> String {
    let kept = match page {
        AppPage::Details => {
            return format!(
                "The stored app token was refused ({error}). Enter the AppSecret to get a new one."
            )
        }
        AppPage::Settings => "your unsaved edits are kept",
        AppPage::Users => "the users already loaded are kept",
        AppPage::User => "your unsaved edit is kept",
    };
    format!("The app token was refused ({error}). Enter the AppSecret to get a new one; {kept}.")
}

impl CallObserver for Gate {
    fn observe(&self, record: CallRecord) {
        if let (Some(error), Some(token)) = (record.refused, record.token) {
            let gate = *self;
            // After the call's own caller has its answer (a load records
            // where to resume), not while it is still in the middle of it.
            leptos::task::spawn_local(async move { gate.refused(&token, &error) });
        }
    }
}
