//! Import settings from another app's export (a file or pasted text): a
//! preview of each key's current and new value, then the chosen values go
//! into the editor. Nothing is sent until the admin presses Save.

use leptos::prelude::*;

use super::draft::SettingsDraft;
use super::transfer::{read_import, ImportRow, ImportStatus};
use crate::ui::dialog::Dialog;
use crate::ui::text_import::{ImportActions, PreviewTable, TextSource, Unreadable};
use crate::ui::toasts::use_toasts;

const PREVIEW_COLUMNS: [&str; 4] = ["Key", "Now", "From the import", "Result"];

const HOW_TO: &str = "Paste the JSON exported from another app, or choose the file. \
                      You see every change before anything is used.";

#[component]
pub(crate) fn ImportSettings(
    draft: RwSignal<SettingsDraft>,
    open: RwSignal<bool>,
) -> impl IntoView {
    // Kept while the dialog is closed: nothing pasted is lost by a cancel.
    let text = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<Result<Vec<ImportRow>, String>>);
    let toasts = use_toasts();
    let read = move || {
        let rows = draft.with_untracked(|d| {
            read_import(&text.get_untracked(), |k| {
                d.stored_value(k).map(str::to_string)
            })
        });
        preview.set(Some(rows));
    };
    let apply = move |()| {
        let Some(Ok(rows)) = preview.get_untracked() else {
            return;
        };
        let taken: Vec<ImportRow> = rows.into_iter().filter(ImportRow::is_taken).collect();
        draft.update(|d| taken.iter().for_each(|r| d.put(&r.key, r.new.clone())));
        toasts.success(format!(
            "Loaded {} settings into the editor. Nothing is sent until you press Save settings.",
            taken.len()
        ));
        preview.set(None);
        open.set(false);
    };
    let taken_count = move || {
        preview.with(|p| match p {
            Some(Ok(rows)) => rows.iter().filter(|r| r.is_taken()).count(),
            _ => 0,
        })
    };
    view! {
        <Dialog
            id="import"
            title="Import settings"
            description=|| { HOW_TO }
            open=open
            on_close=Callback::new(move |_| open.set(false))
        >
            <TextSource
                id="import"
                file_label="Exported file"
                paste_label="Or paste the JSON"
                accept=".json,application/json"
                text=text
                on_read=Callback::new(move |_| read())
            />
            <button type="button" class="btn" on:click=move |_| read()>
                "Preview"
            </button>
            {move || {
                preview
                    .get()
                    .map(|p| match p {
                        Ok(rows) => view! { <ImportPreview rows=rows /> }.into_any(),
                        Err(why) => view! { <Unreadable message=why /> }.into_any(),
                    })
            }}
            <ImportActions
                close_label="Cancel"
                on_close=Callback::new(move |_| open.set(false))
                use_label=Signal::derive(move || format!("Use {} settings", taken_count()))
                use_disabled=Signal::derive(move || taken_count() == 0)
                on_use=Callback::new(apply)
            />
        </Dialog>
    }
}

#[component]
fn ImportPreview(rows: Vec<ImportRow>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|r| {
            let (state, verdict) = match &r.status {
                ImportStatus::Add => ("add", "New".to_string()),
                ImportStatus::Change => ("change", "Changes".to_string()),
                ImportStatus::Same => ("same", "Already so".to_string()),
                ImportStatus::Invalid(why) => ("invalid", format!("Not used: {why}")),
            };
            let old = r.old.clone().unwrap_or_else(|| "(not set)".into());
            view! {
                <tr data-key=r.key.clone() data-state=state>
                    <td>
                        <code>{r.key.clone()}</code>
                    </td>
                    <td class="value">{old}</td>
                    <td class="value">{r.new.clone()}</td>
                    <td>{verdict}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <PreviewTable
            caption="What the import would change"
            columns=&PREVIEW_COLUMNS
            wrap_class="import-preview"
            test_id="import-preview"
        >
            {rows}
        </PreviewTable>
    }
}
