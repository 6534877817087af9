//! One user of an app: its page and view, the details, the device
//! switches, the edit (with its before/after) and a test call.

pub(crate) mod checked;
pub(crate) mod details;
pub(crate) mod devices;
pub(crate) mod edit;
pub(crate) mod edit_form;
pub(crate) mod edit_save;
pub(crate) mod edit_state;
pub(crate) mod flow;
pub(crate) mod page;
pub(crate) mod test_call;
pub(crate) mod undo;
pub(crate) mod view;
