//! If the console ever panics, the admin sees a clear message with a reload
//! button instead of a frozen or blank page. The panic text is shown (it
//! never contains tokens: they are not formatted into panic messages) and
//! written to the browser console for bug reports.

pub(crate) fn install() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&format!("Console panicked: {detail}").into());
        show(&detail);
    }));
}

fn show(detail: &str) {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    body.set_text_content(None);
    render_into(&body, detail);
}

/// Replaces nothing: appends the error view to `parent`.
pub(crate) fn render_into(parent: &web_sys::Element, detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_class_name("panic-view");
    panel.set_attribute("role", "alert").ok();
    let heading = document.create_element("h1").ok();
    let text = document.create_element("p").ok();
    let pre = document.create_element("pre").ok();
    // A link to the current address reloads natively: after a panic the
    // wasm instance must not be called again, so no Rust click handler.
    let button = document.create_element("a").ok();
    if let (Some(h), Some(p), Some(pre), Some(button)) = (heading, text, pre, button) {
        h.set_text_content(Some("The console stopped because of an internal error"));
        p.set_text_content(Some(
            "Nothing was sent on your behalf after this point. Reload to continue; your session is kept in this tab.",
        ));
        pre.set_text_content(Some(detail));
        button.set_text_content(Some("Reload"));
        button.set_class_name("btn btn-primary");
        button.set_attribute("href", "").ok();
        for child in [&h, &p, &pre, &button] {
            panel.append_child(child).ok();
        }
    }
    parent.append_child(&panel).ok();
}
