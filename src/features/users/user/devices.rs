//! A user's two devices (phone and SIP): which one is active, a switch for
//! each (`PUT /device`) with its own outcome, and the warning that outbound
//! calls need the SIP device on.

use leptos::prelude::*;

use crate::api::users::ActiveDevice;
use crate::api::{ApiError, Device, User};
use crate::features::app_shell::use_unlocked_app;
use crate::features::errors::ErrorPanel;
use crate::features::users::user::details::device_name;
use crate::features::users::user::flow::{outbound_calls_blocked, switch_device};
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::toasts::use_toasts;

/// Shown while SIP is not the active device.
const OUTBOUND_BLOCKED: &str = "Outbound calls fail (Exotel code 10708) until SIP is the active \
     device: switch the SIP device on to let this user call out.";

/// One press of a switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Switch {
    device: Device,
    on: bool,
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

#[component]
pub(crate) fn DeviceSwitches(
    #[prop(into)] user: Signal<User>,
    /// Called with the user as the server stored it after a switch.
    on_saved: Callback<User>,
) -> impl IntoView {
    let app = use_unlocked_app();
    let toasts = use_toasts();
    let refused = RwSignal::new(None::<(Device, ApiError)>);
    let switch = Action::new_local(move |press: &Switch| {
        let (press, token, client) = (*press, app.token.clone(), app.client());
        let id = user.get_untracked().app_user_id;
        async move {
            let result = switch_device(&client, &token, &id, press.device, press.on).await;
            // The one place a switch's outcome lands.
            match result {
                Ok(stored) => {
                    refused.try_set(None);
                    let state = if press.on { "on" } else { "off" };
                    toasts.success(format!("{} switched {state}.", device_label(press.device)));
                    on_saved.try_run(stored);
                }
                // The gate answers a refused token.
                Err(e) if e.is_unauthorized() => {}
                Err(e) => {
                    refused.try_set(Some((press.device, e)));
                }
            }
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
            {[Device::Phone, Device::Sip]
                .into_iter()
                .map(|device| {
                    view! { <DeviceRow device=device user=user switch=switch refused=refused /> }
                })
                .collect_view()}
        </section>
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
            switch.dispatch(Switch { device, on: !on() });
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
