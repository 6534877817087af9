//! Message boxes: a failure (what failed, why, the id to quote to support,
//! a retry when retrying can help) and a plain notice. Generic: the caller
//! turns its own error type into a [`Failure`].

use leptos::prelude::*;

/// A failure as the admin reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Failure {
    /// What went wrong, in a few words.
    pub(crate) title: String,
    /// Why, and what to do.
    pub(crate) message: String,
    /// The id to quote to the other side's support.
    pub(crate) request_id: Option<String>,
    /// Whether trying again can help.
    pub(crate) retryable: bool,
}

#[component]
pub(crate) fn FailurePanel(
    /// What was being done ("Loading your apps").
    #[prop(into)]
    action: String,
    failure: Failure,
    /// Offered only when the failure says a retry can help.
    #[prop(default = None)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let retry = on_retry.filter(|_| failure.retryable);
    view! {
        <div class="alert alert-error" role="alert">
            <p class="alert-title">{format!("{action} failed: {}", failure.title)}</p>
            <p>{failure.message}</p>
            {failure
                .request_id
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
