//! What every list's URL query has: the search text, the sort column and
//! direction, yes/no filters, and the search index the text is looked up
//! in; and the traits a list's catalog and query implement for the shared
//! list view. Pure, tested on the host (through each list's tests).

use std::cmp::Ordering;

/// A column a list sorts by.
pub(crate) trait SortColumn: Copy + Default + PartialEq + Send + Sync + 'static {
    /// Every column, in the table's order.
    fn columns() -> &'static [Self];
    /// The URL's value (`sort=`).
    fn as_str(self) -> &'static str;
    /// The column header.
    fn label(self) -> &'static str;

    fn parse(raw: &str) -> Option<Self> {
        Self::columns().iter().copied().find(|k| k.as_str() == raw)
    }
}

/// Which column a list is sorted by, and which way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct SortOrder<K> {
    pub(crate) column: K,
    pub(crate) descending: bool,
}

impl<K: SortColumn> SortOrder<K> {
    /// From `sort=` and `dir=`; unknown values fall back to the defaults.
    fn from_pairs<'a>(get: &impl Fn(&str) -> Option<&'a str>) -> Self {
        SortOrder {
            column: get("sort").and_then(K::parse).unwrap_or_default(),
            descending: get("dir") == Some("desc"),
        }
    }

    /// The order after a click on `column`'s header: a second click on the
    /// sorted column flips the direction.
    pub(crate) fn then_by(self, column: K) -> Self {
        SortOrder {
            descending: self.column == column && !self.descending,
            column,
        }
    }

    /// `Some(descending)` while the list is sorted by `column`.
    pub(crate) fn direction_of(self, column: K) -> Option<bool> {
        (self.column == column).then_some(self.descending)
    }

    /// Every position below `len`, sorted by `compare` this way round.
    pub(crate) fn apply(
        self,
        len: usize,
        compare: impl Fn(usize, usize) -> Ordering,
    ) -> Vec<usize> {
        let mut order: Vec<usize> = (0..len).collect();
        // Stable: equal keys keep the API's order.
        order.sort_by(|&a, &b| {
            let o = compare(a, b);
            if self.descending {
                o.reverse()
            } else {
                o
            }
        });
        order
    }
}

/// The loaded items with what sorting them needs computed once.
pub(crate) trait ListCatalog: Send + Sync + 'static {
    type Item: Clone + 'static;
    type Column: SortColumn;
    fn items(&self) -> &[Self::Item];
    /// Every position, sorted by `sort`.
    fn sorted(&self, sort: SortOrder<Self::Column>) -> Vec<usize>;
}

/// A list's view state as kept in the URL query.
pub(crate) trait UrlQuery: Clone + PartialEq + Default + Send + Sync + 'static {
    type Catalog: ListCatalog;
    /// From URL query pairs; unknown values fall back to the defaults.
    fn from_pairs<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Self;
    /// The non-default parts, as (key, value) pairs for the URL.
    fn to_pairs(&self) -> Vec<(&'static str, String)>;
    fn text(&self) -> &str;
    fn with_text(self, text: String) -> Self;
    fn sort(&self) -> SortOrder<<Self::Catalog as ListCatalog>::Column>;
    fn with_sort(self, sort: SortOrder<<Self::Catalog as ListCatalog>::Column>) -> Self;
    /// The part of `order` that the search and filters keep.
    fn filter(&self, list: &Self::Catalog, order: &[usize]) -> Vec<usize>;

    /// The same query sorted by `column`: a second click on the sorted
    /// column flips the direction.
    fn sorted_by(&self, column: <Self::Catalog as ListCatalog>::Column) -> Self {
        self.clone().with_sort(self.sort().then_by(column))
    }
}

/// The search text and sort order as read from the URL (`q=`, `sort=`,
/// `dir=`); a list's own filters are read beside them.
pub(crate) fn text_and_sort<'a, K: SortColumn>(
    get: &impl Fn(&str) -> Option<&'a str>,
) -> (String, SortOrder<K>) {
    let text = get("q").unwrap_or_default().to_string();
    (text, SortOrder::from_pairs(get))
}

/// The non-default parts of a list's query, as (key, value) pairs for the
/// URL: the text, then `filters` (None: not set), then the sort order.
pub(crate) fn url_pairs<K: SortColumn>(
    text: &str,
    filters: &[(&'static str, Option<&'static str>)],
    sort: SortOrder<K>,
) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if !text.is_empty() {
        pairs.push(("q", text.to_string()));
    }
    for (key, value) in filters {
        if let Some(value) = value {
            pairs.push((key, value.to_string()));
        }
    }
    if sort.column != K::default() {
        pairs.push(("sort", sort.column.as_str().to_string()));
    }
    if sort.descending {
        pairs.push(("dir", "desc".to_string()));
    }
    pairs
}

/// A yes/no filter as written in the URL (`active=yes|no`) and in the
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

/// What the search box looks in: per item, its searched fields lower-cased
/// and joined by newlines. A newline cannot be typed in the search box, so
/// a needle never matches across two fields. Built once per list, so a
/// keystroke at 10,000 items filters without allocating per item; all the
/// items' texts share one string, so building it allocates a few times,
/// not once per item.
pub(crate) struct SearchIndex {
    /// Every item's text, one after another.
    text: String,
    /// Per item: where its text starts in `text`, and where its first
    /// field ends.
    bounds: Vec<(usize, usize)>,
}

impl SearchIndex {
    pub(crate) fn new<'a, const N: usize>(items: impl Iterator<Item = [&'a str; N]>) -> Self {
        let mut text = String::new();
        let mut bounds = Vec::with_capacity(items.size_hint().0);
        for fields in items {
            let start = text.len();
            let mut first_end = start;
            for (i, field) in fields.into_iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                push_lowercase(&mut text, field);
                if i == 0 {
                    first_end = text.len();
                }
            }
            bounds.push((start, first_end));
        }
        SearchIndex { text, bounds }
    }

    /// Item `i`'s searched text.
    fn haystack(&self, i: usize) -> &str {
        let end = self.bounds.get(i + 1).map_or(self.text.len(), |b| b.0);
        &self.text[self.bounds[i].0..end]
    }

    /// Item `i`'s first field, lower-cased: a sort key for its column.
    pub(crate) fn first_field(&self, i: usize) -> &str {
        let (start, end) = self.bounds[i];
        &self.text[start..end]
    }

    /// The part of `order` whose item holds `text` (trimmed, in any case)
    /// and that `keep` (the list's filters) keeps.
    pub(crate) fn filter(
        &self,
        text: &str,
        order: &[usize],
        keep: impl Fn(usize) -> bool,
    ) -> Vec<usize> {
        let needle = text.trim().to_lowercase();
        order
            .iter()
            .copied()
            .filter(|&i| keep(i) && (needle.is_empty() || self.haystack(i).contains(&needle)))
            .collect()
    }
}

/// `s` lower-cased: a sort key for a text column.
pub(crate) fn lowercase(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    push_lowercase(&mut key, s);
    key
}

/// Appends `s` lower-cased; ASCII (nearly every name and ID) without the
/// allocation `to_lowercase` makes.
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        // Copied whole, then lowered in place: byte by byte through
        // `char`s costs several times more at 10,000 items.
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}
