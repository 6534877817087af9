//! Shown once, right after an app is created: the AppID and AppSecret with
//! copy buttons and a download, because the API never returns the secret again.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::copy_button::CopyButton;

/// The `.env`-style text offered for download.
pub fn env_file(app_id: &str, app_secret: &str) -> String {
    format!("EXOTEL_APP_ID={app_id}\nEXOTEL_APP_SECRET={app_secret}\n")
}

/// Saves `text` as a file through a blob: URL (never a data: URL carrying the
/// secret in a visible address), then releases the URL.
fn download(filename: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
pub fn SecretPanel(
    #[prop(into)] app_name: String,
    #[prop(into)] app_id: String,
    #[prop(into)] app_secret: String,
    /// Where "Open app" goes.
    #[prop(into)]
    detail_href: String,
) -> impl IntoView {
    let id_signal = Signal::stored(app_id.clone());
    let secret_signal = Signal::stored(app_secret.clone());
    let filename = format!(
        "exotel-app-{}.env",
        app_id.chars().take(8).collect::<String>()
    );
    let on_download = move |_| download(&filename, &env_file(&app_id, &app_secret));
    view! {
        <section class="card secret-panel" aria-labelledby="secret-title" data-testid="secret-panel">
            <h2 id="secret-title">{format!("“{app_name}” is registered")}</h2>
            <p class="alert alert-warn" role="note">
                <strong>"Save the AppSecret now."</strong>
                " Exotel shows it only once; this console will not be able to show it again."
            </p>
            <dl class="kv">
                <dt>"AppID"</dt>
                <dd><code data-testid="new-app-id">{move || id_signal.get()}</code> <CopyButton value=id_signal what="AppID"/></dd>
                <dt>"AppSecret"</dt>
                <dd><code data-testid="new-app-secret">{move || secret_signal.get()}</code> <CopyButton value=secret_signal what="AppSecret"/></dd>
            </dl>
            <div class="actions">
                <button type="button" class="btn" on:click=on_download>"Download .env file"</button>
                <a class="btn btn-primary" href=detail_href>"Open app"</a>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn env_file_has_both_lines() {
        assert_eq!(
            super::env_file("id1", "s3cret"),
            "EXOTEL_APP_ID=id1\nEXOTEL_APP_SECRET=s3cret\n"
        );
    }
}
