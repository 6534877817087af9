//! One app (GET /app?entity=app with that app's token), addressed by its
//! AppID in the URL so the page deep-links and survives a reload. Data the
//! list already had shows at once; the authoritative read follows. Deleting
//! uses the app token only, then lists again to prove the app is gone
//! ([`delete_and_confirm`]).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{domain_label, ApiError, App};
use crate::features::app_detail::delete::DeleteDialog;
use crate::features::app_detail::delete_flow::{delete_and_confirm, DeleteDone, DeleteError};
use crate::features::app_detail::frame::{
    display_name, use_known_app_while_locked, AppFrame, AppTab,
};
use crate::features::app_detail::unlock::UnlockApp;
use crate::routes::use_app_id;
use crate::state::session::{use_session, Session};
use crate::ui::alert::ErrorPanel;
use crate::ui::copy_button::CopyButton;
use crate::ui::timestamp::Timestamp;
use crate::ui::toasts::{use_toasts, Toasts};

/// A delete the admin confirmed.
#[derive(Clone, Debug, PartialEq)]
struct DeleteRequest {
    /// The name shown when confirming, for the success message.
    app_name: String,
    /// A retry after an unknown outcome lists first: the app may be gone.
    check_first: bool,
}

/// How a delete ended, with the name it was confirmed by.
#[derive(Clone, Debug, PartialEq)]
struct DeleteOutcome {
    app_name: String,
    result: Result<DeleteDone, DeleteError>,
}

/// What the page's handlers share (all `Copy` handles).
#[derive(Clone, Copy)]
struct DetailState {
    session: Session,
    toasts: Toasts,
    app_id: Memo<String>,
    /// Why the unlock form shows, once a token was refused.
    unlock_reason: RwSignal<Option<String>>,
    dialog_open: RwSignal<bool>,
    /// Set after a delete whose outcome is unknown.
    check_first: StoredValue<bool>,
}

impl DetailState {
    /// Drops the refused app token; the unlock form then says why.
    fn ask_to_unlock(&self, why: String) {
        self.unlock_reason.set(Some(why));
        self.session.forget_app_token(&self.app_id.get_untracked());
    }

    /// The one place a delete's outcome is acted on. The name was already
    /// confirmed, so the dialog closes either way.
    fn settle_delete(&self, outcome: DeleteOutcome, on_deleted: impl Fn()) {
        self.dialog_open.set(false);
        match outcome.result {
            Ok(done) => {
                self.session.forget_app_token(&self.app_id.get_untracked());
                self.session.remember_apps(done.remaining_apps.into());
                self.toasts.success(format!(
                    "Deleted “{}”. Confirmed: it is no longer in your app list.",
                    outcome.app_name
                ));
                on_deleted();
            }
            Err(error) => self.after_failed_delete(error),
        }
    }

    /// The failure itself is explained on the page (with a retry where it
    /// helps); here go its consequences for the tokens and the next try.
    fn after_failed_delete(&self, error: DeleteError) {
        self.toasts
            .failure("Deleting the app failed; see the message on the page.");
        match error {
            DeleteError::Api(e) if e.is_unauthorized() => self.ask_to_unlock(format!(
                "Deleting failed because the app token was refused ({e}). Enter the AppSecret to get a new one."
            )),
            DeleteError::Unconfirmed(e) if e.is_unauthorized() => self.session.expire_customer(&e),
            DeleteError::Api(e) if e.outcome_unknown() => self.check_first.set_value(true),
            _ => {}
        }
    }
}

/// Deletes the page's app with the tokens the session holds when dispatched.
fn delete_action(state: DetailState) -> Action<DeleteRequest, DeleteOutcome> {
    Action::new_local(move |request: &DeleteRequest| {
        let request = request.clone();
        let session = state.session;
        let app_id = state.app_id.get_untracked();
        let app_token = session.app_token_untracked(&app_id);
        let customer_token = session.customer_token.get_untracked().unwrap_or_default();
        let client = session.client();
        async move {
            let token = app_token.as_deref();
            let result = delete_and_confirm(
                &client,
                token,
                &customer_token,
                &app_id,
                request.check_first,
            )
            .await;
            DeleteOutcome {
                app_name: request.app_name,
                result,
            }
        }
    })
}

/// The app as read with its own token; `None` while there is no token.
type Detail = LocalResource<Option<Result<App, ApiError>>>;

/// The authoritative read, with the stored app token (none: nothing to read).
fn load_detail(session: Session, token: Memo<Option<String>>) -> Detail {
    LocalResource::new(move || {
        let (token, client) = (token.get(), session.client());
        async move {
            match token {
                Some(t) => Some(client.get_app(&t).await),
                None => None,
            }
        }
    })
}

/// The one place the read's refused token is handled.
fn unlock_when_read_refused(detail: Detail, state: DetailState) {
    Effect::new(move |_| {
        if let Some(Some(Err(e))) = detail.get() {
            if e.is_unauthorized() {
                state.ask_to_unlock(format!(
                    "The stored app token was refused ({e}). Enter the AppSecret to get a new one."
                ));
            }
        }
    });
}

/// Hands each delete's outcome to [`DetailState::settle_delete`]; a
/// confirmed delete leaves for the apps list.
fn settle_each_delete(delete: Action<DeleteRequest, DeleteOutcome>, state: DetailState) {
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(outcome) = delete.value().get() {
            let navigate = navigate.clone();
            state.settle_delete(outcome, move || {
                navigate(crate::routes::APPS, NavigateOptions::default())
            });
        }
    });
}

