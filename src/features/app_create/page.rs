//! Register an app (POST /app with the customer token). Validation names
//! every missing field before any request; what the admin typed survives any
//! failure (even a trip through connect after a 401); a second submit is
//! impossible while one is in flight. On success the one-time secret panel
//! appears and the console obtains the app token at once, so detail and
//! delete work without asking for the secret. The flow itself, including
//! the check for an app an earlier attempt may have created, is in `flow`.

use leptos::prelude::*;
use reactive_stores::{ArcStore, Store};

use crate::api::ApiError;
use crate::features::app_create::fields::AppFormFields;
use crate::features::app_create::flow::{create_once, Attempt, Baseline, CreateOutcome};
use crate::features::app_create::form::AppForm;
use crate::features::app_create::panels::{
    AlreadyCreated, CreatedView, ErrorSummary, FailurePanel,
};
use crate::features::changes::log::change_record;
use crate::features::changes::record::{Batch, Outcome, Subject, Write};
use crate::paths::APPS;
use crate::state::session::{use_session, Session};
use crate::ui::dom::focus_by_id;
use crate::ui::toasts::{use_toasts, Toasts};
use crate::ui::validation::FieldError;

/// What one attempt ends with, as the action holds it.
type CreateResult = Result<CreateOutcome, ApiError>;

#[component]
pub(crate) fn CreatePage() -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let draft = use_draft(session);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // Set after an attempt whose outcome is unknown (see `flow`).
    let baseline = StoredValue::new(None::<Baseline>);

    let create = create_action(Settle {
        session,
        toasts,
        draft,
        baseline,
    });

    let submit =
        move |check_first: bool| submit_attempt(create, draft, errors, baseline, check_first);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(true);
    };
    let create_anyway = Callback::new(move |()| submit(false));

    let created = move || match create.value().get() {
        Some(Ok(CreateOutcome::Created { app, app_token, .. })) => Some((app, app_token)),
        _ => None,
    };
    let already = move || match create.value().get() {
        Some(Ok(CreateOutcome::AlreadyThere(app))) => Some(app),
        _ => None,
    };
    let failure = move || match create.value().get() {
        Some(Err(e)) if e != ApiError::Cancelled => Some(e),
        _ => None,
    };
    let pending = create.pending();

    view! {
        <section class="page narrow">
            <Show
                when=move || created().is_none()
                fallback=move || {
                    created().map(|(app, app_token)| view! { <CreatedView app app_token /> })
                }
            >
                <h1>"New app"</h1>
                <p class="lead">
                    "Register an application under your customer account. Every field is required."
                </p>
                <form class="card form" on:submit=on_submit novalidate=true>
                    <ErrorSummary errors />
                    <AppFormFields draft errors />
                    {move || failure().map(|error| view! { <FailurePanel error /> })}
                    {move || {
                        already()
                            .map(|app| {
                                view! { <AlreadyCreated app on_create_anyway=create_anyway /> }
                            })
                    }}
                    <FormActions pending />
                </form>
            </Show>
        </section>
    }
}

/// Validates the draft and, when it is whole, sends it; otherwise names
/// every problem and focuses the first. `check_first`: look for an app an
/// earlier attempt with an unknown outcome may have created.
fn submit_attempt(
    create: Action<Attempt, CreateResult>,
    draft: Store<AppForm>,
    errors: RwSignal<Vec<FieldError>>,
    baseline: StoredValue<Option<Baseline>>,
    check_first: bool,
) {
    if create.pending().get_untracked() {
        return;
    }
    match draft.get_untracked().validate() {
        Ok(app) => {
            errors.set(Vec::new());
            let baseline = if check_first {
                baseline.get_value()
            } else {
                None
            };
            create.dispatch(Attempt { app, baseline });
        }
        Err(errs) => {
            focus_by_id(errs[0].field.dom_id());
            errors.set(errs);
        }
    }
}

/// Cancel and Create app.
#[component]
fn FormActions(pending: Memo<bool>) -> impl IntoView {
    view! {
        <div class="actions">
            <a class="btn" href=APPS>
                "Cancel"
            </a>
            <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                {move || if pending.get() { "Creating…" } else { "Create app" }}
            </button>
        </div>
    }
}

/// The form's draft, kept in the tab's memory: a trip through connect
/// after a 401 loses nothing.
#[derive(Clone, Default)]
struct DraftMemory(ArcStore<AppForm>);

fn use_draft(session: Session) -> Store<AppForm> {
    Store::from(session.memory.entry::<DraftMemory>("").0)
}

/// The create action; its result is acted on in its own future.
fn create_action(settle: Settle) -> Action<Attempt, CreateResult> {
    let session = settle.session;
    Action::new_local(move |attempt: &Attempt| {
        let attempt = attempt.clone();
        let client = session.client();
        let customer_token = session.customer_token.get_untracked();
        async move {
            // Signed out meanwhile: the guard shows connect.
            let token = customer_token.ok_or(ApiError::Cancelled)?;
            let result = create_once(&client, &token, &attempt).await;
            settle.settle(&result);
            result
        }
    })
}

/// The app's creation in the change record (its name, never its secret).
fn record_created(session: Session, app: &crate::api::App, request_id: Option<String>) {
    change_record(session.memory).record(Batch {
        app_id: app.app_id.to_string(),
        app_name: app.app_name.clone(),
        undoes: None,
        writes: vec![Write {
            subject: Subject::AppCreated,
            before: None,
            after: Some(app.app_name.clone()),
            outcome: Outcome::Done,
            request_id,
        }],
    });
}

/// What an attempt's result changes beyond the page: toasts, the session's
/// app tokens and the draft, and the baseline the next attempt checks
/// against.
#[derive(Clone, Copy)]
struct Settle {
    session: Session,
    toasts: Toasts,
    draft: Store<AppForm>,
    baseline: StoredValue<Option<Baseline>>,
}

impl Settle {
    fn settle(&self, result: &CreateResult) {
        let Settle {
            session,
            toasts,
            draft,
            baseline,
        } = *self;
        match result {
            Ok(CreateOutcome::Created {
                app,
                app_token,
                request_id,
            }) => {
                toasts.success(format!("Created “{}”.", app.app.app_name));
                record_created(session, &app.app, request_id.clone());
                if let Ok(token) = app_token {
                    session.set_app_token(&app.app.app_id, token.clone());
                }
                draft.set(AppForm::default());
                baseline.set_value(None);
            }
            Err(e) if e.is_unauthorized() => session.expire_customer(e),
            Ok(CreateOutcome::AlreadyThere(_)) | Err(ApiError::Cancelled) => {}
            Err(e) => {
                toasts.failure(format!("Creating the app failed: {}", e.title()));
                let known = session.known_apps.get_untracked();
                baseline
                    .update_value(|kept| *kept = Baseline::after_failure(kept.take(), e, &known));
            }
        }
    }
}
