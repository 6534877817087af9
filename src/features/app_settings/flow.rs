//! Saving settings: read them again first and compare each edited key
//! with the value its edit started from (a key someone else changed is not
//! sent, it waits for the admin's choice); then one `POST` per key to send,
//! in order; then one read of what the server now holds, which is the truth
//! the page shows. Plain async functions over [`SettingsApi`], tested on the
//! host against a fake.

use crate::api::{ApiError, AppToken, RequestIds, Setting, SettingsApi, StoredSettings};
use crate::features::changes::three_way::{merge, Merge};

/// One edited key to save, and the server's value its edit started from
/// (`None`: the server had no such key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Planned {
    pub(crate) setting: Setting,
    pub(crate) base: Option<String>,
}

/// What happened to one changed key.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum KeyOutcome {
    /// Saved, and the server holds what was sent (or was not re-read).
    Saved,
    /// Saved, but the server now holds another value.
    StoredAs(Option<String>),
    Failed(ApiError),
    /// Not sent: the app token was refused, or the settings could not be
    /// read again first.
    NotSent,
    /// Not sent: the server already holds this value.
    AlreadyThere,
    /// Not sent: someone else changed the key since the edit started; the
    /// server's value.
    Conflict(Option<String>),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct KeyResult {
    pub(crate) sent: Setting,
    pub(crate) outcome: KeyOutcome,
    /// The server's value when checked, just before sending.
    pub(crate) before: Option<String>,
    /// The RequestId of the key's `POST`, if it was sent.
    pub(crate) request_id: Option<String>,
}

/// One press of Save settings (or Keep mine, or Undo).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SaveRun {
    pub(crate) results: Vec<KeyResult>,
    /// The settings read after saving; `None` when nothing could be sent.
    pub(crate) reread: Option<Result<StoredSettings, ApiError>>,
    /// The app token was refused (401): the admin must unlock again.
    pub(crate) token_refused: Option<ApiError>,
    /// The read before sending failed: nothing was sent.
    pub(crate) check_failed: Option<ApiError>,
}

impl SaveRun {
    /// The keys whose value reached the server (or already was there).
    pub(crate) fn saved_keys(&self) -> Vec<String> {
        self.results
            .iter()
            .filter(|r| {
                matches!(
                    r.outcome,
                    KeyOutcome::Saved | KeyOutcome::StoredAs(_) | KeyOutcome::AlreadyThere
                )
            })
            .map(|r| r.sent.key.clone())
            .collect()
    }

