//! A credential the API shows once (a new AppSecret or CustomerSecret):
//! each value with a copy button, a `.env` download, and the warning that
//! it cannot be shown again. The page that shows it drops it afterwards.

use leptos::prelude::*;

use crate::ui::copy_button::CopyButton;
use crate::ui::dom::download;

/// One value of the panel.
#[derive(Clone)]
pub(crate) struct SecretRow {
    /// Its label, as the API names it ("AppSecret").
    pub(crate) label: &'static str,
    pub(crate) value: String,
    /// The variable it goes under in the `.env` download.
    pub(crate) env: &'static str,
    /// The value's `data-testid`.
    pub(crate) test_id: &'static str,
}

/// The `.env`-style text offered for download: one `NAME=value` line each.
pub(crate) fn env_file(rows: &[SecretRow]) -> String {
    rows.iter()
        .map(|r| format!("{}={}\n", r.env, r.value))
        .collect()
}

#[component]
pub(crate) fn SecretPanel(
    #[prop(into)] title: String,
    /// What to save, in bold ("Save the AppSecret now.").
    save_now: &'static str,
    /// Why ("Exotel shows it only once; …").
    why: &'static str,
    rows: Vec<SecretRow>,
    /// The downloaded file's name.
    #[prop(into)]
    file_name: String,
    /// The panel's own next steps, after the download button.
    children: Children,
) -> impl IntoView {
    let file = env_file(&rows);
    let on_download = move |_| download(&file_name, "text/plain", &file);
    let values = rows
        .into_iter()
        .map(|row| {
            let value = Signal::stored(row.value);
            view! {
                <dt>{row.label}</dt>
                <dd>
                    <code data-testid=row.test_id>{move || value.get()}</code>
                    <CopyButton value=value what=row.label />
                </dd>
            }
        })
        .collect_view();
    view! {
        <section
            class="card secret-panel"
            aria-labelledby="secret-title"
            data-testid="secret-panel"
        >
            <h2 id="secret-title">{title}</h2>
            <p class="alert alert-warn" role="note">
                <strong>{save_now}</strong>
                " "
                {why}
            </p>
            <dl class="kv">{values}</dl>
            <div class="actions">
                <button type="button" class="btn" on:click=on_download>
                    "Download .env file"
                </button>
                {children()}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_env_file_has_a_line_per_value() {
        let row = |env, value: &str| SecretRow {
            label: "x",
            value: value.into(),
            env,
            test_id: "x",
        };
        let rows = [
            row("EXOTEL_APP_ID", "id1"),
            row("EXOTEL_APP_SECRET", "s3cret"),
        ];
        assert_eq!(
            env_file(&rows),
            "EXOTEL_APP_ID=id1\nEXOTEL_APP_SECRET=s3cret\n"
        );
    }
}
