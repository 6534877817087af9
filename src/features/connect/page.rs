//! Sign in: pick the API, then either exchange Customer ID + secret for a
//! customer token or paste a token already issued (see [`flow`]). Only the
//! token is kept (session storage); the secret is wiped once used.
//!
//! [`flow`]: crate::features::connect::flow

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::ApiError;
use crate::features::connect::api_base::ApiBaseField;
use crate::features::connect::flow::{
    check_sign_in, sign_in, BaseChoice, SignInForm, SignInInput, SignInWith,
};
use crate::features::errors::ErrorPanel;
use crate::paths::{safe_next, NEW_CUSTOMER};
use crate::state::session::use_session;
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::field_id::FieldId;
use crate::ui::text_field::{field_error, TextField};
use crate::ui::validation::FieldError;

/// The form's inputs, one signal each.
#[derive(Clone, Copy)]
struct FormSignals {
    base: RwSignal<BaseChoice>,
    custom_base: RwSignal<String>,
    with: RwSignal<SignInWith>,
    customer_id: RwSignal<String>,
    secret: RwSignal<String>,
    pasted_token: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
}

impl FormSignals {
    /// Starts from the session's API base and Customer ID.
    fn new(api_base: String, customer_id: String) -> Self {
        let base = BaseChoice::from_value(&api_base);
        let custom_base = if base == BaseChoice::Custom {
            api_base
        } else {
            String::new()
        };
        FormSignals {
            base: RwSignal::new(base),
            custom_base: RwSignal::new(custom_base),
            with: RwSignal::new(SignInWith::Secret),
            customer_id: RwSignal::new(customer_id),
            secret: RwSignal::new(String::new()),
            pasted_token: RwSignal::new(String::new()),
            errors: RwSignal::new(Vec::new()),
        }
    }

    fn read(&self) -> SignInForm {
        SignInForm {
            base: self.base.get_untracked(),
            custom_base: self.custom_base.get_untracked(),
            with: self.with.get_untracked(),
            customer_id: self.customer_id.get_untracked(),
            secret: self.secret.get_untracked(),
            pasted_token: self.pasted_token.get_untracked(),
        }
    }

    fn error_for(&self, field: FieldId) -> Signal<Option<String>> {
        field_error(self.errors, field)
    }
}

#[component]
pub(crate) fn ConnectPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let form = FormSignals::new(
        session.api_base.get_untracked(),
        session.customer_id.get_untracked().unwrap_or_default(),
    );

    let connect = Action::new_local(move |input: &SignInInput| {
        let (input, navigate) = (input.clone(), navigate.clone());
        let client = session.client_for(input.api_base().to_string());
        async move {
            let signed_in = sign_in(&client, &input).await?;
            // The one place a sign-in's success is acted on. Drop the
            // secret from memory as soon as the token exists.
            form.secret.try_set(String::new());
            form.pasted_token.try_set(String::new());
            session.sign_in(signed_in.api_base, signed_in.customer_id, signed_in.token);
            if let Some(apps) = signed_in.apps {
                session.remember_apps(apps.into());
            }
            let next = safe_next(query.get_untracked().get("next"));
            navigate(&next, Default::default());
            Ok(())
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if connect.pending().get_untracked() {
            return;
        }
        match check_sign_in(&form.read()) {
            Ok(input) => {
                form.errors.set(Vec::new());
                connect.dispatch(input);
            }
            Err(errors) => form.errors.set(errors),
        }
    };

    let failure = move || match connect.value().get() {
        Some(Err(e)) if e != ApiError::Cancelled => Some(e),
        _ => None,
    };
    let pending = connect.pending();

    view! {
        <section class="page narrow">
            <h1>"Connect to the integrations API"</h1>
            <p class="lead">
                "Sign in with your Exotel customer credentials. The token stays in this tab \
                 only and is cleared when you sign out or close it."
            </p>
            {move || {
                session.notice.get().map(|n| view! { <Notice text=n kind=NoticeKind::Warn /> })
            }}
            <form class="card form" on:submit=on_submit novalidate=true>
                <ApiBaseField
                    base=form.base
                    custom_base=form.custom_base
                    error=form.error_for(FieldId::CustomBase)
                />
                <SignInWithChoice with=form.with />
                <CredentialFields form=form />
                {move || failure().map(|e| view! { <ErrorPanel action="Signing in" error=e /> })}
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Connecting…" } else { "Connect" }}
                    </button>
                </div>
            </form>
            <p class="muted">
                "No customer yet? " <a href=NEW_CUSTOMER>"Create a customer"</a>
                " to get a Customer ID and secret."
            </p>
        </section>
    }
}

/// Secret or pasted token.
#[component]
fn SignInWithChoice(with: RwSignal<SignInWith>) -> impl IntoView {
    view! {
        <fieldset class="segmented">
            <legend>"Sign in with"</legend>
            {SignInWith::ALL
                .map(|choice| {
                    view! {
                        <label>
                            <input
                                type="radio"
                                name="method"
                                checked=move || with.get() == choice
                                on:change=move |_| with.set(choice)
                            />
                            {choice.label()}
                        </label>
                    }
                })}
        </fieldset>
    }
}

/// The fields of the chosen way of signing in.
#[component]
fn CredentialFields(form: FormSignals) -> impl IntoView {
    view! {
        <Show
            when=move || form.with.get() == SignInWith::Secret
            fallback=move || {
                view! {
                    <TextField
                        id=FieldId::CustomerToken
                        label="Customer token"
                        value=form.pasted_token
                        secret=true
                        error=form.error_for(FieldId::CustomerToken)
                        hint="Paste the token as issued (no “Bearer ” prefix needed)."
                    />
                }
            }
        >
            <TextField
                id=FieldId::CustomerId
                label="Customer ID"
                value=form.customer_id
                error=form.error_for(FieldId::CustomerId)
            />
            <TextField
                id=FieldId::CustomerSecret
                label="Customer secret"
                value=form.secret
                secret=true
                error=form.error_for(FieldId::CustomerSecret)
            />
        </Show>
    }
}
