//! Every rule of the catalog (`nianbao::check::catalog::RULES`, except `internal-error`, which
//! only the language server emits) on one small, realistic edit of a clean draft made by
//! `nianbao::draft::new_report`: the rule fires with the expected severity, its byte range covers
//! exactly the expected text, its message names the facts (numbers, labels), and no other
//! finding above hint appears that the edit would not explain. For each rule a near miss must
//! not fire. Then: every quick fix offered on these findings, applied; suppression comments and
//! `Options::severities`; the cross-year check X1 through the binary (two files, `--previous`);
//! `nianbao explain` and `nianbao tables`.
//!
//! Tests that once documented checker bugs now pass; each
//! one states the exact input and the wrong output.

mod common;

use common::drafts::*;
use common::{TempFile, check_json, code, findings, fixture, run, stderr, stdout};
use nianbao::check::{Analysis, Diagnostic, Options, Organ, Severity, catalog};
use serde_json::Value;

/// The draft of `year` whose table 2 shows 16 applications from 自然人, 16 disclosed, none
/// carried over: balanced and clean.
fn filled16(year: u16) -> String {
    let t = draft(year);
    let t = set_row(&t, "一、本年新收政府信息公开申请数量", &t2_np("16", "16"));
    let t = set_row(&t, "（一）予以公开", &t2_np("16", "16"));
    set_row(&t, "（七）总计", &t2_np("16", "16"))
}

/// Replace the guide paragraph (`（填写说明：…）`) that starts with `guide_start` by `body`.
#[track_caller]
fn replace_guide(text: &str, guide_start: &str, body: &str) -> String {
    let a = unique(text, guide_start).start;
    let b = a + text[a..].find("）\n").expect("end of the guide") + "）".len();
    format!("{}{}{}", &text[..a], body, &text[b..])
}

const GUIDE_P1: &str = "（填写说明：概述本年度";
const GUIDE_P2: &str = "（填写说明：以统一表格统计本年度依照";
const GUIDE_P3: &str = "（填写说明：以统一表格统计本年度收到";
const GUIDE_P4: &str = "（填写说明：以统一表格统计本机关因";
const GUIDE_P5: &str = "（填写说明：说明本年度政府信息公开工作存在";
const GUIDE_P6: &str = "（填写说明：说明本年度是否";

/// The table under `heading`: its pipe lines, up to the `next` heading.
#[track_caller]
fn table_text(text: &str, heading: &str, next: &str) -> String {
    let a = unique(text, heading).end;
    let b = unique(text, next).start;
    let part = &text[a..b];
    let s = part.find("\n|").expect("a table") + 1;
    let e = part.rfind("|\n").expect("table end") + 2;
    part[s..e].to_string()
}

const H1: &str = "## 一、总体情况";
const H2: &str = "## 二、主动公开政府信息情况";
const H3: &str = "## 三、收到和处理政府信息公开申请情况";
const H4: &str = "## 四、政府信息公开行政复议、行政诉讼情况";
const H5: &str = "## 五、存在的主要问题及改进情况";
const H6: &str = "## 六、其他需要报告的事项";

/// Table 1 (`"二"`) or table 2 (`"三"`) of `from` put in place of the same table of `into`.
fn swap_table(into: &str, from: &str, part: &str) -> String {
    let (h, next) = match part {
        "二" => (H2, H3),
        "三" => (H3, H4),
        _ => unreachable!(),
    };
    edit(into, &table_text(into, h, next), &table_text(from, h, next))
}

// ---------------------------------------------------------------------------------------------
// The drafts are clean, and every rule is covered here
// ---------------------------------------------------------------------------------------------

/// The rules this file fires, each in at least one test below.
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
    "not-a-report",
    // Tested with the table reader in tests/reading.rs.
    "missing-cell",
    "collapsed-row",
    "partly-read",
    "unknown-column",
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
    // The severities asserted below are the catalog defaults unless a test says otherwise.
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

// ---------------------------------------------------------------------------------------------
// Document structure
// ---------------------------------------------------------------------------------------------

#[test]
fn missing_part_fires_at_the_next_heading() {
    let t = cut(&draft(2024), H5, H6);
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "missing-part",
        Severity::Error,
        "六、其他需要报告的事项",
    );
    assert_msg(d, &["第五部分", "五、存在的主要问题及改进情况", "第五十条"]);
    assert_above_hint(&t, &a, &["missing-part"]);
}

#[test]
fn missing_last_part_fires_on_the_line_before_the_signature() {
    let t = cut(&draft(2024), H6, &format!("{AGENCY}\n\n2025年1月20日"));
    let a = check(&t);
    // The last line before the signature is part 五's guide paragraph.
    let last = &t[unique(&t, GUIDE_P5).start..];
    let last = &last[..last.find('\n').expect("line")];
    let d = one(&t, &a, "missing-part", Severity::Error, last);
    assert_msg(d, &["第六部分", "六、其他需要报告的事项"]);
    // Part 六 missing as a whole: only missing-part, no fee-statement-missing.
    assert_above_hint(&t, &a, &["missing-part"]);
}

#[test]
fn missing_part_near_misses() {
    // Bold heading without `#`, and a `第五部分` heading (a hint only).
    let t = edit(&draft(2024), H5, "**五、存在的主要问题及改进情况**");
    assert_clean(&t, &check(&t));
    let t = edit(&draft(2024), H5, "## 第五部分 存在的主要问题及改进情况");
    let a = check(&t);
    assert_above_hint(&t, &a, &[]);
    one(
        &t,
        &a,
        "nonstandard-heading",
        Severity::Hint,
        "第五部分 存在的主要问题及改进情况",
    );
}

#[test]
fn duplicate_part() {
    let d24 = draft(2024);
    let p5 = &d24[unique(&d24, H5).start..unique(&d24, H6).start];
    let t = edit(&d24, H6, &format!("{p5}{H6}"));
    let a = check(&t);
    let first = unique(&d24, H5).start + 3;
    let second = first + p5.len();
    let d = &of(&a, "duplicate-part");
    assert_eq!(d.len(), 1, "{}", dump(&t, &a));
    let d = d[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.range.start, second, "the second occurrence");
    assert_eq!(&t[d.range.clone()], "五、存在的主要问题及改进情况");
    assert_msg(d, &["第五部分", "两次"]);
    assert_eq!(d.related.len(), 1);
    assert_eq!(d.related[0].range.start, first, "points at the first");
    // The second occurrence takes no part in order or emptiness checks.
    assert_above_hint(&t, &a, &["duplicate-part"]);
}

#[test]
fn duplicate_part_near_miss_subheadings() {
    // Sub-headings of part 一 named like parts (（五）监督保障, 五、监督保障) are not parts.
    for body in [
        "### （一）主动公开\n\n本年度主动公开政府信息1200条。\n\n### （五）监督保障\n\n加强考核。",
        "### 一、主动公开\n\n本年度主动公开政府信息1200条。\n\n### 五、监督保障\n\n加强考核。",
    ] {
        let t = replace_guide(&draft(2024), GUIDE_P1, body);
        assert_clean(&t, &check(&t));
    }
}

#[test]
fn part_order() {
    let d24 = draft(2024);
    let p5 = d24[unique(&d24, H5).start..unique(&d24, H6).start].to_string();
    let sig = format!("{AGENCY}\n\n2025年1月20日");
    let p6 = d24[unique(&d24, H6).start..unique(&d24, &sig).start].to_string();
    let t = edit(&d24, &format!("{p5}{p6}"), &format!("{p6}{p5}"));
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "part-order",
        Severity::Warning,
        "五、存在的主要问题及改进情况",
    );
    assert_eq!(d.range.start, unique(&t, H5).start + 3);
    assert_msg(d, &["第五部分", "第六部分之前"]);
    assert_above_hint(&t, &a, &["part-order"]);
}

#[test]
fn nonstandard_heading_with_fix() {
    let t = edit(&draft(2024), H5, "## 五、存在问题及改进情况");
    let a = check(&t);
    assert_above_hint(&t, &a, &[]);
    let d = one(
        &t,
        &a,
        "nonstandard-heading",
        Severity::Hint,
        "五、存在问题及改进情况",
    );
    assert_msg(d, &["五、存在的主要问题及改进情况"]);
    let fixed = apply(&t, &d.fixes[0].edits);
    assert_eq!(fixed, draft(2024));
    // Bold headings keep their bold.
    let t = edit(&draft(2024), H5, "**五、存在问题及改进情况**");
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "nonstandard-heading",
        Severity::Hint,
        "**五、存在问题及改进情况**",
    );
    assert_eq!(d.fixes[0].edits[0].text, "**五、存在的主要问题及改进情况**");
    let fixed = apply(&t, &d.fixes[0].edits);
    assert_clean(&fixed, &check(&fixed));
}

