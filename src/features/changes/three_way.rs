//! The three-way comparison a careful write makes when the API has no
//! version or ETag (kubectl's apply, an editor's "changed on disk"): what
//! the edit started from, what the server holds now (read again just
//! before writing), and the edit. Pure, the same for a setting, a user's
//! field and a device's state.

/// What to do with one edited value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Merge {
    /// The server still holds what the edit started from: send the edit.
    Send,
    /// The server already holds the edit (someone made the same change):
    /// nothing to send.
    AlreadyThere,
    /// Someone changed it since the edit started: ask before sending.
    Conflict,
}

/// `base`: the value the edit started from; `theirs`: the server's now;
/// `mine`: the edit.
pub(crate) fn merge<T: PartialEq + ?Sized>(base: &T, theirs: &T, mine: &T) -> Merge {
    if theirs == mine {
        Merge::AlreadyThere
    } else if theirs == base {
        Merge::Send
    } else {
        Merge::Conflict
    }
}

/// One value someone else changed while it was being edited: the three
/// values the admin chooses between.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Conflict<K, V> {
    /// What it is (a setting's key, a user's field).
    pub(crate) what: K,
    /// The value the edit started from.
    pub(crate) loaded: V,
    /// The server's value now.
    pub(crate) theirs: V,
    /// The edit.
    pub(crate) mine: V,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_on_the_server_is_sent() {
        assert_eq!(merge("a", "a", "b"), Merge::Send);
        assert_eq!(merge(&None, &None, &Some("new")), Merge::Send, "a new key");
    }

    #[test]
    fn changed_on_the_server_is_a_conflict() {
        assert_eq!(merge("a", "c", "b"), Merge::Conflict);
        assert_eq!(
            merge(&Some("a"), &None, &Some("b")),
            Merge::Conflict,
            "gone from the server"
        );
        assert_eq!(
            merge(&None, &Some("c"), &Some("b")),
            Merge::Conflict,
            "created meanwhile with another value"
        );
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict_and_nothing_to_send() {
        assert_eq!(merge("a", "b", "b"), Merge::AlreadyThere);
        assert_eq!(merge("b", "b", "b"), Merge::AlreadyThere);
        assert_eq!(merge(&None, &Some("b"), &Some("b")), Merge::AlreadyThere);
    }

    #[test]
    fn empty_and_absent_differ() {
        // A setting set to "" by someone else is not the absent key the
        // edit started from.
        assert_eq!(
            merge(&None, &Some(String::new()), &Some("x".to_string())),
            Merge::Conflict
        );
    }
}
