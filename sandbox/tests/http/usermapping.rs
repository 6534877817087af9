//! /usermapping and /device: shapes, quirks, validation, paging, devices,
//! deletion, and cascading with the app.

use crate::common::*;
use exotel_sandbox::Config;
use serde_json::{json, Value};

const USER_KEYS: [&str; 22] = [
    "ActiveDeviceId",
    "AgentNumber",
    "AppID",
    "AppUserId",
    "AppUsername",
    "CreatedAt",
    "CustomerId",
    "Email",
    "ExotelAccountSid",
    "ExotelUserId",
    "ExotelUserName",
    "IsActive",
    "OutboundActive",
    "PhoneDeviceID",
    "Role",
    "SipDeviceID",
    "SipId",
    "SipSecret",
    "UpdatedAt",
    "UserDetail",
    "VirtualNumber",
    // CustomerId again, as Exotel's web SDK reads it (issue 25).
    "customer_id",
];

fn sorted_keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

async fn create(sb: &Sandbox, at: &str, users: Value) -> (u16, Value) {
    sb.call("POST", "/usermapping", Some(at), Some(users)).await
}

async fn get_user(sb: &Sandbox, at: &str, encoded_id: &str) -> (u16, Value) {
    sb.call(
        "GET",
        &format!("/usermapping?user_id={encoded_id}"),
        Some(at),
        None,
    )
    .await
}

async fn app_users(sb: &Sandbox, app: &Value) -> Vec<Value> {
    let (s, v) = sb
        .control_get(&format!("/users?app_id={}", app["AppID"].as_str().unwrap()))
        .await;
    assert_eq!(s, 200, "{v}");
    v["users"].as_array().unwrap().clone()
}

// ---- Create and read ----

#[tokio::test]
async fn create_returns_full_users_and_get_finds_them() {
    let sb = start().await;
    let (_, app, at) = sb.app_with_token("A").await;
    let mut no_phone = user_body("crm-2", "Arjun Menon");
    no_phone.as_object_mut().unwrap().remove("AgentNumber");
    let (s, v) = create(
        &sb,
        &at,
        json!([user_body("crm-1", "Priya Sharma"), no_phone]),
    )
    .await;
    let created = success(s, &v);
    let created = created.as_array().unwrap();
    assert_eq!(created.len(), 2);
    let u = &created[0];
    assert_eq!(sorted_keys(u), USER_KEYS);
    assert_eq!(u["AppID"], app["AppID"]);
    assert_eq!(u["CustomerId"], CUSTOMER_ID);
    assert_eq!(u["AppUserId"], "crm-1");
    assert_eq!(u["AppUsername"], "Priya Sharma");
    assert_eq!(u["ExotelUserName"], "Priya Sharma");
    assert_eq!(u["Role"], "user");
    assert_eq!(u["IsActive"], true);
    assert_eq!(u["OutboundActive"], false);
    assert_eq!(u["ActiveDeviceId"], "");
    assert!(u["UserDetail"].is_null());
    assert!(u["SipId"].as_str().unwrap().starts_with("sip:"));
    assert!(u["SipSecret"].as_str().unwrap().len() >= 40);
    assert!(
        !u["PhoneDeviceID"].as_str().unwrap().is_empty(),
        "AgentNumber made a phone"
    );
    assert_eq!(
        created[1]["PhoneDeviceID"], "",
        "no AgentNumber, no phone device"
    );
    assert_eq!(created[1]["AgentNumber"], "");
    assert_ne!(u["SipDeviceID"], created[1]["SipDeviceID"]);

    let (s, v) = get_user(&sb, &at, "crm-1").await;
    assert_eq!(success(s, &v), *u);
    let (s, v) = get_user(&sb, &at, "nobody").await;
    failure(s, &v, 404, "record not found");
    assert_eq!(app_users(&sb, &app).await.len(), 2);
}

