//! The phrase map (src/format/data/phrases.json) against the tables: for every quantity, claim
//! and rate a report's prose names, a real-style sentence that matches the tables (no finding),
//! one that contradicts them (the finding, with both numbers, the cell and the quick fix) and a
//! near miss that stays silent (a change against last year, a sentence about another year, a
//! count with no table counterpart). All on one draft whose tables hold distinct numbers.

mod common;

use common::drafts::*;
use nianbao::check::{self, Analysis, Options, Severity};

/// A 2024 draft whose tables hold distinct numbers.
///
/// Table 2 (自然人 = 总计): new 20, carried in 2; 予以公开 10, 部分公开 3, 国家秘密 1, 不掌握 2,
/// 重复申请 1, 其他 1 → （七）总计 18; carried out 4 (20 + 2 = 18 + 4).
/// Table 3: 复议 维持 1, 纠正 1, 尚未审结 1 → 3; 直接起诉 维持 2 → 2; 复议后起诉 0.
/// Table 1: 行政规范性文件 5 / 2 / 470; 行政许可 185; 行政处罚 24; 行政强制 3; 收费 12.5 万元.
fn rich() -> String {
    let t = draft(2024);
    let rows: &[(&str, &str)] = &[
        (T2_NEW, "20"),
        ("二、上年结转政府信息公开申请数量", "2"),
        ("（一）予以公开", "10"),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "3",
        ),
        ("1.属于国家秘密", "1"),
        ("1.本机关不掌握相关政府信息", "2"),
        ("2.重复申请", "1"),
        ("3.其他", "1"),
        ("（七）总计", "18"),
        ("四、结转下年度继续办理", "4"),
    ];
    let mut t = t;
    for (label, n) in rows {
        t = set_row(&t, label, &t2_np(n, n));
    }
    let t = set_row(&t, "行政规范性文件", &["5", "2", "470"]);
    let t = set_row(&t, "行政许可", &["185", "", ""]);
    let t = set_row(&t, "行政处罚", &["24", "", ""]);
    let t = set_row(&t, "行政强制", &["3", "", ""]);
    let t = set_row(&t, "行政事业性收费", &["12.5", "", ""]);
    let mut cells = vec!["0"; 15];
    for (i, v) in [(0, "1"), (1, "1"), (3, "1"), (4, "3"), (5, "2"), (9, "2")] {
        cells[i] = v;
    }
    edit(&t, T3_ZERO, &pipe_row(&cells))
}

fn with(part_guide: &str, sentence: &str) -> String {
    replace_guide(&rich(), part_guide, sentence)
}

#[test]
fn the_rich_draft_is_clean() {
    let t = rich();
    assert_clean(&t, &check(&t));
}

