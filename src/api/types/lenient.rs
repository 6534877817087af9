//! Tolerant sinks: a field's value whatever its type ([`Lenient`]), a
//! value's compact text ([`JsonText`]), a struct read key by key
//! ([`Record`]), and lists of them ([`ListSink`]). Each converts what it
//! reads exactly as the `Value` tree it replaces was converted.

use std::mem;

use serde::de::{Deserializer, Error as _};

use super::sink::{float_text, quoted, Drive, Scalar, Sink, Tee};

/// Any JSON value as its compact text (`Value::to_string`'s: no spaces,
/// object keys sorted, a repeated key's last value).
#[derive(Default)]
pub(crate) struct JsonText {
    pub(crate) text: String,
    is_object: bool,
    pairs: Vec<(String, String)>,
    items: Vec<String>,
    key: String,
    child: Option<Box<JsonText>>,
}

impl JsonText {
    fn fresh_child(&mut self) -> &mut dyn Sink {
        let child = self.child.get_or_insert_with(Box::default);
        child.text.clear();
        &mut **child
    }

    fn child_text(&mut self) -> String {
        self.child
            .as_mut()
            .map(|c| mem::take(&mut c.text))
            .unwrap_or_default()
    }
}

impl Sink for JsonText {
    fn scalar(&mut self, value: Scalar<'_>) {
        self.text = value.json();
    }
    fn begin_object(&mut self) {
        self.is_object = true;
        self.pairs.clear();
    }
    fn field(&mut self, key: &str) -> Option<&mut dyn Sink> {
        self.key = key.to_string();
        Some(self.fresh_child())
    }
    fn field_done(&mut self) {
        let value = self.child_text();
        self.pairs.push((mem::take(&mut self.key), value));
    }
    fn begin_array(&mut self) {
        self.is_object = false;
        self.items.clear();
    }
    fn item(&mut self) -> Option<&mut dyn Sink> {
        Some(self.fresh_child())
    }
    fn item_done(&mut self) {
        let value = self.child_text();
        self.items.push(value);
    }
    fn end(&mut self) {
        self.text = if self.is_object {
            object_text(mem::take(&mut self.pairs))
        } else {
            format!("[{}]", mem::take(&mut self.items).join(","))
        };
    }
}

/// An object's compact text from its `(key, JSON text)` pairs in the order
/// read: keys sorted and a repeated key's last value kept, as a `Value`'s
/// map (a `BTreeMap`) held them.
pub(crate) fn object_text(mut pairs: Vec<(String, String)>) -> String {
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::from("{");
    for (i, (key, value)) in pairs.iter().enumerate() {
        if pairs.get(i + 1).is_some_and(|next| next.0 == *key) {
            continue;
        }
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(&quoted(key));
        out.push(':');
        out.push_str(value);
    }
    out.push('}');
    out
}

/// One field's value, whatever its type, read as text, a flag or a number.
#[derive(Default)]
pub(crate) struct Lenient {
    leaf: Leaf,
    json: JsonText,
}

#[derive(Default)]
enum Leaf {
    #[default]
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    /// An array or object: its text is in `json`.
    Composite,
}

impl Tee for Lenient {
    fn inner(&mut self) -> &mut dyn Sink {
        &mut self.json
    }
    fn note_scalar(&mut self, value: Scalar<'_>) {
        self.leaf = match value {
            Scalar::Null => Leaf::Null,
            Scalar::Bool(b) => Leaf::Bool(b),
            Scalar::U64(n) => Leaf::U64(n),
            Scalar::I64(n) => Leaf::I64(n),
            Scalar::F64(f) => Leaf::F64(f),
            Scalar::Str(s) => Leaf::Str(s.to_string()),
        };
    }
    fn note_composite(&mut self, _is_object: bool) {
        self.leaf = Leaf::Composite;
    }
}

impl Lenient {
    /// As a string field: a string as is; null as ""; a number, boolean,
    /// array or object as its compact JSON text.
    pub(crate) fn take_string(&mut self) -> String {
        match mem::take(&mut self.leaf) {
            Leaf::Null => String::new(),
            Leaf::Str(s) => s,
            Leaf::Bool(b) => b.to_string(),
            Leaf::U64(n) => n.to_string(),
            Leaf::I64(n) => n.to_string(),
            Leaf::F64(f) => float_text(f),
            Leaf::Composite => mem::take(&mut self.json.text),
        }
    }

    /// As a boolean field: `true`/`false`, numbers (non-zero is true), and
    /// the strings "true"/"false", "1"/"0", "yes"/"no" (any case). Anything
    /// else or null is `false`.
    pub(crate) fn flag(&self) -> bool {
        match &self.leaf {
            Leaf::Bool(b) => *b,
            Leaf::U64(n) => *n != 0,
            Leaf::I64(n) => *n != 0,
            Leaf::F64(f) => *f != 0.0,
            Leaf::Str(s) => {
                let s = s.trim();
                s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("yes") || nonzero_number(s)
            }
            Leaf::Null | Leaf::Composite => false,
        }
    }

