//! The Users flows: loading every page (with a live count, a stop, and a
//! resume that keeps what was loaded), importing in batches, deleting all
//! then counting again, and the one-user calls. Plain async functions over
//! [`UsersApi`], tested on the host against a fake.

use super::edit::{changes, update_for};
use super::paging::{after_page, AfterPage};
use super::validate::UserDraft;
use crate::api::service::UsersApi;
use crate::api::users::ActiveDevice;
use crate::api::users::FIRST_PAGE;
use crate::api::{ApiError, Device, DeviceSwitch, NewUser, User};

/// Most users sent in one `POST`.
pub(crate) const MAX_BATCH: usize = 100;

/// What the page answers after each page arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Progress {
    Continue,
    Stop,
}

/// Where a load starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum LoadStart {
    Beginning,
    /// After a failure or a stop: the users already loaded are kept, and the
    /// load goes on from `last_value`.
    Resume {
        loaded: Vec<User>,
        last_value: String,
    },
}

/// Why a load ended early.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum LoadFailure {
    Api(ApiError),
    /// The server gave a next-page key it had given before: following it
    /// would load the same pages forever.
    RepeatedNextKey(String),
}

impl LoadFailure {
    /// The sentence the page shows (API errors are described by the page's
    /// usual error view; this covers the loop guard).
    pub(crate) fn message(&self) -> String {
        match self {
            LoadFailure::Api(e) => e.title(),
            LoadFailure::RepeatedNextKey(key) => format!(
                "The server sent the next-page key \"{key}\" a second time; \
                 loading stopped so it does not repeat forever."
            ),
        }
    }
}

/// One load: every user it has, and how it ended.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct LoadRun {
    pub(crate) users: Vec<User>,
    /// The page to load next to go on (after a stop or a failure that a
    /// retry may fix); `None` when complete or when going on cannot help.
    pub(crate) next_to_resume: Option<String>,
    pub(crate) failure: Option<LoadFailure>,
    /// The page answered [`Progress::Stop`].
    pub(crate) stopped: bool,
}

impl LoadRun {
    fn failed(users: Vec<User>, next_to_resume: Option<String>, failure: LoadFailure) -> Self {
        LoadRun {
            users,
            next_to_resume,
            failure: Some(failure),
            stopped: false,
        }
    }

    /// Every page was loaded.
    pub(crate) fn is_complete(&self) -> bool {
        self.failure.is_none() && !self.stopped
    }
}

/// Loads pages of `page_size` until the server says there is no next page
/// (see [`after_page`]), `on_page` answers Stop, or a call fails. `on_page`
/// gets each page's users and the total loaded so far.
pub(crate) async fn load_all(
    api: &impl UsersApi,
    app_token: &str,
    page_size: usize,
    start: LoadStart,
    mut on_page: impl FnMut(&[User], usize) -> Progress,
) -> LoadRun {
    let (mut users, mut last_value) = match start {
        LoadStart::Beginning => (Vec::new(), FIRST_PAGE.to_string()),
        LoadStart::Resume { loaded, last_value } => (loaded, last_value),
    };
    let mut keys_seen = vec![last_value.clone()];
    loop {
        let page = match api.list_users_page(app_token, page_size, &last_value).await {
            Ok(page) => page,
            // Resumable whatever the error: after a refused token, the page
            // unlocks again and goes on with the new one.
            Err(e) => return LoadRun::failed(users, Some(last_value), LoadFailure::Api(e)),
        };
        let after = after_page(&page, &keys_seen);
        users.extend(page.users.iter().cloned());
        let progress = on_page(&page.users, users.len());
        let next = match after {
            AfterPage::Last => {
                return LoadRun {
                    users,
                    ..LoadRun::default()
                }
            }
            AfterPage::Repeated(key) => {
                return LoadRun::failed(users, None, LoadFailure::RepeatedNextKey(key))
            }
            AfterPage::Next(next) => next,
        };
        if progress == Progress::Stop {
            return LoadRun {
                users,
                next_to_resume: Some(next),
                failure: None,
                stopped: true,
            };
        }
        keys_seen.push(next.clone());
        last_value = next;
    }
}

