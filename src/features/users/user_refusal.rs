//! How the Users forms show a refused call: a trial account's 403 in its
//! own words (no retry can help), anything else as the usual error panel
//! with its RequestId. A refused app token is the gate's business.

use leptos::prelude::*;

use crate::api::ApiError;

/// Said when Exotel refuses to add users to a trial account.
pub(crate) const TRIAL_ACCOUNT: &str = "This Exotel account is a trial account: Exotel does not \
     allow adding users to it. Upgrade the account in Exotel (or use an app of a paid account), \
     then try again; what you entered is kept.";

/// A refused call of `action` ("Adding the user").
#[component]
pub(crate) fn CallRefusal(action: &'static str, error: ApiError) -> impl IntoView {
    if is_trial_account(&error) {
        let request_id = error.request_id().map(str::to_string);
        view! {
            <div class="alert alert-warn" role="alert" data-testid="trial-account">
                <p class="alert-title">{format!("{action} was refused: trial account")}</p>
                <p>{TRIAL_ACCOUNT}</p>
                <p class="muted">{format!("Exotel said: {}", error.message())}</p>
                {request_id
                    .map(|id| view! { <p class="request-id">"RequestId: " <code>{id}</code></p> })}
            </div>
        }
        .into_any()
    } else {
        view! { <crate::features::errors::ErrorPanel action=action error=error /> }.into_any()
    }
}

/// A `POST` refused because the Exotel account is a trial one: every later
/// batch would be refused too.
pub(crate) fn is_trial_account(error: &ApiError) -> bool {
    match error {
        ApiError::Http {
            status: 403,
            message,
            ..
        }
        | ApiError::Failure {
            status: 403,
            message,
            ..
        } => message
            .to_ascii_lowercase()
            .contains("this is a trial account"),
        _ => false,
    }
}
