//! Which API the console talks to: one of the presets, or a URL the admin
//! types. Shared by signing in and creating a customer.

use leptos::prelude::*;

use crate::features::connect::flow::{BaseChoice, CUSTOM_BASE};
use crate::state::config::PRESETS;
use crate::ui::field_id::FieldId;
use crate::ui::text_field::TextField;

/// The API base: a preset, or a URL the admin types.
#[component]
pub(crate) fn ApiBaseField(
    base: RwSignal<BaseChoice>,
    custom_base: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let is = move |choice: BaseChoice| move || base.get() == choice;
    view! {
        <div class="field">
            <label for="api-base">"API base URL"</label>
            <select
                id="api-base"
                on:change=move |ev| base.set(BaseChoice::from_value(&event_target_value(&ev)))
                prop:value=move || base.get().value()
            >
                {PRESETS
                    .iter()
                    .map(|(label, url)| {
                        view! {
                            <option value=*url selected=is(BaseChoice::Preset(url))>
                                {*label}
                            </option>
                        }
                    })
                    .collect_view()}
                <option value=CUSTOM_BASE selected=is(BaseChoice::Custom)>
                    "Custom URL…"
                </option>
            </select>
        </div>
        <Show when=is(BaseChoice::Custom)>
            <TextField
                id=FieldId::CustomBase
                label="Custom API base URL"
                value=custom_base
                error=error
                placeholder="https://host/v2/integrations"
                hint="The API prefix, without /token or /app."
            />
        </Show>
    }
}
