//! Fault injection on the routes of issue 21 (create_customer,
//! delete_customer, inbound_call, outbound_call): every kind, route scoping,
//! `after`, and that a faulted call changes nothing.

use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::{json, Value};

const ROUTES: [&str; 4] = [
    "create_customer",
    "delete_customer",
    "inbound_call",
    "outbound_call",
];

/// A sandbox with an app whose user can call, and `spare` customers made
/// beforehand (so making one never meets a queued fault): their tokens.
async fn fixture(spare: usize) -> (Sandbox, Value, String, Vec<String>) {
    let sb = start().await;
    let (_, app, at) = sb.app_with_token("Calls").await;
    sb.sip_user(&at, "agent-1").await;
    let mut tokens = Vec::new();
    for i in 0..spare {
        tokens.push(sb.new_customer(&format!("Spare {i}")).await.1);
    }
    (sb, app, at, tokens)
}

fn inbound_path(app: &Value, kind: &str) -> String {
    format!(
        "/call/inbound_call/{}?type={kind}&CallSid=c1",
        app["AppID"].as_str().unwrap()
    )
}

/// One call of `route` that succeeds without a fault; its HTTP status.
async fn each_route(
    sb: &Sandbox,
    app: &Value,
    at: &str,
    spare: &mut Vec<String>,
    route: &str,
) -> u16 {
    match route {
        "create_customer" => {
            let body = json!({"CustomerName": "Zed Corp", "Email": "ops@zed.example"});
            sb.create_customer_raw(body).await.0
        }
        "delete_customer" => {
            let token = spare.pop().expect("a spare customer");
            sb.call("DELETE", "/customer", Some(&token), None).await.0
        }
        "inbound_call" => {
            sb.call("GET", &inbound_path(app, "popup"), None, None)
                .await
                .0
        }
        _ => {
            let body = json!({
                "customer_id": CUSTOMER_ID, "app_id": app["AppID"], "to": "8851029024", "user_id": "agent-1"
            });
            sb.call("POST", "/call/outbound_call", Some(at), Some(body))
                .await
                .0
        }
    }
}

/// Customers and deliveries, to show that a faulted call did nothing.
async fn effects(sb: &Sandbox) -> (usize, usize) {
    let customers = sb.state().await["customers"].as_array().unwrap().len();
    (customers, sb.deliveries().await.len())
}

#[tokio::test]
async fn each_route_name_scopes_to_its_operation() {
    for route in ROUTES {
        let (sb, app, at, mut spare) = fixture(2).await;
        sb.fault(json!({"kind": "empty500", "route": route})).await;
        for other in ROUTES.iter().filter(|r| **r != route) {
            let s = each_route(&sb, &app, &at, &mut spare, other).await;
            assert_eq!(s, 200, "{other} with a {route} fault");
        }
        assert_eq!(sb.state().await["faults_pending"], 1, "{route}");
        assert_eq!(
            each_route(&sb, &app, &at, &mut spare, route).await,
            500,
            "{route}"
        );
        assert_eq!(sb.state().await["faults_pending"], 0, "{route}");
    }
}

#[tokio::test]
async fn every_fault_kind_applies_and_a_faulted_call_does_nothing() {
    let (sb, app, at, mut spare) = fixture(FAULT_STATUSES.len()).await;
    let before = effects(&sb).await;
    for (kind, status) in FAULT_STATUSES {
        for route in ROUTES {
            sb.fault(json!({"kind": kind, "route": route})).await;
            let s = each_route(&sb, &app, &at, &mut spare, route).await;
            assert_eq!(s, status, "{kind} on {route}");
        }
    }
    assert_eq!(
        effects(&sb).await,
        before,
        "no customer created or deleted, no delivery recorded"
    );
    // failure200 really is a failure envelope here too.
    sb.fault(json!({"kind": "failure200", "route": "inbound_call"}))
        .await;
    let (s, v) = sb
        .call("GET", &inbound_path(&app, "popup"), None, None)
        .await;
    assert_eq!(
        (s, v["Status"].as_str(), v["Data"].clone()),
        (200, Some("failure"), Value::Null)
    );
}

#[tokio::test]
async fn delay_and_disconnect_apply_to_the_new_routes() {
    let (sb, app, at, mut spare) = fixture(0).await;
    sb.fault(json!({"kind": "delay", "delay_ms": 300, "route": "outbound_call"}))
        .await;
    let t = Instant::now();
    assert_eq!(
        each_route(&sb, &app, &at, &mut spare, "outbound_call").await,
        200
    );
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(
        sb.deliveries().await.len(),
        1,
        "the delayed call did its work"
    );

    sb.fault(json!({"kind": "disconnect", "route": "create_customer"}))
        .await;
    let resp = sb
        .client
        .post(sb.api("/customer"))
        .json(&json!({"CustomerName": "Zed Corp", "Email": "ops@zed.example", "CustomerSecret": "x-secret"}))
        .send()
        .await;
    assert!(
        broke_off(resp).await,
        "the client must see a broken connection"
    );
    let last = sb.last_request().await;
    assert_eq!(
        last["body"],
        json!({"CustomerName": "Zed Corp", "Email": "ops@zed.example"})
    );
    let state = sb.state().await;
    assert_eq!(state["customers"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn after_lets_that_many_calls_of_the_route_through() {
    let (sb, app, at, mut spare) = fixture(0).await;
    sb.fault(json!({"kind": "json500", "route": "inbound_call", "after": 2}))
        .await;
    sb.fault(json!({"kind": "bad400", "route": "outbound_call", "after": 1, "count": 2}))
        .await;
    let mut statuses = Vec::new();
    for route in ["inbound_call", "outbound_call"].iter().cycle().take(8) {
        statuses.push(each_route(&sb, &app, &at, &mut spare, route).await);
    }
    // inbound: 200 200 500 200; outbound: 200 400 400 200, interleaved.
    assert_eq!(statuses, [200, 200, 200, 400, 500, 400, 200, 200]);
    assert_eq!(
        sb.deliveries().await.len(),
        5,
        "only the calls let through delivered"
    );
    // A path and query match hits one notification type only.
    let path = format!(
        "/v2/integrations/call/inbound_call/{}",
        app["AppID"].as_str().unwrap()
    );
    sb.fault(json!({"kind": "html502", "path": path, "query_contains": "type=missedcall"}))
        .await;
    let (s, _) = sb
        .call("GET", &inbound_path(&app, "popup"), None, None)
        .await;
    assert_eq!(s, 200);
    let (s, _) = sb
        .call("GET", &inbound_path(&app, "missedcall"), None, None)
        .await;
    assert_eq!(s, 502);
}
