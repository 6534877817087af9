//! The app list as CSV or JSON files. List items carry no secret (the API
//! never returns AppSecret, ExotelApiKey or ExotelApiToken in a list), and
//! only the listed fields are written.

use crate::api::App;
use crate::features::list::csv::csv_cell;
use crate::features::list::export::ExportFormat;

const HEADER: [&str; 8] = [
    "AppID",
    "AppName",
    "ExotelAccountSid",
    "ExotelDomain",
    "IsActive",
    "CreatedAt",
    "UpdatedAt",
    "CustomerID",
];

/// The name the browser saves the apps list under.
pub(crate) fn apps_file_name(format: ExportFormat) -> String {
    format!("exotel-apps.{}", format.extension())
}

/// The file's contents.
pub(crate) fn render_apps(format: ExportFormat, apps: &[App]) -> String {
    match format {
        ExportFormat::Csv => to_csv(apps),
        ExportFormat::Json => to_json(apps),
    }
}

fn to_csv(apps: &[App]) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for a in apps {
        let active = if a.is_active { "true" } else { "false" };
        let row = [
            a.app_id.as_str(),
            &a.app_name,
            &a.exotel_account_sid,
            &a.exotel_domain,
            active,
            &a.created_at,
            &a.updated_at,
            &a.customer_id,
        ];
        out.push_str(&row.map(csv_cell).join(","));
        out.push_str("\r\n");
    }
    out
}

/// Saves `apps` as a file. The writers (CSV, serde's pretty JSON) are a
/// chunk of their own, fetched on the first export, so the first load (the
/// apps list) does not carry them. `Err`: that chunk could not be fetched.
#[leptos::wasm_split::wasm_split(apps_export, wasm_split_path = ::leptos::wasm_split, fallible)]
pub(crate) fn save_apps(
    format: ExportFormat,
    apps: Vec<App>,
) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    let text = render_apps(format, &apps);
    crate::ui::dom::download(&apps_file_name(format), format.mime_type(), &text);
    Ok(())
}

/// The apps with the API's own field names, pretty-printed.
fn to_json(apps: &[App]) -> String {
    serde_json::to_string_pretty(apps).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::AppId;

    fn app(name: &str) -> App {
        App {
            app_id: AppId::new("id-1"),
            app_name: name.into(),
            exotel_account_sid: "sid".into(),
            exotel_domain: "mumbai".into(),
            is_active: true,
            ..App::default()
        }
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let csv = to_csv(&[app("say \"hi\", ok"), app("=HYPERLINK(\"x\")")]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], HEADER.join(","));
        assert!(lines[1].contains("\"say \"\"hi\"\", ok\""));
        assert!(lines[2].contains("\"'=HYPERLINK(\"\"x\"\")\""));
        assert_eq!(lines.len(), 4, "header, two rows, trailing newline");
    }

    #[test]
    fn json_uses_api_field_names_and_no_secrets() {
        let json = to_json(&[app("A")]);
        assert!(json.contains("\"AppName\": \"A\""));
        assert!(!json.contains("AppSecret"));
        assert!(!json.contains("ExotelApiKey"));
    }

    #[test]
    fn formats_name_their_files() {
        assert_eq!(apps_file_name(ExportFormat::Csv), "exotel-apps.csv");
        assert_eq!(apps_file_name(ExportFormat::Json), "exotel-apps.json");
        let empty = render_apps(ExportFormat::Csv, &[]);
        assert_eq!(empty, HEADER.join(",") + "\r\n");
    }
}
