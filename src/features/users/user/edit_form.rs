//! Editing one user: a form over the editable fields (checked like Add),
//! then the changed fields before and after, and only then `PUT`. The draft
//! lives in the session, so a refused token or a failed save loses nothing.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::api::{ApiError, User};
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::errors::ErrorPanel;
use crate::features::users::user::edit::{changes, draft_of, FieldChange};
use crate::features::users::user::flow::update_user;
use crate::features::users::user_drafts::use_edit_draft;
use crate::features::users::user_fields::{focus_first, ProblemSummary, UserFields};
use crate::features::users::validate::{check_user, Problem, UserDraft, UserField};
use crate::ui::alert::Notice;
use crate::ui::toasts::use_toasts;

/// Where the edit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Form,
    Review,
}

/// Every field but the AppUserId, which names the user.
fn editable_fields() -> Vec<UserField> {
    UserField::ALL
        .into_iter()
        .filter(|f| *f != UserField::AppUserId)
        .collect()
}

/// The edit's state, shared by its steps.
#[derive(Clone, Copy)]
struct EditState {
    draft: RwSignal<UserDraft>,
    step: RwSignal<Step>,
    problems: RwSignal<Vec<Problem>>,
    refusal: RwSignal<Option<ApiError>>,
    user: Signal<User>,
}

impl EditState {
    /// What the edit changes (tracked). Recomputed where it is read rather
    /// than kept in a memo: comparing seven fields is cheap, and a memo of
    /// its own type costs the wasm more than it saves.
    fn changed(&self) -> Vec<FieldChange> {
        self.user.with(|u| self.draft.with(|d| changes(u, d)))
    }
}

#[component]
pub(crate) fn EditUser(
    #[prop(into)] user: Signal<User>,
    /// Called with the user as the server stored it after a save.
    on_saved: Callback<User>,
) -> impl IntoView {
    let app = use_unlocked_app();
    let draft = use_edit_draft(&app.id);
    let state = EditState {
        draft,
        step: RwSignal::new(Step::Form),
        problems: RwSignal::new(Vec::new()),
        refusal: RwSignal::new(None),
        user,
    };
    let editing = Memo::new(move |_| draft.with(|d| user.with(|u| d.app_user_id == u.app_user_id)));
    let save = save_action(app, user, state, on_saved);
    let start = move |_| {
        state.problems.set(Vec::new());
        state.refusal.set(None);
        state.step.set(Step::Form);
        draft.set(draft_of(&user.get_untracked()));
    };
    view! {
        <section class="card edit-user" aria-labelledby="edit-title">
            <h2 id="edit-title">"Edit"</h2>
            {move || match (editing.get(), state.step.get()) {
                (false, _) => {
                    view! {
                        <p class="muted">
                            "Names, email, account and numbers; the App user ID cannot change."
                        </p>
                        <button type="button" class="btn" on:click=start>
                            "Edit this user"
                        </button>
                    }
                        .into_any()
                }
                (true, Step::Form) => view! { <EditFormStep state=state /> }.into_any(),
                (true, Step::Review) => view! { <ReviewStep state=state save=save /> }.into_any(),
            }}
        </section>
    }
}

/// Sends the edit (only the changed fields) and lands its outcome.
fn save_action(
    app: UnlockedApp,
    user: Signal<User>,
    state: EditState,
    on_saved: Callback<User>,
) -> Action<UserDraft, ()> {
    let toasts = use_toasts();
    Action::new_local(move |edited: &UserDraft| {
        let (edited, token, client) = (edited.clone(), app.token.clone(), app.client());
        let before = user.get_untracked();
        async move {
            // The one place a save's outcome lands.
            match update_user(&client, &token, &before, &edited).await {
                Ok(stored) => {
                    state.draft.set(UserDraft::default());
                    state.step.set(Step::Form);
                    state.refusal.set(None);
                    match stored {
                        Some(stored) => {
                            toasts.success(format!("Saved {}.", stored.app_user_id));
                            on_saved.run(stored);
                        }
                        None => toasts.success("Nothing had changed; nothing was sent."),
                    }
                }
                // The gate answers a refused token; the draft stays.
                Err(e) if e.is_unauthorized() => {}
                Err(e) => {
                    state.refusal.try_set(Some(e));
                }
            }
        }
    })
}

/// The form: checked like Add before the review.
#[component]
fn EditFormStep(state: EditState) -> impl IntoView {
    let review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = state
            .draft
            .with_untracked(|d| check_user(d, &HashSet::new()));
        focus_first(&found);
        let ready = found.is_empty();
        state.problems.set(found);
        if ready {
            state.step.set(Step::Review);
        }
    };
    view! {
        <form class="form" on:submit=review novalidate=true>
            <UserFields draft=state.draft fields=editable_fields() problems=state.problems />
            <ProblemSummary problems=state.problems />
            <div class="actions">
                <button
                    type="button"
                    class="btn"
                    on:click=move |_| state.draft.set(UserDraft::default())
                >
                    "Cancel"
                </button>
                <button type="submit" class="btn btn-primary">
                    "Review changes"
                </button>
            </div>
        </form>
    }
}

/// Before and after, then Save.
#[component]
fn ReviewStep(state: EditState, save: Action<UserDraft, ()>) -> impl IntoView {
    let pending = save.pending();
    view! {
        <ReviewChanges state=state />
        {move || {
            state.refusal.get().map(|e| view! { <ErrorPanel action="Saving the user" error=e /> })
        }}
        <div class="actions">
            <button type="button" class="btn" on:click=move |_| state.step.set(Step::Form)>
                "Back to the form"
            </button>
            <button
                type="button"
                class="btn btn-primary"
                disabled=move || pending.get() || state.changed().is_empty()
                on:click=move |_| {
                    save.dispatch(state.draft.get_untracked());
                }
            >
                {move || if pending.get() { "Saving…" } else { "Save changes" }}
            </button>
        </div>
    }
}

/// The changed fields, before and after.
#[component]
fn ReviewChanges(state: EditState) -> impl IntoView {
    move || {
        let found = state.changed();
        if found.is_empty() {
            return view! { <Notice text="Nothing changed: there is nothing to save." /> }
                .into_any();
        }
        let rows = found
            .into_iter()
            .map(|c| {
                view! {
                    <tr data-field=c.field.api_key()>
                        <th scope="row">{c.field.label()}</th>
                        <td class="value before">{or_empty(c.before)}</td>
                        <td class="value after">{or_empty(c.after)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="preview before-after" data-testid="before-after">
                    <caption>
                        "These changes will be sent; the other fields stay as they are."
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Field"</th>
                            <th scope="col">"Before"</th>
                            <th scope="col">"After"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

fn or_empty(value: String) -> String {
    if value.is_empty() {
        "(empty)".to_string()
    } else {
        value
    }
}
