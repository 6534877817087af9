//! Register an app (POST /app with the customer token). Validation names
//! every missing field before any request; what the admin typed survives any
//! failure; a second submit is impossible while one is in flight. On success
//! the one-time secret panel appears and the console obtains the app token at
//! once, so detail and delete work without asking for the secret.

use leptos::prelude::*;

use crate::api::{ApiError, CreatedApp, Entity, TokenRequest};
use crate::components::error_panel::{ErrorPanel, Notice};
use crate::components::secret_panel::SecretPanel;
use crate::components::text_field::TextField;
use crate::pages::apps_list::{detail_href, expired_reason};
use crate::session::use_session;
use crate::validation::{AppForm, FieldError};

/// What creating returned: the app, and the app token or why it is missing.
type Created = (CreatedApp, Result<String, ApiError>);

#[component]
pub fn CreatePage() -> impl IntoView {
    let session = use_session();
    let app_name = RwSignal::new(String::new());
    let account_sid = RwSignal::new(String::new());
    let api_key = RwSignal::new(String::new());
    let api_token = RwSignal::new(String::new());
    let domain = RwSignal::new(String::new());
    let is_active = RwSignal::new(true);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let error_for = move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|es| {
                es.iter()
                    .find(|e| e.field == field)
                    .map(|e| e.message.clone())
            })
        })
    };

    let create = Action::new_local(move |req: &crate::api::NewApp| {
        let req = req.clone();
        let client = session.client();
        let token = session.customer_token.get_untracked().unwrap_or_default();
        async move {
            let created = client.create_app(&token, &req).await?;
            let app_token = client
                .issue_token(&TokenRequest {
                    id: created.app.app_id.clone(),
                    secret: created.app_secret.clone(),
                    entity: Entity::App,
                })
                .await;
            Ok::<Created, ApiError>((created, app_token))
        }
    });

    Effect::new(move |_| match create.value().get() {
        Some(Ok((created, Ok(token)))) => session.set_app_token(&created.app.app_id, token),
        Some(Err(e)) if e.is_unauthorized() => session.expire_customer(expired_reason(&e)),
        _ => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if create.pending().get_untracked() {
            return;
        }
        let form = AppForm {
            app_name: app_name.get_untracked(),
            account_sid: account_sid.get_untracked(),
            api_key: api_key.get_untracked(),
            api_token: api_token.get_untracked(),
            domain: domain.get_untracked(),
            is_active: is_active.get_untracked(),
        };
        match form.validate() {
            Ok(req) => {
                errors.set(Vec::new());
                create.dispatch(req);
            }
            Err(errs) => {
                focus_field(errs[0].field);
                errors.set(errs);
            }
        }
    };

    let created = move || match create.value().get() {
        Some(Ok(c)) => Some(c),
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
                    app_secret=c.app_secret.clone() detail_href=detail_href(&c.app.app_id)/>
                {token.err().map(|e| view! {
                    <Notice kind="warn" text=format!(
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
                    <TextField id="app-name" label="App name" value=app_name error=error_for("app-name") placeholder="e.g. WebRTC"/>
                    <TextField id="account-sid" label="Exotel Account SID" value=account_sid error=error_for("account-sid")
                        hint="From the Exotel dashboard, API settings."/>
                    <TextField id="api-key" label="Exotel API key" value=api_key error=error_for("api-key") secret=true/>
                    <TextField id="api-token" label="Exotel API token" value=api_token error=error_for("api-token") secret=true/>
                    <div class="field" class:invalid=move || error_for("domain").get().is_some()>
                        <label for="domain">"Exotel domain"</label>
                        <select id="domain" on:change=move |ev| domain.set(event_target_value(&ev)) prop:value=move || domain.get()
                            aria-invalid=move || error_for("domain").get().is_some().to_string() aria-describedby="domain-error">
                            <option value="">"Choose the account's cluster…"</option>
                            <option value="mumbai">"Mumbai"</option>
                            <option value="singapore">"Singapore"</option>
                        </select>
                        {move || error_for("domain").get().map(|e| view! { <p class="field-error" id="domain-error">{e}</p> })}
                    </div>
                    <div class="field checkbox">
                        <input id="is-active" type="checkbox" bind:checked=is_active/>
                        <label for="is-active">"Active (ready for calling)"</label>
                    </div>
                    {move || failure().map(|e| view! { <ErrorPanel action="Creating the app" error=e/> })}
                    <div class="actions">
                        <a class="btn" href="/">"Cancel"</a>
                        <button type="submit" class="btn btn-primary" disabled=move || create.pending().get()>
                            {move || if create.pending().get() { "Creating…" } else { "Create app" }}
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}

/// Moves focus to the first invalid field so keyboard users land on it.
fn focus_field(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
