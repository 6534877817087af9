//! Which apps the list shows, in which order: search text, domain and
//! status filters, sort column and direction. All of it lives in the URL
//! query (`?q=&domain=&active=&sort=&dir=`), so links and back/forward
//! restore a view. Pure, tested on the host.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::api::{App, Domain};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum SortKey {
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
    pub(crate) const ALL: [SortKey; 7] = [
        SortKey::Name,
        SortKey::AppId,
        SortKey::AccountSid,
        SortKey::Domain,
        SortKey::Active,
        SortKey::Created,
        SortKey::Updated,
    ];

    pub(crate) fn as_str(self) -> &'static str {
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

    pub(crate) fn label(self) -> &'static str {
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

    fn compare(self, list: &Catalog, a: usize, b: usize) -> Ordering {
        let (x, y) = (&list.apps[a], &list.apps[b]);
        match self {
            SortKey::Name => list.name_keys[a].cmp(&list.name_keys[b]),
            SortKey::AppId => x.app_id.cmp(&y.app_id),
            SortKey::AccountSid => x.exotel_account_sid.cmp(&y.exotel_account_sid),
            SortKey::Domain => x.exotel_domain.cmp(&y.exotel_domain),
            SortKey::Active => x.is_active.cmp(&y.is_active),
            // RFC 3339 with one offset sorts as text; mixed offsets are rare
            // and still land near their place.
            SortKey::Created => x.created_at.cmp(&y.created_at),
            SortKey::Updated => x.updated_at.cmp(&y.updated_at),
        }
    }
}

/// The apps as loaded, with what search and sort need computed once, so a
/// keystroke at 10,000 apps filters without allocating per app.
pub(crate) struct Catalog {
    pub(crate) apps: Arc<Vec<App>>,
    /// Lower-cased names, the sort key for the Name column.
    name_keys: Vec<String>,
    /// Lower-cased "name AppID sid", what the search box looks in.
    haystacks: Vec<String>,
}

impl Catalog {
    pub(crate) fn new(apps: impl Into<Arc<Vec<App>>>) -> Self {
        let apps = apps.into();
        let name_keys = apps
            .iter()
            .map(|a| {
                let mut key = String::with_capacity(a.app_name.len());
                push_lowercase(&mut key, &a.app_name);
                key
            })
            .collect();
        let haystacks = apps.iter().map(search_text).collect();
        Catalog {
            apps,
            name_keys,
            haystacks,
        }
    }

    /// Every position, sorted by `sort`. Computed once per sort change:
    /// typing a search only filters it.
    pub(crate) fn sorted(&self, sort: SortKey, descending: bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.len()).collect();
        // Stable: equal keys keep the API's order.
        order.sort_by(|&a, &b| {
            let o = sort.compare(self, a, b);
            if descending {
                o.reverse()
            } else {
                o
            }
        });
        order
    }

    pub(crate) fn len(&self) -> usize {
        self.apps.len()
    }
}

