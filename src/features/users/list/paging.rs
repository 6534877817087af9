//! Where a list of users ends. Exotel's page "Get specific users under
//! application using pagination" answers `PageSize` (what it served, which
//! may be less than asked) and `LastEvaluatedValue` (the next page's key).
//! So a page shorter than the size *asked for* proves nothing: a server
//! that caps its pages at 50 serves 50 when 100 are asked. The end is only
//! what the server itself says.

use crate::api::users::UserPage;

/// What one page says about the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AfterPage {
    /// This was the last page.
    Last,
    /// Ask for the page at this key next.
    Next(String),
    /// The server gave a key it had given before: following it would read
    /// the same pages forever, so the list stops short of complete.
    Repeated(String),
}

/// The end is: no key, an empty key, an empty page, or a page shorter than
/// the `PageSize` the server reports; a key in `keys_seen` (the keys asked
/// for so far, the first page's included) is [`AfterPage::Repeated`].
pub(crate) fn after_page(page: &UserPage, keys_seen: &[String]) -> AfterPage {
    let served_short = page
        .served_size
        .is_some_and(|served| page.users.len() < served);
    if page.users.is_empty() || served_short {
        return AfterPage::Last;
    }
    match page.next.as_deref().map(str::trim) {
        None | Some("") => AfterPage::Last,
        Some(key) if keys_seen.iter().any(|seen| seen == key) => {
            AfterPage::Repeated(key.to_string())
        }
        Some(key) => AfterPage::Next(key.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::User;

    fn page(users: usize, served_size: Option<usize>, next: Option<&str>) -> UserPage {
        UserPage {
            users: vec![User::default(); users],
            next: next.map(str::to_string),
            served_size,
        }
    }

    fn seen(keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn a_full_page_with_a_new_key_goes_on() {
        let after = after_page(&page(20, Some(20), Some("21")), &seen(&["0"]));
        assert_eq!(after, AfterPage::Next("21".into()));
    }

    #[test]
    fn a_page_shorter_than_asked_is_not_the_end_when_the_server_served_that_many() {
        // Asked for 100; a capped server served 50 and says so.
        let after = after_page(&page(50, Some(50), Some("50")), &seen(&["0"]));
        assert_eq!(after, AfterPage::Next("50".into()));
        // A server that reports no PageSize: only its key decides.
        let after = after_page(&page(37, None, Some("87")), &seen(&["0", "50"]));
        assert_eq!(after, AfterPage::Next("87".into()));
    }

    #[test]
    fn no_key_or_an_empty_one_is_the_end() {
        assert_eq!(
            after_page(&page(20, Some(20), None), &seen(&["0"])),
            AfterPage::Last
        );
        for empty in ["", "  "] {
            let after = after_page(&page(20, Some(20), Some(empty)), &seen(&["0"]));
            assert_eq!(after, AfterPage::Last, "{empty:?}");
        }
    }

    #[test]
    fn an_empty_page_is_the_end_whatever_its_key() {
        let after = after_page(&page(0, Some(20), Some("40")), &seen(&["0", "20"]));
        assert_eq!(after, AfterPage::Last);
        assert_eq!(
            after_page(&page(0, None, Some("9")), &seen(&["0"])),
            AfterPage::Last
        );
    }

    #[test]
    fn a_page_shorter_than_the_reported_page_size_is_the_end_whatever_its_key() {
        let after = after_page(&page(7, Some(50), Some("107")), &seen(&["0", "50"]));
        assert_eq!(after, AfterPage::Last);
    }

    #[test]
    fn a_key_seen_before_is_repeated_not_followed() {
        let after = after_page(&page(20, Some(20), Some("20")), &seen(&["0", "20"]));
        assert_eq!(after, AfterPage::Repeated("20".into()));
        // Back to the first page's key.
        let after = after_page(&page(20, None, Some("0")), &seen(&["0"]));
        assert_eq!(after, AfterPage::Repeated("0".into()));
    }
}
