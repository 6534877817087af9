//! The HTTP calls, over gloo-net's `fetch`.
//!
//! Every call goes through [`Client::send`], which adds the headers, a
//! timeout and cancellation: the request is aborted when the timeout fires
//! (-> [`ApiError::Timeout`]) or when the future is dropped (a superseded
//! request, an unmounted component), in which case nobody sees a result.
//! The answer is read as text and handed to the pure decoders of
//! [`super::envelope`].
//!
//! Only the `async` methods touch the browser; everything else runs on the
//! host in tests.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::call_log::{redact_body, scan_request_id, CallObserver, CallRecord};
use super::envelope::{
    decode_app_data, decode_app_list_data, decode_envelope, decode_object_data, decode_string_data,
    value_kind,
};
use super::error::ApiError;
use super::types::{App, CreatedApp, NewApp, TokenRequest};

/// Exotel's documented production base URL (Mumbai cluster, serves every
/// account).
pub const PRODUCTION_BASE_URL: &str = "https://integrationscore.mum1.exotel.com/v2/integrations";

pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// Where the API is and how long to wait for it. Holds no token: each call
/// takes the token it needs, so a `Client` can be shared freely.
#[derive(Clone)]
pub struct Client {
    base_url: String,
    timeout_ms: u32,
    /// Told about every finished call (the console's request log).
    observer: Option<Rc<dyn CallObserver>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
}

/// Two clients are equal when they call the same API the same way.
impl PartialEq for Client {
    fn eq(&self, other: &Self) -> bool {
        self.base_url == other.base_url && self.timeout_ms == other.timeout_ms
    }
}

impl Client {
    /// `base_url`: "" or "/v2/integrations" (same origin, through a proxy) or
    /// "https://host/v2/integrations". Surrounding spaces and trailing `/`
    /// are dropped.
    pub fn new(base_url: impl Into<String>) -> Self {
        let base_url = base_url.into();
        Client {
            base_url: base_url.trim().trim_end_matches('/').to_string(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            observer: None,
        }
    }

    /// Reports every finished call to `observer`.
    pub fn with_observer(self, observer: Rc<dyn CallObserver>) -> Self {
        Client {
            observer: Some(observer),
            ..self
        }
    }

    /// Milliseconds before a call gives up; 0 means no timeout.
    pub fn with_timeout(self, ms: u32) -> Self {
        Client {
            timeout_ms: ms,
            ..self
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn timeout_ms(&self) -> u32 {
        self.timeout_ms
    }

    /// The base URL followed by `path`, with exactly one `/` between them.
    pub fn url(&self, path: &str) -> String {
        let path = path.trim();
        if path.is_empty() || path.starts_with('?') {
            format!("{}{path}", self.base_url)
        } else {
            format!("{}/{}", self.base_url, path.trim_start_matches('/'))
        }
    }

    /// `POST /token`: a customer or app token (no Authorization header).
    pub async fn issue_token(&self, req: &TokenRequest) -> Result<String, ApiError> {
        let body = to_json(req)?;
        self.call(Method::Post, "/token", None, Some(body), |a| {
            token_from_answer(a.status, a.content_type.as_deref(), &a.body)
                .map_err(ApiError::for_token_request)
        })
        .await
    }

    /// `GET /app?entity=customer`: the customer's apps (customer token).
    pub async fn list_apps(&self, customer_token: &str) -> Result<Vec<App>, ApiError> {
        let path = "/app?entity=customer";
        self.call(Method::Get, path, Some(customer_token), None, |a| {
            decode_app_list_data(a.status, a.content_type.as_deref(), &a.body)
        })
        .await
    }

    /// `POST /app`: registers an app (customer token). The answer holds the
    /// app's secret, which the API never shows again.
    pub async fn create_app(
        &self,
        customer_token: &str,
        app: &NewApp,
    ) -> Result<CreatedApp, ApiError> {
        let body = to_json(app)?;
        self.call(
            Method::Post,
            "/app",
            Some(customer_token),
            Some(body),
            |a| {
                decode_object_data(
                    a.status,
                    a.content_type.as_deref(),
                    &a.body,
                    "the created app",
                )
            },
        )
        .await
    }

    /// `GET /app?entity=app`: the app the token was issued for (app token).
    pub async fn get_app(&self, app_token: &str) -> Result<App, ApiError> {
        self.call(Method::Get, "/app?entity=app", Some(app_token), None, |a| {
            decode_app_data(a.status, a.content_type.as_deref(), &a.body)
        })
        .await
    }

    /// `DELETE /app`: deletes the app the token was issued for (app token).
    /// Returns the server's text ("Deleted Successfully"). The live service
    /// has answered that to a customer token without deleting anything:
    /// confirm by listing again.
    pub async fn delete_app(&self, app_token: &str) -> Result<String, ApiError> {
        self.call(Method::Delete, "/app", Some(app_token), None, |a| {
            decode_string_data(a.status, a.content_type.as_deref(), &a.body)
        })
        .await
    }

    /// [`Client::send`] plus decoding, reported to the observer (the request
    /// log) once finished. A dropped (superseded) call reports nothing.
    async fn call<T>(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
        decode: impl FnOnce(&RawAnswer) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let started = js_sys::Date::now();
        let redacted_body = body.as_deref().and_then(redact_body);
        let answer = self.send(method, path, token, body).await;
        let result = answer.as_ref().map_err(Clone::clone).and_then(decode);
        if let Some(observer) = &self.observer {
            let error = result.as_ref().err();
            observer.observe(CallRecord {
                method: method.as_str(),
                url: self.url(path),
                status: answer.as_ref().ok().map(|a| a.status),
                request_id: error
                    .and_then(|e| e.request_id().map(str::to_string))
                    .or_else(|| answer.as_ref().ok().and_then(|a| scan_request_id(&a.body))),
                outcome: error.map_or_else(|| "OK".to_string(), ApiError::title),
                ok: error.is_none(),
                started_at_ms: started,
                duration_ms: js_sys::Date::now() - started,
                redacted_body,
                token: token.map(normalize_token),
            });
        }
        result
    }

    /// One request: headers, JSON body, timeout and cancellation; the answer
    /// as (status, content type, text), whatever its status.
    async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        json_body: Option<String>,
    ) -> Result<RawAnswer, ApiError> {
        let url = self.url(path);
        let guard = AbortGuard::start(self.timeout_ms);
        let signal = guard.signal();
        let mut builder: RequestBuilder = match method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Delete => Request::delete(&url),
        };
        builder = builder
            .header("Accept", "application/json")
            .abort_signal(signal.as_ref());
        if let Some(token) = token {
            builder = builder.header("Authorization", &normalize_token(token));
        }
        let request = match json_body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body),
            None => builder.build(),
        }
        .map_err(|e| guard.error(e))?;
        let response = request.send().await.map_err(|e| guard.error(e))?;
        let status = response.status();
        let content_type = response.headers().get("content-type");
        let body = response.text().await.map_err(|e| guard.error(e))?;
        guard.finish();
        Ok(RawAnswer {
            status,
            content_type,
            body,
        })
    }
}

