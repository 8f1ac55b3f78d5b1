//! The rules of the dates (signature-date, late-publication for a department and for a
//! government, period-mismatch), each on one small edit of a clean draft, with a near miss that
//! must not fire (what each test asserts: tests/rules_coverage.rs).

mod common;

use common::drafts::*;
use nianbao::check::{Options, Organ, Severity};

#[test]
fn signature_date_in_the_report_year_is_an_error() {
    for (date, when) in [("2024年1月20日", "之内"), ("2023年12月20日", "之前")] {
        let t = edit(&draft(2024), "2025年1月20日", date);
        let a = check(&t);
        let d = one(&t, &a, "signature-date", Severity::Error, date);
        assert_msg(d, &[date, "2024年", when, "2025年"]);
        assert_above_hint(&t, &a, &["signature-date"]);
    }
}

#[test]
fn signature_date_missing_is_a_warning() {
    let t = edit(&draft(2024), "\n2025年1月20日\n", "\n");
    let a = check(&t);
    let d = one(&t, &a, "signature-date", Severity::Warning, AGENCY);
    assert_msg(d, &["没有落款", "2025年1月31日"]);
    assert_above_hint(&t, &a, &["signature-date"]);
}

#[test]
fn signature_date_unreadable_is_a_hint() {
    let t = edit(&draft(2024), "2025年1月20日", "2025  1  20  日");
    let a = check(&t);
    one(&t, &a, "signature-date", Severity::Hint, "2025  1  20  日");
    assert_above_hint(&t, &a, &[]);
}

#[test]
fn signature_date_near_misses() {
    for date in [
        "2025年1月31日",
        "二〇二五年一月二十日",
        "2025-01-20",
        "2025.1.20",
    ] {
        let t = edit(&draft(2024), "2025年1月20日", date);
        assert_clean(&t, &check(&t));
    }
}

#[test]
fn late_publication_for_a_department() {
    for date in [
        "2025年2月1日",
        "2025年3月1日",
        "2026年1月10日",
        "二〇二五年二月十日",
    ] {
        let t = edit(&draft(2024), "2025年1月20日", date);
        let a = check(&t);
        let d = one(&t, &a, "late-publication", Severity::Warning, date);
        assert_msg(d, &["县级以上人民政府部门", "2025年1月31日", "第四十九条"]);
        assert_above_hint(&t, &a, &["late-publication"]);
    }
}

#[test]
fn late_publication_for_a_government() {
    let opts = Options {
        organ: Some(Organ::Government),
        ..Default::default()
    };
    // 3月1日: late for a department, in time for a government (by option or by title).
    let t = edit(&draft(2024), "2025年1月20日", "2025年3月1日");
    assert_clean(&t, &check_with(&t, &opts));
    let gov = nianbao::template::new_report(2024, Some("某市人民政府"), Organ::Government);
    let t = edit(&gov, "2025年1月20日", "2025年3月31日");
    assert_clean(&t, &check(&t));
    // 某市人民政府办公室 is a department.
    let office = nianbao::template::new_report(2024, Some("某市人民政府办公室"), Organ::Department);
    let t = edit(&office, "2025年1月20日", "2025年3月1日");
    one(
        &t,
        &check(&t),
        "late-publication",
        Severity::Warning,
        "2025年3月1日",
    );
    // After 3月31日 a government is late too.
    let t = edit(&gov, "2025年1月20日", "2025年4月1日");
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "late-publication",
        Severity::Warning,
        "2025年4月1日",
    );
    assert_msg(d, &["县级以上地方人民政府", "2025年3月31日"]);
    assert_above_hint(&t, &a, &["late-publication"]);
}

#[test]
fn period_mismatch() {
    for (period, shown) in [
        (
            "2023年1月1日至2023年12月31日",
            "（2023年1月1日至2023年12月31日）",
        ),
        (
            "2024年1月1日至2024年11月30日",
            "（2024年1月1日至2024年11月30日）",
        ),
    ] {
        let t = edit(&draft(2024), "2024年1月1日至2024年12月31日", period);
        let a = check(&t);
        let d = one(&t, &a, "period-mismatch", Severity::Warning, period);
        assert_msg(d, &[shown, "2024年1月1日至2024年12月31日"]);
        assert_above_hint(&t, &a, &["period-mismatch"]);
    }
}

#[test]
fn period_mismatch_near_misses() {
    let t = edit(
        &draft(2024),
        "2024年1月1日至2024年12月31日",
        "2024.1.1至2024.12.31",
    );
    assert_clean(&t, &check(&t));
    // Without a year in the title the period gives the year: not compared with itself.
    let t = edit(&draft(2024), "2024年政府", "政府");
    let t = edit(
        &t,
        "2024年1月1日至2024年12月31日",
        "2023年1月1日至2023年12月31日",
    );
    let a = check(&t);
    assert!(of(&a, "period-mismatch").is_empty(), "{}", dump(&t, &a));
    assert_eq!(a.year.map(|y| y.0), Some(2023));
}
