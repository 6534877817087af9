//! One pass over an answer's text: the envelope's fields, and its `Data`
//! handed to the endpoint's own sink as it is read.

use super::Envelope;
use crate::api::types::{Lenient, Scalar, Sink, Tee};

/// What `Data` was; its content went to the endpoint's sink.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Data {
    /// Absent or null.
    Null,
    /// A string: the data of string endpoints, and an explanation on a
    /// failure.
    Text(String),
    Object,
    Array,
    /// A number or a boolean: "a number", "a boolean".
    Scalar(&'static str),
}

impl Data {
    /// "null", "a string", "an object", ... for error details.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Data::Null => "null",
            Data::Text(_) => "a string",
            Data::Object => "an object",
            Data::Array => "an array",
            Data::Scalar(kind) => kind,
        }
    }
}

/// `Data`: its kind (and text, for a string) kept here, an object's or an
/// array's content passed on to `inner`.
pub(crate) struct DataSink<'a> {
    pub(crate) data: Data,
    inner: &'a mut dyn Sink,
}

impl<'a> DataSink<'a> {
    pub(crate) fn new(inner: &'a mut dyn Sink) -> Self {
        DataSink {
            data: Data::Null,
            inner,
        }
    }
}

impl Tee for DataSink<'_> {
    fn inner(&mut self) -> &mut dyn Sink {
        self.inner
    }
    fn note_scalar(&mut self, value: Scalar<'_>) {
        self.data = match value {
            Scalar::Null => Data::Null,
            Scalar::Str(s) => Data::Text(s.to_string()),
            other => Data::Scalar(other.kind()),
        };
    }
    fn note_composite(&mut self, is_object: bool) {
        self.data = if is_object { Data::Object } else { Data::Array };
    }
}

/// A whole answer: whether it is an envelope (an object with a `Status` or
/// `RequestId` key, exact case), its fields, and its `Data`.
pub(crate) struct BodySink<'a> {
    pub(crate) envelope: Envelope,
    pub(crate) is_envelope: bool,
    pub(crate) data: DataSink<'a>,
    slot: Option<Slot>,
    leaf: Lenient,
}

#[derive(Clone, Copy)]
enum Slot {
    RequestId,
    Status,
    Code,
    Error,
}

impl<'a> BodySink<'a> {
    pub(crate) fn new(data: &'a mut dyn Sink) -> Self {
        BodySink {
            envelope: Envelope::default(),
            is_envelope: false,
            data: DataSink::new(data),
            slot: None,
            leaf: Lenient::default(),
        }
    }
}

impl Sink for BodySink<'_> {
    fn field(&mut self, key: &str) -> Option<&mut dyn Sink> {
        self.slot = match key {
            "RequestId" => Some(Slot::RequestId),
            "Status" => Some(Slot::Status),
            "Code" => Some(Slot::Code),
            "Error" => Some(Slot::Error),
            "Data" => return Some(&mut self.data),
            _ => return None,
        };
        self.is_envelope |= matches!(self.slot, Some(Slot::RequestId | Slot::Status));
        Some(&mut self.leaf)
    }
    fn field_done(&mut self) {
        let leaf = &mut self.leaf;
        let envelope = &mut self.envelope;
        match self.slot.take() {
            Some(Slot::RequestId) => {
                let id = leaf.take_string();
                envelope.request_id = (!id.is_empty()).then_some(id);
            }
            Some(Slot::Status) => envelope.status = leaf.take_string(),
            Some(Slot::Code) => envelope.code = leaf.code(),
            Some(Slot::Error) => envelope.error = leaf.take_string(),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests;