#[test]
fn nonstandard_heading_near_miss_traditional_and_spaces() {
    for h in [
        "## 五、存在的主要問題及改進情況",
        "## 五、 存在的主要问题及改进情况",
        "## 五、存在的主要问题及改进情况 ",
    ] {
        let t = edit(&draft(2024), H5, h);
        assert_clean(&t, &check(&t));
    }
}

#[test]
fn empty_part() {
    let t = replace_guide(&draft(2024), GUIDE_P5, "");
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "empty-part",
        Severity::Warning,
        "五、存在的主要问题及改进情况",
    );
    assert_msg(d, &["第五部分"]);
    assert_above_hint(&t, &a, &["empty-part"]);
    // A comment is not content.
    let t = replace_guide(&draft(2024), GUIDE_P5, "<!-- 待补充 -->");
    let a = check(&t);
    one(
        &t,
        &a,
        "empty-part",
        Severity::Warning,
        "五、存在的主要问题及改进情况",
    );
    assert_above_hint(&t, &a, &["empty-part"]);
}

#[test]
fn empty_part_six_also_lacks_the_fee_statement() {
    let t = draft(2024);
    let t = replace_guide(&t, GUIDE_P6, "");
    let t = edit(
        &t,
        "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。\n\n",
        "",
    );
    let a = check(&t);
    one(
        &t,
        &a,
        "empty-part",
        Severity::Warning,
        "六、其他需要报告的事项",
    );
    one(
        &t,
        &a,
        "fee-statement-missing",
        Severity::Warning,
        "六、其他需要报告的事项",
    );
    assert_above_hint(&t, &a, &["empty-part", "fee-statement-missing"]);
}

#[test]
fn empty_part_near_miss_one_word() {
    let t = replace_guide(&draft(2024), GUIDE_P5, "无。");
    assert_clean(&t, &check(&t));
}

#[test]
fn unknown_year_without_any_year() {
    let t = draft(2024);
    let t = edit(&t, "2024年政府", "政府");
    let t = edit(
        &t,
        "统计期限为2024年1月1日至2024年12月31日",
        "统计期限为本年度",
    );
    let t = edit(&t, "\n2025年1月20日\n", "\n");
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "unknown-year",
        Severity::Warning,
        "某市卫生健康委员会政府信息公开工作年度报告",
    );
    assert_msg(d, &["年度"]);
    assert!(a.year.is_none());
    // No year: no date, period, format or fee checks.
    assert_above_hint(&t, &a, &["unknown-year"]);
}

#[test]
fn unknown_year_near_misses() {
    // Year from the statistics period only.
    let t = edit(&draft(2024), "2024年政府", "政府");
    let a = check(&t);
    assert_clean(&t, &a);
    assert_eq!(a.year.map(|y| y.0), Some(2024));
    // Year from a January signature only (2025年1月20日 → report on 2024).
    let t = edit(
        &edit(&draft(2024), "2024年政府", "政府"),
        "统计期限为2024年1月1日至2024年12月31日",
        "统计期限为本年度",
    );
    let a = check(&t);
    assert_clean(&t, &a);
    assert_eq!(a.year.map(|y| y.0), Some(2024));
}

// ---------------------------------------------------------------------------------------------
// Format revision
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

#[test]
fn missing_table_when_part_four_holds_only_prose() {
    let d24 = draft(2024);
    let t = edit(
        &d24,
        &table_text(&d24, H4, H5),
        "本年度未发生行政复议、行政诉讼。\n",
    );
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "missing-table",
        Severity::Error,
        "四、政府信息公开行政复议、行政诉讼情况",
    );
    assert_msg(d, &["第四部分", "表三"]);
    assert_above_hint(&t, &a, &["missing-table"]);
    // Part 二 with prose only.
    let t = edit(
        &d24,
        &table_text(&d24, H2, H3),
        "本年度主动公开政府信息1200条。\n",
    );
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "missing-table",
        Severity::Error,
        "二、主动公开政府信息情况",
    );
    assert_msg(d, &["第二部分", "表一"]);
    assert_above_hint(&t, &a, &["missing-table"]);
}

#[test]
fn missing_table_near_miss_prose_and_table() {
    let t = replace_guide(
        &draft(2024),
        GUIDE_P4,
        "本年度未发生政府信息公开行政复议、行政诉讼案件。",
    );
    assert_clean(&t, &check(&t));
}

#[test]
fn empty_table_when_table_three_has_no_number() {
    let blank = pipe_row(&[""; 15]);
    let t = edit(&draft(2024), T3_ZERO, &blank);
    let a = check(&t);
    let d = &of(&a, "empty-table");
    assert_eq!(d.len(), 1, "{}", dump(&t, &a));
    let d = d[0];
    assert_eq!(d.severity, Severity::Error);
    // From the first label of the table to its last cell.
    let start = unique(&t, "| 行政复议 |").start + 2;
    assert_eq!(d.range.start, start);
    // … which is the empty last cell of the blank row, just before its closing pipe.
    let row = unique(&t, &format!("\n{blank}\n"));
    assert_eq!(d.range.end, row.end - 2);
    assert!(t[d.range.clone()].starts_with("行政复议 |"));
    assert_msg(d, &["表三", "没有任何可读的数字"]);
    // Only that: no total errors, no blank-cell hint.
    assert_above_hint(&t, &a, &["empty-table"]);
    assert!(of(&a, "blank-cell").is_empty());
}

#[test]
fn empty_table_near_miss_one_number() {
    // One 0 and blanks: readable (blanks count as 0), a blank-cell hint only.
    let mut cells = vec!["0"];
    cells.extend([""; 14]);
    let t = edit(&draft(2024), T3_ZERO, &pipe_row(&cells));
    let a = check(&t);
    assert_above_hint(&t, &a, &[]);
    assert!(of(&a, "empty-table").is_empty());
    assert_eq!(of(&a, "blank-cell").len(), 1);
}

#[test]
fn missing_row_in_table_two() {
    let d24 = draft(2024);
    let line = row_line(&d24, "二、上年结转政府信息公开申请数量");
    let t = format!("{}{}", &d24[..line.start], &d24[line.end + 1..]);
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "missing-row",
        Severity::Error,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    );
    assert_msg(d, &["表二", "二、上年结转政府信息公开申请数量"]);
    let data = d.data.as_ref().expect("data");
    assert_eq!(data["table"], "t2");
    assert_eq!(data["row"], "carried_in");
    // A1 is not checked without its row; the table says how much of it was read.
    assert_above_hint(&t, &a, &["missing-row", "partly-read"]);
}

#[test]
fn missing_row_in_table_one() {
    let t = edit(&draft(2024), "| 行政强制 | 0 | | |\n", "");
    let a = check(&t);
    let d = one(&t, &a, "missing-row", Severity::Error, "第二十条第（一）项");
    assert_msg(d, &["表一", "「行政强制」"]);
    assert_eq!(d.data.as_ref().expect("data")["row"], "coercion");
    assert_above_hint(&t, &a, &["missing-row", "partly-read"]);
}

#[test]
fn missing_row_table_three_one_value_short() {
    let short = pipe_row(&["0"; 14]);
    let t = edit(&draft(2024), T3_ZERO, &short);
    let a = check(&t);
    let d = &of(&a, "missing-cell");
    assert_eq!(d.len(), 1, "{}", dump(&t, &a));
    assert_eq!(d[0].severity, Severity::Error);
    // At the numbers read (the row has no label).
    assert!(
        t[d[0].range.clone()].starts_with("0 | 0 |"),
        "{}",
        dump(&t, &a)
    );
    assert_msg(d[0], &["表三", "15", "14", "L3"]);
    assert_above_hint(&t, &a, &["missing-cell", "partly-read"]);
}

