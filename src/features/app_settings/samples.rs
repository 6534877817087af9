//! What Exotel POSTs to the webhook settings, as a sample built from the
//! app's own ids (the spec's "What Exotel POSTs to the webhook settings"),
//! and the curl command that sends the sample to the admin's own endpoint.
//! Pure: the view shows the JSON as text and copies the command.

use super::call_test::{TEST_AGENT, TEST_CALLER, TEST_EXOPHONE};
use super::keys::KnownKey;
use crate::api::call_log::shell_quote;
use crate::api::types::quoted;

/// The settings Exotel POSTs a call's JSON to, in the editor's order.
pub(crate) const WEBHOOKS: [KnownKey; 4] = [
    KnownKey::Popup,
    KnownKey::IncomingCallHangup,
    KnownKey::MissedCall,
    KnownKey::Callback,
];

/// The app's own ids, which a sample carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SampleIds {
    pub(crate) customer_id: String,
    pub(crate) app_id: String,
    pub(crate) account_sid: String,
    pub(crate) domain: String,
}

/// When the sample call started and ended (RFC 3339).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SampleTimes {
    pub(crate) start: String,
    pub(crate) end: String,
}

/// How long the sample calls that were answered lasted, in seconds.
const ANSWERED_SECONDS: u32 = 42;

impl SampleTimes {
    /// A call that lasted [`ANSWERED_SECONDS`] and ended at `now_ms` (ms
    /// since the epoch).
    pub(crate) fn ended_at(now_ms: f64) -> Self {
        let end = (now_ms / 1000.0).floor() as i64;
        SampleTimes {
            start: ist_text(end - i64::from(ANSWERED_SECONDS)),
            end: ist_text(end),
        }
    }
}

/// India's offset from UTC, in which Exotel writes its times.
const IST_SECONDS: i64 = 5 * 3600 + 1800;

/// `secs` since the epoch as RFC 3339 in India's time, as Exotel writes
/// times (`2025-06-02T11:30:00+05:30`). Written out here rather than asked
/// of the browser's `Date`: each browser call a lazy page makes costs the
/// first load a shim.
fn ist_text(secs: i64) -> String {
    let local = secs + IST_SECONDS;
    let (days, time) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    // Days to a civil date (Howard Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let (era, day_of_era) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (time / 3600, time / 60 % 60, time % 60);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}+05:30")
}

/// A JSON value of a sample.
enum Json {
    Text(String),
    Number(u32),
    Null,
}

impl Json {
    fn text(&self) -> String {
        match self {
            Json::Text(s) => quoted(s),
            Json::Number(n) => n.to_string(),
            Json::Null => "null".to_string(),
        }
    }
}

fn text(s: &str) -> Json {
    Json::Text(s.to_string())
}

/// The call as each setting sees it: an inbound call ringing, ended,
/// missed; an outbound call over (the `callback`).
fn call_facts(webhook: KnownKey) -> (&'static str, &'static str, &'static str, Json) {
    match webhook {
        KnownKey::Popup => ("inbound", "busy", "active", text("")),
        KnownKey::MissedCall => ("inbound", "free", "terminal", Json::Number(0)),
        KnownKey::Callback => (
            "outbound",
            "free",
            "terminal",
            Json::Number(ANSWERED_SECONDS),
        ),
        _ => (
            "inbound",
            "free",
            "terminal",
            Json::Number(ANSWERED_SECONDS),
        ),
    }
}

/// The sample's keys and values, in the spec's order.
fn sample_fields(
    webhook: KnownKey,
    ids: &SampleIds,
    times: &SampleTimes,
) -> Vec<(&'static str, Json)> {
    let (direction, status, state, duration) = call_facts(webhook);
    let outbound = webhook == KnownKey::Callback;
    // Inbound: a caller rings the ExoPhone, which dials an agent. Outbound:
    // a user's browser phone (SIP) calls the customer.
    let (dialled, user, to, from) = if outbound {
        (
            TEST_CALLER,
            "console-sample-user",
            TEST_CALLER,
            "sip:console-sample",
        )
    } else {
        (TEST_AGENT, "", TEST_EXOPHONE, TEST_CALLER)
    };
    let mut fields = vec![
        ("CustomerId", text(&ids.customer_id)),
        ("AppId", text(&ids.app_id)),
        (
            "CallSid",
            Json::Text(format!("console-sample-{}", webhook.api_name())),
        ),
        ("ExotelAccountSid", text(&ids.account_sid)),
        ("DialWhomNumber", text(dialled)),
        ("AppUserID", text(user)),
        ("VirtualNumber", text(TEST_EXOPHONE)),
        ("Direction", text(direction)),
        ("CallStatus", text(status)),
        ("CallState", text(state)),
        ("ToNumber", text(to)),
        ("FromNumber", text(from)),
        ("TotalDuration", duration),
        ("CallRecordings", text("")),
        ("AccountDomain", text(&ids.domain)),
        ("TicketId", text("")),
        ("CallDetail", Json::Null),
        ("CreatedAt", text(&times.end)),
        ("UpdatedAt", text(&times.end)),
    ];
    if outbound {
        fields.push(("StartTime", text(&times.start)));
        fields.push(("EndTime", text(&times.end)));
    }
    fields
}

