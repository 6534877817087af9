//! The `/__sandbox/` test controls: faults, token expiry, reset, state, raw
//! list items and direct app creation.

use std::time::{Duration, Instant};

use crate::common::*;
use exotel_sandbox::Config;
use serde_json::{json, Value};

async fn pending(sb: &Sandbox) -> u64 {
    sb.state().await["faults_pending"].as_u64().unwrap()
}

/// A sandbox with a customer token and one app; returns (sandbox, customer
/// token, app, app token).
async fn with_app() -> (Sandbox, String, Value, String) {
    let sb = start().await;
    let ct = sb.customer_token().await;
    let app = sb.create_app(&ct, "A").await;
    let at = sb.app_token(&app).await;
    (sb, ct, app, at)
}

// ---- Faults, one per kind, each consumed by one call ----

#[tokio::test]
async fn fault_failure200_is_a_failure_envelope_on_http_200() {
    let (sb, ct, _, _) = with_app().await;
    sb.fault(json!({"kind": "failure200"})).await;
    assert_eq!(pending(&sb).await, 1);
    let (s, v) = sb.list(&ct).await;
    assert_eq!(s, 200);
    assert_envelope(&v);
    assert_eq!(v["Status"], "failure");
    assert_eq!(v["Code"], 200);
    assert_eq!(v["Error"], "simulated failure");
    assert!(v["Data"].is_null());
    assert_eq!(pending(&sb).await, 0);
    let (s, v) = sb.list(&ct).await;
    assert_eq!(success(s, &v).as_array().unwrap().len(), 1, "consumed");
}

#[tokio::test]
async fn fault_json500_is_a_bare_json_500() {
    let (sb, ct, _, _) = with_app().await;
    sb.fault(json!({"kind": "json500"})).await;
    let resp = sb
        .client
        .get(sb.api("/app?entity=customer"))
        .header("Authorization", &ct)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 500);
    assert_eq!(
        resp.text().await.unwrap(),
        r#"{"message":"internal error"}"#
    );
    let (s, v) = sb.list(&ct).await;
    success(s, &v);
}

#[tokio::test]
async fn fault_html502_is_an_html_bad_gateway_page() {
    let (sb, ct, _, _) = with_app().await;
    sb.fault(json!({"kind": "html502"})).await;
    let resp = sb
        .client
        .get(sb.api("/app?entity=customer"))
        .header("Authorization", &ct)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 502);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let body = resp.text().await.unwrap();
    assert!(
        body.contains("<html") && body.contains("Bad Gateway"),
        "{body}"
    );
    let (s, v) = sb.list(&ct).await;
    success(s, &v);
}

#[tokio::test]
async fn fault_empty500_has_an_empty_body() {
    let (sb, ct, _, _) = with_app().await;
    sb.fault(json!({"kind": "empty500"})).await;
    let resp = sb
        .client
        .get(sb.api("/app?entity=customer"))
        .header("Authorization", &ct)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 500);
    assert_eq!(resp.text().await.unwrap(), "");
    let (s, v) = sb.list(&ct).await;
    success(s, &v);
}

