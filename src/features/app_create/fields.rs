//! The create form's inputs, each bound to its field of the draft store.

use leptos::prelude::*;
use reactive_stores::{Field, Store};

use crate::api::Domain;
use crate::features::app_create::form::{AppForm, AppFormStoreFields};
use crate::ui::field_id::FieldId;
use crate::ui::text_field::{field_error, FieldErrorText, TextField};
use crate::ui::validation::FieldError;

const ACCOUNT_SID_HINT: &str = "From the Exotel dashboard, API settings.";

/// What a text input of the form has beside its label.
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
    let text_inputs: [(FieldId, &str, Field<String>, Look); 4] = [
        (
            FieldId::AppName,
            "App name",
            draft.app_name().into(),
            Look::Placeholder("e.g. WebRTC"),
        ),
        (
            FieldId::AccountSid,
            "Exotel Account SID",
            draft.account_sid().into(),
            Look::Hint(ACCOUNT_SID_HINT),
        ),
        (
            FieldId::ApiKey,
            "Exotel API key",
            draft.api_key().into(),
            Look::Secret,
        ),
        (
            FieldId::ApiToken,
            "Exotel API token",
            draft.api_token().into(),
            Look::Secret,
        ),
    ];
    let text_fields = text_inputs
        .into_iter()
        .map(|(id, label, value, look)| {
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
        <DomainSelect domain=draft.domain() error=field_error(errors, FieldId::Domain) />
        <div class="field checkbox">
            <input id="is-active" type="checkbox" bind:checked=draft.is_active() />
            <label for="is-active">"Active (ready for calling)"</label>
        </div>
    }
}

/// The cluster picker: a "not chosen" option, then one option per [`Domain`].
#[component]
fn DomainSelect(
    #[prop(into)] domain: Field<Option<Domain>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
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
                on:change=move |ev| domain.set(Domain::from_api_str(&event_target_value(&ev)))
                prop:value=move || domain.get().map_or("", Domain::as_api_str)
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
