//! The create form's inputs, each bound to its field of the draft store.

use leptos::prelude::*;
use reactive_stores::{Field, Store};

use crate::api::Domain;
use crate::features::app_create::form::{AppForm, AppFormStoreFields};
use crate::ui::field_id::FieldId;
use crate::ui::text_field::{field_error, TextField};
use crate::ui::validation::FieldError;

/// Every input of the form, in order, with its validation message.
#[component]
pub(crate) fn AppFormFields(
    draft: Store<AppForm>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let error_for = move |field: FieldId| field_error(errors, field);
    view! {
        <TextField
            id=FieldId::AppName
            label="App name"
            value=draft.app_name()
            error=error_for(FieldId::AppName)
            placeholder="e.g. WebRTC"
        />
        <TextField
            id=FieldId::AccountSid
            label="Exotel Account SID"
            value=draft.account_sid()
            error=error_for(FieldId::AccountSid)
            hint="From the Exotel dashboard, API settings."
        />
        <TextField
            id=FieldId::ApiKey
            label="Exotel API key"
            value=draft.api_key()
            error=error_for(FieldId::ApiKey)
            secret=true
        />
        <TextField
            id=FieldId::ApiToken
            label="Exotel API token"
            value=draft.api_token()
            error=error_for(FieldId::ApiToken)
            secret=true
        />
        <DomainSelect domain=draft.domain() error=error_for(FieldId::Domain) />
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
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="field-error" id=error_id.clone()>
                                {e}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
