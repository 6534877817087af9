//! Above a list's table: the search box, the list's filter selects and the
//! export buttons.

use leptos::prelude::*;

use super::query::{active_param, UrlQuery};
use super::view::{ListState, ListTexts};
use crate::features::list::export::ExportFormat;

/// The toolbar of a list: the search box, then `children` (the list's
/// filters), then one export button per format.
#[component]
pub(crate) fn ListToolbar<Q: UrlQuery>(
    state: ListState<Q>,
    texts: ListTexts,
    on_export: Callback<ExportFormat>,
    children: Children,
) -> impl IntoView {
    let ListState {
        typed, on_search, ..
    } = state;
    view! {
        <div class="toolbar">
            <div class="field search">
                <label for="search">
                    "Search " {texts.noun} "s " <span class="kbd" aria-hidden="true">
                        "/"
                    </span>
                </label>
                <input
                    id="search"
                    type="search"
                    placeholder=texts.search_placeholder
                    prop:value=move || typed.get()
                    on:input=move |ev| on_search.run(event_target_value(&ev))
                    autocomplete="off"
                    spellcheck="false"
                />
            </div>
            {children()}
            <ExportButtons on_export=on_export />
        </div>
    }
}

/// Saves the shown items, one button per format.
#[component]
fn ExportButtons(on_export: Callback<ExportFormat>) -> impl IntoView {
    let button = move |format: ExportFormat| {
        view! {
            <button type="button" class="btn" on:click=move |_| on_export.run(format)>
                {format.button_text()}
            </button>
        }
    };
    view! { <div class="actions">{ExportFormat::ALL.map(button)}</div> }
}

/// The values one filter can take, "any" included.
pub(crate) trait FilterChoice: Copy + PartialEq + Send + Sync + 'static {
    /// Every choice, in the `<select>`'s order ("any" first).
    fn choices() -> Vec<Self>;
    /// The `<option>` value: the URL's value, "" for any.
    fn param(self) -> &'static str;
    /// What the admin reads.
    fn text(self) -> &'static str;
}

/// A yes/no filter (status, outbound): any, active only or inactive only.
impl FilterChoice for Option<bool> {
    fn choices() -> Vec<Self> {
        vec![None, Some(true), Some(false)]
    }
    fn param(self) -> &'static str {
        active_param(self)
    }
    fn text(self) -> &'static str {
        match self {
            None => "Any",
            Some(true) => "Active",
            Some(false) => "Inactive",
        }
    }
}

/// The status filter both lists have: any, active only or inactive only.
#[component]
pub(crate) fn StatusFilter(
    value: Signal<Option<bool>>,
    on_change: Callback<Option<bool>>,
) -> impl IntoView {
    view! { <FilterSelect id="filter-active" label="Status" value=value on_change=on_change /> }
}

/// A labelled filter `<select>`: it shows `value` (which follows the URL)
/// and reports the admin's choice. Each option's selectedness is set
/// directly, so the shown choice never depends on when the options exist.
#[component]
pub(crate) fn FilterSelect<T: FilterChoice>(
    id: &'static str,
    label: &'static str,
    value: Signal<T>,
    on_change: Callback<T>,
) -> impl IntoView {
    let pick = move |ev: leptos::ev::Event| {
        let param = event_target_value(&ev);
        if let Some(choice) = T::choices().into_iter().find(|c| c.param() == param) {
            on_change.run(choice);
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=pick>
                {T::choices()
                    .into_iter()
                    .map(|choice| {
                        view! {
                            <option
                                value=choice.param()
                                prop:selected=move || value.with(|current| *current == choice)
                            >
                                {choice.text()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
