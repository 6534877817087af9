//! Tokens on the way out (what an admin pasted, made into an
//! `Authorization` value) and on the way in (the answer to `POST /token`).

use super::envelope::decode_string_data_with_id;
use super::error::ApiError;
use super::transport::Answer;

/// What an admin pasted, made into an `Authorization` value: surrounding
/// spaces and quotes, an `Authorization:` label and a `Bearer ` prefix (the
/// API answers 500 to it) are dropped, and so is every character a token
/// cannot hold (whitespace from line wraps, control and non-ASCII
/// characters, which a browser would refuse in a header). What is left is
/// sent as is; the API judges it.
pub(crate) fn normalize_token(raw: &str) -> String {
    let mut t = raw.trim();
    t = strip_prefix_ignore_case(t, "authorization:").trim_start();
    t = strip_quotes(t);
    let after_bearer = strip_prefix_ignore_case(t, "bearer");
    if after_bearer.len() < t.len() && after_bearer.starts_with(char::is_whitespace) {
        t = strip_quotes(after_bearer.trim_start());
    }
    t.chars().filter(char::is_ascii_graphic).collect()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> &'a str {
    match text.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => &text[prefix.len()..],
        _ => text,
    }
}

fn strip_quotes(text: &str) -> &str {
    for q in ['"', '\''] {
        if text.len() >= 2 && text.starts_with(q) && text.ends_with(q) {
            return text[1..text.len() - 1].trim();
        }
    }
    text
}

/// A token answer: `Data` must be a string, non-empty once trimmed.
pub(crate) fn decode_token(answer: &Answer) -> Result<String, ApiError> {
    let (request_id, token) = decode_string_data_with_id(answer, "the token as a string")?;
    let token = token.trim();
    if !token.is_empty() {
        return Ok(token.to_string());
    }
    Err(ApiError::Decode {
        status: answer.status,
        request_id,
        detail: "the token in Data is empty".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn normalizes_tokens() {
        let t = "NmUxNGIyN2ItY2YzYy00MzRhLThlNzItYWNjMWFiNWQzY2Vi";
        for raw in [
            t.to_string(),
            format!("  {t}\n"),
            format!("Bearer {t}"),
            format!("bearer   {t}"),
            format!("BEARER\t{t} "),
            format!("\"{t}\""),
            format!("Bearer \"{t}\""),
            format!("Authorization: {t}"),
            format!("Authorization: Bearer {t}"),
            format!("{}\n{}", &t[..20], &t[20..]),
            format!("{t}\u{200b}"),
        ] {
            assert_eq!(normalize_token(&raw), t, "{raw:?}");
        }
        // "Bearer" must be a separate word to be a prefix.
        assert_eq!(normalize_token("BearerToken"), "BearerToken");
        assert_eq!(normalize_token("Bearer"), "Bearer");
        assert_eq!(normalize_token(""), "");
        assert_eq!(normalize_token("   "), "");
        assert_eq!(normalize_token("é.token…"), ".token");
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.sig-_=";
        assert_eq!(normalize_token(&format!("Bearer {jwt}")), jwt);
    }

    #[test]
    fn token_answers() {
        let body = |data: Value| {
            json!({"RequestId": "r1", "Status": "Success", "Code": 200, "Error": "", "Data": data})
                .to_string()
        };
        let token_from_answer = |status, content_type, body: &str| {
            decode_token(&Answer::new(status, content_type, body))
        };
        assert_eq!(
            token_from_answer(200, None, &body(json!(" tok-123 "))).unwrap(),
            "tok-123"
        );
        for (data, needle) in [
            (json!(""), "empty"),
            (Value::Null, "got null"),
            (json!({"token": "x"}), "got an object"),
        ] {
            match token_from_answer(200, None, &body(data)).unwrap_err() {
                ApiError::Decode {
                    status: 200,
                    request_id: Some(r),
                    detail,
                } => {
                    assert_eq!(r, "r1");
                    assert!(detail.contains(needle), "{detail}");
                }
                other => panic!("{other:?}"),
            }
        }
        let wrong =
            json!({"RequestId": "r2", "Status": "Failure", "Code": 401, "Error": "invalid secret"});
        let e = token_from_answer(401, None, &wrong.to_string()).unwrap_err();
        assert!(e.is_unauthorized());
        assert_eq!(e.request_id(), Some("r2"));
    }

    #[test]
    fn token_answer_names_the_token_in_its_detail() {
        let body = json!({"RequestId": "r1", "Status": "Success", "Data": 5}).to_string();
        match decode_token(&Answer::new(200, None, &body)).unwrap_err() {
            ApiError::Decode { detail, .. } => {
                assert_eq!(
                    detail,
                    "expected the token as a string in Data, got a number"
                )
            }
            other => panic!("{other:?}"),
        }
    }
}
