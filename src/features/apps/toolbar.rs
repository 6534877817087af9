//! Above the apps table: the search box, the domain and status filters, and
//! the export buttons.

use leptos::prelude::*;

use crate::api::Domain;
use crate::features::apps::export::ExportFormat;
use crate::features::apps::query::{active_param, ListQuery};

#[component]
pub(crate) fn Toolbar(
    /// What the search box holds.
    typed: Signal<String>,
    /// The query the list shows.
    query: Memo<ListQuery>,
    /// Every keystroke in the search box.
    on_search: Callback<String>,
    /// A filter change, as the whole new query.
    set_query: Callback<ListQuery>,
    on_export: Callback<ExportFormat>,
) -> impl IntoView {
    let on_domain = Callback::new(move |domain: Option<Domain>| {
        set_query.run(ListQuery {
            domain,
            ..query.get_untracked()
        })
    });
    let on_active = Callback::new(move |active: Option<bool>| {
        set_query.run(ListQuery {
            active,
            ..query.get_untracked()
        })
    });
    view! {
        <div class="toolbar">
            <div class="field search">
                <label for="search">
                    "Search apps " <span class="kbd" aria-hidden="true">
                        "/"
                    </span>
                </label>
                <input
                    id="search"
                    type="search"
                    placeholder="Name, AppID or account SID"
                    prop:value=move || typed.get()
                    on:input=move |ev| on_search.run(event_target_value(&ev))
                    autocomplete="off"
                    spellcheck="false"
                />
            </div>
            <FilterSelect
                id="filter-domain"
                label="Domain"
                value=Signal::derive(move || query.with(|q| q.domain))
                on_change=on_domain
            />
            <FilterSelect
                id="filter-active"
                label="Status"
                value=Signal::derive(move || query.with(|q| q.active))
                on_change=on_active
            />
            <div class="actions">
                {ExportFormat::ALL
                    .map(|format| {
                        view! {
                            <button
                                type="button"
                                class="btn"
                                on:click=move |_| on_export.run(format)
                            >
                                {format.button_text()}
                            </button>
                        }
                    })}
            </div>
        </div>
    }
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

/// The domain filter: any, or one of [`Domain::ALL`].
impl FilterChoice for Option<Domain> {
    fn choices() -> Vec<Self> {
        std::iter::once(None).chain(Domain::ALL.map(Some)).collect()
    }
    fn param(self) -> &'static str {
        self.map_or("", Domain::as_api_str)
    }
    fn text(self) -> &'static str {
        self.map_or("Any", Domain::label)
    }
}

/// The status filter: any, active only or inactive only.
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
