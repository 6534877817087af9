//! The users list of an app: its page and view, loading every page
//! (`load`; where the list ends: `paging`; pages asked for ahead: `ahead`),
//! the query in the URL, the windowed table, the toolbar, export,
//! delete-all, and looking one user up by ID without waiting for the rest
//! (`lookup`). Its first page is asked for before its code has arrived
//! (`app_shell::first_reads`).

pub(crate) mod ahead;
pub(crate) mod delete_all;
pub(crate) mod export;
pub(crate) mod flow;
pub(crate) mod load;
pub(crate) mod lookup;
pub(crate) mod page;
pub(crate) mod paging;
pub(crate) mod query;
pub(crate) mod table;
pub(crate) mod toolbar;
pub(crate) mod view;
