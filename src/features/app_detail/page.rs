//! The details of an unlocked app (`GET /app?entity=app` with its token).
//! Data the tab already had shows at once; the authoritative read follows
//! and becomes the app's newest copy (the frame's name included).
//! Deleting uses the app token only, then lists again to prove the app is
//! gone ([`delete_and_confirm`]). A refused token is the gate's business:
//! the unlock form takes this page's place.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::delete::DeleteDialog;
use super::delete_flow::{delete_and_confirm, DeleteError};
use crate::api::{ApiError, App, IntegrationsApi};
use crate::features::app_shell::facts::AppFacts;
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::changes::log::change_record;
use crate::features::changes::record::{Batch, Outcome, Subject, Write};
use crate::features::errors::ErrorPanel;
use crate::paths::APPS;
use crate::state::session::{use_session, Session};
use crate::ui::toasts::use_toasts;

/// The app as read with its own token.
type Detail = LocalResource<Result<App, ApiError>>;

/// The authoritative read; a success is also the app's newest copy.
fn read_detail(app: &UnlockedApp) -> Detail {
    let app = app.clone();
    LocalResource::new(move || {
        let (client, token, known) = (app.client(), app.token.clone(), app.known);
        async move {
            let read = client.get_app(&token).await;
            if let Ok(fresh) = &read {
                known.fresh.try_set(Some(fresh.clone()));
            }
            read
        }
    })
}

/// Deletes the app and proves it, then acts on the outcome in one place:
/// the dialog closes (the name was confirmed either way); a confirmed
/// delete leaves for the apps list; a delete whose outcome is unknown makes
/// the next attempt list first.
fn delete_action(
    app: &UnlockedApp,
    dialog_open: RwSignal<bool>,
) -> Action<(), Result<(), DeleteError>> {
    let (session, toasts, navigate) = (use_session(), use_toasts(), use_navigate());
    let check_first = StoredValue::new(false);
    let app = app.clone();
    Action::new_local(move |_: &()| {
        let (app, navigate) = (app.clone(), navigate.clone());
        let customer_token = session.customer_token.get_untracked();
        let check = check_first.get_value();
        async move {
            let Some(customer_token) = customer_token else {
                return Ok(()); // Signed out meanwhile: the guard shows connect.
            };
            let (client, name) = (app.client(), app.name.get_untracked());
            let result =
                delete_and_confirm(&client, Some(&app.token), &customer_token, &app.id, check)
                    .await;
            dialog_open.try_set(false);
            match &result {
                Ok(done) => {
                    record_deleted(session, &app, &name, done.request_id.clone());
                    session.remember_apps(done.remaining_apps.clone().into());
                    toasts.success(format!(
                        "Deleted “{name}”. Confirmed: it is no longer in your app list."
                    ));
                    navigate(APPS, NavigateOptions::default());
                    session.forget_app_token(&app.id);
                }
                Err(DeleteError::Unconfirmed(e)) if e.is_unauthorized() => {
                    session.expire_customer(e)
                }
                Err(DeleteError::Api(e)) if e.outcome_unknown() => {
                    check_first.try_set_value(true);
                }
                Err(_) => {}
            }
            if result.is_err() {
                toasts.failure("Deleting the app failed; see the message on the page.");
            }
            result.map(|_| ())
        }
    })
}

/// The app's deletion in the change record.
fn record_deleted(session: Session, app: &UnlockedApp, name: &str, request_id: Option<String>) {
    change_record(session.memory).record(Batch {
        app_id: app.id.to_string(),
        app_name: name.to_string(),
        undoes: None,
        writes: vec![Write {
            subject: Subject::AppDeleted,
            before: Some(name.to_string()),
            after: None,
            outcome: Outcome::Done,
            request_id,
        }],
    });
}

#[component]
pub(crate) fn DetailPage() -> impl IntoView {
    let app = use_unlocked_app();
    let detail = read_detail(&app);
    let dialog_open = RwSignal::new(use_query_map().get_untracked().get("delete").is_some());
    let delete = delete_action(&app, dialog_open);
    let failure = Signal::derive(move || delete.value().get().and_then(Result::err));
    let start_delete = Callback::new(move |()| {
        delete.dispatch(());
    });
    let (known, id) = (app.known, app.id.clone());
    let listed = Signal::derive(move || known.app(&id));
    view! {
        <div class="tab-actions">
            <Show when=move || detail.get().is_none()>
                <span class="muted refreshing" role="status">
                    "Refreshing…"
                </span>
            </Show>
            <button type="button" class="btn" on:click=move |_| detail.refetch()>
                "Refresh"
            </button>
            <button type="button" class="btn btn-danger" on:click=move |_| dialog_open.set(true)>
                "Delete…"
            </button>
        </div>
        <AppBody detail=detail listed=listed />
        <DeleteFailure failure=failure on_retry=start_delete />
        <DeleteDialog
            app_name=app.name
            app_id=app.id.clone()
            open=dialog_open
            pending=delete.pending()
            on_confirm=start_delete
            on_cancel=Callback::new(move |()| dialog_open.set(false))
        />
    }
}

/// The app's facts: what the tab knew while the first read runs (or a
/// skeleton), then what the read found, or why it failed.
#[component]
fn AppBody(detail: Detail, listed: Signal<Option<App>>) -> impl IntoView {
    let before_read = move || match listed.get() {
        Some(app) => view! { <AppFacts app=app /> }.into_any(),
        None => view! { <FactsSkeleton /> }.into_any(),
    };
    view! {
        <Transition fallback=before_read>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(app) => view! { <AppFacts app=app /> }.into_any(),
                    Err(e) if e.is_unauthorized() || e == ApiError::Cancelled => ().into_any(),
                    Err(e) => {
                        // The gate answers a refused token; a dropped read says nothing.
                        view! {
                            {listed.get_untracked().map(|app| view! { <AppFacts app=app /> })}
                            <ErrorPanel
                                action="Loading the app"
                                error=e
                                on_retry=Callback::new(move |()| detail.refetch())
                            />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn FactsSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" role="status">
            <span class="visually-hidden">"Loading app…"</span>
            <div class="skeleton-row"></div>
            <div class="skeleton-row"></div>
        </div>
    }
}

const STILL_LISTED: &str =
    "The API answered that it deleted the app, but it still appears in your app list. \
     It was not deleted; try again or contact Exotel support.";
const NO_APP_TOKEN: &str =
    "This app's token is no longer in this tab. Unlock the app again, then delete.";

/// Why the last delete failed. A refused app token shows as the unlock
/// form's reason instead.
#[component]
fn DeleteFailure(failure: Signal<Option<DeleteError>>, on_retry: Callback<()>) -> impl IntoView {
    const CONFIRMING: &str = "Confirming the deletion (the API said it was deleted)";
    move || match failure.get()? {
        DeleteError::Api(e) if e.is_unauthorized() => None,
        DeleteError::Api(e) => Some(
            view! { <ErrorPanel action="Deleting the app" error=e on_retry=on_retry /> }.into_any(),
        ),
        DeleteError::Unconfirmed(e) => {
            Some(view! { <ErrorPanel action=CONFIRMING error=e /> }.into_any())
        }
        DeleteError::StillListed => Some(
            view! {
                <div class="alert alert-error" role="alert">
                    <p class="alert-title">"The app is still listed"</p>
                    <p>{STILL_LISTED}</p>
                </div>
            }
            .into_any(),
        ),
        DeleteError::NoAppToken => Some(
            view! {
                <div class="alert alert-error" role="alert">
                    {NO_APP_TOKEN}
                </div>
            }
            .into_any(),
        ),
    }
}
