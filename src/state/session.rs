//! The admin's session: tokens kept in the browser's **session storage** only
//! (never local storage, cookies or the URL), so they survive a reload of the
//! tab but not a new tab or browser, and vanish when the tab closes.
//!
//! `Session` is the reactive view of that storage, provided as context by
//! `app.rs`; every write goes through it so storage and UI never disagree.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use reactive_stores::Store;

use crate::api::{jwt, ApiError, App, Client};
use crate::features::app_create::form::AppForm;
use crate::features::app_settings::SettingsDraft;
use crate::features::users::loaded::LoadedUsers;
use crate::features::users::user_drafts::UserDrafts;
use crate::state::request_log::RequestLog;
use crate::state::storage::{self, StorageKey};

/// Parses the stored AppID -> token map; anything unreadable counts as empty
/// (a corrupted entry must not lock the admin out).
fn decode_app_tokens(raw: &str) -> BTreeMap<String, String> {
    serde_json::from_str(raw).unwrap_or_default()
}

fn encode_app_tokens(tokens: &BTreeMap<String, String>) -> String {
    serde_json::to_string(tokens).unwrap_or_else(|_| "{}".into())
}

/// The signed-in state, shared through context.
#[derive(Clone, Copy)]
pub(crate) struct Session {
    pub(crate) api_base: RwSignal<String>,
    /// Per-call timeout (from index.html, see `config::api_timeout_ms`).
    pub(crate) timeout_ms: u32,
    pub(crate) customer_id: RwSignal<Option<String>>,
    pub(crate) customer_token: RwSignal<Option<String>>,
    pub(crate) app_tokens: RwSignal<BTreeMap<String, String>>,
    /// The last list of apps, so detail renders at once (memory only).
    pub(crate) known_apps: RwSignal<Arc<Vec<App>>>,
    /// Why the admin was sent back to the connect page, if they were.
    pub(crate) notice: RwSignal<Option<String>>,
    /// Every API call of this tab, redacted, memory only.
    pub(crate) log: RequestLog,
    /// What the admin typed in the create form, kept in memory only, so a
    /// trip through connect after a 401 loses nothing.
    pub(crate) create_draft: Store<AppForm>,
    /// Unsaved settings edits per AppID, memory only, so a trip through
    /// unlock or to another page loses nothing.
    settings_drafts: StoredValue<BTreeMap<String, ArcRwSignal<SettingsDraft>>>,
    /// The users loaded per AppID, memory only (they can be 10,000).
    loaded_users: StoredValue<BTreeMap<String, ArcRwSignal<LoadedUsers>>>,
    /// What the admin typed in the Users forms per AppID, memory only, so a
    /// trip through unlock loses nothing.
    user_drafts: StoredValue<BTreeMap<String, UserDrafts>>,
}

impl Session {
    /// Restores the session from storage (a reload keeps it).
    pub(crate) fn load(default_api_base: String) -> Self {
        Self {
            timeout_ms: crate::state::config::api_timeout_ms(),
            api_base: RwSignal::new(storage::read(StorageKey::ApiBase).unwrap_or(default_api_base)),
            customer_id: RwSignal::new(storage::read(StorageKey::CustomerId)),
            customer_token: RwSignal::new(storage::read(StorageKey::CustomerToken)),
            app_tokens: RwSignal::new(
                storage::read(StorageKey::AppTokens)
                    .map(|raw| decode_app_tokens(&raw))
                    .unwrap_or_default(),
            ),
            known_apps: RwSignal::new(Arc::default()),
            notice: RwSignal::new(None),
            log: RequestLog::new(),
            create_draft: Store::new(AppForm::default()),
            settings_drafts: StoredValue::new(BTreeMap::new()),
            loaded_users: StoredValue::new(BTreeMap::new()),
            user_drafts: StoredValue::new(BTreeMap::new()),
        }
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
            .with(|t| t.as_deref().and_then(jwt::token_expiry))
    }

    pub(crate) fn sign_in(&self, api_base: String, customer_id: Option<String>, token: String) {
        storage::write(StorageKey::ApiBase, &api_base);
        match &customer_id {
            Some(id) => storage::write(StorageKey::CustomerId, id),
            None => storage::remove(StorageKey::CustomerId),
        }
        storage::write(StorageKey::CustomerToken, &token);
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
        self.create_draft.set(AppForm::default());
        self.settings_drafts.set_value(BTreeMap::new());
        self.loaded_users.set_value(BTreeMap::new());
        self.user_drafts.set_value(BTreeMap::new());
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

    pub(crate) fn app_token(&self, app_id: &str) -> Option<String> {
        self.app_tokens.with(|m| m.get(app_id).cloned())
    }

    pub(crate) fn app_token_untracked(&self, app_id: &str) -> Option<String> {
        self.app_tokens.with_untracked(|m| m.get(app_id).cloned())
    }

    pub(crate) fn set_app_token(&self, app_id: &str, token: String) {
        self.app_tokens.update(|m| {
            m.insert(app_id.to_string(), token);
            storage::write(StorageKey::AppTokens, &encode_app_tokens(m));
        });
    }

    pub(crate) fn forget_app_token(&self, app_id: &str) {
        self.app_tokens.update(|m| {
            m.remove(app_id);
            storage::write(StorageKey::AppTokens, &encode_app_tokens(m));
        });
    }

    /// The settings editor's draft for an app: the same one for as long as
    /// the admin stays signed in.
    pub(crate) fn settings_draft(&self, app_id: &str) -> RwSignal<SettingsDraft> {
        RwSignal::from(per_app(self.settings_drafts, app_id))
    }

    /// The users of an app as loaded in this tab (empty until loaded).
    pub(crate) fn loaded_users(&self, app_id: &str) -> RwSignal<LoadedUsers> {
        RwSignal::from(per_app(self.loaded_users, app_id))
    }

    /// The Users forms' drafts of an app: the same ones for as long as the
    /// admin stays signed in.
    pub(crate) fn user_drafts(&self, app_id: &str) -> UserDrafts {
        per_app(self.user_drafts, app_id)
    }

    /// Keeps the last list (shared, not copied: it can be 10,000 apps).
    pub(crate) fn remember_apps(&self, apps: Arc<Vec<App>>) {
        self.known_apps.set(apps);
    }
}

/// The entry for `app_id` in a per-app memory, made empty on first use. The
/// entries are shared handles (signals), so every page of the app sees the
/// same one.
fn per_app<T>(memory: StoredValue<BTreeMap<String, T>>, app_id: &str) -> T
where
    T: Clone + Default + Send + Sync + 'static,
{
    memory.update_value(|all| {
        all.entry(app_id.to_string()).or_default();
    });
    memory.with_value(|all| all[app_id].clone())
}

/// The app with this AppID in a list, if any.
pub(crate) fn find_app(apps: &[App], app_id: &str) -> Option<App> {
    apps.iter().find(|a| a.app_id == app_id).cloned()
}

pub(crate) fn use_session() -> Session {
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
