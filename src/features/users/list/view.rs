//! The users of the unlocked app: loading them (see `load`), the
//! page's actions, and once loaded the search, filters and sort (all kept
//! in the URL), export, the count, and the table or a "no match" message.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{AppId, User};
use crate::features::app_shell::use_unlocked_app;
use crate::features::list::export::ExportFormat;
use crate::features::list::toolbar::ListToolbar;
use crate::features::list::view::{use_list_state, EmptyList, ListResults, ListTexts};
use crate::features::users::import::add::AddUserDialog;
use crate::features::users::import::dialog::ImportUsersDialog;
use crate::features::users::list::delete_all::DeleteAllDialog;
use crate::features::users::list::export::{render_users, users_file_name};
use crate::features::users::list::load::{use_user_loader, LoadStatus};
use crate::features::users::list::lookup::LookUpOffer;
use crate::features::users::list::query::{UserCatalog, UserQuery};
use crate::features::users::list::table::UsersTable;
use crate::features::users::list::toolbar::{CreateButtons, PageActions, PageButtons, UserFilters};
use crate::features::users::sync::dialog::SyncUsersDialog;
use crate::paths::{app_users_href, with_query};
use crate::ui::dom::download;

#[component]
pub(crate) fn UsersListView() -> impl IntoView {
    let app_id = use_unlocked_app().id;
    let loader = use_user_loader();
    loader.load_if_needed();
    let cache = loader.cache;
    let actions = PageActions {
        add_open: RwSignal::new(false),
        import_open: RwSignal::new(false),
        sync_open: RwSignal::new(false),
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
                let incomplete = Signal::derive(move || cache.with(|c| !c.complete));
                return Some(
                    view! { <UsersResults app_id=app_id.clone() users=list incomplete=incomplete /> }
                        .into_any(),
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
        <AddUserDialog open=actions.add_open />
        <ImportUsersDialog open=actions.import_open />
        <SyncUsersDialog open=actions.sync_open />
        <DeleteAllDialog open=actions.delete_open on_reload=actions.refresh />
    }
}

#[component]
fn EmptyState(actions: PageActions) -> impl IntoView {
    view! {
        <EmptyList
            title="No users yet"
            text="Map the people of your application to Exotel users: add them one by one or import a CSV file."
        >
            <div class="actions">
                <CreateButtons actions=actions />
            </div>
        </EmptyList>
    }
}

const USER_LIST: ListTexts = ListTexts {
    noun: "user",
    search_placeholder: "ID, name, email or number",
    count_test_id: "user-count",
    no_match: "No user matches these filters. Clear the search or pick “Any” to see every user.",
};

/// The loaded users with the query from the URL applied.
#[component]
fn UsersResults(app_id: AppId, users: Arc<Vec<User>>, incomplete: Signal<bool>) -> impl IntoView {
    let loaded = users.clone();
    let state = {
        let app_id = app_id.clone();
        use_list_state::<UserQuery>(UserCatalog::new(users), move |search| {
            users_href_with(&app_id, search)
        })
    };
    let on_export = {
        let app_id = app_id.clone();
        Callback::new(move |format: ExportFormat| {
            let text = render_users(format, &state.shown_items());
            download(
                &users_file_name(format, app_id.as_str()),
                format.mime_type(),
                &text,
            );
        })
    };
    view! {
        <ListToolbar state=state texts=USER_LIST on_export=on_export>
            <UserFilters state=state />
        </ListToolbar>
        <LookUpOffer app_id=app_id.clone() users=loaded typed=state.typed incomplete=incomplete />
        <ListResults state=state texts=USER_LIST incomplete=incomplete>
            <UsersTable
                app_id=app_id.clone()
                list=state.list
                shown=state.shown
                query=state.query
                on_sort=state.on_sort
            />
        </ListResults>
    }
}

/// The users list's address with a query string (without its `?`).
fn users_href_with(app_id: &AppId, search: &str) -> String {
    with_query(&app_users_href(app_id), search)
}
