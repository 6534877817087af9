//! A loaded list's state in the browser: the query read from and written
//! to the URL, the search box ahead of it while typing, the shown
//! positions; and around the table its sorting headers, the count, the
//! "no match" message and the empty state.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::{
    hooks::{use_location, use_navigate, use_query_map},
    NavigateOptions,
};

use super::query::{ListCatalog, SortColumn, SortOrder, UrlQuery};

/// How long typing must pause before the search reaches the URL (and the
/// history), so a word is one entry, not one per letter. The list itself
/// filters on every keystroke: that takes a few milliseconds at 10,000 items.
const URL_DEBOUNCE: Duration = Duration::from_millis(150);

type ColumnOf<Q> = <<Q as UrlQuery>::Catalog as ListCatalog>::Column;

/// A list's state and the handlers its toolbar and table call.
pub(crate) struct ListState<Q: UrlQuery> {
    pub(crate) list: StoredValue<Q::Catalog>,
    /// What the search box holds.
    pub(crate) typed: Memo<String>,
    /// The query the list shows.
    pub(crate) query: Memo<Q>,
    /// Positions in `list` of the items to show, in order.
    pub(crate) shown: Memo<Vec<usize>>,
    /// A filter change, as the whole new query.
    pub(crate) set_query: Callback<Q>,
    /// Every keystroke in the search box.
    pub(crate) on_search: Callback<String>,
    /// A click on a column header.
    pub(crate) on_sort: Callback<ColumnOf<Q>>,
}

impl<Q: UrlQuery> Clone for ListState<Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q: UrlQuery> Copy for ListState<Q> {}

impl<Q: UrlQuery> ListState<Q> {
    /// The shown items, in order: what an export writes.
    pub(crate) fn shown_items(&self) -> Vec<<Q::Catalog as ListCatalog>::Item> {
        self.list.with_value(|l| {
            let items = l.items();
            self.shown
                .with_untracked(|s| s.iter().map(|&i| items[i].clone()).collect())
        })
    }

    /// One part of the query the list shows, e.g. a filter's value.
    pub(crate) fn part<T>(self, get: impl Fn(&Q) -> T + Send + Sync + 'static) -> Signal<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        let query = self.query;
        Signal::derive(move || query.with(&get))
    }

    /// A filter's handler: the whole query with one part set to the choice.
    pub(crate) fn set_part<T: 'static>(self, set: fn(&mut Q, T)) -> Callback<T> {
        let (query, set_query) = (self.query, self.set_query);
        Callback::new(move |choice: T| {
            let mut q = query.get_untracked();
            set(&mut q, choice);
            set_query.run(q)
        })
    }

    /// How many items the list has, shown or not.
    pub(crate) fn total(&self) -> usize {
        self.list.with_value(|l| l.items().len())
    }
}

/// The state of a list of `catalog`, whose query lives at the address
/// `href` makes of a query string (without its `?`).
pub(crate) fn use_list_state<Q: UrlQuery>(
    catalog: Q::Catalog,
    href: impl Fn(&str) -> String + Send + Sync + 'static,
) -> ListState<Q> {
    let list = StoredValue::new(catalog);
    let query_map = use_query_map();
    let in_url = Memo::new(move |_| query_map.with(|m| Q::from_pairs(|k| m.get_str(k))));
    // A keystroke, with the query in the URL it was typed over: the box is
    // ahead of the URL while typing, and follows the URL as soon as it
    // changes (the debounced write of what was typed, or back/forward).
    let keystroke = RwSignal::new(None::<(String, Q)>);
    let typed = Memo::new(move |_| {
        in_url.with(|url| match keystroke.get() {
            Some((text, over)) if over == *url => text,
            _ => url.text().to_string(),
        })
    });
    let query = Memo::new(move |_| in_url.get().with_text(typed.get()));
    let set_query = use_set_query(Q::to_pairs, href);
    let on_sort = Callback::new(move |column: ColumnOf<Q>| {
        set_query.run(query.get_untracked().sorted_by(column))
    });
    ListState {
        list,
        typed,
        query,
        shown: shown_positions(list, query),
        set_query,
        on_search: debounced_search(keystroke, in_url, query, set_query),
        on_sort,
    }
}

/// The positions of the items `query` shows, in order. Sorting 10,000
/// items happens when the sort changes; a keystroke only filters the
/// sorted order.
fn shown_positions<Q: UrlQuery>(list: StoredValue<Q::Catalog>, query: Memo<Q>) -> Memo<Vec<usize>> {
    let sorting = Memo::new(move |_| query.with(Q::sort));
    let order = Memo::new(move |_| {
        let sort = sorting.get();
        list.with_value(|l| l.sorted(sort))
    });
    Memo::new(move |_| list.with_value(|l| query.with(|q| order.with(|o| q.filter(l, o)))))
}

