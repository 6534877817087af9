//! A page's hint that the admin will likely go on to other pages: the route
//! table sets what to fetch then (the lazy chunks of those pages), so a
//! page can ask for it without knowing the route table, which knows every
//! page. A plain function pointer rather than a context: reading a context
//! of a type of its own costs the first load its own code.

use std::cell::Cell;

thread_local! {
    static NEXT: Cell<Option<fn()>> = const { Cell::new(None) };
}

/// What [`prefetch_next`] runs (the route table calls this once).
pub(crate) fn set_next(prefetch: fn()) {
    NEXT.with(|next| next.set(Some(prefetch)));
}

/// Asks for the next pages' chunks, if the route table set them.
pub(crate) fn prefetch_next() {
    if let Some(prefetch) = NEXT.with(Cell::get) {
        prefetch();
    }
}
