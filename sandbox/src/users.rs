//! User mappings (`/usermapping`, `/device`): the user object, the rules a
//! new or changed user must pass, devices and paging.
//!
//! Devices: every user has a SIP device (`SipDeviceID`); a user with an
//! `AgentNumber` also has a phone device (`PhoneDeviceID`, "" otherwise).
//! At most one device is active at a time (`ActiveDeviceId`, "" when none):
//! switching a device on makes it the active one, switching the active
//! device off leaves none. `OutboundActive` is true exactly when the SIP
//! device is the active one, since outbound calls fail (Exotel code 10708)
//! unless the user's SIP device is on. New users start with no device on.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::fields::{is_email, is_phone_number, Object};
use crate::fixed::{self, Stream};
pub use crate::sip_secret::new_credentials;

/// A user as stored and as the API returns it (SipSecret included: the live
/// service sends it, and the console must drop it).
#[derive(Clone, Debug, Serialize)]
pub struct User {
    #[serde(flatten)]
    pub customer_id: CustomerIdTwice,
    #[serde(rename = "AppID")]
    pub app_id: String,
    #[serde(rename = "AppUserId")]
    pub app_user_id: String,
    #[serde(rename = "AppUsername")]
    pub app_username: String,
    #[serde(rename = "Email")]
    pub email: String,
    #[serde(rename = "Role")]
    pub role: String,
    #[serde(rename = "ExotelAccountSid")]
    pub exotel_account_sid: String,
    #[serde(rename = "ExotelUserId")]
    pub exotel_user_id: String,
    #[serde(rename = "ExotelUserName")]
    pub exotel_user_name: String,
    #[serde(rename = "AgentNumber")]
    pub agent_number: String,
    #[serde(rename = "VirtualNumber")]
    pub virtual_number: String,
    #[serde(rename = "ActiveDeviceId")]
    pub active_device_id: String,
    #[serde(rename = "PhoneDeviceID")]
    pub phone_device_id: String,
    #[serde(rename = "SipDeviceID")]
    pub sip_device_id: String,
    #[serde(rename = "OutboundActive")]
    pub outbound_active: bool,
    #[serde(rename = "IsActive")]
    pub is_active: bool,
    #[serde(rename = "SipId")]
    pub sip_id: String,
    /// The SIP password, encrypted as Exotel's browser SDK decrypts it
    /// (see `crate::sip_secret`).
    #[serde(rename = "SipSecret")]
    pub sip_secret: String,
    /// Always null, as seen live.
    #[serde(rename = "UserDetail")]
    pub user_detail: Option<Value>,
    #[serde(rename = "CreatedAt")]
    pub created_at: String,
    #[serde(rename = "UpdatedAt")]
    pub updated_at: String,
    /// Position in the app's creation order: the paging cursor.
    #[serde(skip)]
    pub seq: u64,
    /// What `sip_secret` decrypts to; never sent, only told to tests by the
    /// sip-password control.
    #[serde(skip)]
    pub sip_password: String,
}

/// The user's customer id, written twice: `CustomerId` as documented, and
/// `customer_id`, the spelling Exotel's browser SDK reads (User.ts) and
/// sends back in POST /call/outbound_call. One value, so they cannot differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerIdTwice(pub String);

impl Serialize for CustomerIdTwice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("CustomerId", &self.0)?;
        map.serialize_entry("customer_id", &self.0)?;
        map.end()
    }
}

/// Role of a user created without one.
pub const DEFAULT_ROLE: &str = "user";

/// The fields a POST or PUT may set. On PUT, `None` keeps the stored value.
#[derive(Debug, Default)]
pub struct UserInput {
    pub app_user_id: String,
    pub app_username: Option<String>,
    pub email: Option<String>,
    pub role: Option<String>,
    pub exotel_account_sid: Option<String>,
    pub exotel_user_name: Option<String>,
    /// "" means no agent number.
    pub agent_number: Option<String>,
    pub virtual_number: Option<String>,
    pub is_active: Option<bool>,
}

fn invalid(detail: &str) -> String {
    format!("Invalid parameter, {detail}")
}

