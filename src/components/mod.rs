//! Reusable pieces shared by the pages.

pub mod app_table;
pub mod confirm_delete;
pub mod copy_button;
pub mod error_panel;
pub mod header;
pub mod request_log_panel;
pub mod secret_panel;
pub mod shortcuts;
pub mod text_field;
pub mod theme_toggle;
pub mod timestamp;
pub mod toasts;
pub mod unlock_app;
