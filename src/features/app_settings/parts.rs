//! The pieces of the settings form around the fields: the rows, the
//! summary of what blocks a save, the save bar, the tools above the form and
//! the load status.

use leptos::prelude::*;

use super::draft::{Problem, SettingsDraft};
use super::fields::SettingField;
use crate::api::ApiError;
use crate::features::errors::ErrorPanel;
use crate::ui::alert::Notice;

/// Why an app should have at least one setting.
const NONE_YET: &str =
    "No settings yet. Exotel's browser SDK refuses to start for an app without settings: save at least one.";

/// The settings as read: the resource the editor loads.
pub(crate) type Loaded = LocalResource<Result<crate::api::StoredSettings, ApiError>>;

/// One field per key, in the editor's order.
#[component]
pub(crate) fn SettingRows(draft: RwSignal<SettingsDraft>) -> impl IntoView {
    let keys = Memo::new(move |_| draft.with(SettingsDraft::keys));
    move || {
        keys.get()
            .into_iter()
            .enumerate()
            .map(|(position, key)| view! { <SettingField key=key position=position draft=draft /> })
            .collect_view()
    }
}

#[component]
pub(crate) fn BlockedSummary(blocked: RwSignal<Vec<Problem>>) -> impl IntoView {
    move || {
        let problems = blocked.get();
        (!problems.is_empty()).then(|| view! {
            <div class="alert alert-error" role="alert" data-testid="settings-blocked">
                <p class="alert-title">"Nothing was sent: fix these first"</p>
                <ul>
                    {problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}
                </ul>
            </div>
        })
    }
}

/// The count of unsaved changes, Discard and Save.
#[component]
pub(crate) fn SaveBar(draft: RwSignal<SettingsDraft>, pending: Memo<bool>) -> impl IntoView {
    let count = move || draft.with(|d| d.changes().len());
    view! {
        <div class="actions save-bar">
            <span class="muted" role="status" data-testid="unsaved-count">
                {move || match count() {
                    0 => "No unsaved changes".to_string(),
                    1 => "1 unsaved change".to_string(),
                    n => format!("{n} unsaved changes"),
                }}
            </span>
            <button
                type="button"
                class="btn"
                disabled=move || count() == 0
                on:click=move |_| draft.update(SettingsDraft::discard)
            >
                "Discard changes"
            </button>
            <button
                type="submit"
                class="btn btn-primary"
                disabled=move || count() == 0 || pending.get()
            >
                {move || if pending.get() { "Saving…" } else { "Save settings" }}
            </button>
        </div>
    }
}

/// Reload, export and import, above the form.
#[component]
pub(crate) fn SettingsTools(
    loaded: Loaded,
    on_export: Callback<()>,
    import_open: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="settings-tools actions">
            // Unsaved edits survive a reload: only the server's values change.
            <button type="button" class="btn" on:click=move |_| loaded.refetch()>
                "Reload settings"
            </button>
            <button
                type="button"
                class="btn"
                on:click=move |_| on_export.run(())
                disabled=move || loaded.get().is_none()
            >
                "Export JSON"
            </button>
            <button type="button" class="btn" on:click=move |_| import_open.set(true)>
                "Import…"
            </button>
        </div>
    }
}

/// "No settings yet", why loading failed, or a skeleton while it runs. The
/// settings themselves reach the form through the draft (the load's future
/// rebases it), so this shows only the load's state: read from the resource
/// directly, without a `Suspense` boundary, whose machinery would cost the
/// settings chunk 1.5 KB for a status line.
#[component]
pub(crate) fn LoadStatus(loaded: Loaded, none_yet: RwSignal<bool>) -> impl IntoView {
    let load_error = move || match loaded.get() {
        // A refused token is the gate's; a dropped read says nothing.
        Some(Err(e)) if !e.is_unauthorized() && e != ApiError::Cancelled => Some(e),
        _ => None,
    };
    view! {
        <Show when=move || none_yet.get()>
            <Notice text=NONE_YET />
        </Show>
        {move || {
            load_error()
                .map(|e| {
                    view! {
                        <ErrorPanel
                            action="Loading the settings"
                            error=e
                            on_retry=Callback::new(move |_| loaded.refetch())
                        />
                    }
                })
        }}
        <Show when=move || loaded.get().is_none()>
            <div class="skeleton" role="status">
                <span class="visually-hidden">"Loading settings…"</span>
                <div class="skeleton-row"></div>
                <div class="skeleton-row"></div>
            </div>
        </Show>
    }
}
