//! Simulated failures. The live service and the proxies in front of it have
//! been seen to answer with failure envelopes on HTTP 200, bare JSON 500s,
//! HTML 502 pages, empty bodies and long delays; the console must survive all
//! of them, so tests queue them here and the next matching call gets one.

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use crate::envelope;

/// The 403 Error text of a trial account (seen live on POST /usermapping).
pub const TRIAL_MESSAGE: &str = "This is a trial account. Operation not permitted.";

/// What a queued fault does to the call it hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultKind {
    /// HTTP 200 with a failure envelope (Status "failure").
    Failure200,
    /// HTTP 500 with `{"message":"internal error"}` (not an envelope).
    Json500,
    /// HTTP 502 with a small HTML page, as a proxy would send.
    Html502,
    /// HTTP 500 with an empty body.
    Empty500,
    /// Sleep `delay_ms`, then answer normally.
    Delay,
    /// HTTP 400 envelope "simulated bad request".
    Bad400,
    /// HTTP 401 envelope.
    Unauthorized401,
    /// HTTP 403 envelope with the trial-account message.
    Trial403,
    /// Headers, then the connection drops mid-body: the browser sees a
    /// network error, as when a server or proxy dies during a call.
    Disconnect,
}

/// The API operations a fault can be scoped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteKind {
    /// POST /token
    Token,
    /// POST /app
    Create,
    /// GET /app?entity=customer
    List,
    /// GET /app?entity=app
    Detail,
    /// DELETE /app
    Delete,
    /// GET /customer
    Customer,
    /// GET /app_setting
    Settings,
    /// POST /app_setting
    SaveSetting,
    /// GET /usermapping?user_id=...
    User,
    /// GET /usermapping without user_id (a page of users)
    Users,
    /// POST /usermapping
    CreateUsers,
    /// PUT /usermapping
    UpdateUser,
    /// DELETE /usermapping
    DeleteUsers,
    /// PUT /device
    Device,
    /// POST /customer
    CreateCustomer,
    /// DELETE /customer
    DeleteCustomer,
    /// GET /call/inbound_call/<AppID>
    InboundCall,
    /// POST /call/outbound_call
    OutboundCall,
}

/// One API call, as far as fault matching cares.
#[derive(Clone, Debug)]
pub struct Call<'a> {
    pub method: &'a Method,
    /// The path below `/v2/integrations`.
    pub path: &'a str,
    /// The raw query string, if any.
    pub query: Option<&'a str>,
    pub route: Option<RouteKind>,
}

impl<'a> Call<'a> {
    /// `token_kind` is the request log's `authorization_kind` ("customer",
    /// "app", ...): GET /app without `entity` is a list or a detail by it.
    pub fn new(
        method: &'a Method,
        path: &'a str,
        query: Option<&'a str>,
        token_kind: &str,
    ) -> Self {
        let path = strip_prefix(path);
        Call {
            method,
            path,
            query,
            route: classify(method, path, query, token_kind),
        }
    }
}

fn strip_prefix(path: &str) -> &str {
    path.strip_prefix(crate::API_PREFIX).unwrap_or(path)
}

/// A queued fault: what it does, how many calls it hits, and which calls.
/// Every condition given must hold for a call to match.
#[derive(Clone, Debug, Serialize)]
pub struct Fault {
    pub kind: FaultKind,
    /// Calls it still applies to.
    #[serde(rename = "count")]
    pub remaining: u32,
    pub delay_ms: u64,
    pub route: Option<RouteKind>,
    /// Matching calls still to let through before it applies.
    pub after: u32,
    /// HTTP method, compared case-insensitively.
    pub method: Option<String>,
    /// Exact path, below `/v2/integrations` or with it.
    pub path: Option<String>,
    /// Substring of the raw (not decoded) query string.
    pub query_contains: Option<String>,
}

impl Fault {
    pub fn matches(&self, call: &Call<'_>) -> bool {
        self.route.is_none_or(|r| call.route == Some(r))
            && self
                .method
                .as_ref()
                .is_none_or(|m| m.eq_ignore_ascii_case(call.method.as_str()))
            && self
                .path
                .as_ref()
                .is_none_or(|p| strip_prefix(p) == call.path)
            && self
                .query_contains
                .as_ref()
                .is_none_or(|q| call.query.unwrap_or("").contains(q.as_str()))
    }
}

