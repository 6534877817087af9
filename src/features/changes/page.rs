//! `/changes`: every write this tab made, newest first: when, which app,
//! what, before and after, the outcome and the RequestId. Kept in session
//! storage (a reload keeps it, Sign out clears it), filtered by app (kept
//! in the address as `?app=`), exported as CSV or JSON (what is shown, never
//! a secret). A settings save or a user's edit that landed offers Undo,
//! which opens the page it was made on with `?undo=<batch>`: that page
//! checks and asks before writing.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::export::{changes_file_name, render_changes};
use super::log::use_change_record;
use super::record::{undo_of, undone_by, Change, Undo};
use crate::api::AppId;
use crate::features::list::export::ExportFormat;
use crate::paths::{app_settings_href, app_user_href};
use crate::ui::dom::download;
use crate::ui::timestamp::Timestamp;

/// The most rows the table shows (a 10,000-row sync writes 10,000):
/// the export has them all.
const SHOWN_AT_MOST: usize = 500;

/// The apps that appear in the record, in order of first appearance:
/// (AppID, name).
fn apps_in(list: &[Change]) -> Vec<(String, String)> {
    let mut apps: Vec<(String, String)> = Vec::new();
    for c in list {
        if !apps.iter().any(|(id, _)| *id == c.app_id) {
            apps.push((c.app_id.clone(), c.app_name.clone()));
        }
    }
    apps
}

/// The changes of `app` (every app when empty), newest first.
fn shown(list: &[Change], app: &str) -> Vec<Change> {
    list.iter()
        .rev()
        .filter(|c| app.is_empty() || c.app_id == app)
        .cloned()
        .collect()
}

/// What Undo of the batch of `change` would do, if it can be undone and
/// was not yet: offered on the batch's first row only.
fn undo_target(list: &[Change], change: &Change) -> Option<Undo> {
    let first = list.iter().find(|c| c.batch == change.batch)?;
    if first.id != change.id || undone_by(list, change.batch).is_some() {
        return None;
    }
    undo_of(list, change.batch)
}

/// The page that undoes the batch of `change`, asked to.
fn undo_href(change: &Change, undo: Undo) -> String {
    let app_id = AppId::new(change.app_id.clone());
    let page = match undo {
        Undo::Settings => app_settings_href(&app_id),
        Undo::User(user) => app_user_href(&app_id, &user),
    };
    format!("{page}?undo={}", change.batch)
}

