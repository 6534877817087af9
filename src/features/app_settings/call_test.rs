//! Testing the URLs an Exotel call flow calls, from the console: the URL as
//! an admin pastes it into the Connect applet, whether the webhook setting
//! it fires is ready to receive, and a test event sent as the call flow
//! would send it. Pure, and a flow over [`CallsApi`], tested on the host.

use super::draft::SettingsDraft;
use crate::api::calls::{CallEvent, TestEvent};
use crate::api::{ApiError, AppId, CallsApi};

/// The caller a test event and the samples report (`From`). Indian phone
/// numbers begin with 6 to 9, so no real caller has it and nobody reading
/// a CRM mistakes the test for a customer.
pub(crate) const TEST_CALLER: &str = "+910000000001";
/// The number dialled (`DialWhomNumber`) when the admin names none: no
/// user has it, so the notification names no user (`AppUserID` "").
pub(crate) const TEST_AGENT: &str = "+910000000002";
/// The ExoPhone the samples were called on (`VirtualNumber`).
pub(crate) const TEST_EXOPHONE: &str = "+910000000003";

/// `url` as Exotel's dashboard and a terminal need it. A same-origin API
/// base (`/v2/integrations`, behind the console's proxy) gives relative
/// URLs; they are made absolute with the page's `origin`.
pub(crate) fn absolute_url(origin: &str, url: &str) -> String {
    if url.contains("://") {
        return url.to_string();
    }
    let origin = origin.trim_end_matches('/');
    format!("{origin}/{}", url.trim_start_matches('/'))
}

/// Why a webhook setting cannot receive a test yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unready {
    /// The server holds no value, or an empty one: Exotel has nowhere to POST.
    Empty,
    /// The field has edits not saved: a test would reach the saved URL, not
    /// the one in the form.
    Unsaved,
}

/// The saved URL of the webhook setting `key`, if a test can reach it.
pub(crate) fn webhook_url(draft: &SettingsDraft, key: &str) -> Result<String, Unready> {
    if draft.is_changed(key) {
        return Err(Unready::Unsaved);
    }
    match draft.stored_value(key).map(str::trim) {
        Some(url) if !url.is_empty() => Ok(url.to_string()),
        _ => Err(Unready::Empty),
    }
}

/// Why the test of `key` is not sent, in the admin's words.
pub(crate) fn unready_text(unready: Unready, key: &str) -> String {
    match unready {
        Unready::Empty => {
            format!("The {key} setting is empty: Exotel would have nowhere to POST. Fill it in and save.")
        }
        Unready::Unsaved => format!(
            "The {key} setting has unsaved edits: Exotel would POST to the saved URL, not the one in the form."
        ),
    }
}

/// A CallSid the admin can search their server's logs for: marked as the
/// console's, unique by the time and a count of this page's tests.
pub(crate) fn test_call_sid(now_ms: f64, count: u32) -> String {
    format!("console-test-{}-{count}", now_ms as u64)
}

/// The test of `event`, dialling `dial_whom` (the placeholder when empty).
pub(crate) fn test_event(event: CallEvent, call_sid: String, dial_whom: &str) -> TestEvent {
    let dial_whom = match dial_whom.trim() {
        "" => TEST_AGENT,
        typed => typed,
    };
    TestEvent {
        event,
        call_sid,
        from: TEST_CALLER.to_string(),
        dial_whom_number: dial_whom.to_string(),
    }
}

/// What a press of "Send test event" did.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TestRun {
    /// Nothing was sent.
    NotSent(Unready),
    Sent {
        call_sid: String,
        /// Where Exotel POSTs the notification: the setting's saved URL.
        webhook: String,
        /// Exotel's answer (`Data`), or why the call failed.
        answer: Result<String, ApiError>,
    },
}

