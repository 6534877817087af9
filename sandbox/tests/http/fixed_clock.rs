//! `--fixed-clock`: two runs of the binary that make the same calls get the
//! same answers, byte for byte, and a reset starts the ids again. The binary
//! itself is run (one process per sandbox), because the frozen clock is
//! process-wide and would leak into the in-process tests.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use crate::common::{app_body, CUSTOMER_ID, CUSTOMER_SECRET};

const FROZEN: &str = "2025-01-15T10:00:00+05:30";

/// The binary on a free port; killed when dropped.
struct Binary {
    child: Child,
    root: String,
    client: reqwest::Client,
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(extra: &[&str]) -> Binary {
    let mut child = Command::new(env!("CARGO_BIN_EXE_exotel-sandbox"))
        .args([
            "--port",
            "0",
            "--quiet",
            "--faults",
            "--seed",
            "2",
            "--seed-users",
            "3",
        ])
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the sandbox binary starts");
    // The banner's first line names the address it bound.
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    Binary {
        child,
        root: base.trim_end_matches("/v2/integrations").to_string(),
        client,
    }
}

impl Binary {
    async fn call(&self, method: &str, path: &str, token: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.root);
        let req = match method {
            "GET" => self.client.get(url),
            _ => self.client.post(url).json(&body),
        };
        let req = if token.is_empty() {
            req
        } else {
            req.header("Authorization", token)
        };
        req.send().await.unwrap().json().await.unwrap()
    }

    /// Every answer of one fixed series of calls: sign in, create an app,
    /// list, read the whole state, reset and read it again.
    async fn transcript(&self) -> Vec<Value> {
        let login = json!({"Id": CUSTOMER_ID, "Secret": CUSTOMER_SECRET, "Entity": "customer"});
        let token = self.call("POST", "/v2/integrations/token", "", login).await;
        let customer = token["Data"].as_str().unwrap().to_string();
        let created = self
            .call("POST", "/v2/integrations/app", &customer, app_body("Docs"))
            .await;
        let listed = self
            .call("GET", "/v2/integrations/app", &customer, json!(null))
            .await;
        let state = self.call("GET", "/__sandbox/state", "", json!(null)).await;
        let reset = json!({"seed": 2, "seed_users": 3});
        self.call("POST", "/__sandbox/reset", "", reset).await;
        let after_reset = self.call("GET", "/__sandbox/state", "", json!(null)).await;
        // The token itself stays random (see `fixed`); its expiry does not.
        let claims = token["Data"].as_str().unwrap().split('.').nth(1).unwrap();
        let claims: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).unwrap()).unwrap();
        vec![claims["exp"].clone(), created, listed, state, after_reset]
    }
}

fn seeded_ids(state: &Value) -> Vec<Value> {
    let apps = state["apps"].as_array().unwrap();
    apps.iter().take(2).map(|a| a["AppID"].clone()).collect()
}

#[tokio::test]
async fn the_same_calls_get_the_same_answers() {
    let first = spawn(&["--fixed-clock", FROZEN]).transcript().await;
    let second = spawn(&["--fixed-clock", FROZEN]).transcript().await;
    assert_eq!(first, second);
    // 90 days after 2025-01-15T04:30:00Z.
    assert_eq!(first[0], 1_736_915_400 + 90 * 24 * 60 * 60);
    let created = &first[1]["Data"];
    assert_eq!(created["CreatedAt"], FROZEN);
    // Seeded apps are dated before the frozen instant, the newest within the
    // last two years.
    let seeded = &first[3]["apps"][1];
    assert!(seeded["CreatedAt"].as_str().unwrap() < FROZEN, "{seeded}");
    assert!(
        seeded["CreatedAt"].as_str().unwrap() > "2023-01-15",
        "{seeded}"
    );
    // After a reset the seeded apps have the ids they had at start.
    assert_eq!(seeded_ids(&first[3]), seeded_ids(&first[4]));
}

#[tokio::test]
async fn without_it_ids_and_times_are_fresh() {
    let first = spawn(&[]).transcript().await;
    let second = spawn(&[]).transcript().await;
    assert_ne!(first[1]["Data"]["AppID"], second[1]["Data"]["AppID"]);
    assert_ne!(first[1]["RequestId"], second[1]["RequestId"]);
    assert_ne!(seeded_ids(&first[3]), seeded_ids(&first[4]));
    assert_ne!(first[1]["Data"]["CreatedAt"], FROZEN);
}
