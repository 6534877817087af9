//! How the Users forms show a refused call: a trial account's 403 in its
//! own words (no retry can help), anything else as the usual error panel
//! with its RequestId; and what a refused app token does.

use leptos::prelude::*;

use super::flow::is_trial_account;
use crate::api::ApiError;
use crate::state::session::Session;
use crate::ui::toasts::Toasts;

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
        view! { <crate::ui::alert::ErrorPanel action=action error=error /> }.into_any()
    }
}

/// The app token was refused: forget it, so the page shows the unlock form,
/// and say that nothing typed is lost (the drafts live in the session).
pub(crate) fn token_refused(session: Session, toasts: Toasts, app_id: &str, refused: &ApiError) {
    toasts.failure(format!(
        "The app token was refused ({refused}). Unlock the app again; what you entered is kept."
    ));
    session.forget_app_token(app_id);
}
