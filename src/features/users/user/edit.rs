//! Editing one user: the form starts from the stored user, and only the
//! fields that changed are shown side by side and sent (`PUT` keeps the
//! others). The AppUserId names the user and is never changed.

use crate::api::{User, UserUpdate};
use crate::features::users::validate::{UserDraft, UserField};

/// One field whose value the edit changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FieldChange {
    pub(crate) field: UserField,
    pub(crate) before: String,
    pub(crate) after: String,
}

/// The edit form's starting values.
pub(crate) fn draft_of(user: &User) -> UserDraft {
    UserDraft {
        app_user_id: user.app_user_id.clone(),
        app_username: user.app_username.clone(),
        email: user.email.clone(),
        exotel_account_sid: user.exotel_account_sid.clone(),
        exotel_user_name: user.exotel_user_name.clone(),
        virtual_number: user.virtual_number.clone(),
        agent_number: user.agent_number.clone(),
    }
}

/// The fields `after` changes (trimmed values compared), in field order.
#[cfg(test)]
pub(crate) fn changes(before: &User, after: &UserDraft) -> Vec<FieldChange> {
    changes_from(&draft_of(before), after)
}

/// The fields `after` changes from `stored` (trimmed values compared), in
/// field order.
pub(crate) fn changes_from(stored: &UserDraft, after: &UserDraft) -> Vec<FieldChange> {
    UserField::ALL
        .into_iter()
        .filter(|f| *f != UserField::AppUserId)
        .filter_map(|field| {
            let (old, new) = (stored.get(field).trim(), after.get(field).trim());
            (old != new).then(|| FieldChange {
                field,
                before: old.to_string(),
                after: new.to_string(),
            })
        })
        .collect()
}

/// The `PUT` body for `changes` of `user`: only the changed fields.
pub(crate) fn update_for(user: &User, changes: &[FieldChange]) -> UserUpdate {
    let mut update = UserUpdate {
        app_user_id: user.app_user_id.clone(),
        ..UserUpdate::default()
    };
    for change in changes {
        let value = Some(change.after.clone());
        match change.field {
            UserField::AppUserId => {}
            UserField::AppUsername => update.app_username = value,
            UserField::Email => update.email = value,
            UserField::ExotelAccountSid => update.exotel_account_sid = value,
            UserField::ExotelUserName => update.exotel_user_name = value,
            UserField::VirtualNumber => update.virtual_number = value,
            UserField::AgentNumber => update.agent_number = value,
        }
    }
    update
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> User {
        User {
            app_user_id: "u1".into(),
            app_username: "Asha Verma".into(),
            email: "asha@example.com".into(),
            virtual_number: "08000000001".into(),
            sip_id: "sip:asha".into(),
            ..User::default()
        }
    }

    #[test]
    fn an_untouched_form_changes_nothing() {
        let user = stored();
        let mut draft = draft_of(&user);
        draft.email.push(' ');
        assert!(changes(&user, &draft).is_empty());
    }

    #[test]
    fn only_changed_fields_are_shown_and_sent() {
        let user = stored();
        let mut draft = draft_of(&user);
        draft.email = "asha.v@example.com".into();
        draft.agent_number = "+919800000001".into();
        draft.app_user_id = "renamed".into();
        let found = changes(&user, &draft);
        assert_eq!(found.len(), 2, "the AppUserId is not an edit");
        assert_eq!(
            found[0],
            FieldChange {
                field: UserField::Email,
                before: "asha@example.com".into(),
                after: "asha.v@example.com".into()
            }
        );
        assert_eq!(found[1].before, "");
        let body = serde_json::to_string(&update_for(&user, &found)).unwrap();
        assert_eq!(
            body,
            r#"{"AppUserId":"u1","Email":"asha.v@example.com","AgentNumber":"+919800000001"}"#
        );
    }
}
