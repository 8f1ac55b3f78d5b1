//! Pairing reports across years: which agency a report is from and for which year, so that each
//! report can be compared with last year's (`check::rules::cross_year`). Which files the front
//! ends read as reports when they look for it is `input::Kind::from_extension`.

use super::doc::Analysis;
use crate::text::fold;

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
    }
}
