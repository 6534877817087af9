//! CSV as the lists export it: every cell quoted, quotes doubled, and a
//! formula guard: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
//! leading `'`, so a spreadsheet shows it instead of running it. A plain
//! signed number (`+919800000001`) is not a formula and is left alone, so
//! phone numbers survive.

/// Whether a spreadsheet could run `value` as a formula.
pub(crate) fn looks_like_formula(value: &str) -> bool {
    let Some(rest) = value.strip_prefix(['=', '+', '-', '@', '\t', '\r']) else {
        return false;
    };
    let plain_number = value.starts_with(['+', '-'])
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit());
    !plain_number
}

/// One exported CSV cell: always quoted, quotes doubled, formulas defused.
pub(crate) fn csv_cell(value: &str) -> String {
    let guard = if looks_like_formula(value) { "'" } else { "" };
    format!("\"{guard}{}\"", value.replace('"', "\"\""))
}

/// One CSV line (CRLF-terminated) of `cells`.
pub(crate) fn csv_line<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = cells
        .into_iter()
        .map(csv_cell)
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused_but_numbers_kept() {
        assert_eq!(csv_cell("say \"hi\", ok"), "\"say \"\"hi\"\", ok\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("+1+2"), "\"'+1+2\"");
        assert_eq!(csv_cell("+919800000001"), "\"+919800000001\"");
        assert_eq!(csv_line(["a", "-"]), "\"a\",\"'-\"\r\n");
    }
}
