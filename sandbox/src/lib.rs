//! A local, faithful stand-in for Exotel's integrations API
//! (`/v2/integrations`): tokens, apps, the live service's quirks, and
//! test controls to inject faults. Used by the console in development and by
//! every browser test.
//!
//! `app` builds the router, `start` runs it in the background (tests bind
//! port 0), `serve` is what the binary runs.
//!
//! Handlers return `Result<Success<T>, Failure>` (see `failure`), take the
//! caller from the `auth` extractors and bodies from the `extract` ones, so
//! every early exit is a `?` and every answer an envelope.

pub mod api_gate;
pub mod auth;
pub mod calls;
pub mod config;
pub mod control;
pub mod cors;
pub mod customers;
pub mod envelope;
pub mod extract;
pub mod failure;
pub mod faults;
pub mod fields;
pub mod fixed;
pub mod keys;
pub mod other_admin;
pub mod request_log;
pub mod routes;
pub mod seed;
pub mod seed_users;
pub mod settings;
pub mod sip_secret;
pub mod state;
pub mod static_files;
pub mod users;

use std::io::Write;
use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put, MethodRouter};
use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use config::Config;
pub use state::AppState;

/// Where the documented API lives, as on the live host.
pub const API_PREFIX: &str = "/v2/integrations";
/// Where the test controls live (with `--faults`).
pub const CONTROL_PREFIX: &str = "/__sandbox";

/// The whole sandbox as a router, with fresh state built from `config`.
pub fn app(config: Config) -> Router {
    router(AppState::new(config))
}

/// The router over an existing state (lets `serve` print seeded apps).
pub fn router(state: AppState) -> Router {
    use routes::{apps, calls, customer, device, settings, token, usermapping};
    let api = Router::new()
        .route("/token", only("POST", post(token::issue)))
        .route(
            "/app",
            only(
                "GET, POST, DELETE",
                get(apps::get).post(apps::create).delete(apps::delete),
            ),
        )
        .route(
            "/customer",
            only(
                "GET, POST, DELETE",
                get(customer::get)
                    .post(customer::create)
                    .delete(customer::delete),
            ),
        )
        .route(
            "/app_setting",
            only("GET, POST", get(settings::list).post(settings::save)),
        )
        .route(
            "/usermapping",
            only(
                "GET, POST, PUT, DELETE",
                get(usermapping::get)
                    .post(usermapping::create)
                    .put(usermapping::update)
                    .delete(usermapping::delete_all),
            ),
        )
        .route("/device", only("PUT", put(device::switch)))
        .route(
            "/call/inbound_call/{app_id}",
            only("GET", get(calls::inbound)),
        )
        .route("/call/outbound_call", only("POST", post(calls::outbound)))
        .fallback(api_not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            api_gate::api_gate,
        ));

    let mut app = Router::new().nest(API_PREFIX, api);
    if state.config.faults {
        app = app.nest(CONTROL_PREFIX, control::router());
    }
    let mut app = app.fallback(outside_api).with_state(state.clone());
    if state.config.cors {
        app = app.layer(cors::layer());
    }
    // Outermost, so CORS preflights are logged too.
    app.layer(axum::middleware::from_fn_with_state(
        state,
        request_log::log_request,
    ))
}

/// 404 envelope for unknown paths under the API prefix.
async fn api_not_found() -> Response {
    envelope::failure(StatusCode::NOT_FOUND, "not found")
}

/// A route's methods, with a 405 envelope naming them for any other.
fn only(allow: &'static str, methods: MethodRouter<AppState>) -> MethodRouter<AppState> {
    methods.fallback(move |method: Method| async move { method_not_allowed(&method, allow) })
}

/// 405 envelope for a known path with the wrong method.
fn method_not_allowed(method: &Method, allow: &'static str) -> Response {
    let mut r = envelope::failure(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("method {method} not allowed"),
    );
    // Listing the methods helps whoever reads a 405 in a network panel.
    r.headers_mut()
        .insert(header::ALLOW, header::HeaderValue::from_static(allow));
    r
}

/// Everything outside the API: the static console if configured, else 404.
/// `/v2/...` and `/__sandbox/...` never fall back to the console, so a typo
/// in an API path cannot come back as an HTML page with HTTP 200.
async fn outside_api(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path();
    let reserved = |prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    if reserved("/v2") {
        return envelope::failure(StatusCode::NOT_FOUND, "not found");
    }
    if reserved(CONTROL_PREFIX) {
        return control::not_found().await;
    }
    match &state.config.static_dir {
        Some(dir) if matches!(*req.method(), Method::GET | Method::HEAD) => {
            static_files::serve(dir, req).await
        }
        _ => (
            StatusCode::NOT_FOUND,
            axum::Json(serde_json::json!({ "error": "not found" })),
        )
            .into_response(),
    }
}

/// A sandbox running in the background.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    pub task: JoinHandle<()>,
}

impl Running {
    /// `http://ADDR/v2/integrations`
    pub fn api_base(&self) -> String {
        format!("http://{}{}", self.addr, API_PREFIX)
    }
}

/// Binds `config.host:config.port` (port 0 picks a free one) and serves in a
/// spawned task. The server stops when the task is aborted or the runtime
/// shuts down.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let state = AppState::new(config);
    let router = router(state.clone());
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            eprintln!("exotel-sandbox: server error: {e}");
        }
    });
    Ok(Running { addr, state, task })
}

/// What the binary runs: bind, print the banner, serve until Ctrl+C. The
/// one place `--fixed-clock` takes effect: it is process-wide (see `fixed`).
pub async fn serve(config: Config) -> std::io::Result<()> {
    if let Some(at) = config.fixed_clock {
        fixed::fix(at);
    }
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let state = AppState::new(config);
    print_banner(addr, &state);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

fn print_banner(addr: SocketAddr, state: &AppState) {
    let c = &state.config;
    let base = format!("http://{addr}");
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "Exotel sandbox API listening on {base}{API_PREFIX}");
    let _ = writeln!(out, "  Customer ID:     {}", c.customer_id);
    let _ = writeln!(out, "  Customer secret: {}", c.customer_secret);
    let inner = state.lock();
    let _ = writeln!(out, "  Demo apps:       {}", inner.apps.len());
    // A few seeded apps' secrets, so app-token calls (detail, delete) can be
    // tried by hand without the test controls.
    for app in inner.apps.iter().take(3) {
        let _ = writeln!(
            out,
            "    {:<24} AppID {}  AppSecret {}",
            app.app_name, app.app_id, app.app_secret
        );
    }
    drop(inner);
    if c.seed_users > 0 {
        let _ = writeln!(out, "  Users per app:   {}", c.seed_users);
    }
    let on_off = |b: bool| if b { "on" } else { "off" };
    let _ = writeln!(out, "  CORS:            {}", on_off(c.cors));
    if c.faults {
        let _ = writeln!(out, "  Test controls:   {base}{CONTROL_PREFIX}/");
    } else {
        let _ = writeln!(out, "  Test controls:   off (--faults enables them)");
    }
    if let Some(dir) = &c.static_dir {
        let _ = writeln!(out, "  Static files:    {} at {base}/", dir.display());
    }
    if fixed::is_fixed() {
        let now = state::format_ist(fixed::now_unix());
        let _ = writeln!(out, "  Fixed clock:     {now} (ids from counters)");
    }
    let _ = out.flush();
}
