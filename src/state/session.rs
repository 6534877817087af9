//! The admin's session: tokens kept in the browser's **session storage** only
//! (never local storage, cookies or the URL), so they survive a reload of the
//! tab but not a new tab or browser, and vanish when the tab closes.
//!
//! `Session` is the reactive view of that storage, provided as context by
//! `app.rs`; every write goes through it so storage and UI never disagree.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{jwt, ApiError, App, AppId, AppToken, Client, CustomerToken};
use crate::state::memory::TabMemory;
use crate::state::request_log::RequestLog;
use crate::state::storage::{self, StorageKey};

/// The app tokens the tab holds, by AppID.
pub(crate) type AppTokens = BTreeMap<AppId, AppToken>;

/// Parses the stored AppID -> token map; anything unreadable counts as empty
/// (a corrupted entry must not lock the admin out). Inserted one by one:
/// collecting into a map would sort, and a sort costs the wasm 4 KB.
fn decode_app_tokens(raw: &str) -> AppTokens {
    let stored: BTreeMap<String, String> = serde_json::from_str(raw).unwrap_or_default();
    let mut tokens = AppTokens::new();
    for (id, token) in stored {
        tokens.insert(AppId::new(id), AppToken::new(token));
    }
    tokens
}

/// The map as stored: AppID -> the token's text (the only place it is
/// written out, and only to session storage).
struct Stored<'a>(&'a AppTokens);

impl serde::Serialize for Stored<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(id, t)| (id.as_str(), t.expose())))
    }
}

fn encode_app_tokens(tokens: &AppTokens) -> String {
    serde_json::to_string(&Stored(tokens)).unwrap_or_else(|_| "{}".into())
}

/// The signed-in state, shared through context.
#[derive(Clone, Copy)]
pub(crate) struct Session {
    pub(crate) api_base: RwSignal<String>,
    /// Per-call timeout (from index.html, see `config::api_timeout_ms`).
    pub(crate) timeout_ms: u32,
    pub(crate) customer_id: RwSignal<Option<String>>,
    pub(crate) customer_token: RwSignal<Option<CustomerToken>>,
    pub(crate) app_tokens: RwSignal<AppTokens>,
    /// The last list of apps, so detail renders at once (memory only).
    pub(crate) known_apps: RwSignal<Arc<Vec<App>>>,
    /// Why the admin was sent back to the connect page, if they were.
    pub(crate) notice: RwSignal<Option<String>>,
    /// Every API call of this tab, redacted, memory only.
    pub(crate) log: RequestLog,
    /// What the pages keep between visits (drafts, loaded users), memory
    /// only, so a trip through connect or unlock loses nothing.
    pub(crate) memory: TabMemory,
}

impl Session {
    /// Restores the session from storage (a reload keeps it), with the
    /// reads index.html's script sent for it (`api::early`).
    pub(crate) fn load(default_api_base: String) -> Self {
        let session = Self {
            timeout_ms: crate::state::config::api_timeout_ms(),
            api_base: RwSignal::new(storage::read(StorageKey::ApiBase).unwrap_or(default_api_base)),
            customer_id: RwSignal::new(storage::read(StorageKey::CustomerId)),
            customer_token: RwSignal::new(
                storage::read(StorageKey::CustomerToken).map(CustomerToken::new),
            ),
            app_tokens: RwSignal::new(
                storage::read(StorageKey::AppTokens)
                    .map(|raw| decode_app_tokens(&raw))
                    .unwrap_or_default(),
            ),
            known_apps: RwSignal::new(Arc::default()),
            notice: RwSignal::new(None),
            log: RequestLog::new(),
            memory: TabMemory::new(),
        };
        // What index.html's script sent with the stored token, before the
        // wasm started, is this session's to take.
        if let Some(token) = session.customer_token.get_untracked() {
            session.client().adopt_script_reads(&token);
        }
        session
    }

    /// A client for the session's API base, reporting to the request log.
    pub(crate) fn client(&self) -> Client {
        self.client_for(self.api_base.get_untracked())
    }

