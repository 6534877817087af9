//! Simulated failures. The live service and the proxies in front of it have
//! been seen to answer with failure envelopes on HTTP 200, bare JSON 500s,
//! HTML 502 pages, empty bodies and long delays; the console must survive all
//! of them, so tests queue them here and the next matching call gets one.

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use axum::response::Response;

use crate::envelope;

/// What a queued fault does to the call it hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// Headers, then the connection drops mid-body: the browser sees a
    /// network error, as when a server or proxy dies during a call.
    Disconnect,
}

impl FaultKind {
    pub const NAMES: &'static str =
        "failure200, json500, html502, empty500, delay, bad400, unauthorized401, disconnect";

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "failure200" => FaultKind::Failure200,
            "json500" => FaultKind::Json500,
            "html502" => FaultKind::Html502,
            "empty500" => FaultKind::Empty500,
            "delay" => FaultKind::Delay,
            "bad400" => FaultKind::Bad400,
            "unauthorized401" => FaultKind::Unauthorized401,
            "disconnect" => FaultKind::Disconnect,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::Failure200 => "failure200",
            FaultKind::Json500 => "json500",
            FaultKind::Html502 => "html502",
            FaultKind::Empty500 => "empty500",
            FaultKind::Delay => "delay",
            FaultKind::Bad400 => "bad400",
            FaultKind::Unauthorized401 => "unauthorized401",
            FaultKind::Disconnect => "disconnect",
        }
    }
}

/// The API operations a fault can be scoped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteKind {
    Token,
    Create,
    List,
    Detail,
    Delete,
}

impl RouteKind {
    pub const NAMES: &'static str = "token, create, list, detail, delete";

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "token" => RouteKind::Token,
            "create" => RouteKind::Create,
            "list" => RouteKind::List,
            "detail" => RouteKind::Detail,
            "delete" => RouteKind::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RouteKind::Token => "token",
            RouteKind::Create => "create",
            RouteKind::List => "list",
            RouteKind::Detail => "detail",
            RouteKind::Delete => "delete",
        }
    }
}

/// A queued fault with the number of calls it still applies to.
#[derive(Clone, Debug)]
pub struct Fault {
    pub kind: FaultKind,
    pub remaining: u32,
    pub delay_ms: u64,
    pub route: Option<RouteKind>,
}

/// Which documented operation a call is, from its method, its path below
/// `/v2/integrations` and its query. Calls that are none of them (unknown
/// routes, wrong methods, a bad `entity`) are only hit by unscoped faults.
pub fn classify(method: &Method, path: &str, query: Option<&str>) -> Option<RouteKind> {
    let path = path.strip_prefix(crate::API_PREFIX).unwrap_or(path);
    match (method.as_str(), path) {
        ("POST", "/token") => Some(RouteKind::Token),
        ("POST", "/app") => Some(RouteKind::Create),
        ("DELETE", "/app") => Some(RouteKind::Delete),
        ("GET" | "HEAD", "/app") => match entity_param(query).as_deref() {
            Some("customer") => Some(RouteKind::List),
            Some("app") => Some(RouteKind::Detail),
            _ => None,
        },
        _ => None,
    }
}

/// The last `entity=` value of a query string, percent-decoded the simple way
/// (the only values that matter are plain ASCII words).
fn entity_param(query: Option<&str>) -> Option<String> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(k, _)| *k == "entity")
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
        FaultKind::Disconnect => {
            // Some bytes first, flushed before the connection dies: a
            // connection that dies before answering anything is retried by
            // browsers on a fresh one, silently.
            use futures_util::StreamExt;
            let start = futures_util::stream::iter([Ok(&b"{\"RequestId\": \""[..])]);
            let then_die = futures_util::stream::once(async {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "simulated disconnect",
                ))
            });
            let broken = start.chain(then_die);
            Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CONTENT_LENGTH, "100")
                .body(Body::from_stream(broken))
                .expect("static response parts are valid")
        }
        // Never reached in practice: the gate handles delays itself. Answer
        // something harmless rather than panic.
        FaultKind::Delay => raw(StatusCode::INTERNAL_SERVER_ERROR, None, ""),
    }
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
    fn classifies_the_five_operations() {
        let p = "/v2/integrations/app";
        assert_eq!(
            classify(&Method::POST, "/v2/integrations/token", None),
            Some(RouteKind::Token)
        );
        assert_eq!(classify(&Method::POST, p, None), Some(RouteKind::Create));
        assert_eq!(classify(&Method::DELETE, p, None), Some(RouteKind::Delete));
        assert_eq!(
            classify(&Method::GET, p, Some("entity=customer")),
            Some(RouteKind::List)
        );
        assert_eq!(
            classify(&Method::GET, "/app", Some("x=1&entity=app")),
            Some(RouteKind::Detail)
        );
        assert_eq!(classify(&Method::GET, p, Some("entity=other")), None);
        assert_eq!(classify(&Method::GET, p, None), None);
        assert_eq!(classify(&Method::PUT, p, None), None);
    }

    #[test]
    fn names_round_trip() {
        for name in FaultKind::NAMES.split(", ") {
            assert_eq!(FaultKind::parse(name).unwrap().as_str(), name);
        }
        for name in RouteKind::NAMES.split(", ") {
            assert_eq!(RouteKind::parse(name).unwrap().as_str(), name);
        }
        assert_eq!(FaultKind::parse("nope"), None);
    }
}
