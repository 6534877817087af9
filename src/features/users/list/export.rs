//! The shown users as a CSV or JSON file, in the formats of the apps list
//! ([`ExportFormat`]). `SipSecret` is not in [`User`] at all, so it cannot
//! be written; the tests check that anyway. The CSV header is the API's
//! [`user_keys`], so an export reads back as an import (extra columns
//! ignored).

use crate::api::users::user_keys;
use crate::api::User;
use crate::features::list::csv::csv_line;
use crate::features::list::export::ExportFormat;

/// The file's contents.
pub(crate) fn render_users(format: ExportFormat, users: &[User]) -> String {
    match format {
        ExportFormat::Csv => to_csv(users),
        ExportFormat::Json => to_json(users),
    }
}

/// The name the browser saves the file under: the app's id (letters,
/// digits and `-` only), never anything secret.
pub(crate) fn users_file_name(format: ExportFormat, app_id: &str) -> String {
    let safe: String = app_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("exotel-users-{safe}.{}", format.extension())
}

fn to_csv(users: &[User]) -> String {
    let mut out = csv_line(user_keys());
    for u in users {
        let yes_no = |b: bool| if b { "true" } else { "false" };
        out.push_str(&csv_line([
            u.app_user_id.as_str(),
            &u.app_username,
            &u.email,
            &u.role,
            &u.exotel_account_sid,
            &u.exotel_user_id,
            &u.exotel_user_name,
            &u.virtual_number,
            &u.agent_number,
            &u.active_device_id,
            &u.phone_device_id,
            &u.sip_device_id,
            &u.sip_id,
            yes_no(u.outbound_active),
            yes_no(u.is_active),
            &u.app_id,
            &u.customer_id,
            &u.user_detail,
            &u.created_at,
            &u.updated_at,
        ]));
    }
    out
}

/// The users with the API's own field names, pretty-printed.
fn to_json(users: &[User]) -> String {
    serde_json::to_string_pretty(users).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::api::transport::Answer;
    use crate::api::users::decode_user;
    use crate::features::users::import::csv::read_import;

    /// A user decoded from an answer that carried a SipSecret.
    fn decoded_user() -> User {
        let body = r#"{"Status":"success","Data":{"AppUserId":"u1","AppUsername":"Asha Verma",
            "Email":"asha@example.com","ExotelAccountSid":"acme1","ExotelUserName":"Asha Verma",
            "VirtualNumber":"+918000000001","IsActive":true,"SipId":"sip:asha@acme",
            "SipSecret":"enc-s3cr3t","sip_secret":"enc-s3cr3t-2"}}"#;
        decode_user(&Answer::new(200, None, body)).unwrap()
    }

    #[test]
    fn neither_format_holds_the_sip_secret() {
        for format in ExportFormat::ALL {
            let out = render_users(format, &[decoded_user()]);
            assert!(out.contains("Asha Verma"));
            for banned in ["SipSecret", "sip_secret", "s3cr3t"] {
                assert!(
                    !out.to_lowercase().contains(&banned.to_lowercase()),
                    "{format:?} has {banned}"
                );
            }
        }
    }

    #[test]
    fn csv_has_one_line_per_user_and_reads_back_as_an_import() {
        let csv = render_users(ExportFormat::Csv, &[decoded_user(), User::default()]);
        assert_eq!(
            csv.split("\r\n").count(),
            4,
            "header, two rows, trailing newline"
        );
        assert!(
            csv.contains("\"+918000000001\""),
            "phone numbers are not defused"
        );
        let file = read_import(&csv, &HashSet::new(), "").unwrap();
        assert!(file.rows[0].is_ready(), "{:?}", file.rows[0].problems);
        assert_eq!(file.rows[0].draft.virtual_number, "+918000000001");
    }

    #[test]
    fn json_uses_api_names() {
        let json = render_users(ExportFormat::Json, &[decoded_user()]);
        assert!(json.contains("\"AppUserId\": \"u1\""));
        assert!(json.contains("\"IsActive\": true"));
    }

    #[test]
    fn file_names_hold_only_the_app_id() {
        assert_eq!(
            users_file_name(ExportFormat::Csv, "2e64-ab/../x"),
            "exotel-users-2e64-abx.csv"
        );
        assert_eq!(
            users_file_name(ExportFormat::Json, "a1"),
            "exotel-users-a1.json"
        );
    }
}
