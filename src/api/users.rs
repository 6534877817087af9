//! User mappings (`/usermapping`, app token) and device switches
//! (`/device`): shapes, request building and decoding; the [`super::Client`]
//! endpoints are in [`client`].
//!
//! The contract's traps are handled here, once:
//! - `SipSecret` has no field in [`User`], so it is dropped while decoding
//!   and can never be shown, stored, logged or exported;
//! - live answers spell some keys in snake case (`customer_id`): keys are
//!   matched ignoring case and underscores while decoding;
//! - the next-page field of a page is undocumented: [`NEXT_PAGE_KEYS`];
//! - a GET of one user that answers 404 *with an API envelope* means "no
//!   such user" (a proxy's 404 page is still an error);
//! - `POST` takes an array even for one user, `PUT` exactly one object;
//! - a `+` in a query value must be sent as `%2B` (a raw one is a space).

use serde::Serialize;

use super::types::{Fields, Setter};

mod client;
mod decode;

pub(crate) use decode::{
    decode_created_users, decode_deleted, decode_one_user, decode_user, decode_user_page,
};

/// One user mapping as the API describes it, minus `SipSecret`. Decoded
/// only through [`decode`], which matches every key to the API's spelling.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct User {
    pub(crate) customer_id: String,
    #[serde(rename = "AppID")]
    pub(crate) app_id: String,
    pub(crate) app_user_id: String,
    pub(crate) app_username: String,
    pub(crate) email: String,
    pub(crate) role: String,
    pub(crate) exotel_account_sid: String,
    pub(crate) exotel_user_id: String,
    pub(crate) exotel_user_name: String,
    pub(crate) agent_number: String,
    pub(crate) virtual_number: String,
    pub(crate) active_device_id: String,
    #[serde(rename = "PhoneDeviceID")]
    pub(crate) phone_device_id: String,
    #[serde(rename = "SipDeviceID")]
    pub(crate) sip_device_id: String,
    pub(crate) outbound_active: bool,
    pub(crate) is_active: bool,
    pub(crate) sip_id: String,
    /// Null in every known answer; kept as text when it is not.
    pub(crate) user_detail: String,
    pub(crate) created_at: String,
    pub(crate) updated_at: String,
}

/// Each key of [`User`] as the API spells it, once, with the field it
/// fills, in the order an export's CSV header lists them (the users first,
/// the app's and times last).
impl Fields for User {
    const FIELDS: &'static [(&'static str, Setter<Self>)] = &[
        ("AppUserId", |u, v| u.app_user_id = v.take_string()),
        ("AppUsername", |u, v| u.app_username = v.take_string()),
        ("Email", |u, v| u.email = v.take_string()),
        ("Role", |u, v| u.role = v.take_string()),
        ("ExotelAccountSid", |u, v| {
            u.exotel_account_sid = v.take_string()
        }),
        ("ExotelUserId", |u, v| u.exotel_user_id = v.take_string()),
        ("ExotelUserName", |u, v| {
            u.exotel_user_name = v.take_string()
        }),
        ("VirtualNumber", |u, v| u.virtual_number = v.take_string()),
        ("AgentNumber", |u, v| u.agent_number = v.take_string()),
        ("ActiveDeviceId", |u, v| {
            u.active_device_id = v.take_string()
        }),
        ("PhoneDeviceID", |u, v| u.phone_device_id = v.take_string()),
        ("SipDeviceID", |u, v| u.sip_device_id = v.take_string()),
        ("SipId", |u, v| u.sip_id = v.take_string()),
        ("OutboundActive", |u, v| u.outbound_active = v.flag()),
        ("IsActive", |u, v| u.is_active = v.flag()),
        ("AppID", |u, v| u.app_id = v.take_string()),
        ("CustomerId", |u, v| u.customer_id = v.take_string()),
        ("UserDetail", |u, v| u.user_detail = v.take_string()),
        ("CreatedAt", |u, v| u.created_at = v.take_string()),
        ("UpdatedAt", |u, v| u.updated_at = v.take_string()),
    ];
}

/// The keys of a user, as [`User::FIELDS`] lists them.
pub(crate) fn user_keys() -> impl Iterator<Item = &'static str> {
    User::FIELDS.iter().map(|(key, _)| *key)
}

/// Which of a user's devices is active: the one whose id is
/// `ActiveDeviceId`, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ActiveDevice {
    Phone,
    Sip,
    None,
}

