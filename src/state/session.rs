//! The admin's session: tokens kept in the browser's **session storage** only
//! (never local storage, cookies or the URL), so they survive a reload of the
//! tab but not a new tab or browser, and vanish when the tab closes.
//!
//! `Session` is the reactive view of that storage, provided as context by
//! `app.rs`; every write goes through it so storage and UI never disagree.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{jwt, ApiError, App, Client};
use crate::state::request_log::RequestLog;
use crate::ui::validation::AppForm;

/// Session-storage keys. One prefix so sign-out can clear exactly ours.
pub mod keys {
    pub const PREFIX: &str = "exotel.console.";
    pub const API_BASE: &str = "exotel.console.apiBase";
    pub const CUSTOMER_ID: &str = "exotel.console.customerId";
    pub const CUSTOMER_TOKEN: &str = "exotel.console.customerToken";
    /// JSON object mapping AppID -> app token.
    pub const APP_TOKENS: &str = "exotel.console.appTokens";
}

/// Raw session-storage access. Every function degrades to "nothing stored"
/// when storage is unavailable (privacy modes, sandboxed frames).
pub mod store {
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    pub fn read(key: &str) -> Option<String> {
        storage()?.get_item(key).ok()?.filter(|v| !v.is_empty())
    }

    pub fn write(key: &str, value: &str) {
        if let Some(s) = storage() {
            let _ = s.set_item(key, value);
        }
    }

    pub fn remove(key: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(key);
        }
    }

    /// Removes every key this console owns, and nothing else.
    pub fn clear_ours() {
        let Some(s) = storage() else { return };
        let len = s.length().unwrap_or(0);
        let ours: Vec<String> = (0..len)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(super::keys::PREFIX))
            .collect();
        for k in ours {
            let _ = s.remove_item(&k);
        }
    }
}

/// Parses the stored AppID -> token map; anything unreadable counts as empty
/// (a corrupted entry must not lock the admin out).
pub fn decode_app_tokens(raw: &str) -> BTreeMap<String, String> {
    serde_json::from_str(raw).unwrap_or_default()
}

pub fn encode_app_tokens(tokens: &BTreeMap<String, String>) -> String {
    serde_json::to_string(tokens).unwrap_or_else(|_| "{}".into())
}

/// The signed-in state, shared through context.
#[derive(Clone, Copy)]
pub struct Session {
    pub api_base: RwSignal<String>,
    /// Per-call timeout (from index.html, see `config::api_timeout_ms`).
    pub timeout_ms: u32,
    pub customer_id: RwSignal<Option<String>>,
    pub customer_token: RwSignal<Option<String>>,
    pub app_tokens: RwSignal<BTreeMap<String, String>>,
    /// The last list of apps, so detail renders at once (memory only).
    pub known_apps: RwSignal<Arc<Vec<App>>>,
    /// Why the admin was sent back to the connect page, if they were.
    pub notice: RwSignal<Option<String>>,
    /// Every API call of this tab, redacted, memory only.
    pub log: RequestLog,
    /// What the admin typed in the create form, kept in memory only, so a
    /// trip through connect after a 401 loses nothing.
    pub create_draft: RwSignal<AppForm>,
}

impl Session {
    /// Restores the session from storage (a reload keeps it).
    pub fn load(default_api_base: String) -> Self {
        Self {
            timeout_ms: crate::state::config::api_timeout_ms(),
            api_base: RwSignal::new(store::read(keys::API_BASE).unwrap_or(default_api_base)),
            customer_id: RwSignal::new(store::read(keys::CUSTOMER_ID)),
            customer_token: RwSignal::new(store::read(keys::CUSTOMER_TOKEN)),
            app_tokens: RwSignal::new(
                store::read(keys::APP_TOKENS)
                    .map(|raw| decode_app_tokens(&raw))
                    .unwrap_or_default(),
            ),
            known_apps: RwSignal::new(Arc::default()),
            notice: RwSignal::new(None),
            log: RequestLog::new(),
            create_draft: RwSignal::new(AppForm::default()),
        }
    }

