//! The optional expiry of a token. Tokens are opaque to the API's clients;
//! some happen to be JWTs with an `exp` claim, which lets the console warn
//! before a token runs out. Nothing here verifies a signature.

use super::envelope::{Data, DataSink};
use super::types::{drive, Ignore, Lenient, Sink};

/// The `exp` claim (unix seconds) of a JWT-shaped token: three dot-separated
/// base64url segments whose first two decode to JSON objects, the payload
/// holding a non-negative numeric `exp`. Any other token gives `None`.
pub(crate) fn token_expiry(token: &str) -> Option<u64> {
    let token = token.trim();
    let mut parts = token.split('.');
    let (header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || header.is_empty() || payload.is_empty() {
        return None;
    }
    let header = String::from_utf8(base64url_decode(header)?).ok()?;
    let mut ignore = Ignore;
    let mut header_sink = DataSink::new(&mut ignore);
    drive(&header, &mut header_sink).ok()?;
    if header_sink.data != Data::Object {
        return None;
    }
    let payload = String::from_utf8(base64url_decode(payload)?).ok()?;
    let mut claims = Claims::default();
    drive(&payload, &mut claims).ok()?;
    claims.exp
}

/// The claims the console reads: `exp`, when it is a non-negative number.
#[derive(Default)]
struct Claims {
    exp: Option<u64>,
    leaf: Lenient,
}

impl Sink for Claims {
    fn field(&mut self, key: &str) -> Option<&mut dyn Sink> {
        (key == "exp").then_some(&mut self.leaf as &mut dyn Sink)
    }
    fn field_done(&mut self) {
        self.exp = self.leaf.count();
    }
}

/// Seconds left before `token` expires at `now` (unix seconds): `Some(0)` if
/// already expired, `None` when the token carries no expiry.
#[cfg(test)]
pub(crate) fn seconds_left(token: &str, now: u64) -> Option<u64> {
    token_expiry(token).map(|exp| exp.saturating_sub(now))
}

/// Decodes base64url (RFC 4648 §5), with or without `=` padding; the
/// standard alphabet's `+` and `/` are accepted too. `None` on any other
/// character or an impossible length.
pub(crate) fn base64url_decode(input: &str) -> Option<Vec<u8>> {
    let data = input.trim_end_matches('=');
    if input.len() - data.len() > 2 || data.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for byte in data.bytes() {
        let v = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Encoder for the tests only.
    fn b64url(bytes: &[u8], pad: bool) -> String {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
            let chars = chunk.len() + 1;
            for i in 0..4 {
                if i < chars {
                    out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else if pad {
                    out.push('=');
                }
            }
        }
        out
    }

    fn jwt(payload: &str, pad: bool) -> String {
        format!(
            "{}.{}.{}",
            b64url(br#"{"alg":"HS256","typ":"JWT"}"#, pad),
            b64url(payload.as_bytes(), pad),
            b64url(b"signature-bytes", pad)
        )
    }

    #[test]
    fn real_jwt() {
        // jwt.io's sample token, with an exp claim added (HS256, "your-256-bit-secret").
        let token = concat!(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
            "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE4OTM0NTYwMDB9.",
            "oK1nM9o8WfLxfojNxqW5jOgIUWW6XjhdXDzHgq7TyaA"
        );
        assert_eq!(token_expiry(token), Some(1_893_456_000));
        assert_eq!(seconds_left(token, 1_893_455_000), Some(1000));
        assert_eq!(seconds_left(token, 1_900_000_000), Some(0));
        // Surrounding whitespace is tolerated.
        assert_eq!(token_expiry(&format!("  {token}\n")), Some(1_893_456_000));
    }

    #[test]
    fn jwt_without_exp_or_with_odd_exp() {
        let no_exp = concat!(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
            "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.",
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        );
        assert_eq!(token_expiry(no_exp), None);
        assert_eq!(token_expiry(&jwt(r#"{"exp":"1700000000"}"#, false)), None);
        assert_eq!(token_expiry(&jwt(r#"{"exp":-5}"#, false)), None);
        assert_eq!(
            token_expiry(&jwt(r#"{"exp":1700000000.75}"#, false)),
            Some(1_700_000_000)
        );
        assert_eq!(token_expiry(&jwt(r#"[1,2]"#, false)), None);
        assert_eq!(seconds_left(no_exp, 0), None);
    }

    #[test]
    fn claims_read_as_a_json_object_would_have_been() {
        // A repeated claim: its last value.
        assert_eq!(
            token_expiry(&jwt(r#"{"exp":5,"exp":1700000000}"#, false)),
            Some(1_700_000_000)
        );
        assert_eq!(token_expiry(&jwt(r#"{"exp":5,"exp":null}"#, false)), None);
        // Other claims of any shape are skipped; a nested exp is not the exp.
        let payload = r#"{"sub":{"exp":1},"aud":["a",{"b":[]}],"exp":42}"#;
        assert_eq!(token_expiry(&jwt(payload, false)), Some(42));
        assert_eq!(token_expiry(&jwt(r#"{"sub":{"exp":1}}"#, false)), None);
        // An unreadable claim anywhere makes the token unreadable.
        assert_eq!(token_expiry(&jwt(r#"{"exp":42,"n":1e999}"#, false)), None);
        assert_eq!(
            token_expiry(&jwt(r#"{"exp":18446744073709551615}"#, false)),
            Some(u64::MAX)
        );
    }

    #[test]
    fn padding_variants() {
        // Payload lengths that give 0, 1 and 2 padding characters.
        for payload in [
            r#"{"exp":1700000000}"#,
            r#"{"exp":1700000000} "#,
            r#"{"exp":1700000000}  "#,
        ] {
            for pad in [false, true] {
                let token = jwt(payload, pad);
                assert_eq!(token_expiry(&token), Some(1_700_000_000), "{token}");
            }
        }
        assert_eq!(base64url_decode("TWE").unwrap(), b"Ma");
        assert_eq!(base64url_decode("TWE=").unwrap(), b"Ma");
        assert_eq!(base64url_decode("TQ==").unwrap(), b"M");
        assert_eq!(base64url_decode("TWFu").unwrap(), b"Man");
        assert_eq!(base64url_decode("").unwrap(), b"");
        assert_eq!(base64url_decode("-_+/").unwrap(), [0xfb, 0xff, 0xbf]);
        assert_eq!(base64url_decode("TQ==="), None);
        assert_eq!(base64url_decode("T"), None);
        assert_eq!(base64url_decode("TW E"), None);
    }

    #[test]
    fn opaque_tokens() {
        // The seed's example token: base64 of a UUID, no dots.
        assert_eq!(
            token_expiry("NmUxNGIyN2ItY2YzYy00MzRhLThlNzItYWNjMWFiNWQzY2Vi"),
            None
        );
        assert_eq!(token_expiry("2e6440ed-ff62-49d7-bb00-5494b313a863"), None);
        assert_eq!(token_expiry(""), None);
    }

    #[test]
    fn garbage_never_panics() {
        for token in [
            ".",
            "..",
            "...",
            "a.b.c",
            "a.b.c.d",
            "eyJhbGciOiJIUzI1NiJ9..sig",
            "eyJhbGciOiJIUzI1NiJ9.@@@.sig",
            "eyJhbGciOiJIUzI1NiJ9.e30.sig",
            "ééé.ééé.ééé",
            "\u{0}.\u{0}.\u{0}",
            "e30.e30.",
            "=.=.=",
            "A.AA.AAA",
        ] {
            assert_eq!(token_expiry(token), None, "{token:?}");
        }
        // Every byte pattern of short segments.
        for a in 0u8..=255 {
            let s = format!("{0}{0}.{0}.x", a as char);
            let _ = token_expiry(&s);
        }
    }
}
