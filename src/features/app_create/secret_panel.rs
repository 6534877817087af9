//! Shown once, right after an app is created: the AppID and AppSecret with
//! copy buttons and a download, because the API never returns the secret again.

use leptos::prelude::*;

use crate::ui::secret_panel::{SecretPanel, SecretRow};

#[component]
pub(crate) fn AppSecretPanel(
    #[prop(into)] app_name: String,
    #[prop(into)] app_id: String,
    #[prop(into)] app_secret: String,
    /// Where "Open app" goes.
    #[prop(into)]
    detail_href: String,
) -> impl IntoView {
    let file_name = format!(
        "exotel-app-{}.env",
        app_id.chars().take(8).collect::<String>()
    );
    let rows = vec![
        SecretRow {
            label: "AppID",
            value: app_id,
            env: "EXOTEL_APP_ID",
            test_id: "new-app-id",
        },
        SecretRow {
            label: "AppSecret",
            value: app_secret,
            env: "EXOTEL_APP_SECRET",
            test_id: "new-app-secret",
        },
    ];
    view! {
        <SecretPanel
            title=format!("“{app_name}” is registered")
            save_now="Save the AppSecret now."
            why="Exotel shows it only once; this console will not be able to show it again."
            rows=rows
            file_name=file_name
        >
            <a class="btn btn-primary" href=detail_href>
                "Open app"
            </a>
        </SecretPanel>
    }
}
