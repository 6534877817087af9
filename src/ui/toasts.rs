//! Toasts: short success and failure notes, one provider for the whole app
//! (in context), announced to screen readers, dismissible, gone after a
//! while. Failures stay longer than successes.

use std::time::Duration;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ToastKind {
    Success,
    Failure,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Toast {
    pub(crate) id: u64,
    pub(crate) kind: ToastKind,
    pub(crate) text: String,
}

#[derive(Clone, Copy)]
pub(crate) struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub(crate) fn new() -> Self {
        Self {
            items: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    pub(crate) fn success(&self, text: impl Into<String>) {
        self.push(ToastKind::Success, text.into());
    }

    pub(crate) fn failure(&self, text: impl Into<String>) {
        self.push(ToastKind::Failure, text.into());
    }

    fn push(&self, kind: ToastKind, text: String) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items
            .update(|items| items.push(Toast { id, kind, text }));
        let this = *self;
        let after = match kind {
            ToastKind::Success => Duration::from_secs(6),
            ToastKind::Failure => Duration::from_secs(12),
        };
        set_timeout(move || this.dismiss(id), after);
    }

    pub(crate) fn dismiss(&self, id: u64) {
        // The timer may fire after the app is gone (tests unmount it).
        let _ = self.items.try_update(|items| items.retain(|t| t.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

pub(crate) fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Where toasts appear. The region is live from the start, so screen
/// readers announce each toast as it is added.
#[component]
pub(crate) fn ToastHost() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" role="region" aria-live="polite" aria-label="Notifications">
            <For each=move || toasts.items.get() key=|t| t.id let:toast>
                {
                    let (class, role) = match toast.kind {
                        ToastKind::Success => ("toast toast-success", "status"),
                        ToastKind::Failure => ("toast toast-failure", "alert"),
                    };
                    let id = toast.id;
                    view! {
                        <div class=class role=role data-testid="toast">
                            <span>{toast.text}</span>
                            <button
                                type="button"
                                class="btn btn-ghost btn-small"
                                aria-label="Dismiss notification"
                                on:click=move |_| toasts.dismiss(id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}
