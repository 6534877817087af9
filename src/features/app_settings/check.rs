//! What a setting's value may be, checked before anything is sent. Every
//! message names the setting, in words and by key.

use super::keys::{describe_key, KnownKey, ValueKind};

/// Longest value sent (the API publishes no limit; URLs longer than this
/// are refused by common web servers anyway).
pub(crate) const MAX_VALUE_LEN: usize = 2048;
/// Longest custom key.
pub(crate) const MAX_KEY_LEN: usize = 64;

/// The verdict on one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Fine,
    /// Sendable once the admin has seen this and said so.
    Warn(String),
    /// Not sendable.
    Refuse(String),
}

/// Checks `value` for the setting `key`. An empty value is fine for every
/// kind: the API has no delete, so clearing a field sends "" (the page says
/// so beside the field).
pub(crate) fn check_value(key: &str, value: &str) -> Verdict {
    let name = describe_key(key);
    if value.is_empty() {
        return Verdict::Fine;
    }
    if value.chars().count() > MAX_VALUE_LEN {
        let n = value.chars().count();
        return Verdict::Refuse(format!(
            "{name} is too long ({n} characters; at most {MAX_VALUE_LEN})."
        ));
    }
    match KnownKey::from_api_name(key).map(KnownKey::kind) {
        Some(ValueKind::WebUrl) => check_url(
            &name,
            value,
            "https://",
            "http://",
            "https://crm.example.com/exotel",
        ),
        Some(ValueKind::SocketUrl) => check_url(
            &name,
            value,
            "wss://",
            "ws://",
            "wss://audio.example.com/stream",
        ),
        Some(ValueKind::Switch) => check_switch(&name, value),
        None if value.chars().any(char::is_control) => Verdict::Refuse(format!(
            "{name} contains a control character (tab, newline…); remove it."
        )),
        None => Verdict::Fine,
    }
}

fn check_url(name: &str, value: &str, secure: &str, plain: &str, example: &str) -> Verdict {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Verdict::Refuse(format!(
            "{name} contains a space or control character; a URL cannot (write a space as %20)."
        ));
    }
    let lower = value.to_ascii_lowercase();
    let (rest, insecure) = if let Some(rest) = lower.strip_prefix(secure) {
        (rest, false)
    } else if let Some(rest) = lower.strip_prefix(plain) {
        (rest, true)
    } else {
        return Verdict::Refuse(format!(
            "{name} must start with {secure} (for example {example})."
        ));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') || host.contains('@') {
        return Verdict::Refuse(format!(
            "{name} has no valid host after {}.",
            &value[..value.len() - rest.len()]
        ));
    }
    if insecure {
        return Verdict::Warn(format!(
            "{name} uses {plain}: call data would travel unencrypted. {secure} is expected."
        ));
    }
    Verdict::Fine
}

fn check_switch(name: &str, value: &str) -> Verdict {
    match value {
        "true" | "false" => Verdict::Fine,
        _ => Verdict::Refuse(format!("{name} must be \"true\" or \"false\".")),
    }
}

/// Checks a key typed into "Add custom setting": `existing` are the keys the
/// editor already has.
pub(crate) fn check_custom_key<'a>(
    key: &str,
    mut existing: impl Iterator<Item = &'a str>,
) -> Result<(), String> {
    if key.is_empty() {
        return Err("Key is required.".into());
    }
    if key.chars().count() > MAX_KEY_LEN {
        return Err(format!(
            "Key is too long ({} characters; at most {MAX_KEY_LEN}).",
            key.chars().count()
        ));
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err("Key may hold only letters, digits and _ - . (no spaces).".into());
    }
    if let Some(known) = KnownKey::from_api_name(key) {
        return Err(format!(
            "“{key}” is a known setting: use its field, {}.",
            known.label()
        ));
    }
    if existing.any(|k| k == key) {
        return Err(format!("“{key}” is already in the list: edit it there."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(key: &str, value: &str) -> String {
        match check_value(key, value) {
            Verdict::Refuse(m) => m,
            other => panic!("{value:?} for {key} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn https_urls_are_fine_and_empty_means_send_empty() {
        assert_eq!(
            check_value("popup", "https://crm.example.com/exotel/popup?x=1"),
            Verdict::Fine
        );
        assert_eq!(check_value("popup", ""), Verdict::Fine);
        assert_eq!(check_value("streaming", ""), Verdict::Fine);
    }

    #[test]
    fn http_needs_the_admins_word() {
        let Verdict::Warn(m) = check_value("callback", "http://crm.example.com/cb") else {
            panic!("http:// must warn")
        };
        assert!(
            m.contains("Outbound call status callback URL (callback)"),
            "{m}"
        );
        assert!(m.contains("unencrypted"), "{m}");
        assert!(matches!(
            check_value("streaming", "ws://audio.example.com"),
            Verdict::Warn(_)
        ));
    }

    #[test]
    fn bad_urls_are_refused_naming_the_field() {
        let m = refused("popup", "crm.example.com/popup");
        assert!(
            m.starts_with("Incoming call pop-up URL (popup) must start with https://"),
            "{m}"
        );
        assert!(refused("missedCall", "https://crm.example.com/a b").contains("space"));
        assert!(refused("playback", "https://x.example/\u{7}").contains("control"));
        assert!(refused("popup", "https:///path").contains("no valid host"));
        assert!(
            refused("streaming", "https://audio.example.com").contains("must start with wss://")
        );
        assert!(refused("popup", "javascript:alert(1)").contains("https://"));
        let long = format!("https://x.example/{}", "a".repeat(MAX_VALUE_LEN));
        assert!(refused("popup", &long).contains("too long"));
    }

    #[test]
    fn record_is_true_or_false() {
        assert_eq!(check_value("record", "true"), Verdict::Fine);
        assert_eq!(check_value("record", "false"), Verdict::Fine);
        assert!(refused("record", "yes").contains("Record outbound calls (record)"));
    }

    #[test]
    fn custom_values_are_free_text_without_control_characters() {
        assert_eq!(check_value("webrtc_enabled", "true"), Verdict::Fine);
        assert_eq!(check_value("note", "any text at all"), Verdict::Fine);
        assert!(refused("note", "a\nb").contains("Custom setting “note”"));
    }

    #[test]
    fn custom_keys_are_checked() {
        let none = std::iter::empty();
        assert_eq!(check_custom_key("webrtc_enabled", none), Ok(()));
        assert!(check_custom_key("", std::iter::empty()).is_err());
        assert!(check_custom_key("two words", std::iter::empty())
            .unwrap_err()
            .contains("no spaces"));
        assert!(check_custom_key("popup", std::iter::empty())
            .unwrap_err()
            .contains("known setting"));
        let existing = ["webrtc_enabled"];
        assert!(check_custom_key("webrtc_enabled", existing.into_iter())
            .unwrap_err()
            .contains("already"));
        assert!(check_custom_key(&"k".repeat(65), std::iter::empty())
            .unwrap_err()
            .contains("too long"));
    }
}
