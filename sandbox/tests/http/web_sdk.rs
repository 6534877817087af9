//! What Exotel's web SDK (@exotel-npm-dev/exotel-ip-calling-crm-websdk)
//! sends and reads (issue 25): GET /app without `entity`, `customer_id` on
//! user objects, and a SipSecret it can decrypt, whose password a test can
//! ask for. The SDK itself runs against the sandbox in e2e/web-sdk.spec.js.

use crate::common::*;
use exotel_sandbox::Config;
use serde_json::{json, Value};

async fn get_app(sb: &Sandbox, token: &str, query: &str) -> (u16, Value) {
    sb.call("GET", &format!("/app{query}"), Some(token), None)
        .await
}

#[tokio::test]
async fn without_entity_an_app_token_reads_its_app_and_a_customer_token_its_list() {
    let sb = start().await;
    let (ct, app, at) = sb.app_with_token("WebRTC").await;
    let (s, v) = sb.detail(&at).await;
    let detail = success(s, &v);
    for query in ["", "?entity=", "?foo=customer"] {
        let (s, v) = get_app(&sb, &at, query).await;
        assert_eq!(success(s, &v), detail, "{query:?}");
        let (s, v) = get_app(&sb, &ct, query).await;
        let list = success(s, &v);
        assert_eq!(list.as_array().map(Vec::len), Some(1), "{query:?}");
        assert_eq!(list[0]["AppID"], app["AppID"]);
    }
    // The SDK reads the account from it.
    assert_eq!(detail["ExotelAccountSid"], "acme1");
}

#[tokio::test]
async fn without_entity_faults_scope_by_the_tokens_kind() {
    let sb = start().await;
    let (ct, _, at) = sb.app_with_token("WebRTC").await;
    sb.fault(json!({"kind": "json500", "route": "detail"}))
        .await;
    let (s, _) = get_app(&sb, &ct, "").await;
    assert_eq!(s, 200, "a customer's list is not a detail");
    let (s, _) = get_app(&sb, &at, "").await;
    assert_eq!(s, 500);
    sb.fault(json!({"kind": "bad400", "route": "list"})).await;
    let (s, _) = get_app(&sb, &at, "").await;
    assert_eq!(s, 200);
    let (s, _) = get_app(&sb, &ct, "").await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn every_user_answer_carries_customer_id_in_both_spellings() {
    let sb = start().await;
    let (zed, zt) = sb.new_customer("Zed Corp").await;
    let app = sb.create_app(&zt, "WebRTC").await;
    let at = sb.app_token(&app).await;
    let (s, v) = sb
        .call(
            "POST",
            "/usermapping",
            Some(&at),
            Some(json!([user_body("agent-1", "Priya Sharma")])),
        )
        .await;
    let mut users = vec![success(s, &v)[0].clone()];
    users.push(sb.switch_device(&at, "agent-1", "sip", true).await);
    for path in ["/usermapping?user_id=agent-1", "/usermapping"] {
        let (s, v) = sb.call("GET", path, Some(&at), None).await;
        let data = success(s, &v);
        users.push(
            data.get("Users")
                .map_or(data.clone(), |page| page[0].clone()),
        );
    }
    let body = json!({"AppUserId": "agent-1", "Role": "lead"});
    let (s, v) = sb.call("PUT", "/usermapping", Some(&at), Some(body)).await;
    users.push(success(s, &v));
    for u in &users {
        assert_eq!(
            (&u["CustomerId"], &u["customer_id"]),
            (&zed["CustomerID"], &zed["CustomerID"]),
            "{u}"
        );
    }
}

#[tokio::test]
async fn sip_secret_is_hex_iv_and_ciphertext_of_a_password_tests_can_ask_for() {
    let sb = start_with(Config {
        faults: true,
        seed: 1,
        seed_users: 3,
        ..Config::default()
    })
    .await;
    let (_, app, at) = sb.app_with_token("WebRTC").await;
    let created = sb.sip_user(&at, "agent-1").await;
    let seeded_app = sb.state().await["apps"][0].clone();
    let seeded = seeded_app["AppID"].as_str().unwrap();
    let mut passwords = Vec::new();
    for (app_id, user, secret) in [
        (
            app["AppID"].as_str().unwrap(),
            "agent-1",
            created["SipSecret"].clone(),
        ),
        (
            seeded,
            "crm-0001",
            sb.state().await["users"][seeded][0]["SipSecret"].clone(),
        ),
    ] {
        let secret = secret.as_str().unwrap();
        let (s, v) = sb
            .control_get(&format!("/sip-password?app_id={app_id}&user_id={user}"))
            .await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(
            (&v["app_id"], &v["user_id"]),
            (&json!(app_id), &json!(user))
        );
        let password = v["password"].as_str().unwrap().to_string();
        assert!(password.len() >= 16 && password.bytes().all(|b| b.is_ascii_alphanumeric()));
        // 16 bytes of IV, then one ciphertext byte per password byte, in hex.
        assert_eq!(secret.len(), 32 + 2 * password.len(), "{secret}");
        assert!(secret.bytes().all(|b| b.is_ascii_hexdigit()), "{secret}");
        assert!(!secret.contains(&password));
        passwords.push(password);
    }
    assert_ne!(passwords[0], passwords[1]);
    // The plain password is in no API answer and nowhere in the state.
    let (s, v) = sb
        .call("GET", "/usermapping?user_id=agent-1", Some(&at), None)
        .await;
    assert!(!v.to_string().contains(&passwords[0]) && s == 200);
    assert!(!sb.state().await.to_string().contains(&passwords[0]));
}

#[tokio::test]
async fn sip_password_control_refusals() {
    let sb = start().await;
    let (_, app, at) = sb.app_with_token("WebRTC").await;
    sb.sip_user(&at, "agent-1").await;
    let id = app["AppID"].as_str().unwrap();
    for (query, status) in [
        (format!("app_id={id}&user_id=nobody"), 404),
        ("app_id=nope&user_id=agent-1".to_string(), 404),
        (format!("app_id={id}"), 400),
        ("user_id=agent-1".to_string(), 400),
    ] {
        let (s, v) = sb.control_get(&format!("/sip-password?{query}")).await;
        assert_eq!(s, status, "{query}: {v}");
        assert!(v["error"].is_string());
    }
}

#[tokio::test]
async fn the_sdks_call_body_built_from_the_user_object_places_a_call() {
    let sb = start().await;
    let (_, _, at) = sb.app_with_token("WebRTC").await;
    let user = sb.sip_user(&at, "agent-1").await;
    // What MakeCall sends: customer_id and AppID read off the user object.
    let body = json!({
        "customer_id": user["customer_id"], "app_id": user["AppID"], "to": "8851029024", "user_id": user["AppUserId"]
    });
    let (s, v) = sb
        .call("POST", "/call/outbound_call", Some(&at), Some(body))
        .await;
    assert_eq!(success(s, &v)["AppUserID"], "agent-1");
}
