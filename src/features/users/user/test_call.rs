//! A test call from one user: **Test call…** opens a dialog that asks for
//! the number to ring, warns that the call is real and may be billed, and
//! places it (`POST /call/outbound_call`, as Exotel's browser SDK does).
//! It shows the call's CallSid, status and direction, or Exotel's refusal as
//! its code, description and what to do.

use leptos::prelude::*;

use crate::api::calls::{OutboundCall, PlacedCall};
use crate::api::{ApiError, User};
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::errors::ErrorPanel;
use crate::features::users::user::flow::{
    caller_customer_id, exotel_advice, place_test_call, CallRefused, NUMBER_TO_CALL,
};
use crate::state::session::use_session;
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::copy_button::CopyButton;
use crate::ui::dialog::Dialog;
use crate::ui::dom::focus_by_id;

const REAL_CALL: &str = "This places a real call: the number you enter rings, and Exotel may \
     bill the call to this account.";

const ABOUT: &str = "Rings a number from this user's browser phone (SIP device), through \
     Exotel, to check the setup end to end.";

/// The element id of the number to call.
const TO_ID: &str = "test-call-to";

/// The number field: what was typed, and why it was refused (one signal
/// of the dialog's own type, read only here).
#[derive(Clone, Debug, Default)]
struct NumberField {
    text: String,
    problem: Option<String>,
}

/// What a placed call (or a refusal) leaves for the dialog to show.
type Outcome = Option<Result<PlacedCall, CallRefused>>;

#[component]
pub(crate) fn TestCall(#[prop(into)] user: Signal<User>) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <section class="card" aria-labelledby="test-call-title">
            <h2 id="test-call-title">"Test call"</h2>
            <p class="muted">{ABOUT}</p>
            <button type="button" class="btn" on:click=move |_| open.set(true)>
                "Test call…"
            </button>
            <TestCallDialog user=user open=open />
        </section>
    }
}

#[component]
fn TestCallDialog(user: Signal<User>, open: RwSignal<bool>) -> impl IntoView {
    let app = use_unlocked_app();
    let number = RwSignal::new(NumberField::default());
    let outcome = RwSignal::new(None);
    let place = place_action(app, user, number, outcome);
    let pending = place.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // One call per press, however fast the presses come.
        if !pending.get_untracked() {
            outcome.set(None);
            place.dispatch(number.with_untracked(|n| n.text.clone()));
        }
    };
    let description = move || {
        let name = user.with(|u| u.app_username.clone());
        format!("Exotel calls the number from {name}'s SIP device, as the browser SDK would.")
    };
    view! {
        <Dialog
            id="place-call"
            title="Place a test call"
            description=description
            open=open
            busy=pending
            on_close=Callback::new(move |_| {
                number.update(|n| n.problem = None);
                outcome.set(None);
                open.set(false);
            })
        >
            <form class="form" on:submit=on_submit novalidate=true>
                <Notice text=REAL_CALL kind=NoticeKind::Warn />
                <div class="field" class:invalid=move || number.with(|n| n.problem.is_some())>
                    <label for=TO_ID>{NUMBER_TO_CALL}</label>
                    <p class="hint" id="test-call-to-hint">
                        "With the country code, e.g. +919812345678."
                    </p>
                    <input
                        type="text"
                        id=TO_ID
                        inputmode="tel"
                        autocomplete="off"
                        aria-describedby="test-call-to-hint test-call-to-error"
                        aria-invalid=move || number.with(|n| n.problem.is_some()).to_string()
                        prop:value=move || number.with(|n| n.text.clone())
                        on:input=move |ev| number.update(|n| n.text = event_target_value(&ev))
                    />
                    {move || {
                        number
                            .with(|n| n.problem.clone())
                            .map(|why| {
                                view! {
                                    <p class="field-error" id="test-call-to-error">
                                        {why}
                                    </p>
                                }
                            })
                    }}
                </div>
                {move || outcome.get().map(|o| view! { <CallOutcome outcome=o /> })}
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| open.set(false)>
                        "Close"
                    </button>
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Placing…" } else { "Place call" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// Places the call and lands what came of it: a number refused before
/// sending goes under its field, anything else below the form.
fn place_action(
    app: UnlockedApp,
    user: Signal<User>,
    number: RwSignal<NumberField>,
    outcome: RwSignal<Outcome>,
) -> Action<String, ()> {
    let signed_in = use_session().customer_id;
    Action::new_local(move |to: &String| {
        let (client, token) = (app.client(), app.token.clone());
        let user = user.get_untracked();
        let known = untrack(|| app.known.app(&app.id));
        let call = OutboundCall {
            customer_id: signed_in
                .with_untracked(|id| caller_customer_id(known.as_ref(), &user, id.clone())),
            app_id: app.id.to_string(),
            to: to.clone(),
            user_id: user.app_user_id,
        };
        async move {
            let result = place_test_call(&client, &token, call).await;
            // The one place a test call's outcome lands.
            match result {
                Err(CallRefused::Number(why)) => {
                    number.try_update(|n| n.problem = Some(why));
                    focus_by_id(TO_ID);
                }
                other => {
                    number.try_update(|n| n.problem = None);
                    outcome.try_set(Some(other));
                }
            }
        }
    })
}

#[component]
fn CallOutcome(outcome: Result<PlacedCall, CallRefused>) -> impl IntoView {
    match outcome {
        Ok(call) => Some(view! { <PlacedCallView call=call /> }.into_any()),
        Err(CallRefused::Exotel { error, request_id }) => {
            let description = if error.description.is_empty() {
                error.message
            } else {
                error.description
            };
            Some(
                view! {
                    <div class="alert alert-error" role="alert" data-testid="exotel-refusal">
                        <p class="alert-title">
                            {format!("Exotel refused the call: code {}", error.code)}
                        </p>
                        <p>{description}</p>
                        <p>{exotel_advice(error.code)}</p>
                        {request_id
                            .map(|id| {
                                view! { <p class="request-id">"RequestId: " <code>{id}</code></p> }
                            })}
                    </div>
                }
                .into_any(),
            )
        }
        // A refused token is the gate's; a dropped call says nothing.
        Err(CallRefused::Api(e)) if e.is_unauthorized() || e == ApiError::Cancelled => None,
        Err(CallRefused::Api(e)) => {
            Some(view! { <ErrorPanel action="Placing the call" error=e /> }.into_any())
        }
        Err(CallRefused::Number(_)) => None,
    }
}

/// The call as Exotel placed it.
#[component]
fn PlacedCallView(call: PlacedCall) -> impl IntoView {
    let or_none = |text: String| {
        if text.is_empty() {
            "(none yet)".to_string()
        } else {
            text
        }
    };
    let sid = Signal::stored(call.call_sid.clone());
    view! {
        <div class="alert alert-success" role="status" data-testid="placed-call">
            <p class="alert-title">"Call placed"</p>
            <dl class="kv">
                <dt>"CallSid"</dt>
                <dd>
                    <code>{call.call_sid}</code>
                    <CopyButton value=sid what="CallSid" />
                </dd>
                <dt>"Status"</dt>
                <dd>{or_none(call.call_status)}</dd>
                <dt>"State"</dt>
                <dd>{or_none(call.call_state)}</dd>
                <dt>"Direction"</dt>
                <dd>{call.direction}</dd>
                <dt>"From"</dt>
                <dd>{call.from_number}</dd>
                <dt>"To"</dt>
                <dd>{call.to_number}</dd>
            </dl>
        </div>
    }
}
