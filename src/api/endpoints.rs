//! The API's endpoints, one method each on [`Client`], and [`Client::call`],
//! which sends through [`super::transport`], decodes, and reports the
//! finished call to the request log.
//!
//! Only the `async` methods touch the browser; everything else runs on the
//! host in tests.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;

use super::call_log::{redact_body, scan_request_id, CallObserver, CallRecord};
use super::early;
use super::envelope::{
    decode_app_data, decode_app_list_data, decode_object_data, decode_string_data,
};
use super::error::ApiError;
use super::ids::{AppId, AppToken, CustomerToken};
use super::service::{IntegrationsApi, RequestIds};
use super::token::{decode_token, normalize_token};
use super::transport::{Answer, HttpMethod, Outgoing};
use super::types::{App, CreatedApp, Entity, NewApp, TokenRequest};

/// Exotel's documented production base URL (Mumbai cluster, serves every
/// account).
pub(crate) const PRODUCTION_BASE_URL: &str =
    "https://integrationscore.mum1.exotel.com/v2/integrations";

/// `GET` the customer's apps (customer token).
pub(crate) const APP_LIST: &str = "/app?entity=customer";
/// `GET` the app a token was issued for (app token).
pub(crate) const THIS_APP: &str = "/app?entity=app";

/// How long an API call may take before the console gives up on it.
pub(crate) const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// Where the API is and how long to wait for it. Holds no token: each call
/// takes the token it needs, so a `Client` can be shared freely.
#[derive(Clone)]
pub(crate) struct Client {
    base_url: String,
    pub(super) timeout_ms: u32,
    /// Told about every finished call (the console's request log, the
    /// app pages' token gate).
    observers: Vec<Rc<dyn CallObserver>>,
    /// The RequestId of the last answer (see [`RequestIds`]).
    last_request_id: Rc<RefCell<Option<String>>>,
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
    pub(crate) fn new(base_url: impl Into<String>) -> Self {
        let base_url = base_url.into();
        Client {
            base_url: base_url.trim().trim_end_matches('/').to_string(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            observers: Vec::new(),
            last_request_id: Rc::default(),
        }
    }

    /// Also reports every finished call to `observer`.
    pub(crate) fn with_observer(mut self, observer: Rc<dyn CallObserver>) -> Self {
        self.observers.push(observer);
        self
    }

    /// Milliseconds before a call gives up; 0 means no timeout.
    pub(crate) fn with_timeout(self, ms: u32) -> Self {
        Client {
            timeout_ms: ms,
            ..self
        }
    }

    #[cfg(test)]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    #[cfg(test)]
    fn timeout_ms(&self) -> u32 {
        self.timeout_ms
    }

    /// The base URL followed by `path`, with exactly one `/` between them.
    pub(crate) fn url(&self, path: &str) -> String {
        let path = path.trim();
        if path.is_empty() || path.starts_with('?') {
            format!("{}{path}", self.base_url)
        } else {
            format!("{}/{}", self.base_url, path.trim_start_matches('/'))
        }
    }

    /// [`super::transport::send`] (or a GET sent early, [`early`]) plus
    /// decoding, reported to the observers (the request log) once finished.
    /// A dropped (superseded) call reports nothing. Only the decoding is
    /// generic: sending and reporting are written once, not per endpoint.
    pub(super) async fn call<T>(
        &self,
        method: HttpMethod,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
        decode: impl FnOnce(&Answer) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let (sent, answer) = self.exchange(method, path, token, body).await;
        let result = answer.as_ref().map_err(Clone::clone).and_then(decode);
        self.report(sent, &answer, result.as_ref().err());
        result
    }

    /// Sends the call (or takes its early answer); what was sent, and the answer.
    async fn exchange(
        &self,
        method: HttpMethod,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> (Sent, Result<Answer, ApiError>) {
        let redacted_body = body.as_deref().and_then(redact_body);
        let url = self.url(path);
        let token = token.map(normalize_token);
        let outgoing = Outgoing {
            method,
            url: &url,
            authorization: token.as_deref(),
            json_body: body,
        };
        let (started, answer) = early::answer_or_send(outgoing, self.timeout_ms).await;
        let sent = Sent {
            method,
            url,
            token,
            started,
            redacted_body,
        };
        (sent, answer)
    }

    /// Keeps the answer's RequestId and tells the observers about the call.
    #[inline(never)]
    fn report(&self, sent: Sent, answer: &Result<Answer, ApiError>, error: Option<&ApiError>) {
        let request_id = error
            .and_then(|e| e.request_id().map(str::to_string))
            .or_else(|| answer.as_ref().ok().and_then(|a| scan_request_id(&a.body)));
        self.last_request_id.replace(request_id.clone());
        if !self.observers.is_empty() {
            self.observe(CallRecord {
                method: sent.method,
                url: sent.url,
                status: answer.as_ref().ok().map(|a| a.status),
                request_id,
                outcome: error.map_or_else(|| "OK".to_string(), ApiError::title),
                ok: error.is_none(),
                refused: error
                    .filter(|e| e.is_unauthorized())
                    .map(ToString::to_string),
                started_at_ms: sent.started,
                duration_ms: js_sys::Date::now() - sent.started,
                redacted_body: sent.redacted_body,
                token: sent.token,
            });
        }
    }

    /// Tells every observer about a finished call.
    fn observe(&self, record: CallRecord) {
        let (last, others) = self.observers.split_last().expect("called with observers");
        for observer in others {
            observer.observe(record.clone());
        }
        last.observe(record);
    }
}

/// A call as sent: what its record says besides the answer.
struct Sent {
    method: HttpMethod,
    url: String,
    token: Option<String>,
    started: f64,
    redacted_body: Option<String>,
}

impl RequestIds for Client {
    fn last_request_id(&self) -> Option<String> {
        self.last_request_id.borrow().clone()
    }
}

impl Client {
    /// `POST /token` (no Authorization header).
    async fn issue_token(&self, req: &TokenRequest) -> Result<String, ApiError> {
        let body = to_json(req)?;
        self.call(HttpMethod::Post, "/token", None, Some(body), |a| {
            decode_token(a).map_err(ApiError::for_token_request)
        })
        .await
    }
}

impl IntegrationsApi for Client {
    async fn customer_token(
        &self,
        customer_id: &str,
        secret: &str,
    ) -> Result<CustomerToken, ApiError> {
        let req = TokenRequest::new(customer_id, secret, Entity::Customer);
        self.issue_token(&req).await.map(CustomerToken::new)
    }

    async fn app_token(&self, app_id: &AppId, app_secret: &str) -> Result<AppToken, ApiError> {
        let req = TokenRequest::new(app_id.as_str(), app_secret, Entity::App);
        self.issue_token(&req).await.map(AppToken::new)
    }

    async fn list_apps(&self, token: &CustomerToken) -> Result<Vec<App>, ApiError> {
        let token = Some(token.expose());
        self.call(HttpMethod::Get, APP_LIST, token, None, decode_app_list_data)
            .await
    }

    async fn create_app(
        &self,
        token: &CustomerToken,
        app: &NewApp,
    ) -> Result<CreatedApp, ApiError> {
        let body = to_json(app)?;
        self.call(
            HttpMethod::Post,
            "/app",
            Some(token.expose()),
            Some(body),
            |a| decode_object_data(a, "the created app"),
        )
        .await
    }

    async fn get_app(&self, token: &AppToken) -> Result<App, ApiError> {
        let token = Some(token.expose());
        self.call(HttpMethod::Get, THIS_APP, token, None, decode_app_data)
            .await
    }

    /// The live service has answered "Deleted Successfully" to a customer
    /// token without deleting anything: confirm by listing again.
    async fn delete_app(&self, token: &AppToken) -> Result<String, ApiError> {
        self.call(
            HttpMethod::Delete,
            "/app",
            Some(token.expose()),
            None,
            |a| decode_string_data(a, "a string"),
        )
        .await
    }
}

pub(super) fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    // Cannot fail for this module's types (string keys, no maps of floats).
    serde_json::to_string(value).map_err(|e| ApiError::Network {
        detail: format!("the request could not be encoded ({e})"),
    })
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
        let answer = |body: &str| Answer::new(200, None, body);
        let created: CreatedApp = decode_object_data(&answer(&body), "the created app").unwrap();
        assert_eq!(created.app.app_name, "WebRTC");
        assert_eq!(created.app_secret, "61b1f4c2-30d5-4819-9a5c-006ed9784313");
        assert_eq!(created.exotel_api_key, "wefwejfoiweuiof");
        let odd = json!({"Status": "Success", "Data": "created"}).to_string();
        let e = decode_object_data::<CreatedApp>(&answer(&odd), "the created app").unwrap_err();
        assert!(matches!(&e, ApiError::Decode { detail, .. } if detail.contains("a string")));
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

    use crate::api::transport::browser_tests::sleep;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    async fn refused_connection_is_a_network_error() {
        let client = Client::new("http://127.0.0.1:9/v2/integrations");
        match client
            .list_apps(&CustomerToken::new("Bearer some-token"))
            .await
        {
            Err(ApiError::Network { detail }) => assert!(!detail.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[wasm_bindgen_test]
    async fn invalid_base_url_is_a_network_error() {
        let client = Client::new("http://[not-a-host");
        assert!(matches!(
            client.get_app(&AppToken::new("t")).await,
            Err(ApiError::Network { .. })
        ));
    }

    #[wasm_bindgen_test]
    async fn a_real_non_api_answer_is_decoded() {
        // The test runner's own server: whatever it answers, it is an HTTP
        // answer that is not an envelope.
        let client = Client::new("/no-such-api");
        let err = client.customer_token("id", "secret").await.unwrap_err();
        assert!(matches!(err, ApiError::NotEnvelope { .. }), "{err:?}");
        assert!(err.status().is_some());
    }

    #[wasm_bindgen_test]
    async fn a_token_with_non_ascii_characters_does_not_throw() {
        // Headers.set would throw on "…"; normalize_token drops it.
        let client = Client::new("/no-such-api");
        let err = client
            .get_app(&AppToken::new("eyJ…\u{2028}x"))
            .await
            .unwrap_err();
        assert!(matches!(err, ApiError::NotEnvelope { .. }), "{err:?}");
    }

    #[wasm_bindgen_test]
    async fn timeout_aborts_the_request() {
        // A 1 ms timeout against the runner's own multi-megabyte wasm file:
        // reading it takes far longer than the timer (a 404 from a missing
        // path could come back first on a fast machine).
        let client = Client::new("/wasm-bindgen-test_bg.wasm?").with_timeout(1);
        let err = client
            .list_apps(&CustomerToken::new("t"))
            .await
            .unwrap_err();
        assert_eq!(err, ApiError::Timeout { after_ms: 1 });
        assert!(err.is_retryable());
    }

    #[wasm_bindgen_test]
    async fn dropping_a_pending_call_is_silent() {
        let client = Client::new("/no-such-api");
        {
            let token = CustomerToken::new("t");
            let mut call = pin!(client.list_apps(&token));
            let first = std::future::poll_fn(|cx| Poll::Ready(call.as_mut().poll(cx))).await;
            assert!(first.is_pending());
        } // dropped here: aborted, timer cleared, nothing panics later
        sleep(30).await;
        // The client still works afterwards.
        assert!(client.list_apps(&CustomerToken::new("t")).await.is_err());
    }
}
