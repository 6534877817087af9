//! One stdout line per request: method, path, status, duration. Never the
//! query, headers or bodies, which is where tokens and secrets travel.

use std::io::Write;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

pub async fn log_request(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !state.config.log_requests {
        return next.run(req).await;
    }
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let response = next.run(req).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut out = std::io::stdout().lock();
    // A closed stdout must not take the server down: ignore write errors.
    let _ = writeln!(
        out,
        "{method} {path} {} {ms:.1}ms",
        response.status().as_u16()
    );
    let _ = out.flush();
    response
}