#[tokio::test]
async fn a_raw_plus_in_user_id_is_a_space_and_misses() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    let id = "priya+desk@acme.example";
    let (s, v) = create(&sb, &at, json!([user_body(id, "Priya Sharma")])).await;
    success(s, &v);
    let (s, v) = get_user(&sb, &at, "priya+desk@acme.example").await;
    failure(s, &v, 404, "record not found");
    let (s, v) = get_user(&sb, &at, "priya%2Bdesk%40acme.example").await;
    assert_eq!(success(s, &v)["AppUserId"], id);
}

#[tokio::test]
async fn post_needs_an_array() {
    let sb = start().await;
    let (_, app, at) = sb.app_with_token("A").await;
    for body in [
        user_body("a", "Priya Sharma"),
        json!([]),
        json!("x"),
        json!([1]),
    ] {
        let (s, v) = create(&sb, &at, body).await;
        failure(s, &v, 400, "invalid Payload");
    }
    let (s, v) = sb.call_text("POST", "/usermapping", &at, "[{").await;
    failure(s, &v, 400, "invalid Payload");
    assert!(app_users(&sb, &app).await.is_empty());
}

#[tokio::test]
async fn post_checks_each_required_field_and_format() {
    let sb = start().await;
    let (_, app, at) = sb.app_with_token("A").await;
    for field in [
        "AppUserId",
        "AppUsername",
        "Email",
        "ExotelAccountSid",
        "ExotelUserName",
        "VirtualNumber",
    ] {
        let mut body = user_body("a", "Priya Sharma");
        body.as_object_mut().unwrap().remove(field);
        let (s, v) = create(&sb, &at, json!([body])).await;
        failure(
            s,
            &v,
            400,
            &format!("Invalid parameter, {field} is required"),
        );
        body[field] = json!(7);
        let (s, v) = create(&sb, &at, json!([body])).await;
        failure(
            s,
            &v,
            400,
            &format!("Invalid parameter, {field} must be a string"),
        );
    }
    let cases = [
        (
            "Email",
            json!("not-an-email"),
            "Invalid parameter, Email is not a valid email address",
        ),
        (
            "VirtualNumber",
            json!("12-34"),
            "Invalid parameter, VirtualNumber is not a valid phone number",
        ),
        (
            "AgentNumber",
            json!("call me"),
            "Invalid parameter, AgentNumber is not a valid phone number",
        ),
        (
            "IsActive",
            json!("yes"),
            "Invalid parameter, IsActive must be a boolean",
        ),
    ];
    for (field, value, error) in cases {
        let mut body = user_body("a", "Priya Sharma");
        body[field] = value;
        let (s, v) = create(&sb, &at, json!([body])).await;
        failure(s, &v, 400, error);
    }
    assert!(app_users(&sb, &app).await.is_empty());
}

#[tokio::test]
async fn names_must_be_first_and_last_longer_than_three_characters() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    let last = "Invalid parameter, last_name too short";
    let first = "Invalid parameter, first_name too short";
    for (field, name, error) in [
        ("AppUsername", "Priya Rao", last),
        ("AppUsername", "Priya", last),
        ("AppUsername", "Ram Sharma", first),
        ("ExotelUserName", "Priya Rao", last),
        ("ExotelUserName", "Ram Sharma", first),
    ] {
        let mut body = user_body("a", "Priya Sharma");
        body[field] = json!(name);
        let (s, v) = create(&sb, &at, json!([body])).await;
        failure(s, &v, 400, error);
    }
    let (s, v) = create(&sb, &at, json!([user_body("a", "Ravi Iyer Nair")])).await;
    success(s, &v);
}