    /// The keys someone else changed, with the server's value.
    pub(crate) fn conflicts(&self) -> Vec<(String, Option<String>)> {
        self.results
            .iter()
            .filter_map(|r| match &r.outcome {
                KeyOutcome::Conflict(theirs) => Some((r.sent.key.clone(), theirs.clone())),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn failed_count(&self) -> usize {
        self.results
            .iter()
            .filter(|r| !matches!(r.outcome, KeyOutcome::Saved | KeyOutcome::AlreadyThere))
            .count()
    }

    /// Nothing sent, each key as `NotSent`, because `error` came first.
    fn nothing_sent(planned: Vec<Planned>, error: ApiError) -> Self {
        let results = planned
            .into_iter()
            .map(|p| KeyResult {
                sent: p.setting,
                outcome: KeyOutcome::NotSent,
                before: None,
                request_id: None,
            })
            .collect();
        let refused = error.is_unauthorized();
        SaveRun {
            results,
            reread: None,
            token_refused: refused.then(|| error.clone()),
            check_failed: (!refused).then_some(error),
        }
    }
}

/// Reads the settings, checks each planned key against them, sends the
/// keys nobody else changed (see [`send`]), and reads again. A read that
/// fails first sends nothing. When nothing was sent, the first read is the
/// server's state and is not repeated.
pub(crate) async fn save_checked(
    api: &(impl SettingsApi + RequestIds),
    app_token: &AppToken,
    planned: Vec<Planned>,
) -> SaveRun {
    let now = match api.get_settings(app_token).await {
        Ok(now) => now,
        Err(e) => return SaveRun::nothing_sent(planned, e),
    };
    let mut results: Vec<KeyResult> = planned.into_iter().map(|p| check(&now, p)).collect();
    let sending = results.iter().any(|r| r.outcome == KeyOutcome::NotSent);
    let token_refused = send(api, app_token, &mut results).await;
    let reread = match (&token_refused, sending) {
        (Some(_), _) => None,
        (None, false) => Some(Ok(now)),
        (None, true) => Some(api.get_settings(app_token).await),
    };
    if let Some(Ok(stored)) = &reread {
        flag_differences(&mut results, stored);
    }
    SaveRun {
        results,
        reread,
        token_refused,
        check_failed: None,
    }
}

/// The value of `key` in `stored`.
fn value_of(stored: &StoredSettings, key: &str) -> Option<String> {
    match stored {
        StoredSettings::NoneYet => None,
        StoredSettings::Found(list) => list.iter().find(|s| s.key == key).map(|s| s.value.clone()),
    }
}

/// One key against the server's settings: `NotSent` (to send), already
/// there, or a conflict.
fn check(now: &StoredSettings, planned: Planned) -> KeyResult {
    let theirs = value_of(now, &planned.setting.key);
    let mine = Some(planned.setting.value.clone());
    let outcome = match merge(&planned.base, &theirs, &mine) {
        Merge::Send => KeyOutcome::NotSent,
        Merge::AlreadyThere => KeyOutcome::AlreadyThere,
        Merge::Conflict => KeyOutcome::Conflict(theirs.clone()),
    };
    KeyResult {
        sent: planned.setting,
        outcome,
        before: theirs,
        request_id: None,
    }
}

/// Sends the keys still `NotSent`, one by one, in order; the refused token,
/// if one stopped it. A failed key does not stop the others (each is an
/// independent upsert, safe to repeat); a refused token does, since every
/// later call would be refused too.
async fn send(
    api: &(impl SettingsApi + RequestIds),
    app_token: &AppToken,
    results: &mut [KeyResult],
) -> Option<ApiError> {
    for r in results
        .iter_mut()
        .filter(|r| r.outcome == KeyOutcome::NotSent)
    {
        let answer = api.save_setting(app_token, &r.sent).await;
        r.request_id = match &answer {
            Ok(()) => api.last_request_id(),
            Err(e) => e.request_id().map(str::to_string),
        };
        match answer {
            Ok(()) => r.outcome = KeyOutcome::Saved,
            Err(e) if e.is_unauthorized() => {
                r.outcome = KeyOutcome::Failed(e.clone());
                return Some(e);
            }
            Err(e) => r.outcome = KeyOutcome::Failed(e),
        }
    }
    None
}

/// Marks each saved key whose stored value is not what was sent.
fn flag_differences(results: &mut [KeyResult], stored: &StoredSettings) {
    for r in results
        .iter_mut()
        .filter(|r| r.outcome == KeyOutcome::Saved)
    {
        let now = value_of(stored, &r.sent.key);
        if now.as_deref() != Some(r.sent.value.as_str()) {
            r.outcome = KeyOutcome::StoredAs(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{http_error, with_app_token, Endpoint, FakeApi};
    use crate::api::service::run_ready;

    fn s(key: &str, value: &str) -> Setting {
        Setting {
            key: key.into(),
            value: value.into(),
        }
    }

    /// An edit of `key` to `value`, started from `base`.
    fn edit(key: &str, value: &str, base: Option<&str>) -> Planned {
        Planned {
            setting: s(key, value),
            base: base.map(Into::into),
        }
    }

    fn found(list: &[(&str, &str)]) -> Result<StoredSettings, ApiError> {
        Ok(StoredSettings::Found(
            list.iter().map(|(k, v)| s(k, v)).collect(),
        ))
    }

    fn fake(
        reads: Vec<Result<StoredSettings, ApiError>>,
        saves: Vec<Result<(), ApiError>>,
    ) -> FakeApi {
        let api = FakeApi::default();
        for read in reads {
            api.answer(Endpoint::GetSettings, read);
        }
        for save in saves {
            api.answer(Endpoint::SaveSetting, save);
        }
        api
    }

    fn save(api: &FakeApi, planned: Vec<Planned>) -> SaveRun {
        run_ready(save_checked(api, &AppToken::new("app-t"), planned))
    }

    #[test]
    fn reads_first_then_saves_each_change_in_order_then_reads_again() {
        let api = fake(
            vec![
                found(&[("popup", "https://old.example")]),
                found(&[("popup", "https://a.example"), ("record", "true")]),
            ],
            vec![Ok(()), Ok(())],
        );
        let run = save(
            &api,
            vec![
                edit("popup", "https://a.example", Some("https://old.example")),
                edit("record", "true", None),
            ],
        );
        assert_eq!(
            api.calls(),
            [
                with_app_token(Endpoint::GetSettings, ""),
                with_app_token(Endpoint::SaveSetting, "popup=https://a.example"),
                with_app_token(Endpoint::SaveSetting, "record=true"),
                with_app_token(Endpoint::GetSettings, ""),
            ],
            "a read, each key in order with the app token, then one read"
        );
        assert_eq!(
            run.reread,
            Some(found(&[("popup", "https://a.example"), ("record", "true")]))
        );
        assert!(run.results.iter().all(|r| r.outcome == KeyOutcome::Saved));
        assert_eq!(
            run.results[0].before.as_deref(),
            Some("https://old.example")
        );
        assert_eq!(run.results[1].before, None, "record did not exist");
        let ids: Vec<Option<&str>> = run
            .results
            .iter()
            .map(|r| r.request_id.as_deref())
            .collect();
        assert_eq!(
            ids,
            [Some("fake-req-2"), Some("fake-req-3")],
            "each POST's own"
        );
        assert_eq!(run.saved_keys(), ["popup", "record"]);
        assert_eq!(run.failed_count(), 0);
    }

    #[test]
    fn a_key_someone_else_changed_is_not_sent_the_others_are() {
        let api = fake(
            vec![
                found(&[
                    ("popup", "https://theirs.example"),
                    ("callback", "https://cb"),
                ]),
                found(&[
                    ("popup", "https://theirs.example"),
                    ("callback", "https://mine-cb"),
                ]),
            ],
            vec![Ok(())],
        );
        let run = save(
            &api,
            vec![
                edit(
                    "popup",
                    "https://mine.example",
                    Some("https://loaded.example"),
                ),
                edit("callback", "https://mine-cb", Some("https://cb")),
            ],
        );
        assert_eq!(
            api.calls()[1],
            with_app_token(Endpoint::SaveSetting, "callback=https://mine-cb"),
            "only the key nobody else changed"
        );
        assert_eq!(api.endpoints().len(), 3);
        assert_eq!(
            run.results[0].outcome,
            KeyOutcome::Conflict(Some("https://theirs.example".into()))
        );
        assert_eq!(run.results[0].request_id, None);
        assert_eq!(run.results[1].outcome, KeyOutcome::Saved);
        assert_eq!(
            run.conflicts(),
            [(
                "popup".to_string(),
                Some("https://theirs.example".to_string())
            )]
        );
        assert_eq!(run.saved_keys(), ["callback"]);
    }

    #[test]
    fn a_key_created_or_removed_meanwhile_is_a_conflict_too() {
        let api = fake(vec![found(&[("record", "true")])], vec![]);
        let run = save(
            &api,
            vec![
                edit("record", "false", None),
                edit("popup", "https://mine", Some("https://loaded")),
            ],
        );
        assert_eq!(
            run.results[0].outcome,
            KeyOutcome::Conflict(Some("true".into()))
        );
        assert_eq!(run.results[1].outcome, KeyOutcome::Conflict(None));
        assert_eq!(
            api.endpoints(),
            [Endpoint::GetSettings],
            "nothing sent, nothing read again: the first read is the truth"
        );
        assert_eq!(run.reread, Some(found(&[("record", "true")])));
    }

    #[test]
    fn the_same_change_made_by_someone_else_is_not_sent_again() {
        let api = fake(vec![found(&[("popup", "https://same")])], vec![]);
        let run = save(
            &api,
            vec![edit("popup", "https://same", Some("https://old"))],
        );
        assert_eq!(run.results[0].outcome, KeyOutcome::AlreadyThere);
        assert_eq!(run.saved_keys(), ["popup"], "the edit is done");
        assert_eq!(run.failed_count(), 0);
        assert_eq!(api.endpoints(), [Endpoint::GetSettings]);
    }

    #[test]
    fn a_failed_check_sends_nothing() {
        let api = fake(vec![Err(http_error(502))], vec![]);
        let run = save(&api, vec![edit("popup", "https://a", None)]);
        assert_eq!(run.check_failed, Some(http_error(502)));
        assert_eq!(run.results[0].outcome, KeyOutcome::NotSent);
        assert_eq!(run.token_refused, None);
        let api = fake(vec![Err(http_error(401))], vec![]);
        let run = save(&api, vec![edit("popup", "https://a", None)]);
        assert_eq!(
            run.token_refused,
            Some(http_error(401)),
            "the gate's business"
        );
        assert_eq!(run.check_failed, None);
        assert_eq!(api.endpoints(), [Endpoint::GetSettings]);
    }

    #[test]
    fn a_value_stored_differently_is_flagged() {
        let api = fake(
            vec![
                Ok(StoredSettings::NoneYet),
                found(&[("popup", "https://rewritten.example/")]),
            ],
            vec![Ok(())],
        );
        let run = save(&api, vec![edit("popup", "https://a.example", None)]);
        assert_eq!(
            run.results[0].outcome,
            KeyOutcome::StoredAs(Some("https://rewritten.example/".into()))
        );
        assert_eq!(run.saved_keys(), ["popup"]);
    }

    #[test]
    fn a_failed_key_does_not_stop_the_others() {
        let api = fake(
            vec![found(&[]), found(&[("record", "true")])],
            vec![Err(http_error(500)), Ok(())],
        );
        let run = save(
            &api,
            vec![
                edit("popup", "https://a.example", None),
                edit("record", "true", None),
            ],
        );
        assert_eq!(run.results[0].outcome, KeyOutcome::Failed(http_error(500)));
        assert_eq!(run.results[0].request_id.as_deref(), Some("req-500"));
        assert_eq!(run.results[1].outcome, KeyOutcome::Saved);
        assert_eq!(run.saved_keys(), ["record"]);
        assert_eq!(run.failed_count(), 1);
    }

    #[test]
    fn a_refused_token_stops_the_run_without_reading() {
        let api = fake(vec![found(&[])], vec![Ok(()), Err(http_error(401))]);
        let planned = vec![
            edit("popup", "https://a.example", None),
            edit("record", "true", None),
            edit("callback", "https://c.example", None),
        ];
        let run = save(&api, planned);
        assert_eq!(
            api.endpoints(),
            [
                Endpoint::GetSettings,
                Endpoint::SaveSetting,
                Endpoint::SaveSetting
            ],
            "nothing is sent or read after the 401"
        );
        assert_eq!(run.results[2].outcome, KeyOutcome::NotSent);
        assert_eq!(run.token_refused, Some(http_error(401)));
        assert_eq!(run.reread, None);
    }

    #[test]
    fn a_failed_reread_keeps_the_save_results() {
        let api = fake(vec![found(&[]), Err(http_error(502))], vec![Ok(())]);
        let run = save(&api, vec![edit("popup", "https://a.example", None)]);
        assert_eq!(run.results[0].outcome, KeyOutcome::Saved);
        assert_eq!(run.reread, Some(Err(http_error(502))));
    }
}