/// `GET /usermapping?user_id=`: one user for its own page; `Ok(None)` is
/// "no such user" (an API 404), not an error.
pub(crate) async fn load_user(
    api: &impl UsersApi,
    app_token: &str,
    app_user_id: &str,
) -> Result<Option<User>, ApiError> {
    api.get_user(app_token, app_user_id).await
}

/// A `POST` refused because the Exotel account is a trial one: every later
/// batch would be refused too.
pub(crate) fn is_trial_account(error: &ApiError) -> bool {
    match error {
        ApiError::Http {
            status: 403,
            message,
            ..
        }
        | ApiError::Failure {
            status: 403,
            message,
            ..
        } => message
            .to_ascii_lowercase()
            .contains("this is a trial account"),
        _ => false,
    }
}

/// What happened to one row of an import.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RowOutcome {
    /// Created; the user as the server stored it (boxed: a user is large,
    /// the other outcomes small).
    Created(Box<User>),
    /// Its batch succeeded but the answer did not list it: reload to check.
    Unconfirmed,
    /// Its batch failed (a batch is all-or-nothing).
    Failed(ApiError),
    /// Not sent: an earlier batch showed every later one would be refused
    /// (token refused, or a trial account).
    NotSent,
}

/// One import: an outcome per row, in the order given.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ImportRun {
    pub(crate) outcomes: Vec<RowOutcome>,
    /// The error that stopped the run, if one did.
    pub(crate) stopped_by: Option<ApiError>,
}

impl ImportRun {
    pub(crate) fn created_count(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| matches!(o, RowOutcome::Created(_) | RowOutcome::Unconfirmed))
            .count()
    }
}

/// Sends `rows` in arrays of at most [`MAX_BATCH`]. A failed batch marks
/// each of its rows failed and the next batch is still sent, unless the
/// token was refused or the account is a trial one.
pub(crate) async fn import_rows(
    api: &impl UsersApi,
    app_token: &str,
    rows: Vec<NewUser>,
) -> ImportRun {
    let mut outcomes = Vec::with_capacity(rows.len());
    let mut stopped_by: Option<ApiError> = None;
    for batch in rows.chunks(MAX_BATCH) {
        if stopped_by.is_some() {
            outcomes.extend(batch.iter().map(|_| RowOutcome::NotSent));
            continue;
        }
        match api.create_users(app_token, batch).await {
            Ok(created) => outcomes.extend(batch.iter().map(|row| {
                created
                    .iter()
                    .find(|u| u.app_user_id == row.app_user_id)
                    .map_or(RowOutcome::Unconfirmed, |u| {
                        RowOutcome::Created(Box::new(u.clone()))
                    })
            })),
            Err(e) => {
                if e.is_unauthorized() || is_trial_account(&e) {
                    stopped_by = Some(e.clone());
                }
                outcomes.extend(batch.iter().map(|_| RowOutcome::Failed(e.clone())));
            }
        }
    }
    ImportRun {
        outcomes,
        stopped_by,
    }
}

/// Why a delete-all could not be confirmed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum DeleteFailure {
    /// The DELETE itself failed.
    Delete(ApiError),
    /// Deleted, but listing again failed: the count is unknown.
    Recount(LoadFailure),
}

/// `DELETE /usermapping` (every user of the app), then lists again: the
/// number of users left, which should be 0.
pub(crate) async fn delete_all_and_confirm(
    api: &impl UsersApi,
    app_token: &str,
    page_size: usize,
) -> Result<usize, DeleteFailure> {
    api.delete_all_users(app_token)
        .await
        .map_err(DeleteFailure::Delete)?;
    let run = load_all(api, app_token, page_size, LoadStart::Beginning, |_, _| {
        Progress::Continue
    })
    .await;
    match run.failure {
        Some(failure) => Err(DeleteFailure::Recount(failure)),
        None => Ok(run.users.len()),
    }
}

/// `PUT /device`: switches `device` of the user on or off; the user as
/// stored.
pub(crate) async fn switch_device(
    api: &impl UsersApi,
    app_token: &str,
    app_user_id: &str,
    device: Device,
    on: bool,
) -> Result<User, ApiError> {
    let switch = DeviceSwitch {
        user_id: app_user_id.to_string(),
        device,
        on,
    };
    api.switch_device(app_token, &switch).await
}

