//! Demo users for `--seed-users N`: valid "First Last" names, realistic
//! Indian numbers, a mix of roles, devices and states, deterministic apart
//! from ids and secrets. Every fifth user's AppUserId is an e-mail address
//! with a `+` in it, to catch a client that does not URL-encode `user_id`.

use crate::fixed::{self, Stream};
use crate::seed::mix;
use crate::state::App;
use crate::users::{new_credentials, sip_id, CustomerIdTwice, DeviceName, User, DEFAULT_ROLE};

/// Every name is longer than 3 characters, as the live service requires.
const FIRST: [&str; 16] = [
    "Priya", "Arjun", "Kavya", "Rahul", "Sneha", "Vikram", "Ananya", "Rohan", "Meera", "Aditya",
    "Divya", "Karthik", "Neha", "Suresh", "Pooja", "Manish",
];
const LAST: [&str; 16] = [
    "Sharma", "Iyer", "Reddy", "Nair", "Gupta", "Menon", "Joshi", "Kapoor", "Singh", "Patel",
    "Desai", "Verma", "Pillai", "Bose", "Mehta", "Chopra",
];

/// The app's ExoPhone: one virtual number per app.
pub fn virtual_number(app_index: usize) -> String {
    format!("+9180{:08}", 47_000_000 + app_index % 50_000_000)
}

/// `n` users of `app` (the seeded app at position `app_index`), oldest
/// first, `seq` 1..=n.
pub fn demo_users(app: &App, app_index: usize, n: usize) -> Vec<User> {
    (0..n).map(|j| demo_user(app, app_index, j)).collect()
}

fn demo_user(app: &App, app_index: usize, j: usize) -> User {
    let r = mix(((app_index as u64) << 20) ^ j as u64);
    let first = FIRST[(r % 16) as usize];
    let last = LAST[((r >> 8) % 16) as usize];
    let name = format!("{first} {last}");
    let handle = format!("{}.{}{}", first.to_lowercase(), last.to_lowercase(), j + 1);
    let app_user_id = if j % 5 == 4 {
        format!("{handle}+desk@acme.example")
    } else {
        format!("crm-{:04}", j + 1)
    };
    let agent_number = if j % 3 == 2 {
        String::new()
    } else {
        format!("+9198{:08}", (r >> 16) % 100_000_000)
    };
    let (sip_password, sip_secret) = new_credentials();
    let mut user = User {
        customer_id: CustomerIdTwice(app.customer_id.clone()),
        app_id: app.app_id.clone(),
        app_user_id,
        app_username: name.clone(),
        email: format!("{handle}@acme.example"),
        role: if j == 0 { "admin" } else { DEFAULT_ROLE }.to_string(),
        exotel_account_sid: app.exotel_account_sid.clone(),
        exotel_user_id: fixed::uuid(Stream::User).simple().to_string(),
        sip_id: sip_id(&name),
        exotel_user_name: name,
        phone_device_id: if agent_number.is_empty() {
            String::new()
        } else {
            fixed::uuid(Stream::User).to_string()
        },
        agent_number,
        virtual_number: virtual_number(app_index),
        active_device_id: String::new(),
        sip_device_id: fixed::uuid(Stream::User).to_string(),
        outbound_active: false,
        is_active: j % 7 != 6,
        sip_secret,
        user_detail: None,
        created_at: app.created_at.clone(),
        updated_at: app.created_at.clone(),
        seq: j as u64 + 1,
        sip_password,
    };
    // A quarter on SIP (can call out), some on their phone, the rest idle.
    let device = match j % 4 {
        0 => Some(DeviceName::Sip),
        1 if !user.phone_device_id.is_empty() => Some(DeviceName::Phone),
        _ => None,
    };
    if let Some(d) = device {
        let _ = user.switch_device(d, true);
    }
    user
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::users::check_name;

    #[test]
    fn seeded_users_are_valid_and_varied() {
        let app = &crate::seed::demo_apps(3, "c")[2];
        let users = demo_users(app, 2, 12);
        assert_eq!(users.len(), 12);
        assert!(users.iter().all(|u| check_name(&u.app_username).is_ok()));
        assert!(users.iter().any(|u| u.app_user_id.contains('+')));
        assert!(users.iter().any(|u| u.outbound_active));
        assert!(users.iter().any(|u| u.agent_number.is_empty()));
        assert!(users.iter().any(|u| !u.is_active));
        let seqs: Vec<u64> = users.iter().map(|u| u.seq).collect();
        assert_eq!(seqs, (1..=12).collect::<Vec<_>>());
        assert!(users.iter().all(|u| u.sip_id.starts_with("sip:")));
    }
}
