//! The root component: the context every page shares and the page frame.

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::features::request_log::panel::RequestLogPanel;
use crate::features::shell::header::Header;
use crate::features::shell::shortcuts::Shortcuts;
use crate::routes::AppRoutes;
use crate::state::config::default_api_base;
use crate::state::session::Session;
use crate::ui::leave_guard::LeaveGuard;
use crate::ui::toasts::{ToastHost, Toasts};

#[component]
pub(crate) fn App() -> impl IntoView {
    provide_context(Session::load(default_api_base()));
    provide_context(Toasts::new());
    provide_context(LeaveGuard::new());
    view! {
        <Router>
            <Shortcuts />
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <Header />
            <main id="main" tabindex="-1">
                <AppRoutes />
                <RequestLogPanel />
            </main>
            <ToastHost />
        </Router>
    }
}