/// Writes a list's query (as `to_pairs` spells it) to the URL `href` makes
/// of it (the query string without its `?`), replacing the history entry
/// and keeping the scroll position.
fn use_set_query<Q: 'static>(
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
fn debounced_search<Q: Clone + PartialEq + Send + Sync + 'static>(
    keystroke: RwSignal<Option<(String, Q)>>,
    in_url: Memo<Q>,
    query: Memo<Q>,
    set_query: Callback<Q>,
) -> Callback<String> {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // Nor may it fire once the admin has gone elsewhere: a lazy page keeps
    // this one on screen (and this timer alive) while its chunk loads, and
    // writing the query then would take the admin back to the list.
    let location = use_location();
    let here = StoredValue::new(location.pathname.get_untracked());
    // A URL update still waiting when the page goes away must not fire.
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });
    Callback::new(move |text: String| {
        keystroke.set(Some((text, in_url.get_untracked())));
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let still_here = location.pathname.try_get_untracked() == here.try_get_value();
                if let Some(q) = query.try_get_untracked().filter(|_| still_here) {
                    set_query.run(q)
                }
            },
            URL_DEBOUNCE,
        );
        pending.set_value(handle.ok());
    })
}

/// One sorting header per column, each saying whether and which way the
/// list is sorted by it.
pub(crate) fn sort_headers<K: SortColumn>(
    sort: Signal<SortOrder<K>>,
    on_sort: Callback<K>,
) -> Vec<AnyView> {
    K::columns()
        .iter()
        .map(|&key| {
            let state = Signal::derive(move || sort.with(|s| s.direction_of(key)));
            let on_click = Callback::new(move |()| on_sort.run(key));
            view! { <SortHeader label=key.label() state=state on_sort=on_click /> }.into_any()
        })
        .collect()
}

/// What a list calls its items and says about them.
#[derive(Clone, Copy)]
pub(crate) struct ListTexts {
    /// What the list holds, in the singular: "app", "user".
    pub(crate) noun: &'static str,
    pub(crate) search_placeholder: &'static str,
    /// The count's `data-testid`.
    pub(crate) count_test_id: &'static str,
    /// What to do when nothing matches.
    pub(crate) no_match: &'static str,
}

/// The count of shown items above the table, and the table, or a "no
/// match" message when nothing is shown. The table stays mounted while the
/// result changes (its rows are diffed); only an empty result swaps it
/// for the message.
#[component]
pub(crate) fn ListResults<Q: UrlQuery>(
    state: ListState<Q>,
    texts: ListTexts,
    /// The list holds only what was loaded before loading stopped: the
    /// count must not read as a total.
    #[prop(into, optional)]
    incomplete: Signal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let shown = state.shown;
    let total = state.total();
    view! {
        <p class="muted count" data-testid=texts.count_test_id role="status">
            {move || count_text(shown.with(Vec::len), total, texts.noun, incomplete.get())}
        </p>
        <Show
            when=move || !shown.with(Vec::is_empty)
            fallback=move || {
                view! {
                    <p class="card empty" data-testid="no-match">
                        {texts.no_match}
                    </p>
                }
            }
        >
            {children()}
        </Show>
    }
}

/// The state shown when a list has no items at all: what to do first.
#[component]
pub(crate) fn EmptyList(
    title: &'static str,
    text: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="card empty" data-testid="empty-state">
            <h2>{title}</h2>
            <p>{text}</p>
            {children()}
        </div>
    }
}

/// "3 apps" for the whole list, "1 of 3 apps" for part of it; for a list
/// that may be incomplete, what was loaded and that more may exist.
fn count_text(shown: usize, total: usize, noun: &str, incomplete: bool) -> String {
    let mut text = if shown == total {
        format!("{total} {noun}{}", if total == 1 { "" } else { "s" })
    } else {
        format!("{shown} of {total} {noun}s")
    };
    if incomplete {
        text.push_str(" loaded; more may exist");
    }
    text
}

/// A column header that sorts by its column, saying how it is sorted.
#[component]
pub(crate) fn SortHeader(
    label: &'static str,
    /// `Some(descending)` while the list is sorted by this column.
    state: Signal<Option<bool>>,
    on_sort: Callback<()>,
) -> impl IntoView {
    let state = move || state.get();
    view! {
        <th
            scope="col"
            aria-sort=move || match state() {
                Some(true) => "descending",
                Some(false) => "ascending",
                None => "none",
            }
        >
            <button type="button" class="sort" on:click=move |_| on_sort.run(())>
                {label}
                <span aria-hidden="true" class="sort-mark">
                    {move || match state() {
                        Some(true) => " ▼",
                        Some(false) => " ▲",
                        None => "",
                    }}
                </span>
            </button>
        </th>
    }
}

#[cfg(test)]
mod tests {
    use super::count_text;

    #[test]
    fn counts_the_whole_list_or_part_of_it() {
        assert_eq!(count_text(1, 1, "app", false), "1 app");
        assert_eq!(count_text(3, 3, "app", false), "3 apps");
        assert_eq!(count_text(0, 0, "app", false), "0 apps");
        assert_eq!(count_text(1, 3, "app", false), "1 of 3 apps");
        assert_eq!(count_text(1, 1, "user", false), "1 user");
        assert_eq!(count_text(250, 250, "user", false), "250 users");
        assert_eq!(count_text(3, 250, "user", false), "3 of 250 users");
    }

    #[test]
    fn a_list_that_may_be_incomplete_never_shows_a_bare_total() {
        assert_eq!(
            count_text(200, 200, "user", true),
            "200 users loaded; more may exist"
        );
        assert_eq!(
            count_text(1, 1, "user", true),
            "1 user loaded; more may exist"
        );
        assert_eq!(
            count_text(3, 200, "user", true),
            "3 of 200 users loaded; more may exist"
        );
    }
}