/// Outbound calls fail (Exotel code 10708) unless the SIP device is the
/// active one: the page warns when this is true.
pub(crate) fn outbound_calls_blocked(user: &User) -> bool {
    user.active_device() != ActiveDevice::Sip
}

/// `PUT /usermapping` with only the fields `edited` changes; `Ok(None)`
/// when nothing changed, so nothing was sent.
pub(crate) async fn update_user(
    api: &impl UsersApi,
    app_token: &str,
    before: &User,
    edited: &UserDraft,
) -> Result<Option<User>, ApiError> {
    let changed = changes(before, edited);
    if changed.is_empty() {
        return Ok(None);
    }
    api.update_user(app_token, &update_for(before, &changed))
        .await
        .map(Some)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use super::*;
    use crate::api::service::run_ready;
    use crate::api::users::UserPage;
    use crate::api::UserUpdate;

    /// Where the page goes on from after `run` stopped early.
    fn resume(run: LoadRun) -> LoadStart {
        LoadStart::Resume {
            loaded: run.users,
            last_value: run.next_to_resume.expect("a page to resume from"),
        }
    }

    /// Scripted answers per call, and a record of what was asked.
    #[derive(Default)]
    struct FakeUsers {
        pages: RefCell<VecDeque<Result<UserPage, ApiError>>>,
        asked_from: RefCell<Vec<String>>,
        creates: RefCell<VecDeque<Result<(), ApiError>>>,
        batch_sizes: RefCell<Vec<usize>>,
        deletes: RefCell<VecDeque<Result<String, ApiError>>>,
        updates: RefCell<Vec<UserUpdate>>,
        switches: RefCell<Vec<DeviceSwitch>>,
    }

    impl UsersApi for FakeUsers {
        async fn list_users_page(
            &self,
            _: &str,
            _: usize,
            last_value: &str,
        ) -> Result<UserPage, ApiError> {
            self.asked_from.borrow_mut().push(last_value.to_string());
            self.pages
                .borrow_mut()
                .pop_front()
                .expect("unexpected GET /usermapping")
        }
        async fn get_user(&self, _: &str, id: &str) -> Result<Option<User>, ApiError> {
            // Only "known" exists: anything else is the API's 404.
            Ok((id == "known").then(|| user(id)))
        }
        async fn create_users(&self, _: &str, users: &[NewUser]) -> Result<Vec<User>, ApiError> {
            self.batch_sizes.borrow_mut().push(users.len());
            let answer = self
                .creates
                .borrow_mut()
                .pop_front()
                .expect("unexpected POST /usermapping");
            answer.map(|()| users.iter().map(|u| user(&u.app_user_id)).collect())
        }
        async fn update_user(&self, _: &str, update: &UserUpdate) -> Result<User, ApiError> {
            self.updates.borrow_mut().push(update.clone());
            Ok(User {
                email: update.email.clone().unwrap_or_default(),
                ..user(&update.app_user_id)
            })
        }
        async fn delete_all_users(&self, _: &str) -> Result<String, ApiError> {
            self.deletes
                .borrow_mut()
                .pop_front()
                .expect("unexpected DELETE /usermapping")
        }
        async fn switch_device(&self, _: &str, switch: &DeviceSwitch) -> Result<User, ApiError> {
            self.switches.borrow_mut().push(switch.clone());
            Ok(user(&switch.user_id))
        }
    }

    fn user(id: &str) -> User {
        User {
            app_user_id: id.into(),
            ..User::default()
        }
    }

    fn http(status: u16, message: &str) -> ApiError {
        ApiError::Http {
            status,
            request_id: Some("req-1".into()),
            message: message.into(),
        }
    }

    /// Page `n` of 2 users each, pointing at page `n + 1` unless it is last.
    fn page(n: usize, next: Option<&str>) -> Result<UserPage, ApiError> {
        let users = (0..2).map(|i| user(&format!("p{n}u{i}"))).collect();
        Ok(UserPage {
            users,
            next: next.map(str::to_string),
            served_size: Some(2),
        })
    }

    fn with_pages(pages: Vec<Result<UserPage, ApiError>>) -> FakeUsers {
        FakeUsers {
            pages: RefCell::new(pages.into()),
            ..FakeUsers::default()
        }
    }

    fn load(api: &FakeUsers, start: LoadStart, counts: &mut Vec<usize>) -> LoadRun {
        run_ready(load_all(api, "t", 2, start, |_, total| {
            counts.push(total);
            Progress::Continue
        }))
    }

    #[test]
    fn follows_next_keys_to_the_end_with_a_live_count() {
        let api = with_pages(vec![page(1, Some("2")), page(2, Some("4")), page(3, None)]);
        let mut counts = Vec::new();
        let run = load(&api, LoadStart::Beginning, &mut counts);
        assert!(run.is_complete());
        assert_eq!(run.users.len(), 6);
        assert_eq!(counts, [2, 4, 6]);
        assert_eq!(*api.asked_from.borrow(), ["0", "2", "4"]);
    }

    #[test]
    fn a_page_shorter_than_the_served_size_ends_the_list_whatever_its_next_key() {
        let short = Ok(UserPage {
            users: vec![user("last")],
            next: Some("9".into()),
            served_size: Some(2),
        });
        let api = with_pages(vec![page(1, Some("2")), short]);
        let run = load(&api, LoadStart::Beginning, &mut Vec::new());
        assert!(run.is_complete());
        assert_eq!(run.users.len(), 3);
        assert_eq!(*api.asked_from.borrow(), ["0", "2"]);
    }

    /// A server that caps its pages: 1 user a page whatever is asked.
    fn capped(n: usize, next: Option<&str>) -> Result<UserPage, ApiError> {
        Ok(UserPage {
            users: vec![user(&format!("c{n}"))],
            next: next.map(str::to_string),
            served_size: Some(1),
        })
    }

    #[test]
    fn pages_shorter_than_asked_go_on_when_the_server_served_that_many() {
        let api = with_pages(vec![
            capped(1, Some("1")),
            capped(2, Some("2")),
            capped(3, None),
        ]);
        let run = load(&api, LoadStart::Beginning, &mut Vec::new());
        assert!(run.is_complete());
        assert_eq!(run.users.len(), 3, "asked for 2 a page, every page read");
        assert_eq!(*api.asked_from.borrow(), ["0", "1", "2"]);
    }

    #[test]
    fn an_empty_page_ends_the_list_even_with_a_key() {
        let empty = Ok(UserPage {
            users: Vec::new(),
            next: Some("6".into()),
            served_size: None,
        });
        let api = with_pages(vec![page(1, Some("2")), page(2, Some("4")), empty]);
        let run = load(&api, LoadStart::Beginning, &mut Vec::new());
        assert!(run.is_complete());
        assert_eq!(run.users.len(), 4);
        assert_eq!(
            *api.asked_from.borrow(),
            ["0", "2", "4"],
            "nothing after it"
        );
    }

    #[test]
    fn a_failure_on_page_3_of_5_keeps_pages_1_2_and_resumes_from_its_key() {
        let api = with_pages(vec![
            page(1, Some("2")),
            page(2, Some("4")),
            Err(http(502, "bad gateway")),
        ]);
        let run = load(&api, LoadStart::Beginning, &mut Vec::new());
        assert_eq!(run.users.len(), 4);
        assert_eq!(
            run.failure,
            Some(LoadFailure::Api(http(502, "bad gateway")))
        );
        assert_eq!(run.next_to_resume.as_deref(), Some("4"));
        api.pages
            .borrow_mut()
            .extend([page(3, Some("6")), page(4, Some("8")), page(5, None)]);
        let mut counts = Vec::new();
        let resumed = load(&api, resume(run), &mut counts);
        assert!(resumed.is_complete());
        assert_eq!(resumed.users.len(), 10);
        assert_eq!(
            resumed.users[4].app_user_id, "p3u0",
            "pages 1-2 kept, in order"
        );
        assert_eq!(counts, [6, 8, 10]);
        assert_eq!(*api.asked_from.borrow(), ["0", "2", "4", "4", "6", "8"]);
    }

    #[test]
    fn a_refused_token_can_resume_after_unlocking_again() {
        let api = with_pages(vec![page(1, Some("2")), Err(http(401, "invalid token"))]);
        let run = load(&api, LoadStart::Beginning, &mut Vec::new());
        assert!(matches!(&run.failure, Some(LoadFailure::Api(e)) if e.is_unauthorized()));
        let resume = resume(run);
        assert_eq!(
            resume,
            LoadStart::Resume {
                loaded: vec![user("p1u0"), user("p1u1")],
                last_value: "2".into()
            }
        );
    }

    #[test]
    fn stop_keeps_the_pages_and_the_key_to_go_on() {
        let api = with_pages(vec![page(1, Some("2")), page(2, Some("4"))]);
        let run = run_ready(load_all(&api, "t", 2, LoadStart::Beginning, |_, total| {
            if total >= 4 {
                Progress::Stop
            } else {
                Progress::Continue
            }
        }));
        assert!(run.stopped && !run.is_complete());
        assert_eq!(run.users.len(), 4);
        assert_eq!(run.next_to_resume.as_deref(), Some("4"));
    }

    #[test]
    fn a_repeated_next_key_stops_with_a_clear_error() {
        let api = with_pages(vec![page(1, Some("2")), page(2, Some("2"))]);
        let run = load(&api, LoadStart::Beginning, &mut Vec::new());
        assert_eq!(run.failure, Some(LoadFailure::RepeatedNextKey("2".into())));
        assert!(run
            .failure
            .unwrap()
            .message()
            .contains("\"2\" a second time"));
        assert_eq!(run.users.len(), 4);
        assert_eq!(run.next_to_resume, None);
        let restart = with_pages(vec![page(1, Some("0"))]);
        assert!(
            load(&restart, LoadStart::Beginning, &mut Vec::new())
                .failure
                .is_some(),
            "back to the first page"
        );
    }

    fn rows(n: usize) -> Vec<NewUser> {
        (0..n)
            .map(|i| NewUser {
                app_user_id: format!("r{i}"),
                ..NewUser::default()
            })
            .collect()
    }

    fn with_creates(creates: Vec<Result<(), ApiError>>) -> FakeUsers {
        FakeUsers {
            creates: RefCell::new(creates.into()),
            ..FakeUsers::default()
        }
    }

    #[test]
    fn rows_go_in_batches_of_at_most_100() {
        let api = with_creates(vec![Ok(()), Ok(()), Ok(())]);
        let run = run_ready(import_rows(&api, "t", rows(250)));
        assert_eq!(*api.batch_sizes.borrow(), [100, 100, 50]);
        assert_eq!(run.created_count(), 250);
        assert_eq!(
            run.outcomes[249],
            RowOutcome::Created(Box::new(user("r249")))
        );
        assert_eq!(run.stopped_by, None);
    }

    #[test]
    fn a_failed_batch_fails_each_of_its_rows_and_the_next_still_goes() {
        let api = with_creates(vec![
            Err(http(409, "user with AppUserId \"r3\" already exists")),
            Ok(()),
        ]);
        let run = run_ready(import_rows(&api, "t", rows(150)));
        assert!(run.outcomes[..100]
            .iter()
            .all(|o| matches!(o, RowOutcome::Failed(e) if e.status() == Some(409))));
        assert_eq!(run.created_count(), 50);
    }

    #[test]
    fn a_trial_account_stops_the_import() {
        let trial = http(403, "This is a trial account. Operation not permitted.");
        assert!(is_trial_account(&trial));
        assert!(!is_trial_account(&http(403, "forbidden")));
        assert!(!is_trial_account(&http(500, "This is a trial account.")));
        let api = with_creates(vec![Err(trial.clone())]);
        let run = run_ready(import_rows(&api, "t", rows(150)));
        assert_eq!(
            *api.batch_sizes.borrow(),
            [100],
            "nothing sent after the 403"
        );
        assert_eq!(run.outcomes[0], RowOutcome::Failed(trial.clone()));
        assert_eq!(run.outcomes[149], RowOutcome::NotSent);
        assert_eq!(run.stopped_by, Some(trial));
    }

    #[test]
    fn an_answer_that_omits_a_row_leaves_it_unconfirmed() {
        struct Omits;
        impl UsersApi for Omits {
            async fn list_users_page(
                &self,
                _: &str,
                _: usize,
                _: &str,
            ) -> Result<UserPage, ApiError> {
                unreachable!()
            }
            async fn get_user(&self, _: &str, _: &str) -> Result<Option<User>, ApiError> {
                unreachable!()
            }
            async fn create_users(&self, _: &str, _: &[NewUser]) -> Result<Vec<User>, ApiError> {
                Ok(vec![user("r0")])
            }
            async fn update_user(&self, _: &str, _: &UserUpdate) -> Result<User, ApiError> {
                unreachable!()
            }
            async fn delete_all_users(&self, _: &str) -> Result<String, ApiError> {
                unreachable!()
            }
            async fn switch_device(&self, _: &str, _: &DeviceSwitch) -> Result<User, ApiError> {
                unreachable!()
            }
        }
        let run = run_ready(import_rows(&Omits, "t", rows(2)));
        assert_eq!(
            run.outcomes,
            [
                RowOutcome::Created(Box::new(user("r0"))),
                RowOutcome::Unconfirmed
            ]
        );
    }

    fn deleting(
        delete: Result<String, ApiError>,
        pages: Vec<Result<UserPage, ApiError>>,
    ) -> FakeUsers {
        FakeUsers {
            deletes: RefCell::new(vec![delete].into()),
            ..with_pages(pages)
        }
    }

    #[test]
    fn delete_all_then_zero() {
        let api = deleting(
            Ok("Deleted Successfuly".into()),
            vec![Ok(UserPage::default())],
        );
        assert_eq!(run_ready(delete_all_and_confirm(&api, "t", 100)), Ok(0));
    }

    #[test]
    fn delete_all_then_still_some() {
        let api = deleting(
            Ok("Deleted Successfuly".into()),
            vec![page(1, Some("2")), page(2, None)],
        );
        assert_eq!(run_ready(delete_all_and_confirm(&api, "t", 2)), Ok(4));
    }

    #[test]
    fn a_failed_delete_or_recount_says_which() {
        let api = deleting(Err(http(500, "boom")), vec![]);
        assert_eq!(
            run_ready(delete_all_and_confirm(&api, "t", 2)),
            Err(DeleteFailure::Delete(http(500, "boom")))
        );
        assert!(
            api.asked_from.borrow().is_empty(),
            "no recount after a failed delete"
        );
        let api = deleting(Ok("Deleted Successfuly".into()), vec![Err(http(502, "x"))]);
        let recount = run_ready(delete_all_and_confirm(&api, "t", 2));
        assert_eq!(
            recount,
            Err(DeleteFailure::Recount(LoadFailure::Api(http(502, "x"))))
        );
    }

    #[test]
    fn one_user_or_no_such_user() {
        let api = FakeUsers::default();
        assert_eq!(
            run_ready(load_user(&api, "t", "known")),
            Ok(Some(user("known")))
        );
        assert_eq!(run_ready(load_user(&api, "t", "gone")), Ok(None));
    }

    #[test]
    fn switching_a_device_sends_its_name_and_state() {
        let api = FakeUsers::default();
        let user = run_ready(switch_device(&api, "t", "u+1", Device::Sip, true)).unwrap();
        assert_eq!(user.app_user_id, "u+1");
        assert_eq!(
            api.switches.borrow()[0],
            DeviceSwitch {
                user_id: "u+1".into(),
                device: Device::Sip,
                on: true
            }
        );
    }

    #[test]
    fn outbound_calls_need_the_sip_device_active() {
        let sip_on = User {
            active_device_id: "s".into(),
            sip_device_id: "s".into(),
            ..User::default()
        };
        assert!(!outbound_calls_blocked(&sip_on));
        assert!(outbound_calls_blocked(&User::default()));
    }

    #[test]
    fn an_edit_sends_only_changes_and_nothing_when_unchanged() {
        let api = FakeUsers::default();
        let before = User {
            email: "old@example.com".into(),
            ..user("u1")
        };
        let same = super::super::edit::draft_of(&before);
        assert_eq!(run_ready(update_user(&api, "t", &before, &same)), Ok(None));
        assert!(api.updates.borrow().is_empty());
        let edited = UserDraft {
            email: "new@example.com".into(),
            ..same
        };
        let stored = run_ready(update_user(&api, "t", &before, &edited))
            .unwrap()
            .unwrap();
        assert_eq!(stored.email, "new@example.com");
        assert_eq!(
            api.updates.borrow()[0].email.as_deref(),
            Some("new@example.com")
        );
        assert_eq!(api.updates.borrow()[0].app_username, None);
    }
}
