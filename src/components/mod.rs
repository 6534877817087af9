//! Reusable pieces shared by the pages.

pub mod confirm_delete;
pub mod copy_button;
pub mod error_panel;
pub mod header;
pub mod secret_panel;
pub mod text_field;
pub mod timestamp;
pub mod unlock_app;