#[component]
pub(crate) fn DetailPage() -> impl IntoView {
    let session = use_session();
    let app_id = use_app_id();
    let state = DetailState {
        session,
        toasts: use_toasts(),
        app_id,
        unlock_reason: RwSignal::new(None),
        dialog_open: RwSignal::new(use_query_map().get_untracked().get("delete").is_some()),
        check_first: StoredValue::new(false),
    };
    let token = Memo::new(move |_| session.app_token(&app_id.get()));
    let known = use_known_app_while_locked(app_id);
    let detail = load_detail(session, token);
    unlock_when_read_refused(detail, state);
    let shown = Signal::derive(move || match detail.get() {
        Some(Some(Ok(app))) => Some(app),
        _ => known.get(),
    });
    let display_name = Signal::derive(move || display_name(shown.get().as_ref(), &app_id.get()));
    let has_token = Signal::derive(move || token.get().is_some());
    let loading = Signal::derive(move || has_token.get() && detail.get().is_none());

    let delete = delete_action(state);
    settle_each_delete(delete, state);
    let start_delete = Callback::new(move |()| {
        delete.dispatch(DeleteRequest {
            app_name: display_name.get_untracked(),
            check_first: state.check_first.get_value(),
        });
    });
    let failure = Signal::derive(move || delete.value().get().and_then(|o| o.result.err()));

    view! {
        <section class="page narrow">
            <AppFrame
                tab=AppTab::Details
                app_id=app_id
                name=display_name
                actions=move || {
                    view! {
                        <DetailActions
                            loading=loading
                            has_token=has_token
                            on_refresh=Callback::new(move |()| detail.refetch())
                            on_delete=Callback::new(move |()| state.dialog_open.set(true))
                        />
                    }
                }
            >
                <AppBody shown=shown loading=loading detail=detail />
                <Show when=move || !has_token.get()>
                    <UnlockApp app_id=app_id.get_untracked() reason=state.unlock_reason />
                </Show>
            </AppFrame>
            <DeleteFailure failure=failure on_retry=start_delete />
            <DeleteDialog
                app_name=Signal::derive(move || shown.get().map(|a| a.app_name).unwrap_or_default())
                app_id=app_id.get_untracked()
                open=Signal::derive(move || state.dialog_open.get() && has_token.get())
                pending=delete.pending()
                on_confirm=start_delete
                on_cancel=Callback::new(move |()| state.dialog_open.set(false))
            />
        </section>
    }
}

/// The page's actions (shown once the app is unlocked).
#[component]
fn DetailActions(
    loading: Signal<bool>,
    has_token: Signal<bool>,
    on_refresh: Callback<()>,
    on_delete: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || loading.get()>
            <span class="muted refreshing" role="status">
                "Refreshing…"
            </span>
        </Show>
        <Show when=move || has_token.get()>
            <button type="button" class="btn" on:click=move |_| on_refresh.run(())>
                "Refresh"
            </button>
            <button type="button" class="btn btn-danger" on:click=move |_| on_delete.run(())>
                "Delete…"
            </button>
        </Show>
    }
}

/// The app's facts, a skeleton while the first read runs, or why it failed.
#[component]
fn AppBody(shown: Signal<Option<App>>, loading: Signal<bool>, detail: Detail) -> impl IntoView {
    // A refused token is not shown here: the unlock form explains it.
    let load_error = move || match detail.get() {
        Some(Some(Err(e))) if !e.is_unauthorized() && e != ApiError::Cancelled => Some(e),
        _ => None,
    };
    view! {
        {move || shown.get().map(|app| view! { <AppFacts app=app /> })}
        {move || {
            (shown.get().is_none() && loading.get())
                .then(|| {
                    view! {
                        <div class="skeleton" role="status">
                            <span class="visually-hidden">"Loading app…"</span>
                            <div class="skeleton-row"></div>
                            <div class="skeleton-row"></div>
                        </div>
                    }
                })
        }}
        {move || {
            load_error()
                .map(|e| {
                    view! {
                        <ErrorPanel
                            action="Loading the app"
                            error=e
                            on_retry=Callback::new(move |()| detail.refetch())
                        />
                    }
                })
        }}
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

#[component]
fn AppFacts(app: App) -> impl IntoView {
    let id = Signal::stored(app.app_id.clone());
    let customer = Signal::stored(app.customer_id.clone());
    view! {
        <dl class="card kv" data-testid="app-facts">
            <dt>"AppID"</dt>
            <dd>
                <code>{app.app_id.clone()}</code>
                <CopyButton value=id what="AppID" />
            </dd>
            <dt>"Customer ID"</dt>
            <dd>
                <code>{app.customer_id.clone()}</code>
                <CopyButton value=customer what="Customer ID" />
            </dd>
            <dt>"Exotel Account SID"</dt>
            <dd>{app.exotel_account_sid.clone()}</dd>
            <dt>"Exotel domain"</dt>
            <dd>{domain_label(&app.exotel_domain)}</dd>
            <dt>"Status"</dt>
            <dd>{if app.is_active { "Active" } else { "Inactive" }}</dd>
            <dt>"Created"</dt>
            <dd>
                <Timestamp value=app.created_at.clone() />
            </dd>
            <dt>"Updated"</dt>
            <dd>
                <Timestamp value=app.updated_at.clone() />
            </dd>
        </dl>
    }
}
