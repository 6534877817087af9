//! Creating users in batches: `POST /usermapping` with arrays of at most
//! [`MAX_BATCH`], each row's outcome, and when to stop sending. A plain
//! async function over [`UsersApi`], tested on the host against a fake.

use crate::api::service::{RequestIds, UsersApi};
use crate::api::{ApiError, AppToken, NewUser, User};
use crate::features::users::user_refusal::is_trial_account;

/// Most users sent in one `POST`.
pub(crate) const MAX_BATCH: usize = 100;

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
    /// Each row's batch's RequestId (`None` when not sent or not known),
    /// for the change record.
    pub(crate) request_ids: Vec<Option<String>>,
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
    api: &(impl UsersApi + RequestIds),
    app_token: &AppToken,
    rows: Vec<NewUser>,
) -> ImportRun {
    let mut outcomes = Vec::with_capacity(rows.len());
    let mut request_ids = Vec::with_capacity(rows.len());
    let mut stopped_by: Option<ApiError> = None;
    for batch in rows.chunks(MAX_BATCH) {
        if stopped_by.is_some() {
            outcomes.extend(batch.iter().map(|_| RowOutcome::NotSent));
            request_ids.extend(batch.iter().map(|_| None));
            continue;
        }
        let answer = api.create_users(app_token, batch).await;
        let request_id = match &answer {
            Ok(_) => api.last_request_id(),
            Err(e) => e.request_id().map(str::to_string),
        };
        request_ids.extend(batch.iter().map(|_| request_id.clone()));
        match answer {
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
        request_ids,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{
        app_token as token, http_error_saying as http, user, Carried, Endpoint, FakeApi,
    };
    use crate::api::service::run_ready;

    fn rows(n: usize) -> Vec<NewUser> {
        (0..n)
            .map(|i| NewUser {
                app_user_id: format!("r{i}"),
                ..NewUser::default()
            })
            .collect()
    }

    /// Each batch answered in turn: created (every row of it) or refused.
    fn with_creates(rows: &[NewUser], creates: Vec<Result<(), ApiError>>) -> FakeApi {
        let api = FakeApi::default();
        for (batch, answer) in rows.chunks(MAX_BATCH).zip(creates) {
            let created = batch.iter().map(|r| user(&r.app_user_id)).collect();
            api.answer::<Vec<User>>(Endpoint::CreateUsers, answer.map(|()| created));
        }
        api
    }

    /// How many rows each `POST` carried, each with the app token.
    fn batch_sizes(api: &FakeApi) -> Vec<usize> {
        let calls = api.calls();
        calls
            .iter()
            .map(|c| {
                assert_eq!(c.carried, Carried::App("app-t".into()));
                c.detail.split(',').count()
            })
            .collect()
    }

    #[test]
    fn rows_go_in_batches_of_at_most_100() {
        let api = with_creates(&rows(250), vec![Ok(()), Ok(()), Ok(())]);
        let run = run_ready(import_rows(&api, &token(), rows(250)));
        assert_eq!(batch_sizes(&api), [100, 100, 50]);
        assert_eq!(run.created_count(), 250);
        assert_eq!(
            run.outcomes[249],
            RowOutcome::Created(Box::new(user("r249")))
        );
        assert_eq!(run.stopped_by, None);
    }

    #[test]
    fn a_failed_batch_fails_each_of_its_rows_and_the_next_still_goes() {
        let api = with_creates(
            &rows(150),
            vec![
                Err(http(409, "user with AppUserId \"r3\" already exists")),
                Ok(()),
            ],
        );
        let run = run_ready(import_rows(&api, &token(), rows(150)));
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
        let api = with_creates(&rows(150), vec![Err(trial.clone())]);
        let run = run_ready(import_rows(&api, &token(), rows(150)));
        assert_eq!(batch_sizes(&api), [100], "nothing sent after the 403");
        assert_eq!(run.outcomes[0], RowOutcome::Failed(trial.clone()));
        assert_eq!(run.outcomes[149], RowOutcome::NotSent);
        assert_eq!(run.stopped_by, Some(trial));
    }

    #[test]
    fn an_answer_that_omits_a_row_leaves_it_unconfirmed() {
        let api = FakeApi::default();
        api.answer(Endpoint::CreateUsers, Ok(vec![user("r0")]));
        let run = run_ready(import_rows(&api, &token(), rows(2)));
        assert_eq!(
            run.outcomes,
            [
                RowOutcome::Created(Box::new(user("r0"))),
                RowOutcome::Unconfirmed
            ]
        );
    }
}
