//! /call (issue 21): the inbound-call notification and the outbound call,
//! and the webhook deliveries they record instead of sending.

use crate::common::*;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// An app with one user (AgentNumber +919812345678, VirtualNumber
/// +918047000001) whose SIP device is on: (app, app token, user).
async fn calling_app(sb: &Sandbox) -> (Value, String, Value) {
    let (_, app, at) = sb.app_with_token("Calls").await;
    let user = sb.sip_user(&at, "agent-1").await;
    (app, at, user)
}

fn inbound_path(app: &Value, query: &str) -> String {
    format!(
        "/call/inbound_call/{}?{query}",
        app["AppID"].as_str().unwrap()
    )
}

fn is_recent_ist(v: &Value) -> bool {
    let text = v.as_str().unwrap_or_default();
    let at = OffsetDateTime::parse(text, &Rfc3339);
    text.ends_with("+05:30")
        && at.is_ok_and(|t| (OffsetDateTime::now_utc() - t).whole_seconds().abs() < 60)
}

/// GET /call/inbound_call/<AppID>?<query> with no Authorization, which
/// must answer "Success".
async fn notify(sb: &Sandbox, app: &Value, query: &str) {
    let (s, v) = sb.call("GET", &inbound_path(app, query), None, None).await;
    assert_eq!(success(s, &v), "Success");
}

const RINGING: &str =
    "CallSid=c0ffee01&From=09999988888&To=08047000001&DialWhomNumber=09812345678&Status=busy";

#[tokio::test]
async fn a_popup_records_what_exotel_would_post() {
    let sb = start().await;
    let (app, at, _) = calling_app(&sb).await;
    sb.save_setting(&at, "popup", "https://crm.acme.example/popup?k=s3")
        .await;
    notify(&sb, &app, &format!("type=popup&{RINGING}")).await;
    let d = sb.deliveries().await;
    assert_eq!(d.len(), 1, "{d:?}");
    let d = &d[0];
    assert_eq!(
        (
            &d["type"],
            &d["app_id"],
            &d["url"],
            &d["delivered"],
            &d["reason"]
        ),
        (
            &json!("popup"),
            &app["AppID"],
            &json!("https://crm.acme.example/popup?k=s3"),
            &json!(true),
            &Value::Null
        )
    );
    let p = &d["payload"];
    assert!(
        is_recent_ist(&p["CreatedAt"]) && p["UpdatedAt"] == p["CreatedAt"],
        "{p}"
    );
    let mut expected = json!({
        "CustomerId": CUSTOMER_ID, "AppId": app["AppID"], "CallSid": "c0ffee01", "ExotelAccountSid": "acme1",
        "DialWhomNumber": "09812345678", "AppUserID": "agent-1", "VirtualNumber": "+918047000001",
        "Direction": "inbound", "CallStatus": "busy", "CallState": "active", "ToNumber": "08047000001",
        "FromNumber": "09999988888", "TotalDuration": "", "CallRecordings": "", "AccountDomain": "mumbai",
        "TicketId": "", "CallDetail": null,
    });
    expected["CreatedAt"] = p["CreatedAt"].clone();
    expected["UpdatedAt"] = p["CreatedAt"].clone();
    assert_eq!(p, &expected);
}

#[tokio::test]
async fn hangup_and_missed_go_to_their_own_settings_once_the_call_is_over() {
    let sb = start().await;
    let (app, at, _) = calling_app(&sb).await;
    sb.save_setting(&at, "incomingCallHangup", "https://crm.acme.example/hangup")
        .await;
    sb.save_setting(&at, "missedCall", "https://crm.acme.example/missed")
        .await;
    let ended = "CallSid=c2&From=09999988888&DialWhomNumber=%2B919812345678&Status=free&DialCallDuration=42";
    for kind in ["incomingcallhungup", "missedcall"] {
        notify(&sb, &app, &format!("type={kind}&{ended}")).await;
    }
    let d = sb.deliveries().await;
    let summary: Vec<(&Value, &Value, &Value)> = d
        .iter()
        .map(|d| (&d["type"], &d["url"], &d["delivered"]))
        .collect();
    assert_eq!(
        summary,
        [
            (
                &json!("incomingCallHangup"),
                &json!("https://crm.acme.example/hangup"),
                &json!(true)
            ),
            (
                &json!("missedCall"),
                &json!("https://crm.acme.example/missed"),
                &json!(true)
            ),
        ]
    );
    for p in d.iter().map(|d| &d["payload"]) {
        assert_eq!(
            (&p["CallState"], &p["CallStatus"]),
            (&json!("terminal"), &json!("free"))
        );
        assert_eq!(
            (&p["TotalDuration"], &p["AppUserID"]),
            (&json!(42), &json!("agent-1"))
        );
        // Without `To`, the number called is the one dialled.
        assert_eq!(p["ToNumber"], "+919812345678");
    }
}

