//! Decoding straight from the JSON text, without a `serde_json::Value` tree:
//! one serde visitor ([`Drive`]) walks the text and tells a [`Sink`] what it
//! meets (a scalar, an object's keys, an array's items); each answer shape
//! is a small `Sink` that keeps what it needs. There is a single visitor
//! type, so serde_json's parser is instantiated once for every shape.
//!
//! Everything is read through `deserialize_any`, so whatever a full parse
//! refused (an out-of-range number, a lone surrogate, bad syntax in a field
//! nobody reads) is still refused, and a repeated key reaches its sink twice:
//! sinks start afresh on each value, so the last one wins, as it did in a
//! `Value`'s map.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A JSON scalar as parsed.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Scalar<'a> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(&'a str),
}

impl Scalar<'_> {
    /// "null", "a boolean", "a number", "a string".
    pub(crate) fn kind(self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::U64(_) | Scalar::I64(_) | Scalar::F64(_) => "a number",
            Scalar::Str(_) => "a string",
        }
    }

    /// Its compact JSON text, as `Value::to_string` wrote it.
    pub(crate) fn json(self) -> String {
        match self {
            Scalar::Null => "null".into(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::U64(n) => n.to_string(),
            Scalar::I64(n) => n.to_string(),
            Scalar::F64(f) => float_text(f),
            Scalar::Str(s) => quoted(s),
        }
    }
}

/// Receives one JSON value as it is read. An object is `begin_object`, then
/// for each key `field` (its value goes to the sink returned, then
/// `field_done`; `None`: the value is read and dropped), then `end`; an array
/// is the same with `begin_array`, `item` and `item_done`. Every method
/// ignores by default.
pub(crate) trait Sink {
    fn scalar(&mut self, value: Scalar<'_>) {
        let _ = value;
    }
    fn begin_object(&mut self) {}
    fn field(&mut self, key: &str) -> Option<&mut dyn Sink> {
        let _ = key;
        None
    }
    fn field_done(&mut self) {}
    fn begin_array(&mut self) {}
    fn item(&mut self) -> Option<&mut dyn Sink> {
        None
    }
    fn item_done(&mut self) {}
    fn end(&mut self) {}
}

/// A sink that notes what value it met and passes an object's keys or an
/// array's items on to `inner`: `Data` (its kind, and a string's text) and
/// a lenient field (a scalar, or a composite's JSON text) are read this way.
pub(crate) trait Tee {
    /// Where an object's keys and an array's items go.
    fn inner(&mut self) -> &mut dyn Sink;
    /// A scalar value (not passed on).
    fn note_scalar(&mut self, value: Scalar<'_>);
    /// An object or an array begins; its content goes to `inner`.
    fn note_composite(&mut self, is_object: bool);
}

impl<T: Tee> Sink for T {
    fn scalar(&mut self, value: Scalar<'_>) {
        self.note_scalar(value);
    }
    fn begin_object(&mut self) {
        self.note_composite(true);
        self.inner().begin_object();
    }
    fn field(&mut self, key: &str) -> Option<&mut dyn Sink> {
        self.inner().field(key)
    }
    fn field_done(&mut self) {
        self.inner().field_done();
    }
    fn begin_array(&mut self) {
        self.note_composite(false);
        self.inner().begin_array();
    }
    fn item(&mut self) -> Option<&mut dyn Sink> {
        self.inner().item()
    }
    fn item_done(&mut self) {
        self.inner().item_done();
    }
    fn end(&mut self) {
        self.inner().end();
    }
}

/// Reads a value and keeps nothing.
#[derive(Default)]
pub(crate) struct Ignore;

impl Sink for Ignore {}

/// Parses `text` (one JSON value, nothing after it) into `sink`.
pub(crate) fn drive(text: &str, sink: &mut dyn Sink) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    Drive(sink).deserialize(&mut deserializer)?;
    deserializer.end()
}

/// The one visitor: reads any value into its sink.
pub(crate) struct Drive<'s>(pub(crate) &'s mut dyn Sink);

impl<'de> DeserializeSeed<'de> for Drive<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Drive<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.scalar(Scalar::Null);
        Ok(())
    }
    fn visit_bool<E>(self, b: bool) -> Result<(), E> {
        self.0.scalar(Scalar::Bool(b));
        Ok(())
    }
    fn visit_u64<E>(self, n: u64) -> Result<(), E> {
        self.0.scalar(Scalar::U64(n));
        Ok(())
    }
    fn visit_i64<E>(self, n: i64) -> Result<(), E> {
        self.0.scalar(Scalar::I64(n));
        Ok(())
    }
    fn visit_f64<E>(self, f: f64) -> Result<(), E> {
        self.0.scalar(Scalar::F64(f));
        Ok(())
    }
    fn visit_str<E>(self, s: &str) -> Result<(), E> {
        self.0.scalar(Scalar::Str(s));
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.begin_array();
        while seq.next_element_seed(Item(&mut *self.0))?.is_some() {}
        self.0.end();
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.begin_object();
        while let Some(Key(key)) = map.next_key()? {
            let read = match self.0.field(&key) {
                Some(child) => {
                    map.next_value_seed(Drive(child))?;
                    true
                }
                None => false,
            };
            if read {
                self.0.field_done();
            } else {
                map.next_value_seed(Drive(&mut Ignore))?;
            }
        }
        self.0.end();
        Ok(())
    }
}

/// One array element: asks the sink where it goes only once it exists.
struct Item<'s>(&'s mut dyn Sink);

impl<'de> DeserializeSeed<'de> for Item<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let read = match self.0.item() {
            Some(child) => {
                deserializer.deserialize_any(Drive(child))?;
                true
            }
            None => {
                deserializer.deserialize_any(Drive(&mut Ignore))?;
                false
            }
        };
        if read {
            self.0.item_done();
        }
        Ok(())
    }
}

/// An object key, borrowed from the text when it has no escapes.
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(key)))
    }
    fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key.to_string())))
    }
    fn visit_string<E>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key)))
    }
}

/// `text` as a JSON string literal.
pub(crate) fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A parsed float as JSON writes it (`1.5`, `100.0`).
pub(crate) fn float_text(f: f64) -> String {
    serde_json::Number::from_f64(f).map_or_else(|| "null".into(), |n| n.to_string())
}
