//! Asking for the next pages of users before the server has named them.
//! Each page's key comes from the page before, so following the keys one by
//! one is the only correct way through the list; but at Mumbai's distance
//! (150 ms or more a round trip) 200 pages in a row take 30 s. When the keys
//! followed so far keep stepping by the same amount (an offset, or an id
//! with no gaps), the next keys are likely that step further on:
//! [`KeyTrail::guess_after`] names them and [`Ahead`] asks for those pages
//! while the real next page is on its way. The load keeps a guessed page
//! only when the page before it did name its key: a wrong guess is a request
//! thrown away, never a user missed or doubled, and keys that keep no step
//! are followed one at a time as before.

use std::collections::VecDeque;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;

/// The most page requests in flight at once. At 150 ms a round trip, 500
/// pages of 20 users in 12 s need at least 7 at once; over HTTP/2 (what
/// the shipped nginx and Caddy configs serve over TLS) all 8 go out
/// together, over HTTP/1.1 the browser sends 6 and queues the rest.
pub(crate) const MOST_IN_FLIGHT: usize = 8;

/// How many times in a row the keys must have taken the same step before
/// pages are asked for ahead. Five keeps a list of up to five pages (500
/// users at 100 a page) read one page at a time with nothing thrown away at
/// its end, where asking ahead would save little; and a step that held five
/// times is unlikely to be chance (ids with gaps).
const STEPS_BEFORE_GUESSING: usize = 5;

/// The keys a load has followed, and the step between them while they keep one.
pub(crate) struct KeyTrail {
    seen: Vec<String>,
    /// The last key, when it is a number.
    last: Option<u64>,
    /// The last step, and how many times in a row the keys took it.
    step: Option<(u64, usize)>,
}

impl KeyTrail {
    /// A trail that starts at the key of the first page asked for.
    pub(crate) fn new(first: String) -> Self {
        KeyTrail {
            last: number(&first),
            seen: vec![first],
            step: None,
        }
    }

    /// Every key asked for and confirmed so far (the loop guard's list).
    pub(crate) fn seen(&self) -> &[String] {
        &self.seen
    }

    /// A page named `key` as the next one.
    pub(crate) fn follow(&mut self, key: String) {
        let now = number(&key);
        self.step = match (self.last, now) {
            (Some(last), Some(now)) if now > last => match self.step {
                Some((step, times)) if step == now - last => Some((step, times + 1)),
                _ => Some((now - last, 1)),
            },
            _ => None,
        };
        self.last = now;
        self.seen.push(key);
    }

    /// The key one step after `key`, once the keys have kept a step long
    /// enough to be trusted.
    pub(crate) fn guess_after(&self, key: &str) -> Option<String> {
        let (step, times) = self.step?;
        if times < STEPS_BEFORE_GUESSING {
            return None;
        }
        number(key)?.checked_add(step).map(|k| k.to_string())
    }
}

/// A key written as a plain number ("150"; not "0150", "+150" or " 150"),
/// so that a guess is written the way the server writes its keys.
fn number(key: &str) -> Option<u64> {
    key.parse::<u64>().ok().filter(|n| n.to_string() == key)
}

enum Slot<F: Future> {
    Waiting(Pin<Box<F>>),
    Done(F::Output),
}

/// The page requests in flight, in the order of their keys: the first is
/// for the key the last page named, the others are guesses that follow it.
/// Dropping a request aborts it.
pub(crate) struct Ahead<F: Future> {
    slots: VecDeque<(String, Slot<F>)>,
}

impl<F: Future> Default for Ahead<F> {
    fn default() -> Self {
        Ahead {
            slots: VecDeque::new(),
        }
    }
}

impl<F: Future> Ahead<F> {
    /// The answer for `key`, the key the last page named: the request
    /// already made for it when it was guessed right, else a new one (every
    /// guess made after a wrong one is wrong too, and is dropped). Up to
    /// [`MOST_IN_FLIGHT`] requests, at the keys `trail` guesses, go on
    /// meanwhile.
    pub(crate) async fn answer_at(
        &mut self,
        key: &str,
        trail: &KeyTrail,
        ask: &impl Fn(String) -> F,
    ) -> F::Output {
        if self.slots.front().is_none_or(|(first, _)| first != key) {
            self.slots.clear();
            self.push(key.to_string(), ask);
        }
        while self.slots.len() < MOST_IN_FLIGHT {
            let Some(guess) = self.slots.back().and_then(|(k, _)| trail.guess_after(k)) else {
                break;
            };
            self.push(guess, ask);
        }
        poll_fn(|cx| {
            for (_, slot) in self.slots.iter_mut() {
                if let Slot::Waiting(request) = slot {
                    if let Poll::Ready(answer) = request.as_mut().poll(cx) {
                        *slot = Slot::Done(answer);
                    }
                }
            }
            match self.slots.pop_front() {
                Some((_, Slot::Done(answer))) => Poll::Ready(answer),
                Some(waiting) => {
                    self.slots.push_front(waiting);
                    Poll::Pending
                }
                None => Poll::Pending,
            }
        })
        .await
    }

