//! Applying a sync: the new users in `POST`s of at most 100, then each
//! changed user with one checked `PUT` (read again first; a field someone
//! else changed since the list was loaded is not sent). It stops at a
//! refused token or a trial account, and resumes without sending anything
//! twice: what landed is in the loaded list when the plan is made again, a
//! batch whose outcome is unknown is read back user by user before it is
//! sent again, and a `PUT` that may have landed finds its value already
//! there. A plain async function over [`UsersApi`], tested on the host.

use std::collections::HashSet;

use super::plan::{ToCreate, ToUpdate};
use crate::api::service::{RequestIds, UsersApi};
use crate::api::{ApiError, AppToken, NewUser, User};
use crate::features::users::import::flow::MAX_BATCH;
use crate::features::users::user::checked::{update_checked, EditOutcome, FieldConflict};
use crate::features::users::user::edit::FieldChange;
use crate::features::users::user_refusal::is_trial_account;

/// What happened to one row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RowResult {
    Created(User),
    /// Its batch failed with no answer (or an unreadable one), or succeeded
    /// without listing it: it may exist. The next run reads it back before
    /// sending it again.
    Uncertain(Option<ApiError>),
    Updated {
        user: User,
        sent: Vec<FieldChange>,
    },
    /// The server already held the file's values.
    AlreadyThere(User),
    /// Someone else changed these fields since the list was loaded.
    Conflicts(Vec<FieldConflict>),
    /// The user is gone from the server.
    Gone,
    Failed(ApiError),
    /// Not sent: the run stopped first.
    NotSent,
}

/// One row's outcome, with the RequestId of the call that decided it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RowOutcome {
    pub(crate) line: usize,
    pub(crate) app_user_id: String,
    pub(crate) result: RowResult,
    pub(crate) request_id: Option<String>,
}

/// One run of Apply.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct SyncRun {
    pub(crate) rows: Vec<RowOutcome>,
    /// A refused token or a trial account stopped it.
    pub(crate) stopped_by: Option<ApiError>,
}

impl SyncRun {
    fn push(&mut self, line: usize, id: &str, result: RowResult, request_id: Option<String>) {
        self.rows.push(RowOutcome {
            line,
            app_user_id: id.to_string(),
            result,
            request_id,
        });
    }

    /// The AppUserIds whose outcome is unknown (for the next run).
    pub(crate) fn uncertain(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter(|r| matches!(r.result, RowResult::Uncertain(_)))
            .map(|r| r.app_user_id.clone())
            .collect()
    }

    fn stop_if_hopeless(&mut self, e: &ApiError) {
        if e.is_unauthorized() || is_trial_account(e) {
            self.stopped_by.get_or_insert_with(|| e.clone());
        }
    }
}

/// Applies `create` and `update`; `uncertain`: the AppUserIds a previous
/// run could not confirm, read back before they are sent again.
pub(crate) async fn apply_sync(
    api: &(impl UsersApi + RequestIds),
    app_token: &AppToken,
    create: Vec<ToCreate>,
    update: Vec<ToUpdate>,
    uncertain: &HashSet<String>,
) -> SyncRun {
    let mut run = SyncRun::default();
    let create = read_back(api, app_token, create, uncertain, &mut run).await;
    create_in_batches(api, app_token, create, &mut run).await;
    for row in update {
        if run.stopped_by.is_some() {
            run.push(row.line, &row.base.app_user_id, RowResult::NotSent, None);
            continue;
        }
        update_one(api, app_token, row, &mut run).await;
    }
    run
}

/// The rows of `create` whose earlier batch may have landed are read back
/// first: one found is created already; the others are still to create.
async fn read_back(
    api: &(impl UsersApi + RequestIds),
    app_token: &AppToken,
    create: Vec<ToCreate>,
    uncertain: &HashSet<String>,
    run: &mut SyncRun,
) -> Vec<ToCreate> {
    let mut still = Vec::with_capacity(create.len());
    for row in create {
        let id = row.draft.app_user_id.trim().to_string();
        if !uncertain.contains(&id) || run.stopped_by.is_some() {
            still.push(row);
            continue;
        }
        match api.get_user(app_token, &id).await {
            Ok(Some(user)) => run.push(
                row.line,
                &id,
                RowResult::Created(user),
                api.last_request_id(),
            ),
            Ok(None) => still.push(row),
            Err(e) => {
                run.stop_if_hopeless(&e);
                let request_id = e.request_id().map(str::to_string);
                run.push(row.line, &id, RowResult::Uncertain(Some(e)), request_id);
            }
        }
    }
    still
}

