//! How the sandbox is served: CORS, static files with SPA fallback, large
//! seeds, and the binary's banner and request log.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use exotel_sandbox::Config;
use serde_json::json;

const ORIGIN: &str = "http://localhost:8080";

// ---- CORS ----

#[tokio::test]
async fn cors_preflight_is_answered_with_the_flag() {
    let sb = start_with(Config {
        cors: true,
        ..Config::default()
    })
    .await;
    for (method, path) in [
        ("DELETE", "/app"),
        ("POST", "/token"),
        ("GET", "/app?entity=customer"),
    ] {
        let resp = sb
            .client
            .request(reqwest::Method::OPTIONS, sb.api(path))
            .header("Origin", ORIGIN)
            .header("Access-Control-Request-Method", method)
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type",
            )
            .send()
            .await
            .unwrap();
        assert!(
            resp.status().is_success(),
            "{method} {path}: {}",
            resp.status()
        );
        let h = resp.headers();
        assert_eq!(h["access-control-allow-origin"], ORIGIN);
        let methods = h["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .to_ascii_uppercase();
        for m in ["GET", "POST", "DELETE", "OPTIONS"] {
            assert!(methods.contains(m), "{methods}");
        }
        let headers = h["access-control-allow-headers"]
            .to_str()
            .unwrap()
            .to_ascii_lowercase();
        assert!(
            headers.contains("authorization") && headers.contains("content-type"),
            "{headers}"
        );
        assert!(
            h["access-control-max-age"]
                .to_str()
                .unwrap()
                .parse::<u32>()
                .unwrap()
                > 0
        );
    }
    // Actual responses carry the header too, failures and quirks included.
    let resp = sb
        .client
        .get(sb.api("/app?entity=customer"))
        .header("Origin", ORIGIN)
        .header("Authorization", "Bearer x")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 500);
    assert_eq!(resp.headers()["access-control-allow-origin"], ORIGIN);
    let resp = sb
        .client
        .post(sb.api("/token"))
        .header("Origin", ORIGIN)
        .json(&json!({"Id": CUSTOMER_ID, "Secret": CUSTOMER_SECRET, "Entity": "customer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["access-control-allow-origin"], ORIGIN);
    let exposed = resp.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(exposed.contains("x-request-id"));
}

#[tokio::test]
async fn no_cors_headers_without_the_flag() {
    let sb = start_with(Config::default()).await;
    let resp = sb
        .client
        .request(reqwest::Method::OPTIONS, sb.api("/app"))
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "DELETE")
        .header("Access-Control-Request-Headers", "authorization")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 405);
    assert!(resp.headers().get("access-control-allow-origin").is_none());
    let resp = sb
        .client
        .post(sb.api("/token"))
        .header("Origin", ORIGIN)
        .json(&json!({"Id": CUSTOMER_ID, "Secret": CUSTOMER_SECRET, "Entity": "customer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp
        .headers()
        .keys()
        .all(|k| !k.as_str().starts_with("access-control-")));
}

// ---- Static files ----

/// A throwaway folder with a tiny built console.
fn console_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("exotel-sandbox-static-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>console</title>",
    )
    .unwrap();
    std::fs::write(dir.join("assets/app-123.js"), "console.log('hi')").unwrap();
    dir
}

#[tokio::test]
async fn static_dir_serves_files_and_falls_back_to_index_html() {
    let dir = console_dir();
    let sb = start_with(Config {
        static_dir: Some(dir.clone()),
        ..Config::default()
    })
    .await;

    let resp = sb
        .client
        .get(sb.url("/assets/app-123.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert!(
        resp.headers().get("cache-control").is_none(),
        "bundles stay cacheable"
    );
    assert_eq!(resp.text().await.unwrap(), "console.log('hi')");

    for path in [
        "/",
        "/index.html",
        "/apps",
        "/apps/2e6440ed/delete",
        "/missing.js",
    ] {
        let resp = sb.client.get(sb.url(path)).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{path}");
        assert_eq!(resp.headers()["cache-control"], "no-cache", "{path}");
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert_eq!(
            resp.text().await.unwrap(),
            "<!doctype html><title>console</title>",
            "{path}"
        );
    }
    // The API still works next to it.
    sb.customer_token().await;
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn static_dir_never_shadows_the_api_or_the_controls() {
    let dir = console_dir();
    let sb = start_with(Config {
        static_dir: Some(dir.clone()),
        ..Config::default()
    })
    .await;
    for path in [
        "/v2/integrations/nope",
        "/v2/other",
        "/v2",
        "/__sandbox/state",
        "/__sandbox",
    ] {
        let resp = sb.client.get(sb.url(path)).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 404, "{path}");
        assert!(
            !resp.text().await.unwrap().contains("<title>console"),
            "{path}"
        );
    }
    // Not a GET: no fallback either.
    let resp = sb.client.post(sb.url("/apps")).send().await.unwrap();
    assert_ne!(resp.status().as_u16(), 200);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn without_static_dir_the_root_is_404() {
    let sb = start_with(Config::default()).await;
    let resp = sb.client.get(sb.url("/")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 404);
}

// ---- Seeding ----

#[tokio::test]
async fn seeding_10000_apps_is_fast() {
    let t = Instant::now();
    let sb = start_with(Config {
        seed: 10_000,
        ..Config::default()
    })
    .await;
    let started = t.elapsed();
    // Generous for a debug build on a small machine; typically far less.
    assert!(started < Duration::from_secs(3), "start took {started:?}");
    let ct = sb.customer_token().await;
    let t = Instant::now();
    let (s, v) = sb.list(&ct).await;
    let listed = t.elapsed();
    eprintln!("seed 10000: start {started:?}, list {listed:?}");
    let list = success(s, &v);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 10_000);
    assert!(listed < Duration::from_secs(3), "list took {listed:?}");
    let names: std::collections::HashSet<_> = list
        .iter()
        .map(|a| a["AppName"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 10_000, "names are unique");
    assert!(list.iter().any(|a| a["ExotelDomain"] == "singapore"));
    assert!(list.iter().any(|a| a["IsActive"] == false));
    assert!(list
        .iter()
        .all(|a| a["CreatedAt"].as_str().unwrap().ends_with("+05:30")));
}

// ---- The binary ----

/// Stops the spawned server even when an assertion fails first.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn binary_prints_the_banner_and_logs_requests_without_secrets() {
    let mut child = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_exotel-sandbox"))
            .args([
                "--port",
                "0",
                "--customer-secret",
                "s3cr3t-value",
                "--seed",
                "2",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let mut next = || lines.next().expect("a line").expect("utf-8");
    let first = next();
    let url = first
        .strip_prefix("Exotel sandbox API listening on ")
        .unwrap_or_else(|| panic!("banner: {first}"))
        .to_string();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/v2/integrations"),
        "{url}"
    );
    assert_eq!(next(), format!("  Customer ID:     {CUSTOMER_ID}"));
    assert_eq!(next(), "  Customer secret: s3cr3t-value");
    let mut banner = Vec::new();
    loop {
        let line = next();
        let done = line.starts_with("  Test controls:");
        banner.push(line);
        if done {
            break;
        }
    }
    assert!(
        banner.iter().any(|l| l.contains("Demo apps:       2")),
        "{banner:?}"
    );

    // One request; its log line has method, path, status and nothing secret.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let token = rt.block_on(async {
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let resp = client
            .post(format!("{url}/token"))
            .json(&json!({"Id": CUSTOMER_ID, "Secret": "s3cr3t-value", "Entity": "customer"}))
            .send()
            .await
            .unwrap();
        let v: serde_json::Value = resp.json().await.unwrap();
        v["Data"].as_str().unwrap().to_string()
    });
    let log = next();
    drop(child);
    assert!(log.starts_with("POST /v2/integrations/token 200 "), "{log}");
    assert!(log.ends_with("ms"), "{log}");
    assert!(!log.contains(&token) && !log.contains("s3cr3t"), "{log}");
}

#[test]
fn binary_help_and_bad_arguments() {
    let bin = env!("CARGO_BIN_EXE_exotel-sandbox");
    let out = Command::new(bin).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--port",
        "--host",
        "--customer-id",
        "--customer-secret",
        "--seed",
        "--cors",
        "--faults",
        "--static-dir",
    ] {
        assert!(help.contains(flag), "{flag} in help");
    }
    let out = Command::new(bin).arg("--bogus").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("unknown argument"));
}