#[tokio::test]
async fn a_duplicate_is_409_and_a_batch_is_all_or_nothing() {
    let sb = start().await;
    let (_, app, at) = sb.app_with_token("A").await;
    let (s, v) = create(&sb, &at, json!([user_body("crm-1", "Priya Sharma")])).await;
    success(s, &v);
    let (s, v) = create(
        &sb,
        &at,
        json!([
            user_body("crm-2", "Arjun Menon"),
            user_body("crm-1", "Kavya Reddy")
        ]),
    )
    .await;
    failure(s, &v, 409, r#"user with AppUserId "crm-1" already exists"#);
    let (s, v) = create(
        &sb,
        &at,
        json!([
            user_body("crm-3", "Arjun Menon"),
            user_body("crm-3", "Kavya Reddy")
        ]),
    )
    .await;
    failure(s, &v, 409, r#"user with AppUserId "crm-3" already exists"#);
    let (s, v) = create(
        &sb,
        &at,
        json!([
            user_body("crm-4", "Arjun Menon"),
            user_body("crm-5", "Kavya Rao")
        ]),
    )
    .await;
    failure(s, &v, 400, "Invalid parameter, last_name too short");
    let ids: Vec<Value> = app_users(&sb, &app)
        .await
        .iter()
        .map(|u| u["AppUserId"].clone())
        .collect();
    assert_eq!(ids, [json!("crm-1")], "no partial batch was stored");
}

#[tokio::test]
async fn users_need_an_app_token_and_belong_to_one_app() {
    let sb = start().await;
    let (ct, _, at) = sb.app_with_token("A").await;
    let (_, _, bt) = sb.app_with_token("B").await;
    let (s, v) = create(&sb, &ct, json!([user_body("a", "Priya Sharma")])).await;
    failure(
        s,
        &v,
        401,
        "this call needs an app token (Entity \"app\"), not a customer token",
    );
    let (s, v) = sb
        .call("GET", "/usermapping", Some("Bearer zzz"), None)
        .await;
    assert_eq!(
        (s, v),
        (500, json!({"error": "invalid AuthToken: malformed"}))
    );
    create(&sb, &at, json!([user_body("a", "Priya Sharma")])).await;
    let (s, v) = get_user(&sb, &bt, "a").await;
    failure(s, &v, 404, "record not found");
    let (s, v) = create(&sb, &bt, json!([user_body("a", "Priya Sharma")])).await;
    success(s, &v); // the same AppUserId in another app is fine
    let resp = sb
        .client
        .patch(sb.api("/usermapping"))
        .header("Authorization", &at)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["allow"], "GET, POST, PUT, DELETE");
    let (s, v) = status_json(resp).await;
    failure(s, &v, 405, "method PATCH not allowed");
}

// ---- Update and delete ----

#[tokio::test]
async fn put_updates_in_place_and_keeps_ids() {
    let sb = start().await;
    let (_, app, at) = sb.app_with_token("A").await;
    let mut body = user_body("crm-2", "Arjun Menon");
    body.as_object_mut().unwrap().remove("AgentNumber");
    let (s, v) = create(&sb, &at, json!([user_body("crm-1", "Priya Sharma"), body])).await;
    let before = success(s, &v)[1].clone();
    let change = json!({
        "AppUserId": "crm-2",
        "AppUsername": "Arjun Menon Das",
        "Email": "arjun@acme.example",
        "AgentNumber": "+919900011122",
        "IsActive": false,
        "SipId": "sip:hijack",
        "SipDeviceID": "other",
    });
    let (s, v) = sb
        .call("PUT", "/usermapping", Some(&at), Some(change))
        .await;
    let after = success(s, &v);
    assert_eq!(after["AppUsername"], "Arjun Menon Das");
    assert_eq!(after["Email"], "arjun@acme.example");
    assert_eq!(after["IsActive"], false);
    assert_eq!(
        after["ExotelUserName"], before["ExotelUserName"],
        "absent fields kept"
    );
    for kept in [
        "SipId",
        "SipSecret",
        "SipDeviceID",
        "ExotelUserId",
        "CreatedAt",
    ] {
        assert_eq!(after[kept], before[kept], "{kept}");
    }
    assert!(
        !after["PhoneDeviceID"].as_str().unwrap().is_empty(),
        "a first AgentNumber adds a phone"
    );
    let users = app_users(&sb, &app).await;
    assert_eq!(users[1]["AppUserId"], "crm-2", "same position");
    assert_eq!(users[1]["AppUsername"], "Arjun Menon Das");
    assert_eq!(users.len(), 2);
}

#[tokio::test]
async fn put_refusals() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    create(&sb, &at, json!([user_body("crm-1", "Priya Sharma")])).await;
    let put = |body: Value| sb.call("PUT", "/usermapping", Some(&at), Some(body));
    let (s, v) = put(json!([{"AppUserId": "crm-1"}])).await;
    failure(s, &v, 400, "invalid Payload");
    let (s, v) = put(json!({"AppUsername": "Priya Sharma"})).await;
    failure(s, &v, 400, "Invalid parameter, AppUserId is required");
    let (s, v) = put(json!({"AppUserId": "crm-1", "AppUsername": "Priya Rao"})).await;
    failure(s, &v, 400, "Invalid parameter, last_name too short");
    let (s, v) = put(json!({"AppUserId": "crm-9", "Email": "x@acme.example"})).await;
    failure(s, &v, 404, "record not found");
}

