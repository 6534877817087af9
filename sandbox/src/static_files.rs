//! `--static-dir`: serves a built console at `/`. Any GET that matches no file
//! gets index.html (the console routes on the client), except under `/v2/`
//! and `/__sandbox/`, which must never masquerade as the app.

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub async fn serve(dir: &Path, req: Request) -> Response {
    let index = dir.join("index.html");
    let service = ServeDir::new(dir).fallback(ServeFile::new(index));
    let mut response = match service.oneshot(req).await {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    };
    // index.html names the hashed bundles of the current build: a cached copy
    // would load stale code after a rebuild. Only HTML is marked, so the
    // bundles themselves stay cacheable.
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if is_html {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}
