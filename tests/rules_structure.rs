//! The rules of the document structure (missing-part, duplicate-part, part-order,
//! nonstandard-heading, empty-part, unknown-year) and of the whole document (not-a-report), each
//! on one small edit of a clean draft, with a near miss that must not fire (what each test
//! asserts: tests/rules_coverage.rs).

mod common;

use common::drafts::*;
use nianbao::check::Severity;

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
    // Sub-headings of part 一 named like parts (（五）监督保障, 五、监督保障) are not parts. (The
    // text names the other three topics of part 一, which `missing-content` asks for.)
    for body in [
        "### （一）主动公开\n\n本年度主动公开政府信息1200条，依申请公开、政府信息管理、平台建设平稳有序。\n\n### （五）监督保障\n\n加强考核。",
        "### 一、主动公开\n\n本年度主动公开政府信息1200条，依申请公开、政府信息管理、平台建设平稳有序。\n\n### 五、监督保障\n\n加强考核。",
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
    // One word is content: not empty. (That part 五 names no problem and no improvement is
    // `missing-content`.)
    let t = replace_guide(&draft(2024), GUIDE_P5, "无。");
    let a = check(&t);
    assert!(of(&a, "empty-part").is_empty(), "{}", dump(&t, &a));
    assert_above_hint(&t, &a, &["missing-content"]);
    let t = replace_guide(&draft(2024), GUIDE_P6, "无其他需要报告的事项。");
    let a = check(&t);
    assert!(of(&a, "empty-part").is_empty(), "{}", dump(&t, &a));
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