#[tokio::test]
async fn delete_removes_every_user_of_the_app_whatever_the_query() {
    let sb = start().await;
    let (_, a, at) = sb.app_with_token("A").await;
    let (_, b, bt) = sb.app_with_token("B").await;
    create(
        &sb,
        &at,
        json!([
            user_body("crm-1", "Priya Sharma"),
            user_body("crm-2", "Arjun Menon")
        ]),
    )
    .await;
    create(&sb, &bt, json!([user_body("crm-1", "Priya Sharma")])).await;
    let (s, v) = sb
        .call("DELETE", "/usermapping?user_id=crm-1", Some(&at), None)
        .await;
    assert_eq!(success(s, &v), "Deleted Successfuly");
    assert!(
        app_users(&sb, &a).await.is_empty(),
        "the query did not narrow it"
    );
    assert_eq!(app_users(&sb, &b).await.len(), 1, "other apps untouched");
    let (s, v) = sb.call("DELETE", "/usermapping", Some(&at), None).await;
    assert_eq!(
        success(s, &v),
        "Deleted Successfuly",
        "nothing left is still a success"
    );
    // Creation starts again after a delete.
    let (s, v) = create(&sb, &at, json!([user_body("crm-1", "Priya Sharma")])).await;
    success(s, &v);
}

#[tokio::test]
async fn deleting_the_app_deletes_its_users_and_settings() {
    let sb = start().await;
    let (_, a, at) = sb.app_with_token("A").await;
    create(&sb, &at, json!([user_body("crm-1", "Priya Sharma")])).await;
    sb.call(
        "POST",
        "/app_setting",
        Some(&at),
        Some(json!({"Key": "popup", "Value": "https://x.example"})),
    )
    .await;
    let state = sb.state().await;
    let id = a["AppID"].as_str().unwrap();
    assert_eq!(state["users"][id].as_array().unwrap().len(), 1);
    assert!(
        state["users"][id][0]["SipSecret"].is_string(),
        "the dump has secrets"
    );
    let (s, v) = sb.delete(Some(&at)).await;
    success(s, &v);
    let state = sb.state().await;
    assert_eq!(
        (state["users"].clone(), state["settings"].clone()),
        (json!({}), json!({}))
    );
    let (s, v) = sb.control_get(&format!("/users?app_id={id}")).await;
    assert_eq!((s, v), (404, json!({"error": "no such app"})));
    // Recreating the app does not bring them back.
    let ct = sb.customer_token().await;
    let again = sb.create_app(&ct, "A").await;
    let at2 = sb.app_token(&again).await;
    let (s, v) = get_user(&sb, &at2, "crm-1").await;
    failure(s, &v, 404, "record not found");
}

// ---- Devices ----

