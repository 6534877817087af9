//! Which apps the list shows, in which order: search text, domain and
//! status filters, sort column and direction. All of it lives in the URL
//! query (`?q=&domain=&active=&sort=&dir=`), so links and back/forward
//! restore a view. Pure, tested on the host.

use std::cmp::Ordering;

use crate::api::App;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Created,
    Name,
    AppId,
    AccountSid,
    Domain,
    Active,
    Updated,
}

impl SortKey {
    pub const ALL: [SortKey; 7] = [
        SortKey::Name,
        SortKey::AppId,
        SortKey::AccountSid,
        SortKey::Domain,
        SortKey::Active,
        SortKey::Created,
        SortKey::Updated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::AppId => "id",
            SortKey::AccountSid => "sid",
            SortKey::Domain => "domain",
            SortKey::Active => "active",
            SortKey::Created => "created",
            SortKey::Updated => "updated",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::AppId => "AppID",
            SortKey::AccountSid => "Account SID",
            SortKey::Domain => "Domain",
            SortKey::Active => "Active",
            SortKey::Created => "Created",
            SortKey::Updated => "Updated",
        }
    }

    fn parse(raw: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    fn compare(self, a: &App, b: &App) -> Ordering {
        match self {
            SortKey::Name => a.app_name.to_lowercase().cmp(&b.app_name.to_lowercase()),
            SortKey::AppId => a.app_id.cmp(&b.app_id),
            SortKey::AccountSid => a.exotel_account_sid.cmp(&b.exotel_account_sid),
            SortKey::Domain => a.exotel_domain.cmp(&b.exotel_domain),
            SortKey::Active => a.is_active.cmp(&b.is_active),
            // RFC 3339 with one offset sorts as text; mixed offsets are rare
            // and still land near their place.
            SortKey::Created => a.created_at.cmp(&b.created_at),
            SortKey::Updated => a.updated_at.cmp(&b.updated_at),
        }
    }
}

