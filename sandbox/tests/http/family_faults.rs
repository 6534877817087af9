//! Fault injection on the /customer, /app_setting, /usermapping and /device
//! routes: every kind, route scoping, and hitting a later call (`after`, or
//! a method/path/query match).

use std::time::{Duration, Instant};

use crate::common::*;
use exotel_sandbox::Config;
use serde_json::{json, Value};

/// A sandbox with one seeded app of 100 users (five pages of 20) and its
/// app token.
async fn with_users() -> (Sandbox, Value, String) {
    let sb = start_with(Config {
        faults: true,
        seed: 1,
        seed_users: 100,
        ..Config::default()
    })
    .await;
    let app = sb.state().await["apps"][0].clone();
    let at = sb.app_token(&app).await;
    (sb, app, at)
}

/// Walks the pages with page_size 20; returns each page's HTTP status.
async fn walk_pages(sb: &Sandbox, at: &str) -> Vec<u16> {
    let mut statuses = Vec::new();
    for cursor in [0, 20, 40, 60, 80] {
        let path = format!("/usermapping?page_size=20&last_value={cursor}");
        let (s, v) = sb.call("GET", &path, Some(at), None).await;
        if s == 200 {
            let next = v["Data"].get("LastEvaluatedValue").cloned();
            let expected = (cursor < 80).then(|| json!((cursor + 20).to_string()));
            assert_eq!(next, expected, "page at {cursor}");
        }
        statuses.push(s);
    }
    statuses
}

#[tokio::test]
async fn a_fault_can_hit_the_third_page_of_five() {
    let (sb, _, at) = with_users().await;
    sb.fault(json!({"kind": "json500", "route": "users", "after": 2}))
        .await;
    // Other calls, even other user-mapping calls, do not count.
    let (s, _) = sb
        .call("GET", "/usermapping?user_id=crm-0001", Some(&at), None)
        .await;
    assert_eq!(s, 200);
    sb.call("GET", "/app_setting", Some(&at), None).await;
    assert_eq!(walk_pages(&sb, &at).await, [200, 200, 500, 200, 200]);
    assert_eq!(sb.state().await["faults_pending"], 0);
}

#[tokio::test]
async fn a_fault_can_match_method_path_and_query() {
    let (sb, _, at) = with_users().await;
    let (s, v) = sb
        .control(
            "/faults",
            Some(json!({
                "kind": "html502", "method": "get",
                "path": "/v2/integrations/usermapping", "query_contains": "last_value=40"
            })),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["queued"]["query_contains"], "last_value=40");
    assert_eq!(walk_pages(&sb, &at).await, [200, 200, 502, 200, 200]);
    // `skip` is another name for `after`; `path` may omit the prefix.
    sb.fault(json!({"kind": "empty500", "path": "/usermapping", "skip": 3}))
        .await;
    assert_eq!(walk_pages(&sb, &at).await, [200, 200, 200, 500, 200]);
}

#[tokio::test]
async fn a_waiting_fault_does_not_block_the_ones_behind_it() {
    let (sb, _, at) = with_users().await;
    sb.fault(json!({"kind": "json500", "route": "users", "after": 3}))
        .await;
    sb.fault(json!({"kind": "bad400", "route": "users"})).await;
    let (s, v) = sb.control_get("/faults").await;
    assert_eq!(s, 200);
    assert_eq!(v["faults_pending"], 2);
    assert_eq!(v["faults"][0]["after"], 3);
    assert_eq!(v["faults"][1]["kind"], "bad400");
    // The first page is hit by the second fault and counts for the first.
    assert_eq!(walk_pages(&sb, &at).await, [400, 200, 200, 500, 200]);
}

#[tokio::test]
async fn trial403_answers_the_trial_account_envelope() {
    let sb = start().await;
    let (_, app, at) = sb.app_with_token("A").await;
    sb.fault(json!({"kind": "trial403", "route": "create_users"}))
        .await;
    let (s, v) = sb
        .call(
            "POST",
            "/usermapping",
            Some(&at),
            Some(json!([user_body("a", "Priya Sharma")])),
        )
        .await;
    failure(
        s,
        &v,
        403,
        "This is a trial account. Operation not permitted.",
    );
    let (s, v) = sb
        .control_get(&format!("/users?app_id={}", app["AppID"].as_str().unwrap()))
        .await;
    assert_eq!((s, v["users"].clone()), (200, json!([])), "nothing created");
    let (s, v) = sb
        .call(
            "POST",
            "/usermapping",
            Some(&at),
            Some(json!([user_body("a", "Priya Sharma")])),
        )
        .await;
    success(s, &v);
}

