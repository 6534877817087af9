//! An app's facts as the API gives them: shown on its details, and while
//! the app is locked from the customer's list, so the admin sees which app
//! they are about to unlock.

use leptos::prelude::*;

use crate::api::{domain_label, App};
use crate::ui::copy_button::CopyButton;
use crate::ui::timestamp::Timestamp;

#[component]
pub(crate) fn AppFacts(app: App) -> impl IntoView {
    let id = Signal::stored(app.app_id.to_string());
    let customer = Signal::stored(app.customer_id.clone());
    view! {
        <dl class="card kv" data-testid="app-facts">
            <dt>"AppID"</dt>
            <dd>
                <code>{app.app_id.to_string()}</code>
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
