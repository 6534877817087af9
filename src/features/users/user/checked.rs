//! Writing one user with care (issue 22): before the `PUT` of an edit, or
//! the `PUT /device` of a switch, the user is read again
//! (`GET ?user_id=`) and compared with what the edit started from; a field
//! (or the device state) someone else changed since is not sent, the admin
//! chooses. Plain async functions over [`UsersApi`], tested on the host
//! against a fake that records each call's token.

use super::edit::{draft_of, update_for, FieldChange};
use super::flow::switch_device;
use crate::api::service::{RequestIds, UsersApi};
use crate::api::users::ActiveDevice;
use crate::api::{ApiError, AppToken, Device, User};
use crate::features::changes::three_way::{merge, Conflict, Merge};
use crate::features::users::validate::{UserDraft, UserField};

/// A field someone else changed while it was edited (trimmed values).
pub(crate) type FieldConflict = Conflict<UserField, String>;

/// How a checked edit ended (the read before it succeeded).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum EditOutcome {
    /// Sent: the user as stored, each field sent with the server's value
    /// before it, and the `PUT`'s RequestId.
    Saved {
        user: User,
        sent: Vec<FieldChange>,
        request_id: Option<String>,
    },
    /// The `PUT` was refused (or may have landed): what it sent, and why.
    PutFailed {
        sent: Vec<FieldChange>,
        error: ApiError,
    },
    /// The server already holds every edited value: nothing sent.
    NothingToSend(User),
    /// Someone else changed these fields: nothing sent, the admin chooses.
    Conflicts {
        user: User,
        conflicts: Vec<FieldConflict>,
    },
    /// The user no longer exists.
    Gone,
}

/// Every field an edit may change (the AppUserId names the user).
fn editable() -> impl Iterator<Item = UserField> {
    UserField::ALL
        .into_iter()
        .filter(|f| *f != UserField::AppUserId)
}

/// Compares each field `edited` changes from `base` with `now`: the
/// fields to send (before = the server's value), and the conflicts.
pub(crate) fn compare(
    base: &UserDraft,
    now: &UserDraft,
    edited: &UserDraft,
) -> (Vec<FieldChange>, Vec<FieldConflict>) {
    let (mut send, mut conflicts) = (Vec::new(), Vec::new());
    for field in editable() {
        let (loaded, theirs, mine) = (
            base.get(field).trim(),
            now.get(field).trim(),
            edited.get(field).trim(),
        );
        if mine == loaded {
            continue;
        }
        match merge(loaded, theirs, mine) {
            Merge::Send => send.push(FieldChange {
                field,
                before: theirs.to_string(),
                after: mine.to_string(),
            }),
            Merge::AlreadyThere => {}
            Merge::Conflict => conflicts.push(Conflict {
                what: field,
                loaded: loaded.to_string(),
                theirs: theirs.to_string(),
                mine: mine.to_string(),
            }),
        }
    }
    (send, conflicts)
}

/// Reads the user, then `PUT`s the fields `edited` changes from `base`
/// that nobody else changed, unless one was: then nothing is sent. `Err`:
/// the read failed (nothing sent).
pub(crate) async fn update_checked(
    api: &(impl UsersApi + RequestIds),
    app_token: &AppToken,
    base: &UserDraft,
    edited: &UserDraft,
) -> Result<EditOutcome, ApiError> {
    let Some(now) = api.get_user(app_token, &base.app_user_id).await? else {
        return Ok(EditOutcome::Gone);
    };
    let (sent, conflicts) = compare(base, &draft_of(&now), edited);
    if !conflicts.is_empty() {
        return Ok(EditOutcome::Conflicts {
            user: now,
            conflicts,
        });
    }
    if sent.is_empty() {
        return Ok(EditOutcome::NothingToSend(now));
    }
    Ok(
        match api.update_user(app_token, &update_for(&now, &sent)).await {
            Ok(user) => EditOutcome::Saved {
                user,
                sent,
                request_id: api.last_request_id(),
            },
            Err(error) => EditOutcome::PutFailed { sent, error },
        },
    )
}

/// The active device after switching `device` `on` (or off) from `from`.
pub(crate) fn after_switch(from: ActiveDevice, device: Device, on: bool) -> ActiveDevice {
    let as_active = match device {
        Device::Phone => ActiveDevice::Phone,
        Device::Sip => ActiveDevice::Sip,
    };
    match (on, from == as_active) {
        (true, _) => as_active,
        (false, true) => ActiveDevice::None,
        (false, false) => from,
    }
}

