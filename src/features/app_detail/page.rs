//! One app (GET /app?entity=app with that app's token), addressed by its
//! AppID in the URL so the page deep-links and survives a reload. Data the
//! list already had shows at once; the authoritative read follows. Deleting
//! uses the app token only, then lists again to prove the app is gone.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::routes::use_app_id;

use crate::api::{domain_label, ApiError, App};
use crate::features::app_detail::delete::ConfirmDelete;
use crate::features::app_detail::unlock::UnlockApp;
use crate::state::session::{find_app, use_session};
use crate::ui::alert::ErrorPanel;
use crate::ui::copy_button::CopyButton;
use crate::ui::timestamp::Timestamp;
use crate::ui::toasts::use_toasts;

#[derive(Clone, Debug, PartialEq)]
enum DeleteError {
    /// DELETE itself failed.
    Api(ApiError),
    /// DELETE answered success but listing again failed, so it is unproven.
    Unconfirmed(ApiError),
    /// DELETE answered success yet the app is still listed.
    StillListed,
    /// The app token vanished before the request (another tab signed out).
    NoAppToken,
}

#[component]
pub fn DetailPage() -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let query = use_query_map();
    let app_id = use_app_id();
    let token = Memo::new(move |_| session.app_token(&app_id.get()));
    let known = Memo::new(move |_| {
        session
            .known_apps
            .with(|apps| find_app(apps, &app_id.get()))
    });

    let detail = LocalResource::new(move || {
        let token = token.get();
        let client = session.client();
        async move {
            match token {
                Some(t) => Some(client.get_app(&t).await),
                None => None,
            }
        }
    });

    // A refused app token is dropped; the unlock form then says why.
    let unlock_reason = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Some(Err(e))) = detail.get() {
            if e.is_unauthorized() {
                unlock_reason.set(Some(format!(
                    "The stored app token was refused ({e}). Enter the AppSecret to get a new one."
                )));
                session.forget_app_token(&app_id.get_untracked());
            }
        }
    });

    let fresh = move || match detail.get() {
        Some(Some(Ok(app))) => Some(app),
        _ => None,
    };
    let shown = move || fresh().or_else(|| known.get());
    let loading = move || token.get().is_some() && detail.get().is_none();
    let load_error = move || match detail.get() {
        Some(Some(Err(e))) if !e.is_unauthorized() && e != ApiError::Cancelled => Some(e),
        _ => None,
    };

    let dialog_open = RwSignal::new(query.get_untracked().get("delete").is_some());
    // The input is the app's name, captured when the admin confirms, for the
    // success message.
    // A retry after a delete whose outcome is unknown lists first: the app
    // may already be gone, and its token with it.
    let delete_check_first = StoredValue::new(false);
    let delete = Action::new_local(move |name: &String| {
        let name = name.clone();
        let check_first = delete_check_first.get_value();
        let id = app_id.get_untracked();
        let app_token = session.app_token_untracked(&id);
        let customer_token = session.customer_token.get_untracked();
        let client = session.client();
        async move {
            // Never the customer token: the live API answers "Deleted
            // Successfully" to it and deletes nothing.
            let customer_token = customer_token.unwrap_or_default();
            if check_first {
                let listed = client
                    .list_apps(&customer_token)
                    .await
                    .map_err(DeleteError::Api)?;
                if !listed.iter().any(|a| a.app_id == id) {
                    return Ok((name, listed));
                }
            }
            let token = app_token.ok_or(DeleteError::NoAppToken)?;
            client.delete_app(&token).await.map_err(DeleteError::Api)?;
            let listed = client
                .list_apps(&customer_token)
                .await
                .map_err(DeleteError::Unconfirmed)?;
            if listed.iter().any(|a| a.app_id == id) {
                return Err(DeleteError::StillListed);
            }
            Ok((name, listed))
        }
    });
    let display_name = move || {
        shown()
            .map(|a| a.app_name)
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| app_id.get())
    };
    Effect::new(move |_| {
        if let Some(Ok((name, listed))) = delete.value().get() {
            let id = app_id.get_untracked();
            session.forget_app_token(&id);
            session.remember_apps(listed.into());
            dialog_open.set(false);
            toasts.success(format!(
                "Deleted “{name}”. Confirmed: it is no longer in your app list."
            ));
            navigate(crate::routes::APPS, Default::default());
        }
    });
    // A refused app token during delete: drop it and ask again (the dialog
    // returns once the app is unlocked). A refused customer token while
    // confirming: back to connect.
    // The error is shown on the page, with a retry where it helps; the name
    // was already confirmed, so the dialog closes.
    Effect::new(move |_| {
        if let Some(Err(_)) = delete.value().get() {
            dialog_open.set(false);
            toasts.failure("Deleting the app failed; see the message on the page.");
        }
    });
    Effect::new(move |_| match delete.value().get() {
        Some(Err(DeleteError::Api(e))) if e.is_unauthorized() => {
            unlock_reason.set(Some(format!(
                "Deleting failed because the app token was refused ({e}). Enter the AppSecret to get a new one."
            )));
            session.forget_app_token(&app_id.get_untracked());
        }
        Some(Err(DeleteError::Unconfirmed(e))) if e.is_unauthorized() => {
            session.expire_customer(&e);
        }
        Some(Err(DeleteError::Api(e))) if e.outcome_unknown() => delete_check_first.set_value(true),
        _ => {}
    });
    let delete_failure = move || {
        match delete.value().get() {
        Some(Err(DeleteError::Api(e))) if e.is_unauthorized() => None,
        Some(Err(DeleteError::Api(e))) => Some(view! {
            <ErrorPanel action="Deleting the app" error=e on_retry=Callback::new(move |_| { delete.dispatch(display_name()); })/>
        }.into_any()),
        Some(Err(DeleteError::Unconfirmed(e))) => Some(view! {
            <ErrorPanel action="Confirming the deletion (the API said it was deleted)" error=e/>
        }.into_any()),
        Some(Err(DeleteError::StillListed)) => Some(view! {
            <div class="alert alert-error" role="alert">
                <p class="alert-title">"The app is still listed"</p>
                <p>"The API answered that it deleted the app, but it still appears in your app list. It was not deleted; try again or contact Exotel support."</p>
            </div>
        }.into_any()),
        Some(Err(DeleteError::NoAppToken)) => Some(view! {
            <div class="alert alert-error" role="alert">"This app's token is no longer in this tab. Unlock the app again, then delete."</div>
        }.into_any()),
        _ => None,
    }
    };

    view! {
        <section class="page narrow">
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href=crate::routes::APPS>"Apps"</a><span aria-hidden="true">" / "</span><span>{display_name}</span></nav>
            <div class="page-head">
                <h1 data-testid="app-title">{display_name}</h1>
                <div class="actions">
                    <Show when=move || loading()>
                        <span class="muted refreshing" role="status">"Refreshing…"</span>
                    </Show>
                    <Show when=move || token.get().is_some()>
                        <button type="button" class="btn" on:click=move |_| detail.refetch()>"Refresh"</button>
                        <button type="button" class="btn btn-danger" on:click=move |_| dialog_open.set(true)>"Delete…"</button>
                    </Show>
                </div>
            </div>
            {move || shown().map(|app| view! { <AppFacts app=app/> })}
            {move || (shown().is_none() && loading()).then(|| view! {
                <div class="skeleton" role="status"><span class="visually-hidden">"Loading app…"</span><div class="skeleton-row"></div><div class="skeleton-row"></div></div>
            })}
            {move || load_error().map(|e| view! {
                <ErrorPanel action="Loading the app" error=e on_retry=Callback::new(move |_| detail.refetch())/>
            })}
            <Show when=move || token.get().is_none()>
                <UnlockApp app_id=app_id.get_untracked() reason=unlock_reason/>
            </Show>
            {delete_failure}
            <Show when=move || dialog_open.get() && token.get().is_some()>
                <ConfirmDelete
                    app_name=shown().map(|a| a.app_name).unwrap_or_default()
                    app_id=app_id.get_untracked()
                    pending=delete.pending()
                    on_confirm=Callback::new(move |_| { delete.dispatch(display_name()); })
                    on_cancel=Callback::new(move |_| dialog_open.set(false))/>
            </Show>
        </section>
    }
}

#[component]
fn AppFacts(app: App) -> impl IntoView {
    let id = Signal::stored(app.app_id.clone());
    let customer = Signal::stored(app.customer_id.clone());
    view! {
        <dl class="card kv" data-testid="app-facts">
            <dt>"AppID"</dt>
            <dd><code>{app.app_id.clone()}</code> <CopyButton value=id what="AppID"/></dd>
            <dt>"Customer ID"</dt>
            <dd><code>{app.customer_id.clone()}</code> <CopyButton value=customer what="Customer ID"/></dd>
            <dt>"Exotel Account SID"</dt>
            <dd>{app.exotel_account_sid.clone()}</dd>
            <dt>"Exotel domain"</dt>
            <dd>{domain_label(&app.exotel_domain)}</dd>
            <dt>"Status"</dt>
            <dd>{if app.is_active { "Active" } else { "Inactive" }}</dd>
            <dt>"Created"</dt>
            <dd><Timestamp value=app.created_at.clone()/></dd>
            <dt>"Updated"</dt>
            <dd><Timestamp value=app.updated_at.clone()/></dd>
        </dl>
    }
}
