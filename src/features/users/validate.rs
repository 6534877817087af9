//! What a user to add must satisfy before it is sent, the same for the Add
//! form and each CSV row: required fields, email shape, the server's name
//! rule, phone number shape, and an AppUserId not already loaded.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::api::NewUser;
use crate::ui::validation::is_email;

/// The fields of a user to add, in form and CSV order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum UserField {
    AppUserId,
    AppUsername,
    Email,
    ExotelAccountSid,
    ExotelUserName,
    VirtualNumber,
    AgentNumber,
}

impl UserField {
    pub(crate) const ALL: [UserField; 7] = [
        UserField::AppUserId,
        UserField::AppUsername,
        UserField::Email,
        UserField::ExotelAccountSid,
        UserField::ExotelUserName,
        UserField::VirtualNumber,
        UserField::AgentNumber,
    ];

    /// What the form calls it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            UserField::AppUserId => "App user ID",
            UserField::AppUsername => "App username",
            UserField::Email => "Email",
            UserField::ExotelAccountSid => "Exotel account SID",
            UserField::ExotelUserName => "Exotel username",
            UserField::VirtualNumber => "Virtual number",
            UserField::AgentNumber => "Agent number",
        }
    }

    /// The column name of an import file (the API's key is accepted too).
    pub(crate) fn csv_header(self) -> &'static str {
        match self {
            UserField::AppUserId => "app_user_id",
            UserField::AppUsername => "app_username",
            UserField::Email => "email",
            UserField::ExotelAccountSid => "exotel_account_sid",
            UserField::ExotelUserName => "exotel_user_name",
            UserField::VirtualNumber => "virtual_number",
            UserField::AgentNumber => "agent_number",
        }
    }

    /// The key `POST /usermapping` uses.
    pub(crate) fn api_key(self) -> &'static str {
        match self {
            UserField::AppUserId => "AppUserId",
            UserField::AppUsername => "AppUsername",
            UserField::Email => "Email",
            UserField::ExotelAccountSid => "ExotelAccountSid",
            UserField::ExotelUserName => "ExotelUserName",
            UserField::VirtualNumber => "VirtualNumber",
            UserField::AgentNumber => "AgentNumber",
        }
    }

    /// Every field but the agent number must be given.
    pub(crate) fn is_required(self) -> bool {
        self != UserField::AgentNumber
    }

    /// The field a column header names: its CSV header or API key, in any
    /// case, surrounding spaces ignored.
    pub(crate) fn from_header(header: &str) -> Option<UserField> {
        let header = header.trim();
        UserField::ALL.into_iter().find(|f| {
            header.eq_ignore_ascii_case(f.csv_header()) || header.eq_ignore_ascii_case(f.api_key())
        })
    }
}

/// A user to add as typed: every field as text, nothing checked yet.
/// Serialised to session storage for an edit in progress (no secret).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct UserDraft {
    pub(crate) app_user_id: String,
    pub(crate) app_username: String,
    pub(crate) email: String,
    pub(crate) exotel_account_sid: String,
    pub(crate) exotel_user_name: String,
    pub(crate) virtual_number: String,
    /// Optional: "" is none.
    pub(crate) agent_number: String,
}

impl UserDraft {
    pub(crate) fn get(&self, field: UserField) -> &str {
        match field {
            UserField::AppUserId => &self.app_user_id,
            UserField::AppUsername => &self.app_username,
            UserField::Email => &self.email,
            UserField::ExotelAccountSid => &self.exotel_account_sid,
            UserField::ExotelUserName => &self.exotel_user_name,
            UserField::VirtualNumber => &self.virtual_number,
            UserField::AgentNumber => &self.agent_number,
        }
    }

    pub(crate) fn set(&mut self, field: UserField, value: String) {
        let slot = match field {
            UserField::AppUserId => &mut self.app_user_id,
            UserField::AppUsername => &mut self.app_username,
            UserField::Email => &mut self.email,
            UserField::ExotelAccountSid => &mut self.exotel_account_sid,
            UserField::ExotelUserName => &mut self.exotel_user_name,
            UserField::VirtualNumber => &mut self.virtual_number,
            UserField::AgentNumber => &mut self.agent_number,
        };
        *slot = value;
    }

    /// What `POST /usermapping` sends: trimmed, no agent number when blank.
    pub(crate) fn to_new_user(&self) -> NewUser {
        let agent = self.agent_number.trim();
        NewUser {
            app_user_id: self.app_user_id.trim().to_string(),
            app_username: self.app_username.trim().to_string(),
            email: self.email.trim().to_string(),
            exotel_account_sid: self.exotel_account_sid.trim().to_string(),
            exotel_user_name: self.exotel_user_name.trim().to_string(),
            virtual_number: self.virtual_number.trim().to_string(),
            agent_number: (!agent.is_empty()).then(|| agent.to_string()),
        }
    }
}

/// Why a user cannot be sent; `field` is `None` for a problem of a whole
/// CSV row (its cell count). The message names the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) field: Option<UserField>,
    pub(crate) message: String,
}

