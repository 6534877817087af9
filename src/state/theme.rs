//! Light, dark or follow the system. The choice is a preference, not a
//! secret, so it is remembered in local storage; it is applied to `<html>`
//! as `data-theme` before the app mounts, so there is no flash.

pub(crate) const STORAGE_KEY: &str = "exotel.console.theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub(crate) fn parse(raw: Option<&str>) -> Theme {
        match raw {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The toggle's order: system -> light -> dark -> system.
    pub(crate) fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    /// Visible text; the accessible name is [`Theme::label`], which contains it.
    pub(crate) fn short_label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    pub(crate) fn icon(self) -> &'static str {
        match self {
            Theme::System => "◐",
            Theme::Light => "☀",
            Theme::Dark => "☾",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: system",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub(crate) fn stored() -> Theme {
    Theme::parse(
        local_storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .as_deref(),
    )
}

/// Remembers and applies `theme`.
pub(crate) fn apply(theme: Theme) {
    if let Some(s) = local_storage() {
        let _ = match theme {
            Theme::System => s.remove_item(STORAGE_KEY),
            other => s.set_item(STORAGE_KEY, other.as_str()),
        };
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn cycles_and_parses() {
        assert_eq!(Theme::parse(None), Theme::System);
        assert_eq!(Theme::parse(Some("dark")), Theme::Dark);
        assert_eq!(Theme::parse(Some("purple")), Theme::System);
        assert_eq!(Theme::System.next().next().next(), Theme::System);
    }
}
