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
            {request_id
                .map(|id| view! { <p class="request-id">"RequestId: " <code>{id}</code></p> })}
            {retry
                .map(|cb| {
                    view! {
                        <button type="button" class="btn" on:click=move |_| cb.run(())>
                            "Try again"
                        </button>
                    }
                })}
        </div>
    }
}

/// How much a notice matters; sets its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum NoticeKind {
    #[default]
    Info,
    Warn,
}

impl NoticeKind {
    fn class(self) -> &'static str {
        match self {
            NoticeKind::Info => "alert alert-info",
            NoticeKind::Warn => "alert alert-warn",
        }
    }
}

/// A plain message box (validation summaries, notices).
#[component]
pub(crate) fn Notice(
    #[prop(into)] text: String,
    #[prop(optional)] kind: NoticeKind,
) -> impl IntoView {
    view! {
        <div class=kind.class() role="status">
            {text}
        </div>
    }
}
