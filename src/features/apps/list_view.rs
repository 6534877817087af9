//! A loaded list of apps: search, filters and sort (all kept in the URL),
//! export, the count, and the table or a "no match" message.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::App;
use crate::features::apps::export::{apps_file_name, render_apps};
use crate::features::apps::query::{Catalog, ListQuery};
use crate::features::apps::table::AppTable;
use crate::features::apps::toolbar::AppFilters;
use crate::features::list::export::ExportFormat;
use crate::features::list::toolbar::ListToolbar;
use crate::features::list::view::{use_list_state, ListResults, ListTexts};
use crate::paths::apps_href;
use crate::state::prefetch::prefetch_next;
use crate::ui::dom::download;

const APP_LIST: ListTexts = ListTexts {
    noun: "app",
    search_placeholder: "Name, AppID or account SID",
    count_test_id: "app-count",
    no_match: "No app matches these filters. Clear the search or pick “Any” to see every app.",
};

#[component]
pub(crate) fn AppListView(apps: Arc<Vec<App>>) -> impl IntoView {
    prefetch_next();
    let state = use_list_state::<ListQuery>(Catalog::new(apps), apps_href);
    let on_export = Callback::new(move |format: ExportFormat| {
        let apps = state.shown_items();
        let text = render_apps(format, &apps);
        download(&apps_file_name(format), format.mime_type(), &text);
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
