//! The one way an API failure is shown on any page: the generic failure
//! panel, filled from the [`ApiError`] (its title, message, RequestId, and
//! whether a retry can help).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::ui::alert::{Failure, FailurePanel};

/// An [`ApiError`] as the admin reads it.
pub(crate) fn failure(error: &ApiError) -> Failure {
    Failure {
        title: error.title(),
        message: error.message(),
        request_id: error.request_id().map(str::to_string),
        retryable: error.is_retryable(),
    }
}

#[component]
pub(crate) fn ErrorPanel(
    /// What the console was doing ("Loading your apps").
    #[prop(into)]
    action: String,
    error: ApiError,
    /// Offered only when the error says a retry can help.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    view! { <FailurePanel action=action failure=failure(&error) on_retry=on_retry /> }
}
