//! An app's users (`/usermapping`) and their devices (`/device`), in three
//! groups: `list` (every page loaded, with stop and resume; search, filter,
//! sort, export; delete all), `user` (one user: details, devices, edit) and
//! `import` (add one user or many from CSV, in batches), each with its flow
//! over [`crate::api::UsersApi`]. What they share: the checks of a user to
//! send (`validate`), the form fields (`user_fields`), how a refused call
//! reads (`user_refusal`), and what the tab keeps per app (`loaded`,
//! `user_cache`, `user_drafts`). Only the two pages and `users_kept` (for
//! the list's first read, `app_shell::first_reads`) leave this folder.

mod import;
mod list;
mod loaded;
mod sync;
mod user;
mod user_cache;
mod user_drafts;
mod user_fields;
mod user_refusal;
mod validate;

pub(crate) use list::page::UsersPage;
pub(crate) use loaded::users_kept;
pub(crate) use user::page::UserPage;
