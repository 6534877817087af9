//! Editing one user: a form over the editable fields (checked like Add),
//! then the changed fields before and after, and only then the save, which
//! reads the user again first (`edit_save`): a field someone else changed
//! meanwhile is shown with the three values and two choices. The draft and
//! what it started from live in the tab's memory and session storage, so a
//! conflict, a refused token, a failed save or a reload lose nothing.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::api::{ApiError, User};
use crate::features::app_shell::use_unlocked_app;
use crate::features::changes::conflict_view::ConflictChoice;
use crate::features::changes::log::use_change_record;
use crate::features::errors::ErrorPanel;
use crate::features::users::user::edit::{changes_from, draft_of, FieldChange};
use crate::features::users::user::edit_save::{choose, save_action, SaveEdit};
use crate::features::users::user::edit_state::{keep_edit_stored, use_edit_memory};
use crate::features::users::user::undo::UserUndo;
use crate::features::users::user_fields::{focus_first, ProblemSummary, UserFields};
use crate::features::users::validate::{check_user, Problem, UserDraft, UserField};
use crate::ui::alert::Notice;

/// Where the edit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
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
pub(crate) struct EditState {
    pub(crate) draft: RwSignal<UserDraft>,
    /// The user's values when the edit started (or the server's, for a
    /// field whose conflict the admin answered).
    pub(crate) base: RwSignal<UserDraft>,
    pub(crate) conflicts: RwSignal<Vec<super::checked::FieldConflict>>,
    pub(crate) step: RwSignal<Step>,
    problems: RwSignal<Vec<Problem>>,
    pub(crate) refusal: RwSignal<Option<ApiError>>,
    pub(crate) user: Signal<User>,
    /// The user and change-record batch of the last edit saved here.
    pub(crate) last_saved: RwSignal<Option<(String, u32)>>,
}

impl EditState {
    /// What the edit changes (tracked). Recomputed where it is read rather
    /// than kept in a memo: comparing seven fields is cheap, and a memo of
    /// its own type costs the wasm more than it saves.
    pub(crate) fn changed(&self) -> Vec<FieldChange> {
        self.base.with(|b| self.draft.with(|d| changes_from(b, d)))
    }

    /// Opens the edit of `user` from its values now.
    pub(crate) fn start(&self, user: &User) {
        self.problems.set(Vec::new());
        self.refusal.set(None);
        self.conflicts.set(Vec::new());
        self.step.set(Step::Form);
        self.base.set(draft_of(user));
        self.draft.set(draft_of(user));
    }
}

#[component]
pub(crate) fn EditUser(
    #[prop(into)] user: Signal<User>,
    /// Called with the user as the server stored it after a save.
    on_saved: Callback<User>,
) -> impl IntoView {
    let app = use_unlocked_app();
    let memory = use_edit_memory(&app.id);
    keep_edit_stored(&app.id, memory);
    let state = EditState {
        draft: memory.draft,
        base: memory.base,
        conflicts: memory.conflicts,
        step: RwSignal::new(if memory.conflicts.with_untracked(Vec::is_empty) {
            Step::Form
        } else {
            Step::Review
        }),
        problems: RwSignal::new(Vec::new()),
        refusal: RwSignal::new(None),
        user,
        last_saved: memory.last_saved,
    };
    let draft = memory.draft;
    let editing = Memo::new(move |_| draft.with(|d| user.with(|u| d.app_user_id == u.app_user_id)));
    // An edit kept from before the base was (an older tab state): it starts
    // from the user as shown.
    if editing.get_untracked() && state.base.with_untracked(|b| b.app_user_id.is_empty()) {
        state.base.set(draft_of(&user.get_untracked()));
    }
    let record = use_change_record();
    let save = save_action(app, state, on_saved, record.clone());
    let start = move |_| state.start(&user.get_untracked());
    view! {
        <section class="card edit-user" aria-labelledby="edit-title">
            <h2 id="edit-title">"Edit"</h2>
            <UserUndo state=state save=save record=record />
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
                    on:click=move |_| {
                        state.conflicts.set(Vec::new());
                        state.draft.set(UserDraft::default());
                    }
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

/// Before and after, then Save; the fields someone else changed, each
/// with its choice.
#[component]
fn ReviewStep(state: EditState, save: Action<SaveEdit, ()>) -> impl IntoView {
    let pending = save.pending();
    let conflicts = move || {
        state
            .conflicts
            .get()
            .into_iter()
            .map(|c| {
                let field = c.what;
                let on_choose = Callback::new(move |choice| choose(state, save, field, choice));
                view! {
                    <ConflictChoice
                        what=field.label()
                        loaded=or_empty(c.loaded)
                        theirs=or_empty(c.theirs)
                        mine=or_empty(c.mine)
                        on_choose=on_choose
                        busy=pending
                    />
                }
            })
            .collect_view()
    };
    view! {
        <div data-testid="user-conflicts">{conflicts}</div>
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
                disabled=move || {
                    pending.get() || state.changed().is_empty()
                        || state.conflicts.with(|c| !c.is_empty())
                }
                on:click=move |_| {
                    save.dispatch((state.draft.get_untracked(), None));
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

pub(crate) fn or_empty(value: String) -> String {
    if value.is_empty() {
        "(empty)".to_string()
    } else {
        value
    }
}