impl User {
    pub(crate) fn active_device(&self) -> ActiveDevice {
        let active = self.active_device_id.trim();
        if active.is_empty() {
            ActiveDevice::None
        } else if active == self.sip_device_id.trim() {
            ActiveDevice::Sip
        } else if active == self.phone_device_id.trim() {
            ActiveDevice::Phone
        } else {
            ActiveDevice::None
        }
    }
}

/// One user to create, as `POST /usermapping` sends it (inside an array).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct NewUser {
    pub(crate) app_user_id: String,
    pub(crate) app_username: String,
    pub(crate) email: String,
    pub(crate) exotel_account_sid: String,
    pub(crate) exotel_user_name: String,
    pub(crate) virtual_number: String,
    /// Setting it also creates a phone device.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) agent_number: Option<String>,
}

/// `PUT /usermapping`: the user named by `app_user_id`, with only the
/// fields to change (`None` is not sent, so the server keeps its value).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct UserUpdate {
    pub(crate) app_user_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) app_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) exotel_account_sid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) exotel_user_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) virtual_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) agent_number: Option<String>,
}

/// One of a user's two devices, as `PUT /device` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Device {
    Phone,
    Sip,
}

/// `PUT /device`: switch one device of one user on or off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct DeviceSwitch {
    /// The user's AppUserId.
    #[serde(rename = "UserId")]
    pub(crate) user_id: String,
    #[serde(rename = "DeviceName")]
    pub(crate) device: Device,
    #[serde(rename = "DeviceStatus")]
    pub(crate) on: bool,
}

/// One page of `GET /usermapping?page_size=&last_value=`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct UserPage {
    pub(crate) users: Vec<User>,
    /// The `last_value` of the next page; `None`: the server gave none.
    pub(crate) next: Option<String>,
    /// The page size the server says it served (`PageSize`), which may be
    /// less than the size asked for; `None` when it does not say.
    pub(crate) served_size: Option<usize>,
}

/// The spellings of the next-page field, tried in order: Exotel's
/// documented `LastEvaluatedValue`, then the names older or other
/// deployments were guessed to use.
pub(crate) const NEXT_PAGE_KEYS: [&str; 5] = [
    "LastEvaluatedValue",
    "NextKey",
    "LastValue",
    "last_value",
    "next_key",
];

/// The `last_value` of the first page.
pub(crate) const FIRST_PAGE: &str = "0";

/// Users asked for per `GET /usermapping`: the most the list asks at once
/// (100 pages for 10,000 users); Exotel may serve fewer (the paging rules).
pub(crate) const PAGE_SIZE: usize = 100;

/// `GET /usermapping` for the first page at [`PAGE_SIZE`], written out: the
/// list's first read is sent from the main module, which then carries no
/// URL-building code for it (tested equal to [`page_path`]'s).
pub(crate) const FIRST_PAGE_PATH: &str = "/usermapping?page_size=100&last_value=0";

/// `GET /usermapping` for one page.
pub(crate) fn page_path(page_size: usize, last_value: &str) -> String {
    format!(
        "/usermapping?page_size={page_size}&last_value={}",
        encode_query_value(last_value)
    )
}

/// `GET /usermapping` for one user.
pub(crate) fn one_user_path(app_user_id: &str) -> String {
    format!("/usermapping?user_id={}", encode_query_value(app_user_id))
}

