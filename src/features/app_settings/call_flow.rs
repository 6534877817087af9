//! The settings page's "Exotel call flow" section: where the webhooks get
//! their calls from, the three URLs an admin pastes into the Connect applet
//! of an Exotel call flow (each with the setting it fires and a copy
//! button), and a test event for each, sent as the call flow would send it.

use leptos::prelude::*;

use super::call_test::{
    absolute_url, send_test_event, test_call_sid, test_event, unready_text, webhook_url, TestRun,
    Unready, TEST_AGENT,
};
use super::draft::SettingsDraft;
use super::editor::use_draft;
use super::fields::input_id;
use super::keys::describe_key;
use crate::api::calls::{inbound_call_path, CallEvent, TestEvent};
use crate::api::ApiError;
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::errors::ErrorPanel;
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::copy_button::CopyButton;
use crate::ui::dom::focus_by_id;

const WHERE_CALLS_COME_FROM: &str = "Exotel calls this app's webhooks only when one of your call \
     flows asks it to. In Exotel's dashboard, add a Connect applet to the call flow of your \
     ExoPhone and paste these URLs into it, one per event. During a call, the call flow calls the \
     URL; Exotel then POSTs the call's JSON (see What Exotel sends, below) to this app's setting \
     of the same type.";

const DIAL_WHOM_HINT: &str = "Optional. A mapped user's agent number makes the notification name \
     that user (AppUserID). Empty: +910000000002, a number no user has.";

/// The element id of the number the tests dial.
const DIAL_WHOM_ID: &str = "call-test-dial-whom";

/// What happens in the call when Exotel's call flow reports `event`.
fn event_words(event: CallEvent) -> &'static str {
    match event {
        CallEvent::Popup => "An incoming call rings",
        CallEvent::IncomingCallHangup => "An incoming call ends",
        CallEvent::MissedCall => "An incoming call is missed",
    }
}

/// The URL of `event` as an admin pastes it into the applet: absolute, also
/// when the API base is the console's own origin (behind its proxy).
fn inbound_url(app: &UnlockedApp, event: CallEvent) -> String {
    let url = app.client().url(&inbound_call_path(&app.id, event));
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    absolute_url(&origin, &url)
}

