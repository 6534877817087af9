//! Exotel integrations admin console: a Leptos client-side app.
//!
//! `api` is the typed HTTP layer (no UI); `session` keeps tokens in the
//! browser's session storage; `pages` are routed screens; `components` are the
//! reusable pieces they share; `app` wires router, layout and context.

pub mod api;
pub mod app;
pub mod app_query;
pub mod browser;
pub mod components;
pub mod config;
pub mod export;
pub mod list_window;
pub mod pages;
mod panic_view;
pub mod request_log;
pub mod session;
pub mod text;
pub mod theme;
pub mod validation;

/// Mounts the console on `<body>`.
pub fn start() {
    panic_view::install();
    components::theme_toggle::apply_stored();
    leptos::mount::mount_to_body(app::App);
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
