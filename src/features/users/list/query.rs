//! Which users the list shows, in which order: search text, the active,
//! outbound and device filters, sort column and direction. All of it lives
//! in the URL query (`?q=&active=&outbound=&device=&sort=&dir=`), read and
//! written with the parts every list shares ([`crate::features::list`]).
//! Pure, tested on the host.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::api::users::ActiveDevice;
use crate::api::User;
use crate::features::list::query::{
    active_param, lowercase, parse_active, text_and_sort, url_pairs, ListCatalog, SearchIndex,
    SortColumn, SortOrder, UrlQuery,
};

/// A column of the users table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum SortKey {
    #[default]
    AppUserId,
    AppUsername,
    Email,
    ExotelUser,
    VirtualNumber,
    AgentNumber,
    Device,
    Active,
    Outbound,
}

impl SortKey {
    /// In the table's column order.
    pub(crate) const ALL: [SortKey; 9] = [
        SortKey::AppUserId,
        SortKey::AppUsername,
        SortKey::Email,
        SortKey::ExotelUser,
        SortKey::VirtualNumber,
        SortKey::AgentNumber,
        SortKey::Device,
        SortKey::Active,
        SortKey::Outbound,
    ];

    fn compare(self, list: &UserCatalog, a: usize, b: usize) -> Ordering {
        let (x, y) = (&list.users[a], &list.users[b]);
        match self {
            SortKey::AppUserId => x.app_user_id.cmp(&y.app_user_id),
            SortKey::AppUsername => list.name_keys[a].cmp(&list.name_keys[b]),
            SortKey::Email => list.email_keys[a].cmp(&list.email_keys[b]),
            SortKey::ExotelUser => x.exotel_user_name.cmp(&y.exotel_user_name),
            SortKey::VirtualNumber => x.virtual_number.cmp(&y.virtual_number),
            SortKey::AgentNumber => x.agent_number.cmp(&y.agent_number),
            SortKey::Device => device_param(x.active_device()).cmp(device_param(y.active_device())),
            SortKey::Active => x.is_active.cmp(&y.is_active),
            SortKey::Outbound => x.outbound_active.cmp(&y.outbound_active),
        }
    }
}

impl SortColumn for SortKey {
    fn columns() -> &'static [Self] {
        &SortKey::ALL
    }

    fn as_str(self) -> &'static str {
        match self {
            SortKey::AppUserId => "id",
            SortKey::AppUsername => "name",
            SortKey::Email => "email",
            SortKey::ExotelUser => "exotel_user",
            SortKey::VirtualNumber => "virtual",
            SortKey::AgentNumber => "agent",
            SortKey::Device => "device",
            SortKey::Active => "active",
            SortKey::Outbound => "outbound",
        }
    }

    fn label(self) -> &'static str {
        match self {
            SortKey::AppUserId => "App user ID",
            SortKey::AppUsername => "App username",
            SortKey::Email => "Email",
            SortKey::ExotelUser => "Exotel user",
            SortKey::VirtualNumber => "Virtual number",
            SortKey::AgentNumber => "Agent number",
            SortKey::Device => "Active device",
            SortKey::Active => "Active",
            SortKey::Outbound => "Outbound active",
        }
    }
}

/// The device filter as written in the URL and in its `<select>`.
pub(crate) fn device_param(device: ActiveDevice) -> &'static str {
    match device {
        ActiveDevice::Phone => "phone",
        ActiveDevice::Sip => "sip",
        ActiveDevice::None => "none",
    }
}

fn parse_device(raw: &str) -> Option<ActiveDevice> {
    [ActiveDevice::Phone, ActiveDevice::Sip, ActiveDevice::None]
        .into_iter()
        .find(|d| device_param(*d) == raw)
}

/// The users as loaded, with what search and sort need computed once.
pub(crate) struct UserCatalog {
    pub(crate) users: Arc<Vec<User>>,
    /// Lower-cased usernames and emails, their columns' sort keys.
    name_keys: Vec<String>,
    email_keys: Vec<String>,
    /// What the search looks in: ids, names, email and numbers.
    index: SearchIndex,
}