/// Quantities: (guide of the part, matching sentence, contradicting sentence, the number it
/// states, the table's number, words of the cell's name in the message).
const QUANTITIES: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        GUIDE_P3,
        "本年度共收到政府信息公开申请20件。",
        "本年度共收到政府信息公开申请17件。",
        "17",
        "20",
        "一、本年新收政府信息公开申请数量",
    ),
    (
        GUIDE_P3,
        "本年度受理依申请公开20件。",
        "本年度受理依申请公开95件。",
        "95",
        "20",
        "一、本年新收",
    ),
    (
        GUIDE_P3,
        "本年度收到20件政府信息公开申请。",
        "本年度收到25件政府信息公开申请。",
        "25",
        "20",
        "一、本年新收",
    ),
    (
        GUIDE_P3,
        "另有上年结转申请2件。",
        "另有上年结转申请3件。",
        "3",
        "2",
        "二、上年结转",
    ),
    (
        GUIDE_P3,
        "全年共办结政府信息公开申请18件。",
        "全年共办结政府信息公开申请19件。",
        "19",
        "18",
        "（七）总计",
    ),
    (
        GUIDE_P3,
        "其中予以公开10件。",
        "其中予以公开12件。",
        "12",
        "10",
        "（一）予以公开",
    ),
    (
        GUIDE_P3,
        "其中部分公开3件。",
        "其中部分公开4件。",
        "4",
        "3",
        "（二）部分公开",
    ),
    (
        GUIDE_P3,
        "予以公开及部分公开13件。",
        "予以公开及部分公开258件。",
        "258",
        "13",
        "（一）予以公开」与「（二）部分公开",
    ),
    (
        GUIDE_P3,
        "不予公开1件。",
        "不予公开2件。",
        "2",
        "1",
        "（三）不予公开",
    ),
    (
        GUIDE_P3,
        "因属于国家秘密不予公开1件。",
        "因涉及国家秘密不予公开3件。",
        "3",
        "1",
        "1.属于国家秘密",
    ),
    (
        GUIDE_P3,
        "无法提供2件。",
        "无法提供5件。",
        "5",
        "2",
        "（四）无法提供",
    ),
    (
        GUIDE_P3,
        "本机关不掌握相关政府信息2件。",
        "本机关不掌握相关政府信息6件。",
        "6",
        "2",
        "1.本机关不掌握相关政府信息",
    ),
    (
        GUIDE_P3,
        "不予处理1件。",
        "不予处理4件。",
        "4",
        "1",
        "（五）不予处理",
    ),
    (
        GUIDE_P3,
        "属于重复申请的1件。",
        "属于重复申请的2件。",
        "2",
        "1",
        "2.重复申请",
    ),
    (
        GUIDE_P3,
        "其他处理1件。",
        "其他处理2件。",
        "2",
        "1",
        "（六）其他处理",
    ),
    (
        GUIDE_P3,
        "结转下年度继续办理4件。",
        "结转下年度继续办理3件。",
        "3",
        "4",
        "四、结转下年度继续办理",
    ),
    (
        GUIDE_P3,
        "另有4件申请顺延至下一年度办理。",
        "另有9件申请结转至下一年度办理。",
        "9",
        "4",
        "四、结转下年度继续办理",
    ),
    (
        GUIDE_P4,
        "本年度发生政府信息公开行政复议3件。",
        "本年度发生政府信息公开行政复议5件。",
        "5",
        "3",
        "行政复议「总计」",
    ),
    (
        GUIDE_P4,
        "本年度被提起行政诉讼2件。",
        "本年度行政诉讼共1件。",
        "1",
        "2",
        "行政诉讼两组「总计」",
    ),
    (
        GUIDE_P4,
        "行政复议3件，其中维持1件、纠正1件、尚未审结1件。",
        "行政复议3件，其中维持2件、纠正1件。",
        "2",
        "1",
        "行政复议「结果维持」",
    ),
    (
        GUIDE_P4,
        "行政诉讼2件，均维持2件。",
        "行政诉讼2件，尚未审结1件。",
        "1",
        "0",
        "行政诉讼「尚未审结」",
    ),
    (
        GUIDE_P2,
        "本年度制发行政规范性文件5件。",
        "本年度制发行政规范性文件6件。",
        "6",
        "5",
        "本年制发件数",
    ),
    (
        GUIDE_P2,
        "本年度废止规范性文件2件。",
        "本年度废止规范性文件3件。",
        "3",
        "2",
        "本年废止件数",
    ),
    (
        GUIDE_P2,
        "现行有效规范性文件470件。",
        "现行有效规范性文件393件。",
        "393",
        "470",
        "现行有效件数",
    ),
    (
        GUIDE_P2,
        "本年度作出行政许可决定185件。",
        "本年度作出行政许可决定180件。",
        "180",
        "185",
        "「行政许可」处理决定数量",
    ),
    (
        GUIDE_P2,
        "共办理185件行政许可。",
        "共办理181件行政许可。",
        "181",
        "185",
        "「行政许可」处理决定数量",
    ),
    (
        GUIDE_P2,
        "行政处罚共计24件。",
        "行政处罚共计42件。",
        "42",
        "24",
        "「行政处罚」处理决定数量",
    ),
    (
        GUIDE_P2,
        "行政强制3件。",
        "行政强制4件。",
        "4",
        "3",
        "「行政强制」处理决定数量",
    ),
];

