//! Each tolerant piece against what the `Value` tree it replaces gave for
//! the same text (the old conversions are restated here as the reference).

use serde_json::Value;

use super::super::sink::{drive, Ignore};
use super::*;

/// The old `lenient_string`: a `Value`, then its text.
fn old_text(json: &str) -> String {
    match serde_json::from_str::<Value>(json).unwrap() {
        Value::Null => String::new(),
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// The old `lenient_bool`.
fn old_bool(json: &str) -> bool {
    match serde_json::from_str::<Value>(json).unwrap() {
        Value::Bool(b) => b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => {
            let s = s.trim();
            s.eq_ignore_ascii_case("true")
                || s.eq_ignore_ascii_case("yes")
                || s.parse::<f64>().is_ok_and(|f| f != 0.0)
        }
        _ => false,
    }
}

const SAMPLES: [&str; 24] = [
    r#""plain""#,
    r#""""#,
    "null",
    "true",
    "false",
    "0",
    "42",
    "-7",
    "18446744073709551615",
    "-9223372036854775808",
    "1.5",
    "1e20",
    "-0.0",
    "2.5e-8",
    r#"" yes ""#,
    r#""NO""#,
    r#""1""#,
    r#""0.0""#,
    r#""é\u00e9\n\"q\"""#,
    "[1, 2.0, \"x\", null, [true]]",
    r#"{"b": 1, "a": {"d": [], "c": "\u2028"}}"#,
    r#"{"k": 1, "k": 2, "a": 0}"#,
    "[]",
    "{}",
];

/// `json` read into a fresh `T`.
fn read<T: Sink + Default>(json: &str) -> Result<T, serde_json::Error> {
    let mut sink = T::default();
    drive(json, &mut sink).map(|()| sink)
}

#[test]
fn strings_read_as_the_value_tree_gave_them() {
    for json in SAMPLES {
        assert_eq!(
            read::<Lenient>(json).unwrap().take_string(),
            old_text(json),
            "{json}"
        );
    }
}

#[test]
fn json_text_is_the_value_tree_s_compact_text() {
    for json in SAMPLES {
        let value: Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            read::<JsonText>(json).unwrap().text,
            value.to_string(),
            "{json}"
        );
    }
    // Keys sorted, a repeated key's last value kept, nested too.
    let text = read::<JsonText>(r#"{"z":1,"a":[{"y":2,"x":[]}],"z":3}"#)
        .unwrap()
        .text;
    assert_eq!(text, r#"{"a":[{"x":[],"y":2}],"z":3}"#);
}

#[test]
fn booleans_read_as_the_value_tree_gave_them() {
    for json in SAMPLES
        .iter()
        .chain(&[r#""NaN""#, r#""inf""#, r#"" TRUE ""#, "0.0"])
        .chain(&[
            r#""-Infinity""#,
            r#"".5""#,
            r#""5.""#,
            r#""1e5""#,
            r#""0e9""#,
            r#""1e""#,
        ])
        .chain(&[
            r#""e5""#,
            r#"".""#,
            r#""+0.00""#,
            r#""0x10""#,
            r#""1.2.3""#,
            r#""12a""#,
        ])
    {
        assert_eq!(
            read::<Lenient>(json).unwrap().flag(),
            old_bool(json),
            "{json}"
        );
    }
}

#[test]
fn codes_counts_and_keys() {
    let code = |json| read::<Lenient>(json).unwrap().code();
    assert_eq!(code("200"), Some(200));
    assert_eq!(code("200.0"), Some(200));
    assert_eq!(code("-3"), Some(-3));
    assert_eq!(code(r#"" 401 ""#), Some(401));
    assert_eq!(code("200.5"), None);
    assert_eq!(code("1e15"), None);
    assert_eq!(code("18446744073709551615"), None);
    assert_eq!(code("[200]"), None);
    let count = |json| read::<Lenient>(json).unwrap().count();
    assert_eq!(count("7"), Some(7));
    assert_eq!(count("7.9"), Some(7));
    assert_eq!(count("-1"), None);
    assert_eq!(count(r#""7""#), None);
    let key = |json| read::<Lenient>(json).unwrap().key_text();
    assert_eq!(key(r#"" k ""#).as_deref(), Some("k"));
    assert_eq!(key("12").as_deref(), Some("12"));
    assert_eq!(key("1.5").as_deref(), Some("1.5"));
    assert_eq!(key(r#""  ""#), None);
    assert_eq!(key("true"), None);
    assert_eq!(key("{}"), None);
}

#[test]
fn everything_is_checked_as_a_full_parse_checks_it() {
    for json in ["1e400", r#""\ud800""#, "[1,]", r#"{"a":}"#, "tru", "1 2"] {
        assert!(serde_json::from_str::<Value>(json).is_err(), "{json}");
        assert!(read::<Ignore>(json).is_err(), "{json}");
    }
    for json in SAMPLES {
        assert!(read::<Ignore>(json).is_ok(), "{json}");
    }
}

#[derive(Debug, Default, PartialEq)]
struct Pair {
    name: String,
    on: bool,
}

impl Record for Pair {
    fn slot(&mut self, key: &str) -> Option<usize> {
        ["Name", "On"].iter().position(|k| *k == key)
    }
    fn set(&mut self, slot: usize, value: &mut Lenient) {
        if slot == 0 {
            self.name = value.take_string();
        } else {
            self.on = value.flag();
        }
    }
}

fn pair(json: &str) -> Result<Pair, serde_json::Error> {
    record_from(&mut serde_json::Deserializer::from_str(json))
}

#[test]
fn records_are_read_tolerantly_and_the_last_repeat_wins() {
    let want = |name: &str, on| Pair {
        name: name.into(),
        on,
    };
    assert_eq!(pair(r#"{"Name":"a","On":true}"#).unwrap(), want("a", true));
    // Missing, null, wrong types, extra fields (even deep ones).
    assert_eq!(pair("{}").unwrap(), Pair::default());
    assert_eq!(pair(r#"{"Name":null,"On":null}"#).unwrap(), Pair::default());
    let odd = r#"{"Name":[1,{"b":2,"a":1}],"On":"yes","X":{"Y":[[[]]]}}"#;
    assert_eq!(pair(odd).unwrap(), want(r#"[1,{"a":1,"b":2}]"#, true));
    // A repeated key: the last value, as a map would have kept it.
    let twice = r#"{"Name":"first","On":1,"Name":"second","On":0}"#;
    assert_eq!(pair(twice).unwrap(), want("second", false));
    // Escaped keys are still recognised.
    assert_eq!(pair(r#"{"N\u0061me":"x"}"#).unwrap(), want("x", false));
    // Anything but an object is an error naming what it was.
    let err = pair("[1]").unwrap_err().to_string();
    assert!(err.contains("expected an object, got an array"), "{err}");
    // A bad number in an ignored field still fails the parse.
    assert!(pair(r#"{"Name":"x","Big":1e999}"#).is_err());
}

#[test]
fn a_list_keeps_objects_and_names_the_first_bad_item() {
    let list = read::<ListSink<Pair>>(r#"[{"Name":"a"},3,{"On":1},null,"x"]"#).unwrap();
    assert_eq!(list.kind, Some("an array"));
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.bad_item, Some("a number"));
    // Read twice (a repeated key): only the last list.
    let mut list = ListSink::<Pair>::default();
    drive(r#"[{"Name":"a"},{"Name":"b"}]"#, &mut list).unwrap();
    drive(r#"[{"Name":"c"}]"#, &mut list).unwrap();
    assert_eq!(list.items, [want_pair("c")]);
    assert_eq!(read::<ListSink<Pair>>("null").unwrap().kind, Some("null"));
}

fn want_pair(name: &str) -> Pair {
    Pair {
        name: name.into(),
        on: false,
    }
}
