//! Request and response shapes of the integrations API.
//!
//! Field names on the wire are the API's (`AppID`, `ExotelDomain`, ...).
//! Responses are decoded tolerantly: servers have been seen sending nulls,
//! numbers for strings and strings for booleans, and the console must show
//! what it can instead of failing the whole page.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::ids::AppId;

mod lenient;
mod sink;

pub(crate) use lenient::{
    object_text, record_from, Fields, JsonText, Lenient, ListSink, Record, RecordSink, Setter,
};
#[cfg(test)]
pub(crate) use sink::Drive;
pub(crate) use sink::{drive, quoted, Ignore, Scalar, Sink, Tee};

/// One application as the API describes it (list item, details, or the
/// public part of a creation answer). Never holds secrets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct App {
    #[serde(rename = "AppID")]
    pub(crate) app_id: AppId,
    #[serde(rename = "CustomerID")]
    pub(crate) customer_id: String,
    #[serde(rename = "AppName")]
    pub(crate) app_name: String,
    #[serde(rename = "ExotelAccountSid")]
    pub(crate) exotel_account_sid: String,
    /// Raw text from the server: use [`domain_label`] to show it.
    #[serde(rename = "ExotelDomain")]
    pub(crate) exotel_domain: String,
    #[serde(rename = "IsActive")]
    pub(crate) is_active: bool,
    /// RFC 3339 with offset, e.g. `2023-03-23T11:47:46+05:30` (kept as text).
    #[serde(rename = "CreatedAt")]
    pub(crate) created_at: String,
    #[serde(rename = "UpdatedAt")]
    pub(crate) updated_at: String,
}

impl Fields for App {
    const FIELDS: &'static [(&'static str, Setter<Self>)] = &[
        ("AppID", |a, v| a.app_id = AppId::new(v.take_string())),
        ("CustomerID", |a, v| a.customer_id = v.take_string()),
        ("AppName", |a, v| a.app_name = v.take_string()),
        ("ExotelAccountSid", |a, v| {
            a.exotel_account_sid = v.take_string()
        }),
        ("ExotelDomain", |a, v| a.exotel_domain = v.take_string()),
        ("IsActive", |a, v| a.is_active = v.flag()),
        ("CreatedAt", |a, v| a.created_at = v.take_string()),
        ("UpdatedAt", |a, v| a.updated_at = v.take_string()),
    ];
}

/// Any JSON object is an app (missing, null or odd fields read tolerantly);
/// anything else is an error.
impl<'de> Deserialize<'de> for App {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        record_from(deserializer)
    }
}

/// Decodes a list of apps as a `GET /app` answer's `Data` is read, skipping
/// items that are not objects; a value that is not an array gives an empty
/// list.
#[cfg(test)]
pub(crate) fn decode_app_list(value: serde_json::Value) -> Vec<App> {
    let mut list = ListSink::<App>::default();
    match value.deserialize_any(Drive(&mut list)) {
        Ok(()) if list.kind == Some("an array") => list.items,
        _ => Vec::new(),
    }
}

/// The answer to `POST /app`: the app plus credentials that are shown only
/// once. `Debug` redacts the credentials, and there is no `Serialize`: the
/// credentials leave the page only through the admin's own download.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct CreatedApp {
    /// The public fields, the same keys as a list item.
    pub(crate) app: App,
    pub(crate) app_secret: String,
    pub(crate) exotel_api_key: String,
    pub(crate) exotel_api_token: String,
}

/// The credentials of a creation answer.
const SECRETS: [(&str, Setter<CreatedApp>); 3] = [
    ("AppSecret", |c, v| c.app_secret = v.take_string()),
    ("ExotelApiKey", |c, v| c.exotel_api_key = v.take_string()),
    ("ExotelApiToken", |c, v| {
        c.exotel_api_token = v.take_string()
    }),
];

/// Read by hand rather than with `#[serde(flatten)]`, whose buffering
/// machinery costs about 10 KB of wasm: each key of the one JSON object is
/// one of the three [`SECRETS`] or one of [`App`]'s fields.
impl Record for CreatedApp {
    fn slot(&mut self, key: &str) -> Option<usize> {
        match SECRETS.iter().position(|(k, _)| *k == key) {
            Some(i) => Some(i),
            None => App::position(key).map(|i| SECRETS.len() + i),
        }
    }
    fn set(&mut self, slot: usize, value: &mut Lenient) {
        match slot.checked_sub(SECRETS.len()) {
            None => (SECRETS[slot].1)(self, value),
            Some(i) => (App::FIELDS[i].1)(&mut self.app, value),
        }
    }
}

