//! Which apps the list shows, in which order: search text, domain and
//! status filters, sort column and direction. All of it lives in the URL
//! query (`?q=&domain=&active=&sort=&dir=`), so links and back/forward
//! restore a view. Pure, tested on the host.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::api::{App, Domain};
use crate::features::list::query::{
    active_param, parse_active, text_and_sort, url_pairs, ListCatalog, SearchIndex, SortColumn,
    SortOrder, UrlQuery,
};

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

    fn compare(self, list: &Catalog, a: usize, b: usize) -> Ordering {
        let (x, y) = (&list.apps[a], &list.apps[b]);
        match self {
            SortKey::Name => list.index.first_field(a).cmp(list.index.first_field(b)),
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

impl SortColumn for SortKey {
    fn columns() -> &'static [Self] {
        &SortKey::ALL
    }

    fn as_str(self) -> &'static str {
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

    fn label(self) -> &'static str {
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
}

/// The apps as loaded, with what search and sort need computed once.
pub(crate) struct Catalog {
    pub(crate) apps: Arc<Vec<App>>,
    /// What the search box looks in: name (first, so the index also holds
    /// the Name column's sort key, the lower-cased name), AppID and
    /// account SID.
    index: SearchIndex,
}

impl Catalog {
    pub(crate) fn new(apps: impl Into<Arc<Vec<App>>>) -> Self {
        let apps = apps.into();
        let index = SearchIndex::new(apps.iter().map(|a| {
            [
                a.app_name.as_str(),
                a.app_id.as_str(),
                a.exotel_account_sid.as_str(),
            ]
        }));
        Catalog { apps, index }
    }
}

impl ListCatalog for Catalog {
    type Item = App;
    type Column = SortKey;

    fn items(&self) -> &[App] {
        &self.apps
    }

    /// Computed once per sort change: typing a search only filters it.
    fn sorted(&self, sort: SortOrder<SortKey>) -> Vec<usize> {
        sort.apply(self.apps.len(), |a, b| sort.column.compare(self, a, b))
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
    pub(crate) sort: SortOrder<SortKey>,
}

impl ListQuery {
    /// Whether any search or filter narrows the list.
    #[cfg(test)]
    pub(crate) fn is_filtered(&self) -> bool {
        !self.text.trim().is_empty() || self.domain.is_some() || self.active.is_some()
    }
}

impl UrlQuery for ListQuery {
    type Catalog = Catalog;

    fn from_pairs<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Self {
        let (text, sort) = text_and_sort(&get);
        ListQuery {
            text,
            domain: get("domain").and_then(parse_domain),
            active: get("active").and_then(parse_active),
            sort,
        }
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let filters = [
            ("domain", self.domain.map(Domain::as_api_str)),
            ("active", self.active.map(|a| active_param(Some(a)))),
        ];
        url_pairs(&self.text, &filters, self.sort)
    }

    fn text(&self) -> &str {
        &self.text
    }

    fn with_text(self, text: String) -> Self {
        ListQuery { text, ..self }
    }

    fn sort(&self) -> SortOrder<SortKey> {
        self.sort
    }

    fn with_sort(self, sort: SortOrder<SortKey>) -> Self {
        ListQuery { sort, ..self }
    }

    fn filter(&self, list: &Catalog, order: &[usize]) -> Vec<usize> {
        list.index.filter(&self.text, order, |i| {
            let app = &list.apps[i];
            self.domain
                .is_none_or(|d| app.exotel_domain.eq_ignore_ascii_case(d.as_api_str()))
                && self.active.is_none_or(|a| app.is_active == a)
        })
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
        q.filter(list, &list.sorted(q.sort))
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
        assert!(desc.sort.descending);
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
            sort: SortOrder {
                column: SortKey::Updated,
                descending: true,
            },
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