/// Each new route, its fault route name, and a call that succeeds without a
/// fault.
async fn each_route(sb: &Sandbox, ct: &str, at: &str, route: &str) -> u16 {
    let (method, path, token, body) = match route {
        "customer" => ("GET", "/customer", ct, None),
        "settings" => ("GET", "/app_setting", at, None),
        "save_setting" => (
            "POST",
            "/app_setting",
            at,
            Some(json!({"Key": "popup", "Value": "https://x.example"})),
        ),
        "user" => ("GET", "/usermapping?user_id=crm-0001", at, None),
        "users" => ("GET", "/usermapping", at, None),
        "create_users" => (
            "POST",
            "/usermapping",
            at,
            Some(json!([user_body("new-1", "Priya Sharma")])),
        ),
        "update_user" => (
            "PUT",
            "/usermapping",
            at,
            Some(json!({"AppUserId": "crm-0001", "Role": "lead"})),
        ),
        "device" => (
            "PUT",
            "/device",
            at,
            Some(json!({"UserId": "crm-0001", "DeviceName": "sip", "DeviceStatus": true})),
        ),
        _ => ("DELETE", "/usermapping", at, None),
    };
    sb.call(method, path, Some(token), body).await.0
}

const ROUTES: [&str; 9] = [
    "customer",
    "settings",
    "save_setting",
    "user",
    "users",
    "create_users",
    "update_user",
    "device",
    "delete_users",
];

#[tokio::test]
async fn each_new_route_name_scopes_to_its_operation() {
    for route in ROUTES {
        let (sb, _, at) = with_users().await;
        let ct = sb.customer_token().await;
        sb.fault(json!({"kind": "empty500", "route": route})).await;
        // Every other route passes and leaves the fault queued.
        for other in ROUTES
            .iter()
            .filter(|r| **r != route && **r != "delete_users")
        {
            let s = each_route(&sb, &ct, &at, other).await;
            assert!(s == 200 || s == 409, "{other} with a {route} fault: {s}");
        }
        assert_eq!(sb.state().await["faults_pending"], 1, "{route}");
        assert_eq!(each_route(&sb, &ct, &at, route).await, 500, "{route}");
        assert_eq!(sb.state().await["faults_pending"], 0, "{route}");
    }
}

#[tokio::test]
async fn every_fault_kind_applies_to_the_new_routes() {
    let (sb, _, at) = with_users().await;
    let ct = sb.customer_token().await;
    for (kind, status) in [
        ("failure200", 200),
        ("json500", 500),
        ("html502", 502),
        ("empty500", 500),
        ("bad400", 400),
        ("unauthorized401", 401),
        ("trial403", 403),
    ] {
        for route in ROUTES {
            sb.fault(json!({"kind": kind, "route": route})).await;
            let s = each_route(&sb, &ct, &at, route).await;
            assert_eq!(s, status, "{kind} on {route}");
        }
    }
    // failure200 really is a failure envelope on these routes too.
    sb.fault(json!({"kind": "failure200"})).await;
    let (s, v) = sb.call("GET", "/app_setting", Some(&at), None).await;
    assert_eq!(
        (s, v["Status"].as_str(), v["Error"].as_str()),
        (200, Some("failure"), Some("simulated failure"))
    );
}

#[tokio::test]
async fn delay_and_disconnect_apply_to_the_new_routes() {
    let (sb, _, at) = with_users().await;
    sb.fault(json!({"kind": "delay", "delay_ms": 300, "route": "users"}))
        .await;
    let t = Instant::now();
    let (s, _) = sb.call("GET", "/usermapping", Some(&at), None).await;
    assert_eq!(s, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    sb.fault(json!({"kind": "disconnect", "route": "save_setting"}))
        .await;
    let resp = sb
        .client
        .post(sb.api("/app_setting"))
        .header("Authorization", &at)
        .json(&json!({"Key": "popup", "Value": "https://x.example"}))
        .send()
        .await;
    let body = match resp {
        Ok(r) => r.text().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(body.is_err(), "the client must see a broken connection");
    // The faulted POST is still in the log, with its body summary.
    let state = sb.state().await;
    let last = state["requests"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last["body"],
        json!({"Key": "popup", "Value": "https://x.example"})
    );
}

#[tokio::test]
async fn bad_fault_matchers_are_400() {
    let sb = start().await;
    for body in [
        json!({"kind": "json500", "after": -1}),
        json!({"kind": "json500", "after": "2"}),
        json!({"kind": "json500", "route": "usermapping"}),
        json!({"kind": "json500", "path": 5}),
        json!({"kind": "trial404"}),
    ] {
        let (s, v) = sb.control("/faults", Some(body.clone())).await;
        assert_eq!(s, 400, "{body}: {v}");
        assert!(v["error"].is_string());
    }
    assert_eq!(sb.state().await["faults_pending"], 0);
}

#[tokio::test]
async fn cors_preflights_allow_put_for_the_user_routes() {
    let sb = start_with(Config {
        cors: true,
        ..Config::default()
    })
    .await;
    for path in ["/usermapping", "/device"] {
        let resp = sb
            .client
            .request(reqwest::Method::OPTIONS, sb.api(path))
            .header("Origin", "http://127.0.0.1:9999")
            .header("Access-Control-Request-Method", "PUT")
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type",
            )
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "{path}");
        let methods = resp.headers()["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(methods.contains("PUT"), "{methods}");
    }
}
