//! GET /customer and /app_setting: shapes, quirks, validation, the
//! settings-rewrite control and the request log's body summaries.

use crate::common::*;
use exotel_sandbox::Config;
use serde_json::{json, Value};

/// The object's keys, sorted (serde_json's Value does not keep order).
fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

// ---- GET /customer ----

#[tokio::test]
async fn customer_returns_the_record_with_the_real_secret() {
    let sb = start().await;
    let ct = sb.customer_token().await;
    let (s, v) = sb.call("GET", "/customer", Some(&ct), None).await;
    let data = success(s, &v);
    assert_eq!(
        keys(&data),
        [
            "CreatedAt",
            "CustomerID",
            "CustomerName",
            "CustomerSecret",
            "CustomerSetting",
            "DeletedAt",
            "Email",
            "UpdatedAt"
        ]
    );
    assert_eq!(data["CustomerID"], CUSTOMER_ID);
    assert_eq!(data["CustomerName"], "Acme Support Desk");
    assert_eq!(data["Email"], "admin@acme.example");
    assert!(data["CustomerSetting"].is_null());
    assert_eq!(data["DeletedAt"], false);
    assert_eq!(data["CustomerSecret"], CUSTOMER_SECRET);
    let created = data["CreatedAt"].as_str().unwrap();
    assert!(created.ends_with("+05:30"), "{created}");
    assert!(created < data["UpdatedAt"].as_str().unwrap());
}

#[tokio::test]
async fn customer_name_and_email_come_from_the_config() {
    let sb = start_with(Config {
        customer_name: "Zed Corp".into(),
        customer_email: "ops@zed.example".into(),
        ..Config::default()
    })
    .await;
    let ct = sb.customer_token().await;
    let (s, v) = sb.call("GET", "/customer", Some(&ct), None).await;
    let data = success(s, &v);
    assert_eq!(
        (data["CustomerName"].as_str(), data["Email"].as_str()),
        (Some("Zed Corp"), Some("ops@zed.example"))
    );
}

#[tokio::test]
async fn customer_needs_a_customer_token() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    let (s, v) = sb.call("GET", "/customer", Some(&at), None).await;
    failure(
        s,
        &v,
        401,
        "this call needs a customer token (Entity \"customer\"), not an app token",
    );
    let (s, v) = sb.call("GET", "/customer", None, None).await;
    failure(s, &v, 401, "missing Authorization header");
    let (s, v) = sb.call("GET", "/customer", Some("Bearer x"), None).await;
    assert_eq!(
        (s, v),
        (500, json!({"error": "invalid AuthToken: malformed"}))
    );
    // POST and DELETE exist since issue 21 (tests/http/customers.rs); PUT does not.
    let (s, v) = sb.call("PUT", "/customer", None, None).await;
    failure(s, &v, 405, "method PUT not allowed");
}

// ---- /app_setting ----

async fn post_setting(sb: &Sandbox, at: &str, key: &str, value: &str) -> Value {
    let (s, v) = sb
        .call(
            "POST",
            "/app_setting",
            Some(at),
            Some(json!({"Key": key, "Value": value})),
        )
        .await;
    success(s, &v)
}

async fn settings(sb: &Sandbox, at: &str) -> (u16, Value) {
    sb.call("GET", "/app_setting", Some(at), None).await
}

#[tokio::test]
async fn settings_are_404_until_the_first_post() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    let (s, v) = settings(&sb, &at).await;
    failure(s, &v, 404, "record not found");
    let echo = post_setting(&sb, &at, "popup", "https://crm.example/pop").await;
    assert_eq!(
        echo,
        json!({"Key": "popup", "Value": "https://crm.example/pop"})
    );
    let (s, v) = settings(&sb, &at).await;
    assert_eq!(
        success(s, &v),
        json!([{"Key": "popup", "Value": "https://crm.example/pop"}])
    );
}

#[tokio::test]
async fn settings_keep_insertion_order_and_a_second_post_replaces_in_place() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    post_setting(&sb, &at, "popup", "https://a.example/1").await;
    post_setting(&sb, &at, "record", "true").await;
    post_setting(&sb, &at, "webrtc_enabled", "yes").await; // unknown keys are accepted
    post_setting(&sb, &at, "popup", "https://a.example/2").await;
    post_setting(&sb, &at, "record", "").await; // an empty Value is a value
    let (s, v) = settings(&sb, &at).await;
    assert_eq!(
        success(s, &v),
        json!([
            {"Key": "popup", "Value": "https://a.example/2"},
            {"Key": "record", "Value": ""},
            {"Key": "webrtc_enabled", "Value": "yes"}
        ])
    );
}

