//! Reading request bodies field by field, so every 400 names the field at
//! fault ("AppName is required", "IsActive must be a boolean"). serde's own
//! errors would be less precise and would not say which field comes first.

use serde_json::{Map, Value};

pub type Object = Map<String, Value>;

/// The body as a JSON object, or the message for a 400.
pub fn json_object(body: &[u8]) -> Result<Object, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("request body must be a JSON object".to_string()),
        Err(_) => Err("request body must be valid JSON".to_string()),
    }
}

/// A required, non-blank string. `null` counts as missing.
pub fn required_string<'a>(obj: &'a Object, name: &str) -> Result<&'a str, String> {
    match obj.get(name) {
        None | Some(Value::Null) => Err(format!("{name} is required")),
        Some(Value::String(s)) if s.trim().is_empty() => Err(format!("{name} must not be empty")),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("{name} must be a string")),
    }
}

/// A required boolean. `null` counts as missing; "true" (a string) is a
/// wrong type, as a strict JSON API would say.
pub fn required_bool(obj: &Object, name: &str) -> Result<bool, String> {
    match obj.get(name) {
        None | Some(Value::Null) => Err(format!("{name} is required")),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("{name} must be a boolean")),
    }
}

/// An optional string of any content (used by the test-control endpoints,
/// which check types only).
pub fn optional_string(obj: &Object, name: &str) -> Result<Option<String>, String> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("{name} must be a string")),
    }
}

/// Looks like `x@y.z`: something before the `@`, a dot after it, no
/// whitespace. The live service's exact rule is not published; this refuses
/// the obvious typos without refusing real addresses.
pub fn is_email(text: &str) -> bool {
    text.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !text.contains(char::is_whitespace)
    })
}

/// An optional `+`, then 8 to 15 digits: the numbers the live service takes
/// for users (and Exotel's call API for a call's `to`).
pub fn is_phone_number(text: &str) -> bool {
    let digits = text.strip_prefix('+').unwrap_or(text);
    (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

pub fn optional_bool(obj: &Object, name: &str) -> Result<Option<bool>, String> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(format!("{name} must be a boolean")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Object {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn string_rules() {
        let o = obj(json!({"a": "x", "b": "  ", "c": 1, "d": null}));
        assert_eq!(required_string(&o, "a"), Ok("x"));
        assert_eq!(required_string(&o, "b"), Err("b must not be empty".into()));
        assert_eq!(required_string(&o, "c"), Err("c must be a string".into()));
        assert_eq!(required_string(&o, "d"), Err("d is required".into()));
        assert_eq!(required_string(&o, "e"), Err("e is required".into()));
    }

    #[test]
    fn bool_and_body_rules() {
        let o = obj(json!({"a": true, "b": "true"}));
        assert_eq!(required_bool(&o, "a"), Ok(true));
        assert_eq!(required_bool(&o, "b"), Err("b must be a boolean".into()));
        assert_eq!(required_bool(&o, "c"), Err("c is required".into()));
        assert!(json_object(b"[1]").unwrap_err().contains("JSON object"));
        assert!(json_object(b"nope").unwrap_err().contains("valid JSON"));
        assert!(json_object(b"").unwrap_err().contains("valid JSON"));
    }
}
