//! Request extractors whose rejections are API envelopes, never axum's
//! plain-text answers.

use std::collections::HashMap;
use std::convert::Infallible;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use serde_json::Value;

use crate::failure::Failure;
use crate::fields::{self, Object};

/// The body as a JSON object; anything else is a 400 envelope naming the
/// problem ("request body must be a JSON object").
#[derive(Debug)]
pub struct JsonObject(pub Object);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = Failure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Failure> {
        let bytes = read_body(req, state).await?;
        fields::json_object(&bytes)
            .map(JsonObject)
            .map_err(Failure::bad_request)
    }
}

/// Any JSON body; a body that is not JSON is the user-mapping endpoints'
/// 400 "invalid Payload".
#[derive(Debug)]
pub struct Payload(pub Value);

/// The user-mapping endpoints' answer to a body of the wrong shape.
pub fn invalid_payload() -> Failure {
    Failure::bad_request("invalid Payload")
}

impl<S: Send + Sync> FromRequest<S> for Payload {
    type Rejection = Failure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Failure> {
        let bytes = read_body(req, state).await?;
        serde_json::from_slice(&bytes)
            .map(Payload)
            .map_err(|_| invalid_payload())
    }
}

/// A JSON object body for the user-mapping endpoints that take one object
/// (PUT /usermapping, PUT /device): anything else, an array included, is
/// their 400 "invalid Payload".
#[derive(Debug)]
pub struct PayloadObject(pub Object);

impl<S: Send + Sync> FromRequest<S> for PayloadObject {
    type Rejection = Failure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Failure> {
        match Payload::from_request(req, state).await? {
            Payload(Value::Object(obj)) => Ok(PayloadObject(obj)),
            Payload(_) => Err(invalid_payload()),
        }
    }
}

async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, Failure> {
    Bytes::from_request(req, state)
        .await
        .map_err(|e| Failure::new(e.status(), e.body_text()))
}

/// The query string as a map, percent-decoded (`+` is a space, as in any
/// form encoding). A query that cannot be decoded counts as empty.
#[derive(Debug, Default)]
pub struct Params(pub HashMap<String, String>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let map = Query::<HashMap<String, String>>::try_from_uri(&parts.uri)
            .map(|Query(q)| q)
            .unwrap_or_default();
        Ok(Params(map))
    }
}
