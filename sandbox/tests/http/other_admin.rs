//! `/__sandbox/other-admin`: a setting, a user or a device changed behind
//! the client's back, at once or just before a chosen call (between two of
//! the client's reads), never in the request log.

use crate::common::*;
use serde_json::{json, Value};

/// A sandbox with one app (its token) and one user `u1` of it.
async fn with_user() -> (Sandbox, Value, String) {
    let sb = start().await;
    let (_, app, at) = sb.app_with_token("A").await;
    let (s, v) = sb
        .call(
            "POST",
            "/usermapping",
            Some(&at),
            Some(json!([user_body("u1", "Priya Sharma")])),
        )
        .await;
    success(s, &v);
    (sb, app, at)
}

async fn settings(sb: &Sandbox, at: &str) -> Value {
    let (s, v) = sb.call("GET", "/app_setting", Some(at), None).await;
    success(s, &v)
}

async fn user(sb: &Sandbox, at: &str, id: &str) -> Value {
    let (s, v) = sb
        .call("GET", &format!("/usermapping?user_id={id}"), Some(at), None)
        .await;
    success(s, &v)
}

async fn other_admin(sb: &Sandbox, body: Value) -> (u16, Value) {
    sb.control("/other-admin", Some(body)).await
}

#[tokio::test]
async fn a_setting_changed_at_once_is_read_by_the_next_get_and_never_logged() {
    let (sb, app, at) = with_user().await;
    sb.save_setting(&at, "popup", "https://mine.example/p")
        .await;
    let requests_before = sb.state().await["requests"].as_array().unwrap().len();
    let (s, v) = other_admin(
        &sb,
        json!({"app_id": app["AppID"], "setting": {"Key": "popup", "Value": "https://theirs.example/p"}}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["applied"]["setting"]["Value"], "https://theirs.example/p");
    assert_eq!(v["edits_pending"], 0);
    let state = sb.state().await;
    assert_eq!(
        state["requests"].as_array().unwrap().len(),
        requests_before,
        "not an API call"
    );
    assert_eq!(
        settings(&sb, &at).await,
        json!([{"Key": "popup", "Value": "https://theirs.example/p"}])
    );
}

#[tokio::test]
async fn a_queued_setting_lands_between_two_reads() {
    let (sb, app, at) = with_user().await;
    sb.save_setting(&at, "popup", "https://mine.example/p")
        .await;
    // Lands just before the second GET /app_setting from now.
    let (s, v) = other_admin(
        &sb,
        json!({
            "app_id": app["AppID"],
            "setting": {"Key": "popup", "Value": "https://theirs.example/p"},
            "before": {"route": "settings", "after": 1}
        }),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["queued"]["before"],
        json!({"route": "settings", "after": 1})
    );
    assert_eq!(v["edits_pending"], 1);
    // Other calls do not count.
    sb.save_setting(&at, "record", "true").await;
    let first = settings(&sb, &at).await;
    assert_eq!(first[0]["Value"], "https://mine.example/p");
    let (_, waiting) = sb.control_get("/other-admin").await;
    assert_eq!(waiting["edits"][0]["before"]["after"], 0);
    let second = settings(&sb, &at).await;
    assert_eq!(second[0]["Value"], "https://theirs.example/p");
    let (_, waiting) = sb.control_get("/other-admin").await;
    assert_eq!(waiting, json!({"edits": [], "edits_pending": 0}));
}

#[tokio::test]
async fn a_rewrite_does_not_apply_to_the_other_admin() {
    let (sb, app, at) = with_user().await;
    let (s, _) = sb
        .control(
            "/settings-rewrite",
            Some(json!({"key": "popup", "transform": "lowercase"})),
        )
        .await;
    assert_eq!(s, 200);
    other_admin(
        &sb,
        json!({"app_id": app["AppID"], "setting": {"Key": "popup", "Value": "https://THEIRS.example"}}),
    )
    .await;
    assert_eq!(
        settings(&sb, &at).await[0]["Value"],
        "https://THEIRS.example"
    );
}

#[tokio::test]
async fn a_user_is_changed_by_put_s_rules_and_keeps_the_rest() {
    let (sb, app, at) = with_user().await;
    let before = user(&sb, &at, "u1").await;
    let (s, v) = other_admin(
        &sb,
        json!({"app_id": app["AppID"], "user": {"AppUserId": "u1", "Email": "theirs@acme.example"}}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let after = user(&sb, &at, "u1").await;
    assert_eq!(after["Email"], "theirs@acme.example");
    assert_eq!(after["AppUsername"], before["AppUsername"]);
    assert_eq!(after["SipId"], before["SipId"]);
    let (s, v) = other_admin(
        &sb,
        json!({"app_id": app["AppID"], "user": {"AppUserId": "u1", "AppUsername": "Al Bo"}}),
    )
    .await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("Invalid parameter, first_name too short"))
    );
    let (s, v) = other_admin(
        &sb,
        json!({"app_id": app["AppID"], "user": {"AppUserId": "nobody", "Email": "x@acme.example"}}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (404, Some("no such user")));
}

#[tokio::test]
async fn a_queued_user_change_lands_before_the_chosen_read() {
    let (sb, app, at) = with_user().await;
    other_admin(
        &sb,
        json!({
            "app_id": app["AppID"],
            "user": {"AppUserId": "u1", "VirtualNumber": "+918047009999"},
            "before": {"route": "user"}
        }),
    )
    .await;
    // A page of users is another route: nothing lands yet.
    let (s, v) = sb
        .call("GET", "/usermapping?page_size=5", Some(&at), None)
        .await;
    assert_eq!(success(s, &v)["Users"][0]["VirtualNumber"], "+918047000001");
    assert_eq!(user(&sb, &at, "u1").await["VirtualNumber"], "+918047009999");
}

#[tokio::test]
async fn a_device_is_switched_by_the_device_model() {
    let (sb, app, at) = with_user().await;
    let (s, v) = other_admin(
        &sb,
        json!({"app_id": app["AppID"], "device": {"UserId": "u1", "DeviceName": "sip", "DeviceStatus": true}}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let stored = user(&sb, &at, "u1").await;
    assert_eq!(stored["ActiveDeviceId"], stored["SipDeviceID"]);
    assert_eq!(stored["OutboundActive"], true);
}

#[tokio::test]
async fn bad_bodies_and_unknown_apps_are_refused_and_reset_forgets_queued_edits() {
    let (sb, app, _) = with_user().await;
    let both = json!({
        "app_id": app["AppID"], "setting": {"Key": "k", "Value": "v"},
        "device": {"UserId": "u1", "DeviceName": "sip", "DeviceStatus": true}
    });
    let (s, v) = other_admin(&sb, both).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("give exactly one of setting, user and device"))
    );
    let (s, _) = other_admin(
        &sb,
        json!({"app_id": app["AppID"], "setting": {"Key": " ", "Value": "v"}}),
    )
    .await;
    assert_eq!(s, 400);
    let (s, _) = other_admin(&sb, json!({"app_id": app["AppID"], "nonsense": 1})).await;
    assert_eq!(s, 400);
    let (s, v) = other_admin(
        &sb,
        json!({"app_id": "nope", "setting": {"Key": "k", "Value": "v"}}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (404, Some("no such app")));
    other_admin(
        &sb,
        json!({"app_id": app["AppID"], "setting": {"Key": "k", "Value": "v"}, "before": {"route": "settings"}}),
    )
    .await;
    let (s, _) = sb.control("/reset", None).await;
    assert_eq!(s, 200);
    let (_, waiting) = sb.control_get("/other-admin").await;
    assert_eq!(waiting["edits_pending"], 0);
    let resp = sb
        .client
        .delete(sb.url("/__sandbox/other-admin"))
        .send()
        .await
        .unwrap();
    let (s, v) = status_json(resp).await;
    assert_eq!((s, v), (200, json!({"cleared": 0, "edits_pending": 0})));
}
