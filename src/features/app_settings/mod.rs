//! An app's settings (`/app_setting`): the known keys with plain-words
//! labels and checks, custom keys, saving only what changed, per-key
//! results, and copying settings between apps.

mod add_custom;
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
mod transfer;
mod undo;