/// The status filter as written in the URL (`active=yes|no`) and in the
/// filter's `<select>`: "" means any.
pub fn active_param(active: Option<bool>) -> &'static str {
    match active {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

pub fn parse_active(raw: &str) -> Option<bool> {
    match raw {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The list view's state, as read from and written to the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub text: String,
    /// "mumbai", "singapore" or "" (any).
    pub domain: String,
    /// Some(true) = active only, Some(false) = inactive only.
    pub active: Option<bool>,
    pub sort: SortKey,
    pub descending: bool,
}

impl ListQuery {
    /// From URL query pairs; unknown values fall back to the defaults.
    pub fn from_pairs<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Self {
        ListQuery {
            text: get("q").unwrap_or_default().to_string(),
            domain: match get("domain") {
                Some(d @ ("mumbai" | "singapore")) => d.to_string(),
                _ => String::new(),
            },
            active: get("active").and_then(parse_active),
            sort: get("sort").and_then(SortKey::parse).unwrap_or_default(),
            descending: get("dir") == Some("desc"),
        }
    }

    /// The non-default parts, as (key, value) pairs for the URL.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", self.text.clone()));
        }
        if !self.domain.is_empty() {
            pairs.push(("domain", self.domain.clone()));
        }
        if let Some(active) = self.active {
            pairs.push(("active", active_param(Some(active)).to_string()));
        }
        if self.sort != SortKey::default() {
            pairs.push(("sort", self.sort.as_str().to_string()));
        }
        if self.descending {
            pairs.push(("dir", "desc".to_string()));
        }
        pairs
    }

    /// The same query sorted by `key`: a second click on the sorted column
    /// flips the direction.
    pub fn sorted_by(&self, key: SortKey) -> Self {
        ListQuery {
            descending: self.sort == key && !self.descending,
            sort: key,
            ..self.clone()
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.text.trim().is_empty() || !self.domain.is_empty() || self.active.is_some()
    }

    pub fn matches(&self, app: &App, needle: &str) -> bool {
        (self.domain.is_empty() || app.exotel_domain.eq_ignore_ascii_case(&self.domain))
            && self.active.is_none_or(|a| app.is_active == a)
            && matches_text(app, needle)
    }

    /// The apps to show, in order.
    pub fn apply(&self, apps: &[App]) -> Vec<App> {
        let needle = self.text.trim().to_lowercase();
        let mut shown: Vec<App> = apps
            .iter()
            .filter(|a| self.matches(a, &needle))
            .cloned()
            .collect();
        shown.sort_by(|a, b| {
            let order = self.sort.compare(a, b);
            if self.descending {
                order.reverse()
            } else {
                order
            }
        });
        shown
    }
}

/// Case-insensitive match of an already lower-cased needle against name,
/// AppID and account SID. An empty needle matches everything.
fn matches_text(app: &App, needle: &str) -> bool {
    needle.is_empty()
        || [&app.app_name, &app.app_id, &app.exotel_account_sid]
            .iter()
            .any(|field| field.to_lowercase().contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(name: &str, id: &str, domain: &str, active: bool, created: &str) -> App {
        App {
            app_id: id.into(),
            app_name: name.into(),
            exotel_account_sid: format!("sid-{name}"),
            exotel_domain: domain.into(),
            is_active: active,
            created_at: created.into(),
            ..App::default()
        }
    }

    fn apps() -> Vec<App> {
        vec![
            app("WebRTC", "c-3", "mumbai", true, "2023-01-02T00:00:00+05:30"),
            app(
                "billing",
                "a-1",
                "singapore",
                false,
                "2023-01-01T00:00:00+05:30",
            ),
            app("Alpha", "b-2", "mumbai", false, "2023-01-03T00:00:00+05:30"),
        ]
    }

    fn names(list: &[App]) -> Vec<&str> {
        list.iter().map(|a| a.app_name.as_str()).collect()
    }

    #[test]
    fn searches_name_id_and_sid_ignoring_case() {
        let q = |t: &str| ListQuery {
            text: t.into(),
            ..ListQuery::default()
        };
        assert_eq!(q("").apply(&apps()).len(), 3);
        assert_eq!(names(&q("WEBrtc").apply(&apps())), ["WebRTC"]);
        assert_eq!(names(&q(" a-1 ").apply(&apps())), ["billing"]);
        assert_eq!(names(&q("sid-alpha").apply(&apps())), ["Alpha"]);
        assert!(q("nothing").apply(&apps()).is_empty());
    }

    #[test]
    fn filters_by_domain_and_status() {
        let q = ListQuery {
            domain: "mumbai".into(),
            active: Some(false),
            ..ListQuery::default()
        };
        assert_eq!(names(&q.apply(&apps())), ["Alpha"]);
        assert!(q.is_filtered());
    }

    #[test]
    fn sorts_by_any_column_both_ways() {
        let by_name = ListQuery::default().sorted_by(SortKey::Name);
        assert_eq!(
            names(&by_name.apply(&apps())),
            ["Alpha", "billing", "WebRTC"]
        );
        let desc = by_name.sorted_by(SortKey::Name);
        assert!(desc.descending);
        assert_eq!(names(&desc.apply(&apps())), ["WebRTC", "billing", "Alpha"]);
        let by_created = ListQuery::default();
        assert_eq!(
            names(&by_created.apply(&apps())),
            ["billing", "WebRTC", "Alpha"]
        );
        for key in SortKey::ALL {
            assert_eq!(ListQuery::default().sorted_by(key).apply(&apps()).len(), 3);
        }
    }

    #[test]
    fn round_trips_through_the_url() {
        let q = ListQuery {
            text: "bill".into(),
            domain: "singapore".into(),
            active: Some(true),
            sort: SortKey::Updated,
            descending: true,
        };
        let pairs = q.to_pairs();
        let back = ListQuery::from_pairs(|k| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.as_str())
        });
        assert_eq!(back, q);
        assert!(ListQuery::default().to_pairs().is_empty());
        let junk = ListQuery::from_pairs(|k| match k {
            "sort" => Some("bogus"),
            "domain" => Some("mars"),
            "active" => Some("maybe"),
            _ => None,
        });
        assert_eq!(junk, ListQuery::default());
    }
}
