//! The one HTTP request, over gloo-net's `fetch`.
//!
//! [`send`] adds the headers and the JSON body, a timeout and cancellation:
//! the request is aborted when the timeout fires (-> [`ApiError::Timeout`])
//! or when the future is dropped (a superseded request, an unmounted
//! component), in which case nobody sees a result. The answer is read as
//! text, whatever its status, and handed back as an [`Answer`] for the pure
//! decoders of [`super::envelope`].

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::csp;
use super::error::ApiError;

/// The HTTP methods the API's endpoints use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HttpMethod {
    Get,
    Post,
    Put,
    Delete,
}

impl HttpMethod {
    /// The method as written on the wire and in curl: "GET", "POST", ...
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Delete => "DELETE",
        }
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An HTTP answer as read, whatever its status: what every decoder takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) content_type: Option<String>,
    pub(crate) body: String,
}

#[cfg(test)]
impl Answer {
    pub(crate) fn new(status: u16, content_type: Option<&str>, body: &str) -> Self {
        Answer {
            status,
            content_type: content_type.map(str::to_string),
            body: body.to_string(),
        }
    }
}

/// What to send: `authorization` is the header's value as it must go out
/// (already normalized), `json_body` the encoded body.
pub(crate) struct Outgoing<'a> {
    pub(crate) method: HttpMethod,
    pub(crate) url: &'a str,
    pub(crate) authorization: Option<&'a str>,
    pub(crate) json_body: Option<String>,
}

/// One request, given up after `timeout_ms` (0: never).
pub(crate) async fn send(request: Outgoing<'_>, timeout_ms: u32) -> Result<Answer, ApiError> {
    csp::watch();
    let guard = AbortGuard::start(timeout_ms);
    let signal = guard.signal();
    let mut builder: RequestBuilder = match request.method {
        HttpMethod::Get => Request::get(request.url),
        HttpMethod::Post => Request::post(request.url),
        HttpMethod::Put => Request::put(request.url),
        HttpMethod::Delete => Request::delete(request.url),
    };
    builder = builder
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref());
    if let Some(authorization) = request.authorization {
        builder = builder.header("Authorization", authorization);
    }
    let built = match request.json_body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    }
    .map_err(|e| guard.error(e))?;
    let response = built.send().await.map_err(|e| guard.error(e));
    read_answer(response, guard, request.url).await
}

/// The answer to a GET that index.html's inline script sent with `fetch`
/// before the wasm started (see `super::early`), read as [`send`] reads
/// its own: `controller` aborts it `left_ms` from now (reported as a
/// timeout after `timeout_ms`, the call's whole allowance). `None` when it
/// failed without an answer: the call then sends the request itself, so
/// the admin sees the error it gives (a blocked host named, for one).
pub(crate) async fn read_sent(
    fetched: js_sys::Promise,
    controller: web_sys::AbortController,
    left_ms: u32,
    timeout_ms: u32,
    url: &str,
) -> Option<Result<Answer, ApiError>> {
    csp::watch();
    // A timeout of 0 never fires, as in `send`; otherwise at least 1 ms.
    let delay_ms = if timeout_ms == 0 { 0 } else { left_ms.max(1) };
    let guard = AbortGuard::with(Some(controller), delay_ms, timeout_ms);
    match wasm_bindgen_futures::JsFuture::from(fetched).await {
        Ok(raw) => {
            let response =
                gloo_net::http::Response::from(raw.unchecked_into::<web_sys::Response>());
            Some(read_answer(Ok(response), guard, url).await)
        }
        Err(_) if guard.timed_out.get() => Some(Err(ApiError::Timeout {
            after_ms: timeout_ms,
        })),
        Err(_) => None,
    }
}

/// Status, content type and text of a fetch's response, or why there is none.
async fn read_answer(
    response: Result<gloo_net::http::Response, ApiError>,
    guard: AbortGuard,
    url: &str,
) -> Result<Answer, ApiError> {
    let response = match response {
        Ok(response) => response,
        Err(e) => return Err(explain_blocked(e, url).await),
    };
    let status = response.status();
    let content_type = response.headers().get("content-type");
    // The bytes, copied into wasm memory in one go: `text()` would build a
    // JS string and re-encode it into wasm a character at a time (about
    // 10 ms for 10,000 apps).
    let bytes = response.binary().await.map_err(|e| guard.error(e))?;
    let body = utf8_text(bytes);
    guard.finish();
    Ok(Answer {
        status,
        content_type,
        body,
    })
}