#[test]
fn missing_row_near_miss_group_row() {
    // Group rows hold no numbers in the standard table; leaving one out is not reported.
    let t = edit(&draft(2024), "| 三、本年度办理结果 | | | | | | | |\n", "");
    assert_clean(&t, &check(&t));
}

#[test]
fn unknown_row_without_suggestion() {
    let t = edit(
        &draft(2024),
        "| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
        "| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 无法联系到申请人 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
    );
    let a = check(&t);
    let d = one(&t, &a, "unknown-row", Severity::Warning, "无法联系到申请人");
    assert_msg(d, &["表二", "无法联系到申请人", "格式规定之外"]);
    assert!(d.fixes.is_empty());
    assert_above_hint(&t, &a, &["unknown-row"]);
}

#[test]
fn unknown_row_with_suggestion_and_fix() {
    // 合计 for 总计 without its ordinal (with it, the row is known by its place): the 总计 row
    // is then missing too.
    let t = edit(&draft(2024), "| （七）总计 |", "| 合计 |");
    let a = check(&t);
    let d = one(&t, &a, "unknown-row", Severity::Warning, "合计");
    assert_msg(d, &["表二", "合计", "最接近的标准行是「（七）总计」"]);
    let m = one(
        &t,
        &a,
        "missing-row",
        Severity::Error,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    );
    assert_msg(m, &["「（七）总计」"]);
    assert_above_hint(&t, &a, &["unknown-row", "missing-row", "partly-read"]);
    assert_eq!(d.fixes.len(), 1);
    assert_eq!(d.fixes[0].title, "改为「（七）总计」");
    let fixed = apply(&t, &d.fixes[0].edits);
    assert_eq!(fixed, draft(2024));
    assert_clean(&fixed, &check(&fixed));
    // A longer label without its ordinal: 重复的申请事项 → 2.重复申请.
    let t = edit(&draft(2024), "| 2.重复申请 |", "| 重复的申请事项 |");
    let a = check(&t);
    let d = one(&t, &a, "unknown-row", Severity::Warning, "重复的申请事项");
    assert_msg(d, &["重复的申请事项", "「2.重复申请」"]);
    assert_above_hint(&t, &a, &["unknown-row", "missing-row", "partly-read"]);
    let fixed = apply(&t, &d.fixes[0].edits);
    assert_clean(&fixed, &check(&fixed));
}

#[test]
fn unknown_row_message_quotes_the_label_as_written() {
    // Input: the 2024 draft with `| （七）总计 |` changed to `| 七、合计 |` (another ordinal, so
    // that its place does not say which row it is).
    // Output: 表二（依申请公开）中没有「七、合计」这一行；最接近的标准行是「（七）总计」。
    let t = edit(&draft(2024), "| （七）总计 |", "| 七、合计 |");
    let a = check(&t);
    let d = one(&t, &a, "unknown-row", Severity::Warning, "七、合计");
    assert_msg(d, &["「七、合计」", "「（七）总计」"]);
}

#[test]
fn unknown_row_near_misses() {
    // A duplicated standard row is an unknown row (the second is ignored) …
    let row = "| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
    let t = edit(&draft(2024), row, &format!("{row}{row}"));
    let a = check(&t);
    let d = &of(&a, "unknown-row");
    assert_eq!(d.len(), 1, "{}", dump(&t, &a));
    let second = unique(&t, &format!("{row}{row}")).start + row.len();
    assert_eq!(d[0].range, second + 2..second + 2 + "2.重复申请".len());
    assert_msg(d[0], &["重复出现"]);
    // … but a shortened label is a known row (a hint), and a note below the table is no row.
    let t = edit(
        &draft(2024),
        "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） |",
        "| （二）部分公开 |",
    );
    let a = check(&t);
    assert!(of(&a, "unknown-row").is_empty(), "{}", dump(&t, &a));
    assert_above_hint(&t, &a, &[]);
    let t = edit(
        &draft(2024),
        "| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
        "| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\n注：本表数据截至2024年12月31日。\n",
    );
    assert_clean(&t, &check(&t));
}

#[test]
fn nonstandard_label_with_fix() {
    for (from, to, standard, why) in [
        ("| 行政规范性文件 |", "规范性文件", "行政规范性文件", ""),
        (
            "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） |",
            "（二）部分公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "标签不完整或多出文字",
        ),
        (
            "| 1.属于国家秘密 |",
            "1.属于国家机密",
            "1.属于国家秘密",
            "可能是识别错误",
        ),
        ("| 1.属于国家秘密 |", "属于国家秘密", "1.属于国家秘密", ""),
    ] {
        let t = edit(&draft(2024), from, &format!("| {to} |"));
        let a = check(&t);
        assert_above_hint(&t, &a, &[]);
        let d = one(&t, &a, "nonstandard-label", Severity::Hint, to);
        assert_msg(d, &[&format!("标准标签是「{standard}」"), why]);
        assert_eq!(d.fixes.len(), 1);
        let fixed = apply(&t, &d.fixes[0].edits);
        assert_eq!(fixed, draft(2024), "{to}");
    }
}

#[test]
fn nonstandard_label_near_miss_traditional_and_width() {
    for (from, to) in [
        ("| 1.属于国家秘密 |", "| 1.屬於國家秘密 |"),
        ("| 1.属于国家秘密 |", "| １．属于国家秘密 |"),
        ("| 1.属于国家秘密 |", "| (1)属于国家秘密 |"),
        ("| 3.危及“三安全一稳定” |", "| 3.危及\"三安全一稳定\" |"),
    ] {
        let t = edit(&draft(2024), from, to);
        assert_clean(&t, &check(&t));
    }
}

const T2_NEW: &str = "一、本年新收政府信息公开申请数量";

#[test]
fn invalid_cell_ocr_and_garbled_with_fix() {
    for (bad, guess, what) in [
        ("O", "0", "字母当作数字"),
        ("l0", "10", "字母当作数字"),
        ("3O", "30", "字母当作数字"),
        ("约3", "3", "数字混入了其他字符"),
    ] {
        let t = set_row(&draft(2024), "行政许可", &[bad, "", ""]);
        let a = check(&t);
        let d = one(&t, &a, "invalid-cell", Severity::Error, bad);
        assert_eq!(d.range, cell_at(&t, "行政许可", 1));
        assert_msg(d, &[what, &format!("可能是 {guess}")]);
        assert_above_hint(&t, &a, &["invalid-cell"]);
        assert_eq!(d.fixes[0].edits[0].text, guess);
        let fixed = apply(&t, &d.fixes[0].edits);
        let fa = check(&fixed);
        assert!(of(&fa, "invalid-cell").is_empty());
        assert_above_hint(&fixed, &fa, &[]);
    }
    // In table 2 the relations through the cell are not checked: the O is the only finding.
    let t = set_row(&draft(2024), T2_NEW, &["O", "0", "0", "0", "0", "0", "0"]);
    let a = check(&t);
    let d = one(&t, &a, "invalid-cell", Severity::Error, "O");
    assert_msg(
        d,
        &[
            "以下勾稽关系未核对",
            "A1（「自然人」列）",
            "A3（「一、本年新收政府信息公开申请数量」行）",
        ],
    );
    assert_above_hint(&t, &a, &["invalid-cell"]);
    let fixed = apply(&t, &of(&a, "invalid-cell")[0].fixes[0].edits);
    assert_clean(&fixed, &check(&fixed));
}

#[test]
fn invalid_cell_negative_and_fraction_in_a_count_column() {
    for (bad, why) in [
        ("-3", "不小于0的整数"),
        ("+3", "不能带正负号"),
        ("12.5", "应为整数"),
    ] {
        let t = set_row(&draft(2024), "行政许可", &[bad, "", ""]);
        let a = check(&t);
        let d = one(&t, &a, "invalid-cell", Severity::Error, bad);
        assert_msg(d, &["「本年处理决定数量」列", why]);
        assert_above_hint(&t, &a, &["invalid-cell"]);
    }
    // 12.5 in table 2: unreadable as a count, so the relations through it are skipped.
    let t = set_row(
        &draft(2024),
        T2_NEW,
        &["12.5", "0", "0", "0", "0", "0", "0"],
    );
    let a = check(&t);
    let d = one(&t, &a, "invalid-cell", Severity::Error, "12.5");
    assert_msg(d, &["「自然人」列", "应为整数"]);
    assert_above_hint(&t, &a, &["invalid-cell"]);
}