async fn create_in_batches(
    api: &(impl UsersApi + RequestIds),
    app_token: &AppToken,
    create: Vec<ToCreate>,
    run: &mut SyncRun,
) {
    for batch in create.chunks(MAX_BATCH) {
        let users: Vec<NewUser> = batch.iter().map(|r| r.draft.to_new_user()).collect();
        if run.stopped_by.is_some() {
            for (row, user) in batch.iter().zip(&users) {
                run.push(row.line, &user.app_user_id, RowResult::NotSent, None);
            }
            continue;
        }
        let answer = api.create_users(app_token, &users).await;
        let request_id = match &answer {
            Ok(_) => api.last_request_id(),
            Err(e) => e.request_id().map(str::to_string),
        };
        for (row, user) in batch.iter().zip(&users) {
            let result = match &answer {
                Ok(created) => match created.iter().find(|u| u.app_user_id == user.app_user_id) {
                    Some(u) => RowResult::Created(u.clone()),
                    None => RowResult::Uncertain(None),
                },
                Err(e) if e.outcome_unknown() => RowResult::Uncertain(Some(e.clone())),
                Err(e) => RowResult::Failed(e.clone()),
            };
            run.push(row.line, &user.app_user_id, result, request_id.clone());
        }
        if let Err(e) = &answer {
            run.stop_if_hopeless(e);
        }
    }
}