/// Percent-encodes a query value: everything but RFC 3986's unreserved
/// characters, byte by byte of the UTF-8 (so `+` is `%2B`, space `%20`).
pub(crate) fn encode_query_value(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::ApiError;
    use crate::api::transport::Answer;
    use serde_json::Value;

    fn answer(status: u16, body: &str) -> Answer {
        Answer::new(status, Some("application/json"), body)
    }

    fn success(data: &str) -> Answer {
        answer(
            200,
            &format!(
                r#"{{"RequestId":"r1","Status":"success","Code":200,"Error":"","Data":{data}}}"#
            ),
        )
    }

    const FULL_USER: &str = r#"{"CustomerId":"c1","AppID":"a1","AppUserId":"u+1","AppUsername":"Asha Verma",
        "Email":"asha@example.com","Role":"agent","ExotelAccountSid":"acme1","ExotelUserId":"x1",
        "ExotelUserName":"Asha Verma","AgentNumber":"+919800000001","VirtualNumber":"08000000001",
        "ActiveDeviceId":"d-sip","PhoneDeviceID":"d-phone","SipDeviceID":"d-sip","OutboundActive":"true",
        "IsActive":1,"SipId":"sip:asha@acme","SipSecret":"enc-s3cr3t-value","UserDetail":null,
        "CreatedAt":"2024-01-01T10:00:00+05:30","UpdatedAt":"2024-01-02T10:00:00+05:30"}"#;

    #[test]
    fn a_user_decodes_every_field_but_the_sip_secret() {
        let user = decode_user(&success(FULL_USER)).unwrap();
        assert_eq!(user.app_user_id, "u+1");
        assert_eq!(user.exotel_user_name, "Asha Verma");
        assert_eq!(user.phone_device_id, "d-phone");
        assert!(user.outbound_active && user.is_active);
        assert_eq!(user.user_detail, "");
        assert_eq!(user.active_device(), ActiveDevice::Sip);
        let shown = format!("{user:?}") + &serde_json::to_string(&user).unwrap();
        assert!(!shown.contains("s3cr3t") && !shown.contains("SipSecret"));
    }

    #[test]
    fn snake_case_keys_decode_too() {
        let body = r#"{"customer_id":"c9","app_id":"a9","app_user_id":"u9","app_username":"Ravi Kumar",
            "email":"r@example.com","is_active":"yes","outbound_active":false,"sip_secret":"zzz-secret",
            "active_device_id":"p","phone_device_id":"p","virtual_number":12345678}"#;
        let user = decode_user(&success(body)).unwrap();
        assert_eq!(
            (user.customer_id.as_str(), user.app_id.as_str()),
            ("c9", "a9")
        );
        assert_eq!(user.app_username, "Ravi Kumar");
        assert!(user.is_active && !user.outbound_active);
        assert_eq!(user.virtual_number, "12345678");
        assert_eq!(user.active_device(), ActiveDevice::Phone);
        assert!(!format!("{user:?}").contains("zzz-secret"));
    }

    #[test]
    fn both_spellings_the_live_service_sends_decode_to_one_field() {
        // Exotel's web SDK reads `customer_id` from GET /usermapping?user_id=,
        // and the sandbox answers both, as the live service does.
        for body in [
            r#"{"CustomerId":"c1","customer_id":"c1","AppUserId":"u1"}"#,
            r#"{"customer_id":"c1","CustomerId":"c1","AppUserId":"u1"}"#,
            r#"{"customer_id":"c1","AppUserId":"u1"}"#,
            r#"{"CustomerId":"c1","AppUserId":"u1"}"#,
        ] {
            let user = decode_user(&success(body)).unwrap();
            assert_eq!(user.customer_id, "c1", "{body}");
        }
        // Were they ever to differ, the API's documented spelling wins.
        let body = r#"{"customer_id":"lower","CustomerId":"documented"}"#;
        assert_eq!(
            decode_user(&success(body)).unwrap().customer_id,
            "documented"
        );
    }

    #[test]
    fn any_case_or_underscore_spelling_decodes_and_the_api_spelling_wins() {
        let body = r#"{"CUSTOMERID":"c1","customerId":"c2","AppId":"a1","phone_device_id":"p",
            "SipDeviceId":"s","appUserId":"u1","AppUserId":"wins"}"#;
        let user = decode_user(&success(body)).unwrap();
        assert_eq!(
            (user.customer_id.as_str(), user.app_id.as_str()),
            ("c1", "a1")
        );
        assert_eq!(
            (user.phone_device_id.as_str(), user.sip_device_id.as_str()),
            ("p", "s")
        );
        assert_eq!(user.app_user_id, "wins");
    }

    #[test]
    fn the_key_list_is_the_user_type_s() {
        let Value::Object(written) = serde_json::to_value(User::default()).unwrap() else {
            panic!("a user serialises to an object");
        };
        let mut keys: Vec<&str> = written.keys().map(String::as_str).collect();
        let mut listed: Vec<&str> = user_keys().collect();
        keys.sort_unstable();
        listed.sort_unstable();
        assert_eq!(keys, listed);
    }

    #[test]
    fn a_user_without_an_active_device_has_none() {
        assert_eq!(User::default().active_device(), ActiveDevice::None);
        let orphan = User {
            active_device_id: "gone".into(),
            ..User::default()
        };
        assert_eq!(orphan.active_device(), ActiveDevice::None);
    }

    #[test]
    fn each_next_page_spelling_is_followed() {
        for key in NEXT_PAGE_KEYS {
            let page = decode_user_page(&success(&format!(
                r#"{{"Users":[{FULL_USER}],"{key}":"100"}}"#
            )))
            .unwrap();
            assert_eq!(page.next.as_deref(), Some("100"), "{key}");
            assert_eq!(page.users.len(), 1);
        }
        let number = decode_user_page(&success(r#"{"Users":[],"LastValue":42}"#)).unwrap();
        assert_eq!(number.next.as_deref(), Some("42"));
    }

    #[test]
    fn an_empty_null_or_absent_next_key_ends_the_list() {
        for data in [
            r#"{"Users":[],"NextKey":""}"#,
            r#"{"Users":[],"next_key":null}"#,
            r#"{"Users":null}"#,
            r#"{}"#,
        ] {
            assert_eq!(
                decode_user_page(&success(data)).unwrap(),
                UserPage::default(),
                "{data}"
            );
        }
    }

    #[test]
    fn a_page_of_the_wrong_shape_is_a_decode_error() {
        for data in [r#""text""#, r#"{"Users":"none"}"#] {
            let err = decode_user_page(&success(data)).unwrap_err();
            assert!(matches!(err, ApiError::Decode { .. }), "{err:?}");
        }
    }

    #[test]
    fn an_api_404_is_no_such_user_but_an_html_404_is_an_error() {
        let missing = r#"{"RequestId":"r2","Status":"failure","Code":404,"Error":"record not found","Data":null}"#;
        assert_eq!(decode_one_user(&answer(404, missing)).unwrap(), None);
        let html = Answer::new(
            404,
            Some("text/html"),
            "<html><body>Not Found</body></html>",
        );
        assert!(matches!(
            decode_one_user(&html),
            Err(ApiError::NotEnvelope { .. })
        ));
        assert_eq!(
            decode_one_user(&success(FULL_USER))
                .unwrap()
                .unwrap()
                .app_id,
            "a1"
        );
        let refused = r#"{"RequestId":"r3","Status":"failure","Error":"invalid token"}"#;
        assert!(decode_one_user(&answer(401, refused))
            .unwrap_err()
            .is_unauthorized());
    }

    #[test]
    fn created_users_and_deletion_decode() {
        let created =
            decode_created_users(&success(&format!("[{FULL_USER},{FULL_USER}]"))).unwrap();
        assert_eq!(created.len(), 2);
        assert!(decode_created_users(&success("null")).unwrap().is_empty());
        assert!(matches!(
            decode_created_users(&success("{}")),
            Err(ApiError::Decode { .. })
        ));
        assert_eq!(
            decode_deleted(&success(r#""Deleted Successfuly""#)).unwrap(),
            "Deleted Successfuly"
        );
        let trial = concat!(
            r#"{"RequestId":"r4","Status":"failure","#,
            r#""Error":"This is a trial account. Operation not permitted."}"#
        );
        assert!(matches!(
            decode_created_users(&answer(403, trial)),
            Err(ApiError::Http { status: 403, .. })
        ));
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            encode_query_value("a+b c/é~_.-Z9"),
            "a%2Bb%20c%2F%C3%A9~_.-Z9"
        );
        assert_eq!(
            one_user_path("+9198&x=1"),
            "/usermapping?user_id=%2B9198%26x%3D1"
        );
        assert_eq!(page_path(PAGE_SIZE, FIRST_PAGE), FIRST_PAGE_PATH);
        assert_eq!(
            page_path(20, "k 1"),
            "/usermapping?page_size=20&last_value=k%201"
        );
    }

    #[test]
    fn request_bodies_use_the_api_names() {
        let new = NewUser {
            app_user_id: "u1".into(),
            agent_number: None,
            ..NewUser::default()
        };
        let body = serde_json::to_string(&[new]).unwrap();
        assert!(body.starts_with(r#"[{"AppUserId":"u1","AppUsername":"#));
        assert!(!body.contains("AgentNumber"));
        let update = UserUpdate {
            app_user_id: "u1".into(),
            email: Some("e@x.io".into()),
            ..UserUpdate::default()
        };
        assert_eq!(
            serde_json::to_string(&update).unwrap(),
            r#"{"AppUserId":"u1","Email":"e@x.io"}"#
        );
        let switch = DeviceSwitch {
            user_id: "u1".into(),
            device: Device::Sip,
            on: true,
        };
        assert_eq!(
            serde_json::to_string(&switch).unwrap(),
            r#"{"UserId":"u1","DeviceName":"sip","DeviceStatus":true}"#
        );
        assert!(serde_json::to_string(&Device::Phone).unwrap() == r#""phone""#);
    }
}