#[test]
fn invalid_cell_negative_count_skips_the_relations() {
    // Input: the 2024 draft with `| 一、本年新收政府信息公开申请数量 | -3 | 0 | 0 | 0 | 0 | 0 | 0 |`.
    // Output besides invalid-cell (error, 「自然人」列的单元格应为不小于0的整数，不能带正负号。):
    //   error total-mismatch on `-3`: 「自然人」列：应满足「一 + 二 = 三（七）总计 + 四」：-3 + 0 = -3，
    //     而 0 + 0 = 0，两边不等。 (A1)
    //   error total-mismatch on the 总计 `0`: 「一、本年新收政府信息公开申请数量」行：应满足「总计列 =
    //     各类申请人之和」：-3 + 0 + 0 + 0 + 0 + 0 = -3，但总计填写的是 0。 (A3, fix 将总计改为 -3)
    // The catalog (invalid-cell) says 含有无效单元格的勾稽关系不再核对, as it does for 12.5 and O.
    for bad in ["-3", "+3", "5万元"] {
        let t = set_row(&draft(2024), T2_NEW, &[bad, "0", "0", "0", "0", "0", "0"]);
        let a = check(&t);
        one(&t, &a, "invalid-cell", Severity::Error, bad);
        assert_above_hint(&t, &a, &["invalid-cell"]);
    }
}

#[test]
fn invalid_cell_money_column() {
    let t = set_row(&draft(2024), "行政事业性收费", &["500元", "", ""]);
    let a = check(&t);
    let d = one(&t, &a, "invalid-cell", Severity::Warning, "500元");
    assert_msg(d, &["本年收费金额（单位：万元）", "万元", "元"]);
    assert_above_hint(&t, &a, &["invalid-cell"]);
}

#[test]
fn invalid_cell_money_message_reads_well() {
    // Input: the 2024 draft with `| 行政事业性收费 | 500元 | | |`.
    // Output: 「本年收费金额（单位：万元）」列的单元格该列单位是万元，单元格却写的是“元”。
    let t = set_row(&draft(2024), "行政事业性收费", &["500元", "", ""]);
    let a = check(&t);
    let d = one(&t, &a, "invalid-cell", Severity::Warning, "500元");
    assert!(!d.message.contains("单元格该列"), "{}", d.message);
}

#[test]
fn invalid_cell_near_misses() {
    // 12.5 (万元) is a valid amount; full-width digits are digits.
    let t = set_row(&draft(2024), "行政事业性收费", &["12.5", "", ""]);
    assert_clean(&t, &check(&t));
    let t = set_row(
        &filled16(2024),
        T2_NEW,
        &["１６", "０", "0", "0", "0", "0", "１６"],
    );
    assert_clean(&t, &check(&t));
}

#[test]
fn blank_cell_hint_and_its_fix() {
    let label = "2.重复申请";
    let t = set_row(&draft(2024), label, &["", "—", "/", "0", "0", "0", "0"]);
    let a = check(&t);
    assert_above_hint(&t, &a, &[]);
    let d = of(&a, "blank-cell");
    assert_eq!(d.len(), 1, "one per table: {}", dump(&t, &a));
    let d = d[0];
    assert_eq!(d.severity, Severity::Hint);
    // At the first such cell: an empty range inside the cell's pipes.
    let first = cell_at(&t, label, 1);
    assert!(d.range.is_empty(), "{:?}", d.range);
    assert!(first.start <= d.range.start && d.range.end <= first.end);
    assert_msg(d, &["表二", "3个"]);
    let edits = &d.fixes[0].edits;
    assert_eq!(edits.len(), 3);
    assert!(edits.iter().all(|e| e.text == "0"));
    assert_eq!(&t[edits[1].range.clone()], "—");
    assert_eq!(&t[edits[2].range.clone()], "/");
    let fixed = apply(&t, edits);
    assert_clean(&fixed, &check(&fixed));
    // Every blank of the row now holds a 0 (spacing aside).
    let row: String = fixed[row_line(&fixed, label)]
        .chars()
        .filter(|c| *c != ' ')
        .collect();
    assert_eq!(row, "|2.重复申请|0|0|0|0|0|0|0|");
}

#[test]
fn blank_cell_in_table_three_fix_parses_clean() {
    let mut cells = vec!["0"; 15];
    cells[1] = "";
    let t = edit(&draft(2024), T3_ZERO, &pipe_row(&cells));
    let a = check(&t);
    assert_above_hint(&t, &a, &[]);
    let d = &of(&a, "blank-cell")[0];
    assert_msg(d, &["表三", "1个"]);
    let fixed = apply(&t, &d.fixes[0].edits);
    assert_clean(&fixed, &check(&fixed));
    // The draft again, but for the spacing of the filled cell (`| 0|`).
    let squeeze = |s: &str| s.replace(' ', "");
    assert_eq!(squeeze(&fixed), squeeze(&draft(2024)));
}

#[test]
fn blank_cell_near_miss_group_rows_and_narrow_blocks() {
    // The drafts leave group rows and the unused columns of table 1's narrow blocks blank.
    let t = draft(2024);
    assert!(t.contains("| （三）不予公开 | | | | | | | |"));
    assert!(t.contains("| 行政许可 | 0 | | |"));
    assert!(of(&check(&t), "blank-cell").is_empty());
}

/// Table 2 of the 16-application draft with 予以公开 split 10 / 6 (本机关不掌握), and the 总计
/// of 予以公开 typed as 9: A3 on that row, A2 on the 总计 column.
fn t2_typo() -> String {
    let t = set_row(&filled16(2024), "（一）予以公开", &t2_np("10", "9"));
    set_row(&t, "1.本机关不掌握相关政府信息", &t2_np("6", "6"))
}

#[test]
fn total_mismatch_a3_a2_on_a_mistyped_total() {
    let t = t2_typo();
    let a = check(&t);
    assert_above_hint(&t, &a, &["total-mismatch", "total-mismatch"]);
    let ds = of(&a, "total-mismatch");
    let a3 = ds
        .iter()
        .find(|d| d.data.as_ref().unwrap()["relation"] == "A3")
        .expect("A3");
    assert_eq!(a3.severity, Severity::Error);
    assert_eq!(a3.range, cell_at(&t, "（一）予以公开", 7));
    assert_eq!(&t[a3.range.clone()], "9");
    assert_msg(
        a3,
        &[
            "「（一）予以公开」行",
            "总计列 = 各类申请人之和",
            "= 10",
            "9",
        ],
    );
    let data = a3.data.as_ref().unwrap();
    assert_eq!(data["expected"], 10);
    assert_eq!(data["actual"], 9);
    assert_eq!(data["table"], "t2");
    let a2 = ds
        .iter()
        .find(|d| d.data.as_ref().unwrap()["relation"] == "A2")
        .expect("A2");
    assert_eq!(a2.range, cell_at(&t, "（七）总计", 7));
    assert_eq!(&t[a2.range.clone()], "16");
    assert_msg(a2, &["「总计」列", "9 + 0", "+ 6", "= 15", "16"]);
    // The related ranges point at the operands.
    assert!(
        a3.related
            .iter()
            .any(|r| r.range == cell_at(&t, "（一）予以公开", 1))
    );
}

#[test]
fn total_mismatch_l1_in_table_three() {
    // 行政复议: 结果维持 1, 总计 left at 0.
    let mut cells = vec!["0"; 15];
    cells[0] = "1";
    let t = edit(&draft(2024), T3_ZERO, &pipe_row(&cells));
    let a = check(&t);
    let total = cells_of(&t, unique(&t, &pipe_row(&cells)))[4].clone();
    let d = &of(&a, "total-mismatch");
    assert_eq!(d.len(), 1, "{}", dump(&t, &a));
    let d = d[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.range, total);
    assert_eq!(d.data.as_ref().unwrap()["relation"], "L1");
    assert_msg(d, &["1 + 0 + 0 + 0 = 1", "总计填写的是 0"]);
    assert_above_hint(&t, &a, &["total-mismatch"]);
}