/// The status filter as written in the URL (`active=yes|no`) and in the
/// filter's `<select>`: "" means any.
pub(crate) fn active_param(active: Option<bool>) -> &'static str {
    match active {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

pub(crate) fn parse_active(raw: &str) -> Option<bool> {
    match raw {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The domain filter as written in the URL (`domain=mumbai|singapore`).
/// Exactly the API's value: unlike a server's answer, a URL this console
/// wrote never differs in case or spacing, so anything else means "any".
fn parse_domain(raw: &str) -> Option<Domain> {
    Domain::ALL.into_iter().find(|d| d.as_api_str() == raw)
}

/// The list view's state, as read from and written to the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ListQuery {
    pub(crate) text: String,
    /// None: any domain.
    pub(crate) domain: Option<Domain>,
    /// Some(true) = active only, Some(false) = inactive only.
    pub(crate) active: Option<bool>,
    pub(crate) sort: SortKey,
    pub(crate) descending: bool,
}

impl ListQuery {
    /// From URL query pairs; unknown values fall back to the defaults.
    pub(crate) fn from_pairs<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Self {
        ListQuery {
            text: get("q").unwrap_or_default().to_string(),
            domain: get("domain").and_then(parse_domain),
            active: get("active").and_then(parse_active),
            sort: get("sort").and_then(SortKey::parse).unwrap_or_default(),
            descending: get("dir") == Some("desc"),
        }
    }

    /// The non-default parts, as (key, value) pairs for the URL.
    pub(crate) fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", self.text.clone()));
        }
        if let Some(domain) = self.domain {
            pairs.push(("domain", domain.as_api_str().to_string()));
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
    pub(crate) fn sorted_by(&self, key: SortKey) -> Self {
        ListQuery {
            descending: self.sort == key && !self.descending,
            sort: key,
            ..self.clone()
        }
    }

    /// Whether any search or filter narrows the list.
    #[cfg(test)]
    pub(crate) fn is_filtered(&self) -> bool {
        !self.text.trim().is_empty() || self.domain.is_some() || self.active.is_some()
    }

    /// The part of `order` that the search and filters keep.
    pub(crate) fn filter(&self, list: &Catalog, order: &[usize]) -> Vec<usize> {
        let needle = self.text.trim().to_lowercase();
        order
            .iter()
            .copied()
            .filter(|&i| {
                let app = &list.apps[i];
                self.domain
                    .is_none_or(|d| app.exotel_domain.eq_ignore_ascii_case(d.as_api_str()))
                    && self.active.is_none_or(|a| app.is_active == a)
                    && (needle.is_empty() || list.haystacks[i].contains(&needle))
            })
            .collect()
    }
}

/// Lower-cased "name\nAppID\nsid". A newline cannot be typed in the search
/// box, so a needle never matches across two fields.
fn search_text(app: &App) -> String {
    let fields = [&app.app_name, &app.app_id, &app.exotel_account_sid];
    let mut text = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        push_lowercase(&mut text, field);
    }
    text
}

/// Appends `s` lower-cased; ASCII (nearly every name and ID) without the
/// allocation `to_lowercase` makes.
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&s.to_lowercase());
    }
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

    /// The positions `q` shows, in order: what the list page computes.
    fn select(q: &ListQuery, list: &Catalog) -> Vec<usize> {
        q.filter(list, &list.sorted(q.sort, q.descending))
    }

    /// The names `q` shows, in order.
    fn names(q: &ListQuery) -> Vec<String> {
        let list = Catalog::new(apps());
        select(q, &list)
            .into_iter()
            .map(|i| list.apps[i].app_name.clone())
            .collect()
    }

    #[test]
    fn searches_name_id_and_sid_ignoring_case() {
        let q = |t: &str| ListQuery {
            text: t.into(),
            ..ListQuery::default()
        };
        assert_eq!(names(&q("")).len(), 3);
        assert_eq!(names(&q("WEBrtc")), ["WebRTC"]);
        assert_eq!(names(&q(" a-1 ")), ["billing"]);
        assert_eq!(names(&q("sid-alpha")), ["Alpha"]);
        assert!(names(&q("nothing")).is_empty());
        // The end of one field and the start of the next are not one word.
        assert!(names(&q("rtcc-3")).is_empty());
    }

    #[test]
    fn search_lower_cases_non_ascii_names_too() {
        let list = Catalog::new(vec![App {
            app_name: "ÉCOLE Nord".into(),
            ..App::default()
        }]);
        let q = |t: &str| ListQuery {
            text: t.into(),
            ..ListQuery::default()
        };
        assert_eq!(select(&q("école"), &list), [0]);
        assert_eq!(select(&q("ÉCOLE n"), &list), [0]);
        assert!(select(&q("ecole"), &list).is_empty());
    }

    #[test]
    fn filters_by_domain_and_status() {
        let q = ListQuery {
            domain: Some(Domain::Mumbai),
            active: Some(false),
            ..ListQuery::default()
        };
        assert_eq!(names(&q), ["Alpha"]);
        assert!(q.is_filtered());
    }

    #[test]
    fn sorts_by_any_column_both_ways() {
        let by_name = ListQuery::default().sorted_by(SortKey::Name);
        assert_eq!(names(&by_name), ["Alpha", "billing", "WebRTC"]);
        let desc = by_name.sorted_by(SortKey::Name);
        assert!(desc.descending);
        assert_eq!(names(&desc), ["WebRTC", "billing", "Alpha"]);
        let by_created = ListQuery::default();
        assert_eq!(names(&by_created), ["billing", "WebRTC", "Alpha"]);
        for key in SortKey::ALL {
            assert_eq!(names(&ListQuery::default().sorted_by(key)).len(), 3);
        }
    }

    #[test]
    fn round_trips_through_the_url() {
        let q = ListQuery {
            text: "bill".into(),
            domain: Some(Domain::Singapore),
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
