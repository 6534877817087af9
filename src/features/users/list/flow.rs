//! Loading every page of an app's users (with a live count, a stop, and a
//! resume that keeps what was loaded), and deleting them all then counting
//! again. Plain async functions over [`UsersApi`], tested on the host
//! against a fake.

use super::ahead::{Ahead, KeyTrail};
use super::paging::{after_page, AfterPage};
use crate::api::service::UsersApi;
use crate::api::users::FIRST_PAGE;
use crate::api::{ApiError, AppToken, User};

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
/// gets each page's users, in the server's order, the total loaded so far,
/// and the key to go on from after it (`None` after the last page), so the
/// page can keep where a load that vanishes mid-way would resume. Pages are
/// followed by the keys the server names; while its keys keep a step, the
/// next few are asked for ahead ([`Ahead`]), and one is used only once the
/// page before it has named its key.
pub(crate) async fn load_all(
    api: &impl UsersApi,
    app_token: &AppToken,
    page_size: usize,
    start: LoadStart,
    mut on_page: impl FnMut(&[User], usize, Option<&str>) -> Progress,
) -> LoadRun {
    let (mut users, mut key) = match start {
        LoadStart::Beginning => (Vec::new(), FIRST_PAGE.to_string()),
        LoadStart::Resume { loaded, last_value } => (loaded, last_value),
    };
    let mut trail = KeyTrail::new(key.clone());
    let ask = |key: String| async move { api.list_users_page(app_token, page_size, &key).await };
    let mut ahead = Ahead::default();
    loop {
        let page = match ahead.answer_at(&key, &trail, &ask).await {
            Ok(page) => page,
            // Resumable whatever the error: after a refused token, the page
            // unlocks again and goes on with the new one.
            Err(e) => return LoadRun::failed(users, Some(key), LoadFailure::Api(e)),
        };
        let after = after_page(&page, trail.seen());
        users.extend(page.users.iter().cloned());
        let go_on = match &after {
            AfterPage::Next(next) => Some(next.as_str()),
            AfterPage::Last | AfterPage::Repeated(_) => None,
        };
        let progress = on_page(&page.users, users.len(), go_on);
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
        trail.follow(next.clone());
        key = next;
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
    app_token: &AppToken,
    page_size: usize,
) -> Result<usize, DeleteFailure> {
    api.delete_all_users(app_token)
        .await
        .map_err(DeleteFailure::Delete)?;
    let run = load_all(
        api,
        app_token,
        page_size,
        LoadStart::Beginning,
        |_, _, _| Progress::Continue,
    )
    .await;
    match run.failure {
        Some(failure) => Err(DeleteFailure::Recount(failure)),
        None => Ok(run.users.len()),
    }
}

#[cfg(test)]
mod ahead_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{
        app_token as token, http_error_saying as http, user, Carried, Endpoint, FakeApi,
    };
    use crate::api::service::run_ready;
    use crate::api::users::UserPage;

    /// Where the page goes on from after `run` stopped early.
    fn resume(run: LoadRun) -> LoadStart {
        LoadStart::Resume {
            loaded: run.users,
            last_value: run.next_to_resume.expect("a page to resume from"),
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

    fn with_pages(pages: Vec<Result<UserPage, ApiError>>) -> FakeApi {
        let api = FakeApi::default();
        for page in pages {
            api.answer(Endpoint::UsersPage, page);
        }
        api
    }

    /// The `last_value` of each page asked for, in order; every page was
    /// asked with the app token.
    fn asked_from(api: &FakeApi) -> Vec<String> {
        let calls = api.calls();
        let pages = calls.iter().filter(|c| c.endpoint == Endpoint::UsersPage);
        pages
            .map(|c| {
                assert_eq!(c.carried, Carried::App("app-t".into()));
                let (_, key) = c.detail.split_once("last_value=").expect("a key");
                key.to_string()
            })
            .collect()
    }

    fn load(api: &FakeApi, start: LoadStart, counts: &mut Vec<usize>) -> LoadRun {
        run_ready(load_all(api, &token(), 2, start, |_, total, _| {
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
        assert_eq!(asked_from(&api), ["0", "2", "4"]);
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
        assert_eq!(asked_from(&api), ["0", "2"]);
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
        assert_eq!(asked_from(&api), ["0", "1", "2"]);
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
        assert_eq!(asked_from(&api), ["0", "2", "4"], "nothing after it");
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
        for next in [page(3, Some("6")), page(4, Some("8")), page(5, None)] {
            api.answer(Endpoint::UsersPage, next);
        }
        let mut counts = Vec::new();
        let resumed = load(&api, resume(run), &mut counts);
        assert!(resumed.is_complete());
        assert_eq!(resumed.users.len(), 10);
        assert_eq!(
            resumed.users[4].app_user_id, "p3u0",
            "pages 1-2 kept, in order"
        );
        assert_eq!(counts, [6, 8, 10]);
        assert_eq!(asked_from(&api), ["0", "2", "4", "4", "6", "8"]);
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
        let run = run_ready(load_all(
            &api,
            &token(),
            2,
            LoadStart::Beginning,
            |_, total, _| {
                if total >= 4 {
                    Progress::Stop
                } else {
                    Progress::Continue
                }
            },
        ));
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

    fn deleting(
        delete: Result<String, ApiError>,
        pages: Vec<Result<UserPage, ApiError>>,
    ) -> FakeApi {
        let api = with_pages(pages);
        api.answer(Endpoint::DeleteUsers, delete);
        api
    }

    #[test]
    fn delete_all_then_zero() {
        let api = deleting(
            Ok("Deleted Successfuly".into()),
            vec![Ok(UserPage::default())],
        );
        assert_eq!(
            run_ready(delete_all_and_confirm(&api, &token(), 100)),
            Ok(0)
        );
    }

    #[test]
    fn delete_all_then_still_some() {
        let api = deleting(
            Ok("Deleted Successfuly".into()),
            vec![page(1, Some("2")), page(2, None)],
        );
        assert_eq!(run_ready(delete_all_and_confirm(&api, &token(), 2)), Ok(4));
    }

    #[test]
    fn a_failed_delete_or_recount_says_which() {
        let api = deleting(Err(http(500, "boom")), vec![]);
        assert_eq!(
            run_ready(delete_all_and_confirm(&api, &token(), 2)),
            Err(DeleteFailure::Delete(http(500, "boom")))
        );
        assert_eq!(
            api.endpoints(),
            [Endpoint::DeleteUsers],
            "no recount after a failed delete"
        );
        let api = deleting(Ok("Deleted Successfuly".into()), vec![Err(http(502, "x"))]);
        let recount = run_ready(delete_all_and_confirm(&api, &token(), 2));
        assert_eq!(
            recount,
            Err(DeleteFailure::Recount(LoadFailure::Api(http(502, "x"))))
        );
    }
}
