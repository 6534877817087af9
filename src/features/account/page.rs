//! `/account`: the customer the tab is signed in as (`GET /customer`, its
//! secret dropped while decoding): name, email, ID and when the token
//! expires. A failed read says so, with a retry.

use leptos::prelude::*;

use super::delete::DeleteCustomer;
use crate::api::customer::Customer;
use crate::api::{ApiError, CustomerApi};
use crate::features::errors::ErrorPanel;
use crate::state::session::{use_session, Session};
use crate::ui::copy_button::CopyButton;
use crate::ui::timestamp::Timestamp;

/// The customer as read with the tab's token.
type Record = LocalResource<Result<Customer, ApiError>>;

/// The read; a refused token signs out with the reason (the guard then
/// brings the admin back here after signing in again).
fn read_customer(session: Session) -> Record {
    LocalResource::new(move || {
        let (token, client) = (session.customer_token.get(), session.client());
        async move {
            let token = token.ok_or(ApiError::Cancelled)?;
            let read = client.get_customer(&token).await;
            if let Err(e) = &read {
                if e.is_unauthorized() {
                    session.expire_customer(e);
                }
            }
            read
        }
    })
}

#[component]
pub(crate) fn AccountPage() -> impl IntoView {
    let session = use_session();
    let record = read_customer(session);
    let skeleton = || {
        view! {
            <div class="skeleton" role="status">
                <span class="visually-hidden">"Loading the customer…"</span>
                <div class="skeleton-row"></div>
                <div class="skeleton-row"></div>
            </div>
        }
    };
    view! {
        <section class="page narrow">
            <h1>"Account"</h1>
            <p class="lead">"The Exotel customer this tab is signed in as."</p>
            <Transition fallback=skeleton>
                {move || Suspend::new(async move {
                    match record.await {
                        Ok(customer) => view! { <AccountView customer=customer /> }.into_any(),
                        Err(e) => {
                            let retry = Callback::new(move |()| record.refetch());
                            view! {
                                <ErrorPanel action="Reading the customer" error=e on_retry=retry />
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AccountView(customer: Customer) -> impl IntoView {
    view! {
        <CustomerFacts customer=customer.clone() />
        <DeleteCustomer customer=customer />
    }
}

#[component]
fn CustomerFacts(customer: Customer) -> impl IntoView {
    let session = use_session();
    let id = Signal::stored(customer.customer_id.clone());
    let expiry = session
        .customer_token_expiry()
        .map(|exp| view! { <Timestamp value=unix_to_rfc3339(exp) /> });
    view! {
        <dl class="card kv" data-testid="customer-facts">
            <dt>"Customer name"</dt>
            <dd>{customer.name}</dd>
            <dt>"Email"</dt>
            <dd>{customer.email}</dd>
            <dt>"Customer ID"</dt>
            <dd>
                <code>{customer.customer_id}</code>
                <CopyButton value=id what="Customer ID" />
            </dd>
            <dt>"Token expires"</dt>
            <dd>
                {expiry.map_or_else(|| "Not stated by the token".into_any(), IntoAny::into_any)}
            </dd>
            <dt>"Created"</dt>
            <dd>
                <Timestamp value=customer.created_at />
            </dd>
        </dl>
    }
}

/// A unix time as RFC 3339 (UTC), the text [`Timestamp`] reads.
fn unix_to_rfc3339(secs: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(secs as f64 * 1000.0));
    String::from(date.to_iso_string())
}
