//! The HTML review report (placeholder: being written).

use crate::ide::report::Review;

/// One self-contained page (no external assets) for a set of reports.
pub fn page(reviews: &[Review], title: &str) -> String {
    let _ = reviews;
    format!(
        "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>{title}</title></html>"
    )
}

/// One report's findings and tables, as the page and `nianbao serve` show them.
pub fn fragment(review: &Review) -> String {
    let _ = review;
    String::new()
}
