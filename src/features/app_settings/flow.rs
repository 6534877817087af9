//! Saving settings: one `POST` per changed key, in order, then one read of
//! what the server now holds, which is the truth the page shows. Plain async
//! functions over [`SettingsApi`], tested on the host against a fake.

use crate::api::{ApiError, AppToken, Setting, SettingsApi, StoredSettings};

/// What happened to one changed key.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum KeyOutcome {
    /// Saved, and the server holds what was sent (or was not re-read).
    Saved,
    /// Saved, but the server now holds another value.
    StoredAs(Option<String>),
    Failed(ApiError),
    /// Not sent: the app token was refused before its turn.
    NotSent,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct KeyResult {
    pub(crate) sent: Setting,
    pub(crate) outcome: KeyOutcome,
}

/// One press of Save settings.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SaveRun {
    pub(crate) results: Vec<KeyResult>,
    /// The settings read after saving; `None` when the token was refused.
    pub(crate) reread: Option<Result<StoredSettings, ApiError>>,
    /// The app token was refused (401): the admin must unlock again.
    pub(crate) token_refused: Option<ApiError>,
}

impl SaveRun {
    /// The keys whose value reached the server.
    pub(crate) fn saved_keys(&self) -> Vec<String> {
        self.results
            .iter()
            .filter(|r| matches!(r.outcome, KeyOutcome::Saved | KeyOutcome::StoredAs(_)))
            .map(|r| r.sent.key.clone())
            .collect()
    }

    pub(crate) fn failed_count(&self) -> usize {
        self.results
            .iter()
            .filter(|r| !matches!(r.outcome, KeyOutcome::Saved))
            .count()
    }
}

/// Sends `changes` one by one, in order. A failed key does not stop the
/// others (each is an independent upsert, safe to repeat); a refused token
/// does, since every later call would be refused too.
pub(crate) async fn save_changes(
    api: &impl SettingsApi,
    app_token: &AppToken,
    changes: Vec<Setting>,
) -> SaveRun {
    let mut results = Vec::with_capacity(changes.len());
    let mut token_refused = None;
    for sent in changes {
        let outcome = if token_refused.is_some() {
            KeyOutcome::NotSent
        } else {
            match api.save_setting(app_token, &sent).await {
                Ok(()) => KeyOutcome::Saved,
                Err(e) if e.is_unauthorized() => {
                    token_refused = Some(e.clone());
                    KeyOutcome::Failed(e)
                }
                Err(e) => KeyOutcome::Failed(e),
            }
        };
        results.push(KeyResult { sent, outcome });
    }
    if token_refused.is_some() {
        return SaveRun {
            results,
            reread: None,
            token_refused,
        };
    }
    let reread = api.get_settings(app_token).await;
    if let Ok(stored) = &reread {
        flag_differences(&mut results, stored);
    }
    SaveRun {
        results,
        reread: Some(reread),
        token_refused,
    }
}

