//! The one way an API failure is shown: what failed, why, the RequestId to
//! quote to Exotel support, and a retry when retrying can help.

use leptos::prelude::*;

use crate::api::ApiError;

#[component]
pub fn ErrorPanel(
    /// What the console was doing ("Loading your apps").
    #[prop(into)]
    action: String,
    error: ApiError,
    /// Offered only when the error says a retry can help.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let retry = on_retry.filter(|_| error.is_retryable());
    let request_id = error.request_id().map(str::to_string);
    view! {
        <div class="alert alert-error" role="alert">
            <p class="alert-title">{format!("{action} failed: {}", error.title())}</p>
            <p>{error.message()}</p>
            {request_id.map(|id| view! {
                <p class="request-id">"RequestId: " <code>{id}</code></p>
            })}
            {retry.map(|cb| view! {
                <button type="button" class="btn" on:click=move |_| cb.run(())>"Try again"</button>
            })}
        </div>
    }
}

/// A plain message box (validation summaries, notices).
#[component]
pub fn Notice(
    #[prop(into)] text: String,
    #[prop(optional, into)] kind: Option<&'static str>,
) -> impl IntoView {
    let class = format!("alert alert-{}", kind.unwrap_or("info"));
    view! { <div class=class role="status">{text}</div> }
}