#[tokio::test]
async fn fault_delay_sleeps_then_answers_normally() {
    let (sb, ct, _, _) = with_app().await;
    sb.fault(json!({"kind": "delay", "delay_ms": 400})).await;
    let t = Instant::now();
    let (s, v) = sb.list(&ct).await;
    assert!(
        t.elapsed() >= Duration::from_millis(400),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(success(s, &v).as_array().unwrap().len(), 1);
    let t = Instant::now();
    let (s, v) = sb.list(&ct).await;
    success(s, &v);
    assert!(t.elapsed() < Duration::from_millis(400), "consumed");
}

#[tokio::test]
async fn fault_bad400_is_a_400_envelope() {
    let (sb, ct, _, _) = with_app().await;
    sb.fault(json!({"kind": "bad400"})).await;
    let (s, v) = sb.create_raw(Some(&ct), &app_body("B")).await;
    failure(s, &v, 400, "simulated bad request");
    assert_eq!(
        sb.state().await["apps"].as_array().unwrap().len(),
        1,
        "not created"
    );
    let (s, v) = sb.create_raw(Some(&ct), &app_body("B")).await;
    success(s, &v);
}

#[tokio::test]
async fn fault_unauthorized401_is_a_401_envelope() {
    let (sb, ct, _, _) = with_app().await;
    sb.fault(json!({"kind": "unauthorized401"})).await;
    let (s, v) = sb.list(&ct).await;
    assert_eq!(s, 401);
    assert_envelope(&v);
    assert_eq!(v["Status"], "Failure");
    assert_eq!(v["Code"], 401);
    let (s, v) = sb.list(&ct).await;
    success(s, &v);
}

#[tokio::test]
async fn fault_count_applies_to_that_many_calls() {
    let (sb, ct, _, _) = with_app().await;
    sb.fault(json!({"kind": "empty500", "count": 3})).await;
    assert_eq!(pending(&sb).await, 3);
    for left in [2, 1, 0] {
        let (s, _) = sb.list(&ct).await;
        assert_eq!(s, 500);
        assert_eq!(pending(&sb).await, left);
    }
    let (s, v) = sb.list(&ct).await;
    success(s, &v);
}

#[tokio::test]
async fn faults_are_consumed_first_in_first_out() {
    let (sb, ct, _, _) = with_app().await;
    sb.fault(json!({"kind": "json500"})).await;
    sb.fault(json!({"kind": "bad400", "count": 2})).await;
    sb.fault(json!({"kind": "html502"})).await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(sb.list(&ct).await.0);
    }
    assert_eq!(statuses, [500, 400, 400, 502, 200]);
}

#[tokio::test]
async fn a_route_scoped_fault_hits_only_that_route() {
    let (sb, ct, app, at) = with_app().await;
    sb.fault(json!({"kind": "json500", "route": "delete"}))
        .await;
    // Every other operation is untouched and leaves the fault queued.
    sb.customer_token().await;
    sb.app_token(&app).await;
    sb.create_app(&ct, "B").await;
    let (s, v) = sb.list(&ct).await;
    success(s, &v);
    let (s, v) = sb.detail(&at).await;
    success(s, &v);
    let (s, _) = sb.get_app(Some(&ct), "bogus").await;
    assert_eq!(s, 400);
    assert_eq!(pending(&sb).await, 1);
    let (s, v) = sb.delete(Some(&at)).await;
    assert_eq!(s, 500, "{v}");
    assert_eq!(v, json!({"message": "internal error"}));
    assert_eq!(
        sb.state().await["apps"].as_array().unwrap().len(),
        2,
        "not deleted"
    );
    let (s, v) = sb.delete(Some(&at)).await;
    success(s, &v);
}

#[tokio::test]
async fn each_route_name_scopes_to_its_operation() {
    let (sb, ct, _, at) = with_app().await;
    for route in ["token", "create", "list", "detail", "delete"] {
        sb.fault(json!({"kind": "empty500", "route": route})).await;
        let status = match route {
            "token" => {
                sb.token_raw(
                    json!({"Id": CUSTOMER_ID, "Secret": CUSTOMER_SECRET, "Entity": "customer"}),
                )
                .await
                .0
            }
            "create" => sb.create_raw(Some(&ct), &app_body("X")).await.0,
            "list" => sb.list(&ct).await.0,
            "detail" => sb.detail(&at).await.0,
            _ => sb.delete(Some(&at)).await.0,
        };
        assert_eq!(status, 500, "{route}");
        assert_eq!(pending(&sb).await, 0, "{route}");
    }
}

#[tokio::test]
async fn an_unscoped_fault_hits_any_api_call_but_not_the_controls() {
    let sb = start().await;
    sb.fault(json!({"kind": "json500"})).await;
    sb.state().await;
    sb.control("/raw-list-items", Some(json!([]))).await;
    assert_eq!(pending(&sb).await, 1, "controls never consume faults");
    let (s, v) = sb
        .token_raw(json!({"Id": CUSTOMER_ID, "Secret": CUSTOMER_SECRET, "Entity": "customer"}))
        .await;
    assert_eq!((s, v), (500, json!({"message": "internal error"})));
    sb.fault(json!({"kind": "bad400"})).await;
    let resp = sb
        .client
        .get(sb.api("/no-such-route"))
        .send()
        .await
        .unwrap();
    let (s, v) = status_json(resp).await;
    failure(s, &v, 400, "simulated bad request");
}