#[test]
fn each_quantity_matches_contradicts_and_offers_the_tables_number() {
    for (guide, good, bad, said, table, cell) in QUANTITIES {
        let t = with(guide, good);
        let a = check(&t);
        assert!(
            of(&a, "narrative-mismatch").is_empty(),
            "«{good}» should match:\n{}",
            dump(&t, &a)
        );
        let t = with(guide, bad);
        let a = check(&t);
        let d = one(&t, &a, "narrative-mismatch", Severity::Warning, said);
        assert_msg(d, &[&format!("{said}件"), table, cell]);
        assert!(!d.related.is_empty(), "«{bad}»: the cell is related");
        assert_above_hint(&t, &a, &["narrative-mismatch"]);
        // The quick fix writes the table's number, and then nothing is left to say.
        let fix = &d.fixes[0];
        assert_eq!(fix.edits[0].text, *table, "«{bad}»");
        let fixed = apply(&t, &fix.edits);
        assert!(
            of(&check(&fixed), "narrative-mismatch").is_empty(),
            "«{bad}» fixed:\n{}",
            dump(&fixed, &check(&fixed))
        );
    }
}

#[test]
fn chinese_numerals_are_read_and_fixed_in_kind() {
    let t = with(GUIDE_P3, "本年度共收到政府信息公开申请十七件。");
    let a = check(&t);
    let d = one(&t, &a, "narrative-mismatch", Severity::Warning, "十七");
    assert_msg(d, &["17件", "20"]);
    assert_eq!(d.fixes[0].edits[0].text, "二十");
    let t = with(GUIDE_P3, "本年度共收到政府信息公开申请二十件。");
    assert!(of(&check(&t), "narrative-mismatch").is_empty());
}

#[test]
fn near_misses_stay_silent() {
    for (guide, s) in [
        // Changes against last year are not totals.
        (GUIDE_P3, "本年度收到政府信息公开申请较上年增加17件。"),
        (GUIDE_P3, "本年度收到政府信息公开申请20件，同比增长25%。"),
        // Sentences about other years.
        (GUIDE_P3, "2023年共收到政府信息公开申请17件。"),
        (GUIDE_P3, "去年共收到政府信息公开申请17件，今年有所增加。"),
        // Counts without a table counterpart.
        (
            GUIDE_P2,
            "全年主动公开政府信息1200条，其中行政许可信息300条、行政处罚信息90条。",
        ),
        (GUIDE_P2, "公开行政许可事项目录42项。"),
        // A 答复率 of hotline calls is not one of applications.
        (GUIDE_P1, "办理群众热线问题213件，答复率90%。"),
        // 均已按时答复 does not claim that nothing was carried over.
        (GUIDE_P3, "各类申请均已按时答复。"),
        // 没有行政复议，但… is no claim.
        (GUIDE_P4, "本年度没有发生行政复议，但有行政诉讼2件。"),
        // A claim that holds: 行政诉讼 were all upheld (2 维持, total 2).
        (GUIDE_P4, "行政诉讼2件，均获维持，无败诉。"),
        // Reconsideration and litigation the agency handles as a body (a justice bureau's own
        // work) outside part 四 and without 信息公开 in the sentence are not table 3's.
        (
            GUIDE_P1,
            "全年办理行政复议案件120件，行政应诉案件45件，均获维持，无败诉。",
        ),
        // Applications of other kinds, and policy explanations of documents.
        (GUIDE_P1, "全年受理行政审批申请3000件。"),
        (GUIDE_P2, "发布规范性文件解读12件。"),
        // Saying no 信息处理费 was collected while （六）2. is not zero is no contradiction (X6).
        (GUIDE_P6, "本年度未收取信息处理费。"),
    ] {
        let t = with(guide, s);
        let a = check(&t);
        assert!(
            of(&a, "narrative-mismatch").is_empty() && of(&a, "copied-text").is_empty(),
            "«{s}» should stay silent:\n{}",
            dump(&t, &a)
        );
    }
}

