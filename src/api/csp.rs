//! Calls the page's own Content-Security-Policy blocks.
//!
//! A fetch to a host missing from `connect-src` fails like a network error
//! ("Failed to fetch"), which would send the admin looking at the API. The
//! browser also fires a `securitypolicyviolation` event naming the blocked
//! URL; [`watch`] records those, and [`blocked_origin`] tells the transport
//! whether a failed request's host is one of them, so the error can say
//! which host the policy blocks and how to allow it.

use std::cell::RefCell;

/// Origins seen blocked by `connect-src` since the page loaded (a handful at
/// most: one per host the admin tried).
#[derive(Debug, Default)]
pub(crate) struct Violations {
    origins: Vec<String>,
}

impl Violations {
    /// Records a violation report's blocked URL, when it names an origin.
    // Only the browser's listener records (and the host tests).
    #[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
    pub(crate) fn record(&mut self, blocked_uri: &str) {
        if let Some(origin) = origin_of(blocked_uri) {
            if !self.origins.contains(&origin) {
                self.origins.push(origin);
            }
        }
    }

    /// The origin of `url` when the policy blocked a call to it.
    pub(crate) fn blocked(&self, url: &str) -> Option<String> {
        let origin = origin_of(url)?;
        self.origins.contains(&origin).then_some(origin)
    }
}

/// `scheme://host[:port]` of an absolute http(s) or ws(s) URL, lowercased,
/// without the scheme's default port; `None` for anything else (a relative
/// URL is the page's own origin, which the policy allows).
pub(crate) fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" | "ws" => ":80",
        "https" | "wss" => ":443",
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // Credentials in a URL are not part of its origin.
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    if host_port.is_empty() {
        return None;
    }
    let host_port = host_port.to_ascii_lowercase();
    let host_port = host_port.strip_suffix(default_port).unwrap_or(&host_port);
    Some(format!("{scheme}://{host_port}"))
}

thread_local! {
    static SEEN: RefCell<Violations> = RefCell::default();
}

/// Starts recording `connect-src` violations (once per page; later calls do
/// nothing). Called before the first request, so its violation is caught.
pub(crate) fn watch() {
    #[cfg(target_arch = "wasm32")]
    browser::listen_once();
}

/// The origin of `url` when the page's policy blocked a call to it. The
/// violation event and the failed fetch arrive as separate tasks, so a miss
/// waits one more turn of the event loop before answering `None`.
pub(crate) async fn blocked_origin(url: &str) -> Option<String> {
    if let Some(origin) = SEEN.with(|seen| seen.borrow().blocked(url)) {
        return Some(origin);
    }
    #[cfg(target_arch = "wasm32")]
    browser::next_task().await;
    SEEN.with(|seen| seen.borrow().blocked(url))
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::Cell;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    use super::SEEN;

    thread_local! {
        static LISTENING: Cell<bool> = const { Cell::new(false) };
    }

    pub(super) fn listen_once() {
        if LISTENING.with(|on| on.replace(true)) {
            return;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let on_violation = Closure::<dyn FnMut(web_sys::SecurityPolicyViolationEvent)>::new(
            |event: web_sys::SecurityPolicyViolationEvent| {
                if event.effective_directive() == "connect-src" {
                    SEEN.with(|seen| seen.borrow_mut().record(&event.blocked_uri()));
                }
            },
        );
        let added = document.add_event_listener_with_callback(
            "securitypolicyviolation",
            on_violation.as_ref().unchecked_ref(),
        );
        if added.is_ok() {
            // The listener lives as long as the page.
            on_violation.forget();
        }
    }

    /// Resolves after the tasks already queued (a violation event among them).
    pub(super) async fn next_task() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalized() {
        assert_eq!(
            origin_of("https://Api.Example.com/v2/x?y#z").as_deref(),
            Some("https://api.example.com")
        );
        assert_eq!(
            origin_of("https://api.example.com:443/v2").as_deref(),
            Some("https://api.example.com")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:9999").as_deref(),
            Some("http://127.0.0.1:9999")
        );
        assert_eq!(
            origin_of("http://user:pw@host:80/x").as_deref(),
            Some("http://host")
        );
        assert_eq!(origin_of("/v2/integrations"), None);
        assert_eq!(origin_of("ftp://host/x"), None);
        assert_eq!(origin_of("https:///x"), None);
    }

    #[test]
    fn a_recorded_origin_matches_any_url_on_it() {
        let mut seen = Violations::default();
        seen.record("http://127.0.0.1:9999/v2/integrations/token");
        seen.record("http://127.0.0.1:9999/other");
        seen.record("inline");
        assert_eq!(seen.origins.len(), 1);
        assert_eq!(
            seen.blocked("http://127.0.0.1:9999/v2/integrations/customers/x/apps")
                .as_deref(),
            Some("http://127.0.0.1:9999")
        );
        assert_eq!(seen.blocked("http://127.0.0.1:9998/v2"), None);
        assert_eq!(seen.blocked("/v2/integrations/token"), None);
    }
}