#[tokio::test]
async fn bad_fault_requests_are_400_and_queue_nothing() {
    let sb = start().await;
    for body in [
        json!({}),
        json!({"kind": "explode"}),
        json!({"kind": 5}),
        json!({"kind": "delay"}),
        json!({"kind": "json500", "count": 0}),
        json!({"kind": "json500", "count": -1}),
        json!({"kind": "json500", "route": "everything"}),
        json!([{"kind": "json500"}]),
    ] {
        let (s, v) = sb.control("/faults", Some(body.clone())).await;
        assert_eq!(s, 400, "{body}: {v}");
        assert!(v["error"].is_string(), "{v}");
    }
    assert_eq!(pending(&sb).await, 0);
}

#[tokio::test]
async fn queued_faults_can_be_cleared() {
    let sb = start().await;
    sb.fault(json!({"kind": "json500", "count": 4})).await;
    let resp = sb
        .client
        .delete(sb.url("/__sandbox/faults"))
        .send()
        .await
        .unwrap();
    let (s, v) = status_json(resp).await;
    assert_eq!((s, v["cleared"].as_u64()), (200, Some(4)));
    assert_eq!(pending(&sb).await, 0);
    sb.customer_token().await;
}

// ---- Tokens, reset, state ----

#[tokio::test]
async fn expire_tokens_invalidates_every_token_issued_so_far() {
    let (sb, ct, app, at) = with_app().await;
    let (s, v) = sb.control("/expire-tokens", None).await;
    assert_eq!((s, v["expired"].as_u64()), (200, Some(2)));
    let (s, v) = sb.list(&ct).await;
    failure(s, &v, 401, "invalid or expired token");
    let (s, v) = sb.detail(&at).await;
    failure(s, &v, 401, "invalid or expired token");
    let (s, v) = sb.delete(Some(&at)).await;
    failure(s, &v, 401, "invalid or expired token");
    // Signing in again works, and the data is untouched.
    let ct2 = sb.customer_token().await;
    assert_eq!(sb.listed_ids(&ct2).await, [app["AppID"].as_str().unwrap()]);
    let at2 = sb.app_token(&app).await;
    let (s, v) = sb.detail(&at2).await;
    success(s, &v);
}

#[tokio::test]
async fn reset_drops_everything_and_seeds_demo_apps() {
    let (sb, ct, _, at) = with_app().await;
    sb.fault(json!({"kind": "json500", "count": 2})).await;
    sb.control("/raw-list-items", Some(json!([{"AppName": null}])))
        .await;
    let (s, v) = sb.control("/reset", Some(json!({"seed": 25}))).await;
    assert_eq!((s, v["apps"].as_u64()), (200, Some(25)));

    let state = sb.state().await;
    assert_eq!(state["faults_pending"], 0);
    assert_eq!(state["tokens_issued"], 0);
    assert_eq!(state["raw_list_items"], 0);
    assert_eq!(state["requests"], json!([]));
    let apps = state["apps"].as_array().unwrap();
    assert_eq!(apps.len(), 25);
    assert!(apps.iter().all(|a| a["AppName"] != "A"), "old app gone");
    assert!(apps.iter().any(|a| a["AppName"] == "WebRTC"));

    let (s, v) = sb.list(&ct).await;
    failure(s, &v, 401, "invalid or expired token");
    let (s, v) = sb.detail(&at).await;
    failure(s, &v, 401, "invalid or expired token");
    let ct2 = sb.customer_token().await;
    let (s, v) = sb.list(&ct2).await;
    let list = success(s, &v);
    assert_eq!(
        list.as_array().unwrap().len(),
        25,
        "no raw items, no faults"
    );
    // Seeded apps are real: their secrets get app tokens.
    let at2 = sb.app_token(&apps[3]).await;
    let (s, v) = sb.detail(&at2).await;
    assert_eq!(success(s, &v)["AppID"], apps[3]["AppID"]);
}