#[test]
fn total_mismatch_a1_carry_over() {
    // 16 new, 16 decided, but 2 carried over to next year: A1 in 自然人 and 总计.
    let t = set_row(&filled16(2024), "四、结转下年度继续办理", &t2_np("2", "2"));
    let a = check(&t);
    assert_above_hint(&t, &a, &["total-mismatch", "total-mismatch"]);
    for (d, col) in of(&a, "total-mismatch").iter().zip([1, 7]) {
        assert_eq!(d.data.as_ref().unwrap()["relation"], "A1");
        assert_eq!(d.range, cell_at(&t, T2_NEW, col));
        assert_msg(
            d,
            &["一 + 二 = 三（七）总计 + 四", "16 + 0 = 16", "16 + 2 = 18"],
        );
        assert!(d.fixes.is_empty(), "A1 has no single total to fix");
    }
}

#[test]
fn total_mismatch_subtotals_in_group_rows() {
    // A filled group row whose subtotal is wrong: a warning (A5).
    let t = set_row(&draft(2024), "（三）不予公开", &t2_np("1", "1"));
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "total-mismatch",
        Severity::Warning,
        "（三）不予公开",
    );
    assert_eq!(d.data.as_ref().unwrap()["relation"], "A5");
    assert_msg(d, &["分组行", "自然人：1 ≠ 0", "总计：1 ≠ 0"]);
    assert_above_hint(&t, &a, &["total-mismatch"]);
    // A right subtotal is still a hint.
    let t = set_row(&draft(2024), "（三）不予公开", &t2_np("0", "0"));
    let a = check(&t);
    one(&t, &a, "total-mismatch", Severity::Hint, "（三）不予公开");
    assert_above_hint(&t, &a, &[]);
}

#[test]
fn total_mismatch_p3_is_a_hint_in_the_2019_format() {
    let t = set_row(&draft(2020), "规章", &["0", "2", "1"]);
    let a = check(&t);
    let d = one(&t, &a, "total-mismatch", Severity::Hint, "2");
    assert_eq!(d.range, cell_at(&t, "规章", 2));
    assert_eq!(d.data.as_ref().unwrap()["relation"], "P3");
    assert_msg(
        d,
        &["「规章」行", "本年新公开数量 ≤ 对外公开总数量", "2 > 1"],
    );
    assert_above_hint(&t, &a, &[]);
}

#[test]
fn total_mismatch_near_miss_balanced_with_carry_over() {
    // 16 new + 2 carried in = 16 decided + 2 carried out.
    let t = set_row(
        &filled16(2024),
        "二、上年结转政府信息公开申请数量",
        &t2_np("2", "2"),
    );
    let t = set_row(&t, "四、结转下年度继续办理", &t2_np("2", "2"));
    assert_clean(&t, &check(&t));
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

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
    let gov = nianbao::draft::new_report(2024, Some("某市人民政府"), Organ::Government);
    let t = edit(&gov, "2025年1月20日", "2025年3月31日");
    assert_clean(&t, &check(&t));
    // 某市人民政府办公室 is a department.
    let office = nianbao::draft::new_report(2024, Some("某市人民政府办公室"), Organ::Department);
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

// ---------------------------------------------------------------------------------------------
// Narrative and part 六
// ---------------------------------------------------------------------------------------------

#[test]
fn narrative_mismatch_applications_received() {
    let t = replace_guide(
        &filled16(2024),
        GUIDE_P3,
        "本年度共收到政府信息公开申请20件，均已按时答复。",
    );
    let a = check(&t);
    let d = one(&t, &a, "narrative-mismatch", Severity::Warning, "20");
    assert_eq!(
        d.range,
        unique(&t, "申请20件").start + "申请".len()..unique(&t, "申请20件").start + "申请20".len()
    );
    assert_msg(d, &["20件", "一、本年新收政府信息公开申请数量", "16"]);
    assert_eq!(d.related.len(), 1);
    assert_eq!(d.related[0].range, cell_at(&t, T2_NEW, 7));
    assert_above_hint(&t, &a, &["narrative-mismatch"]);
}

#[test]
fn narrative_mismatch_near_misses_applications() {
    for s in [
        "本年度共收到政府信息公开申请16件，全部办结。",
        "本年度共受理依申请公开16件，均已按时答复。",
    ] {
        let t = replace_guide(&filled16(2024), GUIDE_P3, s);
        assert_clean(&t, &check(&t));
    }
    // New plus carried over is accepted too: 16 + 2 = 18.
    let t = set_row(
        &filled16(2024),
        "二、上年结转政府信息公开申请数量",
        &t2_np("2", "2"),
    );
    let t = set_row(&t, "四、结转下年度继续办理", &t2_np("2", "2"));
    let t = replace_guide(
        &t,
        GUIDE_P3,
        "本年度共收到政府信息公开申请18件，均已按时答复。",
    );
    assert_clean(&t, &check(&t));
}

#[test]
fn narrative_mismatch_all_concluded_with_carry_over() {
    let t = set_row(&draft(2024), T2_NEW, &t2_np("2", "2"));
    let t = set_row(&t, "四、结转下年度继续办理", &t2_np("2", "2"));
    let t = replace_guide(&t, GUIDE_P3, "本年度共收到政府信息公开申请2件，全部办结。");
    let a = check(&t);
    let d = one(&t, &a, "narrative-mismatch", Severity::Warning, "全部办结");
    assert_msg(d, &["全部办结", "四、结转下年度继续办理", "2"]);
    assert_eq!(d.related[0].range, cell_at(&t, "四、结转下年度继续办理", 7));
    assert_above_hint(&t, &a, &["narrative-mismatch"]);
    // 全部办结 with nothing carried over is fine.
    let t = replace_guide(
        &filled16(2024),
        GUIDE_P3,
        "本年度申请均已全部办结，无结转。",
    );
    assert_clean(&t, &check(&t));
}

#[test]
fn narrative_mismatch_no_applications_and_no_review() {
    let t = replace_guide(
        &filled16(2024),
        GUIDE_P3,
        "本年度我委未收到政府信息公开申请，无需办理。",
    );
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "narrative-mismatch",
        Severity::Warning,
        "未收到政府信息公开申请",
    );
    assert_msg(d, &["没有收到申请", "16"]);
    assert_above_hint(&t, &a, &["narrative-mismatch"]);
    // Table 3 with one reconsideration (kept, total 1), narrative says none.
    let mut cells = vec!["0"; 15];
    cells[0] = "1";
    cells[4] = "1";
    let t = edit(&draft(2024), T3_ZERO, &pipe_row(&cells));
    let t = replace_guide(
        &t,
        GUIDE_P4,
        "本年度未发生政府信息公开行政复议、行政诉讼案件。",
    );
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "narrative-mismatch",
        Severity::Warning,
        "未发生政府信息公开行政复议、行政诉讼",
    );
    assert_msg(d, &["表三"]);
    assert_above_hint(&t, &a, &["narrative-mismatch"]);
}

#[test]
fn narrative_mismatch_table_one_decisions() {
    let t = set_row(&draft(2024), "行政许可", &["185", "", ""]);
    let t = replace_guide(&t, GUIDE_P2, "本年度共作出行政许可决定180件，行政处罚0件。");
    let a = check(&t);
    let d = one(&t, &a, "narrative-mismatch", Severity::Warning, "180");
    assert_msg(d, &["行政许可180件", "185"]);
    assert_eq!(d.related[0].range, cell_at(&t, "行政许可", 1));
    assert_above_hint(&t, &a, &["narrative-mismatch"]);
    let t = edit(&t, "180件", "185件");
    assert_clean(&t, &check(&t));
}

#[test]
fn narrative_mismatch_short_sentences() {
    // Input: the 2024 draft with 16 new applications (自然人 16, 总计 16, 予以公开 16, （七）总计
    // 16) and part 三's guide paragraph replaced by one of these sentences.
    // Output: no finding (the 17-character 本年度共收到政府信息公开申请20件。 does fire).
    let mut missed = Vec::new();
    for s in [
        "本年度未收到政府信息公开申请。",
        "共收到政府信息公开申请20件。",
    ] {
        let t = replace_guide(&filled16(2024), GUIDE_P3, s);
        if of(&check(&t), "narrative-mismatch").is_empty() {
            missed.push(s);
        }
    }
    // Input: table 3 with 行政复议 结果维持 1 / 总计 1, part 四's guide replaced by this.
    let mut cells = vec!["0"; 15];
    cells[0] = "1";
    cells[4] = "1";
    let t = edit(&draft(2024), T3_ZERO, &pipe_row(&cells));
    let s = "本年度未发生行政复议、行政诉讼。";
    let t = replace_guide(&t, GUIDE_P4, s);
    if of(&check(&t), "narrative-mismatch").is_empty() {
        missed.push(s);
    }
    assert!(missed.is_empty(), "not checked: {missed:?}");
}

