//! Reads sent before the code that uses them has arrived. As navigation
//! to an app's page starts, its route knows which GETs the page will make
//! first (the app, its settings, the app list for its name), while the
//! page's code is still downloading: [`Client::read_early`] sends such a
//! GET at once. When the page makes the same call (same URL, same token),
//! [`Client::call`] takes that answer instead of sending again, then
//! decodes it and reports it as it does any answer: the request log, the
//! app's token gate and the error views see what they always saw.
//!
//! On a reload, index.html's inline script has already sent the first
//! page's customer reads before the wasm arrived; [`Client::adopt_script_reads`]
//! makes them early reads of the same kind.
//!
//! An early answer is used once, only within [`FRESH_MS`] of being asked
//! for, and never after a write: a call of any other method drops the
//! early reads not yet taken, so nothing read before a save is shown after
//! it.
//!
//! [`Client::call`]: super::Client

use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::{Poll, Waker};

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};

use super::endpoints::Client;
use super::error::ApiError;
use super::token::normalize_token;
use super::transport::{read_sent, send, Answer, HttpMethod, Outgoing};
use super::CustomerToken;

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

/// What an early read came to.
enum Outcome {
    Answered(Result<Answer, ApiError>),
    /// A read of index.html's script that failed without an answer: the
    /// call sends it itself, so its error is the call's own.
    SendAgain,
}

/// An answer on its way: filled by the early request, awaited by the call
/// that takes it.
#[derive(Default)]
struct Slot {
    outcome: Option<Outcome>,
    waiting: Option<Waker>,
}

impl Slot {
    fn fill(slot: &Pending, outcome: Outcome) {
        let mut slot = slot.borrow_mut();
        slot.outcome = Some(outcome);
        if let Some(waker) = slot.waiting.take() {
            waker.wake();
        }
    }
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
        let (timeout_ms, now) = (self.timeout_ms, js_sys::Date::now());
        let (to, with) = (url.clone(), token.clone());
        await_early(&url, &token, now, async move {
            let outgoing = Outgoing {
                method: HttpMethod::Get,
                url: &to,
                authorization: Some(&with),
                json_body: None,
            };
            Outcome::Answered(send(outgoing, timeout_ms).await)
        });
    }

    /// Takes the GETs index.html's inline script sent on a reload, with the
    /// customer token `token` from session storage, before the wasm started
    /// (`window.exotelEarlyReads`: url, sent, the `fetch` promise and its
    /// AbortController), as if [`Client::read_early`] had sent them. The
    /// script sends the stored token as it is: one the console would send
    /// otherwise (normalized) is not taken, and its calls send their own.
    pub(crate) fn adopt_script_reads(&self, token: &CustomerToken) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let key = JsValue::from_str("exotelEarlyReads");
        let reads = Reflect::get(&window, &key).unwrap_or_default();
        let target: &js_sys::Object = window.unchecked_ref();
        let _ = Reflect::delete_property(target, &key);
        let (Ok(reads), token) = (reads.dyn_into::<js_sys::Array>(), token.expose()) else {
            return;
        };
        if normalize_token(token) == token {
            for read in reads.iter() {
                self.adopt(&read, token);
            }
        }
    }

    fn adopt(&self, read: &JsValue, token: &str) -> Option<()> {
        let field = |name: &str| Reflect::get(read, &JsValue::from_str(name)).ok();
        let url = field("url")?.as_string()?;
        let sent = field("sent")?.as_f64()?;
        let fetched: js_sys::Promise = field("response")?.dyn_into().ok()?;
        let controller: web_sys::AbortController = field("abort")?.dyn_into().ok()?;
        let timeout_ms = self.timeout_ms;
        // What is left of the call's allowance, counted from the script's send.
        let left_ms = (f64::from(timeout_ms) - (js_sys::Date::now() - sent)).max(0.0) as u32;
        let to = url.clone();
        await_early(&url, token, sent, async move {
            match read_sent(fetched, controller, left_ms, timeout_ms, &to).await {
                Some(answer) => Outcome::Answered(answer),
                None => Outcome::SendAgain,
            }
        });
        Some(())
    }
}

/// Records an early GET of `url` with `token`, sent at `sent`, whose
/// outcome `coming` brings (run now, in the background): what both kinds
/// of early read share. Nothing when the same read is already waiting.
fn await_early(url: &str, token: &str, sent: f64, coming: impl Future<Output = Outcome> + 'static) {
    let slot = Pending::default();
    if EARLY.with_borrow_mut(|reads| reads.start(url, token, sent, || slot.clone())) {
        wasm_bindgen_futures::spawn_local(async move { Slot::fill(&slot, coming.await) });
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
    let outcome = poll_fn(|cx| {
        let mut slot = slot.borrow_mut();
        match slot.outcome.take() {
            Some(outcome) => Poll::Ready(outcome),
            None => {
                slot.waiting = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    })
    .await;
    match outcome {
        Outcome::Answered(answer) => (sent, answer),
        Outcome::SendAgain => (js_sys::Date::now(), send(outgoing, timeout_ms).await),
    }
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

#[cfg(all(test, target_arch = "wasm32"))]
#[path = "early_browser_tests.rs"]
mod browser_tests;
