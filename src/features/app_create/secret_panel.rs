//! Shown once, right after an app is created: the AppID and AppSecret with
//! copy buttons and a download, because the API never returns the secret again.

use crate::ui::copy_button::CopyButton;
use crate::ui::dom::download;
use leptos::prelude::*;

/// The `.env`-style text offered for download.
pub(crate) fn env_file(app_id: &str, app_secret: &str) -> String {
    format!("EXOTEL_APP_ID={app_id}\nEXOTEL_APP_SECRET={app_secret}\n")
}

#[component]
pub(crate) fn SecretPanel(
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
    let on_download = move |_| download(&filename, "text/plain", &env_file(&app_id, &app_secret));
    view! {
        <section
            class="card secret-panel"
            aria-labelledby="secret-title"
            data-testid="secret-panel"
        >
            <h2 id="secret-title">{format!("“{app_name}” is registered")}</h2>
            <p class="alert alert-warn" role="note">
                <strong>"Save the AppSecret now."</strong>
                " Exotel shows it only once; this console will not be able to show it again."
            </p>
            <dl class="kv">
                <dt>"AppID"</dt>
                <dd>
                    <code data-testid="new-app-id">{move || id_signal.get()}</code>
                    <CopyButton value=id_signal what="AppID" />
                </dd>
                <dt>"AppSecret"</dt>
                <dd>
                    <code data-testid="new-app-secret">{move || secret_signal.get()}</code>
                    <CopyButton value=secret_signal what="AppSecret" />
                </dd>
            </dl>
            <div class="actions">
                <button type="button" class="btn" on:click=on_download>
                    "Download .env file"
                </button>
                <a class="btn btn-primary" href=detail_href>
                    "Open app"
                </a>
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
