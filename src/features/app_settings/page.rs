//! `/apps/<AppID>/settings`: what the unlocked app does on call events.
//! The app's parent route shows it only with the app's token; the unsaved
//! edits are kept in the tab's memory meanwhile.

use leptos::prelude::*;

use super::call_flow::CallFlow;
use super::editor::SettingsEditor;
use super::samples_view::WebhookSamples;

#[component]
pub(crate) fn SettingsPage() -> impl IntoView {
    view! {
        <p class="lead">
            "What Exotel does for this app on call events. Each setting is saved on its own."
        </p>
        <SettingsEditor />
        <CallFlow />
        <WebhookSamples />
    }
}