/// How a checked switch ended (the read before it succeeded).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum SwitchOutcome {
    /// Sent: the user as stored, the active device before, the RequestId.
    Switched {
        user: User,
        before: ActiveDevice,
        request_id: Option<String>,
    },
    /// The `PUT /device` failed: the active device before, and why.
    PutFailed {
        before: ActiveDevice,
        error: ApiError,
    },
    /// The server's device state is already the switch's.
    AlreadyThere(User),
    /// Someone else changed the device state since the page showed it.
    Conflict {
        user: User,
        conflict: Conflict<(), ActiveDevice>,
    },
    Gone,
}

/// Reads the user, then switches `device` `on` (or off) unless the active
/// device is no longer `loaded` (what the page showed when the admin
/// pressed): then nothing is sent.
pub(crate) async fn switch_checked(
    api: &(impl UsersApi + RequestIds),
    app_token: &AppToken,
    app_user_id: &str,
    loaded: ActiveDevice,
    (device, on): (Device, bool),
) -> Result<SwitchOutcome, ApiError> {
    let Some(now) = api.get_user(app_token, app_user_id).await? else {
        return Ok(SwitchOutcome::Gone);
    };
    let (theirs, mine) = (now.active_device(), after_switch(loaded, device, on));
    match merge(&loaded, &theirs, &mine) {
        Merge::AlreadyThere => return Ok(SwitchOutcome::AlreadyThere(now)),
        Merge::Conflict => {
            let conflict = Conflict {
                what: (),
                loaded,
                theirs,
                mine,
            };
            return Ok(SwitchOutcome::Conflict {
                user: now,
                conflict,
            });
        }
        Merge::Send => {}
    }
    Ok(
        match switch_device(api, app_token, app_user_id, device, on).await {
            Ok(user) => SwitchOutcome::Switched {
                user,
                before: theirs,
                request_id: api.last_request_id(),
            },
            Err(error) => SwitchOutcome::PutFailed {
                before: theirs,
                error,
            },
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{
        app_token as token, http_error, with_app_token, Carried, Endpoint, FakeApi,
    };
    use crate::api::service::run_ready;

    fn asha() -> User {
        User {
            app_user_id: "u+1".into(),
            app_username: "Asha Verma".into(),
            email: "asha@acme.example".into(),
            virtual_number: "+918047000001".into(),
            sip_device_id: "s".into(),
            phone_device_id: "p".into(),
            ..User::default()
        }
    }

    #[test]
    fn an_edit_reads_again_then_puts_only_its_fields_over_the_server_s_user() {
        let api = FakeApi::default();
        let loaded = asha();
        // Someone changed the virtual number meanwhile; the edit is the email.
        let now = User {
            virtual_number: "+918047000009".into(),
            ..asha()
        };
        let stored = User {
            email: "asha.v@acme.example".into(),
            ..now.clone()
        };
        api.answer(Endpoint::GetUser, Ok(Some(now)));
        api.answer(Endpoint::UpdateUser, Ok(stored.clone()));
        let base = draft_of(&loaded);
        let edited = UserDraft {
            email: "asha.v@acme.example".into(),
            ..base.clone()
        };
        let outcome = run_ready(update_checked(&api, &token(), &base, &edited)).unwrap();
        assert_eq!(
            api.calls(),
            [
                with_app_token(Endpoint::GetUser, "u+1"),
                with_app_token(
                    Endpoint::UpdateUser,
                    r#"{"AppUserId":"u+1","Email":"asha.v@acme.example"}"#
                ),
            ]
        );
        let EditOutcome::Saved {
            user,
            sent,
            request_id,
        } = outcome
        else {
            panic!("saved: {outcome:?}");
        };
        assert_eq!(user, stored);
        assert_eq!(sent[0].before, "asha@acme.example");
        assert_eq!(request_id.as_deref(), Some("fake-req-2"), "the PUT's");
    }

    #[test]
    fn a_field_someone_else_changed_stops_the_put_and_names_three_values() {
        let api = FakeApi::default();
        let now = User {
            email: "theirs@acme.example".into(),
            ..asha()
        };
        api.answer(Endpoint::GetUser, Ok(Some(now.clone())));
        let base = draft_of(&asha());
        let edited = UserDraft {
            email: "mine@acme.example".into(),
            app_username: "Asha Verma Rao".into(),
            ..base.clone()
        };
        let outcome = run_ready(update_checked(&api, &token(), &base, &edited)).unwrap();
        assert_eq!(api.endpoints(), [Endpoint::GetUser], "nothing PUT");
        let conflict = Conflict {
            what: UserField::Email,
            loaded: "asha@acme.example".to_string(),
            theirs: "theirs@acme.example".to_string(),
            mine: "mine@acme.example".to_string(),
        };
        assert_eq!(
            outcome,
            EditOutcome::Conflicts {
                user: now,
                conflicts: vec![conflict]
            }
        );
    }

    #[test]
    fn the_same_edit_already_made_sends_nothing_and_a_gone_user_says_so() {
        let api = FakeApi::default();
        let now = User {
            email: "same@acme.example".into(),
            ..asha()
        };
        api.answer(Endpoint::GetUser, Ok(Some(now.clone())));
        api.answer(Endpoint::GetUser, Ok(None::<User>));
        let base = draft_of(&asha());
        let edited = UserDraft {
            email: "same@acme.example".into(),
            ..base.clone()
        };
        let first = run_ready(update_checked(&api, &token(), &base, &edited));
        assert_eq!(first, Ok(EditOutcome::NothingToSend(now)));
        let second = run_ready(update_checked(&api, &token(), &base, &edited));
        assert_eq!(second, Ok(EditOutcome::Gone));
        assert_eq!(api.endpoints(), [Endpoint::GetUser, Endpoint::GetUser]);
    }

    #[test]
    fn a_failed_read_sends_nothing_and_a_failed_put_names_what_it_sent() {
        let api = FakeApi::default();
        api.answer::<Option<User>>(Endpoint::GetUser, Err(http_error(401)));
        let base = draft_of(&asha());
        let edited = UserDraft {
            email: "new@acme.example".into(),
            ..base.clone()
        };
        let refused = run_ready(update_checked(&api, &token(), &base, &edited));
        assert!(refused.unwrap_err().is_unauthorized());
        api.answer(Endpoint::GetUser, Ok(Some(asha())));
        api.answer::<User>(Endpoint::UpdateUser, Err(http_error(400)));
        let failed = run_ready(update_checked(&api, &token(), &base, &edited)).unwrap();
        let EditOutcome::PutFailed { sent, error } = failed else {
            panic!("{failed:?}");
        };
        assert_eq!((sent.len(), error), (1, http_error(400)));
        assert!(api
            .calls()
            .iter()
            .all(|c| c.carried == Carried::App("app-t".into())));
    }

    #[test]
    fn a_switch_reads_the_device_state_again_first() {
        let on_sip = User {
            active_device_id: "s".into(),
            ..asha()
        };
        let api = FakeApi::default();
        api.answer(Endpoint::GetUser, Ok(Some(asha())));
        api.answer(Endpoint::SwitchDevice, Ok(on_sip.clone()));
        let outcome = run_ready(switch_checked(
            &api,
            &token(),
            "u+1",
            ActiveDevice::None,
            (Device::Sip, true),
        ));
        assert_eq!(
            api.calls()[1],
            with_app_token(
                Endpoint::SwitchDevice,
                r#"{"UserId":"u+1","DeviceName":"sip","DeviceStatus":true}"#
            )
        );
        assert!(matches!(
            outcome,
            Ok(SwitchOutcome::Switched {
                before: ActiveDevice::None,
                ..
            })
        ));
        // Someone put the user on the phone meanwhile: the SIP switch waits.
        let on_phone = User {
            active_device_id: "p".into(),
            ..asha()
        };
        api.answer(Endpoint::GetUser, Ok(Some(on_phone.clone())));
        let outcome = run_ready(switch_checked(
            &api,
            &token(),
            "u+1",
            ActiveDevice::None,
            (Device::Sip, true),
        ));
        let conflict = Conflict {
            what: (),
            loaded: ActiveDevice::None,
            theirs: ActiveDevice::Phone,
            mine: ActiveDevice::Sip,
        };
        assert_eq!(
            outcome,
            Ok(SwitchOutcome::Conflict {
                user: on_phone,
                conflict
            })
        );
        assert_eq!(api.endpoints().len(), 3, "no second PUT");
    }

    #[test]
    fn switching_off_another_device_changes_nothing() {
        assert_eq!(
            after_switch(ActiveDevice::Sip, Device::Phone, false),
            ActiveDevice::Sip
        );
        assert_eq!(
            after_switch(ActiveDevice::Sip, Device::Sip, false),
            ActiveDevice::None
        );
        assert_eq!(
            after_switch(ActiveDevice::None, Device::Phone, true),
            ActiveDevice::Phone
        );
        let api = FakeApi::default();
        let on_sip = User {
            active_device_id: "s".into(),
            ..asha()
        };
        api.answer(Endpoint::GetUser, Ok(Some(on_sip.clone())));
        let outcome = run_ready(switch_checked(
            &api,
            &token(),
            "u+1",
            ActiveDevice::None,
            (Device::Sip, true),
        ));
        assert_eq!(outcome, Ok(SwitchOutcome::AlreadyThere(on_sip)));
    }
}
