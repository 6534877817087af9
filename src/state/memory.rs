//! What pages remember between visits, in memory only: an admin's unsaved
//! edits, the users loaded, where a stopped load resumes. Each feature owns
//! its types and asks for its entry by type and key (an AppID, or "" for
//! the tab); the store knows none of them, and sign-out empties it.

use std::any::{Any, TypeId};
use std::collections::BTreeMap;

use leptos::prelude::*;

// A BTreeMap, like the session's: a HashMap would add its hasher's code to
// the first load for a map of a handful of entries.
type Entries = BTreeMap<(TypeId, String), Box<dyn Any + Send + Sync>>;

/// The tab's memory, keyed by type and key.
#[derive(Clone, Copy)]
pub(crate) struct TabMemory {
    entries: StoredValue<Entries>,
}

impl TabMemory {
    pub(crate) fn new() -> Self {
        TabMemory {
            entries: StoredValue::new(BTreeMap::new()),
        }
    }

    /// The `T` kept for `key`, made with `T::default()` on first use. `T`
    /// is a shared handle (an `ArcRwSignal`, a struct of them): every
    /// page that asks gets the same one, and it outlives the page.
    pub(crate) fn entry<T>(&self, key: &str) -> T
    where
        T: Clone + Default + Send + Sync + 'static,
    {
        let mut found = None;
        self.with_entry(
            TypeId::of::<T>(),
            key,
            || Box::new(T::default()),
            &mut |entry| {
                found = entry.downcast_ref::<T>().cloned();
            },
        );
        found.expect("an entry is stored under its own type")
    }

    /// The map's part of [`TabMemory::entry`], written once for every type:
    /// `read` sees the entry for `(type_id, key)`, made by `make` if new.
    fn with_entry(
        &self,
        type_id: TypeId,
        key: &str,
        make: fn() -> Box<dyn Any + Send + Sync>,
        read: &mut dyn FnMut(&(dyn Any + Send + Sync)),
    ) {
        self.entries.update_value(|all| {
            let entry = all.entry((type_id, key.to_string())).or_insert_with(make);
            read(entry.as_ref());
        });
    }

    /// Whether a `T` is kept for `key`: whether a page has asked for it in
    /// this tab. Makes none, and has no code per `T` but its `TypeId`.
    pub(crate) fn holds<T: 'static>(&self, key: &str) -> bool {
        self.entries
            .with_value(|all| all.contains_key(&(TypeId::of::<T>(), key.to_string())))
    }

    /// Forgets everything (sign-out).
    pub(crate) fn clear(&self) {
        self.entries.update_value(BTreeMap::clear);
    }
}

impl Default for TabMemory {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default)]
    struct Draft(ArcRwSignal<String>);

    #[derive(Clone, Default)]
    struct Other(ArcRwSignal<String>);

    #[test]
    fn one_shared_entry_per_type_and_key_until_cleared() {
        let owner = Owner::new();
        owner.set();
        let memory = TabMemory::new();
        memory.entry::<Draft>("a1").0.set("typed".into());
        assert_eq!(memory.entry::<Draft>("a1").0.get_untracked(), "typed");
        assert_eq!(memory.entry::<Draft>("a2").0.get_untracked(), "");
        assert_eq!(memory.entry::<Other>("a1").0.get_untracked(), "");
        memory.clear();
        assert_eq!(memory.entry::<Draft>("a1").0.get_untracked(), "");
    }

    #[test]
    fn holds_tells_whether_an_entry_was_made_without_making_one() {
        let owner = Owner::new();
        owner.set();
        let memory = TabMemory::new();
        assert!(!memory.holds::<Draft>("a1"));
        assert!(!memory.holds::<Draft>("a1"), "asking made nothing");
        memory.entry::<Draft>("a1");
        assert!(memory.holds::<Draft>("a1"));
        assert!(!memory.holds::<Other>("a1"));
        assert!(!memory.holds::<Draft>("a2"));
        memory.clear();
        assert!(!memory.holds::<Draft>("a1"));
    }
}
