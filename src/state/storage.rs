//! The browser's session storage, as this console uses it. Every function
//! degrades to "nothing stored" when storage is unavailable (privacy modes,
//! sandboxed frames).

/// One prefix for every key, so sign-out can clear exactly ours.
const PREFIX: &str = "exotel.console.";

/// What the console keeps in session storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StorageKey {
    ApiBase,
    CustomerId,
    CustomerToken,
    /// JSON object mapping AppID -> app token.
    AppTokens,
    /// The record of every write this tab made (a feature's JSON; never a
    /// secret: see `features::changes`).
    Changes,
    /// The prefix of the forms' unsaved drafts, one item per form and app
    /// ([`read_named`]): names, e-mails, numbers and setting values as
    /// typed, never a secret.
    Drafts,
}

impl StorageKey {
    /// The storage key itself (the end-to-end tests read these).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            StorageKey::ApiBase => "exotel.console.apiBase",
            StorageKey::CustomerId => "exotel.console.customerId",
            StorageKey::CustomerToken => "exotel.console.customerToken",
            StorageKey::AppTokens => "exotel.console.appTokens",
            StorageKey::Changes => "exotel.console.changes",
            StorageKey::Drafts => "exotel.console.draft",
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The stored value; an empty one counts as none.
pub(crate) fn read(key: StorageKey) -> Option<String> {
    storage()?
        .get_item(key.as_str())
        .ok()?
        .filter(|v| !v.is_empty())
}

pub(crate) fn write(key: StorageKey, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key.as_str(), value);
    }
}

pub(crate) fn remove(key: StorageKey) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key.as_str());
    }
}

/// The item `name` under `key` (`exotel.console.draft.settings:<AppID>`):
/// a feature keeps one item per form and app without this module knowing
/// the feature.
fn named(key: StorageKey, name: &str) -> String {
    format!("{}.{name}", key.as_str())
}

/// A form's unsaved draft kept as JSON in item `name` of
/// [`StorageKey::Drafts`]; `None` when there is none or it no longer reads.
pub(crate) fn read_draft<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    let raw = storage()?
        .get_item(&named(StorageKey::Drafts, name))
        .ok()??;
    serde_json::from_str(&raw).ok()
}

/// Keeps `draft` as item `name` of [`StorageKey::Drafts`], or removes the
/// item when there is nothing to keep (`None`).
pub(crate) fn write_draft<T: serde::Serialize>(name: &str, draft: Option<&T>) {
    let Some(s) = storage() else { return };
    let item = named(StorageKey::Drafts, name);
    let _ = match draft.and_then(|d| serde_json::to_string(d).ok()) {
        Some(text) => s.set_item(&item, &text),
        None => s.remove_item(&item),
    };
}

/// Removes every key this console owns, and nothing else.
pub(crate) fn clear_ours() {
    let Some(s) = storage() else { return };
    let len = s.length().unwrap_or(0);
    let ours: Vec<String> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for k in ours {
        let _ = s.remove_item(&k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_carries_the_prefix() {
        for key in [
            StorageKey::ApiBase,
            StorageKey::CustomerId,
            StorageKey::CustomerToken,
            StorageKey::AppTokens,
            StorageKey::Changes,
            StorageKey::Drafts,
        ] {
            assert!(key.as_str().starts_with(PREFIX), "{key:?}");
        }
        assert_eq!(
            named(StorageKey::Drafts, "settings:a1"),
            "exotel.console.draft.settings:a1",
            "under the prefix, so sign-out clears it"
        );
    }
}