#[tokio::test]
async fn reset_without_a_body_leaves_no_apps() {
    let sb = start_with(Config {
        faults: true,
        seed: 5,
        ..Config::default()
    })
    .await;
    assert_eq!(sb.state().await["apps"].as_array().unwrap().len(), 5);
    let (s, v) = sb.control("/reset", None).await;
    assert_eq!((s, v["apps"].as_u64()), (200, Some(0)));
    assert_eq!(sb.state().await["apps"], json!([]));
    let (s, _) = sb.control("/reset", Some(json!({"seed": "many"}))).await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn state_records_each_call_with_its_authorization_kind() {
    let sb = start().await;
    let ct = sb.customer_token().await;
    let app = sb.create_app(&ct, "B").await;
    let at = sb.app_token(&app).await;
    sb.get_app(Some(&format!("Bearer {ct}")), "customer").await;
    sb.list("made-up").await;
    sb.delete(Some(&at)).await;
    sb.detail(&at).await; // revoked now, but still known as an app token

    let state = sb.state().await;
    let seen: Vec<(String, String, Option<String>, u64, String)> = state["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap().to_string(),
                r["path"].as_str().unwrap().to_string(),
                r["query"].as_str().map(str::to_string),
                r["status"].as_u64().unwrap(),
                r["authorization_kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let p = |s: &str| s.to_string();
    let q = |s: &str| Some(s.to_string());
    assert_eq!(
        seen,
        [
            (p("POST"), p("/v2/integrations/token"), None, 200, p("none")),
            (
                p("POST"),
                p("/v2/integrations/app"),
                None,
                200,
                p("customer")
            ),
            (p("POST"), p("/v2/integrations/token"), None, 200, p("none")),
            (
                p("GET"),
                p("/v2/integrations/app"),
                q("entity=customer"),
                500,
                p("bearer")
            ),
            (
                p("GET"),
                p("/v2/integrations/app"),
                q("entity=customer"),
                401,
                p("unknown")
            ),
            (p("DELETE"), p("/v2/integrations/app"), None, 200, p("app")),
            (
                p("GET"),
                p("/v2/integrations/app"),
                q("entity=app"),
                401,
                p("app")
            ),
        ]
    );
    assert_eq!(state["tokens_issued"], 2);
}

#[tokio::test]
async fn state_never_contains_a_token_value() {
    let (sb, ct, _, at) = with_app().await;
    sb.list(&ct).await;
    sb.detail(&at).await;
    let raw = sb.state().await.to_string();
    assert!(!raw.contains(&ct));
    assert!(!raw.contains(&at));
    // It does hold the full apps, secrets included, for test setup.
    let state = sb.state().await;
    assert!(state["apps"][0]["AppSecret"].is_string());
    assert!(state["apps"][0]["ExotelApiToken"].is_string());
}

#[tokio::test]
async fn raw_list_items_are_appended_verbatim_to_every_list() {
    let (sb, ct, app, at) = with_app().await;
    let raw = json!([
        {"AppID": "x", "AppName": null},
        {"AppName": 42, "IsActive": "yes", "ExotelDomain": "delhi"},
        "not an object",
        null,
        [1, 2]
    ]);
    let (s, v) = sb.control("/raw-list-items", Some(raw.clone())).await;
    assert_eq!((s, v["added"].as_u64()), (200, Some(5)));
    for _ in 0..2 {
        let (s, v) = sb.list(&ct).await;
        let list = success(s, &v);
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 6);
        assert_eq!(list[0]["AppID"], app["AppID"]);
        assert_eq!(Value::Array(list[1..].to_vec()), raw);
    }
    // Only the customer list carries them.
    let (s, v) = sb.detail(&at).await;
    assert_eq!(success(s, &v)["AppID"], app["AppID"]);
    let (s, _) = sb
        .control("/raw-list-items", Some(json!({"not": "an array"})))
        .await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn sandbox_apps_creates_without_validation() {
    let sb = start().await;
    let (s, app) = sb
        .control(
            "/apps",
            Some(json!({
                "AppName": "", "ExotelDomain": "Delhi", "IsActive": false,
                "CreatedAt": "2020-01-01T00:00:00+05:30"
            })),
        )
        .await;
    assert_eq!(s, 200, "{app}");
    assert_eq!(app["AppName"], "");
    assert_eq!(app["ExotelDomain"], "Delhi");
    assert_eq!(app["IsActive"], false);
    assert_eq!(app["CreatedAt"], "2020-01-01T00:00:00+05:30");
    assert_eq!(app["UpdatedAt"], "2020-01-01T00:00:00+05:30");
    assert_eq!(app["CustomerID"], CUSTOMER_ID);
    assert!(app["AppSecret"].is_string());
    let (s, defaults) = sb.control("/apps", None).await;
    assert_eq!(s, 200);
    assert_eq!(defaults["ExotelDomain"], "mumbai");
    // Listed and usable like any other app.
    let ct = sb.customer_token().await;
    assert_eq!(sb.listed_ids(&ct).await.len(), 2);
    let at = sb.app_token(&app).await;
    let (s, v) = sb.detail(&at).await;
    assert_eq!(success(s, &v)["ExotelDomain"], "Delhi");
    // Types are still checked.
    let (s, v) = sb.control("/apps", Some(json!({"IsActive": "yes"}))).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("IsActive must be a boolean"))
    );
    let (s, _) = sb.control("/apps", Some(json!({"AppName": 1}))).await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn controls_are_404_without_the_faults_flag() {
    let sb = start_with(Config::default()).await;
    for (method, path) in [
        ("POST", "/__sandbox/faults"),
        ("DELETE", "/__sandbox/faults"),
        ("POST", "/__sandbox/expire-tokens"),
        ("POST", "/__sandbox/reset"),
        ("GET", "/__sandbox/state"),
        ("POST", "/__sandbox/raw-list-items"),
        ("POST", "/__sandbox/apps"),
        ("GET", "/__sandbox"),
    ] {
        let resp = sb
            .client
            .request(method.parse().unwrap(), sb.url(path))
            .json(&json!({"kind": "json500"}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 404, "{method} {path}");
    }
    // And nothing was queued: the API answers normally.
    let ct = sb.customer_token().await;
    let (s, v) = sb.list(&ct).await;
    success(s, &v);
}

#[tokio::test]
async fn unknown_control_paths_and_methods_are_refused() {
    let sb = start().await;
    let resp = sb
        .client
        .get(sb.url("/__sandbox/nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);
    let resp = sb
        .client
        .get(sb.url("/__sandbox/reset"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 405);
}

#[tokio::test]
async fn a_delayed_create_still_lands_when_the_client_gives_up() {
    let sb = start().await;
    let ct = sb.customer_token().await;
    sb.fault(json!({"kind": "delay", "delay_ms": 300, "route": "create"}))
        .await;
    let impatient = sb
        .client
        .post(sb.api("/app"))
        .header("Authorization", &ct)
        .json(&app_body("Slow"))
        .timeout(Duration::from_millis(50))
        .send()
        .await;
    assert!(impatient.is_err(), "the client timed out");
    assert!(sb.state().await["apps"].as_array().unwrap().is_empty());
    let deadline = Instant::now() + Duration::from_secs(3);
    while sb.state().await["apps"].as_array().unwrap().is_empty() {
        assert!(Instant::now() < deadline, "the delayed create never landed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(sb.state().await["apps"][0]["AppName"], "Slow");
}

#[tokio::test]
async fn fault_disconnect_drops_the_connection_mid_answer() {
    let (sb, ct, _, _) = with_app().await;
    sb.fault(json!({"kind": "disconnect", "route": "list"}))
        .await;
    let resp = sb
        .client
        .get(sb.api("/app?entity=customer"))
        .header("Authorization", &ct)
        .send()
        .await;
    let body = match resp {
        Ok(r) => r.text().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(body.is_err(), "the client must see a broken connection");
    assert_eq!(pending(&sb).await, 0);
    let (s, _) = sb.list(&ct).await;
    assert_eq!(s, 200, "the next call is normal");
}