#[test]
fn new_plus_carried_in_is_accepted_with_a_hint() {
    let t = with(GUIDE_P3, "本年度共收到政府信息公开申请22件。");
    let a = check(&t);
    assert_above_hint(&t, &a, &[]);
    let d = one(&t, &a, "narrative-mismatch", Severity::Hint, "22");
    assert_msg(d, &["本年新收与上年结转之和", "20"]);
}

#[test]
fn amounts_in_yuan_and_wan_yuan() {
    for ok in ["行政事业性收费12.5万元。", "收取行政事业性收费125000元。"] {
        let t = with(GUIDE_P2, ok);
        assert!(of(&check(&t), "narrative-mismatch").is_empty(), "{ok}");
    }
    let t = with(GUIDE_P2, "行政事业性收费13万元。");
    let a = check(&t);
    let d = one(&t, &a, "narrative-mismatch", Severity::Warning, "13");
    assert_msg(d, &["13万元", "12.5万元"]);
}

/// Claims: (guide, contradicting sentence, the phrase it covers, words of the message), and a
/// holding version of each on a table where it is true.
#[test]
fn claims_against_the_tables() {
    for (guide, s, covers, words) in [
        (
            GUIDE_P3,
            "本年度我委未收到政府信息公开申请。",
            "未收到政府信息公开申请",
            &["没有收到申请", "20"][..],
        ),
        (
            GUIDE_P3,
            "申请均已全部办结。",
            "均已全部办结",
            &["全部办结", "四、结转下年度继续办理", "4"][..],
        ),
        (
            GUIDE_P4,
            "本年度未发生政府信息公开行政复议、行政诉讼。",
            "未发生政府信息公开行政复议、行政诉讼",
            &["表三", "5"][..],
        ),
        (
            GUIDE_P4,
            "本年度未发生行政复议案件。",
            "未发生行政复议",
            &["行政复议「总计」", "3"][..],
        ),
        (
            GUIDE_P4,
            "行政复议3件，均获维持。",
            "均获维持",
            &["结果纠正", "尚未审结", "2"][..],
        ),
        (
            GUIDE_P4,
            "行政复议3件，没有被纠正。",
            "没有被纠正",
            &["行政复议「结果纠正」", "1"][..],
        ),
    ] {
        let t = with(guide, s);
        let a = check(&t);
        let d = one(&t, &a, "narrative-mismatch", Severity::Warning, covers);
        assert_msg(d, words);
        assert!(!d.related.is_empty());
        assert_above_hint(&t, &a, &["narrative-mismatch"]);
    }
    // The same sentences on the blank 2024 draft (all zero) hold.
    for (guide, s) in [
        (GUIDE_P3, "本年度我委未收到政府信息公开申请。"),
        (GUIDE_P3, "申请均已全部办结。"),
        (GUIDE_P4, "本年度未发生政府信息公开行政复议、行政诉讼。"),
        (GUIDE_P4, "本年度未发生行政复议案件。"),
    ] {
        let t = replace_guide(&draft(2024), guide, s);
        assert_clean(&t, &check(&t));
    }
}

