//! The sandbox's whole memory: customers, apps with their settings and users,
//! issued tokens, queued faults, raw list items, the webhook deliveries
//! recorded and the log of API calls seen. Kept in one mutex because every
//! critical section is tiny and a single lock makes "reset" atomic.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::calls::Delivery;
use crate::config::Config;
use crate::customers::Customer;
use crate::faults::{Call, Fault, FaultKind};
use crate::seed;
use crate::settings::{Setting, SettingRewrite};
use crate::users::User;

/// Documented lifetime of every token.
pub const TOKEN_LIFETIME_SECS: i64 = 90 * 24 * 60 * 60;
/// The request log and the deliveries are for tests to inspect; cap them so
/// a long dev session cannot grow them without bound.
const MAX_RECORDED: usize = 10_000;
/// The live service stamps times in India Standard Time.
pub const IST: UtcOffset = time::macros::offset!(+5:30);

/// The two kinds of caller the API knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Customer,
    App,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Customer => "customer",
            Entity::App => "app",
        }
    }
}

/// An app as stored, with its secrets. Field order mirrors the seed's example.
#[derive(Clone, Debug, Serialize)]
pub struct App {
    #[serde(rename = "AppID")]
    pub app_id: String,
    #[serde(rename = "AppSecret")]
    pub app_secret: String,
    #[serde(rename = "CustomerID")]
    pub customer_id: String,
    #[serde(rename = "AppName")]
    pub app_name: String,
    #[serde(rename = "ExotelAccountSid")]
    pub exotel_account_sid: String,
    #[serde(rename = "ExotelApiKey")]
    pub exotel_api_key: String,
    #[serde(rename = "ExotelApiToken")]
    pub exotel_api_token: String,
    #[serde(rename = "ExotelDomain")]
    pub exotel_domain: String,
    #[serde(rename = "IsActive")]
    pub is_active: bool,
    #[serde(rename = "CreatedAt")]
    pub created_at: String,
    #[serde(rename = "UpdatedAt")]
    pub updated_at: String,
}

/// The view of an app that list and detail return: no AppSecret, ExotelApiKey
/// or ExotelApiToken.
#[derive(Debug, Serialize)]
pub struct PublicApp<'a> {
    #[serde(rename = "AppID")]
    pub app_id: &'a str,
    #[serde(rename = "CustomerID")]
    pub customer_id: &'a str,
    #[serde(rename = "AppName")]
    pub app_name: &'a str,
    #[serde(rename = "ExotelAccountSid")]
    pub exotel_account_sid: &'a str,
    #[serde(rename = "ExotelDomain")]
    pub exotel_domain: &'a str,
    #[serde(rename = "IsActive")]
    pub is_active: bool,
    #[serde(rename = "CreatedAt")]
    pub created_at: &'a str,
    #[serde(rename = "UpdatedAt")]
    pub updated_at: &'a str,
}

impl App {
    pub fn public(&self) -> PublicApp<'_> {
        PublicApp {
            app_id: &self.app_id,
            customer_id: &self.customer_id,
            app_name: &self.app_name,
            exotel_account_sid: &self.exotel_account_sid,
            exotel_domain: &self.exotel_domain,
            is_active: self.is_active,
            created_at: &self.created_at,
            updated_at: &self.updated_at,
        }
    }
}

/// What the server remembers about a token it issued. Tokens are never
/// forgotten until a reset, only revoked, so the request log can still say
/// which kind of token a rejected call carried.
#[derive(Clone, Debug)]
pub struct TokenRecord {
    pub entity: Entity,
    /// Customer id or AppID.
    pub subject: String,
    /// Unix seconds.
    pub expires_at: i64,
    pub revoked: bool,
}

impl TokenRecord {
    pub fn is_valid(&self, now: i64) -> bool {
        !self.revoked && now < self.expires_at
    }
}

/// One API call as seen by the server, for `/__sandbox/state`. Never holds
/// a header value; `body` is a summary of the few bodies tests need to see
/// (see `api_gate::summary`), never a secret.
#[derive(Clone, Debug, Serialize)]
pub struct RequestRecord {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub status: u16,
    pub authorization_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

#[derive(Debug, Default)]
pub struct Inner {
    /// The configured customer first, then those created, in order.
    pub customers: Vec<Customer>,
    pub apps: Vec<App>,
    /// AppID to its settings, in insertion order. Apps without settings
    /// have no entry.
    pub settings: BTreeMap<String, Vec<Setting>>,
    /// AppID to its users, in creation order. Apps without users may have
    /// no entry.
    pub users: BTreeMap<String, Vec<User>>,
    /// Test control: keys whose stored value differs from the one sent.
    pub setting_rewrites: Vec<SettingRewrite>,
    /// Test control: the other admin's edits waiting for their call.
    pub other_admin: Vec<crate::other_admin::Edit>,
    pub tokens: HashMap<String, TokenRecord>,
    pub faults: VecDeque<Fault>,
    pub raw_list_items: Vec<Value>,
    pub requests: VecDeque<RequestRecord>,
    /// The webhooks the live service would have POSTed, oldest first.
    pub deliveries: VecDeque<Delivery>,
    /// The most users a page serves (`--max-page-size`, or the reset
    /// control's `max_page_size`); `None`: as many as asked.
    pub max_page_size: Option<usize>,
    /// How user pages write their next-page key (the reset control's
    /// `key_style`).
    pub key_style: crate::keys::KeyStyle,
}

impl Inner {
    pub fn find_app(&self, app_id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.app_id == app_id)
    }

