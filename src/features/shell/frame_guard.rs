//! A console framed by another site could be overlaid and an admin tricked
//! into clicking Delete. A `frame-ancestors` header forbids that where the
//! host can send headers; for hosts that cannot, the console checks for
//! itself at start-up and, framed by another origin, shows only a refusal:
//! no connect form, no data, no session read.

use leptos::prelude::*;

/// Whether the page runs in a frame whose top page is another origin (the
/// browser refuses to read a cross-origin top's address).
pub(crate) fn framed_by_another_origin() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) if !js_sys::Object::is(&top, &window) => top.location().href().is_err(),
        _ => false,
    }
}

/// What a framed console shows instead of itself.
#[component]
pub(crate) fn FramedRefusal() -> impl IntoView {
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    view! {
        <main class="framed-refusal" role="alert" data-testid="framed-refusal">
            <h1>"This console does not run inside another site"</h1>
            <p>
                "It was opened in a frame of a page on another origin, which could trick you into clicking \
                 something. Nothing was loaded."
            </p>
            <p>
                <a href=here target="_blank" rel="noopener noreferrer">
                    "Open the console in its own tab"
                </a>
            </p>
        </main>
    }
}
