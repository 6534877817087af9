//! A labelled input bound to a signal, with its validation message attached
//! for screen readers. Secret fields get a reveal toggle and are never
//! autocompleted into the browser's password store by accident.

use leptos::prelude::*;
use leptos::tachys::reactive_graph::bind::IntoSplitSignal;

use crate::ui::field_id::FieldId;
use crate::ui::validation::FieldError;

/// The message for one field out of a form's validation errors, as the
/// `error` signal a [`TextField`] takes.
pub(crate) fn field_error(
    errors: RwSignal<Vec<FieldError>>,
    field: FieldId,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|es| {
            es.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    })
}

#[component]
pub(crate) fn TextField<V>(
    /// Element id; also the key validation errors use.
    id: FieldId,
    #[prop(into)] label: String,
    /// The text, bound both ways: a signal or a store field.
    value: V,
    /// The message for this field, if validation failed.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(optional)] secret: bool,
    /// Help shown above the input (a text, or an Option of one).
    #[prop(into, default = None)]
    hint: Option<&'static str>,
    #[prop(into, default = None)] placeholder: Option<&'static str>,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
) -> impl IntoView
where
    V: IntoSplitSignal<Value = String>,
    V::Read: Get<Value = String> + Clone + Send + Sync + 'static,
    V::Write: Set<Value = String> + Clone + Send + Sync + 'static,
{
    // One body for every kind of bound value: the generic part stops here,
    // so the field's markup and closures are compiled once.
    let (read, write) = value.into_split_signal();
    let value = (
        Signal::derive(move || read.get()),
        SignalSetter::map(move |text: String| write.set(text)),
    );
    view! {
        <BoundTextField
            id=id
            label=label
            value=value
            error=error
            secret=secret
            hint=hint
            placeholder=placeholder
            autocomplete=autocomplete
        />
    }
}

/// [`TextField`] once its value is a plain read/write pair.
#[component]
fn BoundTextField(
    id: FieldId,
    label: String,
    value: (Signal<String>, SignalSetter<String>),
    error: Signal<Option<String>>,
    secret: bool,
    hint: Option<&'static str>,
    placeholder: Option<&'static str>,
    autocomplete: Option<&'static str>,
) -> impl IntoView {
    // Bound by hand (prop:value and the input event, as bind:value does): the
    // app then carries no bind: machinery at all, about 1 KB of wasm.
    let (read, write) = value;
    let id = id.dom_id();
    let revealed = RwSignal::new(false);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = described_by(
        hint.is_some().then(|| hint_id.clone()),
        error_id.clone(),
        error,
    );
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
            {hint
                .map(|h| {
                    view! {
                        <p class="hint" id=hint_id.clone()>
                            {h}
                        </p>
                    }
                })}
            <div class="input-row">
                <input
                    id=id
                    name=id
                    type=input_type
                    prop:value=move || read.get()
                    on:input=move |ev| write.set(event_target_value(&ev))
                    placeholder=placeholder
                    autocomplete=autocomplete.unwrap_or(if secret { "off" } else { "on" })
                    spellcheck="false"
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=described_by
                />
                {secret.then(|| view! { <RevealToggle revealed=revealed controls=id /> })}
            </div>
            <FieldErrorText id=error_id error=error />
        </div>
    }
}

/// A field's validation message, under the id its input's
/// `aria-describedby` names; nothing while the field is valid.
#[component]
pub(crate) fn FieldErrorText(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <p class="field-error" id=id.clone()>
                    {e}
                </p>
            }
        })
    }
}

/// The `aria-describedby` of an input: its hint, and its error while shown.
fn described_by(
    hint_id: Option<String>,
    error_id: String,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let shown_error = error.with(Option::is_some).then_some(&error_id);
        let ids: Vec<&str> = hint_id
            .iter()
            .chain(shown_error)
            .map(String::as_str)
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// Shows or hides a secret field's text.
#[component]
fn RevealToggle(revealed: RwSignal<bool>, controls: &'static str) -> impl IntoView {
    view! {
        <button
            type="button"
            class="btn btn-ghost btn-small"
            aria-pressed=move || revealed.get().to_string()
            aria-controls=controls
            on:click=move |_| revealed.update(|r| *r = !*r)
        >
            {move || if revealed.get() { "Hide" } else { "Show" }}
        </button>
    }
}
