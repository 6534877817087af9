//! Asks for what the console needs to act on one app: its AppSecret (traded
//! for an app token by POST /token) or an app token pasted as is. A pasted
//! token is checked against the API first; a token of another app is refused.

use leptos::prelude::*;

use super::unlock_flow::{unlock, UnlockError, UnlockInput, UnlockMethod};
use crate::api::{ApiError, AppId};
use crate::features::errors::ErrorPanel;
use crate::state::session::use_session;
use crate::ui::field_id::FieldId;
use crate::ui::text_field::TextField;
use crate::ui::toasts::use_toasts;
use crate::ui::validation::FieldError;

/// Said when nothing went wrong: the page simply has no token yet.
const WHY_UNLOCK: &str =
    "Reading or deleting an app needs that app's own token. Enter its AppSecret \
                          (the console exchanges it for a token) or paste an app token.";

#[component]
pub(crate) fn UnlockApp(
    app_id: AppId,
    /// Why the console asks (e.g. the stored token was refused).
    #[prop(into)]
    reason: Signal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let method = RwSignal::new(UnlockMethod::AppSecret);
    let credential = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let field_error = Signal::derive(move || errors.with(|e| e.first().map(|e| e.message.clone())));

    let unlock_action = Action::new_local(move |input: &UnlockInput| {
        let (input, app_id, client) = (input.clone(), app_id.clone(), session.client());
        async move {
            let token = unlock(&client, &app_id, input).await?;
            // The gate swaps this form for the app's page.
            credential.try_set(String::new());
            session.set_app_token(&app_id, token);
            toasts.success("App unlocked: its token is kept in this tab.");
            Ok(())
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if unlock_action.pending().get_untracked() {
            return;
        }
        match UnlockInput::from_form(method.get_untracked(), &credential.get_untracked()) {
            Ok(input) => {
                errors.set(Vec::new());
                unlock_action.dispatch(input);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let failure = Signal::derive(move || unlock_action.value().get().and_then(Result::err));
    let pending = unlock_action.pending();

    view! {
        <form
            class="card form unlock"
            on:submit=on_submit
            novalidate=true
            data-testid="unlock-form"
        >
            <h2>"Unlock this app"</h2>
            <p>{move || reason.get().unwrap_or_else(|| WHY_UNLOCK.into())}</p>
            <MethodChoice method=method />
            {move || {
                let label = method.get().label();
                view! {
                    <TextField
                        id=FieldId::AppCredential
                        label=label
                        value=credential
                        error=field_error
                        secret=true
                    />
                }
            }}
            <UnlockFailure failure=failure />
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                    {move || if pending.get() { "Unlocking…" } else { "Unlock" }}
                </button>
            </div>
        </form>
    }
}

/// The two ways to unlock, as radio buttons.
#[component]
fn MethodChoice(method: RwSignal<UnlockMethod>) -> impl IntoView {
    let choice = move |value: UnlockMethod| {
        view! {
            <input
                type="radio"
                name="unlock-method"
                checked=move || method.get() == value
                on:change=move |_| method.set(value)
            />
        }
    };
    view! {
        <fieldset class="segmented">
            <legend>"Unlock with"</legend>
            <label>{choice(UnlockMethod::AppSecret)}"Use the AppSecret"</label>
            <label>{choice(UnlockMethod::PastedToken)}"Paste an app token"</label>
        </fieldset>
    }
}

/// Why the last unlock failed (nothing for a cancelled request).
#[component]
fn UnlockFailure(#[prop(into)] failure: Signal<Option<UnlockError>>) -> impl IntoView {
    move || match failure.get() {
        Some(UnlockError::Api(e)) if e != ApiError::Cancelled => {
            Some(view! { <ErrorPanel action="Getting an app token" error=e /> }.into_any())
        }
        Some(UnlockError::OtherApp { token_app }) => Some(
            view! {
                <div class="alert alert-error" role="alert">
                    <p class="alert-title">"That token belongs to a different app"</p>
                    <p>
                        {format!(
                            "The pasted token is for app {token_app}, not this one. \
                             Paste this app's token or use its AppSecret.",
                        )}
                    </p>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    }
}
