//! What adding users writes into the change record: one write per row
//! sent, created or not, with its batch's RequestId.

use crate::api::NewUser;
use crate::features::changes::record::{Outcome, Subject, Write};
use crate::features::users::import::flow::{ImportRun, RowOutcome};

/// The writes of `run`, which sent `sent` (same order); rows not sent
/// wrote nothing.
pub(crate) fn created_writes(sent: &[NewUser], run: &ImportRun) -> Vec<Write> {
    sent.iter()
        .zip(&run.outcomes)
        .zip(&run.request_ids)
        .filter_map(|((user, outcome), request_id)| {
            let outcome = match outcome {
                RowOutcome::Created(_) => Outcome::Done,
                RowOutcome::Unconfirmed => Outcome::Unknown {
                    why: "sent, but not in the answer".into(),
                },
                RowOutcome::Failed(e) => Outcome::of_error(e),
                RowOutcome::NotSent => return None,
            };
            Some(Write {
                subject: Subject::UserCreated {
                    user: user.app_user_id.clone(),
                },
                before: None,
                after: Some(user.email.clone()),
                outcome,
                request_id: request_id.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::http_error;

    #[test]
    fn each_row_sent_is_one_write_and_rows_not_sent_are_none() {
        let row = |id: &str| NewUser {
            app_user_id: id.into(),
            email: format!("{id}@x.io"),
            ..NewUser::default()
        };
        let run = ImportRun {
            outcomes: vec![
                RowOutcome::Created(Box::default()),
                RowOutcome::Failed(http_error(409)),
                RowOutcome::NotSent,
            ],
            stopped_by: None,
            request_ids: vec![Some("r1".into()), Some("req-409".into()), None],
        };
        let writes = created_writes(&[row("a"), row("b"), row("c")], &run);
        assert_eq!(writes.len(), 2);
        assert_eq!(writes[0].outcome, Outcome::Done);
        assert_eq!(writes[0].after.as_deref(), Some("a@x.io"));
        assert!(matches!(writes[1].outcome, Outcome::Failed { .. }));
        assert_eq!(writes[1].request_id.as_deref(), Some("req-409"));
    }
}
