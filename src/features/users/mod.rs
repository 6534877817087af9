//! An app's users (`/usermapping`) and their devices (`/device`), the parts
//! that are not views: loading every page, checking users to add, CSV
//! import and export, the list's search/filter/sort, the before/after of an
//! edit, and the flows over [`crate::api::service::UsersApi`].

pub(crate) mod add;
pub(crate) mod csv;
pub(crate) mod delete_all;
pub(crate) mod devices;
pub(crate) mod edit;
pub(crate) mod edit_form;
pub(crate) mod export;
pub(crate) mod flow;
pub(crate) mod import;
pub(crate) mod import_outcome;
pub(crate) mod import_preview;
pub(crate) mod list_load;
pub(crate) mod list_page;
pub(crate) mod list_view;
pub(crate) mod loaded;
pub(crate) mod paging;
pub(crate) mod query;
pub(crate) mod table;
pub(crate) mod toolbar;
pub(crate) mod user_cache;
pub(crate) mod user_details;
pub(crate) mod user_drafts;
pub(crate) mod user_fields;
pub(crate) mod user_page;
pub(crate) mod user_refusal;
pub(crate) mod user_view;
pub(crate) mod validate;