/// What an admin pasted, made into an `Authorization` value: surrounding
/// spaces and quotes, an `Authorization:` label and a `Bearer ` prefix (the
/// API answers 500 to it) are dropped, and so is every character a token
/// cannot hold (whitespace from line wraps, control and non-ASCII
/// characters, which a browser would refuse in a header). What is left is
/// sent as is; the API judges it.
pub fn normalize_token(raw: &str) -> String {
    let mut t = raw.trim();
    t = strip_prefix_ignore_case(t, "authorization:").trim_start();
    t = strip_quotes(t);
    let after_bearer = strip_prefix_ignore_case(t, "bearer");
    if after_bearer.len() < t.len() && after_bearer.starts_with(char::is_whitespace) {
        t = strip_quotes(after_bearer.trim_start());
    }
    t.chars().filter(char::is_ascii_graphic).collect()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> &'a str {
    match text.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => &text[prefix.len()..],
        _ => text,
    }
}

fn strip_quotes(text: &str) -> &str {
    for q in ['"', '\''] {
        if text.len() >= 2 && text.starts_with(q) && text.ends_with(q) {
            return text[1..text.len() - 1].trim();
        }
    }
    text
}

/// A token answer: `Data` must be a non-empty string.
fn token_from_answer(
    http_status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<String, ApiError> {
    let (request_id, data) = decode_envelope(http_status, content_type, body)?;
    let detail = match data {
        Value::String(token) => {
            let token = token.trim();
            if !token.is_empty() {
                return Ok(token.to_string());
            }
            "the token in Data is empty".to_string()
        }
        other => format!(
            "expected the token as a string in Data, got {}",
            value_kind(&other)
        ),
    };
    Err(ApiError::Decode {
        status: http_status,
        request_id,
        detail,
    })
}

fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    // Cannot fail for this module's types (string keys, no maps of floats).
    serde_json::to_string(value).map_err(|e| ApiError::Network {
        detail: format!("the request could not be encoded ({e})"),
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

struct RawAnswer {
    status: u16,
    content_type: Option<String>,
    body: String,
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
        let controller = web_sys::AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let mut timer = None;
        let mut on_timeout = None;
        if let (Some(ctrl), Some(window), true) = (&controller, web_sys::window(), after_ms > 0) {
            let ctrl = ctrl.clone();
            let flag = Rc::clone(&timed_out);
            let callback = Closure::<dyn FnMut()>::new(move || {
                flag.set(true);
                ctrl.abort();
            });
            let ms = i32::try_from(after_ms).unwrap_or(i32::MAX);
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
    use serde_json::json;

    #[test]
    fn new_trims_and_defaults() {
        let c = Client::new("https://integrationscore.mum1.exotel.com/v2/integrations/");
        assert_eq!(c.base_url(), PRODUCTION_BASE_URL);
        assert_eq!(c.timeout_ms(), DEFAULT_TIMEOUT_MS);
        assert_eq!(
            Client::new(" /v2/integrations// ").base_url(),
            "/v2/integrations"
        );
        assert_eq!(Client::new("").base_url(), "");
        assert_eq!(Client::new("/").base_url(), "");
        let c = Client::new("x").with_timeout(500);
        assert_eq!(c.timeout_ms(), 500);
        assert_eq!(c, Client::new("x/").with_timeout(500));
    }

    #[test]
    fn urls() {
        let c = Client::new(PRODUCTION_BASE_URL);
        assert_eq!(
            c.url("/app?entity=customer"),
            "https://integrationscore.mum1.exotel.com/v2/integrations/app?entity=customer"
        );
        assert_eq!(c.url("token"), format!("{PRODUCTION_BASE_URL}/token"));
        assert_eq!(Client::new("").url("/token"), "/token");
        assert_eq!(Client::new("").url("token"), "/token");
        assert_eq!(
            Client::new("/v2/integrations/").url("/app"),
            "/v2/integrations/app"
        );
        assert_eq!(Client::new("/v2/integrations").url(""), "/v2/integrations");
    }

    #[test]
    fn normalizes_tokens() {
        let t = "NmUxNGIyN2ItY2YzYy00MzRhLThlNzItYWNjMWFiNWQzY2Vi";
        for raw in [
            t.to_string(),
            format!("  {t}\n"),
            format!("Bearer {t}"),
            format!("bearer   {t}"),
            format!("BEARER\t{t} "),
            format!("\"{t}\""),
            format!("Bearer \"{t}\""),
            format!("Authorization: {t}"),
            format!("Authorization: Bearer {t}"),
            format!("{}\n{}", &t[..20], &t[20..]),
            format!("{t}\u{200b}"),
        ] {
            assert_eq!(normalize_token(&raw), t, "{raw:?}");
        }
        // "Bearer" must be a separate word to be a prefix.
        assert_eq!(normalize_token("BearerToken"), "BearerToken");
        assert_eq!(normalize_token("Bearer"), "Bearer");
        assert_eq!(normalize_token(""), "");
        assert_eq!(normalize_token("   "), "");
        assert_eq!(normalize_token("é.token…"), ".token");
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.sig-_=";
        assert_eq!(normalize_token(&format!("Bearer {jwt}")), jwt);
    }

    #[test]
    fn token_answers() {
        let body = |data: Value| {
            json!({"RequestId": "r1", "Status": "Success", "Code": 200, "Error": "", "Data": data})
                .to_string()
        };
        assert_eq!(
            token_from_answer(200, None, &body(json!(" tok-123 "))).unwrap(),
            "tok-123"
        );
        for (data, needle) in [
            (json!(""), "empty"),
            (Value::Null, "got null"),
            (json!({"token": "x"}), "got an object"),
        ] {
            match token_from_answer(200, None, &body(data)).unwrap_err() {
                ApiError::Decode {
                    status: 200,
                    request_id: Some(r),
                    detail,
                } => {
                    assert_eq!(r, "r1");
                    assert!(detail.contains(needle), "{detail}");
                }
                other => panic!("{other:?}"),
            }
        }
        let wrong =
            json!({"RequestId": "r2", "Status": "Failure", "Code": 401, "Error": "invalid secret"});
        let e = token_from_answer(401, None, &wrong.to_string()).unwrap_err();
        assert!(e.is_unauthorized());
        assert_eq!(e.request_id(), Some("r2"));
    }

    #[test]
    fn created_app_answer() {
        let body = json!({
            "RequestId": "2405acfd-1ad3-486b-92d5-233965d8c204", "Status": "Success", "Code": 200,
            "Error": "",
            "Data": {
                "AppID": "2e6440ed-ff62-49d7-bb00-5494b313a863",
                "AppSecret": "61b1f4c2-30d5-4819-9a5c-006ed9784313",
                "CustomerID": "99fa98a1-2ce0-457c-9371-0d3a01eb6ef0",
                "AppName": "WebRTC", "ExotelAccountSid": "abc",
                "ExotelApiKey": "wefwejfoiweuiof", "ExotelApiToken": "wefwejfoiweuiof",
                "ExotelDomain": "mumbai", "IsActive": true,
                "CreatedAt": "2023-03-23T11:47:46+05:30", "UpdatedAt": "2023-03-23T11:47:46+05:30"
            }
        })
        .to_string();
        let created: CreatedApp = decode_object_data(200, None, &body, "the created app").unwrap();
        assert_eq!(created.app.app_name, "WebRTC");
        assert_eq!(created.app_secret, "61b1f4c2-30d5-4819-9a5c-006ed9784313");
        assert_eq!(created.exotel_api_key, "wefwejfoiweuiof");
        let odd = json!({"Status": "Success", "Data": "created"}).to_string();
        let e = decode_object_data::<CreatedApp>(200, None, &odd, "the created app").unwrap_err();
        assert!(matches!(&e, ApiError::Decode { detail, .. } if detail.contains("a string")));
    }

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
}

/// The fetch path in real headless Chromium (`cargo test --target
/// wasm32-unknown-unknown`): no API server needed.
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use std::future::Future;
    use std::pin::pin;
    use std::task::Poll;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    async fn sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn refused_connection_is_a_network_error() {
        let client = Client::new("http://127.0.0.1:9/v2/integrations");
        match client.list_apps("Bearer some-token").await {
            Err(ApiError::Network { detail }) => assert!(!detail.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[wasm_bindgen_test]
    async fn invalid_base_url_is_a_network_error() {
        let client = Client::new("http://[not-a-host");
        assert!(matches!(
            client.get_app("t").await,
            Err(ApiError::Network { .. })
        ));
    }

    #[wasm_bindgen_test]
    async fn a_real_non_api_answer_is_decoded() {
        // The test runner's own server: whatever it answers, it is an HTTP
        // answer that is not an envelope.
        let client = Client::new("/no-such-api");
        let req = TokenRequest {
            id: "id".into(),
            secret: "secret".into(),
            entity: crate::api::Entity::Customer,
        };
        let err = client.issue_token(&req).await.unwrap_err();
        assert!(matches!(err, ApiError::NotEnvelope { .. }), "{err:?}");
        assert!(err.status().is_some());
    }

    #[wasm_bindgen_test]
    async fn a_token_with_non_ascii_characters_does_not_throw() {
        // Headers.set would throw on "…"; normalize_token drops it.
        let client = Client::new("/no-such-api");
        let err = client.get_app("eyJ…\u{2028}x").await.unwrap_err();
        assert!(matches!(err, ApiError::NotEnvelope { .. }), "{err:?}");
    }

    #[wasm_bindgen_test]
    async fn timeout_aborts_the_request() {
        // A 1 ms timeout beats any real round trip to the runner's server.
        let client = Client::new("/no-such-api").with_timeout(1);
        let err = client.list_apps("t").await.unwrap_err();
        assert_eq!(err, ApiError::Timeout { after_ms: 1 });
        assert!(err.is_retryable());
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

    #[wasm_bindgen_test]
    async fn dropping_a_pending_call_is_silent() {
        let client = Client::new("/no-such-api");
        {
            let mut call = pin!(client.list_apps("t"));
            let first = std::future::poll_fn(|cx| Poll::Ready(call.as_mut().poll(cx))).await;
            assert!(first.is_pending());
        } // dropped here: aborted, timer cleared, nothing panics later
        sleep(30).await;
        // The client still works afterwards.
        assert!(client.list_apps("t").await.is_err());
    }
}