#[tokio::test]
async fn settings_post_validation() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    let cases = [
        (
            json!({"Key": "record", "Value": true}),
            r#"Value must be a string (send booleans as "true" or "false")"#,
        ),
        (
            json!({"Key": "record", "Value": 1}),
            r#"Value must be a string (send booleans as "true" or "false")"#,
        ),
        (json!({"Key": "record"}), "Value is required"),
        (json!({"Key": "record", "Value": null}), "Value is required"),
        (json!({"Value": "x"}), "Key is required"),
        (json!({"Key": "", "Value": "x"}), "Key must not be empty"),
        (json!({"Key": "  ", "Value": "x"}), "Key must not be empty"),
        (json!({"Key": 5, "Value": "x"}), "Key must be a string"),
        (
            json!([{"Key": "a", "Value": "b"}]),
            "request body must be a JSON object",
        ),
    ];
    for (body, error) in cases {
        let (s, v) = sb
            .call("POST", "/app_setting", Some(&at), Some(body.clone()))
            .await;
        failure(s, &v, 400, error);
    }
    let (s, v) = sb.call_text("POST", "/app_setting", &at, "{nope").await;
    failure(s, &v, 400, "request body must be valid JSON");
    let (s, v) = settings(&sb, &at).await;
    failure(s, &v, 404, "record not found");
}

#[tokio::test]
async fn settings_need_an_app_token_and_have_no_delete_or_put() {
    let sb = start().await;
    let (ct, _, at) = sb.app_with_token("A").await;
    let (s, v) = settings(&sb, &ct).await;
    failure(
        s,
        &v,
        401,
        "this call needs an app token (Entity \"app\"), not a customer token",
    );
    let (s, v) = sb
        .call(
            "POST",
            "/app_setting",
            Some(&ct),
            Some(json!({"Key": "a", "Value": "b"})),
        )
        .await;
    assert_eq!(s, 401, "{v}");
    for method in ["DELETE", "PUT", "PATCH"] {
        let resp = sb
            .client
            .request(method.parse().unwrap(), sb.api("/app_setting"))
            .header("Authorization", &at)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.headers()["allow"], "GET, POST");
        let (s, v) = status_json(resp).await;
        failure(s, &v, 405, &format!("method {method} not allowed"));
    }
}

#[tokio::test]
async fn settings_belong_to_one_app_and_go_with_it() {
    let sb = start().await;
    let (_, a, at) = sb.app_with_token("A").await;
    let (_, _, bt) = sb.app_with_token("B").await;
    post_setting(&sb, &at, "popup", "https://a.example").await;
    let (s, v) = settings(&sb, &bt).await;
    failure(s, &v, 404, "record not found");
    let state = sb.state().await;
    assert_eq!(
        state["settings"][a["AppID"].as_str().unwrap()],
        json!([{"Key": "popup", "Value": "https://a.example"}])
    );
    let (s, v) = sb.delete(Some(&at)).await;
    success(s, &v);
    assert_eq!(
        sb.state().await["settings"],
        json!({}),
        "removed with the app"
    );
}

