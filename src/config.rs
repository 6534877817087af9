//! Where API calls go. The default comes from `<meta name="exotel-api-base">`
//! in index.html so a CDN deployment can change it without rebuilding.

/// Base URL used when index.html names none: same origin, through a proxy.
pub const SAME_ORIGIN_BASE: &str = "/v2/integrations";
pub const MUMBAI_BASE: &str = "https://integrationscore.mum1.exotel.com/v2/integrations";

/// The connect page's presets: (label, base URL).
pub const PRESETS: [(&str, &str); 2] = [
    ("Same origin (via proxy)", SAME_ORIGIN_BASE),
    ("Mumbai (integrationscore.mum1.exotel.com)", MUMBAI_BASE),
];

pub fn default_api_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name='exotel-api-base']")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| SAME_ORIGIN_BASE.to_string())
}

/// A human name for a base URL: its preset label, or the URL itself.
pub fn describe_base(base: &str) -> String {
    PRESETS
        .iter()
        .find(|(_, url)| *url == base)
        .map(|(label, _)| label.to_string())
        .unwrap_or_else(|| base.to_string())
}
