//! The apps table: sortable headers and one row per shown app. Long lists
//! are windowed (see `list::window`): only the rows in view are in the DOM,
//! with spacer rows standing in for the rest, so 10,000 apps render, filter
//! and scroll as fast as 50.

use leptos::{html, prelude::*};
use leptos_router::{hooks::use_navigate, NavigateOptions};

use crate::api::{domain_label, App, AppId};
use crate::features::apps::query::{Catalog, ListQuery, SortKey};
use crate::features::list::view::sort_headers;
use crate::features::list::window::TableWindow;
use crate::paths::app_href;
use crate::ui::dom::{copy_text, COPIED_FOR};
use crate::ui::text::short_id;
use crate::ui::timestamp::Timestamp;

const COLUMNS: usize = SortKey::ALL.len() + 1;

#[component]
pub(crate) fn AppTable(
    list: StoredValue<Catalog>,
    /// Positions in `list` of the apps to show, in order.
    shown: Memo<Vec<usize>>,
    #[prop(into)] query: Signal<ListQuery>,
    on_sort: Callback<SortKey>,
) -> impl IntoView {
    let body = NodeRef::<html::Tbody>::new();
    let window = TableWindow::new(body, shown, "tr[data-app-id]");
    let rows = move || window.rows();
    let above = move || window.spacer_above(COLUMNS);
    let below = move || window.spacer_below(COLUMNS);
    let headers = sort_headers(Signal::derive(move || query.with(|q| q.sort)), on_sort);

    let navigate = use_navigate();
    let on_row_click = move |ev: leptos::ev::MouseEvent| {
        open_or_copy(event_target::<web_sys::Element>(&ev), &navigate)
    };

    view! {
        <div class="table-wrap">
            <table
                class="apps"
                class:windowed=move || window.is_windowed()
                data-testid="apps-table"
                aria-rowcount=move || shown.with(Vec::len) + 1
            >
                <thead>
                    <tr aria-rowindex="1">
                        {headers} <th scope="col">
                            <span class="visually-hidden">"Actions"</span>
                        </th>
                    </tr>
                </thead>
                <tbody node_ref=body on:click=on_row_click>
                    {above}
                    <For
                        each=rows
                        key=|row| *row
                        children=move |(pos, i)| { list.with_value(|l| app_row(pos, &l.apps[i])) }
                    />
                    {below}
                </tbody>
            </table>
        </div>
    }
}

/// One listener for every row: a copy button copies its AppID; a click
/// anywhere else on a row opens the app (the name link keeps it reachable
/// by keyboard).
fn open_or_copy(target: web_sys::Element, navigate: &impl Fn(&str, NavigateOptions)) {
    if let Some(button) = target.closest("button[data-copy]").ok().flatten() {
        copy_from(button);
        return;
    }
    if target.closest("a, button").ok().flatten().is_some() {
        return;
    }
    let row = target.closest("tr[data-app-id]").ok().flatten();
    if let Some(id) = row.and_then(|r| r.get_attribute("data-app-id")) {
        navigate(&app_href(&AppId::new(id)), Default::default());
    }
}

/// Copies a row's AppID and says so on the button for a moment. The button
/// is static markup, so its label is set directly.
fn copy_from(button: web_sys::Element) {
    let Some(text) = button.get_attribute("data-copy") else {
        return;
    };
    leptos::task::spawn_local(async move {
        if copy_text(&text).await {
            button.set_text_content(Some("Copied"));
            set_timeout(move || button.set_text_content(Some("Copy")), COPIED_FOR);
        }
    });
}

/// One app, with no reactive state of its own: plain links (the router
/// still handles their clicks; `<A>` would add per-link state) and a copy
/// button served by the table's one click listener.
fn app_row(pos: usize, app: &App) -> impl IntoView {
    let href = app_href(&app.app_id);
    let delete_href = format!("{href}?delete=1");
    let name = if app.app_name.trim().is_empty() {
        "(unnamed)".to_string()
    } else {
        app.app_name.clone()
    };
    view! {
        <tr data-app-id=app.app_id.to_string() aria-rowindex=pos + 2>
            <td class="name">
                <a href=href>{name}</a>
            </td>
            <td class="id" data-label="AppID">
                <code title=app.app_id.to_string()>{short_id(app.app_id.as_str())}</code>
                <button
                    type="button"
                    class="btn btn-ghost btn-small copy"
                    data-copy=app.app_id.to_string()
                    title="Copy AppID"
                    aria-label="Copy AppID"
                >
                    "Copy"
                </button>
            </td>
            <td data-label="Account SID">{app.exotel_account_sid.clone()}</td>
            <td data-label="Domain">{domain_label(&app.exotel_domain)}</td>
            <td data-label="Active">
                {if app.is_active {
                    view! { <span class="badge badge-on">"Active"</span> }
                } else {
                    view! { <span class="badge badge-off">"Inactive"</span> }
                }}
            </td>
            <td data-label="Created">
                <Timestamp value=app.created_at.clone() />
            </td>
            <td data-label="Updated">
                <Timestamp value=app.updated_at.clone() />
            </td>
            <td class="row-actions">
                <a
                    href=delete_href
                    class="btn btn-ghost btn-small danger-text"
                    aria-label=format!("Delete {}", app.app_name)
                >
                    "Delete…"
                </a>
            </td>
        </tr>
    }
}
