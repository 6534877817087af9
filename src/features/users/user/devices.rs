//! A user's two devices (phone and SIP): which one is active, a switch for
//! each (`PUT /device`, after reading the user again: a device state
//! someone else changed since the page showed it is asked about, not
//! overwritten) with its own outcome, recorded; and the warning that
//! outbound calls need the SIP device on.

use leptos::prelude::*;

use crate::api::users::ActiveDevice;
use crate::api::{ApiError, Device, User};
use crate::features::app_shell::{use_unlocked_app, UnlockedApp};
use crate::features::changes::conflict_view::{Choice, ConflictChoice};
use crate::features::changes::log::{use_change_record, ChangeRecord};
use crate::features::changes::record::{Batch, Outcome};
use crate::features::changes::three_way::Conflict;
use crate::features::errors::ErrorPanel;
use crate::features::users::user::checked::{switch_checked, SwitchOutcome};
use crate::features::users::user::details::device_name;
use crate::features::users::user::edit_state::switch_write;
use crate::features::users::user::flow::outbound_calls_blocked;
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::toasts::{use_toasts, Toasts};

/// Shown while SIP is not the active device.
const OUTBOUND_BLOCKED: &str = "Outbound calls fail (Exotel code 10708) until SIP is the active \
     device: switch the SIP device on to let this user call out.";

/// One press of a switch, and the active device it was pressed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Switch {
    device: Device,
    on: bool,
    loaded: ActiveDevice,
}

/// A switch held back because someone else changed the device state: the
/// press, the three states, and the user as the server has it.
#[derive(Clone, Debug, PartialEq)]
struct HeldSwitch {
    press: Switch,
    conflict: Conflict<(), ActiveDevice>,
    theirs: User,
}

fn device_label(device: Device) -> &'static str {
    match device {
        Device::Phone => "Phone device",
        Device::Sip => "SIP device",
    }
}

fn is_active(user: &User, device: Device) -> bool {
    matches!(
        (user.active_device(), device),
        (ActiveDevice::Phone, Device::Phone) | (ActiveDevice::Sip, Device::Sip)
    )
}

/// Where a switch's outcome goes.
#[derive(Clone)]
struct Landing {
    app: UnlockedApp,
    toasts: Toasts,
    record: ChangeRecord,
    on_saved: Callback<User>,
    refused: RwSignal<Option<(Device, ApiError)>>,
    held: RwSignal<Option<HeldSwitch>>,
}

impl Landing {
    /// The one place a switch's outcome lands.
    fn land(&self, press: Switch, user_id: &str, outcome: Result<SwitchOutcome, ApiError>) {
        self.refused.try_set(None);
        self.held.try_set(None);
        let state = if press.on { "on" } else { "off" };
        match outcome {
            Ok(SwitchOutcome::Switched {
                user,
                before,
                request_id,
            }) => {
                let write = switch_write(
                    user_id,
                    before,
                    user.active_device(),
                    Outcome::Done,
                    request_id,
                );
                self.record(write);
                self.toasts
                    .success(format!("{} switched {state}.", device_label(press.device)));
                self.on_saved.try_run(user);
            }
            Ok(SwitchOutcome::PutFailed { before, error }) => {
                let write = switch_write(user_id, before, before, Outcome::of_error(&error), None);
                self.record(write);
                self.fail(press, error);
            }
            Ok(SwitchOutcome::AlreadyThere(user)) => {
                self.toasts.success(format!(
                    "{} was already {state} on the server.",
                    device_label(press.device)
                ));
                self.on_saved.try_run(user);
            }
            Ok(SwitchOutcome::Conflict { user, conflict }) => {
                self.held.try_set(Some(HeldSwitch {
                    press,
                    conflict,
                    theirs: user,
                }));
            }
            Ok(SwitchOutcome::Gone) => self
                .toasts
                .failure("This user no longer exists on the server."),
            Err(e) => self.fail(press, e),
        }
    }

    fn record(&self, write: crate::features::changes::record::Write) {
        self.record.record(Batch {
            app_id: self.app.id.to_string(),
            app_name: self.app.name.get_untracked(),
            undoes: None,
            writes: vec![write],
        });
    }

    /// The gate answers a refused token.
    fn fail(&self, press: Switch, error: ApiError) {
        if !error.is_unauthorized() {
            self.refused.try_set(Some((press.device, error)));
        }
    }
}

