//! The customer's apps (GET /app?entity=customer): a table with refresh,
//! an empty state inviting the first app, and row links to detail.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::api::App;
use crate::features::apps::export;
use crate::features::apps::query::{active_param, parse_active, Catalog, ListQuery, SortKey};
use crate::features::apps::table::AppTable;
use crate::state::session::use_session;
use crate::ui::alert::ErrorPanel;
use crate::ui::dom::download;

#[component]
pub fn AppsPage() -> impl IntoView {
    let session = use_session();
    let apps = LocalResource::new(move || {
        let token = session.customer_token.get();
        let client = session.client();
        async move {
            match token {
                // Shared from here on: the page, its search index and the
                // session all hold the same list, never copies of it.
                Some(t) => client.list_apps(&t).await.map(Arc::new),
                None => Ok(Arc::default()),
            }
        }
    });
    // A 401 means the customer token is no longer valid: back to connect.
    Effect::new(move |_| match apps.get() {
        Some(Err(e)) if e.is_unauthorized() => session.expire_customer(&e),
        Some(Ok(list)) => session.remember_apps(list),
        _ => {}
    });
    let refresh = move || apps.refetch();

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Apps"</h1>
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| refresh()>"Refresh"</button>
                    <A href=crate::routes::NEW_APP attr:class="btn btn-primary">"New app"</A>
                </div>
            </div>
            <Transition fallback=|| view! { <ListSkeleton/> }>
                {move || Suspend::new(async move {
                    match apps.await {
                        Ok(list) if list.is_empty() => view! { <EmptyState/> }.into_any(),
                        Ok(list) => view! { <AppListView apps=list/> }.into_any(),
                        Err(e) => view! {
                            <ErrorPanel action="Loading your apps" error=e on_retry=Callback::new(move |_| refresh())/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ListSkeleton() -> impl IntoView {
    // Invisible for the first 300 ms (see .skeleton in CSS): fast answers
    // never flash a loading state.
    view! {
        <div class="skeleton" role="status" aria-live="polite">
            <span class="visually-hidden">"Loading apps…"</span>
            <div class="skeleton-row"></div><div class="skeleton-row"></div><div class="skeleton-row"></div>
        </div>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <div class="card empty" data-testid="empty-state">
            <h2>"No apps yet"</h2>
            <p>"Register your first application to connect an Exotel account to your integration."</p>
            <A href=crate::routes::NEW_APP attr:class="btn btn-primary">"Create your first app"</A>
        </div>
    }
}

/// How long typing must pause before the search reaches the URL (and the
/// history), so a word is one entry, not one per letter. The list itself
/// filters on every keystroke: that takes a few milliseconds at 10,000 apps.
const URL_DEBOUNCE: Duration = Duration::from_millis(150);

/// Search, filters and sort (all kept in the URL), export, and the table.
#[component]
fn AppListView(apps: Arc<Vec<App>>) -> impl IntoView {
    let query_map = use_query_map();
    let navigate = use_navigate();
    let list = StoredValue::new(Catalog::new(apps));
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
    // Sorting 10,000 apps happens when the sort changes; a keystroke only
    // filters the sorted order.
    let sorting = Memo::new(move |_| query.with(|q| (q.sort, q.descending)));
    let order = Memo::new(move |_| {
        let (sort, descending) = sorting.get();
        list.with_value(|l| l.sorted(sort, descending))
    });
    let shown =
        Memo::new(move |_| list.with_value(|l| query.with(|q| order.with(|o| q.filter(l, o)))));
    let set_query = Callback::new(move |q: ListQuery| {
        let search = match web_sys::UrlSearchParams::new() {
            Ok(params) => {
                for (k, v) in q.to_pairs() {
                    params.append(k, &v);
                }
                String::from(params.to_string())
            }
            Err(_) => String::new(),
        };
        let url = crate::routes::apps_href(&search);
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // A URL update still waiting when the page goes away must not fire.
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });
    let on_search = move |ev: leptos::ev::Event| {
        typed.set(event_target_value(&ev));
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
    };
    let on_domain = Callback::new(move |domain: String| {
        set_query.run(ListQuery {
            domain,
            ..query.get_untracked()
        })
    });
    let on_active = Callback::new(move |active: String| {
        set_query.run(ListQuery {
            active: parse_active(&active),
            ..query.get_untracked()
        })
    });
    let on_sort =
        Callback::new(move |key: SortKey| set_query.run(query.get_untracked().sorted_by(key)));
    let export = move |format: &'static str| {
        let apps: Vec<App> = list.with_value(|l| {
            shown.with_untracked(|s| s.iter().map(|&i| l.apps[i].clone()).collect())
        });
        match format {
            "csv" => download("exotel-apps.csv", "text/csv", &export::to_csv(&apps)),
            _ => download(
                "exotel-apps.json",
                "application/json",
                &export::to_json(&apps),
            ),
        }
    };
    let total = list.with_value(Catalog::len);
    view! {
        <div class="toolbar">
            <div class="field search">
                <label for="search">"Search apps " <span class="kbd" aria-hidden="true">"/"</span></label>
                <input id="search" type="search" placeholder="Name, AppID or account SID"
                    prop:value=move || typed.get() on:input=on_search autocomplete="off" spellcheck="false"/>
            </div>
            <FilterSelect id="filter-domain" label="Domain"
                options=[("", "Any"), ("mumbai", "Mumbai"), ("singapore", "Singapore")]
                value=Signal::derive(move || query.with(|q| q.domain.clone())) on_change=on_domain/>
            <FilterSelect id="filter-active" label="Status"
                options=[("", "Any"), ("yes", "Active"), ("no", "Inactive")]
                value=Signal::derive(move || active_param(query.with(|q| q.active)).to_string()) on_change=on_active/>
            <div class="actions">
                <button type="button" class="btn" on:click=move |_| export("csv")>"Export CSV"</button>
                <button type="button" class="btn" on:click=move |_| export("json")>"Export JSON"</button>
            </div>
        </div>
        <p class="muted count" data-testid="app-count" role="status">{move || {
            let n = shown.with(Vec::len);
            if n == total {
                format!("{total} app{}", if total == 1 { "" } else { "s" })
            } else {
                format!("{n} of {total} apps")
            }
        }}</p>
        // The table stays mounted while the result changes (its rows are
        // diffed); only an empty result swaps it for the message.
        <Show when=move || !shown.with(Vec::is_empty) fallback=|| view! {
            <p class="card empty" data-testid="no-match">"No app matches these filters. Clear the search or pick “Any” to see every app."</p>
        }>
            <AppTable list=list shown=shown query=query on_sort=on_sort/>
        </Show>
    }
}

/// A labelled filter `<select>`: it shows `value` (which follows the URL)
/// and reports the admin's choice. Each option's selectedness is set
/// directly, so the shown choice never depends on when the options exist.
#[component]
fn FilterSelect(
    id: &'static str,
    label: &'static str,
    /// (value, text) of each option.
    options: [(&'static str, &'static str); 3],
    value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| on_change.run(event_target_value(&ev))>
                {options.map(|(v, text)| view! {
                    <option value=v prop:selected=move || value.with(|current| current == v)>{text}</option>
                })}
            </select>
        </div>
    }
}