#[tokio::test]
async fn seeded_apps_alternate_between_settings_and_none() {
    let sb = start_with(Config {
        faults: true,
        seed: 4,
        ..Config::default()
    })
    .await;
    let apps = sb.state().await["apps"].as_array().unwrap().clone();
    for (i, app) in apps.iter().enumerate() {
        let at = sb.app_token(app).await;
        let (s, v) = settings(&sb, &at).await;
        if i % 2 == 0 {
            let keys: Vec<_> = success(s, &v)
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["Key"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(&keys[..2], ["popup", "record"], "app {i}");
        } else {
            failure(s, &v, 404, "record not found");
        }
    }
}

// ---- The settings-rewrite control ----

#[tokio::test]
async fn a_rewrite_stores_another_value_while_the_post_echoes_the_sent_one() {
    let sb = start().await;
    let (_, app, at) = sb.app_with_token("A").await;
    let (s, v) = sb
        .control(
            "/settings-rewrite",
            Some(json!({"key": "popup", "value": "https://rewritten.example/x"})),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v,
        json!({"rewrites": [{"key": "popup", "value": "https://rewritten.example/x"}]})
    );
    let (s, v) = sb
        .control(
            "/settings-rewrite",
            Some(json!({"key": "callback", "transform": "strip_trailing_slash"})),
        )
        .await;
    assert_eq!((s, v["rewrites"].as_array().unwrap().len()), (200, 2));

    let echo = post_setting(&sb, &at, "popup", "https://crm.example/pop").await;
    assert_eq!(
        echo["Value"], "https://crm.example/pop",
        "echo is what was sent"
    );
    post_setting(&sb, &at, "callback", "https://crm.example/cb/").await;
    post_setting(&sb, &at, "record", "true").await;
    let (s, v) = settings(&sb, &at).await;
    assert_eq!(
        success(s, &v),
        json!([
            {"Key": "popup", "Value": "https://rewritten.example/x"},
            {"Key": "callback", "Value": "https://crm.example/cb"},
            {"Key": "record", "Value": "true"}
        ])
    );
    let (s, v) = sb
        .control_get(&format!(
            "/settings?app_id={}",
            app["AppID"].as_str().unwrap()
        ))
        .await;
    assert_eq!(s, 200);
    assert_eq!(v["settings"][0]["Value"], "https://rewritten.example/x");

    let (s, v) = sb.control_get("/settings-rewrite").await;
    assert_eq!((s, v["rewrites"].as_array().unwrap().len()), (200, 2));
    let resp = sb
        .client
        .delete(sb.url("/__sandbox/settings-rewrite"))
        .send()
        .await
        .unwrap();
    assert_eq!(status_json(resp).await, (200, json!({"cleared": 2})));
    post_setting(&sb, &at, "popup", "https://crm.example/pop").await;
    let (s, v) = settings(&sb, &at).await;
    assert_eq!(success(s, &v)[0]["Value"], "https://crm.example/pop");
}

#[tokio::test]
async fn bad_rewrite_requests_are_400() {
    let sb = start().await;
    for body in [
        json!({"key": "popup"}),
        json!({"key": "popup", "value": "a", "transform": "trim"}),
        json!({"key": "", "value": "a"}),
        json!({"value": "a"}),
        json!({"key": "popup", "transform": "shout"}),
        json!({"key": "popup", "value": "a", "extra": 1}),
    ] {
        let (s, v) = sb.control("/settings-rewrite", Some(body.clone())).await;
        assert_eq!(s, 400, "{body}: {v}");
        assert!(v["error"].is_string());
    }
    assert_eq!(sb.state().await["setting_rewrites"], json!([]));
}

#[tokio::test]
async fn settings_control_needs_a_known_app() {
    let sb = start().await;
    let (s, _) = sb.control_get("/settings").await;
    assert_eq!(s, 400);
    let (s, v) = sb.control_get("/settings?app_id=nope").await;
    assert_eq!((s, v), (404, json!({"error": "no such app"})));
    let (_, app, _) = sb.app_with_token("A").await;
    let id = app["AppID"].as_str().unwrap();
    let (s, v) = sb.control_get(&format!("/settings?app_id={id}")).await;
    assert_eq!((s, v), (200, json!({"app_id": id, "settings": []})));
}

// ---- Request log ----

#[tokio::test]
async fn the_request_log_shows_which_keys_were_posted() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    post_setting(&sb, &at, "popup", "https://crm.example/pop").await;
    sb.call(
        "POST",
        "/app_setting",
        Some(&at),
        Some(json!({"Key": "record", "Value": false})),
    )
    .await;
    sb.call_text("POST", "/app_setting", &at, "not json").await;
    settings(&sb, &at).await;
    let state = sb.state().await;
    let posts: Vec<&Value> = state["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"] == "/v2/integrations/app_setting")
        .collect();
    assert_eq!(posts.len(), 4);
    assert_eq!(posts[0]["method"], "POST");
    assert_eq!(posts[0]["status"], 200);
    assert_eq!(
        posts[0]["body"],
        json!({"Key": "popup", "Value": "https://crm.example/pop"})
    );
    assert_eq!(posts[1]["status"], 400);
    assert_eq!(posts[1]["body"], json!({"Key": "record", "Value": false}));
    assert_eq!(posts[2]["body"], "(not the expected JSON shape)");
    assert_eq!(posts[3]["method"], "GET");
    assert!(posts[3].get("body").is_none(), "GETs carry no body summary");
    // Other calls (the token call, whose body holds a secret) have none.
    let token_call = &state["requests"][0];
    assert_eq!(token_call["path"], "/v2/integrations/token");
    assert!(token_call.get("body").is_none());
}
