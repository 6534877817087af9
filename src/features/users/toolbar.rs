//! Above the users table: the page's actions (add, import, refresh, delete
//! all), and the search box, filters and export buttons of the list.

use leptos::prelude::*;

use super::query::{device_param, UserQuery};
use crate::api::users::ActiveDevice;
use crate::features::apps::export::ExportFormat;
use crate::features::apps::toolbar::{FilterChoice, FilterSelect};

/// What the page's action buttons open or do.
#[derive(Clone, Copy)]
pub(crate) struct PageActions {
    pub(crate) add_open: RwSignal<bool>,
    pub(crate) import_open: RwSignal<bool>,
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

#[component]
pub(crate) fn UsersToolbar(
    /// What the search box holds.
    typed: Signal<String>,
    /// The query the list shows.
    query: Memo<UserQuery>,
    /// Every keystroke in the search box.
    on_search: Callback<String>,
    /// A filter change, as the whole new query.
    set_query: Callback<UserQuery>,
    on_export: Callback<ExportFormat>,
) -> impl IntoView {
    let on_active = Callback::new(move |active: Option<bool>| {
        set_query.run(UserQuery {
            active,
            ..query.get_untracked()
        })
    });
    let on_outbound = Callback::new(move |outbound: Option<bool>| {
        set_query.run(UserQuery {
            outbound,
            ..query.get_untracked()
        })
    });
    let on_device = Callback::new(move |device: Option<ActiveDevice>| {
        set_query.run(UserQuery {
            device,
            ..query.get_untracked()
        })
    });
    view! {
        <div class="toolbar">
            <div class="field search">
                <label for="search">
                    "Search users " <span class="kbd" aria-hidden="true">
                        "/"
                    </span>
                </label>
                <input
                    id="search"
                    type="search"
                    placeholder="ID, name, email or number"
                    prop:value=move || typed.get()
                    on:input=move |ev| on_search.run(event_target_value(&ev))
                    autocomplete="off"
                    spellcheck="false"
                />
            </div>
            <FilterSelect
                id="filter-active"
                label="Status"
                value=Signal::derive(move || query.with(|q| q.active))
                on_change=on_active
            />
            <FilterSelect
                id="filter-outbound"
                label="Outbound"
                value=Signal::derive(move || query.with(|q| q.outbound))
                on_change=on_outbound
            />
            <FilterSelect
                id="filter-device"
                label="Device"
                value=Signal::derive(move || query.with(|q| q.device))
                on_change=on_device
            />
            <div class="actions">
                {ExportFormat::ALL
                    .map(|format| {
                        view! {
                            <button
                                type="button"
                                class="btn"
                                on:click=move |_| on_export.run(format)
                            >
                                {format.button_text()}
                            </button>
                        }
                    })}
            </div>
        </div>
    }
}
