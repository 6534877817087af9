//! The create form's inputs, each bound to its field of the draft store.

use leptos::prelude::*;
use reactive_stores::Store;

use crate::api::Domain;
use crate::features::app_create::form::AppForm;
use crate::ui::field_id::FieldId;
use crate::ui::text_field::{field_error, FieldErrorText, TextField};
use crate::ui::validation::FieldError;

const ACCOUNT_SID_HINT: &str = "From the Exotel dashboard, API settings.";

/// What a text input of the form has beside its label.
/// Where one text input's value lives in the draft (to read, to write).
type TextOf = (fn(&AppForm) -> &String, fn(&mut AppForm) -> &mut String);

#[derive(Clone, Copy, PartialEq)]
enum Look {
    Placeholder(&'static str),
    Hint(&'static str),
    Secret,
}

impl Look {
    fn placeholder(self) -> Option<&'static str> {
        match self {
            Look::Placeholder(p) => Some(p),
            _ => None,
        }
    }

    fn hint(self) -> Option<&'static str> {
        match self {
            Look::Hint(h) => Some(h),
            _ => None,
        }
    }
}

/// Every input of the form, in order, with its validation message.
#[component]
pub(crate) fn AppFormFields(
    draft: Store<AppForm>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    // Each input reads and writes its text through the whole draft (plain
    // accessors, not store fields: one bound-value type for every form).
    let text_inputs: [(FieldId, &str, TextOf, Look); 4] = [
        (
            FieldId::AppName,
            "App name",
            (|f| &f.app_name, |f| &mut f.app_name),
            Look::Placeholder("e.g. WebRTC"),
        ),
        (
            FieldId::AccountSid,
            "Exotel Account SID",
            (|f| &f.account_sid, |f| &mut f.account_sid),
            Look::Hint(ACCOUNT_SID_HINT),
        ),
        (
            FieldId::ApiKey,
            "Exotel API key",
            (|f| &f.api_key, |f| &mut f.api_key),
            Look::Secret,
        ),
        (
            FieldId::ApiToken,
            "Exotel API token",
            (|f| &f.api_token, |f| &mut f.api_token),
            Look::Secret,
        ),
    ];
    let text_fields = text_inputs
        .into_iter()
        .map(|(id, label, (text, text_mut), look)| {
            let value = (
                Signal::derive(move || draft.with(|f| text(f).clone())),
                SignalSetter::<String>::map(move |value: String| {
                    draft.update(|f| *text_mut(f) = value)
                }),
            );
            view! {
                <TextField
                    id=id
                    label=label
                    value=value
                    error=field_error(errors, id)
                    placeholder=look.placeholder()
                    hint=look.hint()
                    secret=look == Look::Secret
                />
            }
        })
        .collect_view();
    view! {
        {text_fields}
        <DomainSelect draft=draft error=field_error(errors, FieldId::Domain) />
        <div class="field checkbox">
            <input
                id="is-active"
                type="checkbox"
                prop:checked=move || draft.with(|f| f.is_active)
                on:change=move |ev| draft.update(|f| f.is_active = event_target_checked(&ev))
            />
            <label for="is-active">"Active (ready for calling)"</label>
        </div>
    }
}

/// The cluster picker: a "not chosen" option, then one option per [`Domain`].
#[component]
fn DomainSelect(draft: Store<AppForm>, error: Signal<Option<String>>) -> impl IntoView {
    let id = FieldId::Domain.dom_id();
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    let invalid = move || error.with(Option::is_some);
    let options = Domain::ALL
        .into_iter()
        .map(|d| view! { <option value=d.as_api_str()>{d.label()}</option> })
        .collect_view();
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>"Exotel domain"</label>
            <select
                id=id
                on:change=move |ev| {
                    draft.update(|f| f.domain = Domain::from_api_str(&event_target_value(&ev)))
                }
                prop:value=move || draft.with(|f| f.domain.map_or("", Domain::as_api_str))
                aria-invalid=move || invalid().to_string()
                aria-describedby=described_by
            >
                <option value="">"Choose the account's cluster…"</option>
                {options}
            </select>
            <FieldErrorText id=error_id error=error />
        </div>
    }
}
