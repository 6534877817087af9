//! The frame around every page of one app: the breadcrumb, the app's name,
//! and the tabs between its pages (details, settings, users).

use leptos::prelude::*;

use crate::api::AppId;
use crate::paths::{AppPage, APPS};

/// The tabs, in order, with their labels.
const TABS: [(AppPage, &str); 3] = [
    (AppPage::Details, "Details"),
    (AppPage::Settings, "Settings"),
    (AppPage::Users, "Users"),
];

/// Breadcrumb, title and tabs above the page's own content.
#[component]
pub(crate) fn AppFrame(
    app_id: AppId,
    #[prop(into)] name: Signal<String>,
    /// The page on screen; a user's page is under the Users tab.
    page: Memo<AppPage>,
    children: Children,
) -> impl IntoView {
    let tabs = TABS
        .into_iter()
        .map(|(tab, label)| {
            // A plain link (the router still handles its click): the
            // router's `<A>` would also mark Details current on its
            // sub-pages, as their paths start with its path.
            let current = move || {
                let on = match page.get() {
                    AppPage::User => AppPage::Users,
                    other => other,
                };
                (on == tab).then_some("page")
            };
            view! {
                <a href=tab.href(&app_id) class="tab" aria-current=current>
                    {label}
                </a>
            }
        })
        .collect_view();
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <a href=APPS>"Apps"</a>
            <span aria-hidden="true">" / "</span>
            <span>{name}</span>
        </nav>
        <div class="page-head">
            <h1 data-testid="app-title">{name}</h1>
        </div>
        <nav class="tabs" aria-label="App pages">
            {tabs}
        </nav>
        {children()}
    }
}
