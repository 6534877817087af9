//! What the create page shows about an attempt: the validation summary, the
//! new app's secret, a failure, or an app an earlier attempt created.

use leptos::prelude::*;

use crate::api::{ApiError, App, AppToken, CreatedApp};
use crate::features::app_create::secret_panel::AppSecretPanel;
use crate::features::errors::ErrorPanel;
use crate::paths::app_href;
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::validation::FieldError;

/// Lists every problem at once when there is more than one (a single one
/// is clear enough next to its field).
#[component]
pub(crate) fn ErrorSummary(errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <Show when=move || { errors.with(|e| e.len() > 1) }>
            <div class="alert alert-error" role="alert">
                <p class="alert-title">"Some fields need attention"</p>
                <ul>
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|e| view! { <li>{e.message}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// The one-time secret of the new app, and a warning when the console
/// could not get its app token.
#[component]
pub(crate) fn CreatedView(app: CreatedApp, app_token: Result<AppToken, ApiError>) -> impl IntoView {
    let no_token = app_token.err().map(|e| {
        view! {
            <Notice
                kind=NoticeKind::Warn
                text=format!(
                    "The app exists, but the console could not get its app token ({e}). \
                Opening the app will ask for the AppSecret.",
                )
            />
        }
    });
    view! {
        <AppSecretPanel
            app_name=app.app.app_name.clone()
            app_id=app.app.app_id.to_string()
            app_secret=app.app_secret.clone()
            detail_href=app_href(&app.app.app_id)
        />
        {no_token}
    }
}

/// A failed attempt, with a reassurance when the app may exist anyway.
#[component]
pub(crate) fn FailurePanel(error: ApiError) -> impl IntoView {
    let hint = error.outcome_unknown().then(|| {
        view! {
            <Notice
                kind=NoticeKind::Info
                text="Your input is kept. The API may have created the app anyway: \
                pressing Create app again first checks your app list, so no duplicate is made."
            />
        }
    });
    view! {
        <ErrorPanel action="Creating the app" error />
        {hint}
    }
}

/// A retry found the app an earlier attempt created: its secret is lost, so
/// offer to open it or to create another anyway.
#[component]
pub(crate) fn AlreadyCreated(app: App, on_create_anyway: Callback<()>) -> impl IntoView {
    view! {
        <div class="alert alert-warn" role="alert" data-testid="already-created">
            <p class="alert-title">
                {format!("“{}” was created by the earlier attempt", app.app_name)}
            </p>
            <p>
                "Its AppSecret was in the answer that never arrived, so the console cannot show it. \
                 Open the app to delete it and create it again, or keep it if you have its secret."
            </p>
            <div class="actions">
                <a href=app_href(&app.app_id) class="btn">
                    "Open the app"
                </a>
                <button type="button" class="btn" on:click=move |_| on_create_anyway.run(())>
                    "Create another anyway"
                </button>
            </div>
        </div>
    }
}