impl<'de> Deserialize<'de> for CreatedApp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        record_from(deserializer)
    }
}

impl fmt::Debug for CreatedApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreatedApp")
            .field("app", &self.app)
            .field("app_secret", &Redacted(&self.app_secret))
            .field("exotel_api_key", &Redacted(&self.exotel_api_key))
            .field("exotel_api_token", &Redacted(&self.exotel_api_token))
            .finish()
    }
}

/// The body of `POST /app`. Every field is required by the API.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct NewApp {
    #[serde(rename = "AppName")]
    pub(crate) app_name: String,
    #[serde(rename = "ExotelAccountSid")]
    pub(crate) exotel_account_sid: String,
    #[serde(rename = "ExotelApiKey")]
    pub(crate) exotel_api_key: String,
    #[serde(rename = "ExotelApiToken")]
    pub(crate) exotel_api_token: String,
    #[serde(rename = "ExotelDomain")]
    pub(crate) exotel_domain: Domain,
    #[serde(rename = "IsActive")]
    pub(crate) is_active: bool,
}

impl fmt::Debug for NewApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewApp")
            .field("app_name", &self.app_name)
            .field("exotel_account_sid", &self.exotel_account_sid)
            .field("exotel_api_key", &Redacted(&self.exotel_api_key))
            .field("exotel_api_token", &Redacted(&self.exotel_api_token))
            .field("exotel_domain", &self.exotel_domain.as_api_str())
            .field("is_active", &self.is_active)
            .finish()
    }
}

/// Which kind of token `POST /token` issues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Entity {
    /// Create apps and list them.
    Customer,
    /// Read and delete that one app.
    App,
}

impl Entity {
    #[cfg(test)]
    pub(crate) fn as_api_str(self) -> &'static str {
        match self {
            Entity::Customer => "customer",
            Entity::App => "app",
        }
    }
}

/// The body of `POST /token`.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TokenRequest {
    /// CustomerID or AppID.
    #[serde(rename = "Id")]
    pub(crate) id: String,
    /// CustomerSecret or AppSecret.
    #[serde(rename = "Secret")]
    pub(crate) secret: String,
    #[serde(rename = "Entity")]
    pub(crate) entity: Entity,
}

impl TokenRequest {
    pub(crate) fn new(id: &str, secret: &str, entity: Entity) -> Self {
        TokenRequest {
            id: id.to_string(),
            secret: secret.to_string(),
            entity,
        }
    }
}

impl fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenRequest")
            .field("id", &self.id)
            .field("secret", &Redacted(&self.secret))
            .field("entity", &self.entity)
            .finish()
    }
}

/// Prints whether a secret is set, never the secret itself.
struct Redacted<'a>(&'a str);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "<empty>"
        } else {
            "<redacted>"
        })
    }
}

/// The Exotel cluster an account lives on (`ExotelDomain`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) enum Domain {
    /// Exotel's first cluster, where the console's default API base lives.
    #[default]
    Mumbai,
    Singapore,
}

impl Domain {
    /// Every cluster, in the order the console lists them.
    pub(crate) const ALL: [Domain; 2] = [Domain::Mumbai, Domain::Singapore];

    /// The value the API expects in `ExotelDomain` (also a select option's
    /// value and the list's `domain=` query parameter).
    pub(crate) fn as_api_str(self) -> &'static str {
        match self {
            Domain::Mumbai => "mumbai",
            Domain::Singapore => "singapore",
        }
    }

    /// The name to show to an admin.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Domain::Mumbai => "Mumbai",
            Domain::Singapore => "Singapore",
        }
    }

    /// Reads a server or form value, ignoring case and surrounding spaces;
    /// anything else (including "", a select's "not chosen") is `None`.
    pub(crate) fn from_api_str(raw: &str) -> Option<Domain> {
        let raw = raw.trim();
        Domain::ALL
            .into_iter()
            .find(|d| d.as_api_str().eq_ignore_ascii_case(raw))
    }
}

