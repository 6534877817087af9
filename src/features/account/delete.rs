//! Deleting the customer (`DELETE /customer`): every app, user mapping and
//! setting under it goes too, and it cannot be undone. The dialog says so,
//! offers the apps as CSV first, and wants the customer's name typed. Once
//! deleted, the console signs out and says what happened; a failure leaves
//! the session as it was.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::customer::Customer;
use crate::api::{ApiError, App, CustomerApi, IntegrationsApi};
use crate::features::apps::export::{apps_file_name, render_apps};
use crate::features::errors::ErrorPanel;
use crate::features::list::export::ExportFormat;
use crate::state::session::{use_session, Session};
use crate::ui::dialog::Dialog;
use crate::ui::dom::download;
use crate::ui::typed_confirmation::TypedConfirmation;

/// What the admin types to confirm: the customer's name, or its ID when it
/// has none.
fn name_to_type(customer: &Customer) -> String {
    let name = customer.name.trim();
    if name.is_empty() {
        customer.customer_id.clone()
    } else {
        name.to_string()
    }
}

/// The sentence connect shows after the deletion.
fn deleted_notice(customer: &Customer) -> String {
    format!(
        "The customer “{}” ({}) was deleted, with every app, user mapping and setting under it.",
        name_to_type(customer),
        customer.customer_id
    )
}

/// Deletes the customer and acts on the outcome in one place: signed out
/// with the reason on success (the route guard then shows connect); a
/// refused token signs out as any refused token does; other failures stay
/// in the dialog, the session untouched.
fn delete_action(session: Session, customer: Customer) -> Action<(), Result<(), ApiError>> {
    Action::new_local(move |_: &()| {
        let (token, client) = (session.customer_token.get_untracked(), session.client());
        let customer = customer.clone();
        async move {
            let token = token.ok_or(ApiError::Cancelled)?;
            match client.delete_customer(&token).await {
                // Once this action has finished: signing out takes the
                // page (and the action) away.
                Ok(_) => leptos::task::spawn_local(async move {
                    session.sign_out(Some(deleted_notice(&customer)));
                }),
                Err(e) if e.is_unauthorized() => session.expire_customer(&e),
                Err(e) => return Err(e),
            }
            Ok(())
        }
    })
}

/// The customer's apps as CSV, from the tab's list, or listed now when the
/// tab has none.
async fn export_apps(session: Session) -> Result<(), ApiError> {
    let mut apps: Arc<Vec<App>> = session.known_apps.get_untracked();
    if apps.is_empty() {
        let token = session
            .customer_token
            .get_untracked()
            .ok_or(ApiError::Cancelled)?;
        apps = Arc::new(session.client().list_apps(&token).await?);
        session.remember_apps(apps.clone());
    }
    let format = ExportFormat::Csv;
    let text = render_apps(format, &apps);
    download(&apps_file_name(format), format.mime_type(), &text);
    Ok(())
}

#[component]
pub(crate) fn DeleteCustomer(customer: Customer) -> impl IntoView {
    let session = use_session();
    let open = RwSignal::new(false);
    let delete = delete_action(session, customer.clone());
    let export = Action::new_local(move |_: &()| export_apps(session));
    let failure = Signal::derive(move || delete.value().get().and_then(Result::err));
    let export_failure = Signal::derive(move || export.value().get().and_then(Result::err));
    let description = {
        let customer = customer.clone();
        move || {
            view! {
                "This permanently deletes the customer "
                <strong>{name_to_type(&customer)}</strong>
                " ("
                <code>{customer.customer_id.clone()}</code>
                ") "
                "with every app, user mapping and setting under it, and every token issued for \
                 them. It cannot be undone: export the apps first if you may need them."
            }
        }
    };
    view! {
        <section class="card danger-zone" aria-labelledby="danger-title">
            <h2 id="danger-title">"Delete this customer"</h2>
            <p>"Deletes the customer and everything under it. Exotel cannot undo it."</p>
            <button type="button" class="btn btn-danger" on:click=move |_| open.set(true)>
                "Delete customer…"
            </button>
        </section>
        <Dialog
            id="delete-customer"
            title="Delete the customer?"
            description=description
            open=open
            busy=delete.pending()
            on_close=Callback::new(move |()| open.set(false))
        >
            <p>
                <button
                    type="button"
                    class="btn"
                    on:click=move |_| {
                        export.dispatch(());
                    }
                >
                    "Export CSV of the apps"
                </button>
            </p>
            {move || {
                export_failure
                    .get()
                    .map(|e| view! { <ErrorPanel action="Listing the apps to export" error=e /> })
            }}
            {move || {
                failure
                    .get()
                    .map(|e| view! { <ErrorPanel action="Deleting the customer" error=e /> })
            }}
            <TypedConfirmation
                input_id="confirm-customer-delete"
                expected=name_to_type(&customer)
                button="Delete customer"
                pending_button="Deleting…"
                pending=delete.pending()
                on_confirm=Callback::new(move |()| {
                    delete.dispatch(());
                })
                on_cancel=Callback::new(move |()| open.set(false))
            />
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_typed_or_the_id_when_there_is_none() {
        let named = Customer {
            customer_id: "c1".into(),
            name: " Acme ".into(),
            ..Customer::default()
        };
        assert_eq!(name_to_type(&named), "Acme");
        let unnamed = Customer {
            customer_id: "c1".into(),
            ..Customer::default()
        };
        assert_eq!(name_to_type(&unnamed), "c1");
        assert_eq!(
            deleted_notice(&named),
            "The customer “Acme” (c1) was deleted, with every app, user mapping and setting under it."
        );
    }
}