impl UserCatalog {
    pub(crate) fn new(users: impl Into<Arc<Vec<User>>>) -> Self {
        let users = users.into();
        UserCatalog {
            name_keys: users.iter().map(|u| lowercase(&u.app_username)).collect(),
            email_keys: users.iter().map(|u| lowercase(&u.email)).collect(),
            index: SearchIndex::new(users.iter().map(search_fields)),
            users,
        }
    }
}

impl ListCatalog for UserCatalog {
    type Item = User;
    type Column = SortKey;

    fn items(&self) -> &[User] {
        &self.users
    }

    /// Computed once per sort change: typing a search only filters it.
    fn sorted(&self, sort: SortOrder<SortKey>) -> Vec<usize> {
        sort.apply(self.users.len(), |a, b| sort.column.compare(self, a, b))
    }
}

fn search_fields(user: &User) -> [&str; 7] {
    [
        &user.app_user_id,
        &user.app_username,
        &user.email,
        &user.exotel_user_name,
        &user.exotel_user_id,
        &user.virtual_number,
        &user.agent_number,
    ]
}

/// The list view's state, as read from and written to the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct UserQuery {
    pub(crate) text: String,
    /// Some(true): active users only; Some(false): inactive only.
    pub(crate) active: Option<bool>,
    /// Some(true): outbound active only; Some(false): outbound off only.
    pub(crate) outbound: Option<bool>,
    /// None: any device.
    pub(crate) device: Option<ActiveDevice>,
    pub(crate) sort: SortOrder<SortKey>,
}

impl UrlQuery for UserQuery {
    type Catalog = UserCatalog;

    fn from_pairs<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Self {
        let (text, sort) = text_and_sort(&get);
        UserQuery {
            text,
            active: get("active").and_then(parse_active),
            outbound: get("outbound").and_then(parse_active),
            device: get("device").and_then(parse_device),
            sort,
        }
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let yes_no = |filter: Option<bool>| filter.map(|f| active_param(Some(f)));
        let filters = [
            ("active", yes_no(self.active)),
            ("outbound", yes_no(self.outbound)),
            ("device", self.device.map(device_param)),
        ];
        url_pairs(&self.text, &filters, self.sort)
    }

    fn text(&self) -> &str {
        &self.text
    }

    fn with_text(self, text: String) -> Self {
        UserQuery { text, ..self }
    }

    fn sort(&self) -> SortOrder<SortKey> {
        self.sort
    }

    fn with_sort(self, sort: SortOrder<SortKey>) -> Self {
        UserQuery { sort, ..self }
    }

