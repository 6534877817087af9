//! The apps list's filters, in the shared list toolbar between the search
//! box and the export buttons.

use leptos::prelude::*;

use crate::api::Domain;
use crate::features::apps::query::ListQuery;
use crate::features::list::toolbar::{FilterChoice, FilterSelect, StatusFilter};
use crate::features::list::view::ListState;

/// The apps list's filters: domain and status.
#[component]
pub(crate) fn AppFilters(state: ListState<ListQuery>) -> impl IntoView {
    view! {
        <FilterSelect
            id="filter-domain"
            label="Domain"
            value=state.part(|q| q.domain)
            on_change=state.set_part(|q, domain| q.domain = domain)
        />
        <StatusFilter
            value=state.part(|q| q.active)
            on_change=state.set_part(|q, active| q.active = active)
        />
    }
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