/// The body of `POST /__sandbox/faults`.
#[derive(Debug, Deserialize)]
pub struct FaultRequest {
    pub kind: FaultKind,
    pub count: Option<u32>,
    pub delay_ms: Option<u64>,
    pub route: Option<RouteKind>,
    #[serde(alias = "skip")]
    pub after: Option<u32>,
    pub method: Option<String>,
    pub path: Option<String>,
    pub query_contains: Option<String>,
}

impl FaultRequest {
    pub fn into_fault(self) -> Result<Fault, String> {
        let count = self.count.unwrap_or(1);
        if count == 0 {
            return Err("count must be at least 1".to_string());
        }
        if self.kind == FaultKind::Delay && self.delay_ms.is_none() {
            return Err("delay_ms is required for kind delay".to_string());
        }
        Ok(Fault {
            kind: self.kind,
            remaining: count,
            delay_ms: self.delay_ms.unwrap_or(0),
            route: self.route,
            after: self.after.unwrap_or(0),
            method: self.method,
            path: self.path,
            query_contains: self.query_contains,
        })
    }
}

/// Which documented operation a call is, from its method, its path below
/// `/v2/integrations`, its query and (for GET /app without `entity`) the
/// kind of token it carries. Calls that are none of them (unknown routes,
/// wrong methods, a bad `entity`) are only hit by unscoped faults.
pub fn classify(
    method: &Method,
    path: &str,
    query: Option<&str>,
    token_kind: &str,
) -> Option<RouteKind> {
    let path = strip_prefix(path);
    let get = matches!(method.as_str(), "GET" | "HEAD");
    Some(match (method.as_str(), path) {
        ("POST", "/token") => RouteKind::Token,
        ("POST", "/app") => RouteKind::Create,
        ("DELETE", "/app") => RouteKind::Delete,
        (_, "/app") if get => match param(query, "entity").as_deref().filter(|e| !e.is_empty()) {
            Some("customer") => RouteKind::List,
            Some("app") => RouteKind::Detail,
            None if token_kind == "customer" => RouteKind::List,
            None if token_kind == "app" => RouteKind::Detail,
            _ => return None,
        },
        (_, "/customer") if get => RouteKind::Customer,
        ("POST", "/customer") => RouteKind::CreateCustomer,
        ("DELETE", "/customer") => RouteKind::DeleteCustomer,
        (_, p) if get && p.starts_with("/call/inbound_call/") => RouteKind::InboundCall,
        ("POST", "/call/outbound_call") => RouteKind::OutboundCall,
        (_, "/app_setting") if get => RouteKind::Settings,
        ("POST", "/app_setting") => RouteKind::SaveSetting,
        (_, "/usermapping") if get => match param(query, "user_id") {
            Some(_) => RouteKind::User,
            None => RouteKind::Users,
        },
        ("POST", "/usermapping") => RouteKind::CreateUsers,
        ("PUT", "/usermapping") => RouteKind::UpdateUser,
        ("DELETE", "/usermapping") => RouteKind::DeleteUsers,
        ("PUT", "/device") => RouteKind::Device,
        _ => return None,
    })
}

/// The last `name=` value of a query string, percent-decoded the simple way
/// (the only values that matter are plain ASCII words, or mere presence).
fn param(query: Option<&str>, name: &str) -> Option<String> {
    query?
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .filter(|(k, _)| *k == name)
        .map(|(_, v)| v.replace('+', " "))
        .next_back()
}

/// The response a fault produces instead of the real answer. `Delay` has no
/// response of its own: the caller sleeps and answers normally.
pub fn response(kind: FaultKind) -> Response {
    match kind {
        FaultKind::Failure200 => {
            envelope::with_status(StatusCode::OK, "failure", "simulated failure")
        }
        FaultKind::Bad400 => envelope::failure(StatusCode::BAD_REQUEST, "simulated bad request"),
        FaultKind::Unauthorized401 => {
            envelope::failure(StatusCode::UNAUTHORIZED, "simulated unauthorized")
        }
        FaultKind::Trial403 => envelope::failure(StatusCode::FORBIDDEN, TRIAL_MESSAGE),
        FaultKind::Json500 => raw(
            StatusCode::INTERNAL_SERVER_ERROR,
            Some("application/json"),
            r#"{"message":"internal error"}"#,
        ),
        FaultKind::Html502 => raw(
            StatusCode::BAD_GATEWAY,
            Some("text/html; charset=utf-8"),
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
             <center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
        ),
        FaultKind::Empty500 => raw(StatusCode::INTERNAL_SERVER_ERROR, None, ""),
        FaultKind::Disconnect => disconnect(),
        // Never reached in practice: the gate handles delays itself. Answer
        // something harmless rather than panic.
        FaultKind::Delay => raw(StatusCode::INTERNAL_SERVER_ERROR, None, ""),
    }
}

