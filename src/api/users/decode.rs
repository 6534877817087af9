//! The user answers, decoded straight from the text: keys matched to the
//! API's spelling as they are read, `SipSecret` read past and dropped.

use super::{User, UserPage, NEXT_PAGE_KEYS};
use crate::api::envelope::{decode_answer, decode_string_data, wrong_data, Data};
use crate::api::error::ApiError;
use crate::api::transport::Answer;
use crate::api::types::{Fields, Lenient, ListSink, Record, RecordSink, Sink};

/// The same key but for case and underscores (`customer_id`, `CustomerID`).
fn same_key(spelled: &str, key: &str) -> bool {
    fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| *c != '_')
            .map(|c| c.to_ascii_lowercase())
    }
    folded(spelled).eq(folded(key))
}

/// Which spelling gave a field its value so far.
#[derive(Default)]
enum Spelling {
    #[default]
    None,
    /// The API's own ([`User::FIELDS`]): it wins over any other.
    Exact,
    /// Another one: the first in sorted order wins (as it did when the keys
    /// were matched in a `BTreeMap`), and a repeated key's last value.
    Other(String),
}

/// How many fields a user has.
const USER_FIELDS: usize = User::FIELDS.len();

/// A user read key by key, whatever the keys' case and underscores.
#[derive(Default)]
struct UserFields {
    user: User,
    spelling: [Spelling; USER_FIELDS],
}

impl Record for UserFields {
    fn slot(&mut self, key: &str) -> Option<usize> {
        let (index, exact) = match User::position(key) {
            Some(i) => (i, true),
            None => (
                User::FIELDS.iter().position(|(k, _)| same_key(k, key))?,
                false,
            ),
        };
        let wins = exact
            || match &self.spelling[index] {
                Spelling::None => true,
                Spelling::Exact => false,
                Spelling::Other(first) => key <= first.as_str(),
            };
        if !wins {
            return None;
        }
        self.spelling[index] = if exact {
            Spelling::Exact
        } else {
            Spelling::Other(key.to_string())
        };
        Some(index)
    }
    fn set(&mut self, slot: usize, value: &mut Lenient) {
        (User::FIELDS[slot].1)(&mut self.user, value);
    }
}

/// One user object of an answer's `Data`; anything else is
/// [`ApiError::Decode`].
fn user_from(
    answer: &Answer,
    request_id: Option<String>,
    data: &Data,
    user: RecordSink<UserFields>,
) -> Result<User, ApiError> {
    match data {
        Data::Object => Ok(user.value.user),
        other => Err(ApiError::Decode {
            status: answer.status,
            request_id,
            detail: format!("expected a user object, got {}", other.kind()),
        }),
    }
}

/// A list of user objects (null or nothing: none); `what` names it in the
/// error. `kind` is what the value was.
fn users_from(
    answer: &Answer,
    request_id: Option<String>,
    kind: Option<&'static str>,
    list: ListSink<UserFields>,
    what: &str,
) -> Result<Vec<User>, ApiError> {
    let detail = match (kind, list.bad_item) {
        (None | Some("null"), _) => return Ok(Vec::new()),
        (Some("an array"), None) => return Ok(list.items.into_iter().map(|f| f.user).collect()),
        (Some("an array"), Some(item)) => format!("expected a user object, got {item}"),
        (Some(other), _) => format!("expected {what}, got {other}"),
    };
    Err(ApiError::Decode {
        status: answer.status,
        request_id,
        detail,
    })
}

/// A page's `Data` as read: both spellings of the list, each next-page
/// field's text, and the page size served.
#[derive(Default)]
struct PageSink {
    users: ListSink<UserFields>,
    lower_users: ListSink<UserFields>,
    next: [Option<String>; 5],
    served_size: Option<usize>,
    /// What the leaf being read is: 0 nothing, 1 + the index of a next-page
    /// key, or [`PAGE_SIZE_SLOT`].
    slot: usize,
    leaf: Lenient,
}

/// The slot of `PageSize` in [`PageSink`].
const PAGE_SIZE_SLOT: usize = usize::MAX;

impl Sink for PageSink {
    fn begin_object(&mut self) {
        // A repeated `Data`: only the last one counts.
        *self = PageSink::default();
    }
    fn field(&mut self, key: &str) -> Option<&mut dyn Sink> {
        match key {
            "Users" => Some(&mut self.users),
            "users" => Some(&mut self.lower_users),
            "PageSize" => {
                self.slot = PAGE_SIZE_SLOT;
                Some(&mut self.leaf)
            }
            _ => {
                self.slot = NEXT_PAGE_KEYS.iter().position(|k| *k == key)? + 1;
                Some(&mut self.leaf)
            }
        }
    }
    fn field_done(&mut self) {
        match self.slot {
            0 => {}
            PAGE_SIZE_SLOT => self.served_size = served_size(&mut self.leaf),
            key => self.next[key - 1] = self.leaf.key_text(),
        }
        self.slot = 0;
    }
}

/// `PageSize` as a number, or a number's text (`"50"`); anything else, or
/// zero, says nothing.
fn served_size(leaf: &mut Lenient) -> Option<usize> {
    let size = leaf
        .count()
        .or_else(|| leaf.key_text().and_then(|t| t.parse().ok()))?;
    usize::try_from(size).ok().filter(|n| *n > 0)
}

/// A page's `Data`: `{"Users": [...], "PageSize": n, <next key>}`. A null
/// `Users` (a Go server's nil slice) is an empty page.
pub(crate) fn decode_user_page(answer: &Answer) -> Result<UserPage, ApiError> {
    let mut page = PageSink::default();
    let (request_id, data) = decode_answer(answer, &mut page)?;
    if data != Data::Object {
        return Err(wrong_data(answer, request_id, "a page of users", &data));
    }
    let next = page.next.into_iter().flatten().next();
    let list = if page.users.kind.is_some() {
        page.users
    } else {
        page.lower_users
    };
    let users = users_from(answer, request_id, list.kind, list, "a list in Data.Users")?;
    Ok(UserPage {
        users,
        next,
        served_size: page.served_size,
    })
}

/// `GET /usermapping?user_id=`: `None` when the API answers 404 ("record
/// not found"); a 404 that is not an envelope stays an error.
pub(crate) fn decode_one_user(answer: &Answer) -> Result<Option<User>, ApiError> {
    let mut user = RecordSink::<UserFields>::default();
    let (request_id, data) = match decode_answer(answer, &mut user) {
        Err(ApiError::Http { status: 404, .. }) => return Ok(None),
        other => other?,
    };
    user_from(answer, request_id, &data, user).map(Some)
}

/// `POST /usermapping`: `Data` is the array of created users.
pub(crate) fn decode_created_users(answer: &Answer) -> Result<Vec<User>, ApiError> {
    let mut list = ListSink::<UserFields>::default();
    let (request_id, data) = decode_answer(answer, &mut list)?;
    let kind = Some(data.kind());
    users_from(
        answer,
        request_id,
        kind,
        list,
        "a list of created users in Data",
    )
}

/// `PUT /usermapping` and `PUT /device`: `Data` is the user as stored.
pub(crate) fn decode_user(answer: &Answer) -> Result<User, ApiError> {
    let mut user = RecordSink::<UserFields>::default();
    let (request_id, data) = decode_answer(answer, &mut user)?;
    user_from(answer, request_id, &data, user)
}

/// `DELETE /usermapping`: the server's text ("Deleted Successfuly", sic).
pub(crate) fn decode_deleted(answer: &Answer) -> Result<String, ApiError> {
    decode_string_data(answer, "a string")
}

#[cfg(test)]
mod tests;
