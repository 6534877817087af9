//! Every form field of the console, by name. A field's id is its element's
//! `id` in the page and the key its validation message is filed under, so a
//! message can only be attached to a field that exists.

/// One input the admin fills in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum FieldId {
    // Connect.
    CustomBase,
    CustomerId,
    CustomerSecret,
    CustomerToken,
    // Create an app.
    AppName,
    AccountSid,
    ApiKey,
    ApiToken,
    Domain,
    // Unlock an app.
    AppCredential,
}

impl FieldId {
    /// The element id (and test id) of the field.
    pub(crate) const fn dom_id(self) -> &'static str {
        match self {
            FieldId::CustomBase => "custom-base",
            FieldId::CustomerId => "customer-id",
            FieldId::CustomerSecret => "customer-secret",
            FieldId::CustomerToken => "customer-token",
            FieldId::AppName => "app-name",
            FieldId::AccountSid => "account-sid",
            FieldId::ApiKey => "api-key",
            FieldId::ApiToken => "api-token",
            FieldId::Domain => "domain",
            FieldId::AppCredential => "app-credential",
        }
    }
}

/// Lets tests and views compare a field with the id the page uses.
impl PartialEq<&str> for FieldId {
    fn eq(&self, other: &&str) -> bool {
        self.dom_id() == *other
    }
}