#[test]
fn fee_statement_missing() {
    let t = draft(2024);
    let t = replace_guide(&t, GUIDE_P6, "无。");
    let t = edit(
        &t,
        "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。\n\n",
        "",
    );
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "fee-statement-missing",
        Severity::Warning,
        "六、其他需要报告的事项",
    );
    assert_msg(d, &["信息处理费", "本年度未收取信息处理费"]);
    assert_above_hint(&t, &a, &["fee-statement-missing"]);
}

#[test]
fn fee_statement_near_misses() {
    // 本年度未收取信息处理费 satisfies the rule.
    let t = draft(2024);
    let t = replace_guide(&t, GUIDE_P6, "本年度未收取信息处理费。");
    let t = edit(
        &t,
        "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。\n\n",
        "",
    );
    assert_clean(&t, &check(&t));
    // The 2019 format (report year 2020) does not require it.
    let t = replace_guide(&draft(2020), "（填写说明：报告本机关认为", "无。");
    assert_clean(&t, &check(&t));
}

// ---------------------------------------------------------------------------------------------
// Whole document
// ---------------------------------------------------------------------------------------------

#[test]
fn not_a_report_is_the_only_finding() {
    let t = "# 会议纪要\n\n今天讨论了下一阶段的工作安排。\n\n## 一、工作安排\n\n略。\n";
    let a = check(t);
    assert_eq!(a.diagnostics.len(), 1, "{}", dump(t, &a));
    let d = one(t, &a, "not-a-report", Severity::Info, "# 会议纪要");
    assert_msg(d, &["不是政府信息公开工作年度报告"]);
    let t = "# README\n\nThis is a project.\n\n## Install\n\n```\ncargo install\n```\n\n- item 1\n- item 2\n";
    let a = check(t);
    assert_eq!(a.diagnostics.len(), 1, "{}", dump(t, &a));
    one(t, &a, "not-a-report", Severity::Info, "# README");
}

#[test]
fn not_a_report_near_miss_no_title() {
    // Without its title the draft is still a report (six parts, tables).
    let d = draft(2024);
    let t = &d[d.find("\n\n").expect("title") + 2..];
    let a = check(t);
    assert!(a.is_report);
    assert_clean(t, &a);
}

// ---------------------------------------------------------------------------------------------
// Quick fixes
// ---------------------------------------------------------------------------------------------

#[test]
fn fix_missing_part_inserts_the_heading() {
    let t = cut(&draft(2024), H5, H6);
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "missing-part",
        Severity::Error,
        "六、其他需要报告的事项",
    );
    assert_eq!(d.fixes.len(), 1);
    assert_eq!(d.fixes[0].edits[0].text, format!("{H5}\n\n"));
    let fixed = apply(&t, &d.fixes[0].edits);
    let fa = check(&fixed);
    assert!(of(&fa, "missing-part").is_empty(), "{}", dump(&fixed, &fa));
    // The heading alone makes an empty part; nothing else appears.
    for x in above_hint(&fa) {
        assert_eq!(x.rule, "empty-part", "{}", dump(&fixed, &fa));
        assert_eq!(&fixed[x.range.clone()], "五、存在的主要问题及改进情况");
    }
    // Once the drafter writes the part, the report is clean.
    let written = edit(&fixed, &format!("{H5}\n\n"), &format!("{H5}\n\n无。\n\n"));
    assert_clean(&written, &check(&written));
}

#[test]
fn fix_missing_last_part_and_missing_first_part() {
    // Part 六 missing: the heading goes before the signature.
    let t = cut(&draft(2024), H6, &format!("{AGENCY}\n\n2025年1月20日"));
    let a = check(&t);
    let d = &of(&a, "missing-part")[0];
    let fixed = apply(&t, &d.fixes[0].edits);
    assert!(fixed.contains(&format!("{H6}\n\n{AGENCY}\n\n2025年1月20日")));
    let fa = check(&fixed);
    assert!(of(&fa, "missing-part").is_empty());
    // The new part 六 is empty, and (2021 format) lacks the fee statement.
    assert_above_hint(&fixed, &fa, &["empty-part", "fee-statement-missing"]);
    // Part 一 missing: the heading goes before part 二.
    let t = cut(&draft(2024), H1, H2);
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "missing-part",
        Severity::Error,
        "二、主动公开政府信息情况",
    );
    let fixed = apply(&t, &d.fixes[0].edits);
    let fa = check(&fixed);
    assert!(of(&fa, "missing-part").is_empty());
    assert_above_hint(&fixed, &fa, &["empty-part"]);
}

/// The findings of `rule` whose relation and left-hand cells equal those of `d`.
fn same_instance<'a>(a: &'a Analysis, d: &Diagnostic) -> Vec<&'a Diagnostic> {
    let key = |x: &Diagnostic| {
        x.data
            .as_ref()
            .map(|v| (v["relation"].clone(), v["lhs"].clone()))
    };
    a.diagnostics
        .iter()
        .filter(|x| x.rule == d.rule && key(x) == key(d))
        .collect()
}

#[test]
fn fix_total_mismatch_makes_the_relation_hold() {
    let t = t2_typo();
    let a = check(&t);
    let fixable: Vec<&Diagnostic> = of(&a, "total-mismatch")
        .into_iter()
        .filter(|d| !d.fixes.is_empty())
        .collect();
    // Only A3 (the mistyped 9 of （一）予以公开) gets a fix: （七）总计 satisfies A1 and A3, so
    // setting it to the leaf sum (A2) would be wrong.
    assert_eq!(
        fixable.len(),
        1,
        "only the A3 total is certain: {}",
        dump(&t, &a)
    );
    assert_eq!(fixable[0].data.as_ref().unwrap()["relation"], "A3");
    for d in fixable {
        let data = d.data.as_ref().unwrap();
        let fix = &d.fixes[0];
        assert_eq!(fix.title, format!("将总计改为 {}", data["expected"]));
        assert_eq!(fix.edits.len(), 1);
        assert_eq!(fix.edits[0].range, d.range);
        let fixed = apply(&t, &fix.edits);
        let fa = check(&fixed);
        // The same relation instance (relation and left-hand cell) holds now.
        assert!(same_instance(&fa, d).is_empty(), "{}", dump(&fixed, &fa));
    }
    // The A3 fix corrects the mistyped 9: the table balances.
    let a3 = of(&a, "total-mismatch")
        .into_iter()
        .find(|d| d.data.as_ref().unwrap()["relation"] == "A3")
        .expect("A3");
    let fixed = apply(&t, &a3.fixes[0].edits);
    assert_clean(&fixed, &check(&fixed));
    // The 总计 typed as 15 instead of 16 in （七）总计: A2 and A3 both propose 16, A1 also fails;
    // either fix clears all three.
    let t = set_row(&filled16(2024), "（七）总计", &t2_np("16", "15"));
    let a = check(&t);
    let ds = of(&a, "total-mismatch");
    assert_eq!(ds.len(), 3, "{}", dump(&t, &a));
    for d in ds.iter().filter(|d| !d.fixes.is_empty()) {
        assert_eq!(d.fixes[0].edits[0].text, "16");
        let fixed = apply(&t, &d.fixes[0].edits);
        assert_eq!(fixed, filled16(2024));
    }
    // Table 3 (L1).
    let mut cells = vec!["0"; 15];
    cells[0] = "1";
    let t = edit(&draft(2024), T3_ZERO, &pipe_row(&cells));
    let a = check(&t);
    let d = &of(&a, "total-mismatch")[0];
    let fixed = apply(&t, &d.fixes[0].edits);
    cells[4] = "1";
    assert!(fixed.contains(&pipe_row(&cells)));
    assert_clean(&fixed, &check(&fixed));
}

