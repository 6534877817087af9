//! How long a 10,000-app answer takes to decode, from the response text to
//! the list of apps. A timing, not a check, so it is ignored by default:
//! `cargo test --release -p exotel-console --lib envelope::bench -- --ignored --nocapture`.

use std::time::Instant;

use super::*;

/// A `GET /app` answer with `count` apps shaped like the sandbox's.
fn apps_answer(count: usize) -> String {
    let items: Vec<String> = (0..count)
        .map(|i| {
            format!(
                concat!(
                    r#"{{"AppID":"2e6440ed-ff62-49d7-bb00-{i:012}","#,
                    r#""CustomerID":"99fa98a1-2ce0-457c-9371-0d3a01eb6ef0","#,
                    r#""AppName":"App number {i}","ExotelAccountSid":"acme{i}","#,
                    r#""ExotelDomain":"mumbai","IsActive":true,"#,
                    r#""CreatedAt":"2023-03-23T11:47:46+05:30","#,
                    r#""UpdatedAt":"2023-03-23T11:47:46+05:30"}}"#
                ),
                i = i
            )
        })
        .collect();
    format!(
        r#"{{"RequestId":"r-1","Status":"Success","Code":200,"Error":"","Data":[{}]}}"#,
        items.join(",")
    )
}

#[test]
#[ignore = "a timing: run it by name with --ignored"]
fn decode_10k_apps() {
    let body = apps_answer(10_000);
    let answer = Answer::new(200, Some("application/json"), &body);
    let mut times = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        let apps = decode_app_list_data(&answer).expect("a list");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(apps.len(), 10_000);
        assert_eq!(apps[9_999].app_name, "App number 9999");
    }
    times.sort_by(f64::total_cmp);
    println!(
        "decode 10,000 apps ({} KB): best {:.2} ms, median {:.2} ms",
        body.len() / 1024,
        times[0],
        times[times.len() / 2]
    );
}
