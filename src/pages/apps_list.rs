//! The customer's apps (GET /app?entity=customer): a table with refresh,
//! an empty state inviting the first app, and row links to detail.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::api::{domain_label, App};
use crate::app_query::{active_param, parse_active, ListQuery, SortKey};
use crate::browser::download;
use crate::components::copy_button::CopyButton;
use crate::components::error_panel::ErrorPanel;
use crate::components::timestamp::Timestamp;
use crate::export;
use crate::session::use_session;
use crate::text::short_id;

pub fn detail_href(app_id: &str) -> String {
    let id: String = js_sys::encode_uri_component(app_id).into();
    format!("/apps/{id}")
}

#[component]
pub fn AppsPage() -> impl IntoView {
    let session = use_session();
    let apps = LocalResource::new(move || {
        let token = session.customer_token.get();
        let client = session.client();
        async move {
            match token {
                Some(t) => client.list_apps(&t).await,
                None => Ok(Vec::new()),
            }
        }
    });
    // A 401 means the customer token is no longer valid: back to connect.
    Effect::new(move |_| match apps.get() {
        Some(Err(e)) if e.is_unauthorized() => session.expire_customer(&e),
        Some(Ok(list)) => session.remember_apps(&list),
        _ => {}
    });
    let refresh = move || apps.refetch();

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Apps"</h1>
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| refresh()>"Refresh"</button>
                    <A href="/apps/new" attr:class="btn btn-primary">"New app"</A>
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
            <A href="/apps/new" attr:class="btn btn-primary">"Create your first app"</A>
        </div>
    }
}

/// How long typing must pause before the search reaches the URL (and the
/// history), so a word is one entry, not one per letter.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(150);

/// Search, filters and sort (all kept in the URL), export, and the table.
#[component]
fn AppListView(apps: Vec<App>) -> impl IntoView {
    let query_map = use_query_map();
    let navigate = use_navigate();
    let all = StoredValue::new(apps);
    let query = Memo::new(move |_| query_map.with(|m| ListQuery::from_pairs(|k| m.get_str(k))));
    let shown = Memo::new(move |_| all.with_value(|apps| query.with(|q| q.apply(apps))));
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
        let url = if search.is_empty() {
            "/".to_string()
        } else {
            format!("/?{search}")
        };
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    // The box follows the URL (back/forward), but typing is debounced.
    let typed = RwSignal::new(query.get_untracked().text);
    Effect::new(move |_| typed.set(query.with(|q| q.text.clone())));
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // A search still waiting when the page goes away must not fire.
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });
    let on_search = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                set_query.run(ListQuery {
                    text: text.clone(),
                    ..query.get_untracked()
                })
            },
            SEARCH_DEBOUNCE,
        );
        pending.set_value(handle.ok());
    };
    let on_domain = move |ev: leptos::ev::Event| {
        set_query.run(ListQuery {
            domain: event_target_value(&ev),
            ..query.get_untracked()
        })
    };
    let on_active = move |ev: leptos::ev::Event| {
        set_query.run(ListQuery {
            active: parse_active(&event_target_value(&ev)),
            ..query.get_untracked()
        })
    };
    let on_sort =
        Callback::new(move |key: SortKey| set_query.run(query.get_untracked().sorted_by(key)));
    let export = move |format: &'static str| {
        let apps = shown.get_untracked();
        match format {
            "csv" => download("exotel-apps.csv", "text/csv", &export::to_csv(&apps)),
            _ => download(
                "exotel-apps.json",
                "application/json",
                &export::to_json(&apps),
            ),
        }
    };
    let total = all.with_value(Vec::len);
    view! {
        <div class="toolbar">
            <div class="field search">
                <label for="search">"Search apps " <span class="kbd" aria-hidden="true">"/"</span></label>
                <input id="search" type="search" placeholder="Name, AppID or account SID"
                    prop:value=move || typed.get() on:input=on_search autocomplete="off" spellcheck="false"/>
            </div>
            <div class="field">
                <label for="filter-domain">"Domain"</label>
                <select id="filter-domain" on:change=on_domain prop:value=move || query.with(|q| q.domain.clone())>
                    <option value="">"Any"</option>
                    <option value="mumbai">"Mumbai"</option>
                    <option value="singapore">"Singapore"</option>
                </select>
            </div>
            <div class="field">
                <label for="filter-active">"Status"</label>
                <select id="filter-active" on:change=on_active
                    prop:value=move || active_param(query.with(|q| q.active))>
                    <option value="">"Any"</option>
                    <option value="yes">"Active"</option>
                    <option value="no">"Inactive"</option>
                </select>
            </div>
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
        {move || if shown.with(Vec::is_empty) {
            view! { <p class="card empty" data-testid="no-match">"No app matches these filters. Clear the search or pick “Any” to see every app."</p> }.into_any()
        } else {
            view! { <AppTable apps=shown.get() query=query on_sort=on_sort/> }.into_any()
        }}
    }
}