#[component]
pub(crate) fn DeviceSwitches(
    #[prop(into)] user: Signal<User>,
    /// Called with the user as the server stored it after a switch.
    on_saved: Callback<User>,
) -> impl IntoView {
    let landing = Landing {
        app: use_unlocked_app(),
        toasts: use_toasts(),
        record: use_change_record(),
        on_saved,
        refused: RwSignal::new(None),
        held: RwSignal::new(None),
    };
    let (refused, held) = (landing.refused, landing.held);
    let switch = Action::new_local(move |press: &Switch| {
        let (press, landing) = (*press, landing.clone());
        let (token, client) = (landing.app.token.clone(), landing.app.client());
        let id = user.get_untracked().app_user_id;
        async move {
            let outcome =
                switch_checked(&client, &token, &id, press.loaded, (press.device, press.on)).await;
            landing.land(press, &id, outcome);
        }
    });
    let active = move || device_name(user.with(User::active_device));
    view! {
        <section class="card devices" aria-labelledby="devices-title">
            <h2 id="devices-title">"Devices"</h2>
            <p data-testid="active-device">"Active device: " <strong>{active}</strong></p>
            <Show when=move || user.with(outbound_calls_blocked)>
                <Notice text=OUTBOUND_BLOCKED kind=NoticeKind::Warn />
            </Show>
            <HeldSwitchChoice held=held switch=switch on_saved=on_saved />
            {[Device::Phone, Device::Sip]
                .into_iter()
                .map(|device| {
                    view! { <DeviceRow device=device user=user switch=switch refused=refused /> }
                })
                .collect_view()}
        </section>
    }
}

/// The device state someone else changed: Keep mine switches anyway (over
/// their state, checked again), Take theirs shows theirs.
#[component]
fn HeldSwitchChoice(
    held: RwSignal<Option<HeldSwitch>>,
    switch: Action<Switch, ()>,
    on_saved: Callback<User>,
) -> impl IntoView {
    move || {
        let HeldSwitch {
            press,
            conflict,
            theirs,
        } = held.get()?;
        let on_choose = Callback::new(move |choice| {
            held.set(None);
            match choice {
                Choice::KeepMine => {
                    switch.dispatch(Switch {
                        loaded: conflict.theirs,
                        ..press
                    });
                }
                Choice::TakeTheirs => on_saved.run(theirs.clone()),
            }
        });
        Some(view! {
            <ConflictChoice
                what="Active device"
                loaded=device_name(conflict.loaded).to_string()
                theirs=device_name(conflict.theirs).to_string()
                mine=device_name(conflict.mine).to_string()
                on_choose=on_choose
                busy=switch.pending()
            />
        })
    }
}

/// One device's switch, and why its last switch was refused.
#[component]
fn DeviceRow(
    device: Device,
    user: Signal<User>,
    switch: Action<Switch, ()>,
    refused: RwSignal<Option<(Device, ApiError)>>,
) -> impl IntoView {
    let on = move || user.with(|u| is_active(u, device));
    let pending = switch.pending();
    let no_phone =
        move || device == Device::Phone && user.with(|u| u.agent_number.trim().is_empty());
    let press = move |_| {
        if !pending.get_untracked() {
            let loaded = user.with_untracked(User::active_device);
            switch.dispatch(Switch {
                device,
                on: !on(),
                loaded,
            });
        }
    };
    let error = move || refused.get().filter(|(d, _)| *d == device).map(|(_, e)| e);
    view! {
        <div class="device-row">
            <button
                type="button"
                role="switch"
                class="btn device-switch"
                aria-checked=move || on().to_string()
                disabled=move || pending.get()
                on:click=press
            >
                <span class="switch-track" aria-hidden="true"></span>
                {device_label(device)}
            </button>
            <span class="muted">{move || if on() { "On (active)" } else { "Off" }}</span>
            <Show when=no_phone>
                <p class="hint">
                    "No agent number: Exotel has no phone to ring, so it refuses to switch this on."
                </p>
            </Show>
            {move || {
                error()
                    .map(|e| {
                        let action = format!(
                            "Switching the {}",
                            device_label(device).to_lowercase(),
                        );
                        view! { <ErrorPanel action=action error=e /> }
                    })
            }}
        </div>
    }
}