#[test]
fn fix_total_mismatch_a2_adds_no_new_error() {
    // Input: the 2024 draft with 本年新收 自然人 16 / 总计 16, （一）予以公开 自然人 10 / 总计 9 (typo
    // for 10), 1.本机关不掌握相关政府信息 6 / 6, （七）总计 16 / 16.
    // Findings: A3 on the 9 (fix 将总计改为 10: right), A2 on the （七）总计 16 (fix 将总计改为 15).
    // After the A2 fix: error A1 「总计」列：… 16 + 0 = 16，而 15 + 0 = 15，两边不等。 and error A3
    // 「（七）总计」行：… = 16，但总计填写的是 15。 besides the A3 on the 9 that was there before.
    let t = t2_typo();
    let a = check(&t);
    let a2 = of(&a, "total-mismatch")
        .into_iter()
        .find(|d| d.data.as_ref().unwrap()["relation"] == "A2")
        .expect("A2");
    for fix in &a2.fixes {
        let fixed = apply(&t, &fix.edits);
        let fa = check(&fixed);
        for x in above_hint(&fa) {
            assert!(
                !same_instance(&a, x).is_empty(),
                "new finding after {}: {}",
                fix.title,
                dump(&fixed, &fa)
            );
        }
    }
}

// (The fixes of nonstandard-heading, unknown-row, nonstandard-label, invalid-cell and blank-cell
// are applied in their rule's tests above.)

// ---------------------------------------------------------------------------------------------
// Suppression and severity overrides
// ---------------------------------------------------------------------------------------------

/// Two total-mismatch findings on different lines (A3 on the 予以公开 row, A2 on the （七）总计
/// row), plus a late signature.
fn two_totals_and_late() -> String {
    let t = set_row(&draft(2024), "（一）予以公开", &t2_np("10", "0"));
    edit(&t, "2025年1月20日", "2025年2月10日")
}

fn relations_of(a: &Analysis) -> Vec<String> {
    let mut v: Vec<String> = of(a, "total-mismatch")
        .iter()
        .map(|d| {
            d.data.as_ref().unwrap()["relation"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    v.sort();
    v
}

#[test]
fn suppression_next_line_removes_exactly_that_finding() {
    let t = two_totals_and_late();
    let a = check(&t);
    assert_eq!(relations_of(&a), ["A2", "A3"], "{}", dump(&t, &a));
    assert_eq!(of(&a, "late-publication").len(), 1);
    for comment in [
        "<!-- nianbao-disable-next-line total-mismatch -->\n",
        "<!-- nianbao-disable-next-line total-mismatch -->\n\n",
        "  <!-- nianbao-disable-next-line blank-cell, total-mismatch -->\n",
    ] {
        let r = row_line(&t, "（一）予以公开");
        let s = format!("{}{comment}{}", &t[..r.start], &t[r.start..]);
        let a = check(&s);
        assert_eq!(relations_of(&a), ["A2"], "{comment}: {}", dump(&s, &a));
        assert_eq!(of(&a, "late-publication").len(), 1);
        assert_eq!(a.diagnostics.len(), 2, "{}", dump(&s, &a));
    }
}

#[test]
fn suppression_whole_file_removes_all_of_that_rule_only() {
    let t = two_totals_and_late();
    for at in ["start", "end", "part"] {
        let c = "<!-- nianbao-disable total-mismatch -->";
        let s = match at {
            "start" => format!("{c}\n{t}"),
            "end" => format!("{t}\n{c}\n"),
            _ => edit(&t, H5, &format!("{c}\n\n{H5}")),
        };
        let a = check(&s);
        assert!(
            of(&a, "total-mismatch").is_empty(),
            "{at}: {}",
            dump(&s, &a)
        );
        assert_eq!(a.diagnostics.len(), 1, "{at}: {}", dump(&s, &a));
        one(
            &s,
            &a,
            "late-publication",
            Severity::Warning,
            "2025年2月10日",
        );
    }
}

#[test]
fn suppression_naming_another_rule_removes_nothing() {
    let t = two_totals_and_late();
    let base = check(&t).diagnostics.len();
    for c in [
        "<!-- nianbao-disable blank-cell -->",
        "<!-- nianbao-disable total-mismatches -->",
        "<!-- 注：total-mismatch -->",
    ] {
        let s = format!("{c}\n{t}");
        let a = check(&s);
        assert_eq!(a.diagnostics.len(), base, "{c}: {}", dump(&s, &a));
        assert_eq!(relations_of(&a), ["A2", "A3"]);
        let r = row_line(&s, "（一）予以公开");
        let s = format!(
            "{}<!-- nianbao-disable-next-line late-publication -->\n{}",
            &s[..r.start],
            &s[r.start..]
        );
        let a = check(&s);
        assert_eq!(relations_of(&a), ["A2", "A3"], "{}", dump(&s, &a));
        assert_eq!(of(&a, "late-publication").len(), 1);
    }
}

#[test]
fn severity_overrides() {
    let t = two_totals_and_late();
    let hint = Options {
        severities: vec![("total-mismatch".into(), Some(Severity::Hint))],
        ..Default::default()
    };
    let a = check_with(&t, &hint);
    assert_eq!(relations_of(&a), ["A2", "A3"]);
    assert!(
        of(&a, "total-mismatch")
            .iter()
            .all(|d| d.severity == Severity::Hint)
    );
    assert_above_hint(&t, &a, &["late-publication"]);
    let off = Options {
        severities: vec![("total-mismatch".into(), None)],
        ..Default::default()
    };
    let a = check_with(&t, &off);
    assert!(of(&a, "total-mismatch").is_empty());
    assert_eq!(a.diagnostics.len(), 1);
    one(
        &t,
        &a,
        "late-publication",
        Severity::Warning,
        "2025年2月10日",
    );
    // Raising a rule; several overrides at once.
    let both = Options {
        severities: vec![
            ("late-publication".into(), Some(Severity::Error)),
            ("total-mismatch".into(), None),
        ],
        ..Default::default()
    };
    let a = check_with(&t, &both);
    assert_eq!(a.diagnostics.len(), 1);
    one(&t, &a, "late-publication", Severity::Error, "2025年2月10日");
}

// ---------------------------------------------------------------------------------------------
// Cross-year (X1) through the binary
// ---------------------------------------------------------------------------------------------

/// A balanced draft of `year` for `agency`: `carried_in` applications carried in from last year
/// and `carried_out` carried over to next year (自然人, and 总计), 5 new, the rest disclosed.
fn year_draft(year: u16, agency: &str, carried_in: u32, carried_out: u32) -> String {
    let t = nianbao::draft::new_report(year, Some(agency), Organ::Department);
    let new = 5;
    let done = new + carried_in - carried_out;
    let s = |n: u32| n.to_string();
    let t = set_row(&t, T2_NEW, &t2_np(&s(new), &s(new)));
    let t = set_row(
        &t,
        "二、上年结转政府信息公开申请数量",
        &t2_np(&s(carried_in), &s(carried_in)),
    );
    let t = set_row(&t, "（一）予以公开", &t2_np(&s(done), &s(done)));
    let t = set_row(&t, "（七）总计", &t2_np(&s(done), &s(done)));
    set_row(
        &t,
        "四、结转下年度继续办理",
        &t2_np(&s(carried_out), &s(carried_out)),
    )
}

/// The diagnostics of the file at `path` in `nianbao check --format json` output.
fn file_diags<'a>(v: &'a Value, path: &str) -> &'a Value {
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} in {v}"))
}

fn x1_of(file: &Value) -> Vec<common::Finding> {
    findings(file)
        .into_iter()
        .filter(|f| f.relation() == Some("X1"))
        .collect()
}

