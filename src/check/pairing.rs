//! Pairing reports across years: which agency a report is from and for which year, so that
//! the front ends can give each report last year's (`check::rules::cross_year`).

use super::doc::Analysis;
use crate::text::fold;

/// The agency (title without the year and the report words) and the report year, for pairing
/// consecutive reports among many files.
pub fn agency_year(text: &str, a: &Analysis) -> Option<(String, u16)> {
    let (year, _, _) = a.year.as_ref()?;
    let title = fold::fold_str(&text[a.title.clone()?]);
    let cut = title.find(&format!("{year}"))?;
    let agency = fold::key(&title[..cut]);
    (!agency.is_empty()).then_some((agency, *year))
}
