//! The customer's apps (GET /app?entity=customer): a table with refresh,
//! an empty state inviting the first app, and row links to detail.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};

use crate::api::{domain_label, ApiError, App};
use crate::components::copy_button::CopyButton;
use crate::components::error_panel::{ErrorPanel, Notice};
use crate::components::timestamp::Timestamp;
use crate::session::use_session;
use crate::text::short_id;

pub fn detail_href(app_id: &str) -> String {
    let id: String = js_sys::encode_uri_component(app_id).into();
    format!("/apps/{id}")
}

/// The message shown when the API refuses the customer token.
pub fn expired_reason(e: &ApiError) -> String {
    format!("Your session ended: {e} Sign in again to continue where you were.")
}

#[component]
pub fn AppsPage() -> impl IntoView {
    let session = use_session();
    let apps = LocalResource::new(move || {
        let token = session.customer_token.get();
        let client = session.client();
        async move {
            match token {
                Some(t) => client.list_apps(&t).await,
                None => Ok(Vec::new()),
            }
        }
    });
    // A 401 means the customer token is no longer valid: back to connect.
    Effect::new(move |_| match apps.get() {
        Some(Err(e)) if e.is_unauthorized() => session.expire_customer(expired_reason(&e)),
        Some(Ok(list)) => session.remember_apps(&list),
        _ => {}
    });
    let refresh = move || apps.refetch();
    let flash = session.flash;
    on_cleanup(move || flash.set(None));

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Apps"</h1>
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| refresh()>"Refresh"</button>
                    <A href="/apps/new" attr:class="btn btn-primary">"New app"</A>
                </div>
            </div>
            {move || flash.get().map(|text| view! { <Notice text=text kind="success"/> })}
            <Transition fallback=|| view! { <ListSkeleton/> }>
                {move || Suspend::new(async move {
                    match apps.await {
                        Ok(list) if list.is_empty() => view! { <EmptyState/> }.into_any(),
                        Ok(list) => view! { <AppTable apps=list/> }.into_any(),
                        Err(e) => view! {
                            <ErrorPanel action="Loading your apps" error=e on_retry=Callback::new(move |_| refresh())/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ListSkeleton() -> impl IntoView {
    // Invisible for the first 300 ms (see .skeleton in CSS): fast answers
    // never flash a loading state.
    view! {
        <div class="skeleton" role="status" aria-live="polite">
            <span class="visually-hidden">"Loading apps…"</span>
            <div class="skeleton-row"></div><div class="skeleton-row"></div><div class="skeleton-row"></div>
        </div>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <div class="card empty" data-testid="empty-state">
            <h2>"No apps yet"</h2>
            <p>"Register your first application to connect an Exotel account to your integration."</p>
            <A href="/apps/new" attr:class="btn btn-primary">"Create your first app"</A>
        </div>
    }
}

#[component]
fn AppTable(apps: Vec<App>) -> impl IntoView {
    let navigate = use_navigate();
    let count = apps.len();
    view! {
        <p class="muted count" data-testid="app-count">{format!("{count} app{}", if count == 1 { "" } else { "s" })}</p>
        <div class="table-wrap">
            <table class="apps" data-testid="apps-table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"AppID"</th>
                        <th scope="col">"Account SID"</th>
                        <th scope="col">"Domain"</th>
                        <th scope="col">"Active"</th>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Updated"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {apps.into_iter().map(|app| {
                        let href = detail_href(&app.app_id);
                        let delete_href = format!("{href}?delete=1");
                        let navigate = navigate.clone();
                        let row_href = href.clone();
                        // Clicking anywhere on the row opens it; the name
                        // link keeps it reachable by keyboard.
                        let on_row = move |ev: leptos::ev::MouseEvent| {
                            let interactive = event_target::<web_sys::Element>(&ev)
                                .closest("a, button")
                                .ok()
                                .flatten()
                                .is_some();
                            if !interactive {
                                navigate(&row_href, Default::default());
                            }
                        };
                        let name = if app.app_name.trim().is_empty() { "(unnamed)".to_string() } else { app.app_name.clone() };
                        let id = Signal::stored(app.app_id.clone());
                        view! {
                            <tr on:click=on_row data-app-id=app.app_id.clone()>
                                <td class="name"><A href=href>{name}</A></td>
                                <td class="id"><code title=app.app_id.clone()>{short_id(&app.app_id)}</code> <CopyButton value=id what="AppID"/></td>
                                <td>{app.exotel_account_sid.clone()}</td>
                                <td>{domain_label(&app.exotel_domain)}</td>
                                <td>{if app.is_active { view! { <span class="badge badge-on">"Active"</span> } } else { view! { <span class="badge badge-off">"Inactive"</span> } }}</td>
                                <td><Timestamp value=app.created_at.clone()/></td>
                                <td><Timestamp value=app.updated_at.clone()/></td>
                                <td class="row-actions"><A href=delete_href attr:class="btn btn-ghost btn-small danger-text" attr:aria-label=format!("Delete {}", app.app_name)>"Delete…"</A></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
