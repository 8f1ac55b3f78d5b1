//! The rules of the format revision (format-mismatch, mixed-format): tables of another format
//! than the report year's, and tables of two formats in one report, each on one small edit of a
//! clean draft, with a near miss that must not fire (what each test asserts:
//! tests/rules_coverage.rs).

mod common;

use common::drafts::*;
use nianbao::check::Severity;

/// Table 1 (`"二"`) or table 2 (`"三"`) of `from` put in place of the same table of `into`.
fn swap_table(into: &str, from: &str, part: &str) -> String {
    let (h, next) = match part {
        "二" => (H2, H3),
        "三" => (H3, H4),
        _ => unreachable!(),
    };
    edit(into, &table_text(into, h, next), &table_text(from, h, next))
}

#[test]
fn format_mismatch_2019_tables_in_a_2024_report_is_an_error() {
    let t = swap_table(&draft(2024), &draft(2020), "二");
    let t = swap_table(&t, &draft(2020), "三");
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "format-mismatch",
        Severity::Error,
        "第二十条第（一）项",
    );
    assert_msg(
        d,
        &[
            "表一",
            "2019版",
            "2024年度",
            "2021版",
            "国办公开办函〔2021〕30号",
        ],
    );
    let data = d.data.as_ref().expect("data");
    assert_eq!(data["expected"], "2021");
    assert_eq!(data["actual"], "2019");
    assert_eq!(data["table"], "t1");
    // Both tables are 2019: not mixed; the 2019 rows are not unknown rows.
    assert_above_hint(&t, &a, &["format-mismatch"]);
}

#[test]
fn format_mismatch_2021_tables_in_a_2020_report_is_a_warning() {
    let t = swap_table(&draft(2020), &draft(2024), "二");
    let t = swap_table(&t, &draft(2024), "三");
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "format-mismatch",
        Severity::Warning,
        "第二十条第（一）项",
    );
    assert_msg(d, &["表一", "2021版", "2020年度", "2019版", "尚未发布"]);
    assert_eq!(d.data.as_ref().expect("data")["actual"], "2021");
    assert_above_hint(&t, &a, &["format-mismatch"]);
}

#[test]
fn format_mismatch_before_2019_is_information() {
    let t = draft(2018);
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "format-mismatch",
        Severity::Info,
        "某市卫生健康委员会2018年政府信息公开工作年度报告",
    );
    assert_msg(d, &["2018年度", "2008年《条例》"]);
    assert_above_hint(&t, &a, &["format-mismatch"]);
}

#[test]
fn format_mismatch_near_miss_right_format() {
    // The 2020 draft's tables are 2019 tables: right for 2020.
    let t = draft(2020);
    assert_clean(&t, &check(&t));
    // A 2021 table 3 is the same as a 2019 one.
    let t = edit(
        &draft(2020),
        &table_text(&draft(2020), H4, H5),
        &table_text(&draft(2024), H4, H5),
    );
    assert_clean(&t, &check(&t));
}

#[test]
fn mixed_format_table_1_2019_table_2_2021() {
    let label = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    // In a 2020 report: table 2 is the odd one (a warning), and the tables are mixed (an error).
    let t = swap_table(&draft(2020), &draft(2024), "三");
    let a = check(&t);
    let d = one(&t, &a, "mixed-format", Severity::Error, label);
    assert_msg(d, &["表一", "2019版", "表二", "2021版"]);
    assert_eq!(d.related.len(), 1);
    assert_eq!(&t[d.related[0].range.clone()], "第二十条第（一）项");
    let f = one(&t, &a, "format-mismatch", Severity::Warning, label);
    assert_eq!(f.data.as_ref().expect("data")["table"], "t2");
    assert_above_hint(&t, &a, &["mixed-format", "format-mismatch"]);
    // In a 2024 report: table 1 is wrong (an error), and the tables are mixed.
    let t = swap_table(&draft(2024), &draft(2020), "二");
    let a = check(&t);
    one(&t, &a, "mixed-format", Severity::Error, label);
    one(
        &t,
        &a,
        "format-mismatch",
        Severity::Error,
        "第二十条第（一）项",
    );
    assert_above_hint(&t, &a, &["mixed-format", "format-mismatch"]);
}

#[test]
fn mixed_format_near_miss_both_2019() {
    let t = swap_table(&draft(2024), &draft(2020), "二");
    let t = swap_table(&t, &draft(2020), "三");
    let a = check(&t);
    assert!(of(&a, "mixed-format").is_empty(), "{}", dump(&t, &a));
}
