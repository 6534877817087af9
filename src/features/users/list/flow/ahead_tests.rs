//! `load_all` against fake servers whose keys are offsets, ids with gaps,
//! opaque strings, or a key that repeats: whatever was guessed, every user
//! arrives once and in the server's order, and keys that keep no step are
//! followed one page at a time.

use std::cell::Cell;
use std::collections::HashSet;

use super::*;
use crate::api::fake::{http_error, Carried, Endpoint, FakeApi};
use crate::api::service::run_ready;
use crate::api::users::UserPage;
use crate::features::users::list::ahead::MOST_IN_FLIGHT;

const SIZE: usize = 10;

/// A user store: each user's sequence number (rising, maybe with gaps), how
/// the server writes a key for one and reads it back.
#[derive(Clone, Copy)]
struct Keys {
    write: fn(u64) -> String,
    read: fn(&str) -> Option<u64>,
}

const OFFSETS: Keys = Keys {
    write: |seq| seq.to_string(),
    read: |key| key.parse().ok(),
};

/// Opaque to the console: "k" and the hex of the number scrambled.
const OPAQUE: Keys = Keys {
    write: |seq| format!("k{:x}", seq ^ 0x5bd1_e995),
    read: |key| {
        let hex = key.strip_prefix('k')?;
        u64::from_str_radix(hex, 16).ok().map(|n| n ^ 0x5bd1_e995)
    },
};

/// The page after `last_value`, as the sandbox serves it: the users whose
/// number is past the key's, `page_size` of them; the next key when more
/// remain. A key it cannot read is a 400.
fn page_of(seqs: &[u64], keys: Keys, detail: &str) -> Result<UserPage, ApiError> {
    let (size, last) = detail
        .strip_prefix("page_size=")
        .and_then(|rest| rest.split_once("&last_value="))
        .expect("a page request");
    let size: usize = size.parse().expect("a size");
    let after = match last {
        "0" => 0,
        key => (keys.read)(key).ok_or_else(|| http_error(400))?,
    };
    let start = seqs.partition_point(|&s| s <= after);
    let end = (start + size).min(seqs.len());
    let users = seqs[start..end].iter().map(|s| named(*s)).collect();
    let next = (end < seqs.len()).then(|| (keys.write)(seqs[end - 1]));
    Ok(UserPage {
        users,
        next,
        served_size: Some(size),
    })
}

fn named(seq: u64) -> User {
    User {
        app_user_id: format!("u{seq}"),
        ..User::default()
    }
}

fn serving(seqs: Vec<u64>, keys: Keys) -> FakeApi {
    let api = FakeApi::default();
    api.respond(Endpoint::UsersPage, move |detail| {
        page_of(&seqs, keys, detail)
    });
    api
}

/// The keys of the pages asked for, in the order asked.
fn asked(api: &FakeApi) -> Vec<String> {
    let calls = api.calls();
    let keys = calls
        .iter()
        .map(|c| c.detail.split_once("last_value=").unwrap().1);
    keys.map(str::to_string).collect()
}

/// Runs a load; for each page, the total so far and how many requests had
/// been sent when it was used.
fn load(api: &FakeApi, start: LoadStart) -> (LoadRun, Vec<(usize, usize)>) {
    let mut seen = Vec::new();
    let token = AppToken::new("app-t");
    let run = run_ready(load_all(api, &token, SIZE, start, |_, total, _| {
        seen.push((total, api.calls().len()));
        Progress::Continue
    }));
    (run, seen)
}

