//! Above the users table: the page's actions (add, import, refresh, delete
//! all), and the list's filters, in the shared list toolbar between the
//! search box and the export buttons.

use leptos::prelude::*;

use crate::api::users::ActiveDevice;
use crate::features::list::toolbar::{FilterChoice, FilterSelect, StatusFilter};
use crate::features::list::view::ListState;
use crate::features::users::list::query::{device_param, UserQuery};

/// What the page's action buttons open or do.
#[derive(Clone, Copy)]
pub(crate) struct PageActions {
    pub(crate) add_open: RwSignal<bool>,
    pub(crate) import_open: RwSignal<bool>,
    /// Sync from CSV (issue 22).
    pub(crate) sync_open: RwSignal<bool>,
    pub(crate) delete_open: RwSignal<bool>,
    pub(crate) refresh: Callback<()>,
}

/// Add and Import: in the head of the page and in the empty state.
#[component]
pub(crate) fn CreateButtons(actions: PageActions) -> impl IntoView {
    view! {
        <button type="button" class="btn btn-primary" on:click=move |_| actions.add_open.set(true)>
            "Add user"
        </button>
        <button type="button" class="btn" on:click=move |_| actions.import_open.set(true)>
            "Import CSV…"
        </button>
        <button type="button" class="btn" on:click=move |_| actions.sync_open.set(true)>
            "Sync from CSV…"
        </button>
    }
}

/// The page's buttons. Delete is for every user at once: the API has no
/// way to delete one, so no button suggests it.
#[component]
pub(crate) fn PageButtons(
    actions: PageActions,
    /// While a load runs, nothing else starts.
    #[prop(into)]
    busy: Signal<bool>,
    /// There is at least one user to delete.
    #[prop(into)]
    any_users: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="actions users-actions">
            <CreateButtons actions=actions />
            <button
                type="button"
                class="btn"
                on:click=move |_| actions.refresh.run(())
                disabled=busy
            >
                "Refresh"
            </button>
            <button
                type="button"
                class="btn btn-danger"
                on:click=move |_| actions.delete_open.set(true)
                disabled=move || busy.get() || !any_users.get()
            >
                "Delete all users…"
            </button>
        </div>
    }
}

/// The device filter: any, or the device that is active.
impl FilterChoice for Option<ActiveDevice> {
    fn choices() -> Vec<Self> {
        vec![
            None,
            Some(ActiveDevice::Sip),
            Some(ActiveDevice::Phone),
            Some(ActiveDevice::None),
        ]
    }
    fn param(self) -> &'static str {
        self.map_or("", device_param)
    }
    fn text(self) -> &'static str {
        match self {
            None => "Any",
            Some(device) => device_label(device),
        }
    }
}

/// How the table and the filter name a user's active device.
pub(crate) fn device_label(device: ActiveDevice) -> &'static str {
    match device {
        ActiveDevice::Sip => "SIP",
        ActiveDevice::Phone => "Phone",
        ActiveDevice::None => "None",
    }
}

/// The outbound filter: the same values as a status filter in the URL, read
/// "On"/"Off" like the table's column.
#[derive(Clone, Copy, PartialEq)]
struct Outbound(Option<bool>);

impl FilterChoice for Outbound {
    fn choices() -> Vec<Self> {
        <Option<bool>>::choices()
            .into_iter()
            .map(Outbound)
            .collect()
    }
    fn param(self) -> &'static str {
        self.0.param()
    }
    fn text(self) -> &'static str {
        match self.0 {
            None => "Any",
            Some(true) => "On",
            Some(false) => "Off",
        }
    }
}

/// The users list's filters: status, outbound and device.
#[component]
pub(crate) fn UserFilters(state: ListState<UserQuery>) -> impl IntoView {
    view! {
        <StatusFilter
            value=state.part(|q| q.active)
            on_change=state.set_part(|q, active| q.active = active)
        />
        <FilterSelect
            id="filter-outbound"
            label="Outbound"
            value=state.part(|q| Outbound(q.outbound))
            on_change=state.set_part(|q, Outbound(outbound)| q.outbound = outbound)
        />
        <FilterSelect
            id="filter-device"
            label="Device"
            value=state.part(|q| q.device)
            on_change=state.set_part(|q, device| q.device = device)
        />
    }
}