    /// A client for the session's API base, reporting to the request log.
    pub fn client(&self) -> Client {
        self.client_for(self.api_base.get_untracked())
    }

    /// Same, for another base URL (the connect page tries one before it is
    /// the session's).
    pub fn client_for(&self, api_base: String) -> Client {
        self.log
            .attach(Client::new(api_base).with_timeout(self.timeout_ms))
    }

    pub fn is_signed_in(&self) -> bool {
        self.customer_token.with(Option::is_some)
    }

    /// Unix seconds at which the customer token expires, when it says so.
    pub fn customer_token_expiry(&self) -> Option<u64> {
        self.customer_token
            .with(|t| t.as_deref().and_then(jwt::token_expiry))
    }

    pub fn sign_in(&self, api_base: String, customer_id: Option<String>, token: String) {
        store::write(keys::API_BASE, &api_base);
        match &customer_id {
            Some(id) => store::write(keys::CUSTOMER_ID, id),
            None => store::remove(keys::CUSTOMER_ID),
        }
        store::write(keys::CUSTOMER_TOKEN, &token);
        self.api_base.set(api_base);
        self.customer_id.set(customer_id);
        self.customer_token.set(Some(token));
        self.notice.set(None);
    }

    /// Clears every token (customer and app) from storage and memory.
    pub fn sign_out(&self, notice: Option<String>) {
        let api_base = self.api_base.get_untracked();
        store::clear_ours();
        // The chosen endpoint is not a secret; keep it for the next sign-in.
        store::write(keys::API_BASE, &api_base);
        self.customer_id.set(None);
        self.customer_token.set(None);
        self.app_tokens.set(BTreeMap::new());
        self.known_apps.set(Arc::default());
        self.create_draft.set(AppForm::default());
        self.log.clear();
        self.notice.set(notice);
    }

    /// The API refused the customer token (401): drop it and say why. The
    /// route guard then sends the admin to connect, remembering the page.
    pub fn expire_customer(&self, refused: &ApiError) {
        store::remove(keys::CUSTOMER_TOKEN);
        self.notice.set(Some(format!(
            "Your session ended: {refused} Sign in again to continue where you were."
        )));
        self.customer_token.set(None);
    }

    pub fn app_token(&self, app_id: &str) -> Option<String> {
        self.app_tokens.with(|m| m.get(app_id).cloned())
    }

    pub fn app_token_untracked(&self, app_id: &str) -> Option<String> {
        self.app_tokens.with_untracked(|m| m.get(app_id).cloned())
    }

    pub fn set_app_token(&self, app_id: &str, token: String) {
        self.app_tokens.update(|m| {
            m.insert(app_id.to_string(), token);
            store::write(keys::APP_TOKENS, &encode_app_tokens(m));
        });
    }

    pub fn forget_app_token(&self, app_id: &str) {
        self.app_tokens.update(|m| {
            m.remove(app_id);
            store::write(keys::APP_TOKENS, &encode_app_tokens(m));
        });
    }

    /// Keeps the last list (shared, not copied: it can be 10,000 apps).
    pub fn remember_apps(&self, apps: Arc<Vec<App>>) {
        self.known_apps.set(apps);
    }

    pub fn known_app(&self, app_id: &str) -> Option<App> {
        self.known_apps
            .with_untracked(|apps| find_app(apps, app_id))
    }
}

/// The app with this AppID in a list, if any.
pub fn find_app(apps: &[App], app_id: &str) -> Option<App> {
    apps.iter().find(|a| a.app_id == app_id).cloned()
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_tokens_round_trip() {
        let mut m = BTreeMap::new();
        m.insert("a1".to_string(), "tok1".to_string());
        m.insert("a2".to_string(), "tok2".to_string());
        assert_eq!(decode_app_tokens(&encode_app_tokens(&m)), m);
    }

    #[test]
    fn corrupted_app_tokens_read_as_empty() {
        assert!(decode_app_tokens("not json").is_empty());
        assert!(decode_app_tokens("[1,2]").is_empty());
        assert!(decode_app_tokens("").is_empty());
    }
}
