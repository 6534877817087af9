//! The user decoders on shapes the tests of [`super::super`] do not cover:
//! repeated and competing key spellings, long lists, odd next-page values.

use super::*;

fn success(data: &str) -> Answer {
    Answer::new(
        200,
        Some("application/json"),
        &format!(r#"{{"RequestId":"r1","Status":"success","Data":{data}}}"#),
    )
}

#[test]
fn competing_spellings_resolve_as_a_sorted_map_did() {
    // "Customer_Id" sorts before "customer_id": it wins in either order.
    for data in [
        r#"{"customer_id":"lower","Customer_Id":"upper"}"#,
        r#"{"Customer_Id":"upper","customer_id":"lower"}"#,
    ] {
        assert_eq!(decode_user(&success(data)).unwrap().customer_id, "upper");
    }
    // The same odd spelling twice: its last value; the API's spelling
    // beats both, wherever it stands.
    let data = r#"{"app_id":"1","app_id":"2"}"#;
    assert_eq!(decode_user(&success(data)).unwrap().app_id, "2");
    let data = r#"{"AppID":"api","app_id":"1","AppID":"api2","appid":"3"}"#;
    assert_eq!(decode_user(&success(data)).unwrap().app_id, "api2");
}

#[test]
fn odd_field_values_are_read_tolerantly() {
    let data = r#"{"AppUsername":["a",1],"IsActive":"no","OutboundActive":2,
        "Email":null,"SipSecret":{"nested":"s3cr3t"},"Unknown":[{}]}"#;
    let user = decode_user(&success(data)).unwrap();
    assert_eq!(user.app_username, r#"["a",1]"#);
    assert!(!user.is_active && user.outbound_active);
    assert_eq!(user.email, "");
    assert!(!format!("{user:?}").contains("s3cr3t"));
}

#[test]
fn a_bad_item_in_10000_created_users_fails_the_list_as_before() {
    let mut items = vec![r#"{"AppUserId":"u"}"#; 10_000];
    assert_eq!(
        decode_created_users(&success(&format!("[{}]", items.join(","))))
            .unwrap()
            .len(),
        10_000
    );
    items[5_000] = "17";
    items[7_000] = r#""text""#;
    let err = decode_created_users(&success(&format!("[{}]", items.join(",")))).unwrap_err();
    assert_eq!(
        err,
        ApiError::Decode {
            status: 200,
            request_id: Some("r1".into()),
            detail: "expected a user object, got a number".into(),
        }
    );
}

#[test]
fn the_page_list_and_next_key_follow_the_old_precedence() {
    // "Users" (even null) is preferred to "users".
    let data = r#"{"users":[{"AppUserId":"x"}],"Users":null}"#;
    assert!(decode_user_page(&success(data)).unwrap().users.is_empty());
    let data = r#"{"users":[{"AppUserId":"x"}]}"#;
    assert_eq!(decode_user_page(&success(data)).unwrap().users.len(), 1);
    // A bad "users" does not matter when "Users" is there.
    let data = r#"{"users":5,"Users":[]}"#;
    assert!(decode_user_page(&success(data)).is_ok());
    // The first usable next-page field in NEXT_PAGE_KEYS order.
    let next = |data: &str| decode_user_page(&success(data)).unwrap().next;
    assert_eq!(
        next(r#"{"NextKey":"a","LastEvaluatedValue":"21"}"#).as_deref(),
        Some("21")
    );
    assert_eq!(
        next(r#"{"LastEvaluatedValue":21,"NextKey":"a"}"#).as_deref(),
        Some("21"),
        "a number is tolerated"
    );
    assert_eq!(
        next(r#"{"LastEvaluatedValue":"","NextKey":"a"}"#).as_deref(),
        Some("a"),
        "an empty documented key falls back to the other names"
    );
    assert_eq!(
        next(r#"{"next_key":"b","NextKey":"a"}"#).as_deref(),
        Some("a")
    );
    assert_eq!(
        next(r#"{"NextKey":" ","LastValue":[1],"last_value":7.5}"#).as_deref(),
        Some("7.5")
    );
    assert_eq!(next(r#"{"NextKey":"5","NextKey":null}"#), None);
    assert_eq!(next(r#"{"NextKey":{"a":1},"next_key":true}"#), None);
}

#[test]
fn a_repeated_data_page_counts_only_once() {
    let body = concat!(
        r#"{"Status":"success","Data":{"Users":[{"AppUserId":"a"}],"NextKey":"5"},"#,
        r#""Data":{"users":[]}}"#
    );
    let page = decode_user_page(&Answer::new(200, None, body)).unwrap();
    assert_eq!(page, UserPage::default());
}

#[test]
fn the_documented_page_reads_its_page_size_and_key() {
    let data = r#"{"Users":[{"AppUserId":"a"}],"PageSize":20,"LastEvaluatedValue":"21"}"#;
    let page = decode_user_page(&success(data)).unwrap();
    assert_eq!(page.users.len(), 1);
    assert_eq!(page.next.as_deref(), Some("21"));
    assert_eq!(page.served_size, Some(20));
    let size = |data: &str| decode_user_page(&success(data)).unwrap().served_size;
    assert_eq!(size(r#"{"Users":[],"PageSize":"50"}"#), Some(50));
    assert_eq!(size(r#"{"Users":[],"PageSize":50.0}"#), Some(50));
    for says_nothing in [
        r#"{"Users":[]}"#,
        r#"{"Users":[],"PageSize":null}"#,
        r#"{"Users":[],"PageSize":0}"#,
        r#"{"Users":[],"PageSize":-5}"#,
        r#"{"Users":[],"PageSize":"many"}"#,
        r#"{"Users":[],"PageSize":[20]}"#,
    ] {
        assert_eq!(size(says_nothing), None, "{says_nothing}");
    }
}
