//! A loaded list of apps: search, filters and sort (all kept in the URL),
//! export, the count, and the table or a "no match" message.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::App;
use crate::features::apps::export::save_apps;
use crate::features::apps::query::{Catalog, ListQuery};
use crate::features::apps::table::AppTable;
use crate::features::apps::toolbar::AppFilters;
use crate::features::list::export::ExportFormat;
use crate::features::list::toolbar::ListToolbar;
use crate::features::list::view::{use_list_state, ListResults, ListTexts};
use crate::paths::apps_href;
use crate::state::prefetch::prefetch_next;
use crate::ui::toasts::use_toasts;

const APP_LIST: ListTexts = ListTexts {
    noun: "app",
    search_placeholder: "Name, AppID or account SID",
    count_test_id: "app-count",
    no_match: "No app matches these filters. Clear the search or pick “Any” to see every app.",
};

const EXPORT_UNAVAILABLE: &str =
    "The export could not start: its code did not download. Check the connection and try again.";

#[component]
pub(crate) fn AppListView(apps: Arc<Vec<App>>) -> impl IntoView {
    prefetch_next();
    let state = use_list_state::<ListQuery>(Catalog::new(apps), apps_href);
    let toasts = use_toasts();
    let on_export = Callback::new(move |format: ExportFormat| {
        let apps = state.shown_items();
        leptos::task::spawn_local(async move {
            if save_apps(format, apps).await.is_err() {
                toasts.failure(EXPORT_UNAVAILABLE);
            }
        });
    });
    view! {
        <ListToolbar state=state texts=APP_LIST on_export=on_export>
            <AppFilters state=state />
        </ListToolbar>
        <ListResults state=state texts=APP_LIST>
            <AppTable list=state.list shown=state.shown query=state.query on_sort=state.on_sort />
        </ListResults>
    }
}
