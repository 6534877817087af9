//! Sign in: pick the API, then either exchange Customer ID + secret for a
//! customer token (POST /token) or paste a token already issued. Only the
//! token is kept (session storage); the secret is wiped once used.

use crate::ui::field_id::FieldId;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{client::normalize_token, ApiError, Entity, TokenRequest};
use crate::routes::safe_next;
use crate::state::config::PRESETS;
use crate::state::session::use_session;
use crate::ui::alert::{ErrorPanel, Notice, NoticeKind};
use crate::ui::text_field::{field_error, TextField};
use crate::ui::validation::{check_text, check_token, FieldError};

const CUSTOM: &str = "custom";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Secret,
    Token,
}

/// The base URL the admin chose, validated.
fn chosen_base(preset: &str, custom: &str, errors: &mut Vec<FieldError>) -> String {
    if preset != CUSTOM {
        return preset.to_string();
    }
    let url = check_text(FieldId::CustomBase, "Custom API base URL", custom, errors);
    let ok = url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/');
    if !url.is_empty() && !ok {
        errors.push(FieldError {
            field: FieldId::CustomBase,
            message: "Custom API base URL must start with https://, http:// or /.".into(),
        });
    }
    url.trim_end_matches('/').to_string()
}

#[component]
pub fn ConnectPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();

    let current = session.api_base.get_untracked();
    let is_preset = PRESETS.iter().any(|(_, url)| *url == current);
    let preset = RwSignal::new(if is_preset {
        current.clone()
    } else {
        CUSTOM.to_string()
    });
    let custom = RwSignal::new(if is_preset { String::new() } else { current });
    let method = RwSignal::new(Method::Secret);
    let customer_id = RwSignal::new(session.customer_id.get_untracked().unwrap_or_default());
    let secret = RwSignal::new(String::new());
    let pasted = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let error_for = move |field: FieldId| field_error(errors, field);

    // The request: either a token exchange, or a pasted token checked by
    // listing the apps (a read-only customer-token call), so a wrong paste is
    // caught here and not on the next page.
    let connect = Action::new_local(move |input: &(String, Option<String>, Method, String)| {
        let (base, id, method, credential) = input.clone();
        let client = session.client_for(base.clone());
        async move {
            let token = match method {
                Method::Secret => {
                    let req = TokenRequest {
                        id: id.clone().unwrap_or_default(),
                        secret: credential,
                        entity: Entity::Customer,
                    };
                    client.issue_token(&req).await?
                }
                Method::Token => {
                    let apps = client.list_apps(&credential).await?;
                    return Ok::<_, ApiError>((base, id, credential, Some(apps)));
                }
            };
            Ok((base, id, token, None))
        }
    });

    Effect::new(move |_| {
        if let Some(Ok((base, id, token, apps))) = connect.value().get() {
            // Drop the secret from memory as soon as the token exists.
            secret.set(String::new());
            pasted.set(String::new());
            session.sign_in(base, id, token);
            if let Some(apps) = apps {
                session.remember_apps(apps.into());
            }
            let next = safe_next(query.get_untracked().get("next"));
            navigate(&next, Default::default());
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if connect.pending().get_untracked() {
            return;
        }
        let mut errs = Vec::new();
        let base = chosen_base(&preset.get_untracked(), &custom.get_untracked(), &mut errs);
        let m = method.get_untracked();
        let (id, credential) = match m {
            Method::Secret => {
                let id = check_text(
                    FieldId::CustomerId,
                    "Customer ID",
                    &customer_id.get_untracked(),
                    &mut errs,
                );
                let s = check_text(
                    FieldId::CustomerSecret,
                    "Customer secret",
                    &secret.get_untracked(),
                    &mut errs,
                );
                (Some(id), s)
            }
            Method::Token => {
                let t = check_token(
                    FieldId::CustomerToken,
                    "Customer token",
                    &pasted.get_untracked(),
                    &mut errs,
                );
                (None, normalize_token(&t))
            }
        };
        errors.set(errs.clone());
        if errs.is_empty() {
            connect.dispatch((base, id, m, credential));
        }
    };

    let failure = move || match connect.value().get() {
        Some(Err(e)) if e != ApiError::Cancelled => Some(e),
        _ => None,
    };

    view! {
        <section class="page narrow">
            <h1>"Connect to the integrations API"</h1>
            <p class="lead">"Sign in with your Exotel customer credentials. The token stays in this tab only and is cleared when you sign out or close it."</p>
            {move || session.notice.get().map(|n| view! { <Notice text=n kind=NoticeKind::Warn/> })}
            <form class="card form" on:submit=on_submit novalidate=true>
                <div class="field">
                    <label for="api-base">"API base URL"</label>
                    <select id="api-base" on:change=move |ev| preset.set(event_target_value(&ev)) prop:value=move || preset.get()>
                        {PRESETS.iter().map(|(label, url)| view! {
                            <option value=*url selected=move || preset.get() == *url>{*label}</option>
                        }).collect_view()}
                        <option value=CUSTOM selected=move || preset.get() == CUSTOM>"Custom URL…"</option>
                    </select>
                </div>
                <Show when=move || preset.get() == CUSTOM>
                    <TextField id=FieldId::CustomBase label="Custom API base URL" value=custom error=error_for(FieldId::CustomBase)
                        placeholder="https://host/v2/integrations" hint="The API prefix, without /token or /app."/>
                </Show>

                <fieldset class="segmented">
                    <legend>"Sign in with"</legend>
                    <label><input type="radio" name="method" checked=move || method.get() == Method::Secret
                        on:change=move |_| method.set(Method::Secret)/>"Customer ID and secret"</label>
                    <label><input type="radio" name="method" checked=move || method.get() == Method::Token
                        on:change=move |_| method.set(Method::Token)/>"An existing customer token"</label>
                </fieldset>

                <Show when=move || method.get() == Method::Secret
                    fallback=move || view! {
                        <TextField id=FieldId::CustomerToken label="Customer token" value=pasted secret=true
                            error=error_for(FieldId::CustomerToken) hint="Paste the token as issued (no “Bearer ” prefix needed)."/>
                    }>
                    <TextField id=FieldId::CustomerId label="Customer ID" value=customer_id error=error_for(FieldId::CustomerId)/>
                    <TextField id=FieldId::CustomerSecret label="Customer secret" value=secret secret=true error=error_for(FieldId::CustomerSecret)/>
                </Show>

                {move || failure().map(|e| view! { <ErrorPanel action="Signing in" error=e/> })}

                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || connect.pending().get()>
                        {move || if connect.pending().get() { "Connecting…" } else { "Connect" }}
                    </button>
                </div>
            </form>
        </section>
    }
}
