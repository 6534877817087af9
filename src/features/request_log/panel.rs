//! The request log panel: every API call of this tab (method, path, status,
//! RequestId, duration, time), secrets redacted, each copyable as curl with
//! a placeholder instead of the token unless the admin asks for it. Its
//! code is fetched when the panel is first opened, so the first load does
//! not carry it: it shares the chunk of the Changes page (`changes_page`),
//! the tab's other record of what it did (a chunk of its own would split
//! the code the two share into more files, for more bytes in all).

use leptos::prelude::*;

use crate::api::call_log::to_curl;
use crate::features::shell::chunk_failed::ChunkFailed;
use crate::state::request_log::LogEntry;
use crate::state::session::use_session;
use crate::ui::copy_button::CopyButton;
use crate::ui::timestamp::local_time;

/// The record's URL made absolute against the page (same-origin bases are
/// relative), so the curl command works from a terminal.
fn absolute(url: &str) -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|page| web_sys::Url::new_with_base(url, &page).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| url.to_string())
}

fn clock_time(ms: f64) -> String {
    local_time(&js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)))
}

/// The panel, once it has been opened: its code arrives then.
#[component]
pub(crate) fn RequestLogPanel() -> impl IntoView {
    let log = use_session().log;
    let opened = Memo::new(move |before: Option<&bool>| before == Some(&true) || log.open.get());
    move || {
        opened.get().then(|| {
            Suspend::new(async {
                // Not fetched (offline, or a newer deployment): said in place.
                panel()
                    .await
                    .unwrap_or_else(|_| view! { <ChunkFailed /> }.into_any())
            })
        })
    }
}

#[leptos::wasm_split::wasm_split(changes_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn panel() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(view! { <LogPanel /> }.into_any())
}

#[component]
fn LogPanel() -> impl IntoView {
    let log = use_session().log;
    let include_token = RwSignal::new(false);
    // The checkbox is bound by hand like every input of the app (see `TextField`).
    view! {
        <Show when=move || log.open.get()>
            <aside class="log-panel card" aria-labelledby="log-title" data-testid="request-log">
                <div class="page-head">
                    <h2 id="log-title">"Request log"</h2>
                    <div class="actions">
                        <button type="button" class="btn" on:click=move |_| log.clear()>
                            "Clear"
                        </button>
                        <button type="button" class="btn" on:click=move |_| log.open.set(false)>
                            "Close"
                        </button>
                    </div>
                </div>
                <p class="muted">
                    "Every API call of this tab, newest first. Secrets in request bodies are \
                     replaced by placeholders; the log lives in memory only."
                </p>
                <div class="field checkbox">
                    <input
                        id="log-include-token"
                        type="checkbox"
                        prop:checked=move || include_token.get()
                        on:change=move |ev| include_token.set(event_target_checked(&ev))
                    />
                    <label for="log-include-token">
                        "Include the real token in copied curl commands (it is a secret: paste it nowhere shared)"
                    </label>
                </div>
                <Show
                    when=move || log.entries.with(|e| !e.is_empty())
                    fallback=|| view! { <p>"No API calls yet."</p> }
                >
                    <div class="table-wrap">
                        <table class="log">
                            <thead>
                                <tr>
                                    <th scope="col">"Time"</th>
                                    <th scope="col">"Call"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"RequestId"</th>
                                    <th scope="col">"Duration"</th>
                                    <th scope="col">
                                        <span class="visually-hidden">"Copy"</span>
                                    </th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || log.entries.get() key=|e| e.id let:entry>
                                    <LogRow entry=entry include_token=include_token />
                                </For>
                            </tbody>
                        </table>
                    </div>
                </Show>
            </aside>
        </Show>
    }
}

#[component]
fn LogRow(entry: LogEntry, include_token: RwSignal<bool>) -> impl IntoView {
    let r = entry.record;
    let status = match r.status {
        Some(code) if r.ok => code.to_string(),
        Some(code) => format!("{code} · {}", r.outcome),
        None => r.outcome.clone(),
    };
    let curl = {
        let r = r.clone();
        let url = absolute(&r.url);
        Signal::derive(move || to_curl(&r, &url, include_token.get()))
    };
    view! {
        <tr class:failed=!r.ok>
            <td>{clock_time(r.started_at_ms)}</td>
            <td>
                <code>{format!("{} {}", r.method, r.url)}</code>
            </td>
            <td>{status}</td>
            <td>
                <code>{r.request_id.clone().unwrap_or_else(|| "—".into())}</code>
            </td>
            <td>{format!("{} ms", r.duration_ms.round() as u64)}</td>
            <td>
                <CopyButton value=curl what="as curl" />
            </td>
        </tr>
    }
}
