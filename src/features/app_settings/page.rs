//! `/apps/<AppID>/settings`: what the app does on call events. Needs the
//! app's token; without one the page asks for it (the same unlock as the
//! app's details) and keeps any unsaved edits meanwhile.

use leptos::prelude::*;

use super::editor::SettingsEditor;
use crate::features::app_detail::frame::{AppTab, AppTokenPage, UnlockedApp};

#[component]
pub(crate) fn SettingsPage() -> impl IntoView {
    let content = Callback::new(|app: UnlockedApp| {
        view! {
            <p class="lead">
                "What Exotel does for this app on call events. Each setting is saved on its own."
            </p>
            <SettingsEditor
                app_id=app.app_id
                token=app.token
                app_name=app.name
                on_token_refused=app.on_token_refused
            />
        }
        .into_any()
    });
    view! {
        <AppTokenPage
            tab=AppTab::Settings
            class="page narrow settings-page"
            kept="your unsaved edits are kept"
            content=content
        />
    }
}
