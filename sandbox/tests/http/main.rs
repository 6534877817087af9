//! The sandbox over real HTTP, one test binary (one link, one set of
//! debug symbols) holding every file of tests.

mod common;

mod api;
mod call_faults;
mod calls;
mod controls;
mod customers;
mod family_faults;
mod fixed_clock;
mod key_styles;
mod other_admin;
mod serving;
mod settings;
mod usermapping;
mod web_sdk;