    fn filter(&self, list: &UserCatalog, order: &[usize]) -> Vec<usize> {
        list.index.filter(&self.text, order, |i| {
            let user = &list.users[i];
            self.active.is_none_or(|a| user.is_active == a)
                && self.outbound.is_none_or(|o| user.outbound_active == o)
                && self.device.is_none_or(|d| user.active_device() == d)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, name: &str, active: bool, device: ActiveDevice) -> User {
        let active_device_id = match device {
            ActiveDevice::Phone => "p",
            ActiveDevice::Sip => "s",
            ActiveDevice::None => "",
        };
        User {
            app_user_id: id.into(),
            app_username: name.into(),
            email: format!("{}@Example.com", id.to_uppercase()),
            virtual_number: format!("0800{id}"),
            is_active: active,
            outbound_active: device == ActiveDevice::Sip,
            active_device_id: active_device_id.into(),
            phone_device_id: "p".into(),
            sip_device_id: "s".into(),
            ..User::default()
        }
    }

    fn users() -> Vec<User> {
        vec![
            user("c3", "Ravi Kumar", true, ActiveDevice::Sip),
            user("a1", "asha Verma", false, ActiveDevice::Phone),
            user("b2", "Meera Iyer", true, ActiveDevice::None),
        ]
    }

    fn ids(q: &UserQuery) -> Vec<String> {
        let list = UserCatalog::new(users());
        q.filter(&list, &list.sorted(q.sort))
            .into_iter()
            .map(|i| list.users[i].app_user_id.clone())
            .collect()
    }

    fn text(t: &str) -> UserQuery {
        UserQuery {
            text: t.into(),
            ..UserQuery::default()
        }
    }

    #[test]
    fn searches_ids_names_email_and_numbers_ignoring_case() {
        assert_eq!(ids(&text("")), ["a1", "b2", "c3"]);
        assert_eq!(ids(&text("RAVI")), ["c3"]);
        assert_eq!(ids(&text(" a1@example ")), ["a1"]);
        assert_eq!(ids(&text("0800b2")), ["b2"]);
        // The end of one field and the start of the next are not one word.
        assert!(ids(&text("kumarc3@")).is_empty());
        assert!(ids(&text("nobody")).is_empty());
    }

    #[test]
    fn filters_by_active_outbound_and_device() {
        let active = UserQuery {
            active: Some(true),
            ..UserQuery::default()
        };
        assert_eq!(ids(&active), ["b2", "c3"]);
        let outbound_off = UserQuery {
            outbound: Some(false),
            ..UserQuery::default()
        };
        assert_eq!(ids(&outbound_off), ["a1", "b2"]);
        for (device, expected) in [
            (ActiveDevice::Phone, "a1"),
            (ActiveDevice::None, "b2"),
            (ActiveDevice::Sip, "c3"),
        ] {
            assert_eq!(
                ids(&UserQuery {
                    device: Some(device),
                    ..UserQuery::default()
                }),
                [expected]
            );
        }
    }

    #[test]
    fn sorts_by_any_column_both_ways() {
        let by_name = UserQuery::default().sorted_by(SortKey::AppUsername);
        assert_eq!(ids(&by_name), ["a1", "b2", "c3"], "case-insensitive");
        let desc = by_name.sorted_by(SortKey::AppUsername);
        assert!(desc.sort.descending);
        assert_eq!(ids(&desc), ["c3", "b2", "a1"]);
        assert_eq!(
            ids(&UserQuery::default().sorted_by(SortKey::Device)),
            ["b2", "a1", "c3"]
        );
        for key in SortKey::ALL {
            assert_eq!(
                ids(&UserQuery::default().sorted_by(key)).len(),
                3,
                "{}",
                key.label()
            );
        }
    }

    #[test]
    fn round_trips_through_the_url() {
        let q = UserQuery {
            text: "asha".into(),
            active: Some(false),
            outbound: Some(true),
            device: Some(ActiveDevice::None),
            sort: SortOrder {
                column: SortKey::Email,
                descending: true,
            },
        };
        let pairs = q.to_pairs();
        let back = UserQuery::from_pairs(|k| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.as_str())
        });
        assert_eq!(back, q);
        assert!(UserQuery::default().to_pairs().is_empty());
        let junk = UserQuery::from_pairs(|k| match k {
            "sort" | "device" | "active" | "outbound" => Some("bogus"),
            _ => None,
        });
        assert_eq!(junk, UserQuery::default());
    }

    #[test]
    fn ten_thousand_users_filter_quickly() {
        let many: Vec<User> = (0..10_000)
            .map(|i| {
                user(
                    &format!("u{i}"),
                    &format!("Name{i} Last"),
                    i % 2 == 0,
                    ActiveDevice::Sip,
                )
            })
            .collect();
        let list = UserCatalog::new(many);
        let order = list.sorted(SortOrder::default());
        let started = std::time::Instant::now();
        let hits = text("name999").filter(&list, &order);
        assert_eq!(hits.len(), 11);
        // Generous for a debug build on a shared machine; it is ~1 ms.
        assert!(started.elapsed().as_millis() < 200);
    }
}