#[test]
fn cross_year_x1_both_files_and_previous() {
    // 2023 carried 2 over; 2024 says 3 were carried in.
    let prev = year_draft(2023, AGENCY, 0, 2);
    let cur = year_draft(2024, AGENCY, 3, 0);
    assert_clean(&prev, &check(&prev));
    assert_clean(&cur, &check(&cur));
    let p = TempFile::new(".md", prev.as_bytes());
    let c = TempFile::new(".md", cur.as_bytes());
    let check_x1 = |file: &Value| {
        let x1 = x1_of(file);
        // 自然人 and 总计 differ (3 vs 2).
        assert_eq!(x1.len(), 2, "{}", common::show(&findings(file)));
        for (f, col) in x1.iter().zip(["np", "tot"]) {
            assert_eq!(f.code, "total-mismatch");
            assert_eq!(f.severity, 2, "a warning");
            assert_eq!(f.data["columns"][0], col);
            assert_eq!(f.data["expected"], 2);
            assert_eq!(f.data["actual"], 3);
            assert!(f.message.contains("二、上年结转政府信息公开申请数量"));
            assert!(f.message.contains("四、结转下年度继续办理"));
            assert!(f.message.contains("是3") && f.message.contains("是2"));
            let r = cell_at(
                &cur,
                "二、上年结转政府信息公开申请数量",
                if col == "np" { 1 } else { 7 },
            );
            assert_eq!(common::pos(&cur, r.start), f.start());
            assert_eq!(common::pos(&cur, r.end), f.end());
        }
        // Nothing else above hint.
        assert_eq!(common::above_hint(&findings(file)).len(), 2);
    };
    // Both files in one run (either order).
    for args in [[p.arg(), c.arg()], [c.arg(), p.arg()]] {
        let (v, code) = check_json(&[&args[0], &args[1]], None);
        assert_eq!(code, 0, "warnings only");
        check_x1(file_diags(&v, &c.arg()));
        assert!(findings(file_diags(&v, &p.arg())).is_empty());
    }
    // --previous.
    let (v, code) = check_json(&["--previous", &p.arg(), &c.arg()], None);
    assert_eq!(code, 0);
    check_x1(file_diags(&v, &c.arg()));
}

#[test]
fn cross_year_x1_is_silenced_by_a_suppression_comment_in_the_cli() {
    // The draft's `nianbao-disable total-mismatch` covers the cross-year X1 too, in a batch and
    // with --previous (the language server already applied it).
    let prev = year_draft(2023, AGENCY, 0, 2);
    let cur = year_draft(2024, AGENCY, 3, 0);
    let quiet = format!("<!-- nianbao-disable total-mismatch -->\n{cur}");
    let p = TempFile::new(".md", prev.as_bytes());
    let c = TempFile::new(".md", quiet.as_bytes());
    let (v, _) = check_json(&[&p.arg(), &c.arg()], None);
    assert!(x1_of(file_diags(&v, &c.arg())).is_empty(), "{v}");
    let (v, _) = check_json(&["--previous", &p.arg(), &c.arg()], None);
    assert!(x1_of(file_diags(&v, &c.arg())).is_empty(), "{v}");
    // Without the comment both report it; the findings come out sorted by position.
    let c = TempFile::new(".md", cur.as_bytes());
    let (v, _) = check_json(&["--previous", &p.arg(), &c.arg()], None);
    let fs = findings(file_diags(&v, &c.arg()));
    assert_eq!(x1_of(file_diags(&v, &c.arg())).len(), 2);
    let starts: Vec<(usize, usize)> = fs.iter().map(|f| f.start()).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}

#[test]
fn cross_year_x1_along_three_years() {
    // 2022 carried 1 over, 2023 says 2 came in and carries 2 over, 2024 says 3 came in: both
    // later years get X1 (the middle one is compared with both neighbours in one run).
    let y22 = year_draft(2022, AGENCY, 0, 1);
    let y23 = year_draft(2023, AGENCY, 2, 2);
    let y24 = year_draft(2024, AGENCY, 3, 0);
    let files: Vec<TempFile> = [&y22, &y23, &y24]
        .iter()
        .map(|t| TempFile::new(".md", t.as_bytes()))
        .collect();
    let args: Vec<String> = files.iter().map(|f| f.arg()).collect();
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
        let run: Vec<&str> = order.iter().map(|&k| args[k].as_str()).collect();
        let (v, _) = check_json(&run, None);
        assert!(x1_of(file_diags(&v, &args[0])).is_empty());
        for (k, (expected, actual)) in [(1, (1, 2)), (2, (2, 3))] {
            let x1 = x1_of(file_diags(&v, &args[k]));
            assert!(!x1.is_empty(), "order {order:?}, file {k}");
            for f in &x1 {
                assert_eq!(f.data["expected"], expected);
                assert_eq!(f.data["actual"], actual);
            }
        }
    }
}

#[test]
fn cross_year_x1_near_misses() {
    let prev = year_draft(2023, AGENCY, 0, 2);
    let p = TempFile::new(".md", prev.as_bytes());
    // The years agree.
    let cur = year_draft(2024, AGENCY, 2, 0);
    let c = TempFile::new(".md", cur.as_bytes());
    let (v, _) = check_json(&[&p.arg(), &c.arg()], None);
    assert!(findings(file_diags(&v, &c.arg())).is_empty(), "{v}");
    let (v, _) = check_json(&["--previous", &p.arg(), &c.arg()], None);
    assert!(findings(file_diags(&v, &c.arg())).is_empty(), "{v}");
    // Another agency's 2024 report is not paired with this 2023 one.
    let other = year_draft(2024, "某市财政局", 3, 0);
    let o = TempFile::new(".md", other.as_bytes());
    let (v, _) = check_json(&[&p.arg(), &o.arg()], None);
    assert!(findings(file_diags(&v, &o.arg())).is_empty(), "{v}");
    // Not consecutive years: 2022 and 2024.
    let old = year_draft(2022, AGENCY, 0, 2);
    let q = TempFile::new(".md", old.as_bytes());
    let cur = year_draft(2024, AGENCY, 3, 0);
    let c = TempFile::new(".md", cur.as_bytes());
    let (v, _) = check_json(&[&q.arg(), &c.arg()], None);
    assert!(findings(file_diags(&v, &c.arg())).is_empty(), "{v}");
}

// ---------------------------------------------------------------------------------------------
// explain and tables
// ---------------------------------------------------------------------------------------------

#[test]
fn explain_rules_and_articles() {
    for r in catalog::RULES {
        let o = run(&["explain", r.id], None);
        assert_eq!(code(&o), 0, "{}: {}", r.id, stderr(&o));
        let out = stdout(&o);
        assert!(out.starts_with(&format!("{}  {}", r.id, r.title)), "{out}");
    }
    let o = run(&["explain", "第十四条"], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("国家秘密"), "{}", stdout(&o));
    let o = run(&["explain", "第六十条"], None);
    assert_ne!(code(&o), 0);
    assert!(stdout(&o).contains("第六十条") || stderr(&o).contains("第六十条"));
    for nonsense in ["no-such-rule", "天气", ""] {
        let o = run(&["explain", nonsense], None);
        assert_eq!(code(&o), 2, "{nonsense:?}: {}", stdout(&o));
        assert!(stderr(&o).contains("不认识"), "{}", stderr(&o));
    }
}

#[test]
fn tables_json_on_a_seed() {
    let p = fixture("000_2c1132c7924dd3e8.txt").display().to_string();
    let o = run(&["tables", "--format", "json", &p], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["year"], 2021);
    let tables = v["tables"].as_array().expect("tables");
    let ids: Vec<&str> = tables.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["t1", "t2", "t3"]);
    assert!(tables.iter().all(|t| t["format"] == "2021"));
    let rows = |id: &str| -> Vec<String> {
        tables.iter().find(|t| t["id"] == id).unwrap()["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["row"].as_str().unwrap().to_string())
            .collect()
    };
    let t1 = rows("t1");
    for r in ["rules", "norms", "license", "penalty", "coercion", "fee"] {
        assert!(t1.iter().any(|x| x == r), "t1 row {r}: {t1:?}");
    }
    let t2 = rows("t2");
    for r in [
        "new",
        "carried_in",
        "r1",
        "r3_1",
        "r6_3",
        "r7",
        "carried_out",
    ] {
        assert!(t2.iter().any(|x| x == r), "t2 row {r}: {t2:?}");
    }
    assert_eq!(rows("t3"), ["data"]);
    let license = tables[0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"] == "license")
        .unwrap();
    assert_eq!(license["cells"]["decisions"], 185);
    assert_eq!(license["label"], "行政许可");
    // The same on a generated draft: every table-2 row and all 15 table-3 cells.
    let d = TempFile::new(".md", year_draft(2024, AGENCY, 3, 0).as_bytes());
    let o = run(&["tables", "--format", "json", &d.arg()], None);
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let t2 = &v["tables"][1];
    assert_eq!(t2["id"], "t2");
    let carried = t2["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"] == "carried_in")
        .unwrap();
    assert_eq!(carried["cells"]["np"], 3);
    assert_eq!(carried["cells"]["tot"], 3);
    assert_eq!(
        v["tables"][2]["rows"][0]["cells"]
            .as_object()
            .unwrap()
            .len(),
        15
    );
}
