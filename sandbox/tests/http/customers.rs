//! /customer (issue 21): creating customers without a token, each signing in
//! with its own id and secret and owning its own apps, and deleting one with
//! everything under it.

use crate::common::*;
use exotel_sandbox::Config;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The keys, sorted (serde_json's map sorts them).
fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[tokio::test]
async fn create_answers_the_new_customer_with_its_secret() {
    let sb = start().await;
    let body = json!({"CustomerName": "Zenith Logistics", "Email": "ops@zenith.example"});
    let (s, v) = sb.create_customer_raw(body.clone()).await;
    let c = success(s, &v);
    assert_eq!(
        keys(&c),
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
    let id = uuid::Uuid::parse_str(c["CustomerID"].as_str().unwrap()).expect("a uuid");
    assert_eq!(id.get_version_num(), 4);
    assert!(c["CustomerSecret"].as_str().unwrap().len() >= 32, "{c}");
    assert_eq!(
        (&c["CustomerName"], &c["Email"]),
        (&body["CustomerName"], &body["Email"])
    );
    assert_eq!(
        (&c["CustomerSetting"], &c["DeletedAt"]),
        (&Value::Null, &json!(false))
    );
    let created = c["CreatedAt"].as_str().unwrap();
    assert!(created.ends_with("+05:30"), "{created}");
    let at = OffsetDateTime::parse(created, &Rfc3339).unwrap();
    assert!((OffsetDateTime::now_utc() - at).whole_seconds().abs() < 60);
    assert_eq!(c["UpdatedAt"], c["CreatedAt"]);
    // A second customer gets its own id and secret.
    let (s, v) = sb.create_customer_raw(body).await;
    let other = success(s, &v);
    assert_ne!(other["CustomerID"], c["CustomerID"]);
    assert_ne!(other["CustomerSecret"], c["CustomerSecret"]);
}

#[tokio::test]
async fn create_400_names_the_problem() {
    let sb = start().await;
    let name = "Zenith Logistics";
    for (body, error) in [
        (json!({"Email": "a@b.co"}), "CustomerName is required"),
        (
            json!({"CustomerName": null, "Email": "a@b.co"}),
            "CustomerName is required",
        ),
        (
            json!({"CustomerName": "  ", "Email": "a@b.co"}),
            "CustomerName must not be empty",
        ),
        (
            json!({"CustomerName": 7, "Email": "a@b.co"}),
            "CustomerName must be a string",
        ),
        (json!({"CustomerName": name}), "Email is required"),
        (
            json!({"CustomerName": name, "Email": ""}),
            "Email must not be empty",
        ),
        (
            json!({"CustomerName": name, "Email": ["a@b.co"]}),
            "Email must be a string",
        ),
        (
            json!({"CustomerName": name, "Email": "ops.zenith.example"}),
            "Email is not a valid email address",
        ),
        (
            json!({"CustomerName": name, "Email": "ops@zenith"}),
            "Email is not a valid email address",
        ),
        (
            json!({"CustomerName": name, "Email": "o ps@zenith.example"}),
            "Email is not a valid email address",
        ),
        (
            json!([{"CustomerName": name}]),
            "request body must be a JSON object",
        ),
    ] {
        let (s, v) = sb.create_customer_raw(body.clone()).await;
        failure(s, &v, 400, error);
    }
    let (s, v) = sb.call_text("POST", "/customer", "", "{nope").await;
    failure(s, &v, 400, "request body must be valid JSON");
    assert_eq!(
        sb.state().await["customers"].as_array().unwrap().len(),
        1,
        "nothing created"
    );
}

#[tokio::test]
async fn create_needs_no_authorization_and_ignores_one() {
    let sb = start().await;
    let ct = sb.customer_token().await;
    let body = json!({"CustomerName": "Zenith Logistics", "Email": "ops@zenith.example"});
    for token in [Some(ct.as_str()), Some("Bearer x"), Some("junk"), None] {
        let (s, v) = sb
            .call("POST", "/customer", token, Some(body.clone()))
            .await;
        success(s, &v);
    }
}

#[tokio::test]
async fn each_customer_signs_in_and_reads_its_own_record() {
    let sb = start().await;
    let (zed, zt) = sb.new_customer("Zed Corp").await;
    let (s, v) = sb.call("GET", "/customer", Some(&zt), None).await;
    let own = success(s, &v);
    assert_eq!(
        keys(&own),
        keys(&zed),
        "the same fields as at creation (order: see customers.rs)"
    );
    for key in [
        "CustomerID",
        "CustomerName",
        "Email",
        "CreatedAt",
        "CustomerSecret",
    ] {
        assert_eq!(own[key], zed[key], "{key}");
    }
    // The configured customer is still there, and still itself.
    let ct = sb.customer_token().await;
    let (s, v) = sb.call("GET", "/customer", Some(&ct), None).await;
    let acme = success(s, &v);
    assert_eq!(
        (acme["CustomerID"].as_str(), acme["CustomerName"].as_str()),
        (Some(CUSTOMER_ID), Some("Acme Support Desk"))
    );
    // A customer's id with another customer's secret is refused.
    let (s, v) = sb
        .token_raw(
            json!({"Id": zed["CustomerID"], "Secret": CUSTOMER_SECRET, "Entity": "customer"}),
        )
        .await;
    failure(s, &v, 401, "invalid credentials");
    // A created customer's id is not an app id.
    let (s, v) = sb
        .token_raw(
            json!({"Id": zed["CustomerID"], "Secret": zed["CustomerSecret"], "Entity": "app"}),
        )
        .await;
    failure(s, &v, 401, "invalid credentials");
}

#[tokio::test]
async fn apps_belong_to_the_customer_whose_token_created_them() {
    let sb = start().await;
    let ct = sb.customer_token().await;
    let (zed, zt) = sb.new_customer("Zed Corp").await;
    let acme_app = sb.create_app(&ct, "Acme line").await;
    let zed_app = sb.create_app(&zt, "Zed line").await;
    assert_eq!(acme_app["CustomerID"], CUSTOMER_ID);
    assert_eq!(zed_app["CustomerID"], zed["CustomerID"]);
    assert_eq!(
        sb.listed_ids(&ct).await,
        [acme_app["AppID"].as_str().unwrap()]
    );
    assert_eq!(
        sb.listed_ids(&zt).await,
        [zed_app["AppID"].as_str().unwrap()]
    );
    let zat = sb.app_token(&zed_app).await;
    let (s, v) = sb.detail(&zat).await;
    assert_eq!(success(s, &v)["CustomerID"], zed["CustomerID"]);
}

#[tokio::test]
async fn delete_removes_the_customer_with_everything_under_it() {
    let sb = start().await;
    let ct = sb.customer_token().await;
    let kept = sb.create_app(&ct, "Acme line").await;
    let (zed, zt) = sb.new_customer("Zed Corp").await;
    let second_token = sb.token_for_customer(&zed).await;
    let app = sb.create_app(&zt, "Zed line").await;
    let at = sb.app_token(&app).await;
    sb.save_setting(&at, "popup", "https://crm.zed.example/popup")
        .await;
    sb.sip_user(&at, "agent-1").await;

    let (s, v) = sb.call("DELETE", "/customer", Some(&zt), None).await;
    assert_eq!(success(s, &v), "Deleted Successfully");

    for token in [&zt, &second_token] {
        let (s, v) = sb.call("GET", "/customer", Some(token), None).await;
        failure(s, &v, 401, "invalid or expired token");
    }
    let (s, v) = sb.detail(&at).await;
    failure(s, &v, 401, "invalid or expired token");
    let (s, v) = sb
        .call("GET", "/usermapping?user_id=agent-1", Some(&at), None)
        .await;
    failure(s, &v, 401, "invalid or expired token");
    let (s, v) = sb
        .token_raw(
            json!({"Id": zed["CustomerID"], "Secret": zed["CustomerSecret"], "Entity": "customer"}),
        )
        .await;
    failure(s, &v, 401, "invalid credentials");
    let (s, v) = sb
        .token_raw(json!({"Id": app["AppID"], "Secret": app["AppSecret"], "Entity": "app"}))
        .await;
    failure(s, &v, 401, "invalid credentials");

    let state = sb.state().await;
    let app_ids: Vec<&Value> = state["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["AppID"])
        .collect();
    assert_eq!(
        app_ids,
        [&kept["AppID"]],
        "only the other customer's app is left"
    );
    let app_id = app["AppID"].as_str().unwrap();
    assert!(
        state["settings"].get(app_id).is_none() && state["users"].get(app_id).is_none(),
        "{state}"
    );
    let ids: Vec<&Value> = state["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["CustomerID"])
        .collect();
    assert_eq!(ids, [&json!(CUSTOMER_ID)]);
    // The other customer is untouched.
    assert_eq!(sb.listed_ids(&ct).await, [kept["AppID"].as_str().unwrap()]);
}

#[tokio::test]
async fn delete_needs_a_customer_token() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    let (s, v) = sb.call("DELETE", "/customer", Some(&at), None).await;
    failure(s, &v, 401, NEEDS_CUSTOMER_TOKEN);
    let (s, v) = sb.call("DELETE", "/customer", None, None).await;
    failure(s, &v, 401, "missing Authorization header");
    assert_eq!(sb.state().await["customers"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_configured_customer_comes_back_with_a_reset() {
    let sb = start_with(Config {
        faults: true,
        seed: 2,
        ..Config::default()
    })
    .await;
    let ct = sb.customer_token().await;
    sb.new_customer("Zed Corp").await;
    let (s, v) = sb.call("DELETE", "/customer", Some(&ct), None).await;
    success(s, &v);
    assert!(
        sb.state().await["apps"].as_array().unwrap().is_empty(),
        "seeded apps went with it"
    );
    let (s, v) = sb
        .token_raw(json!({"Id": CUSTOMER_ID, "Secret": CUSTOMER_SECRET, "Entity": "customer"}))
        .await;
    failure(s, &v, 401, "invalid credentials");
    let (s, _) = sb.control("/reset", Some(json!({"seed": 1}))).await;
    assert_eq!(s, 200);
    let customers = sb.state().await["customers"].clone();
    assert_eq!(
        customers.as_array().unwrap().len(),
        1,
        "created customers are gone: {customers}"
    );
    let ct = sb.customer_token().await;
    assert_eq!(sb.listed_ids(&ct).await.len(), 1);
}

#[tokio::test]
async fn the_request_log_keeps_name_and_email_never_a_secret() {
    let sb = start().await;
    let body = json!({"CustomerName": "Zed Corp", "Email": "ops@zed.example", "CustomerSecret": "leak-me"});
    let (s, v) = sb.create_customer_raw(body).await;
    let created = success(s, &v);
    let (zed, zt) = sb.new_customer("Yak Corp").await;
    sb.call("GET", "/customer", Some(&zt), None).await;
    let state = sb.state().await;
    let requests = state["requests"].as_array().unwrap();
    let posts: Vec<&Value> = requests
        .iter()
        .filter(|r| r["method"] == "POST" && r["path"] == "/v2/integrations/customer")
        .collect();
    assert_eq!(posts.len(), 2);
    assert_eq!(
        posts[0]["body"],
        json!({"CustomerName": "Zed Corp", "Email": "ops@zed.example"})
    );
    assert_eq!(posts[0]["authorization_kind"], "none");
    let log = serde_json::to_string(requests).unwrap();
    for secret in [
        created["CustomerSecret"].as_str(),
        zed["CustomerSecret"].as_str(),
        Some("leak-me"),
    ] {
        assert!(
            !log.contains(secret.unwrap()),
            "a secret in the request log: {log}"
        );
    }
}