/// Marks each saved key whose stored value is not what was sent.
fn flag_differences(results: &mut [KeyResult], stored: &StoredSettings) {
    let stored: &[Setting] = match stored {
        StoredSettings::NoneYet => &[],
        StoredSettings::Found(list) => list,
    };
    for r in results
        .iter_mut()
        .filter(|r| r.outcome == KeyOutcome::Saved)
    {
        let now = stored
            .iter()
            .find(|s| s.key == r.sent.key)
            .map(|s| s.value.clone());
        if now.as_deref() != Some(r.sent.value.as_str()) {
            r.outcome = KeyOutcome::StoredAs(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{Call, Carried, Endpoint, FakeApi};
    use crate::api::service::run_ready;

    fn s(key: &str, value: &str) -> Setting {
        Setting {
            key: key.into(),
            value: value.into(),
        }
    }

    fn http(status: u16) -> ApiError {
        ApiError::Http {
            status,
            request_id: Some("req-1".into()),
            message: "no".into(),
        }
    }

    fn fake(
        saves: Vec<Result<(), ApiError>>,
        reads: Vec<Result<StoredSettings, ApiError>>,
    ) -> FakeApi {
        let api = FakeApi::default();
        for save in saves {
            api.answer(Endpoint::SaveSetting, save);
        }
        for read in reads {
            api.answer(Endpoint::GetSettings, read);
        }
        api
    }

    fn save(api: &FakeApi, changes: Vec<Setting>) -> SaveRun {
        run_ready(save_changes(api, &AppToken::new("app-t"), changes))
    }

    /// A call of this app's token.
    fn with_app_token(endpoint: Endpoint, detail: &str) -> Call {
        Call {
            endpoint,
            carried: Carried::App("app-t".into()),
            detail: detail.into(),
        }
    }

    #[test]
    fn saves_each_change_in_order_then_reads_again() {
        let api = fake(
            vec![Ok(()), Ok(())],
            vec![Ok(StoredSettings::Found(vec![
                s("popup", "https://a.example"),
                s("record", "true"),
            ]))],
        );
        let run = save(
            &api,
            vec![s("popup", "https://a.example"), s("record", "true")],
        );
        assert_eq!(
            api.calls(),
            [
                with_app_token(Endpoint::SaveSetting, "popup=https://a.example"),
                with_app_token(Endpoint::SaveSetting, "record=true"),
                with_app_token(Endpoint::GetSettings, ""),
            ],
            "each key in order with the app token, then one read"
        );
        let reread =
            StoredSettings::Found(vec![s("popup", "https://a.example"), s("record", "true")]);
        assert_eq!(run.reread, Some(Ok(reread)), "the read's answer is kept");
        assert!(run.results.iter().all(|r| r.outcome == KeyOutcome::Saved));
        assert_eq!(run.saved_keys(), ["popup", "record"]);
        assert_eq!(run.failed_count(), 0);
    }

    #[test]
    fn a_value_stored_differently_is_flagged() {
        let stored = vec![s("popup", "https://rewritten.example/")];
        let api = fake(vec![Ok(())], vec![Ok(StoredSettings::Found(stored))]);
        let run = save(&api, vec![s("popup", "https://a.example")]);
        assert_eq!(
            run.results[0].outcome,
            KeyOutcome::StoredAs(Some("https://rewritten.example/".into()))
        );
        assert_eq!(run.saved_keys(), ["popup"]);
    }

    #[test]
    fn a_failed_key_does_not_stop_the_others() {
        let api = fake(
            vec![Err(http(500)), Ok(())],
            vec![Ok(StoredSettings::Found(vec![s("record", "true")]))],
        );
        let run = save(
            &api,
            vec![s("popup", "https://a.example"), s("record", "true")],
        );
        assert_eq!(run.results[0].outcome, KeyOutcome::Failed(http(500)));
        assert_eq!(run.results[1].outcome, KeyOutcome::Saved);
        assert_eq!(run.saved_keys(), ["record"]);
        assert_eq!(run.failed_count(), 1);
    }

    #[test]
    fn a_refused_token_stops_the_run_without_reading() {
        let api = fake(vec![Ok(()), Err(http(401))], vec![]);
        let changes = vec![
            s("popup", "https://a.example"),
            s("record", "true"),
            s("callback", "https://c.example"),
        ];
        let run = save(&api, changes);
        assert_eq!(
            api.endpoints(),
            [Endpoint::SaveSetting, Endpoint::SaveSetting],
            "nothing is sent or read after the 401"
        );
        assert_eq!(run.results[2].outcome, KeyOutcome::NotSent);
        assert_eq!(run.token_refused, Some(http(401)));
        assert_eq!(run.reread, None);
    }

    #[test]
    fn a_failed_reread_keeps_the_save_results() {
        let api = fake(vec![Ok(())], vec![Err(http(502))]);
        let run = save(&api, vec![s("popup", "https://a.example")]);
        assert_eq!(run.results[0].outcome, KeyOutcome::Saved);
        assert_eq!(run.reread, Some(Err(http(502))));
    }
}
