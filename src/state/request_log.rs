//! The session's request log: every API call this tab made, newest first,
//! in memory only (a reload or sign-out empties it). Records are already
//! redacted by the API layer (`api::call_log`).

use std::rc::Rc;

use leptos::prelude::*;

use crate::api::call_log::{CallObserver, CallRecord};
use crate::api::Client;

/// The log keeps the latest calls only, so a long session stays light.
pub(crate) const MAX_ENTRIES: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LogEntry {
    /// Stable key for the view.
    pub(crate) id: u64,
    pub(crate) record: CallRecord,
}

#[derive(Clone, Copy)]
pub(crate) struct RequestLog {
    pub(crate) entries: RwSignal<Vec<LogEntry>>,
    /// Whether the log panel is showing.
    pub(crate) open: RwSignal<bool>,
    next_id: StoredValue<u64>,
}

impl RequestLog {
    pub(crate) fn new() -> Self {
        Self {
            entries: RwSignal::new(Vec::new()),
            open: RwSignal::new(false),
            next_id: StoredValue::new(0),
        }
    }

    pub(crate) fn push(&self, record: CallRecord) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.entries.update(|list| {
            list.insert(0, LogEntry { id, record });
            list.truncate(MAX_ENTRIES);
        });
    }

    pub(crate) fn clear(&self) {
        self.entries.set(Vec::new());
    }

    /// `client` reporting every call to this log.
    pub(crate) fn attach(&self, client: Client) -> Client {
        client.with_observer(Rc::new(*self))
    }
}

impl Default for RequestLog {
    fn default() -> Self {
        Self::new()
    }
}

impl CallObserver for RequestLog {
    fn observe(&self, record: CallRecord) {
        self.push(record);
    }
}
