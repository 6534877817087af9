//! A loaded list of apps: search, filters and sort (all kept in the URL),
//! export, the count, and the table or a "no match" message.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::api::App;
use crate::features::apps::export::ExportFormat;
use crate::features::apps::query::{Catalog, ListQuery, SortKey};
use crate::features::apps::table::AppTable;
use crate::features::apps::toolbar::Toolbar;
use crate::routes::apps_href;
use crate::ui::dom::download;

/// How long typing must pause before the search reaches the URL (and the
/// history), so a word is one entry, not one per letter. The list itself
/// filters on every keystroke: that takes a few milliseconds at 10,000 apps.
const URL_DEBOUNCE: Duration = Duration::from_millis(150);

#[component]
pub(crate) fn AppListView(apps: Arc<Vec<App>>) -> impl IntoView {
    let list = StoredValue::new(Catalog::new(apps));
    let query_map = use_query_map();
    let in_url = Memo::new(move |_| query_map.with(|m| ListQuery::from_pairs(|k| m.get_str(k))));
    // What the box holds: ahead of the URL while typing, following it on
    // back/forward.
    let typed = RwSignal::new(in_url.get_untracked().text);
    Effect::new(move |_| {
        let text = in_url.with(|q| q.text.clone());
        if typed.get_untracked() != text {
            typed.set(text);
        }
    });
    let query = Memo::new(move |_| ListQuery {
        text: typed.get(),
        ..in_url.get()
    });
    let shown = shown_apps(list, query);
    let set_query = use_set_query(ListQuery::to_pairs, apps_href);
    let on_search = debounced_search(typed, query, set_query);
    let on_sort =
        Callback::new(move |key: SortKey| set_query.run(query.get_untracked().sorted_by(key)));
    let on_export = Callback::new(move |format: ExportFormat| {
        let apps: Vec<App> = list.with_value(|l| {
            shown.with_untracked(|s| s.iter().map(|&i| l.apps[i].clone()).collect())
        });
        download(
            format.file_name(),
            format.mime_type(),
            &format.render(&apps),
        );
    });
    let total = list.with_value(Catalog::len);
    view! {
        <Toolbar
            typed=typed.into()
            query=query
            on_search=on_search
            set_query=set_query
            on_export=on_export
        />
        <p class="muted count" data-testid="app-count" role="status">
            {move || count_text(shown.with(Vec::len), total)}
        </p>
        // The table stays mounted while the result changes (its rows are
        // diffed); only an empty result swaps it for the message.
        <Show
            when=move || !shown.with(Vec::is_empty)
            fallback=|| {
                view! {
                    <p class="card empty" data-testid="no-match">
                        "No app matches these filters. Clear the search or pick “Any” to see every app."
                    </p>
                }
            }
        >
            <AppTable list=list shown=shown query=query on_sort=on_sort />
        </Show>
    }
}

/// The positions of the apps `query` shows, in order. Sorting 10,000 apps
/// happens when the sort changes; a keystroke only filters the sorted order.
fn shown_apps(list: StoredValue<Catalog>, query: Memo<ListQuery>) -> Memo<Vec<usize>> {
    let sorting = Memo::new(move |_| query.with(|q| (q.sort, q.descending)));
    let order = Memo::new(move |_| {
        let (sort, descending) = sorting.get();
        list.with_value(|l| l.sorted(sort, descending))
    });
    Memo::new(move |_| list.with_value(|l| query.with(|q| order.with(|o| q.filter(l, o)))))
}

/// "3 apps" for the whole list, "1 of 3 apps" for part of it.
fn count_text(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} app{}", if total == 1 { "" } else { "s" })
    } else {
        format!("{shown} of {total} apps")
    }
}

/// Writes a list's query (as `to_pairs` spells it) to the URL `href` makes
/// of it (the query string without its `?`), replacing the history entry
/// and keeping the scroll position.
pub(crate) fn use_set_query<Q: 'static>(
    to_pairs: fn(&Q) -> Vec<(&'static str, String)>,
    href: impl Fn(&str) -> String + Send + Sync + 'static,
) -> Callback<Q> {
    let navigate = use_navigate();
    Callback::new(move |q: Q| {
        let search = match web_sys::UrlSearchParams::new() {
            Ok(params) => {
                for (k, v) in to_pairs(&q) {
                    params.append(k, &v);
                }
                String::from(params.to_string())
            }
            Err(_) => String::new(),
        };
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&href(&search), options);
    })
}

/// The search box's handler: the list follows every keystroke, the URL
/// only once typing pauses for [`URL_DEBOUNCE`].
pub(crate) fn debounced_search<Q: Clone + PartialEq + Send + Sync + 'static>(
    typed: RwSignal<String>,
    query: Memo<Q>,
    set_query: Callback<Q>,
) -> Callback<String> {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // A URL update still waiting when the page goes away must not fire.
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });
    Callback::new(move |text: String| {
        typed.set(text);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if let Some(q) = query.try_get_untracked() {
                    set_query.run(q)
                }
            },
            URL_DEBOUNCE,
        );
        pending.set_value(handle.ok());
    })
}

#[cfg(test)]
mod tests {
    use super::count_text;

    #[test]
    fn counts_the_whole_list_or_part_of_it() {
        assert_eq!(count_text(1, 1), "1 app");
        assert_eq!(count_text(3, 3), "3 apps");
        assert_eq!(count_text(0, 0), "0 apps");
        assert_eq!(count_text(1, 3), "1 of 3 apps");
    }
}
