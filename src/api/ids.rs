//! Identities as types: a customer token, an app token and an AppID are
//! different things, so a customer token passed where an app token belongs
//! does not compile. Tokens never print: their `Debug` is redacted, and the
//! text leaves only through [`Token::expose`] (the `Authorization` header,
//! session storage, and copy-as-curl when the admin asks for it).

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;

use super::token::normalize_token;

/// What a customer token may do: create and list apps, read and delete the
/// customer.
#[derive(Debug)]
pub(crate) enum CustomerScope {}

/// What an app token may do: read and delete that app, its settings and
/// its users.
#[derive(Debug)]
pub(crate) enum AppScope {}

/// The name a scope prints under.
pub(crate) trait Scope {
    const NAME: &'static str;
}

impl Scope for CustomerScope {
    const NAME: &'static str = "CustomerToken";
}

impl Scope for AppScope {
    const NAME: &'static str = "AppToken";
}

/// A token of one scope, sent as the raw `Authorization` value.
pub(crate) struct Token<S> {
    text: String,
    // `fn() -> S`: the marker never holds an `S`, so the token is Send and
    // Sync whatever `S` is.
    scope: PhantomData<fn() -> S>,
}

pub(crate) type CustomerToken = Token<CustomerScope>;
pub(crate) type AppToken = Token<AppScope>;

impl<S> Token<S> {
    /// A token as the API issued it or as it was stored.
    pub(crate) fn new(text: impl Into<String>) -> Self {
        Token {
            text: text.into(),
            scope: PhantomData,
        }
    }

    /// What an admin pasted, made sendable (see [`normalize_token`]).
    pub(crate) fn pasted(raw: &str) -> Self {
        Token::new(normalize_token(raw))
    }

    /// The token's text: for the `Authorization` header and session storage.
    pub(crate) fn expose(&self) -> &str {
        &self.text
    }
}

impl<S> Clone for Token<S> {
    fn clone(&self) -> Self {
        Token::new(self.text.clone())
    }
}

impl<S> PartialEq for Token<S> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<S> Eq for Token<S> {}

impl<S: Scope> fmt::Debug for Token<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(<redacted>)", S::NAME)
    }
}

/// An application's AppID, as the API gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub(crate) struct AppId(String);

impl AppId {
    pub(crate) fn new(id: impl Into<String>) -> Self {
        AppId(id.into())
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// Test data spells AppIDs as literals.
#[cfg(test)]
impl From<&str> for AppId {
    fn from(id: &str) -> Self {
        AppId::new(id)
    }
}

#[cfg(test)]
impl PartialEq<&str> for AppId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for AppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_never_print() {
        let token = AppToken::new("s3cr3t-token");
        assert_eq!(format!("{token:?}"), "AppToken(<redacted>)");
        let token = CustomerToken::pasted("Bearer abc");
        assert_eq!(format!("{token:?}"), "CustomerToken(<redacted>)");
        assert_eq!(token.expose(), "abc");
    }

    #[test]
    fn an_app_id_prints_as_itself() {
        let id = AppId::new("a-1");
        assert_eq!(id.to_string(), "a-1");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"a-1\"");
    }
}
