//! One routed page per file.

pub mod app_create;
pub mod app_detail;
pub mod apps_list;
pub mod connect;
pub mod not_found;
