//! The rules of the three tables (missing-table, empty-table, missing-row, unknown-row,
//! nonstandard-label, invalid-cell, blank-cell, total-mismatch), each on one small edit of a
//! clean draft, with a near miss that must not fire (what each test asserts:
//! tests/rules_coverage.rs), and the quick fixes these rules offer, applied.
//!
//! Tests that once documented checker bugs now pass; each one states the exact input and the
//! wrong output.

mod common;

use common::drafts::*;
use nianbao::check::Severity;

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
