//! Where API calls go. The default comes from `<meta name="exotel-api-base">`
//! in index.html so a CDN deployment can change it without rebuilding.

use crate::api::{DEFAULT_TIMEOUT_MS, PRODUCTION_BASE_URL};

/// Base URL used when index.html names none: same origin, through a proxy.
pub(crate) const SAME_ORIGIN_BASE: &str = "/v2/integrations";

/// The connect page's presets: (label, base URL).
pub(crate) const PRESETS: [(&str, &str); 2] = [
    ("Same origin (via proxy)", SAME_ORIGIN_BASE),
    (
        "Mumbai (integrationscore.mum1.exotel.com)",
        PRODUCTION_BASE_URL,
    ),
];

/// The `content` of `<meta name="{name}">` in index.html, if set.
fn meta(name: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(&format!("meta[name='{name}']"))
        .ok()??
        .get_attribute("content")
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub(crate) fn default_api_base() -> String {
    meta("exotel-api-base").unwrap_or_else(|| SAME_ORIGIN_BASE.to_string())
}

/// `<meta name="exotel-api-timeout-ms">`: a deployment behind a slow proxy
/// can allow more time (and tests less) without a rebuild.
pub(crate) fn api_timeout_ms() -> u32 {
    parse_timeout(meta("exotel-api-timeout-ms").as_deref())
}

/// Accepts 500 ms to 5 minutes; anything else means the default.
pub(crate) fn parse_timeout(raw: Option<&str>) -> u32 {
    raw.and_then(|v| v.parse::<u32>().ok())
        .filter(|ms| (500..=300_000).contains(ms))
        .unwrap_or(DEFAULT_TIMEOUT_MS)
}

/// A human name for a base URL: its preset label, or the URL itself.
pub(crate) fn describe_base(base: &str) -> String {
    PRESETS
        .iter()
        .find(|(_, url)| *url == base)
        .map(|(label, _)| label.to_string())
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_outside_the_sane_range_fall_back() {
        assert_eq!(parse_timeout(Some("2000")), 2000);
        assert_eq!(parse_timeout(Some("5")), DEFAULT_TIMEOUT_MS);
        assert_eq!(parse_timeout(Some("abc")), DEFAULT_TIMEOUT_MS);
        assert_eq!(parse_timeout(None), DEFAULT_TIMEOUT_MS);
    }

    #[test]
    fn presets_are_described_by_name() {
        assert_eq!(describe_base(SAME_ORIGIN_BASE), "Same origin (via proxy)");
        assert_eq!(
            describe_base("https://x.example/v2"),
            "https://x.example/v2"
        );
    }
}
