//! The file formats a list can be saved as. What goes in the file is each
//! list's own business (`apps::export`, `users::list::export`): only the
//! fields it names, never a secret.

/// A file the list can be saved as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    /// In the toolbar's order.
    pub(crate) const ALL: [ExportFormat; 2] = [ExportFormat::Csv, ExportFormat::Json];

    pub(crate) fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    pub(crate) fn mime_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv",
            ExportFormat::Json => "application/json",
        }
    }

    /// The text of the toolbar button that saves this format.
    pub(crate) fn button_text(self) -> &'static str {
        match self {
            ExportFormat::Csv => "Export CSV",
            ExportFormat::Json => "Export JSON",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_name_their_files() {
        assert_eq!(ExportFormat::Csv.extension(), "csv");
        assert_eq!(ExportFormat::Json.mime_type(), "application/json");
        assert_eq!(ExportFormat::Json.button_text(), "Export JSON");
    }
}
