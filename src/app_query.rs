//! Which apps the list shows: the search text, kept in the URL (`?q=`) so a
//! link or back/forward restores it. Pure, tested on the host.

use crate::api::App;

/// Case-insensitive match of the (trimmed) query against name, AppID and
/// account SID. An empty query matches everything.
pub fn matches(app: &App, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    q.is_empty()
        || [&app.app_name, &app.app_id, &app.exotel_account_sid]
            .iter()
            .any(|field| field.to_lowercase().contains(&q))
}

pub fn filter(apps: &[App], query: &str) -> Vec<App> {
    apps.iter().filter(|a| matches(a, query)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_name_id_and_sid_ignoring_case() {
        let app = App {
            app_id: "2E64-abc".into(),
            app_name: "WebRTC Line".into(),
            exotel_account_sid: "acme1".into(),
            ..App::default()
        };
        assert!(matches(&app, ""));
        assert!(matches(&app, "webrtc"));
        assert!(matches(&app, " 2e64 "));
        assert!(matches(&app, "ACME"));
        assert!(!matches(&app, "mumbai"));
    }
}
