//! Exotel integrations admin console: a Leptos client-side app.
//!
//! - `api`: the typed HTTP layer (no UI);
//! - `state`: what the tab remembers (session tokens, request log, theme);
//! - `features`: one folder per thing an admin does (page, its parts, its
//!   flow);
//! - `ui`: generic pieces that know nothing of the API;
//! - `paths`: every address and route parameter (a leaf any module may use);
//! - `routes`: the route table; `app`: providers and layout.

mod api;
mod app;
mod features;
mod paths;
mod routes;
mod state;
mod ui;

/// Mounts the console on `<body>`, or only a refusal when another site has
/// framed it. Either replaces index.html's static shell in this same task,
/// so the browser never paints both, or neither.
pub fn start() {
    features::shell::panic_view::install();
    features::shell::theme_toggle::apply_stored();
    features::shell::static_shell::remove();
    if features::shell::frame_guard::framed_by_another_origin() {
        leptos::mount::mount_to_body(features::shell::frame_guard::FramedRefusal);
        return;
    }
    leptos::mount::mount_to_body(app::App);
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