    /// The app's users in creation order (none for an unknown app).
    pub fn users_of(&self, app_id: &str) -> &[User] {
        self.users.get(app_id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The app's settings in insertion order (none for an unknown app).
    pub fn settings_of(&self, app_id: &str) -> &[Setting] {
        self.settings.get(app_id).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn find_customer(&self, customer_id: &str) -> Option<&Customer> {
        self.customers.iter().find(|c| c.customer_id == customer_id)
    }

    /// Removes the customer with its apps (and their settings and users),
    /// and revokes every token of the customer and of those apps.
    pub fn delete_customer(&mut self, customer_id: &str) {
        self.customers.retain(|c| c.customer_id != customer_id);
        let apps: Vec<String> = self
            .apps
            .iter()
            .filter(|a| a.customer_id == customer_id)
            .map(|a| a.app_id.clone())
            .collect();
        for app_id in apps {
            self.delete_app(&app_id);
        }
        for t in self.tokens.values_mut() {
            if t.entity == Entity::Customer && t.subject == customer_id {
                t.revoked = true;
            }
        }
    }

    /// Removes the app with its settings and users, and revokes every token
    /// issued for it.
    pub fn delete_app(&mut self, app_id: &str) -> bool {
        let before = self.apps.len();
        self.apps.retain(|a| a.app_id != app_id);
        self.settings.remove(app_id);
        self.users.remove(app_id);
        for t in self.tokens.values_mut() {
            if t.entity == Entity::App && t.subject == app_id {
                t.revoked = true;
            }
        }
        self.apps.len() != before
    }

    pub fn issue_token(&mut self, token: String, entity: Entity, subject: String) {
        let expires_at = now_unix() + TOKEN_LIFETIME_SECS;
        self.tokens.insert(
            token,
            TokenRecord {
                entity,
                subject,
                expires_at,
                revoked: false,
            },
        );
    }

    /// Revokes every token issued so far; returns how many were still valid.
    pub fn expire_tokens(&mut self) -> usize {
        let now = now_unix();
        let mut n = 0;
        for t in self.tokens.values_mut() {
            if t.is_valid(now) {
                n += 1;
            }
            t.revoked = true;
        }
        n
    }

    /// Takes one use of the first queued fault that matches `call` and has
    /// no calls left to let through. Every matching fault that is still
    /// waiting (`after` > 0) counts this call, whether or not another fault
    /// hits it.
    pub fn take_fault(&mut self, call: &Call<'_>) -> Option<(FaultKind, u64)> {
        let mut hit = None;
        for (i, fault) in self.faults.iter_mut().enumerate() {
            if !fault.matches(call) {
                continue;
            }
            if fault.after > 0 {
                fault.after -= 1;
            } else if hit.is_none() {
                hit = Some(i);
            }
        }
        let i = hit?;
        let fault = &mut self.faults[i];
        let taken = (fault.kind, fault.delay_ms);
        fault.remaining -= 1;
        if fault.remaining == 0 {
            self.faults.remove(i);
        }
        Some(taken)
    }

    pub fn faults_pending(&self) -> u64 {
        self.faults.iter().map(|f| u64::from(f.remaining)).sum()
    }

    pub fn record_request(&mut self, record: RequestRecord) {
        push_capped(&mut self.requests, record);
    }

    pub fn record_delivery(&mut self, delivery: Delivery) {
        push_capped(&mut self.deliveries, delivery);
    }
}

fn push_capped<T>(queue: &mut VecDeque<T>, item: T) {
    if queue.len() == MAX_RECORDED {
        queue.pop_front();
    }
    queue.push_back(item);
}

/// Shared handle given to every handler.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    /// When the configured customer was created (unix seconds): two years
    /// and a week before start, the same after every reset.
    pub customer_since: i64,
    inner: Arc<Mutex<Inner>>,
}

impl AppState {
    /// A fresh state with `config.seed` demo apps, their settings and
    /// `config.seed_users` users each.
    pub fn new(config: Config) -> Self {
        let customer_since = now_unix() - seed::HISTORY_SECS - 7 * 24 * 60 * 60;
        let inner = fresh(&config, customer_since, config.seed, config.seed_users);
        AppState {
            config: Arc::new(config),
            customer_since,
            inner: Arc::new(Mutex::new(inner)),
        }
    }

    /// What a reset to `apps` demo apps of `users` users each holds: the
    /// configured customer alone, and nothing recorded.
    pub fn fresh(&self, apps: usize, users: usize) -> Inner {
        fresh(&self.config, self.customer_since, apps, users)
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic in one handler must not turn every later call into a 500:
        // the data stays usable, so ignore poisoning.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn fresh(config: &Config, customer_since: i64, apps: usize, users: usize) -> Inner {
    let mut inner = seed::demo_data(apps, users, &config.customer_id);
    inner.customers = vec![Customer::configured(config, customer_since)];
    inner.max_page_size = config.max_page_size;
    inner
}

/// The system clock, or the instant `--fixed-clock` froze (see `fixed`).
pub fn now_unix() -> i64 {
    crate::fixed::now_unix()
}

/// RFC 3339 in IST to the second, like `2023-03-23T11:47:46+05:30`.
pub fn format_ist(unix_secs: i64) -> String {
    let t = OffsetDateTime::from_unix_timestamp(unix_secs)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(IST);
    t.format(&Rfc3339).unwrap_or_default()
}

pub fn now_ist() -> String {
    format_ist(now_unix())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_with_the_ist_offset() {
        // 2023-03-23T06:17:46Z is the seed example's 11:47:46 IST.
        assert_eq!(format_ist(1_679_552_266), "2023-03-23T11:47:46+05:30");
    }
}