#[tokio::test]
async fn devices_switch_and_sip_decides_outbound() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    let (s, v) = create(&sb, &at, json!([user_body("crm-1", "Priya Sharma")])).await;
    let user = success(s, &v)[0].clone();
    let (sip, phone) = (user["SipDeviceID"].clone(), user["PhoneDeviceID"].clone());
    let device = |name: &str, on: bool| {
        sb.call(
            "PUT",
            "/device",
            Some(&at),
            Some(json!({"UserId": "crm-1", "DeviceName": name, "DeviceStatus": on})),
        )
    };
    let (s, v) = device("sip", true).await;
    let u = success(s, &v);
    assert_eq!(
        (u["ActiveDeviceId"].clone(), u["OutboundActive"].clone()),
        (sip.clone(), json!(true))
    );
    assert_eq!(sorted_keys(&u), USER_KEYS);
    let (s, v) = device("phone", true).await;
    let u = success(s, &v);
    assert_eq!(
        (u["ActiveDeviceId"].clone(), u["OutboundActive"].clone()),
        (phone.clone(), json!(false))
    );
    let (s, v) = device("sip", false).await; // not the active one: no change
    assert_eq!(success(s, &v)["ActiveDeviceId"], phone);
    let (s, v) = device("phone", false).await;
    let u = success(s, &v);
    assert_eq!(
        (u["ActiveDeviceId"].clone(), u["OutboundActive"].clone()),
        (json!(""), json!(false))
    );
    let (s, v) = get_user(&sb, &at, "crm-1").await;
    assert_eq!(success(s, &v)["ActiveDeviceId"], "", "stored");
}

#[tokio::test]
async fn device_refusals() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("A").await;
    let mut body = user_body("crm-1", "Priya Sharma");
    body.as_object_mut().unwrap().remove("AgentNumber");
    create(&sb, &at, json!([body])).await;
    let put = |b: Value| sb.call("PUT", "/device", Some(&at), Some(b));
    let cases = [
        (
            json!({"UserId": "crm-1", "DeviceName": "phone", "DeviceStatus": true}),
            400,
            "Invalid parameter, user has no phone device (AgentNumber is not set)",
        ),
        (
            json!({"UserId": "crm-1", "DeviceName": "desk", "DeviceStatus": true}),
            400,
            r#"Invalid parameter, DeviceName must be "phone" or "sip""#,
        ),
        (
            json!({"UserId": "crm-1", "DeviceName": "sip", "DeviceStatus": "on"}),
            400,
            "Invalid parameter, DeviceStatus must be a boolean",
        ),
        (
            json!({"UserId": "crm-1", "DeviceName": "sip"}),
            400,
            "Invalid parameter, DeviceStatus is required",
        ),
        (
            json!({"DeviceName": "sip", "DeviceStatus": true}),
            400,
            "Invalid parameter, UserId is required",
        ),
        (json!([]), 400, "invalid Payload"),
        (
            json!({"UserId": "crm-9", "DeviceName": "sip", "DeviceStatus": true}),
            404,
            "record not found",
        ),
    ];
    for (body, code, error) in cases {
        let (s, v) = put(body).await;
        failure(s, &v, code, error);
    }
    let (s, v) = sb.call("GET", "/device", Some(&at), None).await;
    failure(s, &v, 405, "method GET not allowed");
}

// ---- Paging ----

async fn fetch_page(sb: &Sandbox, at: &str, query: &str) -> (u16, Value) {
    sb.call("GET", &format!("/usermapping{query}"), Some(at), None)
        .await
}

