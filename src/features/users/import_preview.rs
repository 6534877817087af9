//! The import's source (a pasted text or a chosen file, both into one text
//! area) and its preview: each row with its line number, ready or with the
//! reasons it will not be sent, and the columns that are not read.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::csv::{CsvError, ImportFile, ImportRow};
use super::validate::UserField;
use crate::ui::alert::{Notice, NoticeKind};

/// The header an import file starts with (the agent number is optional).
pub(crate) fn example_header() -> String {
    UserField::ALL
        .into_iter()
        .filter(|f| *f != UserField::ExotelAccountSid)
        .map(UserField::csv_header)
        .collect::<Vec<_>>()
        .join(",")
}

/// The text area and the file picker; a chosen file's text replaces the
/// text area's, so what is previewed is always what is in the box.
#[component]
pub(crate) fn ImportCsvSource(text: RwSignal<String>) -> impl IntoView {
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(content) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                text.set(content.as_string().unwrap_or_default());
            }
        });
    };
    view! {
        <div class="field">
            <label for="users-import-file">"CSV file"</label>
            <input
                id="users-import-file"
                type="file"
                accept=".csv,text/csv,text/plain"
                on:change=on_file
            />
        </div>
        <div class="field">
            <label for="users-import-text">"Or paste the CSV"</label>
            <p class="hint" id="users-import-hint">
                "First row: the column names, e.g. "
                <code>{example_header()}</code>
                ". exotel_account_sid may be left out: the app's account is used."
            </p>
            <textarea
                id="users-import-text"
                rows="6"
                spellcheck="false"
                aria-describedby="users-import-hint"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// The preview of what is in the text area (nothing while it is empty).
#[component]
pub(crate) fn ImportPreview(read: Memo<Option<Result<ImportFile, CsvError>>>) -> impl IntoView {
    move || {
        read.get().map(|file| match file {
            Ok(file) => view! { <PreviewTable file=file /> }.into_any(),
            Err(why) => view! {
                <p class="field-error" role="alert" data-testid="import-unreadable">
                    {why.message()}
                </p>
            }
            .into_any(),
        })
    }
}

#[component]
fn PreviewTable(file: ImportFile) -> impl IntoView {
    let ready = file.rows.iter().filter(|r| r.is_ready()).count();
    let summary = format!(
        "{} rows: {ready} ready, {} with problems (not sent).",
        file.rows.len(),
        file.rows.len() - ready
    );
    let ignored = (!file.ignored_columns.is_empty()).then(|| {
        let text = format!("Columns not read: {}.", file.ignored_columns.join(", "));
        view! { <Notice text=text kind=NoticeKind::Warn /> }
    });
    let rows = file
        .rows
        .into_iter()
        .map(|row| view! { <PreviewRow row=row /> })
        .collect_view();
    view! {
        <p class="muted" data-testid="import-summary">
            {summary}
        </p>
        {ignored}
        <div class="table-wrap import-preview">
            <table class="preview users-preview" data-testid="users-import-preview">
                <caption class="visually-hidden">"The rows of the import, checked"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Line"</th>
                        <th scope="col">"App user ID"</th>
                        <th scope="col">"App username"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Check"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn PreviewRow(row: ImportRow) -> impl IntoView {
    let state = if row.is_ready() { "ready" } else { "invalid" };
    let verdict = if row.is_ready() {
        view! { <span class="badge badge-on">"Ready"</span> }.into_any()
    } else {
        let reasons = row
            .problems
            .into_iter()
            .map(|p| view! { <li>{p.message}</li> })
            .collect_view();
        view! { <ul class="row-problems">{reasons}</ul> }.into_any()
    };
    view! {
        <tr data-line=row.line data-state=state>
            <td>{row.line}</td>
            <td class="value">{row.draft.app_user_id}</td>
            <td class="value">{row.draft.app_username}</td>
            <td class="value">{row.draft.email}</td>
            <td>{verdict}</td>
        </tr>
    }
}