#[test]
fn rates_are_recomputed_with_the_stated_formula() {
    // 办结率 = 18 / (20 + 2) = 81.8%; 公开率 = (10 + 3) / 18 = 72.2% (or 10 / 18 = 55.6%).
    for ok in [
        "依申请公开办结率81.8%。",
        "依申请公开办结率82%。",
        "依申请公开的公开率为72.2%。",
        "依申请公开的公开率为55.6%。",
    ] {
        let t = with(GUIDE_P3, ok);
        assert!(of(&check(&t), "narrative-mismatch").is_empty(), "{ok}");
    }
    let t = with(GUIDE_P3, "依申请公开办结率90%。");
    let a = check(&t);
    let d = one(&t, &a, "narrative-mismatch", Severity::Warning, "90");
    assert_msg(d, &["办结率", "90%", "81.8%", "18÷22", "（七）总计"]);
    let t = with(GUIDE_P3, "申请公开率为80%。");
    let a = check(&t);
    let d = one(&t, &a, "narrative-mismatch", Severity::Warning, "80");
    assert_msg(d, &["公开率", "72.2%"]);
    // 办结率100% with 4 carried over is the claim that all were concluded.
    let t = with(GUIDE_P3, "依申请公开办结率100%。");
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "narrative-mismatch",
        Severity::Warning,
        "办结率100%",
    );
    assert_msg(d, &["全部办结", "4"]);
}

#[test]
fn processing_fee_amounts_follow_the_bands() {
    let t = with(GUIDE_P6, "本年度收取信息处理费105元。");
    let a = check(&t);
    let d = one(&t, &a, "narrative-mismatch", Severity::Hint, "105");
    assert_msg(d, &["10元的整数倍", "国办函〔2020〕109号"]);
    let t = with(GUIDE_P6, "本年度收取信息处理费100元。");
    assert!(of(&check(&t), "narrative-mismatch").is_empty());
}

fn with_last_year(text: &str, last: &str) -> Analysis {
    let prev = check(last);
    let blocks = nianbao::syntax::parse(text);
    check::analyse(text, &blocks, &Options::default(), |_| Some(&prev))
}

/// Last year (2023): 16 new applications, said so in the text.
fn last_year() -> String {
    let t = draft(2023);
    let t = set_row(&t, T2_NEW, &t2_np("16", "16"));
    let t = set_row(&t, "（一）予以公开", &t2_np("16", "16"));
    let t = set_row(&t, "（七）总计", &t2_np("16", "16"));
    replace_guide(&t, GUIDE_P3, "本年度共收到政府信息公开申请16件。")
}

#[test]
fn changes_against_last_years_report() {
    // 20 against 16: +4, +25%.
    for ok in [
        "本年度共收到政府信息公开申请20件，同比增长25%。",
        "本年度共收到政府信息公开申请20件，较上年增加4件。",
    ] {
        let t = with(GUIDE_P3, ok);
        let a = with_last_year(&t, &last_year());
        assert!(
            of(&a, "narrative-mismatch").is_empty(),
            "{ok}:\n{}",
            dump(&t, &a)
        );
    }
    for (bad, words) in [
        (
            "本年度共收到政府信息公开申请20件，同比增长30%。",
            &["30%", "16", "20", "+25.0%"][..],
        ),
        (
            "本年度共收到政府信息公开申请20件，较上年减少4件。",
            &["-4件", "+4件"][..],
        ),
    ] {
        let t = with(GUIDE_P3, bad);
        let a = with_last_year(&t, &last_year());
        let d = one(&t, &a, "narrative-mismatch", Severity::Warning, "20");
        assert_msg(d, words);
        // Without last year's report the change is not checked.
        assert!(of(&check(&t), "narrative-mismatch").is_empty());
    }
}

#[test]
fn a_number_carried_over_from_last_years_text() {
    // This year's text still says 16 (last year's number) while the table says 20.
    let t = with(GUIDE_P3, "本年度共收到政府信息公开申请16件。");
    let a = with_last_year(&t, &last_year());
    one(&t, &a, "narrative-mismatch", Severity::Warning, "16");
    let d = one(&t, &a, "copied-text", Severity::Hint, "16");
    assert_msg(d, &["上一年度报告", "16", "20"]);
    // Near miss: a wrong number that is not last year's.
    let t = with(GUIDE_P3, "本年度共收到政府信息公开申请17件。");
    let a = with_last_year(&t, &last_year());
    assert!(of(&a, "copied-text").is_empty());
}
