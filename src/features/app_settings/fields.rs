//! One editor row per setting: the words and the key, the editor its kind
//! needs, what the server holds, and what Save would send.

use leptos::prelude::*;

use super::check::Verdict;
use super::draft::{Row, SettingsDraft};
use super::editor::ConflictChoices;
use super::keys::{describe_key, KnownKey, ValueKind};
use crate::features::changes::conflict_view::{shown, ConflictChoice};

/// The element id of a setting's input. Keys from the server may hold any
/// character, so the id is built from the row's position, not the key.
pub(crate) fn input_id(position: usize) -> String {
    format!("setting-{position}")
}

#[component]
pub(crate) fn SettingField(
    key: String,
    position: usize,
    draft: RwSignal<SettingsDraft>,
) -> impl IntoView {
    let known = KnownKey::from_api_name(&key);
    let id = input_id(position);
    // One memo for all the row shows, verdict included: each distinct memo
    // type adds its own copy of the framework code to the wasm.
    let row = {
        let key = key.clone();
        Memo::new(move |_| draft.with(|d| d.row(&key)))
    };
    let label = match known {
        Some(k) => k.full_label(),
        None => format!("{key} (custom)"),
    };
    let help = known.map_or(
        "A key outside Exotel's documented table: Exotel may ignore it.",
        KnownKey::help,
    );
    let editor = match known.map(KnownKey::kind) {
        Some(ValueKind::Switch) => {
            view! { <SwitchInput id=id.clone() key=key.clone() draft=draft /> }.into_any()
        }
        kind => {
            let placeholder = match kind {
                Some(ValueKind::SocketUrl) => "wss://…",
                Some(_) => "https://…",
                None => "",
            };
            view! { <TextInput id=id.clone() key=key.clone() draft=draft placeholder=placeholder /> }.into_any()
        }
    };
    view! {
        <div
            class="field setting"
            class:changed=move || row.with(|r| r.changed)
            class:invalid=move || row.with(|r| matches!(r.verdict, Verdict::Refuse(_)))
            data-key=key.clone()
        >
            <label for=id.clone()>{label}</label>
            <p class="hint" id=format!("{id}-hint")>
                {help}
            </p>
            {editor}
            <FieldStatus key=key.clone() id=id.clone() draft=draft row=row />
        </div>
    }
}

#[component]
fn TextInput(
    id: String,
    key: String,
    draft: RwSignal<SettingsDraft>,
    placeholder: &'static str,
) -> impl IntoView {
    let value = {
        let key = key.clone();
        move || draft.with(|d| d.value(&key))
    };
    let hint = format!("{id}-hint {id}-status");
    view! {
        <input
            type="text"
            id=id
            inputmode="url"
            autocomplete="off"
            spellcheck="false"
            placeholder=placeholder
            aria-describedby=hint
            prop:value=value
            on:input=move |ev| draft.update(|d| d.set(&key, event_target_value(&ev)))
        />
    }
}

#[component]
fn SwitchInput(id: String, key: String, draft: RwSignal<SettingsDraft>) -> impl IntoView {
    let on = {
        let key = key.clone();
        move || draft.with(|d| d.value(&key) == "true")
    };
    let hint = format!("{id}-hint {id}-status");
    let shown_as = on.clone();
    view! {
        <span class="switch">
            <input
                type="checkbox"
                role="switch"
                id=id
                aria-describedby=hint
                prop:checked=on
                on:change=move |ev| {
                    let value = if event_target_checked(&ev) { "true" } else { "false" };
                    draft.update(|d| d.set(&key, value.to_string()));
                }
            />
            <span aria-hidden="true">{move || if shown_as() { "On" } else { "Off" }}</span>
        </span>
    }
}

/// What the server holds, whether the field is unsaved, what Save would
/// send, and the verdict on it.
#[component]
fn FieldStatus(
    key: String,
    id: String,
    draft: RwSignal<SettingsDraft>,
    /// The setting's row, as the field above reads it.
    row: Memo<Row>,
) -> impl IntoView {
    let accepted = {
        let key = key.clone();
        move || draft.with(|d| d.warning_accepted(&key))
    };
    let stored = move || match row.with(|r| r.stored.clone()) {
        Some(v) if v.is_empty() => view! { <span>"Stored: an empty value"</span> }.into_any(),
        Some(v) => view! { <span>"Stored: " <code>{v}</code></span> }.into_any(),
        None => view! { <span>"Not set on the server"</span> }.into_any(),
    };
    let pending = move || {
        row.with(|r| r.changed.then(|| r.value.clone())).map(|value| {
            let sends = if value.is_empty() {
                view! { <span>"Save sends an empty value (the API cannot delete a setting)."</span> }.into_any()
            } else {
                view! { <span>"Save sends " <code>{value}</code></span> }.into_any()
            };
            view! {
                <span class="badge badge-unsaved">"Unsaved"</span>
                " "
                {sends}
            }
        })
    };
    let message = move || match row.with(|r| r.changed.then(|| r.verdict.clone())) {
        Some(Verdict::Refuse(m)) => Some(view! { <p class="field-error">{m}</p> }.into_any()),
        Some(Verdict::Warn(m)) => {
            let key = key.clone();
            Some(
                view! {
                    <div class="alert alert-warn setting-warning">
                        <p>{m}</p>
                        <label class="field checkbox">
                            <input
                                type="checkbox"
                                prop:checked=accepted.clone()
                                on:change=move |ev| {
                                    let yes = event_target_checked(&ev);
                                    draft.update(|d| d.accept_warning(&key, yes));
                                }
                            />
                            "Send it anyway"
                        </label>
                    </div>
                }
                .into_any(),
            )
        }
        _ => None,
    };
    view! {
        <p class="setting-status muted" id=format!("{id}-status")>
            {stored}
            " "
            {pending}
        </p>
        {message}
        <FieldConflict row=row />
    }
}

/// The key someone else changed while it was edited, and the choice.
#[component]
fn FieldConflict(row: Memo<Row>) -> impl IntoView {
    let choices = use_context::<ConflictChoices>();
    move || {
        let (conflict, choices) = (row.with(|r| r.conflict.clone())?, choices?);
        let key = conflict.what.clone();
        let on_choose = Callback::new(move |choice| choices.choose.run((key.clone(), choice)));
        Some(view! {
            <ConflictChoice
                what=describe_key(&conflict.what)
                loaded=shown(conflict.loaded.as_deref(), "(not set)")
                theirs=shown(conflict.theirs.as_deref(), "(not set)")
                mine=shown(conflict.mine.as_deref(), "(not set)")
                on_choose=on_choose
                busy=choices.busy
            />
        })
    }
}
