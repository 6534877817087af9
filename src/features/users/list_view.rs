//! The users of one unlocked app: loading them (see `list_load`), the
//! page's actions, and once loaded the search, filters and sort (all kept
//! in the URL), export, the count, and the table or a "no match" message.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::add::AddUserDialog;
use super::delete_all::DeleteAllDialog;
use super::export::{render_users, users_file_name};
use super::import::ImportUsersDialog;
use super::list_load::{use_user_loader, LoadStatus};
use super::query::{SortKey, UserCatalog, UserQuery};
use super::table::UsersTable;
use super::toolbar::{CreateButtons, PageActions, PageButtons, UsersToolbar};
use crate::api::{ApiError, User};
use crate::features::apps::export::ExportFormat;
use crate::features::apps::list_view::{debounced_search, use_set_query};
use crate::routes::app_users_href;
use crate::ui::dom::download;

#[component]
pub(crate) fn UsersListView(
    app_id: String,
    token: String,
    #[prop(into)] app_name: Signal<String>,
    on_token_refused: Callback<ApiError>,
) -> impl IntoView {
    let loader = use_user_loader(&app_id, token.clone(), on_token_refused);
    loader.load_if_needed();
    let cache = loader.cache;
    let actions = PageActions {
        add_open: RwSignal::new(false),
        import_open: RwSignal::new(false),
        delete_open: RwSignal::new(false),
        refresh: Callback::new(move |()| loader.reload()),
    };
    let loading = Signal::derive(move || loader.loading());
    // The same list until it changes (a load, an add, a delete): the
    // search index is built once per list. None while loading, so the
    // cache is the list's only holder and each page appends without a copy.
    let users = Memo::new(move |_| (!loading.get()).then(|| cache.with(|c| c.users.clone())));
    let results = {
        let app_id = app_id.clone();
        move || {
            let list = users.get()?;
            if !list.is_empty() {
                return Some(
                    view! { <UsersResults app_id=app_id.clone() users=list /> }.into_any(),
                );
            }
            // Empty but not complete: the load status says why.
            cache
                .with(|c| c.complete)
                .then(|| view! { <EmptyState actions=actions /> }.into_any())
        }
    };
    view! {
        <div class="users-head">
            <p class="lead">
                "Which people of your application are which Exotel user, with which numbers and devices."
            </p>
            <PageButtons
                actions=actions
                busy=loading
                any_users=Signal::derive(move || {
                    users.with(|u| u.as_ref().is_some_and(|u| !u.is_empty()))
                })
            />
        </div>
        <LoadStatus loader=loader />
        {results}
        <AddUserDialog app_id=app_id.clone() token=token.clone() open=actions.add_open />
        <ImportUsersDialog app_id=app_id.clone() token=token.clone() open=actions.import_open />
        <DeleteAllDialog
            app_id=app_id
            token=token
            app_name=app_name
            open=actions.delete_open
            on_token_refused=on_token_refused
            on_reload=actions.refresh
        />
    }
}

#[component]
fn EmptyState(actions: PageActions) -> impl IntoView {
    view! {
        <div class="card empty" data-testid="empty-state">
            <h2>"No users yet"</h2>
            <p>
                "Map the people of your application to Exotel users: add them one by one or import a CSV file."
            </p>
            <div class="actions">
                <CreateButtons actions=actions />
            </div>
        </div>
    }
}

/// The loaded users with the query from the URL applied.
#[component]
fn UsersResults(app_id: String, users: Arc<Vec<User>>) -> impl IntoView {
    let list = StoredValue::new(UserCatalog::new(users));
    let query_map = use_query_map();
    let in_url = Memo::new(move |_| query_map.with(|m| UserQuery::from_pairs(|k| m.get_str(k))));
    // What the box holds: ahead of the URL while typing, following it on
    // back/forward.
    let typed = RwSignal::new(in_url.get_untracked().text);
    Effect::new(move |_| {
        let text = in_url.with(|q| q.text.clone());
        if typed.get_untracked() != text {
            typed.set(text);
        }
    });
    let query = Memo::new(move |_| UserQuery {
        text: typed.get(),
        ..in_url.get()
    });
    let shown = shown_users(list, query);
    let set_query = {
        let app_id = app_id.clone();
        use_set_query(UserQuery::to_pairs, move |search| {
            users_href_with(&app_id, search)
        })
    };
    let on_search = debounced_search(typed, query, set_query);
    let on_sort =
        Callback::new(move |key: SortKey| set_query.run(query.get_untracked().sorted_by(key)));
    let on_export = {
        let app_id = app_id.clone();
        Callback::new(move |format: ExportFormat| {
            let text = list.with_value(|l| {
                let users: Vec<User> =
                    shown.with_untracked(|s| s.iter().map(|&i| l.users[i].clone()).collect());
                render_users(format, &users)
            });
            download(&users_file_name(format, &app_id), format.mime_type(), &text);
        })
    };
    let total = list.with_value(UserCatalog::len);
    view! {
        <UsersToolbar
            typed=typed.into()
            query=query
            on_search=on_search
            set_query=set_query
            on_export=on_export
        />
        <p class="muted count" data-testid="user-count" role="status">
            {move || count_text(shown.with(Vec::len), total)}
        </p>
        // The table stays mounted while the result changes (its rows are
        // diffed); only an empty result swaps it for the message.
        <Show
            when=move || !shown.with(Vec::is_empty)
            fallback=|| {
                view! {
                    <p class="card empty" data-testid="no-match">
                        "No user matches these filters. Clear the search or pick “Any” to see every user."
                    </p>
                }
            }
        >
            <UsersTable app_id=app_id.clone() list=list shown=shown query=query on_sort=on_sort />
        </Show>
    }
}

/// The users list's address with a query string (without its `?`).
fn users_href_with(app_id: &str, search: &str) -> String {
    let path = app_users_href(app_id);
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

/// The positions of the users `query` shows, in order. Sorting happens when
/// the sort changes; a keystroke only filters the sorted order.
fn shown_users(list: StoredValue<UserCatalog>, query: Memo<UserQuery>) -> Memo<Vec<usize>> {
    let sorting = Memo::new(move |_| query.with(|q| (q.sort, q.descending)));
    let order = Memo::new(move |_| {
        let (sort, descending) = sorting.get();
        list.with_value(|l| l.sorted(sort, descending))
    });
    Memo::new(move |_| list.with_value(|l| query.with(|q| order.with(|o| q.filter(l, o)))))
}

/// "250 users" for the whole list, "3 of 250 users" for part of it.
fn count_text(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} user{}", if total == 1 { "" } else { "s" })
    } else {
        format!("{shown} of {total} users")
    }
}

#[cfg(test)]
mod tests {
    use super::count_text;

    #[test]
    fn counts_the_whole_list_or_part_of_it() {
        assert_eq!(count_text(1, 1), "1 user");
        assert_eq!(count_text(250, 250), "250 users");
        assert_eq!(count_text(3, 250), "3 of 250 users");
    }
}
