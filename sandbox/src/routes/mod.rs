//! Handlers of the documented API, mounted under `/v2/integrations`.

pub mod apps;
pub mod calls;
pub mod customer;
pub mod device;
pub mod settings;
pub mod token;
pub mod usermapping;
