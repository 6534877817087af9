//! The import's source (a pasted text or a chosen file, both into one text
//! area) and its preview: each row with its line number, ready or with the
//! reasons it will not be sent, and the columns that are not read.

use leptos::prelude::*;

use crate::features::users::import::csv::{CsvError, ImportFile, ImportRow};
use crate::features::users::validate::UserField;
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::text_import::{PreviewTable, TextSource, Unreadable};

const PREVIEW_COLUMNS: [&str; 5] = ["Line", "App user ID", "App username", "Email", "Check"];

/// The header an import file starts with (the agent number is optional).
pub(crate) fn example_header() -> String {
    UserField::ALL
        .into_iter()
        .filter(|f| *f != UserField::ExotelAccountSid)
        .map(UserField::csv_header)
        .collect::<Vec<_>>()
        .join(",")
}

/// The file picker and the text area, with the header the text starts with.
#[component]
pub(crate) fn ImportCsvSource(text: RwSignal<String>) -> impl IntoView {
    view! {
        <TextSource
            id="users-import"
            file_label="CSV file"
            paste_label="Or paste the CSV"
            accept=".csv,text/csv,text/plain"
            text=text
        >
            "First row: the column names, e.g. "
            <code>{example_header()}</code>
            ". exotel_account_sid may be left out: the app's account is used."
        </TextSource>
    }
}

/// The preview of what is in the text area (nothing while it is empty).
#[component]
pub(crate) fn ImportPreview(read: Memo<Option<Result<ImportFile, CsvError>>>) -> impl IntoView {
    move || {
        read.get().map(|file| match file {
            Ok(file) => view! { <CheckedRows file=file /> }.into_any(),
            Err(why) => view! { <Unreadable message=why.message() test_id="import-unreadable" /> }
                .into_any(),
        })
    }
}

/// How many rows are ready, the columns not read, and each row checked.
#[component]
fn CheckedRows(file: ImportFile) -> impl IntoView {
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
        <PreviewTable
            caption="The rows of the import, checked"
            columns=&PREVIEW_COLUMNS
            kind="users-preview"
            wrap_class="import-preview"
            test_id="users-import-preview"
        >
            {rows}
        </PreviewTable>
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
