//! The apps table: sortable headers and one row per shown app. Long lists
//! are windowed (see `window`): only the rows in view are in the DOM,
//! with spacer rows standing in for the rest, so 10,000 apps render, filter
//! and scroll as fast as 50.

use std::ops::Range;

use leptos::{html, prelude::*};
use leptos_router::{hooks::use_navigate, NavigateOptions};

use crate::api::{domain_label, App};
use crate::features::apps::query::{Catalog, ListQuery, SortKey};
use crate::features::apps::window::{rows_to_render, Viewport, RENDER_ALL_UP_TO};
use crate::features::list::view::sort_headers;
use crate::routes::app_href;
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

/// The part of a long list that is in the DOM: the rows in view, and
/// spacer rows standing in for the rest. Shared by the apps and users
/// tables.
#[derive(Clone, Copy)]
pub(crate) struct TableWindow {
    shown: Memo<Vec<usize>>,
    viewport: RwSignal<Viewport>,
    range: Memo<Range<usize>>,
}

impl TableWindow {
    /// Follows where `body` is on screen; `row_selector` finds a rendered
    /// row to measure.
    pub(crate) fn new(
        body: NodeRef<html::Tbody>,
        shown: Memo<Vec<usize>>,
        row_selector: &'static str,
    ) -> Self {
        let viewport = follow_viewport(body, shown, row_selector);
        let range = Memo::new(move |_| rows_to_render(shown.with(Vec::len), viewport.get()));
        TableWindow {
            shown,
            viewport,
            range,
        }
    }

    /// (position in the result, position in the list) of each row to
    /// render: the key stays the same while a row scrolls, so scrolling by
    /// one row builds one row.
    pub(crate) fn rows(&self) -> Vec<(usize, usize)> {
        let r = self.range.get();
        self.shown.with(|s| {
            let end = r.end.min(s.len());
            let start = r.start.min(end);
            (start..end).map(|pos| (pos, s[pos])).collect()
        })
    }

    pub(crate) fn is_windowed(&self) -> bool {
        self.shown.with(Vec::len) > RENDER_ALL_UP_TO
    }

    pub(crate) fn spacer_above(&self, columns: usize) -> impl IntoView {
        self.spacer(self.range.get().start, columns)
    }

    pub(crate) fn spacer_below(&self, columns: usize) -> impl IntoView {
        let after = self
            .shown
            .with(Vec::len)
            .saturating_sub(self.range.get().end);
        self.spacer(after, columns)
    }

    fn spacer(&self, rows: usize, columns: usize) -> impl IntoView {
        (rows > 0).then(|| {
            // Whole pixels: float formatting costs 10 KB of bundle.
            let px = format!(
                "{}px",
                (rows as f64 * self.viewport.with(|v| v.row_px)).round() as u64
            );
            view! {
                <tr class="spacer" aria-hidden="true">
                    <td colspan=columns style:height=px></td>
                </tr>
            }
        })
    }
}

/// Where the list is on screen, kept current: scrolling and resizing move
/// the window; so does a new result (the list may have shrunk under the
/// scroll position). `row_selector` finds a rendered row to measure.
fn follow_viewport(
    body: NodeRef<html::Tbody>,
    shown: Memo<Vec<usize>>,
    row_selector: &'static str,
) -> RwSignal<Viewport> {
    // The window's height is known before any layout (reading it forces
    // none), so the first render builds the rows a screen of this height
    // can show, not a 1,000 px guess's worth.
    let start = Viewport::default();
    let viewport = RwSignal::new(Viewport {
        height: window_height().unwrap_or(start.height),
        ..start
    });
    let measure = move || measure_viewport(body, viewport, row_selector);
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
    let on_resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    Effect::new(move |_| {
        shown.track();
        request_animation_frame(measure);
    });
    viewport
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
        navigate(&app_href(&id), Default::default());
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

/// Reads where the list is on screen and how tall a row is.
fn measure_viewport(
    body: NodeRef<html::Tbody>,
    viewport: RwSignal<Viewport>,
    row_selector: &'static str,
) {
    // A frame or scroll event can arrive after the table is gone.
    let Some(Some(tbody)) = body.try_get_untracked() else {
        return;
    };
    let height = window_height().unwrap_or(0.0);
    let row_px = tbody
        .query_selector(row_selector)
        .ok()
        .flatten()
        .map(|row| row.get_bounding_client_rect().height())
        .filter(|h| *h >= 1.0);
    let next = Viewport {
        list_top: tbody.get_bounding_client_rect().top(),
        height,
        row_px: row_px.unwrap_or(viewport.get_untracked().row_px),
    };
    if viewport.try_get_untracked() != Some(next) {
        viewport.try_set(next);
    }
}

/// The browser window's inner height.
fn window_height() -> Option<f64> {
    web_sys::window()?.inner_height().ok()?.as_f64()
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
        <tr data-app-id=app.app_id.clone() aria-rowindex=pos + 2>
            <td class="name">
                <a href=href>{name}</a>
            </td>
            <td class="id" data-label="AppID">
                <code title=app.app_id.clone()>{short_id(&app.app_id)}</code>
                <button
                    type="button"
                    class="btn btn-ghost btn-small copy"
                    data-copy=app.app_id.clone()
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
