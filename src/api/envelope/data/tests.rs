//! The one-pass decoding on shapes the envelope tests do not cover:
//! repeated keys, a failure explained only in an object `Data`, JSON that
//! is not an envelope, and a bad item in a long list.

use super::super::{decode_answer, decode_app_list_data};
use super::*;
use crate::api::error::{ApiError, BodyKind};
use crate::api::transport::Answer;
use crate::api::types::Ignore;

fn answer(status: u16, body: &str) -> Answer {
    Answer::new(status, Some("application/json"), body)
}

#[test]
fn a_repeated_envelope_key_keeps_its_last_value() {
    let body =
        r#"{"Status":"failure","RequestId":"a","Status":"success","RequestId":"b","Data":"x"}"#;
    let (id, data) = decode_answer(&answer(200, body), &mut Ignore).unwrap();
    assert_eq!(id.as_deref(), Some("b"));
    assert_eq!(data, Data::Text("x".into()));
    let body = r#"{"Status":"success","Data":[1],"Data":null}"#;
    assert_eq!(
        decode_answer(&answer(200, body), &mut Ignore).unwrap().1,
        Data::Null
    );
}

#[test]
fn data_kinds() {
    for (data, kind) in [
        ("true", "a boolean"),
        ("-1.5", "a number"),
        ("\"s\"", "a string"),
        ("{}", "an object"),
        ("[]", "an array"),
        ("null", "null"),
    ] {
        let body = format!(r#"{{"Status":"success","Data":{data}}}"#);
        let (_, got) = decode_answer(&answer(200, &body), &mut Ignore).unwrap();
        assert_eq!(got.kind(), kind, "{data}");
    }
}

#[test]
fn a_failure_explained_only_in_an_object_data() {
    let body = r#"{"RequestId":"r","Status":"failure","Data":{"x":1,"error":{"message":"deep"}}}"#;
    for status in [200, 400] {
        let e = decode_app_list_data(&answer(status, body)).unwrap_err();
        assert!(e.message().contains("\"deep\""), "{e:?}");
        assert_eq!(e.request_id(), Some("r"));
    }
    let body = r#"{"RequestId":"r","Status":"failure","Data":{"x":1}}"#;
    match decode_app_list_data(&answer(200, body)).unwrap_err() {
        ApiError::Failure { message, .. } => assert_eq!(message, ""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn json_that_is_not_an_envelope_is_quoted_as_a_value_printed_it() {
    let e = decode_app_list_data(&answer(200, r#"{ "b" : [1, 2.50], "a" : null }"#)).unwrap_err();
    assert_eq!(
        e,
        ApiError::NotEnvelope {
            status: 200,
            body_kind: BodyKind::Json,
            snippet: r#"{"a":null,"b":[1,2.5]}"#.into(),
        }
    );
    // Lower-case envelope keys do not make an envelope.
    let e = decode_app_list_data(&answer(200, r#"{"status":"success","data":[]}"#)).unwrap_err();
    assert!(matches!(
        e,
        ApiError::NotEnvelope {
            body_kind: BodyKind::Json,
            ..
        }
    ));
    // A number out of range anywhere makes the whole body unreadable.
    let e = decode_app_list_data(&answer(200, r#"{"Status":"success","Data":[],"n":1e999}"#))
        .unwrap_err();
    assert!(matches!(
        e,
        ApiError::NotEnvelope {
            body_kind: BodyKind::Text,
            ..
        }
    ));
}

#[test]
fn a_bad_item_in_10000_apps_is_skipped() {
    let mut items = vec![r#"{"AppID":"a","AppName":"n","IsActive":"1"}"#; 10_000];
    items[1] = "17";
    items[5_000] = "null";
    items[9_999] = r#"{"AppName":{"odd":true},"IsActive":[],"Extra":[1,2]}"#;
    let body = format!(r#"{{"Status":"success","Data":[{}]}}"#, items.join(","));
    let apps = decode_app_list_data(&answer(200, &body)).unwrap();
    assert_eq!(apps.len(), 9_998);
    assert!(apps[0].is_active);
    let last = apps.last().unwrap();
    assert_eq!(last.app_name, r#"{"odd":true}"#);
    assert!(!last.is_active);
}
