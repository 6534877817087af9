//! What a sync would do, before anything is sent: the counts, then the
//! users to create, the users to update (only the fields that change,
//! before → after), the rows with problems (why), the unchanged ones and
//! the users only on the server (never deleted). Each list shows its first
//! rows only: a file of 10,000 previews as fast as one of 10.

use leptos::prelude::*;

use super::plan::{SyncPlan, ToCreate, ToUpdate};
use crate::features::users::import::csv::{CsvError, ImportRow};
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::text_import::{PreviewTable, Unreadable};

/// The most rows each list shows.
const SHOWN: usize = 100;

const CREATE_COLUMNS: [&str; 4] = ["Line", "App user ID", "App username", "Email"];
const UPDATE_COLUMNS: [&str; 3] = ["Line", "App user ID", "Changes (before → after)"];
const INVALID_COLUMNS: [&str; 3] = ["Line", "App user ID", "Why it is not sent"];

/// "and 9,900 more" under a list cut at [`SHOWN`].
fn more(total: usize) -> Option<String> {
    (total > SHOWN).then(|| format!("…and {} more.", total - SHOWN))
}

#[component]
pub(crate) fn SyncPreview(plan: Memo<Option<Result<SyncPlan, CsvError>>>) -> impl IntoView {
    move || {
        plan.get().map(|read| match read {
            Ok(plan) => view! { <PlanView plan=plan /> }.into_any(),
            Err(why) => {
                view! { <Unreadable message=why.message() test_id="sync-unreadable" /> }.into_any()
            }
        })
    }
}

#[component]
fn PlanView(plan: SyncPlan) -> impl IntoView {
    let summary = format!(
        "{} to create, {} to update, {} unchanged, {} with problems (not sent), {} only on the server.",
        plan.create.len(),
        plan.update.len(),
        plan.unchanged.len(),
        plan.invalid.len(),
        plan.only_on_server.len(),
    );
    let ignored = (!plan.ignored_columns.is_empty()).then(|| {
        let text = format!("Columns not read: {}.", plan.ignored_columns.join(", "));
        view! { <Notice text=text kind=NoticeKind::Warn /> }
    });
    view! {
        <p class="muted" data-testid="sync-summary">
            {summary}
        </p>
        {ignored}
        <CreateList rows=plan.create />
        <UpdateList updates=plan.update />
        <InvalidList rows=plan.invalid />
        <IdList
            title="Unchanged"
            test_id="sync-unchanged"
            ids=plan.unchanged.into_iter().map(|(_, id)| id).collect()
            note=""
        />
        <IdList
            title="Only on the server"
            test_id="sync-only-on-server"
            ids=plan.only_on_server
            note="Not in the file. Not deleted: the API cannot delete one user."
        />
    }
}

#[component]
fn CreateList(rows: Vec<ToCreate>) -> impl IntoView {
    let total = rows.len();
    let rows = rows
        .into_iter()
        .take(SHOWN)
        .map(|row| {
            view! {
                <tr data-line=row.line data-state="create">
                    <td>{row.line}</td>
                    <td class="value">{row.draft.app_user_id}</td>
                    <td class="value">{row.draft.app_username}</td>
                    <td class="value">{row.draft.email}</td>
                </tr>
            }
        })
        .collect_view();
    (total > 0).then(|| {
        view! {
            <h3>{format!("To create ({total})")}</h3>
            <PreviewTable
                caption="Users to create"
                columns=&CREATE_COLUMNS
                kind="users-preview"
                test_id="sync-create"
            >
                {rows}
            </PreviewTable>
            {more(total)}
        }
    })
}

#[component]
fn UpdateList(updates: Vec<ToUpdate>) -> impl IntoView {
    let total = updates.len();
    let rows = updates
        .into_iter()
        .take(SHOWN)
        .map(|row| {
            let changes = row
                .changes
                .into_iter()
                .map(|c| {
                    view! {
                        <li data-field=c
                            .field
                            .api_key()>
                            {c.field.label()} ": " <span class="before">{or_empty(c.before)}</span>
                            " → " <span class="after">{or_empty(c.after)}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <tr data-line=row.line data-state="update">
                    <td>{row.line}</td>
                    <td class="value">{row.base.app_user_id}</td>
                    <td class="value">
                        <ul class="row-problems">{changes}</ul>
                    </td>
                </tr>
            }
        })
        .collect_view();
    (total > 0).then(|| {
        view! {
            <h3>{format!("To update ({total})")}</h3>
            <PreviewTable
                caption="Users to update: only the fields that change"
                columns=&UPDATE_COLUMNS
                kind="users-preview"
                test_id="sync-update"
            >
                {rows}
            </PreviewTable>
            {more(total)}
        }
    })
}

#[component]
fn InvalidList(rows: Vec<ImportRow>) -> impl IntoView {
    let total = rows.len();
    let rows = rows
        .into_iter()
        .take(SHOWN)
        .map(|row| {
            let reasons = row
                .problems
                .into_iter()
                .map(|p| view! { <li>{p.message}</li> })
                .collect_view();
            view! {
                <tr data-line=row.line data-state="invalid">
                    <td>{row.line}</td>
                    <td class="value">{row.draft.app_user_id}</td>
                    <td>
                        <ul class="row-problems">{reasons}</ul>
                    </td>
                </tr>
            }
        })
        .collect_view();
    (total > 0).then(|| {
        view! {
            <h3>{format!("With problems, not sent ({total})")}</h3>
            <PreviewTable
                caption="Rows that are not sent, and why"
                columns=&INVALID_COLUMNS
                kind="users-preview"
                test_id="sync-invalid"
            >
                {rows}
            </PreviewTable>
            {more(total)}
        }
    })
}

/// A list of AppUserIds under a title (nothing when empty).
#[component]
fn IdList(
    title: &'static str,
    test_id: &'static str,
    ids: Vec<String>,
    note: &'static str,
) -> impl IntoView {
    let total = ids.len();
    let shown = ids
        .into_iter()
        .take(SHOWN)
        .map(|id| view! { <li class="value">{id}</li> })
        .collect_view();
    (total > 0).then(|| {
        view! {
            <h3>{format!("{title} ({total})")}</h3>
            {(!note.is_empty()).then(|| view! { <p class="muted">{note}</p> })}
            <ul class="id-list" data-testid=test_id>
                {shown}
            </ul>
            {more(total)}
        }
    })
}

pub(crate) fn or_empty(value: String) -> String {
    if value.is_empty() {
        "(empty)".to_string()
    } else {
        value
    }
}
