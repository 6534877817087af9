//! /call: the inbound-call notification Exotel's call flow calls (no
//! Authorization) and the outbound call the browser SDK places (app token).
//! Neither sends anything: each records the webhook delivery the live
//! service would make (see `crate::calls`).

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};

use crate::auth::{invalid_token, AppCaller};
use crate::calls::{
    callback_record, exotel_error, inbound_record, outbound_record, CallRecord, Delivery,
    Notification, NOTIFICATION_TYPES,
};
use crate::extract::{JsonObject, Params};
use crate::failure::{ApiResult, Failure, Success};
use crate::fields::{is_phone_number, required_string};
use crate::state::{now_ist, AppState};

/// GET /call/inbound_call/<AppID>?type=popup|incomingcallhungup|missedcall
/// with the Connect applet's parameters. Answers "Success" whether or not
/// the app has a setting to notify: the call flow only pings this URL, the
/// webhook POST comes after and its failure is not the call flow's business.
pub async fn inbound(
    State(state): State<AppState>,
    app_id: Result<Path<String>, PathRejection>,
    params: Params,
) -> ApiResult<&'static str> {
    let Path(app_id) = app_id.map_err(|_| Failure::record_not_found())?;
    let kind = params
        .get("type")
        .and_then(Notification::parse)
        .ok_or_else(|| {
            Failure::bad_request(format!("type query parameter must be {NOTIFICATION_TYPES}"))
        })?;
    let mut inner = state.lock();
    let app = inner
        .find_app(&app_id)
        .ok_or_else(Failure::record_not_found)?;
    let record = inbound_record(app, inner.users_of(&app_id), &params, kind, &now_ist());
    let delivery = Delivery::to_setting(
        inner.settings_of(&app_id),
        &app_id,
        kind.setting_key(),
        record,
    );
    inner.record_delivery(delivery);
    Ok(Success("Success"))
}

/// POST /call/outbound_call `{"customer_id", "app_id", "to", "user_id"}`.
/// Checked in the order a real request meets them: the body, the token's
/// app and customer, the user (404), then what Exotel's call API refuses:
/// a bad `to` (10725) before a SIP device that is off (10708).
pub async fn outbound(
    State(state): State<AppState>,
    AppCaller { app_id }: AppCaller,
    JsonObject(obj): JsonObject,
) -> ApiResult<CallRecord> {
    let field = |name: &str| required_string(&obj, name).map_err(Failure::bad_request);
    let (customer_id, sent_app_id) = (field("customer_id")?, field("app_id")?);
    let (to, user_id) = (field("to")?, field("user_id")?);
    if sent_app_id != app_id {
        return Err(Failure::unauthorized("app_id does not match the token"));
    }
    let mut inner = state.lock();
    let app = inner.find_app(&app_id).ok_or_else(invalid_token)?;
    if app.customer_id != customer_id {
        return Err(Failure::unauthorized(
            "customer_id does not match the token",
        ));
    }
    let user = inner
        .users_of(&app_id)
        .iter()
        .find(|u| u.app_user_id == user_id)
        .ok_or_else(Failure::record_not_found)?;
    if !is_phone_number(to) {
        return Err(exotel_error(
            10725,
            "Invalid request body",
            "to.contact_uri is invalid",
        ));
    }
    if !user.outbound_active {
        return Err(exotel_error(
            10708,
            "Device not available",
            "the user's SIP device is off",
        ));
    }
    let answered = outbound_record(app, user, to);
    let callback = callback_record(&answered, &now_ist());
    let delivery = Delivery::to_setting(inner.settings_of(&app_id), &app_id, "callback", callback);
    inner.record_delivery(delivery);
    Ok(Success(answered))
}