async fn update_one(
    api: &(impl UsersApi + RequestIds),
    app_token: &AppToken,
    row: ToUpdate,
    run: &mut SyncRun,
) {
    let id = row.base.app_user_id.clone();
    let (result, request_id) = match update_checked(api, app_token, &row.base, &row.edited).await {
        Ok(EditOutcome::Saved {
            user,
            sent,
            request_id,
        }) => (RowResult::Updated { user, sent }, request_id),
        Ok(EditOutcome::NothingToSend(user)) => (RowResult::AlreadyThere(user), None),
        Ok(EditOutcome::Conflicts { conflicts, .. }) => (RowResult::Conflicts(conflicts), None),
        Ok(EditOutcome::Gone) => (RowResult::Gone, None),
        Ok(EditOutcome::PutFailed { error, .. }) | Err(error) => {
            run.stop_if_hopeless(&error);
            let request_id = error.request_id().map(str::to_string);
            (RowResult::Failed(error), request_id)
        }
    };
    run.push(row.line, &id, result, request_id);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{http_error, Carried, Endpoint, FakeApi};
    use crate::api::service::run_ready;
    use crate::features::users::user::edit::draft_of;
    use crate::features::users::validate::UserDraft;

    fn token() -> AppToken {
        AppToken::new("app-t")
    }

    fn new(i: usize) -> ToCreate {
        ToCreate {
            line: i + 2,
            draft: UserDraft {
                app_user_id: format!("n{i}"),
                ..UserDraft::default()
            },
        }
    }

    fn user(id: &str) -> User {
        User {
            app_user_id: id.into(),
            email: format!("{id}@acme.example"),
            ..User::default()
        }
    }

    fn created(rows: &[ToCreate]) -> Vec<User> {
        rows.iter().map(|r| user(&r.draft.app_user_id)).collect()
    }

    fn email_update(id: &str, to: &str) -> ToUpdate {
        let base = draft_of(&user(id));
        let edited = UserDraft {
            email: to.into(),
            ..base.clone()
        };
        let changes = vec![FieldChange {
            field: crate::features::users::validate::UserField::Email,
            before: base.email.clone(),
            after: to.into(),
        }];
        ToUpdate {
            line: 99,
            base,
            edited,
            changes,
        }
    }

    fn posted(api: &FakeApi) -> Vec<String> {
        api.calls()
            .into_iter()
            .filter(|c| c.endpoint == Endpoint::CreateUsers)
            .map(|c| c.detail)
            .collect()
    }

    #[test]
    fn creates_go_in_batches_then_each_update_is_read_again_and_put() {
        let rows: Vec<ToCreate> = (0..250).map(new).collect();
        let api = FakeApi::default();
        for batch in rows.chunks(MAX_BATCH) {
            api.answer(Endpoint::CreateUsers, Ok(created(batch)));
        }
        api.answer(Endpoint::GetUser, Ok(Some(user("u1"))));
        let stored = User {
            email: "new@acme.example".into(),
            ..user("u1")
        };
        api.answer(Endpoint::UpdateUser, Ok(stored.clone()));
        let update = email_update("u1", "new@acme.example");
        let run = run_ready(apply_sync(
            &api,
            &token(),
            rows,
            vec![update],
            &HashSet::new(),
        ));
        let sizes: Vec<usize> = posted(&api).iter().map(|d| d.split(',').count()).collect();
        assert_eq!(sizes, [100, 100, 50]);
        assert!(api
            .calls()
            .iter()
            .all(|c| c.carried == Carried::App("app-t".into())));
        assert_eq!(run.rows.len(), 251);
        assert!(matches!(run.rows[0].result, RowResult::Created(_)));
        assert_eq!(run.rows[0].request_id.as_deref(), Some("fake-req-1"));
        assert!(
            matches!(&run.rows[250].result, RowResult::Updated { user, sent } if *user == stored && sent.len() == 1)
        );
        assert_eq!(run.stopped_by, None);
    }

    #[test]
    fn a_500_on_the_second_batch_is_resumed_without_sending_a_row_twice() {
        let rows: Vec<ToCreate> = (0..150).map(new).collect();
        let api = FakeApi::default();
        api.answer(Endpoint::CreateUsers, Ok(created(&rows[..100])));
        api.answer::<Vec<User>>(Endpoint::CreateUsers, Err(http_error(500)));
        let first = run_ready(apply_sync(
            &api,
            &token(),
            rows.clone(),
            vec![],
            &HashSet::new(),
        ));
        assert_eq!(first.uncertain().len(), 50, "a 500 may have landed");
        assert_eq!(first.stopped_by, None);
        // Resumed: the plan made again holds only what is not loaded yet,
        // the second batch. The first of its rows did land after all.
        let again = rows[100..].to_vec();
        let uncertain: HashSet<String> = first.uncertain().into_iter().collect();
        let api = FakeApi::default();
        api.answer(Endpoint::GetUser, Ok(Some(user("n100"))));
        for _ in 101..150 {
            api.answer(Endpoint::GetUser, Ok(None::<User>));
        }
        api.answer(Endpoint::CreateUsers, Ok(created(&rows[101..])));
        let second = run_ready(apply_sync(&api, &token(), again, vec![], &uncertain));
        let sent = posted(&api);
        assert_eq!(sent.len(), 1);
        assert!(
            !sent[0].split(',').any(|id| id == "n100"),
            "found, not sent again"
        );
        assert_eq!(sent[0].split(',').count(), 49);
        assert!(second.uncertain().is_empty());
        assert!(second
            .rows
            .iter()
            .all(|r| matches!(r.result, RowResult::Created(_))));
        assert_eq!(second.rows.len(), 50);
    }

    #[test]
    fn a_refused_token_stops_the_run_and_leaves_the_rest_not_sent() {
        let rows: Vec<ToCreate> = (0..150).map(new).collect();
        let api = FakeApi::default();
        api.answer::<Vec<User>>(Endpoint::CreateUsers, Err(http_error(401)));
        let update = email_update("u1", "new@acme.example");
        let run = run_ready(apply_sync(
            &api,
            &token(),
            rows,
            vec![update],
            &HashSet::new(),
        ));
        assert_eq!(
            api.endpoints(),
            [Endpoint::CreateUsers],
            "nothing after the 401"
        );
        assert_eq!(run.stopped_by, Some(http_error(401)));
        assert!(matches!(run.rows[0].result, RowResult::Failed(_)));
        assert_eq!(run.rows[100].result, RowResult::NotSent);
        assert_eq!(run.rows[150].result, RowResult::NotSent);
    }

    #[test]
    fn an_update_someone_else_changed_is_not_put_and_one_that_landed_is_not_sent_again() {
        let api = FakeApi::default();
        let theirs = User {
            email: "theirs@acme.example".into(),
            ..user("u1")
        };
        api.answer(Endpoint::GetUser, Ok(Some(theirs)));
        let landed = User {
            email: "new@acme.example".into(),
            ..user("u2")
        };
        api.answer(Endpoint::GetUser, Ok(Some(landed.clone())));
        let updates = vec![
            email_update("u1", "mine@acme.example"),
            email_update("u2", "new@acme.example"),
        ];
        let run = run_ready(apply_sync(&api, &token(), vec![], updates, &HashSet::new()));
        assert_eq!(
            api.endpoints(),
            [Endpoint::GetUser, Endpoint::GetUser],
            "no PUT"
        );
        assert!(
            matches!(&run.rows[0].result, RowResult::Conflicts(c) if c[0].theirs == "theirs@acme.example")
        );
        assert_eq!(run.rows[1].result, RowResult::AlreadyThere(landed));
    }
}
