//! Reads sent before the code that uses them has arrived. As navigation
//! to an app's page starts, its route knows which GETs the page will make
//! first (the app, its settings, the app list for its name), while the
//! page's code is still downloading: [`Client::read_early`] sends such a
//! GET at once. When the page makes the same call (same URL, same token),
//! [`Client::call`] takes that answer instead of sending again, then
//! decodes it and reports it as it does any answer: the request log, the
//! app's token gate and the error views see what they always saw.
//!
//! An early answer is used once, only within [`FRESH_MS`] of being asked
//! for, and never after a write: a call of any other method drops the
//! early reads not yet taken, so nothing read before a save is shown after
//! it.
//!
//! [`Client::call`]: super::Client

use std::cell::RefCell;
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};

use super::endpoints::Client;
use super::error::ApiError;
use super::token::normalize_token;
use super::transport::{send, Answer, HttpMethod, Outgoing};

/// How long after it was sent an early answer may stand in for a call.
pub(crate) const FRESH_MS: f64 = 10_000.0;

/// One early GET, not yet taken: `A` is its answer to come.
struct Early<A> {
    url: String,
    token: String,
    sent_ms: f64,
    answer: A,
}

/// The early GETs not yet taken by a call. Pure: the browser's copy holds
/// answers to come, the host tests numbers.
pub(crate) struct EarlyReads<A> {
    waiting: Vec<Early<A>>,
}

impl<A> Default for EarlyReads<A> {
    fn default() -> Self {
        EarlyReads {
            waiting: Vec::new(),
        }
    }
}

impl<A> EarlyReads<A> {
    /// Whether a GET of `url` with `token` should be sent early at `now`:
    /// not when one is already waiting (it is kept, nothing is sent twice).
    /// `answer` makes the answer to come, when one is sent.
    pub(crate) fn start(
        &mut self,
        url: &str,
        token: &str,
        now: f64,
        answer: impl FnOnce() -> A,
    ) -> bool {
        self.waiting.retain(|e| now - e.sent_ms < FRESH_MS);
        if self
            .waiting
            .iter()
            .any(|e| e.url == url && e.token == token)
        {
            return false;
        }
        self.waiting.push(Early {
            url: url.to_string(),
            token: token.to_string(),
            sent_ms: now,
            answer: answer(),
        });
        true
    }

    /// The early answer a call of `method` `url` with `token` takes, and
    /// when it was sent; at most once. Any method but GET drops them all.
    pub(crate) fn take(
        &mut self,
        method: HttpMethod,
        url: &str,
        token: Option<&str>,
        now: f64,
    ) -> Option<(f64, A)> {
        if method != HttpMethod::Get {
            self.waiting.clear();
            return None;
        }
        self.waiting.retain(|e| now - e.sent_ms < FRESH_MS);
        let at = self
            .waiting
            .iter()
            .position(|e| e.url == url && Some(e.token.as_str()) == token)?;
        let early = self.waiting.swap_remove(at);
        Some((early.sent_ms, early.answer))
    }
}

/// An answer on its way: filled by the early request, awaited by the call
/// that takes it.
#[derive(Default)]
struct Slot {
    answer: Option<Result<Answer, ApiError>>,
    waiting: Option<Waker>,
}

type Pending = Rc<RefCell<Slot>>;

thread_local! {
    static EARLY: RefCell<EarlyReads<Pending>> = RefCell::default();
}

impl Client {
    /// Sends `GET path` with `token` now, for the call that will ask for it
    /// soon (see the module's text). Nothing is reported until that call
    /// takes the answer.
    pub(crate) fn read_early(&self, path: &str, token: &str) {
        let (url, token) = (self.url(path), normalize_token(token));
        let slot = Pending::default();
        let now = js_sys::Date::now();
        if !EARLY.with_borrow_mut(|reads| reads.start(&url, &token, now, || slot.clone())) {
            return;
        }
        let timeout_ms = self.timeout_ms;
        wasm_bindgen_futures::spawn_local(async move {
            let outgoing = Outgoing {
                method: HttpMethod::Get,
                url: &url,
                authorization: Some(&token),
                json_body: None,
            };
            let answer = send(outgoing, timeout_ms).await;
            let mut slot = slot.borrow_mut();
            slot.answer = Some(answer);
            if let Some(waker) = slot.waiting.take() {
                waker.wake();
            }
        });
    }
}