    /// As the envelope's `Code`: an integer, an integral float or a numeric
    /// string; anything else is `None`.
    pub(crate) fn code(&self) -> Option<i64> {
        match &self.leaf {
            Leaf::I64(n) => Some(*n),
            // Too big for an i64 is also too big for the float rule.
            Leaf::U64(n) => i64::try_from(*n).ok(),
            Leaf::F64(f) => {
                (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15).then_some(*f as i64)
            }
            Leaf::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// As a non-negative count (a token's `exp`): a non-negative integer,
    /// or a float cut to one.
    pub(crate) fn count(&self) -> Option<u64> {
        match &self.leaf {
            Leaf::U64(n) => Some(*n),
            Leaf::I64(n) => u64::try_from(*n).ok(),
            Leaf::F64(f) => {
                (f.is_finite() && *f >= 0.0 && *f < u64::MAX as f64).then_some(*f as u64)
            }
            _ => None,
        }
    }

    /// As a next-page key: a string (trimmed) or a number's text; empty,
    /// null or any other shape is `None`.
    pub(crate) fn key_text(&mut self) -> Option<String> {
        let text = match &self.leaf {
            Leaf::Str(s) => s.trim().to_string(),
            Leaf::U64(_) | Leaf::I64(_) | Leaf::F64(_) => self.take_string(),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    }
}

/// Whether `s` is the text of a number other than zero, as `f64`'s parser
/// reads it (`"1"`, `"-2.5"`, `".5e3"`, `"inf"`, `"NaN"`; not `"0.0"`).
/// Written out because `str::parse::<f64>` would bring the float parser
/// into the first load for this one question (4 KB).
fn nonzero_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    if ["inf", "infinity", "nan"]
        .iter()
        .any(|w| s.eq_ignore_ascii_case(w))
    {
        return true;
    }
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = || int.bytes().chain(frac.bytes());
    exponent_ok
        && !(int.is_empty() && frac.is_empty())
        && digits().all(|b| b.is_ascii_digit())
        && digits().any(|b| b != b'0')
}

/// A struct read from a JSON object key by key, each value through a
/// [`Lenient`]; keys it does not know are read and dropped. A record
/// declares its fields once, as [`Fields`]; only a record that reads keys
/// some other way (another record's, or several spellings) implements this
/// itself.
pub(crate) trait Record: Default {
    /// Where `key`'s value goes, if this record reads it (the sink keeps
    /// it while the value is read).
    fn slot(&mut self, key: &str) -> Option<usize>;
    /// Stores the value read for `slot`.
    fn set(&mut self, slot: usize, value: &mut Lenient);
}

/// How one field of `T` is filled from the value read for its key.
pub(crate) type Setter<T> = fn(&mut T, &mut Lenient);

/// A record as a table: each key as the API spells it, once, with how its
/// value fills the record.
pub(crate) trait Fields: Default + 'static {
    const FIELDS: &'static [(&'static str, Setter<Self>)];

    /// The position of `key` in [`Fields::FIELDS`].
    fn position(key: &str) -> Option<usize> {
        Self::FIELDS.iter().position(|(k, _)| *k == key)
    }
}

impl<T: Fields> Record for T {
    fn slot(&mut self, key: &str) -> Option<usize> {
        T::position(key)
    }
    fn set(&mut self, slot: usize, value: &mut Lenient) {
        (T::FIELDS[slot].1)(self, value);
    }
}

/// Reads one value as a `T`: filled in when it is an object, with `kind`
/// saying what it was ("an object", "a number", ...).
#[derive(Default)]
pub(crate) struct RecordSink<T> {
    pub(crate) value: T,
    pub(crate) kind: &'static str,
    slot: usize,
    leaf: Lenient,
}

impl<T: Record> Sink for RecordSink<T> {
    fn scalar(&mut self, value: Scalar<'_>) {
        self.kind = value.kind();
    }
    fn begin_object(&mut self) {
        self.kind = "an object";
        self.value = T::default();
    }
    fn field(&mut self, key: &str) -> Option<&mut dyn Sink> {
        self.slot = self.value.slot(key)?;
        Some(&mut self.leaf)
    }
    fn field_done(&mut self) {
        self.value.set(self.slot, &mut self.leaf);
    }
    fn begin_array(&mut self) {
        self.kind = "an array";
    }
}

/// Reads one value as a list of `T`: every object item is kept; `bad_item`
/// is the kind of the first item that is not an object, `kind` what the
/// value itself was (`None`: nothing read).
#[derive(Default)]
pub(crate) struct ListSink<T> {
    pub(crate) items: Vec<T>,
    pub(crate) bad_item: Option<&'static str>,
    pub(crate) kind: Option<&'static str>,
    current: RecordSink<T>,
}

impl<T: Record> Sink for ListSink<T> {
    fn scalar(&mut self, value: Scalar<'_>) {
        self.kind = Some(value.kind());
    }
    fn begin_object(&mut self) {
        self.kind = Some("an object");
    }
    fn begin_array(&mut self) {
        self.kind = Some("an array");
        self.items.clear();
        self.bad_item = None;
    }
    fn item(&mut self) -> Option<&mut dyn Sink> {
        Some(&mut self.current)
    }
    fn item_done(&mut self) {
        if self.current.kind == "an object" {
            self.items.push(mem::take(&mut self.current.value));
        } else {
            self.bad_item.get_or_insert(self.current.kind);
        }
    }
}

/// `Deserialize` for a [`Record`]: a JSON object, anything else an error
/// naming what it was.
pub(crate) fn record_from<'de, T: Record, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut sink = RecordSink::<T>::default();
    deserializer.deserialize_any(Drive(&mut sink))?;
    if sink.kind == "an object" {
        Ok(sink.value)
    } else {
        Err(D::Error::custom(format!(
            "expected an object, got {}",
            sink.kind
        )))
    }
}

#[cfg(test)]
mod tests;
