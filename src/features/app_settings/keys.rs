//! The settings Exotel documents, each with the words an admin knows it by
//! and the kind of value it takes. A key outside this table is a custom
//! setting: shown and editable as text, never interpreted.

/// A setting key from the API's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum KnownKey {
    Popup,
    IncomingCallHangup,
    MissedCall,
    Callback,
    Record,
    Streaming,
    Playback,
}

/// What a setting's value is, which decides its editor and its checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// An `https://` webhook or file URL (`http://` after a warning).
    WebUrl,
    /// A `wss://` socket URL (`ws://` after a warning), or empty for none.
    SocketUrl,
    /// `"true"` or `"false"`.
    Switch,
}

impl KnownKey {
    /// The table's order, which is also the editor's.
    pub(crate) const ALL: [KnownKey; 7] = [
        KnownKey::Popup,
        KnownKey::IncomingCallHangup,
        KnownKey::MissedCall,
        KnownKey::Callback,
        KnownKey::Record,
        KnownKey::Streaming,
        KnownKey::Playback,
    ];

    /// The key on the wire.
    pub(crate) const fn api_name(self) -> &'static str {
        match self {
            KnownKey::Popup => "popup",
            KnownKey::IncomingCallHangup => "incomingCallHangup",
            KnownKey::MissedCall => "missedCall",
            KnownKey::Callback => "callback",
            KnownKey::Record => "record",
            KnownKey::Streaming => "streaming",
            KnownKey::Playback => "playback",
        }
    }

    /// The key named exactly as the API spells it (keys are case-sensitive).
    pub(crate) fn from_api_name(name: &str) -> Option<KnownKey> {
        KnownKey::ALL.into_iter().find(|k| k.api_name() == name)
    }

    /// Plain words for the setting.
    pub(crate) const fn label(self) -> &'static str {
        match self {
            KnownKey::Popup => "Incoming call pop-up URL",
            KnownKey::IncomingCallHangup => "Incoming call ended URL",
            KnownKey::MissedCall => "Missed call URL",
            KnownKey::Callback => "Outbound call status callback URL",
            KnownKey::Record => "Record outbound calls",
            KnownKey::Streaming => "Audio streaming socket",
            KnownKey::Playback => "Playback audio file URL",
        }
    }

    /// One line on what Exotel does with it.
    pub(crate) const fn help(self) -> &'static str {
        match self {
            KnownKey::Popup => {
                "Exotel calls this webhook when an incoming call rings (screen pop-up)."
            }
            KnownKey::IncomingCallHangup => "Exotel calls this webhook when an incoming call ends.",
            KnownKey::MissedCall => "Exotel calls this webhook for a missed call.",
            KnownKey::Callback => {
                "Exotel POSTs each outbound call's status (CallSid, CallStatus, …) here."
            }
            KnownKey::Record => "Record outbound calls. Exotel's default is off.",
            KnownKey::Streaming => {
                "Exotel streams call audio to this WebSocket. Leave empty for none."
            }
            KnownKey::Playback => "An audio file played just before the call connects.",
        }
    }

    pub(crate) const fn kind(self) -> ValueKind {
        match self {
            KnownKey::Record => ValueKind::Switch,
            KnownKey::Streaming => ValueKind::SocketUrl,
            _ => ValueKind::WebUrl,
        }
    }

    /// "Incoming call pop-up URL (popup)": found by either kind of admin.
    pub(crate) fn full_label(self) -> String {
        format!("{} ({})", self.label(), self.api_name())
    }
}

/// How a key is shown in messages: its words and key when known, else the
/// key itself in quotes.
pub(crate) fn describe_key(key: &str) -> String {
    match KnownKey::from_api_name(key) {
        Some(known) => known.full_label(),
        None => format!("Custom setting “{key}”"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_round_trips_through_its_api_name() {
        for key in KnownKey::ALL {
            assert_eq!(KnownKey::from_api_name(key.api_name()), Some(key));
        }
        assert_eq!(
            KnownKey::from_api_name("Popup"),
            None,
            "keys are case-sensitive"
        );
        assert_eq!(KnownKey::from_api_name("webrtc_enabled"), None);
    }

    #[test]
    fn labels_carry_plain_words_and_the_key() {
        assert_eq!(
            KnownKey::Popup.full_label(),
            "Incoming call pop-up URL (popup)"
        );
        assert_eq!(describe_key("missedCall"), "Missed call URL (missedCall)");
        assert_eq!(
            describe_key("webrtc_enabled"),
            "Custom setting “webrtc_enabled”"
        );
    }

    #[test]
    fn kinds_follow_the_table() {
        assert_eq!(KnownKey::Record.kind(), ValueKind::Switch);
        assert_eq!(KnownKey::Streaming.kind(), ValueKind::SocketUrl);
        assert_eq!(KnownKey::Playback.kind(), ValueKind::WebUrl);
    }
}
