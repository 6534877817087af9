//! Import settings from another app's export (a file or pasted text): a
//! preview of each key's current and new value, then the chosen values go
//! into the editor. Nothing is sent until the admin presses Save.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::draft::SettingsDraft;
use super::transfer::{read_import, ImportRow, ImportStatus};
use crate::ui::dialog::Dialog;
use crate::ui::toasts::use_toasts;

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
    let apply = move |_| {
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
            <ImportSource text=text on_read=Callback::new(move |_| read()) />
            {move || {
                preview
                    .get()
                    .map(|p| match p {
                        Ok(rows) => view! { <ImportPreview rows=rows /> }.into_any(),
                        Err(why) => {
                            view! {
                                <p class="field-error" role="alert">
                                    {why}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
            <div class="actions">
                <button type="button" class="btn" on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=move || taken_count() == 0
                    on:click=apply
                >
                    {move || format!("Use {} settings", taken_count())}
                </button>
            </div>
        </Dialog>
    }
}

/// The text area and the file picker; reading a file fills the text area.
#[component]
fn ImportSource(text: RwSignal<String>, on_read: Callback<()>) -> impl IntoView {
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
                on_read.run(());
            }
        });
    };
    view! {
        <div class="field">
            <label for="import-file">"Exported file"</label>
            <input id="import-file" type="file" accept=".json,application/json" on:change=on_file />
        </div>
        <div class="field">
            <label for="import-text">"Or paste the JSON"</label>
            <textarea
                id="import-text"
                rows="6"
                spellcheck="false"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
        </div>
        <button type="button" class="btn" on:click=move |_| on_read.run(())>
            "Preview"
        </button>
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
        <div class="table-wrap import-preview">
            <table class="preview" data-testid="import-preview">
                <caption class="visually-hidden">"What the import would change"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Key"</th>
                        <th scope="col">"Now"</th>
                        <th scope="col">"From the import"</th>
                        <th scope="col">"Result"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
