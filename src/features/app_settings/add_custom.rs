//! "Add custom setting": a key outside Exotel's table, with a value.

use leptos::prelude::*;

use super::check::{check_custom_key, check_value, Verdict};
use super::draft::SettingsDraft;
use crate::ui::field_id::FieldId;
use crate::ui::text_field::TextField;

#[component]
pub(crate) fn AddCustomSetting(draft: RwSignal<SettingsDraft>) -> impl IntoView {
    let key = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let key_error = RwSignal::new(None::<String>);
    let value_error = RwSignal::new(None::<String>);
    let add = move |_| {
        let k = key.get_untracked().trim().to_string();
        let v = value.get_untracked();
        let key_check = draft.with_untracked(|d| {
            let keys = d.keys();
            check_custom_key(&k, keys.iter().map(String::as_str))
        });
        let value_check = match check_value(&k, &v) {
            Verdict::Refuse(m) => Err(m),
            _ => Ok(()),
        };
        key_error.set(key_check.clone().err());
        value_error.set(value_check.clone().err());
        if key_check.is_ok() && value_check.is_ok() {
            draft.update(|d| d.add_custom(k, v));
            key.set(String::new());
            value.set(String::new());
        }
    };
    view! {
        <fieldset class="custom-setting">
            <legend>"Add custom setting"</legend>
            <p class="hint muted">
                "For a key outside the table above. Exotel may ignore keys it does not know."
            </p>
            <div class="custom-grid">
                <TextField
                    id=FieldId::CustomSettingKey
                    label="Key"
                    value=key
                    error=key_error
                    placeholder="e.g. webrtc_enabled"
                />
                <TextField
                    id=FieldId::CustomSettingValue
                    label="Value"
                    value=value
                    error=value_error
                />
            </div>
            <button type="button" class="btn" on:click=add>
                "Add custom setting"
            </button>
        </fieldset>
    }
}