/// A string field: absent or null is `None`, or an error when `required`.
fn text(obj: &Object, name: &str, required: bool) -> Result<Option<String>, String> {
    match obj.get(name) {
        None | Some(Value::Null) if required => Err(invalid(&format!("{name} is required"))),
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if required && s.trim().is_empty() => {
            Err(invalid(&format!("{name} must not be empty")))
        }
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(invalid(&format!("{name} must be a string"))),
    }
}

/// "First Last", each part longer than 3 characters; the first word is the
/// first name, the rest the last name.
pub fn check_name(name: &str) -> Result<(), String> {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("");
    let last = words.collect::<Vec<_>>().join(" ");
    if first.chars().count() <= 3 {
        return Err(invalid("first_name too short"));
    }
    if last.chars().count() <= 3 {
        return Err(invalid("last_name too short"));
    }
    Ok(())
}

fn check_email(email: &str) -> Result<(), String> {
    if is_email(email) {
        Ok(())
    } else {
        Err(invalid("Email is not a valid email address"))
    }
}

fn check_number(name: &str, number: &str) -> Result<(), String> {
    if is_phone_number(number) {
        Ok(())
    } else {
        Err(invalid(&format!("{name} is not a valid phone number")))
    }
}

/// Reads and checks one user object, reporting the first problem in field
/// order. `creating` makes the POST's required fields required.
pub fn parse_input(obj: &Object, creating: bool) -> Result<UserInput, String> {
    let app_user_id = text(obj, "AppUserId", true)?.unwrap_or_default();
    let app_username = text(obj, "AppUsername", creating)?;
    app_username.as_deref().map(check_name).transpose()?;
    let email = text(obj, "Email", creating)?;
    email.as_deref().map(check_email).transpose()?;
    let exotel_account_sid = text(obj, "ExotelAccountSid", creating)?;
    let exotel_user_name = text(obj, "ExotelUserName", creating)?;
    exotel_user_name.as_deref().map(check_name).transpose()?;
    let virtual_number = text(obj, "VirtualNumber", creating)?;
    if let Some(n) = &virtual_number {
        check_number("VirtualNumber", n)?;
    }
    let agent_number = text(obj, "AgentNumber", false)?;
    if let Some(n) = agent_number.as_deref().filter(|n| !n.is_empty()) {
        check_number("AgentNumber", n)?;
    }
    let role = text(obj, "Role", false)?.filter(|r| !r.trim().is_empty());
    let is_active = match obj.get("IsActive") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err(invalid("IsActive must be a boolean")),
    };
    Ok(UserInput {
        app_user_id,
        app_username,
        email,
        role,
        exotel_account_sid,
        exotel_user_name,
        agent_number,
        virtual_number,
        is_active,
    })
}

/// Who a new user belongs to, its place in the order and its time stamp.
pub struct Origin<'a> {
    pub customer_id: &'a str,
    pub app_id: &'a str,
    pub seq: u64,
    pub now: &'a str,
}

impl User {
    /// A new user from checked input (a POST's required fields are set).
    pub fn create(input: UserInput, origin: &Origin<'_>) -> User {
        let agent_number = input.agent_number.unwrap_or_default();
        let user_name = input.exotel_user_name.unwrap_or_default();
        let account = input.exotel_account_sid.unwrap_or_default();
        let (sip_password, sip_secret) = new_credentials();
        User {
            customer_id: CustomerIdTwice(origin.customer_id.to_string()),
            app_id: origin.app_id.to_string(),
            app_user_id: input.app_user_id,
            app_username: input.app_username.unwrap_or_default(),
            email: input.email.unwrap_or_default(),
            role: input.role.unwrap_or_else(|| DEFAULT_ROLE.to_string()),
            exotel_user_id: fixed::uuid(Stream::User).simple().to_string(),
            sip_id: sip_id(&user_name),
            exotel_account_sid: account,
            exotel_user_name: user_name,
            phone_device_id: if agent_number.is_empty() {
                String::new()
            } else {
                fixed::uuid(Stream::User).to_string()
            },
            agent_number,
            virtual_number: input.virtual_number.unwrap_or_default(),
            active_device_id: String::new(),
            sip_device_id: fixed::uuid(Stream::User).to_string(),
            outbound_active: false,
            is_active: input.is_active.unwrap_or(true),
            sip_secret,
            user_detail: None,
            created_at: origin.now.to_string(),
            updated_at: origin.now.to_string(),
            seq: origin.seq,
            sip_password,
        }
    }

