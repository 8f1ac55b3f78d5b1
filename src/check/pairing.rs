//! Pairing reports across years: which agency a report is from and for which year, so that each
//! report can be compared with last year's (`check::rules::cross_year`), and which files the
//! front ends read as reports when they look for it.

use super::doc::Analysis;
use crate::text::fold;

/// Extensions of the files read as reports when a front end pairs the reports of a folder (the
/// CLI's folder arguments, the server's look beside an open document).
pub const REPORT_EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// Whether a file name's extension is one of [`REPORT_EXTENSIONS`] (any case).
pub fn is_report_extension(ext: &str) -> bool {
    REPORT_EXTENSIONS
        .iter()
        .any(|x| x.eq_ignore_ascii_case(ext))
}

/// Which agency's report for which year: the agency is the title before the year, folded (so
/// that spacing, full-width forms and traditional characters do not matter).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReportKey {
    pub agency: String,
    pub year: u16,
}

impl ReportKey {
    /// The key of the same agency's report one year earlier.
    pub fn last_year(&self) -> Option<ReportKey> {
        Some(ReportKey {
            agency: self.agency.clone(),
            year: self.year.checked_sub(1)?,
        })
    }
    /// Whether `self` is the report of the year before `next`, of the same agency.
    pub fn precedes(&self, next: &ReportKey) -> bool {
        self.agency == next.agency && self.year.checked_add(1) == Some(next.year)
    }
}

/// The key of a report: the agency (title without the year and the report words) and the
/// report year; `None` when the title or the year is missing.
pub fn report_key(text: &str, a: &Analysis) -> Option<ReportKey> {
    let (year, _, _) = a.year.as_ref()?;
    let title = fold::fold_str(&text[a.title.clone()?]);
    let cut = title.find(&format!("{year}"))?;
    let agency = fold::key(&title[..cut]);
    (!agency.is_empty()).then_some(ReportKey {
        agency,
        year: *year,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_pair_consecutive_years_of_one_agency() {
        let k = |a: &str, y| ReportKey {
            agency: a.into(),
            year: y,
        };
        assert!(k("某局", 2023).precedes(&k("某局", 2024)));
        assert!(!k("某局", 2022).precedes(&k("某局", 2024)));
        assert!(!k("他局", 2023).precedes(&k("某局", 2024)));
        assert_eq!(k("某局", 2024).last_year(), Some(k("某局", 2023)));
        assert_eq!(k("某局", 0).last_year(), None);
        let text = "# 某市 某局2024年政府信息公开工作年度报告\n";
        let a = crate::check::check(text, &Default::default());
        assert_eq!(report_key(text, &a).map(|k| k.year), Some(2024));
        assert!(is_report_extension("MD") && !is_report_extension("docx"));
    }
}
