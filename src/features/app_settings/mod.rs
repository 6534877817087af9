//! An app's settings (`/app_setting`): the known keys with plain-words
//! labels and checks, custom keys, saving only what changed, per-key
//! results, and copying settings between apps; then how Exotel's call flow
//! reaches the webhooks (`/call/inbound_call`, with a test event) and what
//! Exotel POSTs to them.

mod add_custom;
mod call_flow;
mod call_test;
mod check;
mod draft;
mod editor;
mod fields;
mod flow;
mod history;
mod import;
mod keys;
pub(crate) mod page;
mod parts;
mod results;
mod samples;
mod samples_view;
mod transfer;
mod undo;