    fn push(&mut self, key: String, ask: &impl Fn(String) -> F) {
        let request = Box::pin(ask(key.clone()));
        self.slots.push_back((key, Slot::Waiting(request)));
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::future::ready;

    use super::*;
    use crate::api::service::run_ready;

    fn trail(keys: &[&str]) -> KeyTrail {
        let mut trail = KeyTrail::new(keys[0].to_string());
        for key in &keys[1..] {
            trail.follow(key.to_string());
        }
        trail
    }

    #[test]
    fn guesses_only_after_the_same_step_five_times_in_a_row() {
        assert_eq!(
            trail(&["0", "50", "100", "150", "200"]).guess_after("200"),
            None
        );
        let steady = trail(&["0", "50", "100", "150", "200", "250"]);
        assert_eq!(steady.guess_after("250").as_deref(), Some("300"));
        assert_eq!(steady.guess_after("300").as_deref(), Some("350"));
        // Exotel's example: the first key is 21 after 0, then steps of 20.
        let documented = trail(&["0", "21", "41", "61", "81", "101", "121"]);
        assert_eq!(documented.guess_after("121").as_deref(), Some("141"));
    }

    #[test]
    fn a_changed_step_starts_counting_again() {
        let gap = trail(&["0", "10", "20", "30", "40", "50", "67", "77", "87"]);
        assert_eq!(gap.guess_after("87"), None);
        let keys = [
            "0", "10", "20", "30", "40", "50", "67", "77", "87", "97", "107", "117",
        ];
        assert_eq!(
            trail(&keys[..11]).guess_after("107"),
            None,
            "four steps of 10"
        );
        assert_eq!(trail(&keys).guess_after("117").as_deref(), Some("127"));
    }

    #[test]
    fn keys_that_are_not_plain_rising_numbers_are_never_guessed() {
        let opaque = [
            "k5bd1e99b",
            "k5bd1e985",
            "k5bd1e9f7",
            "k5bd1e9e1",
            "k5bd1e9d3",
        ];
        let mut keys = vec!["0"];
        keys.extend(opaque);
        assert_eq!(trail(&keys).guess_after("k5bd1e9d3"), None);
        let padded = trail(&["0", "010", "020", "030", "040", "050", "060"]);
        assert_eq!(padded.guess_after("060"), None, "leading zeros");
        let falling = trail(&["0", "60", "50", "40", "30", "20", "10"]);
        assert_eq!(falling.guess_after("10"), None);
        let near_end = trail(&["0", "1", "2", "3", "4", "5", "6"]);
        assert_eq!(near_end.guess_after(&u64::MAX.to_string()), None);
    }

    #[test]
    fn never_more_than_a_handful_in_flight_and_answers_in_key_order() {
        let steady = trail(&["0", "1", "2", "3", "4", "5"]);
        let asked = RefCell::new(Vec::new());
        let ask = |key: String| {
            asked.borrow_mut().push(key.clone());
            ready(key)
        };
        let mut ahead = Ahead::default();
        assert_eq!(run_ready(ahead.answer_at("5", &steady, &ask)), "5");
        assert_eq!(*asked.borrow(), ["5", "6", "7", "8", "9", "10", "11", "12"]);
        assert_eq!(ahead.slots.len(), MOST_IN_FLIGHT - 1, "the guesses wait");
        // A guess named by the page before is kept; no new request for it.
        assert_eq!(run_ready(ahead.answer_at("6", &steady, &ask)), "6");
        assert_eq!(asked.borrow()[8..], ["13"]);
        // A key nobody guessed drops every guess and asks for it.
        assert_eq!(run_ready(ahead.answer_at("40", &steady, &ask)), "40");
        let again = ["40", "41", "42", "43", "44", "45", "46", "47"];
        assert_eq!(asked.borrow()[9..], again);
        assert_eq!(ahead.slots.len(), MOST_IN_FLIGHT - 1);
    }

    #[test]
    fn without_a_step_one_request_at_a_time() {
        let asked = RefCell::new(Vec::new());
        let ask = |key: String| {
            asked.borrow_mut().push(key.clone());
            ready(key)
        };
        let mut ahead = Ahead::default();
        let young = trail(&["0", "1", "2"]);
        assert_eq!(run_ready(ahead.answer_at("2", &young, &ask)), "2");
        assert_eq!(*asked.borrow(), ["2"]);
        assert!(ahead.slots.is_empty());
    }
}
