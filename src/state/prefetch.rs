//! A page's hint that the admin will likely go on to another page: the
//! route table provides what to fetch then (the lazy chunks of that page),
//! so a page can ask for it without knowing the route table, which knows
//! every page.

use leptos::prelude::*;

/// Fetches the chunks of the pages an admin opens next from the apps list.
#[derive(Clone, Copy)]
pub(crate) struct PrefetchNext(pub(crate) Callback<()>);

/// Asks for the next pages' chunks, if the route table offers them.
pub(crate) fn prefetch_next() {
    if let Some(PrefetchNext(prefetch)) = use_context::<PrefetchNext>() {
        prefetch.run(());
    }
}
