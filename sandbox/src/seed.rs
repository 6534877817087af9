//! Demo apps for `--seed N` and `/__sandbox/reset`, with settings for every
//! other app and `--seed-users` users each (see `seed_users`). Names, domains, flags and
//! timestamps vary so lists look real and sorting or filtering bugs show up.
//! Deterministic apart from the ids and secrets, and cheap enough for
//! N = 10 000 (no locking, no formatting beyond two timestamps per app).

use std::collections::BTreeMap;

use crate::fixed::{self, Stream};
use crate::seed_users::demo_users;
use crate::settings::Setting;
use crate::state::{format_ist, now_unix, App, Inner};

/// Named integrations that appear once each, early in the list.
const NAMED: &[&str] = &[
    "WebRTC",
    "Zoho CRM bridge",
    "Freshdesk click-to-call",
    "Salesforce dialer",
    "Missed call alerts",
    "OTP voice",
    "Agent dashboard",
    "Café Mumbai orders",
];

/// Families of numbered apps, "Support line 7" style.
const FAMILIES: &[&str] = &[
    "Support line",
    "Sales desk",
    "Collections IVR",
    "Helpdesk",
    "Night shift",
    "Onboarding calls",
    "Field agents",
    "Escalations",
    "Billing queue",
    "Priority support",
    "Partner hotline",
    "Delivery updates",
];

const ACCOUNT_SIDS: &[&str] = &[
    "acmeretail1",
    "zenithlogistics",
    "bluepeak2",
    "novahealth",
    "brightcart",
];

/// About two years of history, whatever N is.
pub const HISTORY_SECS: i64 = 2 * 365 * 24 * 60 * 60;

/// A tiny deterministic mixer (splitmix64), so the data is stable from run
/// to run without a random-number crate.
pub fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn name(i: usize, r: u64) -> String {
    // Every fifth app, while they last, is a named integration; the rest are
    // numbered with their position, which keeps every name unique.
    if i % 5 == 1 && i / 5 < NAMED.len() {
        NAMED[i / 5].to_string()
    } else {
        format!(
            "{} {}",
            FAMILIES[(r % FAMILIES.len() as u64) as usize],
            i + 1
        )
    }
}

/// `n` apps of `customer_id`, oldest first (creation order), all created in
/// the past.
pub fn demo_apps(n: usize, customer_id: &str) -> Vec<App> {
    let now = now_unix();
    let step = (HISTORY_SECS / n.max(1) as i64).max(60);
    (0..n)
        .map(|i| {
            let r = mix(i as u64);
            // Evenly spaced with jitter below one step, so order is kept.
            let created = now - (n - i) as i64 * step + (r >> 20) as i64 % step;
            // A third were never updated; the rest were, some time before now.
            let updated = if r.is_multiple_of(3) {
                created
            } else {
                created + (r >> 12) as i64 % (now - created).max(1)
            };
            App {
                app_id: fixed::uuid(Stream::App).to_string(),
                app_secret: fixed::uuid(Stream::App).to_string(),
                customer_id: customer_id.to_string(),
                app_name: name(i, r),
                exotel_account_sid: ACCOUNT_SIDS[(r >> 8) as usize % ACCOUNT_SIDS.len()]
                    .to_string(),
                exotel_api_key: fixed::uuid(Stream::App).simple().to_string(),
                exotel_api_token: fixed::uuid(Stream::App).simple().to_string(),
                exotel_domain: if (r >> 16) % 10 < 7 {
                    "mumbai"
                } else {
                    "singapore"
                }
                .to_string(),
                is_active: !(r >> 24).is_multiple_of(5),
                created_at: format_ist(created),
                updated_at: format_ist(updated),
            }
        })
        .collect()
}

/// A fresh sandbox memory: `n` demo apps; the apps at even 0-based
/// positions have settings (popup and record; every fourth also callback),
/// the others none; each app has `users_per_app` users.
pub fn demo_data(n: usize, users_per_app: usize, customer_id: &str) -> Inner {
    let apps = demo_apps(n, customer_id);
    let mut settings = BTreeMap::new();
    let mut users = BTreeMap::new();
    for (i, app) in apps.iter().enumerate() {
        if i.is_multiple_of(2) {
            settings.insert(app.app_id.clone(), demo_settings(i));
        }
        if users_per_app > 0 {
            users.insert(app.app_id.clone(), demo_users(app, i, users_per_app));
        }
    }
    Inner {
        apps,
        settings,
        users,
        ..Inner::default()
    }
}

/// The settings of the seeded app at position `i` (even).
pub fn demo_settings(i: usize) -> Vec<Setting> {
    let popup = format!("https://crm.acme.example/exotel/popup?app={}", i + 1);
    let record = if i.is_multiple_of(4) { "true" } else { "false" };
    let mut settings = vec![
        Setting::new("popup", &popup),
        Setting::new("record", record),
    ];
    if i.is_multiple_of(4) {
        settings.push(Setting::new(
            "callback",
            "https://crm.acme.example/exotel/status",
        ));
    }
    settings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn varied_unique_and_ordered() {
        let apps = demo_apps(200, "c");
        assert_eq!(apps.len(), 200);
        assert_eq!(apps[1].app_name, "WebRTC");
        let names: HashSet<_> = apps.iter().map(|a| a.app_name.as_str()).collect();
        assert_eq!(names.len(), 200, "names are unique");
        assert!(apps.iter().any(|a| a.exotel_domain == "mumbai"));
        assert!(apps.iter().any(|a| a.exotel_domain == "singapore"));
        assert!(apps.iter().any(|a| a.is_active) && apps.iter().any(|a| !a.is_active));
        assert!(apps.iter().any(|a| a.created_at != a.updated_at));
        // Same offset everywhere, so text order is time order.
        assert!(apps.windows(2).all(|w| w[0].created_at <= w[1].created_at));
        assert!(apps.iter().all(|a| a.created_at <= a.updated_at));
    }
}
