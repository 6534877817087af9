//! Timestamps in the admin's local time: relative ("3 hours ago") with the
//! absolute date on hover. Unparseable values are shown as sent, never hidden.

use leptos::prelude::*;

/// "just now", "5 minutes ago", "in 2 days"… for a difference in seconds
/// (positive = in the past).
pub(crate) fn relative_phrase(seconds_ago: f64) -> String {
    let future = seconds_ago < 0.0;
    let s = seconds_ago.abs();
    if s < 45.0 {
        return "just now".into();
    }
    let (n, unit) = if s < 3_600.0 {
        ((s / 60.0).round(), "minute")
    } else if s < 86_400.0 {
        ((s / 3_600.0).round(), "hour")
    } else if s < 30.0 * 86_400.0 {
        ((s / 86_400.0).round(), "day")
    } else if s < 345.0 * 86_400.0 {
        ((s / (30.0 * 86_400.0)).round().min(11.0), "month")
    } else {
        ((s / (365.0 * 86_400.0)).round(), "year")
    };
    // Whole numbers, formatted as integers: float formatting would add
    // 10 KB of code to the bundle for nothing.
    let n = n as u64;
    let plural = if n == 1 { "" } else { "s" };
    if future {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

/// "2023-03-23T11:47:46…": the shape the API promises. Checked before the
/// browser's lenient parser, which would read "12345" as a year.
pub(crate) fn looks_like_rfc3339(raw: &str) -> bool {
    let b = raw.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
}

/// (relative, absolute local) for an RFC 3339 string, or None when it is
/// not one.
pub(crate) fn describe(raw: &str) -> Option<(String, String)> {
    if !looks_like_rfc3339(raw.trim()) {
        return None;
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(raw));
    let ms = date.get_time();
    if ms.is_nan() {
        return None;
    }
    let ago = (js_sys::Date::now() - ms) / 1000.0;
    Some((relative_phrase(ago), local_date_time(&date)))
}

/// The date and time in the admin's time zone, written year first
/// ("2023-03-23 11:47:46"): unambiguous whatever the admin's locale (3/4 is
/// March to some and April to others), and built from `Date`'s getters, so
/// the first timestamp on the page does not pay for loading the browser's
/// locale data (about 35 ms).
pub(crate) fn local_date_time(date: &js_sys::Date) -> String {
    format!("{} {}", local_date(date), local_time(date))
}

/// The time of day alone, as [`local_date_time`] writes it ("11:47:46").
pub(crate) fn local_time(date: &js_sys::Date) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

/// The date alone, as [`local_date_time`] writes it ("2023-03-23").
pub(crate) fn local_date(date: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// Renders a timestamp cell. Bad or missing values are shown as they came.
#[component]
pub(crate) fn Timestamp(#[prop(into)] value: String) -> impl IntoView {
    match describe(&value) {
        Some((relative, absolute)) => view! {
            <time datetime=value.clone() title=absolute.clone()>
                {relative}
                <span class="abs">{absolute.clone()}</span>
            </time>
        }
        .into_any(),
        None if value.trim().is_empty() => view! { <span class="muted">"—"</span> }.into_any(),
        None => view! {
            <span class="muted" title="Not a valid date">
                {value}
            </span>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::{looks_like_rfc3339, relative_phrase};

    #[test]
    fn only_rfc3339_shapes_are_parsed() {
        assert!(looks_like_rfc3339("2023-03-23T11:47:46+05:30"));
        assert!(looks_like_rfc3339("2023-03-23T11:47:46Z"));
        assert!(!looks_like_rfc3339("12345"));
        assert!(!looks_like_rfc3339("yesterday-ish"));
        assert!(!looks_like_rfc3339(""));
        assert!(!looks_like_rfc3339("2023-03-23"));
    }

    #[test]
    fn phrases() {
        assert_eq!(relative_phrase(10.0), "just now");
        assert_eq!(relative_phrase(60.0), "1 minute ago");
        assert_eq!(relative_phrase(7_200.0), "2 hours ago");
        assert_eq!(relative_phrase(-3.0 * 86_400.0), "in 3 days");
        assert_eq!(relative_phrase(400.0 * 86_400.0), "1 year ago");
        assert_eq!(relative_phrase(350.0 * 86_400.0), "1 year ago");
        assert_eq!(relative_phrase(340.0 * 86_400.0), "11 months ago");
    }
}
