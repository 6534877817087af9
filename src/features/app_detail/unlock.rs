//! Asks for what the console needs to act on one app: its AppSecret (traded
//! for an app token by POST /token) or an app token pasted as is. A pasted
//! token is checked against the API first; a token of another app is refused.

use crate::ui::field_id::FieldId;
use leptos::prelude::*;

use crate::api::{client::normalize_token, ApiError, Entity, TokenRequest};
use crate::state::session::use_session;
use crate::ui::alert::ErrorPanel;
use crate::ui::text_field::TextField;
use crate::ui::toasts::use_toasts;
use crate::ui::validation::{check_text, check_token, FieldError};

#[derive(Clone, Debug, PartialEq)]
enum UnlockError {
    Api(ApiError),
    OtherApp { token_app: String },
}

#[component]
pub fn UnlockApp(
    #[prop(into)] app_id: String,
    /// Why the console asks (e.g. the stored token was refused).
    #[prop(into)]
    reason: Signal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let use_token = RwSignal::new(false);
    let credential = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let field_error = Signal::derive(move || errors.with(|e| e.first().map(|e| e.message.clone())));

    let unlock = {
        let app_id = app_id.clone();
        Action::new_local(move |input: &(bool, String)| {
            let (pasted, credential) = input.clone();
            let app_id = app_id.clone();
            let client = session.client();
            async move {
                let token = if pasted {
                    let token = normalize_token(&credential);
                    let app = client.get_app(&token).await.map_err(UnlockError::Api)?;
                    if app.app_id != app_id {
                        return Err(UnlockError::OtherApp {
                            token_app: app.app_id,
                        });
                    }
                    token
                } else {
                    let req = TokenRequest {
                        id: app_id.clone(),
                        secret: credential,
                        entity: Entity::App,
                    };
                    client.issue_token(&req).await.map_err(UnlockError::Api)?
                };
                Ok((app_id, token))
            }
        })
    };
    Effect::new(move |_| {
        if let Some(Ok((id, token))) = unlock.value().get() {
            credential.set(String::new());
            session.set_app_token(&id, token);
            toasts.success("App unlocked: its token is kept in this tab.");
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if unlock.pending().get_untracked() {
            return;
        }
        let pasted = use_token.get_untracked();
        let label = if pasted { "App token" } else { "AppSecret" };
        let mut errs = Vec::new();
        let check = if pasted { check_token } else { check_text };
        let value = check(
            FieldId::AppCredential,
            label,
            &credential.get_untracked(),
            &mut errs,
        );
        errors.set(errs.clone());
        if errs.is_empty() {
            unlock.dispatch((pasted, value));
        }
    };

    let failure = move || {
        match unlock.value().get() {
        Some(Err(UnlockError::Api(e))) if e != ApiError::Cancelled => Some(view! {
            <ErrorPanel action="Getting an app token" error=e/>
        }.into_any()),
        Some(Err(UnlockError::OtherApp { token_app })) => Some(view! {
            <div class="alert alert-error" role="alert">
                <p class="alert-title">"That token belongs to a different app"</p>
                <p>{format!("The pasted token is for app {token_app}, not this one. Paste this app's token or use its AppSecret.")}</p>
            </div>
        }.into_any()),
        _ => None,
    }
    };

    view! {
        <form class="card form unlock" on:submit=on_submit novalidate=true data-testid="unlock-form">
            <h2>"Unlock this app"</h2>
            <p>{move || reason.get().unwrap_or_else(|| "Reading or deleting an app needs that app's own token. Enter its AppSecret (the console exchanges it for a token) or paste an app token.".into())}</p>
            <fieldset class="segmented">
                <legend>"Unlock with"</legend>
                <label><input type="radio" name="unlock-method" checked=move || !use_token.get() on:change=move |_| use_token.set(false)/>"Use the AppSecret"</label>
                <label><input type="radio" name="unlock-method" checked=move || use_token.get() on:change=move |_| use_token.set(true)/>"Paste an app token"</label>
            </fieldset>
            {move || {
                let label = if use_token.get() { "App token" } else { "AppSecret" };
                view! { <TextField id=FieldId::AppCredential label=label value=credential error=field_error secret=true/> }
            }}
            {failure}
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || unlock.pending().get()>
                    {move || if unlock.pending().get() { "Unlocking…" } else { "Unlock" }}
                </button>
            </div>
        </form>
    }
}