    /// Same, for another base URL (the connect page tries one before it is
    /// the session's).
    pub(crate) fn client_for(&self, api_base: String) -> Client {
        self.log
            .attach(Client::new(api_base).with_timeout(self.timeout_ms))
    }

    pub(crate) fn is_signed_in(&self) -> bool {
        self.customer_token.with(Option::is_some)
    }

    /// Unix seconds at which the customer token expires, when it says so.
    pub(crate) fn customer_token_expiry(&self) -> Option<u64> {
        self.customer_token
            .with(|t| t.as_ref().and_then(|t| jwt::token_expiry(t.expose())))
    }

    pub(crate) fn sign_in(
        &self,
        api_base: String,
        customer_id: Option<String>,
        token: CustomerToken,
    ) {
        storage::write(StorageKey::ApiBase, &api_base);
        match &customer_id {
            Some(id) => storage::write(StorageKey::CustomerId, id),
            None => storage::remove(StorageKey::CustomerId),
        }
        storage::write(StorageKey::CustomerToken, token.expose());
        self.api_base.set(api_base);
        self.customer_id.set(customer_id);
        self.customer_token.set(Some(token));
        self.notice.set(None);
    }

    /// Clears every token (customer and app) from storage and memory.
    pub(crate) fn sign_out(&self, notice: Option<String>) {
        let api_base = self.api_base.get_untracked();
        storage::clear_ours();
        // The chosen endpoint is not a secret; keep it for the next sign-in.
        storage::write(StorageKey::ApiBase, &api_base);
        self.customer_id.set(None);
        self.customer_token.set(None);
        self.app_tokens.set(BTreeMap::new());
        self.known_apps.set(Arc::default());
        self.memory.clear();
        self.log.clear();
        self.notice.set(notice);
    }

    /// The API refused the customer token (401): drop it and say why. The
    /// route guard then sends the admin to connect, remembering the page.
    pub(crate) fn expire_customer(&self, refused: &ApiError) {
        storage::remove(StorageKey::CustomerToken);
        self.notice.set(Some(format!(
            "Your session ended: {refused} Sign in again to continue where you were."
        )));
        self.customer_token.set(None);
    }

    pub(crate) fn app_token(&self, app_id: &AppId) -> Option<AppToken> {
        self.app_tokens.with(|m| m.get(app_id).cloned())
    }

    pub(crate) fn app_token_untracked(&self, app_id: &AppId) -> Option<AppToken> {
        self.app_tokens.with_untracked(|m| m.get(app_id).cloned())
    }

    pub(crate) fn set_app_token(&self, app_id: &AppId, token: AppToken) {
        self.app_tokens.update(|m| {
            m.insert(app_id.clone(), token);
            storage::write(StorageKey::AppTokens, &encode_app_tokens(m));
        });
    }

    pub(crate) fn forget_app_token(&self, app_id: &AppId) {
        self.app_tokens.update(|m| {
            m.remove(app_id);
            storage::write(StorageKey::AppTokens, &encode_app_tokens(m));
        });
    }

    /// Keeps the last list (shared, not copied: it can be 10,000 apps).
    pub(crate) fn remember_apps(&self, apps: Arc<Vec<App>>) {
        self.known_apps.set(apps);
    }
}

/// The app with this AppID in a list, if any.
pub(crate) fn find_app(apps: &[App], app_id: &AppId) -> Option<App> {
    apps.iter().find(|a| a.app_id == *app_id).cloned()
}

pub(crate) fn use_session() -> Session {
    expect_context::<Session>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_tokens_round_trip() {
        let mut m = AppTokens::new();
        m.insert(AppId::new("a1"), AppToken::new("tok1"));
        m.insert(AppId::new("a2"), AppToken::new("tok2"));
        let stored = encode_app_tokens(&m);
        assert_eq!(stored, r#"{"a1":"tok1","a2":"tok2"}"#);
        assert_eq!(decode_app_tokens(&stored), m);
    }

    #[test]
    fn corrupted_app_tokens_read_as_empty() {
        assert!(decode_app_tokens("not json").is_empty());
        assert!(decode_app_tokens("[1,2]").is_empty());
        assert!(decode_app_tokens("").is_empty());
    }
}
