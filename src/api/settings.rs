//! App settings (`/app_setting`, app token): shapes and decoding.
//!
//! One trap of the contract is handled here, once: a settings GET that
//! answers HTTP 404 *with an API envelope* means "no settings yet", not an
//! error (a 404 page from a proxy is still an error).

use serde::{Deserialize, Serialize};

use super::endpoints::{to_json, Client};
use super::envelope::{decode_answer, wrong_data, Data};
use super::error::ApiError;
use super::ids::AppToken;
use super::service::SettingsApi;
use super::transport::{Answer, HttpMethod};
use super::types::{Fields, Ignore, ListSink, Setter};

/// One setting: a key and its value, always a string on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Setting {
    #[serde(rename = "Key")]
    pub(crate) key: String,
    #[serde(rename = "Value")]
    pub(crate) value: String,
}

/// `Key` and `Value` read tolerantly; other fields ignored.
impl Fields for Setting {
    const FIELDS: &'static [(&'static str, Setter<Self>)] = &[
        ("Key", |s, v| s.key = v.take_string()),
        ("Value", |s, v| s.value = v.take_string()),
    ];
}

/// What `GET /app_setting` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum StoredSettings {
    /// HTTP 404 from the API: the app has no settings yet.
    NoneYet,
    /// The settings, in the server's order.
    Found(Vec<Setting>),
}

impl StoredSettings {
    pub(crate) fn into_vec(self) -> Vec<Setting> {
        match self {
            StoredSettings::NoneYet => Vec::new(),
            StoredSettings::Found(list) => list,
        }
    }
}

/// `GET` (an app's settings) and `POST` (one setting), app token.
pub(crate) const SETTINGS: &str = "/app_setting";

/// `GET /app_setting`: `Data` is an array of `{Key, Value}` (items may carry
/// more fields; items that are not objects or have no key are skipped).
pub(crate) fn decode_settings(answer: &Answer) -> Result<StoredSettings, ApiError> {
    let mut list = ListSink::<Setting>::default();
    let (request_id, data) = match decode_answer(answer, &mut list) {
        Err(ApiError::Http { status: 404, .. }) => return Ok(StoredSettings::NoneYet),
        other => other?,
    };
    match data {
        Data::Null => Ok(StoredSettings::Found(Vec::new())),
        Data::Array => {
            list.items.retain(|s| !s.key.is_empty());
            Ok(StoredSettings::Found(list.items))
        }
        other => Err(wrong_data(answer, request_id, "a list of settings", &other)),
    }
}

/// `POST /app_setting`: success is all that counts; `Data` is undocumented
/// and ignored (the settings are read again instead).
pub(crate) fn decode_setting_saved(answer: &Answer) -> Result<(), ApiError> {
    decode_answer(answer, &mut Ignore).map(|_| ())
}

impl SettingsApi for Client {
    async fn get_settings(&self, token: &AppToken) -> Result<StoredSettings, ApiError> {
        let token = Some(token.expose());
        self.call(HttpMethod::Get, SETTINGS, token, None, decode_settings)
            .await
    }

    async fn save_setting(&self, token: &AppToken, setting: &Setting) -> Result<(), ApiError> {
        let body = to_json(setting)?;
        self.call(
            HttpMethod::Post,
            SETTINGS,
            Some(token.expose()),
            Some(body),
            decode_setting_saved,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Answer {
        Answer::new(status, Some("application/json"), body)
    }

    fn setting(key: &str, value: &str) -> Setting {
        Setting {
            key: key.into(),
            value: value.into(),
        }
    }

    #[test]
    fn settings_decode_in_order_ignoring_extra_fields() {
        let body = r#"{"RequestId":"r1","Status":"success","Code":200,"Data":[
            {"Key":"popup","Value":"https://a.example/p","AppID":"x"},
            {"Key":"record","Value":true},
            "junk",
            {"Value":"no key"}]}"#;
        assert_eq!(
            decode_settings(&answer(200, body)).unwrap(),
            StoredSettings::Found(vec![
                setting("popup", "https://a.example/p"),
                setting("record", "true")
            ])
        );
    }

    #[test]
    fn an_api_404_means_none_yet_but_a_proxy_404_is_an_error() {
        let none = r#"{"RequestId":"r2","Status":"failure","Code":404,"Error":"record not found","Data":null}"#;
        assert_eq!(
            decode_settings(&answer(404, none)).unwrap(),
            StoredSettings::NoneYet
        );
        let html = Answer::new(
            404,
            Some("text/html"),
            "<html><body>Not Found</body></html>",
        );
        assert!(decode_settings(&html).is_err());
    }

    #[test]
    fn other_failures_stay_errors() {
        let failure =
            r#"{"RequestId":"r3","Status":"failure","Code":500,"Error":"boom","Data":null}"#;
        assert!(decode_settings(&answer(200, failure)).is_err());
        let wrong = r#"{"RequestId":"r4","Status":"success","Data":"text"}"#;
        let err = decode_settings(&answer(200, wrong)).unwrap_err();
        assert!(matches!(err, ApiError::Decode { .. }), "{err:?}");
    }
}