#[tokio::test]
async fn the_user_is_found_by_agent_or_virtual_number_or_not_at_all() {
    let sb = start().await;
    let (app, at, _) = calling_app(&sb).await;
    sb.save_setting(&at, "popup", "https://crm.acme.example/popup")
        .await;
    for dialled in ["9812345678", "%2B918047000001", "09800000000", ""] {
        notify(
            &sb,
            &app,
            &format!("type=popup&CallSid=x&DialWhomNumber={dialled}"),
        )
        .await;
    }
    let found: Vec<Value> = sb
        .deliveries()
        .await
        .iter()
        .map(|d| d["payload"]["AppUserID"].clone())
        .collect();
    assert_eq!(
        found,
        [json!("agent-1"), json!("agent-1"), json!(""), json!("")]
    );
}

#[tokio::test]
async fn without_a_usable_setting_nothing_is_delivered_and_the_call_flow_still_gets_success() {
    let sb = start().await;
    let (app, at, _) = calling_app(&sb).await;
    sb.save_setting(&at, "popup", "").await;
    sb.save_setting(&at, "incomingCallHangup", "crm.acme.example/hangup")
        .await;
    for kind in ["popup", "incomingcallhungup", "missedcall"] {
        notify(&sb, &app, &format!("type={kind}&{RINGING}")).await;
    }
    let d = sb.deliveries().await;
    let summary: Vec<(&Value, &Value, &Value)> = d
        .iter()
        .map(|d| (&d["url"], &d["delivered"], &d["reason"]))
        .collect();
    assert_eq!(
        summary,
        [
            (
                &json!(""),
                &json!(false),
                &json!("the app's popup setting is empty")
            ),
            (
                &json!("crm.acme.example/hangup"),
                &json!(false),
                &json!("the app's incomingCallHangup setting is not an http(s) URL")
            ),
            (
                &Value::Null,
                &json!(false),
                &json!("the app has no missedCall setting")
            ),
        ]
    );
    assert!(d.iter().all(|d| d["payload"]["CallSid"] == "c0ffee01"));
}

#[tokio::test]
async fn inbound_refusals() {
    let sb = start().await;
    let (app, _, _) = calling_app(&sb).await;
    let (s, v) = sb
        .call(
            "GET",
            "/call/inbound_call/no-such-app?type=popup",
            None,
            None,
        )
        .await;
    failure(s, &v, 404, "record not found");
    let allowed = "type query parameter must be popup, incomingcallhungup or missedcall";
    for query in ["", "type=", "type=Popup", "type=hangup", "kind=popup"] {
        let (s, v) = sb.call("GET", &inbound_path(&app, query), None, None).await;
        failure(s, &v, 400, allowed);
    }
    let (s, v) = sb
        .call("POST", &inbound_path(&app, "type=popup"), None, None)
        .await;
    failure(s, &v, 405, "method POST not allowed");
    assert!(sb.deliveries().await.is_empty());
    // The request log has every call, with its query and no Authorization.
    let state = sb.state().await;
    let inbound: Vec<&Value> = state["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["path"]
                .as_str()
                .unwrap()
                .starts_with("/v2/integrations/call/inbound_call/")
        })
        .collect();
    assert_eq!(inbound.len(), 7);
    assert_eq!(
        (&inbound[0]["status"], &inbound[0]["query"]),
        (&json!(404), &json!("type=popup"))
    );
    assert!(inbound.iter().all(|r| r["authorization_kind"] == "none"));
}

/// POST /call/outbound_call with a body.
async fn call_out(sb: &Sandbox, at: &str, body: Value) -> (u16, Value) {
    sb.call("POST", "/call/outbound_call", Some(at), Some(body))
        .await
}

fn call_body(app: &Value, to: &str, user_id: &str) -> Value {
    json!({"customer_id": app["CustomerID"], "app_id": app["AppID"], "to": to, "user_id": user_id})
}

