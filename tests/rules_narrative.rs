//! The rules of the narrative and of part 六 (narrative-mismatch: numbers and statements of the
//! text that disagree with the tables; fee-statement-missing), each on one small edit of a clean
//! draft, with a near miss that must not fire (what each test asserts: tests/rules_coverage.rs).
//!
//! Tests that once documented checker bugs now pass; each one states the exact input and the
//! wrong output.

mod common;

use common::drafts::*;
use nianbao::check::Severity;

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
    // New plus carried over is accepted too (16 + 2 = 18), with a hint naming both readings;
    // 均已按时答复 with 2 carried over is no claim that all were concluded.
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
    let a = check(&t);
    assert_above_hint(&t, &a, &[]);
    let d = one(&t, &a, "narrative-mismatch", Severity::Hint, "18");
    assert_msg(d, &["18件", "本年新收与上年结转之和", "16"]);
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
