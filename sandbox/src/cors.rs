//! CORS for `--cors`: lets a console served from another origin (trunk on
//! another port, a CDN) call the sandbox directly. Off by default, because
//! the live service's CORS policy is unknown and the console must also work
//! through a same-origin proxy.

use std::time::Duration;

use axum::http::{header, HeaderName, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::envelope::REQUEST_ID_HEADER;

pub fn layer() -> CorsLayer {
    CorsLayer::new()
        // Echo the caller's origin rather than "*", which stays valid if a
        // client ever sends credentials.
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .expose_headers([HeaderName::from_static(REQUEST_ID_HEADER)])
        .max_age(Duration::from_secs(600))
}