/// A column header that sorts by its column, saying how it is sorted.
#[component]
fn SortHeader(key: SortKey, query: Memo<ListQuery>, on_sort: Callback<SortKey>) -> impl IntoView {
    let state = move || query.with(|q| (q.sort == key).then_some(q.descending));
    view! {
        <th scope="col" aria-sort=move || match state() {
            Some(true) => "descending",
            Some(false) => "ascending",
            None => "none",
        }>
            <button type="button" class="sort" on:click=move |_| on_sort.run(key)>
                {key.label()}
                <span aria-hidden="true" class="sort-mark">{move || match state() {
                    Some(true) => " ▼",
                    Some(false) => " ▲",
                    None => "",
                }}</span>
            </button>
        </th>
    }
}

#[component]
fn AppTable(apps: Vec<App>, query: Memo<ListQuery>, on_sort: Callback<SortKey>) -> impl IntoView {
    let navigate = use_navigate();
    view! {
        <div class="table-wrap">
            <table class="apps" data-testid="apps-table">
                <thead>
                    <tr>
                        {SortKey::ALL.map(|key| view! { <SortHeader key=key query=query on_sort=on_sort/> })}
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {apps.into_iter().map(|app| {
                        let href = detail_href(&app.app_id);
                        let delete_href = format!("{href}?delete=1");
                        let navigate = navigate.clone();
                        let row_href = href.clone();
                        // Clicking anywhere on the row opens it; the name
                        // link keeps it reachable by keyboard.
                        let on_row = move |ev: leptos::ev::MouseEvent| {
                            let interactive = event_target::<web_sys::Element>(&ev)
                                .closest("a, button")
                                .ok()
                                .flatten()
                                .is_some();
                            if !interactive {
                                navigate(&row_href, Default::default());
                            }
                        };
                        let name = if app.app_name.trim().is_empty() { "(unnamed)".to_string() } else { app.app_name.clone() };
                        let id = Signal::stored(app.app_id.clone());
                        view! {
                            <tr on:click=on_row data-app-id=app.app_id.clone()>
                                <td class="name"><A href=href>{name}</A></td>
                                <td class="id" data-label="AppID"><code title=app.app_id.clone()>{short_id(&app.app_id)}</code> <CopyButton value=id what="AppID"/></td>
                                <td data-label="Account SID">{app.exotel_account_sid.clone()}</td>
                                <td data-label="Domain">{domain_label(&app.exotel_domain)}</td>
                                <td data-label="Active">{if app.is_active { view! { <span class="badge badge-on">"Active"</span> } } else { view! { <span class="badge badge-off">"Inactive"</span> } }}</td>
                                <td data-label="Created"><Timestamp value=app.created_at.clone()/></td>
                                <td data-label="Updated"><Timestamp value=app.updated_at.clone()/></td>
                                <td class="row-actions"><A href=delete_href attr:class="btn btn-ghost btn-small danger-text" attr:aria-label=format!("Delete {}", app.app_name)>"Delete…"</A></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
