//! Undo of a user's edit, asked from the page after a save or from the
//! Changes page (`?undo=<batch>`): what it would put back, field by field,
//! then an edit of those fields back to their earlier values, starting
//! from the values the undone edit left, saved with the same check as any
//! edit (a field someone changed since is a conflict, not overwritten).

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::edit::draft_of;
use super::edit_form::{EditState, Step};
use super::edit_save::SaveEdit;
use crate::features::app_shell::use_unlocked_app;
use crate::features::changes::log::ChangeRecord;
use crate::features::changes::record::{Change, Subject};
use crate::features::changes::undo_card::{UndoCard, UndoLine};
use crate::features::users::validate::UserField;
use crate::paths::app_user_href;

/// The fields of `batch` that landed for `user` of `app_id`, each with its
/// value before and after.
fn undoable(
    record: &ChangeRecord,
    batch: u32,
    app_id: &str,
    user: &str,
) -> Vec<(UserField, Change)> {
    record
        .done_in_batch(batch)
        .into_iter()
        .filter(|c| c.app_id == app_id)
        .filter_map(|c| match &c.subject {
            Subject::UserField { user: u, field } if u == user => {
                UserField::from_header(field).map(|f| (f, c.clone()))
            }
            _ => None,
        })
        .collect()
}

/// Puts the undo in the edit and saves it.
fn stage(state: EditState, save: Action<SaveEdit, ()>, batch: u32, fields: &[(UserField, Change)]) {
    let shown = state.user.get_untracked();
    let (mut base, mut draft) = (draft_of(&shown), draft_of(&shown));
    for (field, change) in fields {
        base.set(*field, change.after.clone().unwrap_or_default());
        draft.set(*field, change.before.clone().unwrap_or_default());
    }
    state.conflicts.set(Vec::new());
    state.refusal.set(None);
    state.base.set(base);
    state.draft.set(draft.clone());
    state.step.set(Step::Review);
    save.dispatch((draft, Some(batch)));
}

#[component]
pub(crate) fn UserUndo(
    state: EditState,
    save: Action<SaveEdit, ()>,
    record: ChangeRecord,
) -> impl IntoView {
    let app = use_unlocked_app();
    let asked =
        use_query_map().with_untracked(|q| q.get("undo").and_then(|n| n.parse::<u32>().ok()));
    let asked = RwSignal::new(asked);
    let refused = RwSignal::new(None::<String>);
    let (navigate, location) = (use_navigate(), use_location());
    let user_id = move || state.user.with(|u| u.app_user_id.clone());
    let href = app_user_href(&app.id, &user_id());
    let close = Callback::new(move |()| {
        asked.set(None);
        refused.set(None);
        if !location.search.get_untracked().is_empty() {
            let replace = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&href, replace);
        }
    });
    let offer = move || {
        let (saved_user, batch) = state.last_saved.get()?;
        if saved_user != user_id() {
            return None;
        }
        let open = state.draft.with(|d| d.app_user_id.is_empty()) && asked.get().is_none();
        open.then(|| {
            view! {
                <button type="button" class="btn" on:click=move |_| asked.set(Some(batch))>
                    "Undo this edit"
                </button>
            }
        })
    };
    let card = move || {
        let batch = asked.get()?;
        let fields = undoable(&record, batch, app.id.as_str(), &user_id());
        let lines = fields
            .iter()
            .map(|(field, c)| UndoLine {
                key: field.api_key().to_string(),
                what: field.label().to_string(),
                now: c.after.clone().unwrap_or_default(),
                back: Ok(c.before.clone().unwrap_or_default()),
            })
            .collect();
        let confirm = Callback::new(move |()| {
            let busy = state.draft.with_untracked(|d| !d.app_user_id.is_empty())
                && !state.changed().is_empty();
            if busy {
                refused.set(Some(
                    "Finish or cancel the edit in progress first, then undo.".into(),
                ));
            } else {
                stage(state, save, batch, &fields);
                close.run(());
            }
        });
        Some(view! {
            <UndoCard
                title=format!("Undo edit #{batch}")
                lines=lines
                undone_by=record.undone_by(batch)
                confirm=confirm
                close=close
                refused=refused
            />
        })
    };
    view! {
        {offer}
        {card}
    }
}