/// A body's text as `Response.text()` reads it: UTF-8, one leading byte
/// order mark dropped, each invalid sequence replaced by U+FFFD.
fn utf8_text(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A call the page's own policy refused fails like a network error; say
/// which host the policy blocks instead.
async fn explain_blocked(error: ApiError, url: &str) -> ApiError {
    if !matches!(error, ApiError::Network { .. }) {
        return error;
    }
    match csp::blocked_origin(url).await {
        Some(origin) => ApiError::BlockedByPolicy { origin },
        None => error,
    }
}

/// Owns the request's AbortController and its timeout timer. Dropped
/// before [`AbortGuard::finish`] (the future was dropped, or the request
/// failed), it aborts the request; always, it clears the timer.
struct AbortGuard {
    controller: Option<web_sys::AbortController>,
    timer: Option<i32>,
    // Kept alive until the timer is cleared (in `drop`, before the fields).
    _on_timeout: Option<Closure<dyn FnMut()>>,
    timed_out: Rc<Cell<bool>>,
    after_ms: u32,
    finished: bool,
}

impl AbortGuard {
    fn start(after_ms: u32) -> Self {
        Self::with(web_sys::AbortController::new().ok(), after_ms, after_ms)
    }

    /// Aborts through `controller` in `delay_ms`, reported as a timeout
    /// after `after_ms`.
    fn with(controller: Option<web_sys::AbortController>, delay_ms: u32, after_ms: u32) -> Self {
        let timed_out = Rc::new(Cell::new(false));
        let mut timer = None;
        let mut on_timeout = None;
        if let (Some(ctrl), Some(window), true) = (&controller, web_sys::window(), delay_ms > 0) {
            let ctrl = ctrl.clone();
            let flag = Rc::clone(&timed_out);
            let callback = Closure::<dyn FnMut()>::new(move || {
                flag.set(true);
                ctrl.abort();
            });
            let ms = i32::try_from(delay_ms).unwrap_or(i32::MAX);
            if let Ok(handle) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                ms,
            ) {
                timer = Some(handle);
                on_timeout = Some(callback);
            }
        }
        AbortGuard {
            controller,
            timer,
            _on_timeout: on_timeout,
            timed_out,
            after_ms,
            finished: false,
        }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller
            .as_ref()
            .map(web_sys::AbortController::signal)
    }

    /// The request completed: keep it, just stop the timer.
    fn finish(mut self) {
        self.finished = true;
    }

    fn error(&self, err: gloo_net::Error) -> ApiError {
        if self.timed_out.get() {
            return ApiError::Timeout {
                after_ms: self.after_ms,
            };
        }
        match err {
            gloo_net::Error::JsError(e) if e.name == "AbortError" => ApiError::Cancelled,
            gloo_net::Error::JsError(e) => ApiError::Network {
                detail: js_error_detail(&e.name, &e.message),
            },
            gloo_net::Error::SerdeError(e) => ApiError::Network {
                detail: e.to_string(),
            },
            gloo_net::Error::GlooError(text) => ApiError::Network { detail: text },
        }
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
        if !self.finished {
            if let Some(ctrl) = &self.controller {
                ctrl.abort();
            }
        }
    }
}

/// "TypeError: Failed to fetch" and friends, as one readable line.
fn js_error_detail(name: &str, message: &str) -> String {
    match (name.trim(), message.trim()) {
        ("", "") => "unknown browser error".to_string(),
        ("", m) => m.to_string(),
        (n, "") => n.to_string(),
        (n, m) => format!("{n}: {m}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_error_details() {
        assert_eq!(
            js_error_detail("TypeError", "Failed to fetch"),
            "TypeError: Failed to fetch"
        );
        assert_eq!(js_error_detail("", " x "), "x");
        assert_eq!(js_error_detail("E", ""), "E");
        assert_eq!(js_error_detail("", ""), "unknown browser error");
    }

    #[test]
    fn body_text_as_the_browser_reads_it() {
        assert_eq!(utf8_text(b"{\"a\":\"\xC3\xA9\"}".to_vec()), "{\"a\":\"é\"}");
        assert_eq!(utf8_text(b"\xEF\xBB\xBFok".to_vec()), "ok");
        // Only the first mark goes, as in `text()`.
        assert_eq!(
            utf8_text(b"\xEF\xBB\xBF\xEF\xBB\xBFok".to_vec()),
            "\u{feff}ok"
        );
        assert_eq!(utf8_text(b"a\xFFb\xE2\x82".to_vec()), "a\u{fffd}b\u{fffd}");
        assert_eq!(utf8_text(Vec::new()), "");
    }

    #[test]
    fn methods_as_written_on_the_wire() {
        assert_eq!(HttpMethod::Get.as_str(), "GET");
        assert_eq!(HttpMethod::Post.to_string(), "POST");
        assert_eq!(HttpMethod::Put.as_str(), "PUT");
        assert_eq!(HttpMethod::Delete.as_str(), "DELETE");
    }
}

/// The abort guard in real headless Chromium (`cargo test --target
/// wasm32-unknown-unknown`).
#[cfg(all(test, target_arch = "wasm32"))]
pub(super) mod browser_tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// Waits `ms` milliseconds of the browser's clock.
    pub(in crate::api) async fn sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn guard_times_out_and_maps_abort_to_timeout() {
        let guard = AbortGuard::start(5);
        let signal = guard.signal().unwrap();
        sleep(30).await;
        assert!(signal.aborted());
        let abort = js_sys::Error::new("The user aborted a request.");
        abort.set_name("AbortError");
        assert_eq!(
            guard.error(gloo_net::Error::JsError(abort.into())),
            ApiError::Timeout { after_ms: 5 }
        );
    }

    #[wasm_bindgen_test]
    async fn dropped_guard_aborts_and_finished_guard_does_not() {
        let guard = AbortGuard::start(10);
        let signal = guard.signal().unwrap();
        let abort = js_sys::Error::new("aborted");
        abort.set_name("AbortError");
        assert_eq!(
            guard.error(gloo_net::Error::JsError(abort.into())),
            ApiError::Cancelled
        );
        drop(guard);
        assert!(signal.aborted());

        let guard = AbortGuard::start(10);
        let signal = guard.signal().unwrap();
        guard.finish();
        sleep(40).await;
        // The timer was cleared: no late abort.
        assert!(!signal.aborted());
    }
}
