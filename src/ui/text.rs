//! Small text helpers shared by pages and components.

/// "2e6440ed…3a863": enough to tell apps apart; the full id is on hover.
pub(crate) fn short_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 14 {
        return id.to_string();
    }
    let head: String = chars[..8].iter().collect();
    let tail: String = chars[chars.len() - 5..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::short_id;

    #[test]
    fn ids_are_shortened_keeping_both_ends() {
        assert_eq!(
            short_id("2e6440ed-ff62-49d7-bb00-5494b313a863"),
            "2e6440ed…3a863"
        );
        assert_eq!(short_id("short"), "short");
        assert_eq!(short_id(""), "");
    }
}
