//! Register an app (POST /app with the customer token). Validation names
//! every missing field before any request; what the admin typed survives any
//! failure (even a trip through connect after a 401); a second submit is
//! impossible while one is in flight. On success the one-time secret panel
//! appears and the console obtains the app token at once, so detail and
//! delete work without asking for the secret.
//!
//! A create whose outcome is unknown (timeout, network, 5xx, unreadable
//! answer; see `ApiError::outcome_unknown`) may still have created the app. The next attempt therefore lists
//! the apps first and, if a matching app appeared, says so instead of
//! creating a duplicate.

use std::collections::BTreeSet;

use crate::ui::field_id::FieldId;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{ApiError, App, CreatedApp, Entity, NewApp, TokenRequest};
use crate::features::app_create::secret_panel::SecretPanel;
use crate::routes::app_href;
use crate::state::session::use_session;
use crate::ui::alert::{ErrorPanel, Notice, NoticeKind};
use crate::ui::dom::focus_by_id;
use crate::ui::text_field::{field_error, TextField};
use crate::ui::toasts::use_toasts;
use crate::ui::validation::{AppForm, FieldError};

#[derive(Clone, Debug)]
enum Outcome {
    /// Created: the app, and its app token or why there is none.
    Created(CreatedApp, Result<String, ApiError>),
    /// A retry found the app an earlier, failed-looking attempt created.
    AlreadyThere(App),
}

/// One submission: what to send, and whether to look for an app created by
/// an earlier ambiguous attempt first (and which apps existed before it).
#[derive(Clone)]
struct Attempt {
    app: NewApp,
    check_first: Option<BTreeSet<String>>,
}

fn same_app(listed: &App, sent: &NewApp) -> bool {
    listed.app_name == sent.app_name && listed.exotel_account_sid == sent.exotel_account_sid
}