#[component]
pub(crate) fn CallFlow() -> impl IntoView {
    let app = use_unlocked_app();
    let draft = use_draft(&app.id);
    let dial_whom = RwSignal::new(String::new());
    // Counts this page's tests, so two in the same millisecond differ.
    let sent = StoredValue::new(0u32);
    let rows = CallEvent::ALL
        .into_iter()
        .map(|event| view! { <EventRow event=event draft=draft dial_whom=dial_whom sent=sent /> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="call-flow-title" data-testid="call-flow">
            <h2 id="call-flow-title">"Exotel call flow"</h2>
            <p>{WHERE_CALLS_COME_FROM}</p>
            <div class="field">
                <label for=DIAL_WHOM_ID>"Number the tests dial (DialWhomNumber)"</label>
                <p class="hint" id="call-test-dial-whom-hint">
                    {DIAL_WHOM_HINT}
                </p>
                <input
                    type="text"
                    id=DIAL_WHOM_ID
                    inputmode="tel"
                    autocomplete="off"
                    placeholder=TEST_AGENT
                    aria-describedby="call-test-dial-whom-hint"
                    prop:value=move || dial_whom.get()
                    on:input=move |ev| dial_whom.set(event_target_value(&ev))
                />
            </div>
            {rows}
        </section>
    }
}

/// One event: its URL, the setting it fires, its test and what came of it.
#[component]
fn EventRow(
    event: CallEvent,
    draft: RwSignal<SettingsDraft>,
    dial_whom: RwSignal<String>,
    sent: StoredValue<u32>,
) -> impl IntoView {
    let app = use_unlocked_app();
    let key = event.setting_key();
    let url = inbound_url(&app, event);
    let ready = Memo::new(move |_| draft.with(|d| webhook_url(d, key)));
    let last = RwSignal::new(None::<TestRun>);
    let send = test_action(&app, draft, last);
    let pending = send.pending();
    let on_click = move |_| {
        if pending.get_untracked() {
            return;
        }
        sent.update_value(|n| *n += 1);
        let call_sid = test_call_sid(js_sys::Date::now(), sent.get_value());
        let test = test_event(event, call_sid, &dial_whom.get_untracked());
        send.dispatch((ready.get_untracked(), test));
    };
    let label = move || match (ready.get(), pending.get()) {
        (Err(_), _) => format!("Save the {key} setting first"),
        (Ok(_), true) => "Sending…".to_string(),
        (Ok(_), false) => "Send test event".to_string(),
    };
    let why_not = move || {
        ready
            .get()
            .err()
            .map(|u| view! { <p class="hint">{unready_text(u, key)}</p> })
    };
    view! {
        <div class="field" data-event=event.type_value()>
            <h3>{format!("{} (type={})", event_words(event), event.type_value())}</h3>
            <p class="hint">{format!("Fires the setting {}.", describe_key(key))}</p>
            <div class="input-row">
                <code data-testid="inbound-url">{url.clone()}</code>
                <CopyButton value=Signal::stored(url) what=format!("{} URL", event.type_value()) />
            </div>
            {why_not}
            <div class="actions">
                <button type="button" class="btn" on:click=on_click disabled=move || pending.get()>
                    {label}
                </button>
            </div>
            {move || last.get().map(|run| view! { <TestOutcome run=run key=key /> })}
        </div>
    }
}

/// Sends a test and lands what came of it: the outcome, and the admin taken
/// to the setting when it must be saved first.
fn test_action(
    app: &UnlockedApp,
    draft: RwSignal<SettingsDraft>,
    last: RwSignal<Option<TestRun>>,
) -> Action<(Result<String, Unready>, TestEvent), ()> {
    let app = app.clone();
    Action::new_local(
        move |(webhook, test): &(Result<String, Unready>, TestEvent)| {
            let (client, app_id) = (app.client(), app.id.clone());
            let (webhook, test) = (webhook.clone(), test.clone());
            async move {
                let key = test.event.setting_key();
                let run = send_test_event(&client, &app_id, webhook, test).await;
                // The one place a test's outcome lands.
                if let TestRun::NotSent(_) = run {
                    let position = draft.with_untracked(|d| d.keys().iter().position(|k| k == key));
                    if let Some(position) = position {
                        focus_by_id(&input_id(position));
                    }
                }
                last.try_set(Some(run));
            }
        },
    )
}

#[component]
fn TestOutcome(run: TestRun, key: &'static str) -> impl IntoView {
    match run {
        TestRun::NotSent(unready) => {
            let what = match unready {
                Unready::Empty => "fill it in and save it",
                Unready::Unsaved => "save it",
            };
            let text = format!("Nothing was sent: {what} first, then send the test again.");
            Some(view! { <Notice text=text kind=NoticeKind::Warn /> }.into_any())
        }
        TestRun::Sent {
            call_sid,
            webhook,
            answer: Ok(answer),
        } => Some(
            view! {
                <div class="alert alert-success" role="status" data-testid="test-event-result">
                    <p class="alert-title">{format!("Exotel answered: {answer}")}</p>
                    <p>
                        "CallSid: " <code data-testid="test-call-sid">{call_sid.clone()}</code>
                        <CopyButton value=Signal::stored(call_sid) what="the test's CallSid" />
                    </p>
                    <p>
                        "Look for this CallSid in your server's logs: Exotel POSTs the notification to "
                        <code>{webhook}</code> "."
                    </p>
                </div>
            }
            .into_any(),
        ),
        TestRun::Sent {
            answer: Err(ApiError::Cancelled),
            ..
        } => None,
        TestRun::Sent { answer: Err(e), .. } => {
            let action = format!("Sending the {key} test event");
            Some(view! { <ErrorPanel action=action error=e /> }.into_any())
        }
    }
}