#[tokio::test]
async fn pages_answer_as_documented_until_the_key_is_absent() {
    let sb = start_with(Config {
        faults: true,
        seed: 1,
        seed_users: 45,
        ..Config::default()
    })
    .await;
    let app = sb.state().await["apps"][0].clone();
    let at = sb.app_token(&app).await;
    let (s, v) = fetch_page(&sb, &at, "").await;
    let first = success(s, &v);
    assert_eq!(
        first["Users"].as_array().unwrap().len(),
        20,
        "default page size"
    );
    // Exotel's page: PageSize echoed, LastEvaluatedValue a string.
    assert_eq!(first["PageSize"], 20);
    assert_eq!(first["LastEvaluatedValue"], "20");
    assert!(first.get("NextKey").is_none());
    let mut seen = Vec::new();
    let mut cursor = "0".to_string();
    loop {
        let (s, v) = fetch_page(&sb, &at, &format!("?page_size=20&last_value={cursor}")).await;
        let data = success(s, &v);
        let users = data["Users"].as_array().unwrap();
        seen.extend(
            users
                .iter()
                .map(|u| u["AppUserId"].as_str().unwrap().to_string()),
        );
        match data.get("LastEvaluatedValue") {
            Some(next) => cursor = next.as_str().unwrap().to_string(),
            None => {
                assert_eq!(users.len(), 5);
                assert_eq!(
                    sorted_keys(&data),
                    ["PageSize", "Users"],
                    "no key on the last page"
                );
                break;
            }
        }
    }
    let all: Vec<String> = app_users(&sb, &app)
        .await
        .iter()
        .map(|u| u["AppUserId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(seen, all, "every user once, in creation order");
    // A full last page has no next key either; past the end is empty.
    let (s, v) = fetch_page(&sb, &at, "?page_size=15&last_value=30").await;
    let data = success(s, &v);
    assert_eq!(
        (
            data["Users"].as_array().unwrap().len(),
            data.get("LastEvaluatedValue")
        ),
        (15, None)
    );
    let (s, v) = fetch_page(&sb, &at, "?page_size=15&last_value=45").await;
    assert_eq!(success(s, &v), json!({"Users": [], "PageSize": 15}));
    for bad in ["?page_size=0", "?page_size=x", "?last_value=x"] {
        let (s, v) = fetch_page(&sb, &at, bad).await;
        assert_eq!(s, 400, "{bad}: {v}");
    }
    // limit and offset are ignored.
    let (s, v) = fetch_page(&sb, &at, "?limit=5&offset=40").await;
    assert_eq!(success(s, &v)["Users"].as_array().unwrap().len(), 20);
}

#[tokio::test]
async fn a_capped_server_serves_fewer_than_asked_and_says_so() {
    let sb = start_with(Config {
        faults: true,
        seed: 1,
        seed_users: 120,
        max_page_size: Some(50),
        ..Config::default()
    })
    .await;
    let app = sb.state().await["apps"][0].clone();
    let at = sb.app_token(&app).await;
    let page = |query: &'static str| {
        let (sb, at) = (&sb, &at);
        async move {
            let (s, v) = fetch_page(sb, at, query).await;
            let data = success(s, &v).clone();
            (
                data["Users"].as_array().unwrap().len(),
                data["PageSize"].clone(),
                data.get("LastEvaluatedValue").cloned(),
            )
        }
    };
    assert_eq!(
        page("?page_size=100&last_value=0").await,
        (50, json!(50), Some(json!("50")))
    );
    assert_eq!(
        page("?page_size=100&last_value=50").await,
        (50, json!(50), Some(json!("100")))
    );
    assert_eq!(
        page("?page_size=100&last_value=100").await,
        (20, json!(50), None)
    );
    // Asking for fewer than the cap is served as asked.
    assert_eq!(
        page("?page_size=10&last_value=0").await,
        (10, json!(10), Some(json!("10")))
    );
}

/// How many users the first page of the first app serves when 100 are
/// asked, and the PageSize it reports.
async fn first_page_served(sb: &Sandbox) -> (usize, Value) {
    let app = sb.state().await["apps"][0].clone();
    let at = sb.app_token(&app).await;
    let (s, v) = fetch_page(sb, &at, "?page_size=100").await;
    let data = success(s, &v);
    (
        data["Users"].as_array().unwrap().len(),
        data["PageSize"].clone(),
    )
}

#[tokio::test]
async fn the_reset_control_sets_or_clears_the_page_cap() {
    let sb = start_with(Config {
        faults: true,
        max_page_size: Some(30),
        ..Config::default()
    })
    .await;
    let body = json!({"seed": 1, "seed_users": 80});
    assert_eq!(sb.control("/reset", Some(body)).await.0, 200);
    assert_eq!(
        first_page_served(&sb).await,
        (30, json!(30)),
        "the CLI's cap by default"
    );
    let body = json!({"seed": 1, "seed_users": 80, "max_page_size": 50});
    assert_eq!(sb.control("/reset", Some(body)).await.0, 200);
    assert_eq!(first_page_served(&sb).await, (50, json!(50)));
    let (status, v) = sb
        .control("/reset", Some(json!({"max_page_size": 0})))
        .await;
    assert_eq!(
        (status, v["error"].as_str()),
        (400, Some("max_page_size must be at least 1"))
    );
}

#[tokio::test]
async fn the_next_key_name_is_configurable_and_an_empty_app_has_no_users() {
    let sb = start_with(Config {
        faults: true,
        seed: 2,
        seed_users: 3,
        next_key_name: "last_value".into(),
        ..Config::default()
    })
    .await;
    let app = sb.state().await["apps"][1].clone();
    let at = sb.app_token(&app).await;
    let (s, v) = fetch_page(&sb, &at, "?page_size=2").await;
    let data = success(s, &v);
    assert_eq!(data["last_value"], "2");
    // An undocumented name models a deployment that reports no PageSize.
    assert_eq!(sorted_keys(&data), ["Users", "last_value"]);
    sb.call("DELETE", "/usermapping", Some(&at), None).await;
    let (s, v) = fetch_page(&sb, &at, "").await;
    assert_eq!(success(s, &v), json!({"Users": []}));
}

#[tokio::test]
async fn seeded_users_are_valid_varied_and_reachable() {
    let sb = start_with(Config {
        faults: true,
        seed: 2,
        seed_users: 10,
        ..Config::default()
    })
    .await;
    let state = sb.state().await;
    let app = state["apps"][0].clone();
    let users = state["users"][app["AppID"].as_str().unwrap()]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(users.len(), 10);
    assert!(users.iter().any(|u| u["OutboundActive"] == true));
    assert!(users.iter().any(|u| u["AgentNumber"] == ""));
    let plus = users
        .iter()
        .find(|u| u["AppUserId"].as_str().unwrap().contains('+'))
        .unwrap();
    let at = sb.app_token(&app).await;
    let encoded = plus["AppUserId"]
        .as_str()
        .unwrap()
        .replace('+', "%2B")
        .replace('@', "%40");
    let (s, v) = get_user(&sb, &at, &encoded).await;
    assert_eq!(success(s, &v)["AppUserId"], plus["AppUserId"]);
    // Seeded users pass the API's own rules when posted again elsewhere.
    let (_, _, bt) = sb.app_with_token("Copy").await;
    let copies: Vec<Value> = users
        .iter()
        .map(|u| {
            json!({
                "AppUserId": u["AppUserId"], "AppUsername": u["AppUsername"], "Email": u["Email"],
                "ExotelAccountSid": u["ExotelAccountSid"], "ExotelUserName": u["ExotelUserName"],
                "VirtualNumber": u["VirtualNumber"], "AgentNumber": u["AgentNumber"],
            })
        })
        .collect();
    let (s, v) = create(&sb, &bt, Value::Array(copies)).await;
    assert_eq!(success(s, &v).as_array().unwrap().len(), 10);
    // Reset takes seed_users too.
    let (s, v) = sb
        .control("/reset", Some(json!({"seed": 3, "seed_users": 4})))
        .await;
    assert_eq!((s, v), (200, json!({"apps": 3, "users": 12})));
    let state = sb.state().await;
    assert!(state["users"]
        .as_object()
        .unwrap()
        .values()
        .all(|us| us.as_array().unwrap().len() == 4));
}
