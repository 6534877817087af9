//! How `/usermapping` pages write their next-page key (the reset control's
//! `key_style`), so a client can be tested against more than offsets:
//!
//! - `offset` (default): the key is the last user's position, 1, 2, 3, ...
//!   in creation order; a page of 50 is followed by the key 50 more.
//! - `gaps`: ids with gaps, as a store whose ids are not consecutive: the
//!   seeded users' numbers skip 7 after every 60th user, so the keys step
//!   evenly for a while, then jump.
//! - `opaque`: a string with no visible order ("k" and hex), read back by
//!   the server only.
//!
//! `last_value=0` is the first page in every style.

use serde::Deserialize;

use crate::users::User;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyStyle {
    #[default]
    Offset,
    Gaps,
    Opaque,
}

/// Scrambles an opaque key's number, so consecutive keys look unrelated.
const OPAQUE_MASK: u64 = 0x5bd1_e995;

impl KeyStyle {
    /// The key that names the page after the user numbered `seq`.
    pub fn write(self, seq: u64) -> String {
        match self {
            KeyStyle::Offset | KeyStyle::Gaps => seq.to_string(),
            KeyStyle::Opaque => format!("k{:x}", seq ^ OPAQUE_MASK),
        }
    }

    /// The user number a `last_value` names; `None`: not a key of this style.
    pub fn read(self, key: &str) -> Option<u64> {
        let key = key.trim();
        if key == "0" {
            return Some(0);
        }
        match self {
            KeyStyle::Offset | KeyStyle::Gaps => key.parse().ok(),
            KeyStyle::Opaque => {
                let hex = key.strip_prefix('k')?;
                u64::from_str_radix(hex, 16).ok().map(|n| n ^ OPAQUE_MASK)
            }
        }
    }

    /// Renumbers freshly seeded users (one app's, in creation order) the
    /// way this style's store numbers them.
    pub fn number(self, users: &mut [User]) {
        for (i, user) in (0u64..).zip(users.iter_mut()) {
            user.seq = self.seq_at(i);
        }
    }

    /// The number of the `i`-th user (from 0) of a freshly seeded app.
    fn seq_at(self, i: u64) -> u64 {
        match self {
            KeyStyle::Gaps => i + 1 + 7 * (i / 60),
            KeyStyle::Offset | KeyStyle::Opaque => i + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_reads_back_what_it_writes() {
        for style in [KeyStyle::Offset, KeyStyle::Gaps, KeyStyle::Opaque] {
            assert_eq!(style.seq_at(0), 1);
            for seq in [0, 1, 59, 60, 123_456] {
                assert_eq!(style.read(&style.write(seq)), Some(seq), "{style:?}");
            }
            assert_eq!(style.read("0"), Some(0));
            assert_eq!(style.read("x"), None);
        }
        assert_eq!(KeyStyle::Opaque.read("50"), None);
        assert_ne!(KeyStyle::Opaque.write(50).parse::<u64>().ok(), Some(50));
    }

    #[test]
    fn gaps_skip_seven_after_every_sixtieth_user() {
        let seqs: Vec<u64> = (0..130).map(|i| KeyStyle::Gaps.seq_at(i)).collect();
        assert_eq!(seqs[..3], [1, 2, 3]);
        assert_eq!(seqs[58..62], [59, 60, 68, 69]);
        assert_eq!(seqs[119..122], [127, 135, 136]);
    }
}