#[tokio::test]
async fn an_outbound_call_answers_the_call_record_and_records_the_callback() {
    let sb = start().await;
    let (app, at, user) = calling_app(&sb).await;
    sb.save_setting(&at, "callback", "https://crm.acme.example/status")
        .await;
    let (s, v) = call_out(&sb, &at, call_body(&app, "8851029024", "agent-1")).await;
    let call = success(s, &v);
    let sid = call["CallSid"].as_str().unwrap();
    assert!(
        sid.len() == 32 && sid.bytes().all(|b| b.is_ascii_hexdigit()),
        "{sid}"
    );
    let sip = user["SipId"].as_str().unwrap();
    assert!(
        sip.starts_with("sip:priyasharma") && !sip.contains('@'),
        "{sip}"
    );
    let expected = json!({
        "CustomerId": CUSTOMER_ID, "AppId": app["AppID"], "CallSid": sid, "ExotelAccountSid": "acme1",
        "DialWhomNumber": "8851029024", "AppUserID": "agent-1", "VirtualNumber": "+918047000001",
        "Direction": "outbound", "CallStatus": "", "CallState": "active", "ToNumber": "8851029024",
        "FromNumber": sip, "TotalDuration": 0, "CallRecordings": "", "AccountDomain": "mumbai", "TicketId": "",
        "CallDetail": null, "CreatedAt": "0001-01-01T00:00:00Z", "UpdatedAt": "0001-01-01T00:00:00Z",
    });
    assert_eq!(call, expected);

    let d = sb.deliveries().await;
    assert_eq!(d.len(), 1);
    assert_eq!(
        (&d[0]["type"], &d[0]["url"], &d[0]["delivered"]),
        (
            &json!("callback"),
            &json!("https://crm.acme.example/status"),
            &json!(true)
        )
    );
    let p = &d[0]["payload"];
    assert!(
        is_recent_ist(&p["StartTime"])
            && p["EndTime"] == p["StartTime"]
            && p["CreatedAt"] == p["StartTime"]
    );
    assert_eq!(
        (&p["CallState"], &p["CallStatus"]),
        (&json!("terminal"), &json!("free"))
    );
    for key in [
        "CallSid",
        "AppUserID",
        "ToNumber",
        "FromNumber",
        "VirtualNumber",
        "Direction",
        "TotalDuration",
    ] {
        assert_eq!(p[key], call[key], "{key}");
    }
}

#[tokio::test]
async fn without_a_callback_setting_the_call_is_placed_and_nothing_delivered() {
    let sb = start().await;
    let (app, at, _) = calling_app(&sb).await;
    let (s, v) = call_out(&sb, &at, call_body(&app, "+918851029024", "agent-1")).await;
    success(s, &v);
    let d = sb.deliveries().await;
    assert_eq!(
        (&d[0]["url"], &d[0]["delivered"]),
        (&Value::Null, &json!(false))
    );
    assert_eq!(d[0]["reason"], "the app has no callback setting");
}