/// Sent as [`Domain::as_api_str`], so the wire value has a single source.
impl Serialize for Domain {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_api_str())
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The label of a server's `ExotelDomain`: "Mumbai"/"Singapore" for known
/// values (any case), otherwise the raw text unchanged.
pub(crate) fn domain_label(raw: &str) -> String {
    match Domain::from_api_str(raw) {
        Some(d) => d.label().to_string(),
        None => raw.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn full_app() -> Value {
        json!({
            "AppID": "2e6440ed-ff62-49d7-bb00-5494b313a863",
            "CustomerID": "99fa98a1-2ce0-457c-9371-0d3a01eb6ef0",
            "AppName": "WebRTC",
            "ExotelAccountSid": "abc",
            "ExotelDomain": "mumbai",
            "IsActive": true,
            "CreatedAt": "2023-03-23T11:47:46+05:30",
            "UpdatedAt": "2023-03-23T11:47:46+05:30"
        })
    }

    fn app(value: Value) -> App {
        serde_json::from_value(value).expect("App decoding is tolerant")
    }

    #[test]
    fn decodes_the_seed_example() {
        let a = app(full_app());
        assert_eq!(a.app_id, "2e6440ed-ff62-49d7-bb00-5494b313a863");
        assert_eq!(a.customer_id, "99fa98a1-2ce0-457c-9371-0d3a01eb6ef0");
        assert_eq!(a.app_name, "WebRTC");
        assert_eq!(a.exotel_account_sid, "abc");
        assert_eq!(a.exotel_domain, "mumbai");
        assert!(a.is_active);
        assert_eq!(a.created_at, "2023-03-23T11:47:46+05:30");
        assert_eq!(a.updated_at, "2023-03-23T11:47:46+05:30");
    }

    #[test]
    fn serializes_with_api_names_and_round_trips() {
        let a = app(full_app());
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v, full_app());
        assert_eq!(app(v), a);
    }

    #[test]
    fn missing_fields_default() {
        let a = app(json!({"AppID": "x"}));
        assert_eq!(
            a,
            App {
                app_id: "x".into(),
                ..App::default()
            }
        );
        assert_eq!(app(json!({})), App::default());
    }

    #[test]
    fn extra_fields_are_ignored() {
        let mut v = full_app();
        v["AppSecret"] = json!("must-not-matter");
        v["Nested"] = json!({"a": [1, 2]});
        assert_eq!(app(v), app(full_app()));
    }

    #[test]
    fn null_fields_default() {
        let a = app(json!({"AppName": null, "IsActive": null, "AppID": null}));
        assert_eq!(a.app_name, "");
        assert_eq!(a.app_id, "");
        assert!(!a.is_active);
    }

    #[test]
    fn numbers_and_bools_become_text() {
        let a = app(json!({"AppName": 42, "ExotelAccountSid": 1.5, "CustomerID": true}));
        assert_eq!(a.app_name, "42");
        assert_eq!(a.exotel_account_sid, "1.5");
        assert_eq!(a.customer_id, "true");
        let a = app(json!({"AppName": {"x": 1}}));
        assert_eq!(a.app_name, r#"{"x":1}"#);
    }

    #[test]
    fn very_long_name_is_kept() {
        let name = "n".repeat(10_000);
        let a = app(json!({ "AppName": name }));
        assert_eq!(a.app_name.len(), 10_000);
    }

    #[test]
    fn is_active_variants() {
        for (v, want) in [
            (json!(true), true),
            (json!(false), false),
            (json!("true"), true),
            (json!("TRUE"), true),
            (json!(" True "), true),
            (json!("false"), false),
            (json!("yes"), true),
            (json!("no"), false),
            (json!("1"), true),
            (json!("0"), false),
            (json!(1), true),
            (json!(0), false),
            (json!(2.5), true),
            (json!(""), false),
            (json!("maybe"), false),
            (json!([true]), false),
            (json!(null), false),
        ] {
            assert_eq!(app(json!({ "IsActive": v.clone() })).is_active, want, "{v}");
        }
    }

    #[test]
    fn unknown_domain_is_kept_as_text() {
        let a = app(json!({"ExotelDomain": "Frankfurt"}));
        assert_eq!(a.exotel_domain, "Frankfurt");
        assert_eq!(domain_label(&a.exotel_domain), "Frankfurt");
    }

    #[test]
    fn domain_labels() {
        assert_eq!(domain_label("mumbai"), "Mumbai");
        assert_eq!(domain_label("Singapore"), "Singapore");
        assert_eq!(domain_label(" SINGAPORE "), "Singapore");
        assert_eq!(domain_label(""), "");
        assert_eq!(Domain::Mumbai.as_api_str(), "mumbai");
        assert_eq!(Domain::Singapore.as_api_str(), "singapore");
        assert_eq!(Domain::Mumbai.label(), "Mumbai");
        assert_eq!(Domain::Singapore.to_string(), "Singapore");
        assert_eq!(Domain::from_api_str("Mumbai"), Some(Domain::Mumbai));
        assert_eq!(Domain::from_api_str("Singapore/Mumbai"), None);
    }

    #[test]
    fn app_list_skips_non_objects() {
        let list = json!([full_app(), 3, "x", null, [1], {"AppName": "second"}, true]);
        let apps = decode_app_list(list);
        assert_eq!(apps.len(), 2);
        assert_eq!(apps[0].app_name, "WebRTC");
        assert_eq!(apps[1].app_name, "second");
        assert!(decode_app_list(json!([])).is_empty());
        assert!(decode_app_list(json!({"AppName": "x"})).is_empty());
    }

    #[test]
    fn created_app_decodes_flattened_with_secrets() {
        let mut v = full_app();
        v["AppSecret"] = json!("61b1f4c2-30d5-4819-9a5c-006ed9784313");
        v["ExotelApiKey"] = json!("key-123");
        v["ExotelApiToken"] = json!("tok-456");
        v["IsActive"] = json!("true");
        let c: CreatedApp = serde_json::from_value(v).unwrap();
        assert_eq!(c.app, app(full_app()));
        assert_eq!(c.app_secret, "61b1f4c2-30d5-4819-9a5c-006ed9784313");
        assert_eq!(c.exotel_api_key, "key-123");
        assert_eq!(c.exotel_api_token, "tok-456");

        let partial: CreatedApp = serde_json::from_value(json!({"AppID": "a"})).unwrap();
        assert_eq!(partial.app.app_id, "a");
        assert_eq!(partial.app_secret, "");
    }

    #[test]
    fn created_app_debug_redacts() {
        let c = CreatedApp {
            app: app(full_app()),
            app_secret: "SECRET-1".into(),
            exotel_api_key: "KEY-2".into(),
            exotel_api_token: "TOKEN-3".into(),
        };
        let d = format!("{c:?} {c:#?}");
        assert!(d.contains("WebRTC"));
        assert!(d.contains("<redacted>"));
        for s in ["SECRET-1", "KEY-2", "TOKEN-3"] {
            assert!(!d.contains(s), "{d}");
        }
    }

    #[test]
    fn new_app_serializes_with_api_names_and_debug_redacts() {
        let n = NewApp {
            app_name: "WebRTC".into(),
            exotel_account_sid: "abc".into(),
            exotel_api_key: "KEY-SECRET".into(),
            exotel_api_token: "TOKEN-SECRET".into(),
            exotel_domain: Domain::Mumbai,
            is_active: true,
        };
        assert_eq!(
            serde_json::to_value(&n).unwrap(),
            json!({
                "AppName": "WebRTC",
                "ExotelAccountSid": "abc",
                "ExotelApiKey": "KEY-SECRET",
                "ExotelApiToken": "TOKEN-SECRET",
                "ExotelDomain": "mumbai",
                "IsActive": true
            })
        );
        let d = format!("{n:?}");
        assert!(d.contains("WebRTC") && d.contains("mumbai"));
        assert!(
            !d.contains("KEY-SECRET") && !d.contains("TOKEN-SECRET"),
            "{d}"
        );
        let empty = format!("{:?}", NewApp::default());
        assert!(empty.contains("<empty>"));
    }

    #[test]
    fn token_request_serializes_and_debug_redacts() {
        let t = TokenRequest {
            id: "cust-1".into(),
            secret: "S3CR3T".into(),
            entity: Entity::Customer,
        };
        assert_eq!(
            serde_json::to_value(&t).unwrap(),
            json!({"Id": "cust-1", "Secret": "S3CR3T", "Entity": "customer"})
        );
        let t = TokenRequest {
            entity: Entity::App,
            ..t
        };
        assert_eq!(serde_json::to_value(&t).unwrap()["Entity"], "app");
        assert_eq!(Entity::App.as_api_str(), "app");
        let d = format!("{t:?}");
        assert!(d.contains("cust-1") && d.contains("App"));
        assert!(!d.contains("S3CR3T"), "{d}");
    }
}