/// The answer to `outgoing`, and when it was asked for: the early answer
/// of the same GET if one was sent (a write drops them all), else sent now.
/// Not generic, so the code is not repeated for each endpoint.
pub(super) async fn answer_or_send(
    outgoing: Outgoing<'_>,
    timeout_ms: u32,
) -> (f64, Result<Answer, ApiError>) {
    let now = js_sys::Date::now();
    let early = EARLY.with_borrow_mut(|reads| {
        reads.take(outgoing.method, outgoing.url, outgoing.authorization, now)
    });
    let Some((sent, slot)) = early else {
        return (now, send(outgoing, timeout_ms).await);
    };
    let answer = poll_fn(|cx| {
        let mut slot = slot.borrow_mut();
        match slot.answer.take() {
            Some(answer) => Poll::Ready(answer),
            None => {
                slot.waiting = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    })
    .await;
    (sent, answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "https://api/app?entity=app";
    const SETTINGS: &str = "https://api/app_setting";

    fn reads(sent: &[(&str, &str, f64)]) -> EarlyReads<u32> {
        let mut reads = EarlyReads::default();
        for (n, (url, token, at)) in sent.iter().enumerate() {
            assert!(reads.start(url, token, *at, || n as u32));
        }
        reads
    }

    #[test]
    fn a_call_takes_the_early_answer_of_its_url_and_token_once() {
        let mut reads = reads(&[(APP, "t1", 0.0), (SETTINGS, "t1", 1.0)]);
        assert_eq!(
            reads.take(HttpMethod::Get, SETTINGS, Some("t1"), 5.0),
            Some((1.0, 1))
        );
        // Taken: the next call of it sends.
        assert_eq!(reads.take(HttpMethod::Get, SETTINGS, Some("t1"), 6.0), None);
        // Another token (an unlock since) is another read.
        assert_eq!(reads.take(HttpMethod::Get, APP, Some("t2"), 7.0), None);
        assert_eq!(reads.take(HttpMethod::Get, APP, None, 7.0), None);
        assert_eq!(
            reads.take(HttpMethod::Get, APP, Some("t1"), 8.0),
            Some((0.0, 0))
        );
    }

    #[test]
    fn an_early_read_already_waiting_is_not_sent_again() {
        let mut reads = reads(&[(APP, "t1", 0.0)]);
        assert!(!reads.start(APP, "t1", 2.0, || 9));
        assert!(reads.start(APP, "t2", 2.0, || 8));
        assert_eq!(
            reads.take(HttpMethod::Get, APP, Some("t1"), 3.0),
            Some((0.0, 0))
        );
        // Once taken, the next navigation sends it again.
        assert!(reads.start(APP, "t1", 4.0, || 7));
    }

    #[test]
    fn an_old_early_answer_is_not_used() {
        let mut reads = reads(&[(APP, "t1", 0.0)]);
        assert_eq!(reads.take(HttpMethod::Get, APP, Some("t1"), FRESH_MS), None);
        let mut reads = reads_at(FRESH_MS);
        assert!(reads.start(APP, "t1", 2.0 * FRESH_MS, || 5));
        assert_eq!(
            reads.take(HttpMethod::Get, APP, Some("t1"), 2.0 * FRESH_MS),
            Some((2.0 * FRESH_MS, 5))
        );
    }

    fn reads_at(at: f64) -> EarlyReads<u32> {
        reads(&[(APP, "t1", at)])
    }

    #[test]
    fn a_write_drops_every_early_answer_not_yet_taken() {
        for method in [HttpMethod::Post, HttpMethod::Put, HttpMethod::Delete] {
            let mut reads = reads(&[(APP, "t1", 0.0), (SETTINGS, "t1", 0.0)]);
            assert_eq!(reads.take(method, SETTINGS, Some("t1"), 1.0), None);
            assert_eq!(reads.take(HttpMethod::Get, SETTINGS, Some("t1"), 1.0), None);
            assert_eq!(reads.take(HttpMethod::Get, APP, Some("t1"), 1.0), None);
        }
    }
}
