//! Generic pieces: nothing here calls the API or reads the session.

pub(crate) mod alert;
pub(crate) mod copy_button;
pub(crate) mod dialog;
pub(crate) mod dom;
pub(crate) mod field_id;
pub(crate) mod leave_guard;
pub(crate) mod secret_panel;
pub(crate) mod text;
pub(crate) mod text_field;
pub(crate) mod text_import;
pub(crate) mod timestamp;
pub(crate) mod toasts;
pub(crate) mod typed_confirmation;
pub(crate) mod validation;