#[component]
pub(crate) fn ChangesPage() -> impl IntoView {
    let list = use_change_record().signal();
    let asked = use_query_map().with_untracked(|q| q.get("app").unwrap_or_default());
    let app = RwSignal::new(asked);
    let rows = Memo::new(move |_| list.with(|l| shown(l, &app.get())));
    let on_export = move |format: ExportFormat| {
        let text = rows.with_untracked(|r| render_changes(format, r));
        download(&changes_file_name(format), format.mime_type(), &text);
    };
    view! {
        <section class="page changes">
            <h1>"Changes"</h1>
            <p class="lead">
                "Every write this tab made, newest first. Kept until you sign out or close the tab; \
                 never a secret."
            </p>
            <div class="toolbar">
                <AppFilter list=list app=app />
                <div class="actions">
                    {ExportFormat::ALL
                        .map(|format| {
                            view! {
                                <button
                                    type="button"
                                    class="btn"
                                    disabled=move || rows.with(Vec::is_empty)
                                    on:click=move |_| on_export(format)
                                >
                                    {format.button_text()}
                                </button>
                            }
                        })}
                </div>
            </div>
            {move || {
                if list.with(Vec::is_empty) {
                    view! {
                        <div class="card empty" data-testid="empty-state">
                            <h2>"No changes yet"</h2>
                            <p>
                                "Settings saved, users added or edited, devices switched, apps created or \
                                 deleted in this tab are listed here."
                            </p>
                        </div>
                    }
                        .into_any()
                } else {
                    view! { <ChangesTable list=list rows=rows /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn AppFilter(list: Signal<Vec<Change>>, app: RwSignal<String>) -> impl IntoView {
    let options = move || {
        list.with(|l| apps_in(l))
            .into_iter()
            .map(|(id, name)| {
                let selected = app.with(|a| *a == id);
                let label = if name.is_empty() || name == id {
                    id.clone()
                } else {
                    format!("{name} ({id})")
                };
                view! {
                    <option value=id selected=selected>
                        {label}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for="changes-app">"App"</label>
            <select id="changes-app" on:change=move |ev| app.set(event_target_value(&ev))>
                <option value="" selected=move || app.with(String::is_empty)>
                    "All apps"
                </option>
                {options}
            </select>
        </div>
    }
}

#[component]
fn ChangesTable(list: Signal<Vec<Change>>, rows: Memo<Vec<Change>>) -> impl IntoView {
    let count = move || {
        let n = rows.with(Vec::len);
        match n {
            1 => "1 change".to_string(),
            n if n > SHOWN_AT_MOST => {
                format!("{n} changes; the newest {SHOWN_AT_MOST} shown (the export has all)")
            }
            n => format!("{n} changes"),
        }
    };
    view! {
        <p class="muted" role="status" data-testid="change-count">
            {count}
        </p>
        <div class="table-wrap">
            <table class="apps changes-table" data-testid="changes-table">
                <caption class="visually-hidden">"Changes made in this tab"</caption>
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"App"</th>
                        <th scope="col">"What"</th>
                        <th scope="col">"Before → after"</th>
                        <th scope="col">"Outcome"</th>
                        <th scope="col">"RequestId"</th>
                        <th scope="col">
                            <span class="visually-hidden">"Undo"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let all = list.get();
                        rows.get()
                            .into_iter()
                            .take(SHOWN_AT_MOST)
                            .map(|c| {
                                let undo = undo_target(&all, &c).map(|u| undo_href(&c, u));
                                view! { <ChangeRow change=c undo=undo /> }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// A value in the table: the text, or what its absence means.
fn value_text(value: Option<String>) -> String {
    match value {
        None => "(none)".to_string(),
        Some(v) if v.is_empty() => "(empty)".to_string(),
        Some(v) => v,
    }
}

#[component]
fn ChangeRow(change: Change, undo: Option<String>) -> impl IntoView {
    let state = match change.outcome.label() {
        "Done" => "done",
        "Failed" => "failed",
        _ => "unknown",
    };
    let why = change
        .outcome
        .why()
        .map(|w| view! { <span class="muted">" " {w.to_string()}</span> });
    let app = if change.app_name.is_empty() {
        change.app_id.clone()
    } else {
        change.app_name.clone()
    };
    let undoes = change
        .undoes
        .map(|b| view! { <span class="muted">{format!(" (undoes #{b})")}</span> });
    view! {
        <tr data-change=change.id data-batch=change.batch data-state=state>
            <td data-label="When">
                <Timestamp value=change.at.clone() />
            </td>
            <td data-label="App" title=change.app_id.clone()>
                {app}
            </td>
            <td data-label="What">{change.subject.describe()} {undoes}</td>
            <td class="value" data-label="Before → after">
                <span class="before">{value_text(change.before)}</span>
                " → "
                <span class="after">{value_text(change.after)}</span>
            </td>
            <td data-label="Outcome">{change.outcome.label()} {why}</td>
            <td class="value" data-label="RequestId">
                <code>{change.request_id.unwrap_or_default()}</code>
            </td>
            <td class="row-actions">
                {undo
                    .map(|href| {
                        view! {
                            <a class="btn" href=href>
                                {format!("Undo #{}…", change.batch)}
                            </a>
                        }
                    })}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::changes::record::tests::{batch, setting};
    use crate::features::changes::record::{append, Batch, Outcome};

    #[test]
    fn newest_first_filtered_by_app_and_undo_on_a_batch_s_first_row() {
        let mut list = Vec::new();
        let writes = vec![
            setting("popup", Some("https://old"), "https://new", Outcome::Done),
            setting("record", None, "true", Outcome::Done),
        ];
        append(&mut list, "t1", batch("a+1", writes));
        append(
            &mut list,
            "t2",
            batch("a2", vec![setting("popup", None, "x", Outcome::Done)]),
        );
        assert_eq!(
            apps_in(&list),
            [
                ("a+1".into(), "App a+1".into()),
                ("a2".into(), "App a2".into())
            ]
        );
        let all = shown(&list, "");
        assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), [3, 2, 1]);
        assert_eq!(shown(&list, "a2").len(), 1);
        assert_eq!(
            undo_target(&list, &list[1]),
            None,
            "not the batch's first row"
        );
        assert_eq!(undo_target(&list, &list[0]), Some(Undo::Settings));
        let undo = Batch {
            undoes: Some(1),
            ..batch(
                "a+1",
                vec![setting(
                    "popup",
                    Some("https://new"),
                    "https://old",
                    Outcome::Done,
                )],
            )
        };
        append(&mut list, "t3", undo);
        assert_eq!(undo_target(&list, &list[0]), None, "already undone");
    }
}
