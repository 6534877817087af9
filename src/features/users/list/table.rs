//! The users table: sortable headers and one row per shown user, windowed
//! like the apps table (only the rows in view are in the DOM), so 10,000
//! users render, filter and scroll as fast as 50. Below 720 px each row is
//! a card whose cells name their column (`data-label`).

use leptos::{html, prelude::*};

use crate::api::{AppId, User};
use crate::features::list::view::sort_headers;
use crate::features::list::window::TableWindow;
use crate::features::users::list::query::{SortKey, UserCatalog, UserQuery};
use crate::features::users::list::toolbar::device_label;
use crate::paths::app_user_href;

const COLUMNS: usize = SortKey::ALL.len();

#[component]
pub(crate) fn UsersTable(
    app_id: AppId,
    list: StoredValue<UserCatalog>,
    /// Positions in `list` of the users to show, in order.
    shown: Memo<Vec<usize>>,
    query: Memo<UserQuery>,
    on_sort: Callback<SortKey>,
) -> impl IntoView {
    let body = NodeRef::<html::Tbody>::new();
    let window = TableWindow::new(body, shown, "tr[data-user-id]");
    let headers = sort_headers(Signal::derive(move || query.with(|q| q.sort)), on_sort);
    view! {
        <div class="table-wrap">
            <table
                class="apps users"
                class:windowed=move || window.is_windowed()
                data-testid="users-table"
                aria-rowcount=move || shown.with(Vec::len) + 1
            >
                <thead>
                    <tr aria-rowindex="1">{headers}</tr>
                </thead>
                <tbody node_ref=body>
                    {move || window.spacer_above(COLUMNS)}
                    <For
                        each=move || window.rows()
                        key=|row| *row
                        children=move |(pos, i)| {
                            list.with_value(|l| user_row(&app_id, pos, &l.users[i]))
                        }
                    /> {move || window.spacer_below(COLUMNS)}
                </tbody>
            </table>
        </div>
    }
}

/// One user, with no reactive state of its own: a plain link to the
/// user's page (the router handles its click). Every value is text.
fn user_row(app_id: &AppId, pos: usize, user: &User) -> impl IntoView {
    let yes_no = |on: bool, yes: &'static str, no: &'static str| {
        if on {
            view! { <span class="badge badge-on">{yes}</span> }
        } else {
            view! { <span class="badge badge-off">{no}</span> }
        }
    };
    view! {
        <tr data-user-id=user.app_user_id.clone() aria-rowindex=pos + 2>
            <td class="name" data-label="App user ID">
                <a href=app_user_href(app_id, &user.app_user_id) title=user.app_user_id.clone()>
                    {user.app_user_id.clone()}
                </a>
            </td>
            <td data-label="App username">{user.app_username.clone()}</td>
            <td data-label="Email" title=user.email.clone()>
                {user.email.clone()}
            </td>
            <td data-label="Exotel user">{user.exotel_user_name.clone()}</td>
            <td data-label="Virtual number">{user.virtual_number.clone()}</td>
            <td data-label="Agent number">{user.agent_number.clone()}</td>
            <td data-label="Active device">{device_label(user.active_device())}</td>
            <td data-label="Active">{yes_no(user.is_active, "Active", "Inactive")}</td>
            <td data-label="Outbound active">{yes_no(user.outbound_active, "On", "Off")}</td>
        </tr>
    }
}