/// Some bytes first, flushed before the connection dies: a connection that
/// dies before answering anything is retried by browsers on a fresh one,
/// silently.
fn disconnect() -> Response {
    use futures_util::StreamExt;
    let start = futures_util::stream::iter([Ok(&b"{\"RequestId\": \""[..])]);
    let then_die = futures_util::stream::once(async {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "simulated disconnect",
        ))
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, "100")
        .body(Body::from_stream(start.chain(then_die)))
        .expect("static response parts are valid")
}

fn raw(status: StatusCode, content_type: Option<&str>, body: &'static str) -> Response {
    let mut builder = Response::builder().status(status);
    if let Some(ct) = content_type {
        builder = builder.header(header::CONTENT_TYPE, ct);
    }
    builder
        .body(Body::from(body))
        .expect("static response parts are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_every_operation() {
        let p = "/v2/integrations/app";
        let c = |m: Method, path: &str, q: Option<&str>| classify(&m, path, q, "none");
        assert_eq!(
            c(Method::POST, "/v2/integrations/token", None),
            Some(RouteKind::Token)
        );
        assert_eq!(c(Method::POST, p, None), Some(RouteKind::Create));
        assert_eq!(c(Method::DELETE, p, None), Some(RouteKind::Delete));
        assert_eq!(
            c(Method::GET, p, Some("entity=customer")),
            Some(RouteKind::List)
        );
        assert_eq!(
            c(Method::GET, "/app", Some("x=1&entity=app")),
            Some(RouteKind::Detail)
        );
        assert_eq!(c(Method::GET, p, Some("entity=other")), None);
        assert_eq!(c(Method::GET, p, None), None);
        // Without entity, the token decides (as the app route does).
        assert_eq!(
            classify(&Method::GET, p, None, "app"),
            Some(RouteKind::Detail)
        );
        assert_eq!(
            classify(&Method::GET, p, Some("entity="), "customer"),
            Some(RouteKind::List)
        );
        assert_eq!(classify(&Method::GET, p, Some("entity=x"), "app"), None);
        assert_eq!(c(Method::PUT, p, None), None);
        let um = "/v2/integrations/usermapping";
        assert_eq!(c(Method::GET, um, Some("user_id=a")), Some(RouteKind::User));
        assert_eq!(
            c(Method::GET, um, Some("page_size=5")),
            Some(RouteKind::Users)
        );
        assert_eq!(c(Method::GET, um, None), Some(RouteKind::Users));
        assert_eq!(c(Method::PUT, um, None), Some(RouteKind::UpdateUser));
        assert_eq!(c(Method::PUT, "/device", None), Some(RouteKind::Device));
        assert_eq!(
            c(Method::POST, "/app_setting", None),
            Some(RouteKind::SaveSetting)
        );
        assert_eq!(c(Method::DELETE, "/app_setting", None), None);
        assert_eq!(
            c(Method::POST, "/customer", None),
            Some(RouteKind::CreateCustomer)
        );
        assert_eq!(
            c(Method::DELETE, "/customer", None),
            Some(RouteKind::DeleteCustomer)
        );
        assert_eq!(c(Method::GET, "/customer", None), Some(RouteKind::Customer));
        let inbound = "/v2/integrations/call/inbound_call/a1";
        assert_eq!(
            c(Method::GET, inbound, Some("type=popup")),
            Some(RouteKind::InboundCall)
        );
        assert_eq!(c(Method::POST, inbound, None), None);
        assert_eq!(
            c(Method::POST, "/call/outbound_call", None),
            Some(RouteKind::OutboundCall)
        );
        assert_eq!(c(Method::GET, "/call/outbound_call", None), None);
    }

    #[test]
    fn names_round_trip_through_serde() {
        for name in ["failure200", "unauthorized401", "trial403", "disconnect"] {
            let kind: FaultKind = serde_json::from_value(name.into()).unwrap();
            assert_eq!(serde_json::to_value(kind).unwrap(), name);
        }
        for name in [
            "token",
            "delete",
            "save_setting",
            "create_users",
            "device",
            "create_customer",
            "delete_customer",
            "inbound_call",
            "outbound_call",
        ] {
            let route: RouteKind = serde_json::from_value(name.into()).unwrap();
            assert_eq!(serde_json::to_value(route).unwrap(), name);
        }
        assert!(serde_json::from_value::<FaultKind>("nope".into()).is_err());
    }
}
