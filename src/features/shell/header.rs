//! The top bar: product name, which API the console talks to, who is signed
//! in and until when, and sign-out.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::CustomerApi;
use crate::features::shell::theme_toggle::ThemeToggle;
use crate::paths::{ACCOUNT, APPS, CHANGES, CONNECT};
use crate::state::config::describe_base;
use crate::state::session::use_session;
use crate::ui::copy_button::CopyButton;
use crate::ui::text::short_id;
use crate::ui::timestamp::{local_date, local_date_time};

/// ("Token expires 2027-02-24", the full local date and time) for a unix time.
fn expiry_text(exp: u64) -> (String, String) {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(exp as f64 * 1000.0));
    let day = local_date(&date);
    let full = local_date_time(&date);
    let verb = if (exp as f64) * 1000.0 < js_sys::Date::now() {
        "expired"
    } else {
        "expires"
    };
    (format!("Token {verb} {day}"), full)
}

#[component]
pub(crate) fn Header() -> impl IntoView {
    let session = use_session();
    view! {
        <header class="topbar">
            <a href=APPS class="brand">
                <span class="brand-mark" aria-hidden="true">
                    "◆"
                </span>
                "Exotel Integrations Console"
            </a>
            <div class="endpoint" title="API base URL">
                <span class="muted">"API: "</span>
                <code data-testid="api-endpoint">
                    {move || describe_base(&session.api_base.get())}
                </code>
            </div>
            <div class="tools">
                // A plain link (the router takes its click): hidden, not
                // unmounted, when signed out, which keeps the first load small.
                <a
                    href=CHANGES
                    class="btn btn-ghost"
                    data-testid="changes-link"
                    hidden=move || !session.is_signed_in()
                >
                    "Changes"
                </a>
                <button
                    type="button"
                    class="btn btn-ghost"
                    aria-pressed=move || session.log.open.get().to_string()
                    on:click=move |_| session.log.open.update(|o| *o = !*o)
                    data-testid="log-toggle"
                    aria-label=move || {
                        format!("Request log ({})", session.log.entries.with(Vec::len))
                    }
                >
                    {move || format!("Log ({})", session.log.entries.with(Vec::len))}
                </button>
                <ThemeToggle />
            </div>
            <Show when=move || session.is_signed_in()>
                <SignedInAs />
            </Show>
        </header>
    }
}

/// Who is signed in, until when, and sign-out.
#[component]
fn SignedInAs() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = move |_| {
        session.sign_out(Some(
            "You signed out. Every token was cleared from this tab.".into(),
        ));
        navigate(CONNECT, Default::default());
    };
    view! {
        <div class="session">
            <div class="who">
                <CustomerRecord />
                {move || {
                    session
                        .customer_id
                        .get()
                        .map(|id| {
                            view! {
                                <span class="muted">"Customer "</span>
                                <code data-testid="customer-id" title=id.clone()>
                                    {short_id(&id)}
                                </code>
                                <CopyButton value=Signal::stored(id.clone()) what="Customer ID" />
                            }
                        })
                }}
                {move || {
                    session
                        .customer_token_expiry()
                        .map(|exp| {
                            let (text, full) = expiry_text(exp);
                            view! {
                                <span class="expiry" data-testid="token-expiry" title=full>
                                    {text}
                                </span>
                            }
                        })
                }}
            </div>
            <button type="button" class="btn" on:click=sign_out>
                "Sign out"
            </button>
        </div>
    }
}

/// The customer's name and email (`GET /customer`), read once per token,
/// the name linking to the Account page. The answer's CustomerSecret is
/// dropped while decoding ([`crate::api::customer::Customer`] has no field
/// for it). After a failed read the link still leads there, where the read
/// is tried again and its failure explained; a refused token is handled by
/// the page's own calls.
#[component]
fn CustomerRecord() -> impl IntoView {
    let session = use_session();
    let record = LocalResource::new(move || {
        let token = session.customer_token.get();
        let client = session.client();
        async move { Some(client.get_customer(&token?).await.ok()) }
    });
    move || {
        record.get().flatten().map(|read| {
            let (name, email) = match read {
                Some(c) => (c.name, c.email),
                None => ("Account".to_string(), "(name not read)".to_string()),
            };
            view! {
                <span class="customer" data-testid="customer">
                    <a href=ACCOUNT class="customer-name" title="Account">
                        {name}
                        <span class="visually-hidden">" (account)"</span>
                    </a>
                    <span class="muted">{email}</span>
                </span>
            }
        })
    }
}
