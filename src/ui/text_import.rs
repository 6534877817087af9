//! The pieces every import dialog is made of: where the text comes from (a
//! chosen file or pasted text, both into one text area), why it could not
//! be read, and the table its preview is shown in.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The file picker and the text area. A chosen file's text replaces the
/// text area's, so what is read is always what is in the box; the text
/// lives in the caller's signal, so closing the dialog loses nothing.
#[component]
pub(crate) fn TextSource(
    /// Prefix of the element ids: `{id}-file`, `{id}-text`, `{id}-hint`.
    id: &'static str,
    file_label: &'static str,
    paste_label: &'static str,
    /// The file types the picker offers (the input's `accept`).
    accept: &'static str,
    text: RwSignal<String>,
    /// Called once a chosen file's text is in the text area.
    #[prop(optional)]
    on_read: Option<Callback<()>>,
    /// What the text should look like, shown above the text area.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let (file_id, text_id, hint_id) = (
        format!("{id}-file"),
        format!("{id}-text"),
        format!("{id}-hint"),
    );
    let described_by = children.is_some().then(|| hint_id.clone());
    let hint = children.map(|hint| {
        view! {
            <p class="hint" id=hint_id>
                {hint()}
            </p>
        }
    });
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(file) = chosen_file(&ev) {
            leptos::task::spawn_local(async move {
                if let Ok(content) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    text.set(content.as_string().unwrap_or_default());
                    if let Some(on_read) = on_read {
                        on_read.run(());
                    }
                }
            });
        }
    };
    view! {
        <div class="field">
            <label for=file_id.clone()>{file_label}</label>
            <input id=file_id type="file" accept=accept on:change=on_file />
        </div>
        <div class="field">
            <label for=text_id.clone()>{paste_label}</label>
            {hint}
            <textarea
                id=text_id
                rows="6"
                spellcheck="false"
                aria-describedby=described_by
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// The file a file input's change event chose, if any.
fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
}

/// Why the text could not be read, announced as soon as it shows.
#[component]
pub(crate) fn Unreadable(
    #[prop(into)] message: String,
    #[prop(optional)] test_id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <p class="field-error" role="alert" data-testid=test_id>
            {message}
        </p>
    }
}

/// A preview's table, scrolling inside its wrapper: a caption for screen
/// readers, one head per column, and the rows given as children.
#[component]
pub(crate) fn PreviewTable(
    /// Says what the table holds, for screen readers.
    caption: &'static str,
    columns: &'static [&'static str],
    /// Classes beside `preview` that name the table's kind.
    #[prop(optional)]
    kind: Option<&'static str>,
    /// Classes of the wrapper beside `table-wrap`.
    #[prop(optional)]
    wrap_class: Option<&'static str>,
    #[prop(optional)] test_id: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let with_extra = |base: &str, extra: Option<&str>| match extra {
        Some(extra) => format!("{base} {extra}"),
        None => base.to_string(),
    };
    let heads = columns
        .iter()
        .map(|c| view! { <th scope="col">{*c}</th> })
        .collect_view();
    view! {
        <div class=with_extra("table-wrap", wrap_class)>
            <table class=with_extra("preview", kind) data-testid=test_id>
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>{heads}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// The row under an import: other actions given as children, a button that
/// closes the dialog, and the one that uses what was read.
#[component]
pub(crate) fn ImportActions(
    close_label: &'static str,
    on_close: Callback<()>,
    /// The using button's text, e.g. "Use 3 settings".
    #[prop(into)]
    use_label: Signal<String>,
    /// While true the using button is disabled (nothing to use, or busy).
    #[prop(into)]
    use_disabled: Signal<bool>,
    on_use: Callback<()>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="actions">
            {children.map(|c| c())}
            <button type="button" class="btn" on:click=move |_| on_close.run(())>
                {close_label}
            </button>
            <button
                type="button"
                class="btn btn-primary"
                disabled=move || use_disabled.get()
                on:click=move |_| on_use.run(())
            >
                {move || use_label.get()}
            </button>
        </div>
    }
}
