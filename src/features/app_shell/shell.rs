//! The parent route of every page of one app (`/apps/:id`): the frame, and
//! the token gate in front of the pages. With the app's token in the tab,
//! the pages render in the `<Outlet/>` with the unlocked app provided as
//! context; without it (none yet, or the API refused it) the unlock form
//! takes their place, saying why. What the pages keep in the tab's memory
//! (edits, loaded users) outlives a trip through the unlock.

use leptos::context::Provider;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;

use super::context::{Gate, UnlockedApp};
use super::facts::AppFacts;
use super::first_reads::page_reads_app;
use super::frame::AppFrame;
use super::known::{display_name, use_known_app, KnownApp};
use super::unlock::UnlockApp;
use crate::api::AppId;
use crate::paths::{use_app_id, AppPage};
use crate::state::session::use_session;

#[component]
pub(crate) fn AppShell() -> impl IntoView {
    let app_id = use_app_id();
    // Another app is another scope: nothing of one app's pages carries over.
    move || {
        app_id
            .get()
            .map(|id| view! { <AppScope app_id=id in_url=app_id /> })
    }
}

/// The page's section classes: the users list is wide, the others narrow.
fn section_class(page: AppPage) -> &'static str {
    match page {
        AppPage::Details => "page narrow",
        AppPage::Settings => "page narrow settings-page",
        AppPage::Users => "page users-page",
        AppPage::User => "page narrow user-page",
    }
}

#[component]
fn AppScope(
    app_id: AppId,
    /// The AppID in the address (the same app, as the router reads it).
    in_url: Memo<Option<AppId>>,
) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let page = Memo::new(move |_| AppPage::of_path(&location.pathname.get()));
    let token = {
        let id = app_id.clone();
        Memo::new(move |_| session.app_token(&id))
    };
    // Unlocked details read the app themselves: no list needed for its name.
    let read_coming =
        Signal::derive(move || page_reads_app(page.get(), token.with(Option::is_some)));
    let known = use_known_app(in_url, read_coming);
    let name = {
        let id = app_id.clone();
        Signal::derive(move || display_name(known.app(&id).as_ref(), &id))
    };
    let gate = Gate {
        session,
        app_id: StoredValue::new(app_id.clone()),
        reason: RwSignal::new(None),
        page,
    };
    let body = {
        let id = app_id.clone();
        move || match token.get() {
            Some(token) => {
                let id = id.clone();
                let app = UnlockedApp {
                    id,
                    token,
                    name,
                    known,
                    gate,
                };
                view! {
                    <Provider value=app>
                        <Outlet />
                    </Provider>
                }
                .into_any()
            }
            // The page's route still renders (nothing but a chunk that
            // failed to load) without the unlocked app.
            None => view! {
                <Locked app_id=id.clone() known=known gate=gate />
                <Outlet />
            }
            .into_any(),
        }
    };
    view! {
        <section class=move || section_class(page.get())>
            <AppFrame app_id=app_id name=name page=page>
                {body}
            </AppFrame>
        </section>
    }
}

/// A locked app: on its details, what the list knows of it; on every
/// page, the unlock form.
#[component]
fn Locked(app_id: AppId, known: KnownApp, gate: Gate) -> impl IntoView {
    let facts = {
        let id = app_id.clone();
        move || {
            (gate.page.get() == AppPage::Details)
                .then(|| known.app(&id))
                .flatten()
                .map(|app| view! { <AppFacts app=app /> })
        }
    };
    view! {
        {facts}
        <UnlockApp app_id=app_id reason=gate.reason />
    }
}
