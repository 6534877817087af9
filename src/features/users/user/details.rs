//! Every stored field of one user but SipSecret (which [`User`] does not
//! even have), as a definition list.

use leptos::prelude::*;

use crate::api::users::ActiveDevice;
use crate::api::User;
use crate::ui::timestamp::Timestamp;

/// How a device state reads.
pub(crate) fn device_name(device: ActiveDevice) -> &'static str {
    match device {
        ActiveDevice::Phone => "Phone",
        ActiveDevice::Sip => "SIP",
        ActiveDevice::None => "None",
    }
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "Yes"
    } else {
        "No"
    }
}

/// An empty value, said as such.
fn or_none(value: &str) -> String {
    if value.trim().is_empty() {
        "(none)".to_string()
    } else {
        value.to_string()
    }
}

/// The text fields, in the API's order (dates and flags are shown apart).
fn text_rows(user: &User) -> [(&'static str, String); 15] {
    [
        ("AppUserId", user.app_user_id.clone()),
        ("AppUsername", or_none(&user.app_username)),
        ("Email", or_none(&user.email)),
        ("Role", or_none(&user.role)),
        ("ExotelAccountSid", or_none(&user.exotel_account_sid)),
        ("ExotelUserId", or_none(&user.exotel_user_id)),
        ("ExotelUserName", or_none(&user.exotel_user_name)),
        ("AgentNumber", or_none(&user.agent_number)),
        ("VirtualNumber", or_none(&user.virtual_number)),
        ("ActiveDeviceId", or_none(&user.active_device_id)),
        ("PhoneDeviceID", or_none(&user.phone_device_id)),
        ("SipDeviceID", or_none(&user.sip_device_id)),
        ("SipId", or_none(&user.sip_id)),
        ("CustomerId", or_none(&user.customer_id)),
        ("AppID", or_none(&user.app_id)),
    ]
}

#[component]
pub(crate) fn UserDetails(#[prop(into)] user: Signal<User>) -> impl IntoView {
    move || {
        let user = user.get();
        let rows = text_rows(&user)
            .into_iter()
            .map(|(key, value)| {
                view! {
                    <dt>{key}</dt>
                    <dd class="value">{value}</dd>
                }
            })
            .collect_view();
        view! {
            <dl class="card kv user-fields" data-testid="user-fields">
                {rows}
                <dt>"Active device"</dt>
                <dd>{device_name(user.active_device())}</dd>
                <dt>"OutboundActive"</dt>
                <dd>{yes_no(user.outbound_active)}</dd>
                <dt>"IsActive"</dt>
                <dd>{yes_no(user.is_active)}</dd>
                <dt>"UserDetail"</dt>
                <dd>{or_none(&user.user_detail)}</dd>
                <dt>"CreatedAt"</dt>
                <dd>
                    <Timestamp value=user.created_at.clone() />
                </dd>
                <dt>"UpdatedAt"</dt>
                <dd>
                    <Timestamp value=user.updated_at.clone() />
                </dd>
            </dl>
        }
    }
}
