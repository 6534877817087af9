//! The customer's apps (GET /app?entity=customer): a table with refresh,
//! an empty state inviting the first app, and row links to detail.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{ApiError, App, IntegrationsApi};
use crate::features::apps::list_view::AppListView;
use crate::features::errors::ErrorPanel;
use crate::features::list::view::EmptyList;
use crate::paths::NEW_APP;
use crate::state::session::{use_session, Session};

/// What listing the apps gave: shared from here on, so the page, its search
/// index and the session all hold the same list, never copies of it.
type Listed = Result<Arc<Vec<App>>, ApiError>;

#[component]
pub(crate) fn AppsPage() -> impl IntoView {
    let session = use_session();
    let apps = LocalResource::new(move || {
        let token = session.customer_token.get();
        let client = session.client();
        async move {
            let listed = match token {
                Some(t) => client.list_apps(&t).await.map(Arc::new),
                None => Ok(Arc::default()),
            };
            remember_outcome(session, &listed);
            listed
        }
    });
    let refresh = Callback::new(move |_| apps.refetch());

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Apps"</h1>
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| refresh.run(())>
                        "Refresh"
                    </button>
                    <a href=NEW_APP class="btn btn-primary">
                        "New app"
                    </a>
                </div>
            </div>
            <Transition fallback=|| {
                view! { <ListSkeleton /> }
            }>{move || Suspend::new(async move { list_state(apps.await, refresh) })}</Transition>
        </section>
    }
}

/// The session keeps a listed list (detail pages render from it at once);
/// a 401 means the customer token is no longer valid: back to connect.
fn remember_outcome(session: Session, listed: &Listed) {
    match listed {
        Ok(list) => session.remember_apps(list.clone()),
        Err(e) if e.is_unauthorized() => session.expire_customer(e),
        Err(_) => {}
    }
}

/// The list, its empty state, or why it could not be loaded.
fn list_state(listed: Listed, refresh: Callback<()>) -> AnyView {
    match listed {
        Ok(list) if list.is_empty() => view! { <EmptyState /> }.into_any(),
        Ok(list) => view! { <AppListView apps=list /> }.into_any(),
        Err(e) => {
            view! { <ErrorPanel action="Loading your apps" error=e on_retry=refresh /> }.into_any()
        }
    }
}

#[component]
fn ListSkeleton() -> impl IntoView {
    // Invisible for the first 300 ms (see .skeleton in CSS): fast answers
    // never flash a loading state.
    view! {
        <div class="skeleton" role="status" aria-live="polite">
            <span class="visually-hidden">"Loading apps…"</span>
            <div class="skeleton-row"></div>
            <div class="skeleton-row"></div>
            <div class="skeleton-row"></div>
        </div>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <EmptyList
            title="No apps yet"
            text="Register your first application to connect an Exotel account to your integration."
        >
            <a href=NEW_APP class="btn btn-primary">
                "Create your first app"
            </a>
        </EmptyList>
    }
}
