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
    // Create a customer.
    NewCustomerName,
    NewCustomerEmail,
    // Create an app.
    AppName,
    AccountSid,
    ApiKey,
    ApiToken,
    Domain,
    // Unlock an app.
    AppCredential,
    // App settings.
    CustomSettingKey,
    CustomSettingValue,
    // A user mapping (add and edit).
    UserAppUserId,
    UserAppUsername,
    UserEmail,
    UserAccountSid,
    UserExotelUserName,
    UserVirtualNumber,
    UserAgentNumber,
}

impl FieldId {
    /// The element id (and test id) of the field.
    pub(crate) const fn dom_id(self) -> &'static str {
        match self {
            FieldId::CustomBase => "custom-base",
            FieldId::CustomerId => "customer-id",
            FieldId::CustomerSecret => "customer-secret",
            FieldId::CustomerToken => "customer-token",
            FieldId::NewCustomerName => "new-customer-name",
            FieldId::NewCustomerEmail => "new-customer-email",
            FieldId::AppName => "app-name",
            FieldId::AccountSid => "account-sid",
            FieldId::ApiKey => "api-key",
            FieldId::ApiToken => "api-token",
            FieldId::Domain => "domain",
            FieldId::AppCredential => "app-credential",
            FieldId::CustomSettingKey => "custom-key",
            FieldId::CustomSettingValue => "custom-value",
            FieldId::UserAppUserId => "user-app-user-id",
            FieldId::UserAppUsername => "user-app-username",
            FieldId::UserEmail => "user-email",
            FieldId::UserAccountSid => "user-account-sid",
            FieldId::UserExotelUserName => "user-exotel-user-name",
            FieldId::UserVirtualNumber => "user-virtual-number",
            FieldId::UserAgentNumber => "user-agent-number",
        }
    }
}

/// Lets tests and views compare a field with the id the page uses.
impl PartialEq<&str> for FieldId {
    fn eq(&self, other: &&str) -> bool {
        self.dom_id() == *other
    }
}