/// The sample Exotel POSTs to `webhook`: indented for reading, or on one
/// line for a command.
pub(crate) fn sample_json(
    webhook: KnownKey,
    ids: &SampleIds,
    times: &SampleTimes,
    indented: bool,
) -> String {
    let (open, comma, indent, colon, close) = if indented {
        ("{\n", ",\n", "  ", ": ", "\n}")
    } else {
        ("{", ",", "", ":", "}")
    };
    let fields: Vec<String> = sample_fields(webhook, ids, times)
        .iter()
        .map(|(key, value)| format!("{indent}{}{colon}{}", quoted(key), value.text()))
        .collect();
    format!("{open}{}{close}", fields.join(comma))
}

/// The command that POSTs `json` to the admin's endpoint `url`, as Exotel
/// would (no signature: Exotel sends none).
pub(crate) fn sample_curl(url: &str, json: &str) -> String {
    format!(
        "curl -X POST {} -H 'Content-Type: application/json' --data {}",
        shell_quote(url),
        shell_quote(json)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn ids() -> SampleIds {
        SampleIds {
            customer_id: "c-1".into(),
            app_id: "a-1".into(),
            account_sid: "acme1".into(),
            domain: "mumbai".into(),
        }
    }

    fn times() -> SampleTimes {
        SampleTimes {
            start: "2025-06-02T05:59:18.000Z".into(),
            end: "2025-06-02T06:00:00.000Z".into(),
        }
    }

    fn keys_of(text: &str) -> Vec<String> {
        let value: serde_json::Map<String, Value> = serde_json::from_str(text).unwrap();
        value.keys().cloned().collect()
    }

    const SPEC_KEYS: [&str; 19] = [
        "CustomerId",
        "AppId",
        "CallSid",
        "ExotelAccountSid",
        "DialWhomNumber",
        "AppUserID",
        "VirtualNumber",
        "Direction",
        "CallStatus",
        "CallState",
        "ToNumber",
        "FromNumber",
        "TotalDuration",
        "CallRecordings",
        "AccountDomain",
        "TicketId",
        "CallDetail",
        "CreatedAt",
        "UpdatedAt",
    ];

    #[test]
    fn every_webhook_gets_the_spec_s_keys_from_the_app_s_ids() {
        for webhook in WEBHOOKS {
            let text = sample_json(webhook, &ids(), &times(), true);
            let mut expected: Vec<String> = SPEC_KEYS.iter().map(|k| k.to_string()).collect();
            if webhook == KnownKey::Callback {
                expected.extend(["StartTime".into(), "EndTime".into()]);
            }
            let mut found = keys_of(&text);
            // serde_json's map sorts; the order is checked on the text below.
            found.sort();
            expected.sort();
            assert_eq!(found, expected, "{webhook:?}");
            let value: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(value["AppId"], "a-1");
            assert_eq!(value["CustomerId"], "c-1");
            assert_eq!(value["ExotelAccountSid"], "acme1");
            assert_eq!(value["AccountDomain"], "mumbai");
            assert_eq!(value["CallDetail"], Value::Null);
        }
        let popup = sample_json(KnownKey::Popup, &ids(), &times(), true);
        assert!(popup
            .starts_with("{\n  \"CustomerId\": \"c-1\",\n  \"AppId\": \"a-1\",\n  \"CallSid\""));
        assert!(popup.ends_with("\"UpdatedAt\": \"2025-06-02T06:00:00.000Z\"\n}"));
    }

    #[test]
    fn each_webhook_tells_its_own_call() {
        let read = |webhook| -> Value {
            serde_json::from_str(&sample_json(webhook, &ids(), &times(), false)).unwrap()
        };
        let popup = read(KnownKey::Popup);
        assert_eq!(
            [
                &popup["Direction"],
                &popup["CallStatus"],
                &popup["CallState"]
            ],
            ["inbound", "busy", "active"]
        );
        assert_eq!(popup["TotalDuration"], "");
        let hangup = read(KnownKey::IncomingCallHangup);
        assert_eq!(
            [&hangup["CallStatus"], &hangup["CallState"]],
            ["free", "terminal"]
        );
        assert_eq!(hangup["TotalDuration"], 42);
        let callback = read(KnownKey::Callback);
        assert_eq!(callback["Direction"], "outbound");
        assert_eq!(callback["StartTime"], "2025-06-02T05:59:18.000Z");
        assert_eq!(callback["EndTime"], "2025-06-02T06:00:00.000Z");
        assert_eq!(read(KnownKey::MissedCall)["TotalDuration"], 0);
    }

    #[test]
    fn times_are_written_in_india_s_time() {
        assert_eq!(ist_text(0), "1970-01-01T05:30:00+05:30");
        // 2025-06-02 06:00:00 UTC, and a leap day.
        assert_eq!(ist_text(1_748_844_000), "2025-06-02T11:30:00+05:30");
        assert_eq!(ist_text(951_782_400), "2000-02-29T05:30:00+05:30");
        assert_eq!(ist_text(1_735_669_799), "2024-12-31T23:59:59+05:30");
        let times = SampleTimes::ended_at(1_748_844_000_999.0);
        assert_eq!(times.start, "2025-06-02T11:29:18+05:30");
        assert_eq!(times.end, "2025-06-02T11:30:00+05:30");
    }

    #[test]
    fn the_curl_command_quotes_for_the_shell() {
        let json = sample_json(KnownKey::Popup, &ids(), &times(), false);
        assert!(!json.contains('\n'));
        let curl = sample_curl("https://crm.example/it's?a=1&b=2", r#"{"a":"it's"}"#);
        assert_eq!(
            curl,
            "curl -X POST 'https://crm.example/it'\\''s?a=1&b=2' -H 'Content-Type: application/json' \
             --data '{\"a\":\"it'\\''s\"}'"
        );
    }
}