    /// Applies the fields given; SipId, SipSecret, ExotelUserId and the
    /// device ids never change. A first AgentNumber creates the phone device.
    pub fn update(&mut self, input: UserInput, now: &str) {
        let set = |field: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *field = v;
            }
        };
        set(&mut self.app_username, input.app_username);
        set(&mut self.email, input.email);
        set(&mut self.role, input.role);
        set(&mut self.exotel_account_sid, input.exotel_account_sid);
        set(&mut self.exotel_user_name, input.exotel_user_name);
        set(&mut self.agent_number, input.agent_number);
        set(&mut self.virtual_number, input.virtual_number);
        if let Some(b) = input.is_active {
            self.is_active = b;
        }
        if !self.agent_number.is_empty() && self.phone_device_id.is_empty() {
            self.phone_device_id = fixed::uuid(Stream::User).to_string();
        }
        self.updated_at = now.to_string();
    }

    /// Switches one device on or off (see the module notes).
    pub fn switch_device(&mut self, device: DeviceName, on: bool) -> Result<(), String> {
        let id = match device {
            DeviceName::Sip => self.sip_device_id.clone(),
            DeviceName::Phone if self.phone_device_id.is_empty() => {
                return Err(invalid("user has no phone device (AgentNumber is not set)"))
            }
            DeviceName::Phone => self.phone_device_id.clone(),
        };
        if on {
            self.active_device_id = id;
        } else if self.active_device_id == id {
            self.active_device_id.clear();
        }
        self.outbound_active = self.active_device_id == self.sip_device_id;
        Ok(())
    }
}

/// The two devices of `PUT /device`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviceName {
    Phone,
    Sip,
}

/// `sip:<user name, letters and digits only><4 hex>`: the random tail keeps
/// two users of the same name apart. No `@domain`: Exotel's web SDK takes
/// what follows `sip:` as the SIP user name and adds the domain itself
/// (`<ExotelAccountSid>.voip.exotel.com`), and the live outbound call answer
/// shows a FromNumber like `sip:chiragsd698753c`.
pub fn sip_id(exotel_user_name: &str) -> String {
    let name: String = exotel_user_name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_lowercase())
        .collect();
    let tail = &fixed::uuid(Stream::User).simple().to_string()[..4];
    format!("sip:{name}{tail}")
}

/// One page: the users after cursor `after` (a `seq`), at most `size`, and
/// the cursor of the next page when more users follow.
pub fn page(users: &[User], after: u64, size: usize) -> (&[User], Option<u64>) {
    let start = users.partition_point(|u| u.seq <= after);
    let end = start.saturating_add(size).min(users.len());
    let slice = &users[start..end];
    let next = (end < users.len()).then(|| slice.last().map_or(after, |u| u.seq));
    (slice, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_rule() {
        assert_eq!(check_name("Priya Sharma"), Ok(()));
        assert_eq!(check_name("Mary Ann Lobo"), Ok(()));
        let first = Err("Invalid parameter, first_name too short".to_string());
        let last = Err("Invalid parameter, last_name too short".to_string());
        assert_eq!(check_name("Ram Shankar"), first);
        assert_eq!(check_name("Ravi Shankar"), Ok(()));
        assert_eq!(check_name("Priya Rao"), last);
        assert_eq!(check_name("Priyanka"), last);
        assert_eq!(check_name(""), first);
    }

    #[test]
    fn numbers_and_emails() {
        assert!(check_number("N", "+918047091234").is_ok());
        assert!(check_number("N", "08047091234").is_ok());
        assert!(check_number("N", "12345").is_err());
        assert!(check_number("N", "080-4709").is_err());
        assert!(check_email("a@b.co").is_ok());
        assert!(check_email("a@b").is_err());
        assert!(check_email("ab.co").is_err());
    }
}