#[component]
pub fn CreatePage() -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let draft = session.create_draft;
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let error_for = move |field: FieldId| field_error(errors, field);
    // One signal per field, seeded from (and written back to) the draft.
    let field = |get: fn(&AppForm) -> &String, set: fn(&mut AppForm, String)| {
        let signal = RwSignal::new(draft.with_untracked(|d| get(d).clone()));
        Effect::new(move |_| {
            let value = signal.get();
            draft.update_untracked(|d| set(d, value));
        });
        signal
    };
    let app_name = field(|d| &d.app_name, |d, v| d.app_name = v);
    let account_sid = field(|d| &d.account_sid, |d, v| d.account_sid = v);
    let api_key = field(|d| &d.api_key, |d, v| d.api_key = v);
    let api_token = field(|d| &d.api_token, |d, v| d.api_token = v);
    let domain = field(|d| &d.domain, |d, v| d.domain = v);
    let is_active =
        RwSignal::new(draft.with_untracked(|d| d.is_active || *d == AppForm::default()));
    Effect::new(move |_| {
        let v = is_active.get();
        draft.update_untracked(|d| d.is_active = v);
    });

    // Apps that existed before the first attempt that might have created one.
    let baseline = StoredValue::new(None::<BTreeSet<String>>);

    let create = Action::new_local(move |attempt: &Attempt| {
        let Attempt { app, check_first } = attempt.clone();
        let client = session.client();
        let token = session.customer_token.get_untracked().unwrap_or_default();
        async move {
            if let Some(before) = check_first {
                let listed = client.list_apps(&token).await?;
                if let Some(found) = listed
                    .into_iter()
                    .find(|a| same_app(a, &app) && !before.contains(&a.app_id))
                {
                    return Ok(Outcome::AlreadyThere(found));
                }
            }
            let created = client.create_app(&token, &app).await?;
            let app_token = client
                .issue_token(&TokenRequest {
                    id: created.app.app_id.clone(),
                    secret: created.app_secret.clone(),
                    entity: Entity::App,
                })
                .await;
            Ok::<Outcome, ApiError>(Outcome::Created(created, app_token))
        }
    });

    Effect::new(move |_| match create.value().get() {
        Some(Ok(Outcome::Created(created, token))) => {
            toasts.success(format!("Created “{}”.", created.app.app_name));
            if let Ok(token) = token {
                session.set_app_token(&created.app.app_id, token);
            }
            draft.set(AppForm::default());
            baseline.set_value(None);
        }
        Some(Err(e)) if e.is_unauthorized() => session.expire_customer(&e),
        Some(Err(ApiError::Cancelled)) => {}
        Some(Err(e)) => {
            toasts.failure(format!("Creating the app failed: {}", e.title()));
            if e.outcome_unknown() && baseline.with_value(Option::is_none) {
                baseline.set_value(Some(
                    session
                        .known_apps
                        .with_untracked(|apps| apps.iter().map(|a| a.app_id.clone()).collect()),
                ));
            }
        }
        _ => {}
    });

    let submit = move |check: bool| {
        if create.pending().get_untracked() {
            return;
        }
        // The field signals are authoritative (the draft copy is written by
        // effects, which may not have run yet).
        let form = AppForm {
            app_name: app_name.get_untracked(),
            account_sid: account_sid.get_untracked(),
            api_key: api_key.get_untracked(),
            api_token: api_token.get_untracked(),
            domain: domain.get_untracked(),
            is_active: is_active.get_untracked(),
        };
        match form.validate() {
            Ok(app) => {
                errors.set(Vec::new());
                let check_first = if check { baseline.get_value() } else { None };
                create.dispatch(Attempt { app, check_first });
            }
            Err(errs) => {
                focus_by_id(errs[0].field.dom_id());
                errors.set(errs);
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(true);
    };

    let created = move || match create.value().get() {
        Some(Ok(Outcome::Created(c, token))) => Some((c, token)),
        _ => None,
    };
    let already = move || match create.value().get() {
        Some(Ok(Outcome::AlreadyThere(app))) => Some(app),
        _ => None,
    };
    let failure = move || match create.value().get() {
        Some(Err(e)) if e != ApiError::Cancelled => Some(e),
        _ => None,
    };

    view! {
        <section class="page narrow">
            <Show when=move || created().is_none() fallback=move || created().map(|(c, token)| view! {
                <SecretPanel app_name=c.app.app_name.clone() app_id=c.app.app_id.clone()
                    app_secret=c.app_secret.clone() detail_href=app_href(&c.app.app_id)/>
                {token.err().map(|e| view! {
                    <Notice kind=NoticeKind::Warn text=format!(
                        "The app exists, but the console could not get its app token ({e}). Opening the app will ask for the AppSecret.")/>
                })}
            })>
                <h1>"New app"</h1>
                <p class="lead">"Register an application under your customer account. Every field is required."</p>
                <form class="card form" on:submit=on_submit novalidate=true>
                    <Show when=move || { errors.with(|e| e.len() > 1) }>
                        <div class="alert alert-error" role="alert">
                            <p class="alert-title">"Some fields need attention"</p>
                            <ul>{move || errors.get().into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}</ul>
                        </div>
                    </Show>
                    <TextField id=FieldId::AppName label="App name" value=app_name error=error_for(FieldId::AppName) placeholder="e.g. WebRTC"/>
                    <TextField id=FieldId::AccountSid label="Exotel Account SID" value=account_sid error=error_for(FieldId::AccountSid)
                        hint="From the Exotel dashboard, API settings."/>
                    <TextField id=FieldId::ApiKey label="Exotel API key" value=api_key error=error_for(FieldId::ApiKey) secret=true/>
                    <TextField id=FieldId::ApiToken label="Exotel API token" value=api_token error=error_for(FieldId::ApiToken) secret=true/>
                    <div class="field" class:invalid=move || error_for(FieldId::Domain).get().is_some()>
                        <label for="domain">"Exotel domain"</label>
                        <select id="domain" on:change=move |ev| domain.set(event_target_value(&ev)) prop:value=move || domain.get()
                            aria-invalid=move || error_for(FieldId::Domain).get().is_some().to_string() aria-describedby="domain-error">
                            <option value="">"Choose the account's cluster…"</option>
                            <option value="mumbai">"Mumbai"</option>
                            <option value="singapore">"Singapore"</option>
                        </select>
                        {move || error_for(FieldId::Domain).get().map(|e| view! { <p class="field-error" id="domain-error">{e}</p> })}
                    </div>
                    <div class="field checkbox">
                        <input id="is-active" type="checkbox" bind:checked=is_active/>
                        <label for="is-active">"Active (ready for calling)"</label>
                    </div>
                    {move || failure().map(|e| {
                        let hint = e.outcome_unknown().then(|| view! {
                            <Notice kind=NoticeKind::Info text="Your input is kept. The API may have created the app anyway: pressing Create app again first checks your app list, so no duplicate is made."/>
                        });
                        view! { <ErrorPanel action="Creating the app" error=e/> {hint} }
                    })}
                    {move || already().map(|app| view! {
                        <div class="alert alert-warn" role="alert" data-testid="already-created">
                            <p class="alert-title">{format!("“{}” was created by the earlier attempt", app.app_name)}</p>
                            <p>"Its AppSecret was in the answer that never arrived, so the console cannot show it. Open the app to delete it and create it again, or keep it if you have its secret."</p>
                            <div class="actions">
                                <A href=app_href(&app.app_id) attr:class="btn">"Open the app"</A>
                                <button type="button" class="btn" on:click=move |_| submit(false)>"Create another anyway"</button>
                            </div>
                        </div>
                    })}
                    <div class="actions">
                        <a class="btn" href=crate::routes::APPS>"Cancel"</a>
                        <button type="submit" class="btn btn-primary" disabled=move || create.pending().get()>
                            {move || if create.pending().get() { "Creating…" } else { "Create app" }}
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
