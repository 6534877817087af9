//! Client-side checks that run before any request, so the admin learns every
//! problem at once and by name. Pure functions: tested on the host and in the
//! browser.

use crate::ui::field_id::FieldId;

/// Longest value accepted in any text field (the API publishes no limit;
/// this keeps pasted garbage from reaching it).
pub(crate) const MAX_FIELD_LEN: usize = 256;
/// Tokens (JWTs especially) are longer than any form field.
pub(crate) const MAX_TOKEN_LEN: usize = 8192;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FieldError {
    /// The form field's id, so the view can attach the message to it.
    pub(crate) field: FieldId,
    pub(crate) message: String,
}

/// `local@domain.tld`: one `@`, something before it, a dot inside the
/// domain, no spaces. Deliberately loose: the server has the last word.
pub(crate) fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let dot_inside = domain.trim_matches('.').contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.');
    !local.is_empty() && !domain.contains('@') && dot_inside && !value.contains(char::is_whitespace)
}

/// Checks one text field: required, not too long, no control characters.
/// Returns the trimmed value.
pub(crate) fn check_text(
    field: FieldId,
    label: &str,
    raw: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    check_text_up_to(MAX_FIELD_LEN, field, label, raw, errors)
}

/// [`check_text`] for a pasted token, which may be long.
pub(crate) fn check_token(
    field: FieldId,
    label: &str,
    raw: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    check_text_up_to(MAX_TOKEN_LEN, field, label, raw, errors)
}

fn check_text_up_to(
    max: usize,
    field: FieldId,
    label: &str,
    raw: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = raw.trim();
    let problem = if value.is_empty() {
        Some(format!("{label} is required."))
    } else if value.chars().count() > max {
        Some(format!(
            "{label} is too long ({} characters; at most {max}).",
            value.chars().count()
        ))
    } else if value.chars().any(char::is_control) {
        Some(format!(
            "{label} contains a control character (tab, newline…); remove it."
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        errors.push(FieldError { field, message });
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_may_be_long() {
        let mut errors = Vec::new();
        check_token(
            FieldId::CustomerToken,
            "Token",
            &"x".repeat(2000),
            &mut errors,
        );
        assert!(errors.is_empty());
        check_text(FieldId::AppName, "Name", &"x".repeat(2000), &mut errors);
        assert_eq!(errors.len(), 1);
    }
}