impl Problem {
    pub(crate) fn of(field: UserField, message: String) -> Self {
        Problem {
            field: Some(field),
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Fewest and most digits of a phone number (E.164 allows 15).
const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 6..=15;

/// Every problem of `draft`, in field order; `loaded_ids` are the AppUserIds
/// already stored (an import adds the ids of its earlier rows itself).
pub(crate) fn check_user(draft: &UserDraft, loaded_ids: &HashSet<String>) -> Vec<Problem> {
    UserField::ALL
        .into_iter()
        .filter_map(|field| {
            check_field(field, draft.get(field).trim(), loaded_ids).map(|m| Problem::of(field, m))
        })
        .collect()
}

/// The problem of one field's (trimmed) value, if any.
pub(crate) fn check_field(
    field: UserField,
    value: &str,
    loaded_ids: &HashSet<String>,
) -> Option<String> {
    let label = field.label();
    if value.is_empty() {
        return field.is_required().then(|| format!("{label} is required."));
    }
    match field {
        UserField::AppUserId if loaded_ids.contains(value) => {
            Some(format!("{label} \"{value}\" already exists in this app."))
        }
        UserField::Email if !is_email(value) => Some(format!("{label} \"{value}\" is not an email address.")),
        UserField::AppUsername | UserField::ExotelUserName if !is_first_last(value) => Some(format!(
            "{label} must be \"First Last\", each part longer than 3 characters (Exotel refuses shorter)."
        )),
        UserField::VirtualNumber | UserField::AgentNumber => phone_number_problem(label, value),
        _ => None,
    }
}

/// Why `value` (trimmed) is not a phone number, naming it `label`; shared by
/// the users' numbers and the number a test call rings.
pub(crate) fn phone_number_problem(label: &str, value: &str) -> Option<String> {
    (!is_phone_number(value)).then(|| {
        format!(
            "{label} must be {}-{} digits, with an optional leading +.",
            PHONE_DIGITS.start(),
            PHONE_DIGITS.end()
        )
    })
}

/// At least two words, each longer than 3 characters.
fn is_first_last(value: &str) -> bool {
    let parts: Vec<&str> = value.split_whitespace().collect();
    parts.len() >= 2 && parts.iter().all(|p| p.chars().count() > 3)
}

/// An optional leading `+`, then only digits, as many as [`PHONE_DIGITS`].
fn is_phone_number(value: &str) -> bool {
    let digits = value.strip_prefix('+').unwrap_or(value);
    PHONE_DIGITS.contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good_draft(id: &str) -> UserDraft {
        UserDraft {
            app_user_id: id.into(),
            app_username: "Asha Verma".into(),
            email: "asha@example.com".into(),
            exotel_account_sid: "acme1".into(),
            exotel_user_name: "Asha Verma".into(),
            virtual_number: "+918000000001".into(),
            agent_number: String::new(),
        }
    }

    fn problems_of(draft: &UserDraft) -> Vec<(UserField, String)> {
        check_user(draft, &HashSet::new())
            .into_iter()
            .map(|p| (p.field.unwrap(), p.message))
            .collect()
    }

    #[test]
    fn a_good_user_has_no_problem_and_sends_trimmed() {
        let mut draft = good_draft(" u1 ");
        assert!(problems_of(&draft).is_empty());
        assert_eq!(draft.to_new_user().app_user_id, "u1");
        assert_eq!(draft.to_new_user().agent_number, None);
        draft.set(UserField::AgentNumber, " 9800000001 ".into());
        assert_eq!(
            draft.to_new_user().agent_number.as_deref(),
            Some("9800000001")
        );
        assert_eq!(draft.get(UserField::AgentNumber), " 9800000001 ");
    }

    #[test]
    fn required_fields_are_named() {
        let problems = problems_of(&UserDraft::default());
        assert_eq!(problems.len(), 6, "all but the agent number");
        assert_eq!(
            problems[0],
            (UserField::AppUserId, "App user ID is required.".into())
        );
        assert!(problems.iter().all(|(f, m)| m.starts_with(f.label())));
    }

    #[test]
    fn email_shapes() {
        for bad in [
            "asha",
            "@example.com",
            "asha@example",
            "asha@.com",
            "a b@example.com",
            "a@b@c.com",
            "a@example.",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_email("a.b+tag@mail.example.co.in"));
    }

    #[test]
    fn names_need_two_parts_longer_than_three_characters() {
        assert!(is_first_last("Asha Verma"));
        assert!(is_first_last("Ravi Kumar Sharma"));
        assert!(is_first_last("Éloïse Dubois"));
        for bad in ["Asha", "Al Verma", "Asha Roy", "Asha  Ver"] {
            assert!(!is_first_last(bad), "{bad}");
        }
        let mut draft = good_draft("u1");
        draft.exotel_user_name = "Al Roy".into();
        let problems = problems_of(&draft);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, UserField::ExotelUserName);
        assert!(problems[0]
            .1
            .starts_with("Exotel username must be \"First Last\""));
    }

    #[test]
    fn phone_numbers_are_digits_with_an_optional_plus() {
        for good in ["+919800000001", "080000", "123456789012345"] {
            assert!(is_phone_number(good), "{good}");
        }
        for bad in [
            "12345",
            "1234567890123456",
            "+91 98000",
            "98-000-000",
            "++9198000000",
            "phone",
        ] {
            assert!(!is_phone_number(bad), "{bad}");
        }
        let mut draft = good_draft("u1");
        draft.agent_number = "12ab".into();
        assert_eq!(problems_of(&draft)[0].0, UserField::AgentNumber);
    }

    #[test]
    fn an_id_already_loaded_is_refused() {
        let loaded: HashSet<String> = ["u1".to_string()].into();
        let problems = check_user(&good_draft("u1"), &loaded);
        assert_eq!(
            problems,
            [Problem::of(
                UserField::AppUserId,
                "App user ID \"u1\" already exists in this app.".into()
            )]
        );
        assert!(check_user(&good_draft("u2"), &loaded).is_empty());
    }

    #[test]
    fn headers_accept_csv_and_api_names_in_any_case() {
        for field in UserField::ALL {
            assert_eq!(UserField::from_header(field.csv_header()), Some(field));
            assert_eq!(
                UserField::from_header(&field.api_key().to_uppercase()),
                Some(field)
            );
        }
        assert_eq!(UserField::from_header(" Email "), Some(UserField::Email));
        assert_eq!(UserField::from_header("SipSecret"), None);
    }
}
