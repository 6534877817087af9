//! Where the sandbox's clock and fresh ids come from: the system clock and
//! random UUIDs, unless `--fixed-clock` froze both (`fix`). Frozen, the clock
//! stands still and every id or secret the sandbox makes up comes from a
//! counter, so two runs that make the same calls get byte-identical answers:
//! what `scripts/screenshots` needs for PNGs that only change when a page does.
//!
//! Process-wide on purpose: ids are drawn in handlers, seeding and the
//! envelope alike, far from any state. So only the binary freezes it
//! (`serve`); the in-process tests, many sandboxes in one process, never do.
//! Tokens stay random even when frozen: no page shows one, and a token drawn
//! again after a reset would bring a revoked one back to life.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::seed::mix;

static FROZEN_AT: OnceLock<i64> = OnceLock::new();

/// What an id is for. Each kind counts on its own, so an extra request (one
/// more RequestId) never shifts the AppIDs or user ids that follow it.
#[derive(Clone, Copy)]
pub enum Stream {
    /// Every answer's RequestId.
    Request = 0,
    /// AppID, AppSecret, generated Exotel API key and token.
    App = 1,
    /// ExotelUserId, device ids, SipId tails and SipSecrets.
    User = 2,
    /// CustomerID and CustomerSecret of a created customer; CallSids.
    Customer = 3,
}

static DRAWN: [AtomicU64; 4] = [
    AtomicU64::new(0),
    AtomicU64::new(0),
    AtomicU64::new(0),
    AtomicU64::new(0),
];

/// Freezes the clock at `unix_secs` and turns ids to counters, for the rest
/// of the process. A second call changes nothing.
pub fn fix(unix_secs: i64) {
    let _ = FROZEN_AT.set(unix_secs);
}

pub fn is_fixed() -> bool {
    FROZEN_AT.get().is_some()
}

/// Unix seconds: the frozen instant, or the system clock's.
pub fn now_unix() -> i64 {
    FROZEN_AT
        .get()
        .copied()
        .unwrap_or_else(|| OffsetDateTime::now_utc().unix_timestamp())
}

/// A fresh version-4 UUID: random, or the stream's next counted one.
pub fn uuid(stream: Stream) -> Uuid {
    if !is_fixed() {
        return Uuid::new_v4();
    }
    let n = DRAWN[stream as usize].fetch_add(1, Ordering::Relaxed);
    counted(stream, n)
}

/// The `n`th UUID of `stream`: two splitmix64 outputs, shaped as version 4.
fn counted(stream: Stream, n: u64) -> Uuid {
    let high = mix(((stream as u64) << 56) ^ n);
    let low = mix(high);
    let mut bytes = [0; 16];
    bytes[..8].copy_from_slice(&high.to_be_bytes());
    bytes[8..].copy_from_slice(&low.to_be_bytes());
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// Starts every stream again (the reset control), so what a test sees after
/// its reset does not depend on the tests that ran before it.
pub fn restart() {
    for drawn in &DRAWN {
        drawn.store(0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_ids_are_v4_distinct_per_stream_and_repeatable() {
        let a = counted(Stream::App, 0);
        assert_eq!(a, counted(Stream::App, 0));
        assert_eq!(a.get_version_num(), 4);
        assert_ne!(a, counted(Stream::App, 1));
        assert_ne!(a, counted(Stream::User, 0));
        assert_ne!(a, counted(Stream::Request, 0));
    }
}