/// Calls the inbound-call URL as Exotel's call flow would (no token),
/// unless the setting it fires cannot receive (`webhook`): then nothing.
pub(crate) async fn send_test_event(
    api: &impl CallsApi,
    app_id: &AppId,
    webhook: Result<String, Unready>,
    test: TestEvent,
) -> TestRun {
    match webhook {
        Ok(webhook) => TestRun::Sent {
            answer: api.send_test_event(app_id, &test).await,
            call_sid: test.call_sid,
            webhook,
        },
        Err(unready) => TestRun::NotSent(unready),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::fake::{http_error, Call, Carried, Endpoint, FakeApi};
    use crate::api::service::run_ready;
    use crate::api::Setting;

    fn draft(popup: Option<&str>) -> SettingsDraft {
        let stored = popup.map(|v| Setting {
            key: "popup".into(),
            value: v.into(),
        });
        SettingsDraft::new(stored.into_iter().collect())
    }

    #[test]
    fn relative_api_urls_get_the_page_origin() {
        let origin = "https://console.acme.example";
        assert_eq!(
            absolute_url(origin, "/v2/integrations/call/inbound_call/a1?type=popup"),
            "https://console.acme.example/v2/integrations/call/inbound_call/a1?type=popup"
        );
        assert_eq!(
            absolute_url("http://127.0.0.1:8080/", "/call/x"),
            "http://127.0.0.1:8080/call/x"
        );
        let direct = "https://integrationscore.mum1.exotel.com/v2/integrations/call/x";
        assert_eq!(absolute_url(origin, direct), direct);
    }

    #[test]
    fn only_a_saved_non_empty_setting_can_receive() {
        assert_eq!(webhook_url(&draft(None), "popup"), Err(Unready::Empty));
        assert_eq!(webhook_url(&draft(Some(" ")), "popup"), Err(Unready::Empty));
        let saved = draft(Some("https://crm.example/p"));
        assert_eq!(
            webhook_url(&saved, "popup"),
            Ok("https://crm.example/p".into())
        );
        let mut edited = saved.clone();
        edited.set("popup", "https://crm.example/new".into());
        assert_eq!(webhook_url(&edited, "popup"), Err(Unready::Unsaved));
        let mut typed = draft(None);
        typed.set("popup", "https://crm.example/new".into());
        assert_eq!(webhook_url(&typed, "popup"), Err(Unready::Unsaved));
        assert!(unready_text(Unready::Empty, "missedCall")
            .starts_with("The missedCall setting is empty"));
    }

    #[test]
    fn a_test_event_is_marked_and_dials_a_placeholder_unless_told() {
        let sid = test_call_sid(1_748_844_000_123.0, 2);
        assert_eq!(sid, "console-test-1748844000123-2");
        let test = test_event(CallEvent::MissedCall, sid.clone(), "  ");
        assert_eq!(test.dial_whom_number, TEST_AGENT);
        assert_eq!(test.from, TEST_CALLER);
        let named = test_event(CallEvent::Popup, sid, " +919812345678 ");
        assert_eq!(named.dial_whom_number, "+919812345678");
    }

    #[test]
    fn a_ready_setting_is_tested_without_a_token() {
        let api = FakeApi::default();
        api.answer(Endpoint::TestEvent, Ok("Success".to_string()));
        let app = AppId::new("a1");
        let test = test_event(CallEvent::Popup, "console-test-1-1".into(), "");
        let run = run_ready(send_test_event(
            &api,
            &app,
            Ok("https://crm.example/p".into()),
            test,
        ));
        assert_eq!(
            run,
            TestRun::Sent {
                call_sid: "console-test-1-1".into(),
                webhook: "https://crm.example/p".into(),
                answer: Ok("Success".into()),
            }
        );
        let sent = Call {
            endpoint: Endpoint::TestEvent,
            carried: Carried::Nothing,
            detail: "/call/inbound_call/a1?type=popup&CallSid=console-test-1-1\
                     &From=%2B910000000001&DialWhomNumber=%2B910000000002&Status=busy"
                .into(),
        };
        assert_eq!(api.calls(), [sent]);
    }

    #[test]
    fn an_unready_setting_sends_nothing_and_a_failure_is_kept() {
        let api = FakeApi::default();
        let app = AppId::new("a1");
        let test = || test_event(CallEvent::IncomingCallHangup, "s".into(), "");
        let run = run_ready(send_test_event(&api, &app, Err(Unready::Unsaved), test()));
        assert_eq!(run, TestRun::NotSent(Unready::Unsaved));
        assert!(api.calls().is_empty(), "nothing sent");
        api.answer::<String>(Endpoint::TestEvent, Err(http_error(404)));
        let run = run_ready(send_test_event(
            &api,
            &app,
            Ok("https://x.example".into()),
            test(),
        ));
        assert!(matches!(run, TestRun::Sent { answer: Err(ref e), .. } if *e == http_error(404)));
        assert_eq!(api.endpoints(), [Endpoint::TestEvent]);
    }
}