/// Every user of `seqs` once, in order.
fn assert_all_once(run: &LoadRun, seqs: &[u64]) {
    let ids: Vec<&str> = run.users.iter().map(|u| u.app_user_id.as_str()).collect();
    let expected: Vec<String> = seqs.iter().map(|s| format!("u{s}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn offsets_every_user_once_with_pages_asked_for_ahead() {
    let seqs: Vec<u64> = (1..=1000).collect();
    let api = serving(seqs.clone(), OFFSETS);
    let (run, seen) = load(&api, LoadStart::Beginning);
    assert!(run.is_complete());
    assert_all_once(&run, &seqs);
    let totals: Vec<usize> = seen.iter().map(|(total, _)| *total).collect();
    assert_eq!(totals, (1..=100).map(|p| p * SIZE).collect::<Vec<_>>());
    // Five pages one at a time; the sixth came with seven guesses.
    let sent: Vec<usize> = seen.iter().map(|(_, sent)| *sent).collect();
    assert_eq!(sent[..6], [1, 2, 3, 4, 5, 5 + MOST_IN_FLIGHT]);
    let keys = asked(&api);
    assert_eq!(
        keys.len(),
        keys.iter().collect::<HashSet<_>>().len(),
        "no key asked twice"
    );
    assert!(
        keys.len() < 100 + MOST_IN_FLIGHT,
        "at most the guesses past the end wasted"
    );
    assert!(api
        .calls()
        .iter()
        .all(|c| c.carried == Carried::App("app-t".into())));
}

#[test]
fn ids_with_gaps_every_user_once_wrong_guesses_thrown_away() {
    // Seven numbers skipped after every 60 users: steps of 10, then one of
    // 17 every sixth page, which breaks every run of guesses.
    let seqs: Vec<u64> = (0..1000).map(|i| i + 1 + 7 * (i / 60)).collect();
    let api = serving(seqs.clone(), OFFSETS);
    let (run, _) = load(&api, LoadStart::Beginning);
    assert!(run.is_complete());
    assert_all_once(&run, &seqs);
    assert!(asked(&api).len() > 100, "some guesses were wrong");
    // Irregular gaps: almost never five equal steps in a row.
    let mut n = 0;
    let seqs: Vec<u64> = (0..1000u64)
        .map(|i| {
            n += 1 + (i * 7919 + 13) % 5;
            n
        })
        .collect();
    let api = serving(seqs.clone(), OFFSETS);
    let (run, _) = load(&api, LoadStart::Beginning);
    assert!(run.is_complete());
    assert_all_once(&run, &seqs);
}

#[test]
fn opaque_keys_are_followed_one_page_at_a_time() {
    let seqs: Vec<u64> = (1..=300).collect();
    let api = serving(seqs.clone(), OPAQUE);
    let (run, seen) = load(&api, LoadStart::Beginning);
    assert!(run.is_complete());
    assert_all_once(&run, &seqs);
    let sent: Vec<usize> = seen.iter().map(|(_, sent)| *sent).collect();
    assert_eq!(
        sent,
        (1..=30).collect::<Vec<_>>(),
        "one request per page, in turn"
    );
    let mut expected = vec!["0".to_string()];
    expected.extend((1..30).map(|p| (OPAQUE.write)(p * 10)));
    assert_eq!(asked(&api), expected);
}

#[test]
fn a_key_that_repeats_stops_while_guesses_are_in_flight() {
    let seqs: Vec<u64> = (1..=1000).collect();
    let api = FakeApi::default();
    api.respond(Endpoint::UsersPage, move |detail| {
        let mut page = page_of(&seqs, OFFSETS, detail)?;
        if detail.ends_with("=120") {
            page.next = Some("120".into());
        }
        Ok(page)
    });
    let (run, _) = load(&api, LoadStart::Beginning);
    assert_eq!(
        run.failure,
        Some(LoadFailure::RepeatedNextKey("120".into()))
    );
    assert_all_once(&run, &(1..=130).collect::<Vec<_>>());
    assert_eq!(run.next_to_resume, None);
    assert!(
        asked(&api).contains(&"130".to_string()),
        "a guess was thrown away"
    );
}

#[test]
fn a_guessed_page_that_fails_fails_at_its_key_and_resumes_without_doubles() {
    let seqs: Vec<u64> = (1..=1000).collect();
    let failed_once = Cell::new(false);
    let api = FakeApi::default();
    let served = seqs.clone();
    api.respond(Endpoint::UsersPage, move |detail| {
        if detail.ends_with("=150") && !failed_once.replace(true) {
            return Err(http_error(502));
        }
        page_of(&served, OFFSETS, detail)
    });
    let (run, _) = load(&api, LoadStart::Beginning);
    assert_eq!(run.failure, Some(LoadFailure::Api(http_error(502))));
    assert_eq!(run.next_to_resume.as_deref(), Some("150"));
    assert_all_once(&run, &seqs[..150]);
    let resume = LoadStart::Resume {
        loaded: run.users,
        last_value: "150".into(),
    };
    let (resumed, _) = load(&api, resume);
    assert!(resumed.is_complete());
    assert_all_once(&resumed, &seqs);
}

#[test]
fn stop_while_guesses_are_in_flight_keeps_the_pages_used_and_the_key() {
    let seqs: Vec<u64> = (1..=1000).collect();
    let api = serving(seqs.clone(), OFFSETS);
    let token = AppToken::new("app-t");
    let stop_at = |_: &[User], total: usize, _: Option<&str>| {
        if total >= 200 {
            Progress::Stop
        } else {
            Progress::Continue
        }
    };
    let run = run_ready(load_all(&api, &token, SIZE, LoadStart::Beginning, stop_at));
    assert!(run.stopped);
    assert_all_once(&run, &seqs[..200]);
    assert_eq!(run.next_to_resume.as_deref(), Some("200"));
    let resume = LoadStart::Resume {
        loaded: run.users,
        last_value: "200".into(),
    };
    let (resumed, _) = load(&api, resume);
    assert!(resumed.is_complete());
    assert_all_once(&resumed, &seqs);
}

#[test]
fn each_page_says_where_to_go_on_and_the_last_says_nothing() {
    let seqs: Vec<u64> = (1..=100).collect();
    let api = serving(seqs, OFFSETS);
    let token = AppToken::new("app-t");
    let mut go_ons = Vec::new();
    let run = run_ready(load_all(
        &api,
        &token,
        SIZE,
        LoadStart::Beginning,
        |_, _, go_on| {
            go_ons.push(go_on.map(str::to_string));
            Progress::Continue
        },
    ));
    assert!(run.is_complete());
    let mut expected: Vec<Option<String>> = (1..10).map(|p| Some((p * 10).to_string())).collect();
    expected.push(None);
    assert_eq!(go_ons, expected);
}