/// The nested error in a failure envelope: (http_code, code, description).
fn exotel_error(s: u16, v: &Value) -> (u64, u64, String) {
    assert_eq!(s, 400, "{v}");
    assert_envelope(v);
    assert!(v["Data"].is_null() && v["Status"] == "Failure", "{v}");
    let text = v["Error"].as_str().unwrap();
    let e: Value = serde_json::from_str(text).expect("Error is JSON text");
    assert_eq!(
        e.as_object().unwrap().len(),
        2,
        "only http_code and response: {text}"
    );
    let data = &e["response"]["error_data"];
    assert!(
        data["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{text}"
    );
    let description = data["description"].as_str().unwrap().to_string();
    (
        e["http_code"].as_u64().unwrap(),
        data["code"].as_u64().unwrap(),
        description,
    )
}

#[tokio::test]
async fn a_bad_number_is_exotels_10725() {
    let sb = start().await;
    let (app, at, _) = calling_app(&sb).await;
    for to in [
        "12345",
        "88510-29024",
        "abc",
        "+91 8851029024",
        "sip:someone",
    ] {
        let (s, v) = call_out(&sb, &at, call_body(&app, to, "agent-1")).await;
        assert_eq!(
            exotel_error(s, &v),
            (400, 10725, "to.contact_uri is invalid".into()),
            "{to}"
        );
    }
    let (s, v) = call_out(&sb, &at, call_body(&app, "12345", "agent-1")).await;
    assert!(v["Error"]
        .as_str()
        .unwrap()
        .starts_with(r#"{"http_code":400,"response":{"error_data":{"code":10725,"#));
    assert_eq!(s, 400);
    assert!(sb.deliveries().await.is_empty(), "no call, no callback");
}

#[tokio::test]
async fn a_call_needs_the_users_sip_device_on_10708() {
    let sb = start().await;
    let (app, at, _) = calling_app(&sb).await;
    let body = call_body(&app, "8851029024", "agent-1");
    let off = |(s, v): (u16, Value)| {
        let (http, code, description) = exotel_error(s, &v);
        assert_eq!((http, code), (400, 10708));
        assert!(description.contains("SIP device is off"), "{description}");
    };
    sb.switch_device(&at, "agent-1", "phone", true).await;
    off(call_out(&sb, &at, body.clone()).await);
    sb.switch_device(&at, "agent-1", "sip", true).await;
    let (s, v) = call_out(&sb, &at, body.clone()).await;
    success(s, &v);
    sb.switch_device(&at, "agent-1", "sip", false).await;
    off(call_out(&sb, &at, body.clone()).await);
    // A new user starts with no device on; a bad number is reported first.
    let (s, v) = sb
        .call(
            "POST",
            "/usermapping",
            Some(&at),
            Some(json!([user_body("agent-2", "Arjun Menon")])),
        )
        .await;
    success(s, &v);
    off(call_out(&sb, &at, call_body(&app, "8851029024", "agent-2")).await);
    let (s, v) = call_out(&sb, &at, call_body(&app, "1", "agent-2")).await;
    assert_eq!(exotel_error(s, &v).1, 10725);
}

#[tokio::test]
async fn outbound_refusals() {
    let sb = start().await;
    let (app, at, _) = calling_app(&sb).await;
    let (s, v) = call_out(&sb, &at, call_body(&app, "8851029024", "nobody")).await;
    failure(s, &v, 404, "record not found");
    let mut body = call_body(&app, "8851029024", "agent-1");
    body["app_id"] = json!("another-app");
    let (s, v) = call_out(&sb, &at, body).await;
    failure(s, &v, 401, "app_id does not match the token");
    let mut body = call_body(&app, "8851029024", "agent-1");
    body["customer_id"] = json!("another-customer");
    let (s, v) = call_out(&sb, &at, body).await;
    failure(s, &v, 401, "customer_id does not match the token");
    for field in ["customer_id", "app_id", "to", "user_id"] {
        let mut body = call_body(&app, "8851029024", "agent-1");
        body.as_object_mut().unwrap().remove(field);
        let (s, v) = call_out(&sb, &at, body.clone()).await;
        failure(s, &v, 400, &format!("{field} is required"));
        body[field] = json!(5);
        let (s, v) = call_out(&sb, &at, body).await;
        failure(s, &v, 400, &format!("{field} must be a string"));
    }
    let ct = sb.customer_token().await;
    let (s, v) = call_out(&sb, &ct, call_body(&app, "8851029024", "agent-1")).await;
    failure(s, &v, 401, NEEDS_APP_TOKEN);
    let (s, v) = sb
        .call(
            "POST",
            "/call/outbound_call",
            None,
            Some(call_body(&app, "1", "x")),
        )
        .await;
    failure(s, &v, 401, "missing Authorization header");
    let (s, v) = sb.call("GET", "/call/outbound_call", Some(&at), None).await;
    failure(s, &v, 405, "method GET not allowed");
    assert!(sb.deliveries().await.is_empty());
}

#[tokio::test]
async fn the_request_log_has_the_outbound_body_and_deliveries_can_be_cleared() {
    let sb = start().await;
    let (app, at, _) = calling_app(&sb).await;
    let body = call_body(&app, "8851029024", "agent-1");
    call_out(&sb, &at, body.clone()).await;
    let last = sb.last_request().await;
    assert_eq!(
        (&last["path"], &last["status"]),
        (&json!("/v2/integrations/call/outbound_call"), &json!(200))
    );
    assert_eq!(
        (&last["body"], &last["authorization_kind"]),
        (&body, &json!("app"))
    );
    assert_eq!(sb.deliveries().await.len(), 1);
    let resp = sb
        .client
        .delete(sb.url("/__sandbox/deliveries"))
        .send()
        .await
        .unwrap();
    assert_eq!(status_json(resp).await, (200, json!({"cleared": 1})));
    assert!(sb.deliveries().await.is_empty());
    call_out(&sb, &at, body).await;
    let (s, _) = sb.control("/reset", None).await;
    assert_eq!(s, 200);
    assert!(sb.deliveries().await.is_empty(), "a reset clears them");
}
