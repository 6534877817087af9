//! The change record as the tab keeps it: a signal in the tab's memory,
//! written through to session storage (so a reload keeps it), emptied by
//! sign-out with the rest of both. Features append through
//! [`ChangeRecord::record`], in the future where a write's outcome lands.

use std::sync::{Arc, OnceLock};

use leptos::prelude::*;

use super::record::{
    append, decode, done_in_batch, encode, undo_of, undone_by, Batch, Change, Undo,
};
use crate::state::memory::TabMemory;
use crate::state::session::use_session;
use crate::state::storage::{self, StorageKey};

/// The tab's entry: the record, read from session storage once.
#[derive(Clone, Default)]
struct Entry {
    list: ArcRwSignal<Vec<Change>>,
    restored: Arc<OnceLock<()>>,
}

/// A handle on the tab's change record. It outlives the page that took
/// it, so a write whose answer comes after the admin left is still
/// recorded.
#[derive(Clone)]
pub(crate) struct ChangeRecord {
    list: ArcRwSignal<Vec<Change>>,
}

/// The change record of this tab (signed in).
pub(crate) fn use_change_record() -> ChangeRecord {
    change_record(use_session().memory)
}

/// The change record kept in `memory` (for a future that has no context).
pub(crate) fn change_record(memory: TabMemory) -> ChangeRecord {
    let entry = memory.entry::<Entry>("");
    if entry.restored.set(()).is_ok() {
        if let Some(raw) = storage::read(StorageKey::Changes) {
            entry.list.set(decode(&raw));
        }
    }
    ChangeRecord { list: entry.list }
}

impl ChangeRecord {
    /// Appends the writes of one action, stamped now; the batch's number
    /// (`None`: nothing was written).
    pub(crate) fn record(&self, batch: Batch) -> Option<u32> {
        let at = String::from(js_sys::Date::new_0().to_iso_string());
        let mut number = None;
        self.list.update(|list| {
            number = append(list, &at, batch);
            if number.is_some() {
                storage::write(StorageKey::Changes, &encode(list));
            }
        });
        number
    }

    /// The whole record (tracked).
    pub(crate) fn signal(&self) -> Signal<Vec<Change>> {
        self.list.clone().into()
    }

    /// The writes of batch `number` that landed.
    pub(crate) fn done_in_batch(&self, number: u32) -> Vec<Change> {
        self.list.with_untracked(|l| done_in_batch(l, number))
    }

    /// The batch that undid batch `number`, if one did.
    pub(crate) fn undone_by(&self, number: u32) -> Option<u32> {
        self.list.with_untracked(|l| undone_by(l, number))
    }

    /// What Undo of batch `number` would restore, if it can be undone.
    pub(crate) fn undo_of(&self, number: u32) -> Option<Undo> {
        self.list.with_untracked(|l| undo_of(l, number))
    }
}
