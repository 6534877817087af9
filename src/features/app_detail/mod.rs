//! One app: its facts, unlocking it (AppSecret or app token) and deleting it.

pub(crate) mod delete;
pub(crate) mod page;
pub(crate) mod unlock;
