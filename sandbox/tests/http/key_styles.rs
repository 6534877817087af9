//! The reset control's `key_style`: user pages whose next-page keys are
//! offsets, ids with gaps or opaque strings; followed key by key, every
//! style lists every user once.

use crate::common::*;
use exotel_sandbox::Config;
use serde_json::{json, Value};

/// Resets to one app with `users` users in `style` (None: not given).
async fn reset(sb: &Sandbox, users: u64, style: Option<&str>) -> String {
    let mut body = json!({"seed": 1, "seed_users": users});
    if let Some(style) = style {
        body["key_style"] = json!(style);
    }
    let (status, v) = sb.control("/reset", Some(body)).await;
    assert_eq!(status, 200, "{v}");
    let app = sb.state().await["apps"][0].clone();
    sb.app_token(&app).await
}

/// Follows the keys from `last_value=0` at 50 a page: every user's
/// AppUserId in the order served, and the keys the pages named.
async fn walk(sb: &Sandbox, token: &str) -> (Vec<String>, Vec<String>) {
    let (mut ids, mut keys) = (Vec::new(), Vec::new());
    let mut key = "0".to_string();
    loop {
        let path = format!("/usermapping?page_size=50&last_value={key}");
        let (s, v) = sb.call("GET", &path, Some(token), None).await;
        let data = success(s, &v);
        let users = data["Users"].as_array().unwrap();
        ids.extend(
            users
                .iter()
                .map(|u| u["AppUserId"].as_str().unwrap().to_string()),
        );
        match data.get("LastEvaluatedValue").and_then(Value::as_str) {
            Some(next) => {
                keys.push(next.to_string());
                key = next.to_string();
            }
            None => return (ids, keys),
        }
        assert!(keys.len() < 10, "the keys go on forever: {keys:?}");
    }
}

/// `ids` are the app's stored users, each once, in creation order.
async fn every_user_once(sb: &Sandbox, ids: &[String], count: usize) {
    let state = sb.state().await;
    let app_id = state["apps"][0]["AppID"].as_str().unwrap().to_string();
    let stored = state["users"][&app_id].as_array().unwrap();
    let expected: Vec<&str> = stored
        .iter()
        .map(|u| u["AppUserId"].as_str().unwrap())
        .collect();
    assert_eq!(expected.len(), count);
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn offsets_by_default_gaps_and_opaque_keys_each_list_every_user_once() {
    let sb = start_with(Config {
        faults: true,
        ..Config::default()
    })
    .await;
    let token = reset(&sb, 130, None).await;
    let (ids, keys) = walk(&sb, &token).await;
    every_user_once(&sb, &ids, 130).await;
    assert_eq!(keys, ["50", "100"]);

    // Seven numbers skipped after every 60th user: 50 -> 107, not 100.
    let token = reset(&sb, 130, Some("gaps")).await;
    let (ids, keys) = walk(&sb, &token).await;
    every_user_once(&sb, &ids, 130).await;
    assert_eq!(keys, ["50", "107"]);
    // A key between two users starts after it, as any id would.
    let (s, v) = sb
        .call(
            "GET",
            "/usermapping?page_size=3&last_value=63",
            Some(&token),
            None,
        )
        .await;
    let first = &success(s, &v)["Users"][0]["AppUserId"];
    let stored = sb.state().await["users"].as_object().unwrap().clone();
    let sixty_first = &stored.values().next().unwrap()[60]["AppUserId"];
    assert_eq!(first, sixty_first, "the 61st user is numbered 68");

    let token = reset(&sb, 130, Some("opaque")).await;
    let (ids, keys) = walk(&sb, &token).await;
    every_user_once(&sb, &ids, 130).await;
    assert_eq!(keys.len(), 2);
    assert!(keys.iter().all(|k| k.parse::<u64>().is_err()), "{keys:?}");
    // A number is not a key of this style.
    let (s, v) = sb
        .call(
            "GET",
            "/usermapping?page_size=50&last_value=50",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(s, 400, "{v}");

    // The next reset without the field is back to offsets.
    let token = reset(&sb, 60, None).await;
    assert_eq!(walk(&sb, &token).await.1, ["50"]);
}

#[tokio::test]
async fn an_unknown_key_style_is_refused() {
    let sb = start_with(Config {
        faults: true,
        ..Config::default()
    })
    .await;
    let (status, v) = sb
        .control("/reset", Some(json!({"seed": 1, "key_style": "random"})))
        .await;
    assert_eq!(status, 400, "{v}");
    assert!(
        v["error"].as_str().unwrap().contains("unknown variant"),
        "{v}"
    );
}
