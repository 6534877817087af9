//! The `Authorization` header: a raw token, no scheme. Reproduces the live
//! service's answers, including its quirk of a non-envelope HTTP 500 for a
//! `Bearer ` prefix.

use axum::body::Body;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;

use crate::envelope;
use crate::state::{now_unix, AppState, Entity, Inner};

/// The body the live service sends for `Authorization: Bearer ...`.
pub const BEARER_QUIRK_BODY: &str = r#"{"error":"invalid AuthToken: malformed"}"#;

/// Who a valid token belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    Customer { customer_id: String },
    App { app_id: String },
}

impl Caller {
    pub fn entity(&self) -> Entity {
        match self {
            Caller::Customer { .. } => Entity::Customer,
            Caller::App { .. } => Entity::App,
        }
    }
}

/// What the header holds, before any lookup.
enum Presented<'a> {
    Missing,
    Bearer,
    Token(&'a str),
}

fn presented(headers: &HeaderMap) -> Presented<'_> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Presented::Missing;
    };
    // A header that is not visible ASCII cannot be a token we issued; treat
    // it as an unknown token rather than a missing one.
    let text = value.to_str().unwrap_or("\u{0}");
    if text.trim().is_empty() {
        return Presented::Missing;
    }
    if text.len() >= 7 && text[..7].eq_ignore_ascii_case("bearer ") {
        return Presented::Bearer;
    }
    Presented::Token(text)
}

/// For the request log: none, bearer, customer, app (any token this sandbox
/// issued, even if revoked since) or unknown.
pub fn authorization_kind(inner: &Inner, headers: &HeaderMap) -> &'static str {
    match presented(headers) {
        Presented::Missing => "none",
        Presented::Bearer => "bearer",
        Presented::Token(t) => match inner.tokens.get(t) {
            Some(record) => record.entity.as_str(),
            None => "unknown",
        },
    }
}

/// Resolves the caller, or the response the live service gives instead.
pub fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Caller, Response> {
    let token = match presented(headers) {
        Presented::Missing => {
            return Err(envelope::failure(
                StatusCode::UNAUTHORIZED,
                "missing Authorization header",
            ))
        }
        Presented::Bearer => return Err(bearer_quirk()),
        Presented::Token(t) => t,
    };
    let inner = state.lock();
    let invalid = || envelope::failure(StatusCode::UNAUTHORIZED, "invalid or expired token");
    let record = match inner.tokens.get(token) {
        Some(r) if r.is_valid(now_unix()) => r,
        _ => return Err(invalid()),
    };
    match record.entity {
        Entity::Customer => Ok(Caller::Customer {
            customer_id: record.subject.clone(),
        }),
        // Deleting an app revokes its tokens; checking the app still exists
        // as well keeps that true whatever path removed it.
        Entity::App if inner.find_app(&record.subject).is_some() => Ok(Caller::App {
            app_id: record.subject.clone(),
        }),
        Entity::App => Err(invalid()),
    }
}

/// The 401 for a valid token of the wrong kind, naming the kind needed.
pub fn wrong_entity(needed: Entity) -> Response {
    let message = match needed {
        Entity::Customer => {
            "this call needs a customer token (Entity \"customer\"), not an app token"
        }
        Entity::App => "this call needs an app token (Entity \"app\"), not a customer token",
    };
    envelope::failure(StatusCode::UNAUTHORIZED, message)
}

/// HTTP 500 with the live service's bare JSON body: not an envelope.
fn bearer_quirk() -> Response {
    Response::builder()
        .status(StatusCode::INTERNAL_SERVER_ERROR)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(BEARER_QUIRK_BODY))
        .expect("static response parts are valid")
}
