//! Create a customer (`POST /customer`, no token yet): where a customer ID
//! and secret come from in the first place. The secret is shown once, with
//! copy buttons and a `.env` download; **Sign in as this customer** trades
//! it for a token and drops it from memory. What the admin typed survives a
//! failure; a second press while one is on its way sends nothing.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::api_base::ApiBaseField;
use super::flow::BaseChoice;
use super::new_customer_flow::{check_new_customer, sign_in_as, NewCustomerForm, NewCustomerInput};
use crate::api::customer::CreatedCustomer;
use crate::api::{ApiError, CustomerApi};
use crate::features::errors::ErrorPanel;
use crate::paths::{APPS, CONNECT};
use crate::state::session::{use_session, Session};
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::field_id::FieldId;
use crate::ui::secret_panel::{SecretPanel, SecretRow};
use crate::ui::text_field::{field_error, TextField};
use crate::ui::toasts::use_toasts;
use crate::ui::validation::FieldError;

const MAY_EXIST: &str = "The API may have created the customer anyway: there is no way to list \
     customers, so a second try could create a second one. Check with Exotel before trying again.";

/// The form's inputs, one signal each.
#[derive(Clone, Copy)]
struct Form {
    base: RwSignal<BaseChoice>,
    custom_base: RwSignal<String>,
    name: RwSignal<String>,
    email: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
}

impl Form {
    /// Starts from the API the tab last chose.
    fn new(api_base: &str) -> Self {
        let base = BaseChoice::from_value(api_base);
        let custom = if base == BaseChoice::Custom {
            api_base.to_string()
        } else {
            String::new()
        };
        Form {
            base: RwSignal::new(base),
            custom_base: RwSignal::new(custom),
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            errors: RwSignal::new(Vec::new()),
        }
    }

    fn read(&self) -> NewCustomerForm {
        NewCustomerForm {
            base: self.base.get_untracked(),
            custom_base: self.custom_base.get_untracked(),
            name: self.name.get_untracked(),
            email: self.email.get_untracked(),
        }
    }
}

/// The customer just created, with the API base it lives on: held only
/// until the admin signs in with it.
type Created = RwSignal<Option<(String, CreatedCustomer)>>;

#[component]
pub(crate) fn NewCustomerPage() -> impl IntoView {
    let session = use_session();
    let form = Form::new(&session.api_base.get_untracked());
    let created: Created = RwSignal::new(None);
    let create = Action::new_local(move |input: &NewCustomerInput| {
        let input = input.clone();
        let client = session.client_for(input.api_base.clone());
        async move {
            let answer = client.create_customer(&input.customer).await?;
            created.try_set(Some((input.api_base, answer)));
            Ok(())
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if create.pending().get_untracked() {
            return;
        }
        match check_new_customer(&form.read()) {
            Ok(input) => {
                form.errors.set(Vec::new());
                create.dispatch(input);
            }
            Err(errors) => form.errors.set(errors),
        }
    };
    let failure = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <section class="page narrow">
            <h1>"Create a customer"</h1>
            <Show
                when=move || created.with(Option::is_none)
                fallback=move || view! { <CreatedCustomerPanel created=created /> }
            >
                <p class="lead">
                    "A customer owns applications. Creating one gives its Customer ID and secret, \
                     which sign in to this console."
                </p>
                <form class="card form" on:submit=on_submit novalidate=true>
                    <CustomerFields form=form />
                    <CreateFailure failure=failure />
                    <div class="actions">
                        <a href=CONNECT class="btn">
                            "Back to sign in"
                        </a>
                        <button
                            type="submit"
                            class="btn btn-primary"
                            disabled=move || create.pending().get()
                        >
                            {move || {
                                if create.pending().get() {
                                    "Creating…"
                                } else {
                                    "Create customer"
                                }
                            }}
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}

#[component]
fn CustomerFields(form: Form) -> impl IntoView {
    let error = move |field: FieldId| field_error(form.errors, field);
    view! {
        <ApiBaseField
            base=form.base
            custom_base=form.custom_base
            error=error(FieldId::CustomBase)
        />
        <TextField
            id=FieldId::NewCustomerName
            label="Customer name"
            value=form.name
            error=error(FieldId::NewCustomerName)
        />
        <TextField
            id=FieldId::NewCustomerEmail
            label="Email"
            value=form.email
            error=error(FieldId::NewCustomerEmail)
            hint="The customer's contact address."
        />
    }
}

/// Why the creation failed, and when it may have worked anyway.
#[component]
fn CreateFailure(failure: Signal<Option<ApiError>>) -> impl IntoView {
    move || {
        failure
            .get()
            .filter(|e| *e != ApiError::Cancelled)
            .map(|error| {
                let unknown = error.outcome_unknown();
                view! {
                    <ErrorPanel action="Creating the customer" error=error />
                    {unknown.then(|| view! { <Notice kind=NoticeKind::Warn text=MAY_EXIST /> })}
                }
            })
    }
}

/// The new customer's ID and secret, once, and signing in with them.
#[component]
fn CreatedCustomerPanel(created: Created) -> impl IntoView {
    let session = use_session();
    let sign_in = sign_in_action(session, created);
    let failure = Signal::derive(move || sign_in.value().get().and_then(Result::err));
    move || {
        let (_, customer) = created.get()?;
        let name = customer.customer.name.clone();
        let file_name = format!(
            "exotel-customer-{}.env",
            short(&customer.customer.customer_id)
        );
        Some(view! {
            <SecretPanel
                title=format!("“{name}” is created")
                save_now="Save the CustomerSecret now."
                why="Exotel shows it only once; this console drops it as soon as you sign in."
                rows=secret_rows(&customer)
                file_name=file_name
            >
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=move || sign_in.pending().get()
                    on:click=move |_| {
                        if !sign_in.pending().get_untracked() {
                            sign_in.dispatch(());
                        }
                    }
                >
                    "Sign in as this customer"
                </button>
            </SecretPanel>
            {move || {
                failure.get().map(|e| view! { <ErrorPanel action="Signing in" error=e /> })
            }}
        })
    }
}

fn secret_rows(created: &CreatedCustomer) -> Vec<SecretRow> {
    vec![
        SecretRow {
            label: "CustomerID",
            value: created.customer.customer_id.clone(),
            env: "EXOTEL_CUSTOMER_ID",
            test_id: "new-customer-id",
        },
        SecretRow {
            label: "CustomerSecret",
            value: created.secret.clone(),
            env: "EXOTEL_CUSTOMER_SECRET",
            test_id: "new-customer-secret",
        },
    ]
}

/// The first characters of an id, for a file name.
fn short(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect()
}

/// Trades the new customer's secret for a token, then forgets the secret:
/// the tab's session is the new customer's, and nothing else is kept.
fn sign_in_action(session: Session, created: Created) -> Action<(), Result<(), ApiError>> {
    let (toasts, navigate) = (use_toasts(), use_navigate());
    Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        let held = created.get_untracked();
        async move {
            let (api_base, customer) = held.ok_or(ApiError::Cancelled)?;
            let client = session.client_for(api_base.clone());
            let token = sign_in_as(&client, &customer).await?;
            created.try_set(None);
            // Another customer's app tokens must not outlive their session.
            session.sign_out(None);
            let id = customer.customer.customer_id.clone();
            session.sign_in(api_base, Some(id), token);
            toasts.success(format!(
                "Signed in as “{}”. The CustomerSecret is no longer held by this tab.",
                customer.customer.name
            ));
            navigate(APPS, Default::default());
            Ok(())
        }
    })
}
