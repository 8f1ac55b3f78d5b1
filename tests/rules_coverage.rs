//! Every rule of the catalog (`nianbao::check::catalog::RULES`, except `internal-error`, which
//! only the language server emits) is fired by at least one test of the rules_*.rs files (four
//! of them by tests/reading.rs), each on one small, realistic edit of a clean draft made by
//! `nianbao::template::new_report`: the rule fires with the expected severity, its byte range covers
//! exactly the expected text, its message names the facts (numbers, labels), and no other
//! finding above hint appears that the edit would not explain. For each rule a near miss must
//! not fire.
//!
//! Here: the list of the rules covered, checked against the catalog, and the clean drafts.

mod common;

use common::drafts::*;
use nianbao::check::catalog;

/// The rules the rules_*.rs files fire, each in at least one of their tests.
const COVERED: &[&str] = &[
    "missing-part",
    "duplicate-part",
    "part-order",
    "nonstandard-heading",
    "empty-part",
    "unknown-year",
    "format-mismatch",
    "mixed-format",
    "missing-table",
    "empty-table",
    "missing-row",
    "unknown-row",
    "nonstandard-label",
    "invalid-cell",
    "blank-cell",
    "total-mismatch",
    "signature-date",
    "late-publication",
    "period-mismatch",
    "narrative-mismatch",
    "fee-statement-missing",
    "missing-content",
    "county-rules",
    "copied-text",
    // In tests/rules_prose_names.rs.
    "year-mismatch",
    "foreign-name",
    "not-a-report",
    // Tested with the table reader in tests/reading.rs.
    "missing-cell",
    "collapsed-row",
    "partly-read",
    "unknown-column",
    // Across years, with last year's report: on edited seed reports in tests/rules_copied.rs.
    "repealed-exceeds-valid",
];

#[test]
fn every_catalog_rule_is_covered() {
    let mut ids: Vec<&str> = catalog::RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| *id != "internal-error")
        .collect();
    let mut covered = COVERED.to_vec();
    ids.sort_unstable();
    covered.sort_unstable();
    assert_eq!(ids, covered);
    // The severities asserted in those tests are the catalog defaults unless a test says otherwise.
    for id in COVERED {
        assert!(catalog::rule(id).is_some(), "{id}");
    }
}

#[test]
fn clean_drafts_have_no_finding() {
    for year in [2019, 2020, 2021, 2023, 2024] {
        let t = draft(year);
        let a = check(&t);
        assert_clean(&t, &a);
        assert_eq!(a.year.map(|y| y.0), Some(year));
    }
    let t = filled16(2024);
    assert_clean(&t, &check(&t));
}
