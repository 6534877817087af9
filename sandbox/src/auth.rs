//! The `Authorization` header: a raw token, no scheme. Reproduces the live
//! service's answers, including its quirk of a non-envelope HTTP 500 for a
//! `Bearer ` prefix.
//!
//! Three extractors: [`Caller`] (any valid token), [`CustomerCaller`] and
//! [`AppCaller`] (a token of that kind, else a 401 naming the kind needed).
//! They read only the request head, so axum runs them before any body
//! extractor: authorization is checked before the body, as an auth
//! middleware would.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};

use crate::failure::Failure;
pub use crate::failure::BEARER_QUIRK_BODY;
use crate::state::{now_unix, AppState, Entity, Inner};

/// Who a valid token belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    Customer { customer_id: String },
    App { app_id: String },
}

/// A valid customer token's subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerCaller {
    pub customer_id: String,
}

/// A valid app token's subject (an app that still exists).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppCaller {
    pub app_id: String,
}

impl Caller {
    pub fn entity(&self) -> Entity {
        match self {
            Caller::Customer { .. } => Entity::Customer,
            Caller::App { .. } => Entity::App,
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Failure> {
        authenticate(state, &parts.headers)
    }
}

impl FromRequestParts<AppState> for CustomerCaller {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Failure> {
        match authenticate(state, &parts.headers)? {
            Caller::Customer { customer_id } => Ok(CustomerCaller { customer_id }),
            Caller::App { .. } => Err(wrong_entity(Entity::Customer)),
        }
    }
}

impl FromRequestParts<AppState> for AppCaller {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Failure> {
        match authenticate(state, &parts.headers)? {
            Caller::App { app_id } => Ok(AppCaller { app_id }),
            Caller::Customer { .. } => Err(wrong_entity(Entity::App)),
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

/// The 401 for a token that is unknown, expired or revoked.
pub fn invalid_token() -> Failure {
    Failure::unauthorized("invalid or expired token")
}

/// Resolves the caller, or the answer the live service gives instead.
pub fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Caller, Failure> {
    let token = match presented(headers) {
        Presented::Missing => return Err(Failure::unauthorized("missing Authorization header")),
        Presented::Bearer => return Err(Failure::BearerQuirk),
        Presented::Token(t) => t,
    };
    let inner = state.lock();
    let record = match inner.tokens.get(token) {
        Some(r) if r.is_valid(now_unix()) => r,
        _ => return Err(invalid_token()),
    };
    // Deleting a customer or an app revokes its tokens; checking it still
    // exists as well keeps that true whatever path removed it.
    match record.entity {
        Entity::Customer if inner.find_customer(&record.subject).is_some() => {
            Ok(Caller::Customer {
                customer_id: record.subject.clone(),
            })
        }
        Entity::App if inner.find_app(&record.subject).is_some() => Ok(Caller::App {
            app_id: record.subject.clone(),
        }),
        _ => Err(invalid_token()),
    }
}

/// The 401 for a valid token of the wrong kind, naming the kind needed.
pub fn wrong_entity(needed: Entity) -> Failure {
    Failure::unauthorized(match needed {
        Entity::Customer => {
            "this call needs a customer token (Entity \"customer\"), not an app token"
        }
        Entity::App => "this call needs an app token (Entity \"app\"), not a customer token",
    })
}
