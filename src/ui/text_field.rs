//! A labelled input bound to a signal, with its validation message attached
//! for screen readers. Secret fields get a reveal toggle and are never
//! autocompleted into the browser's password store by accident.

use leptos::prelude::*;

use crate::ui::field_id::FieldId;
use crate::ui::validation::FieldError;

/// The message for one field out of a form's validation errors, as the
/// `error` signal a [`TextField`] takes.
pub fn field_error(errors: RwSignal<Vec<FieldError>>, field: FieldId) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|es| {
            es.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    })
}

#[component]
pub fn TextField(
    /// Element id; also the key validation errors use.
    id: FieldId,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    /// The message for this field, if validation failed.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(optional)] secret: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] placeholder: Option<String>,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let id = id.dom_id();
    let revealed = RwSignal::new(false);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let input_type = move || {
        if secret && !revealed.get() {
            "password"
        } else {
            "text"
        }
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id>{label.clone()}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <div class="input-row">
                <input
                    id=id
                    name=id
                    type=input_type
                    bind:value=value
                    placeholder=placeholder
                    autocomplete=autocomplete.unwrap_or(if secret { "off" } else { "on" })
                    spellcheck="false"
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=described_by
                />
                {secret.then(|| view! {
                    <button
                        type="button"
                        class="btn btn-ghost btn-small"
                        aria-pressed=move || revealed.get().to_string()
                        aria-controls=id
                        on:click=move |_| revealed.update(|r| *r = !*r)
                    >
                        {move || if revealed.get() { "Hide" } else { "Show" }}
                    </button>
                })}
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
        </div>
    }
}
