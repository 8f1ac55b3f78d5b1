//! Reading tables as the text gives them, and saying error only when the reading is certain:
//! damaged value cells, short rows, blank first cells, a row known only by its place, the 2021
//! table with （六）其他处理 written as one row, another format's column headers, and rows whose
//! numbers had to be placed by guessing (text extracted from a PDF).

mod common;

use common::drafts::*;
use common::{fixture, run, stdout};
use nianbao::check::{Diagnostic, Severity};
use std::ops::Range;

const T2_OUT: &str = "四、结转下年度继续办理";

fn within(r: &Range<usize>, line: &Range<usize>) -> bool {
    line.start <= r.start && r.end <= line.end
}

/// The relation instance a total-mismatch finding is about, as `relation` and its operands.
fn operands(d: &Diagnostic) -> (String, Vec<String>) {
    let data = d.data.as_ref().expect("data");
    let side = |k: &str| -> Vec<String> {
        data[k]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut ops = side("lhs");
    ops.extend(side("rhs"));
    (data["relation"].as_str().unwrap_or("").to_string(), ops)
}

/// `edited` gives the findings (rule and severity, in order) of `text`.
#[track_caller]
fn same_findings(text: &str, edited: &str) {
    let rules = |a: &nianbao::check::Analysis| -> Vec<(&str, Severity)> {
        a.diagnostics.iter().map(|d| (d.rule, d.severity)).collect()
    };
    let (a, b) = (check(text), check(edited));
    assert_eq!(rules(&a), rules(&b), "{}", dump(edited, &b));
}

/// No finding reports the written total of `row` as another number than `total`.
#[track_caller]
fn total_read_as(text: &str, a: &nianbao::check::Analysis, row: &str, total: i64) {
    for d in of(a, "total-mismatch") {
        let data = d.data.as_ref().expect("data");
        let lhs: Vec<&str> = data["lhs"]
            .as_array()
            .map(|x| x.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        if lhs == [format!("{row}.tot").as_str()] {
            assert_eq!(data["actual"], total, "{}", dump(text, a));
        }
        assert!(
            !d.message.contains("总计填写的是 0") || total == 0,
            "{}",
            dump(text, a)
        );
    }
}

#[test]
fn a_token_that_is_not_a_number_is_an_error_at_its_cell_and_blocks_its_relations() {
    for bad in ["abc", "x", "*", "?", "1O"] {
        let t = set_row(&draft(2024), T2_NEW, &[bad, "0", "0", "0", "0", "0", "5"]);
        let a = check(&t);
        let d = one(&t, &a, "invalid-cell", Severity::Error, bad);
        assert_eq!(d.range, cell_at(&t, T2_NEW, 1));
        assert_msg(
            d,
            &[
                "以下勾稽关系未核对",
                "A1（「自然人」列）",
                "A3（「一、本年新收政府信息公开申请数量」行）",
            ],
        );
        // The other cells keep their columns: the written total 5 is read as 5 and breaks A1
        // in the 总计 column (nothing else balances it).
        total_read_as(&t, &a, "new", 5);
        let a1: Vec<&Diagnostic> = of(&a, "total-mismatch");
        assert_eq!(a1.len(), 1, "{}", dump(&t, &a));
        assert_eq!(operands(a1[0]).0, "A1");
        assert_eq!(a1[0].severity, Severity::Error);
        assert_eq!(a1[0].range, cell_at(&t, T2_NEW, 7));
    }
}

#[test]
fn a_stray_token_in_the_middle_of_a_row_leaves_the_total_in_its_column() {
    // `| 3 | 0 | x | … | 5 |`: the message must not say the total is 0.
    let t = set_row(&draft(2024), T2_NEW, &["3", "0", "x", "0", "0", "0", "5"]);
    let a = check(&t);
    one(&t, &a, "invalid-cell", Severity::Error, "x");
    total_read_as(&t, &a, "new", 5);
    let row = row_line(&t, T2_NEW);
    // A3 of the row needs x: not checked. A1 fails in 自然人 (3) and 总计 (5), on this row.
    let found: Vec<(String, Range<usize>)> = of(&a, "total-mismatch")
        .iter()
        .map(|d| (operands(d).0, d.range.clone()))
        .collect();
    assert_eq!(found.len(), 2, "{}", dump(&t, &a));
    for (rel, r) in &found {
        assert_eq!(rel, "A1");
        assert!(within(r, &row), "{}", dump(&t, &a));
    }
}

#[test]
fn a_twenty_digit_number_is_an_invalid_cell() {
    let big = "12345678901234567890";
    let t = set_row(&draft(2024), T2_NEW, &[big, "0", "0", "0", "0", "0", "0"]);
    let a = check(&t);
    let d = one(&t, &a, "invalid-cell", Severity::Error, big);
    assert_msg(d, &["超过12位", "A1（「自然人」列）"]);
    assert_above_hint(&t, &a, &["invalid-cell"]);
}

#[test]
fn a_row_with_three_of_its_seven_numbers_is_missing_cells() {
    let t = edit(
        &draft(2024),
        "| 一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 5 |",
    );
    let a = check(&t);
    let d = one(&t, &a, "missing-cell", Severity::Error, T2_NEW);
    assert_msg(
        d,
        &[
            "表二",
            "应有7个数，只有3个",
            "「总计」",
            "以下勾稽关系未核对",
            "A1（「总计」列）",
        ],
    );
    let p = one(
        &t,
        &a,
        "partly-read",
        Severity::Info,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    );
    assert_msg(p, &["175", "171"]);
    // The three numbers were placed by guessing: what they break is a warning, never an error.
    let mismatches = of(&a, "total-mismatch");
    assert!(!mismatches.is_empty(), "{}", dump(&t, &a));
    for m in mismatches {
        assert_eq!(m.severity, Severity::Warning, "{}", dump(&t, &a));
        assert_msg(m, &["表格读取不确定"]);
        assert!(m.fixes.is_empty(), "no fix on a guessed reading");
    }
    // The CLI says which cells were guessed.
    let f = common::TempFile::new(".md", t.as_bytes());
    let o = run(&["tables", "--format", "csv", &f.arg()], None);
    let csv = stdout(&o);
    assert!(
        csv.contains("t2,new,np,\"一、本年新收政府信息公开申请数量\",3,guessed"),
        "{csv}"
    );
    assert!(
        csv.contains("t2,new,tot,\"一、本年新收政府信息公开申请数量\",,absent"),
        "{csv}"
    );
    assert!(
        csv.contains("t2,carried_in,np,\"二、上年结转政府信息公开申请数量\",0,certain"),
        "{csv}"
    );
}

#[test]
fn a_blank_first_value_cell_is_a_position() {
    // 290 is 商业企业's, the first cell (自然人) is blank.
    let t = set_row(
        &draft(2024),
        T2_OUT,
        &["", "290", "3", "0", "0", "0", "293"],
    );
    let a = check(&t);
    let row = row_line(&t, T2_OUT);
    total_read_as(&t, &a, "carried_out", 293);
    // A3 holds on the row (0 + 290 + 3 = 293); A1 fails in 商业企业, 科研机构 and 总计, with
    // the damaged row's cells among the operands.
    let mut cols: Vec<String> = Vec::new();
    for d in of(&a, "total-mismatch") {
        assert_eq!(d.severity, Severity::Error, "{}", dump(&t, &a));
        let (rel, ops) = operands(d);
        assert_eq!(rel, "A1");
        assert!(ops.iter().any(|o| o.starts_with("carried_out.")));
        assert!(
            d.related.iter().any(|r| within(&r.range, &row)),
            "{}",
            dump(&t, &a)
        );
        cols.push(ops[0].rsplit('.').next().unwrap_or("").to_string());
    }
    cols.sort();
    assert_eq!(cols, ["biz", "sci", "tot"], "{}", dump(&t, &a));
}

#[test]
fn a_damaged_label_between_its_neighbours_is_that_row() {
    let t = edit(
        &draft(2024),
        "| 2.其他法律行政法规禁止公开 |",
        "| 2.其他法律行政止公开 |",
    );
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "nonstandard-label",
        Severity::Warning,
        "2.其他法律行政止公开",
    );
    assert_msg(
        d,
        &["按它所在的位置和序号判断", "「2.其他法律行政法规禁止公开」"],
    );
    assert_above_hint(&t, &a, &["nonstandard-label"]);
    let fixed = apply(&t, &d.fixes[0].edits);
    assert_eq!(fixed, draft(2024));
    // Without its ordinal, its place is not enough: an unknown row and a missing row.
    let t = edit(
        &draft(2024),
        "| 2.其他法律行政法规禁止公开 |",
        "| 其他法律行政止公开 |",
    );
    let a = check(&t);
    assert_eq!(of(&a, "unknown-row").len(), 1, "{}", dump(&t, &a));
    assert_eq!(of(&a, "missing-row").len(), 1, "{}", dump(&t, &a));
}

/// The 2024 draft with （六）其他处理 as one row holding `vals`.
fn with_single_six(vals: &[&str]) -> String {
    let t = draft(2024);
    let start = unique(&t, "| （六）其他处理 |").start;
    let end = unique(&t, "| （七）总计 |").start;
    let mut cells = vec!["（六）其他处理"];
    cells.extend(vals);
    format!("{}{}\n{}", &t[..start], pipe_row(&cells), &t[end..])
}

#[test]
fn other_processing_as_one_row_in_a_2021_table_is_one_warning() {
    // 1 application, answered under （六）: balanced when （六） counts in A2.
    let t = with_single_six(&["1", "0", "0", "0", "0", "0", "1"]);
    let t = set_row(&t, T2_NEW, &["1", "0", "0", "0", "0", "0", "1"]);
    let t = set_row(&t, "（七）总计", &["1", "0", "0", "0", "0", "0", "1"]);
    let a = check(&t);
    let d = one(&t, &a, "collapsed-row", Severity::Warning, "（六）其他处理");
    assert_msg(d, &["3.其他", "3行之和"]);
    assert_above_hint(&t, &a, &["collapsed-row"]);
    // The fix splits the row, the numbers going into 3.其他; the result is clean.
    let fixed = apply(&t, &d.fixes[0].edits);
    assert!(
        fixed.contains("| 3.其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"),
        "{fixed}"
    );
    assert_clean(&fixed, &check(&fixed));
    // Its numbers take part in A2: with （七）总计 left at 0, A2 fails where （六） holds 1.
    let t = with_single_six(&["1", "0", "0", "0", "0", "0", "1"]);
    let t = set_row(&t, T2_NEW, &["1", "0", "0", "0", "0", "0", "1"]);
    let a = check(&t);
    let a2: Vec<String> = of(&a, "total-mismatch")
        .iter()
        .filter(|d| operands(d).0 == "A2")
        .map(|d| operands(d).1[0].clone())
        .collect();
    assert_eq!(a2, ["r7.np", "r7.tot"], "{}", dump(&t, &a));
    for r in ["format-mismatch", "mixed-format", "missing-row"] {
        assert!(of(&a, r).is_empty(), "{}", dump(&t, &a));
    }
}

#[test]
fn old_column_headers_over_a_2021_table_are_a_format_mismatch() {
    let t = edit(
        &draft(2024),
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
    );
    let a = check(&t);
    let d = one(&t, &a, "format-mismatch", Severity::Error, "本年新制作数量");
    assert_msg(d, &["「本年新制作数量」", "「对外公开总数量」", "2019版"]);
    assert_above_hint(&t, &a, &["format-mismatch"]);
}

#[test]
fn pdf_text_rows_are_certain_when_full_and_guessed_when_short() {
    // 济南 2020 as PDF text: its two broken totals in table 3 are errors, read for certain.
    let path = fixture("layouts/004.pdf.txt");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let a = check(&text);
    let l: Vec<&Diagnostic> = of(&a, "total-mismatch");
    assert_eq!(l.len(), 2, "{}", dump(&text, &a));
    assert!(l.iter().all(|d| d.severity == Severity::Error));
    // One number lost from a row of table 2 (a blank cell that left no trace): that row may be
    // missing a cell, and what it breaks is only a warning.
    let t = edit(
        &text,
        "一、本年新收政府信息公开申请数量 20 0 0 0 0 0 20",
        "一、本年新收政府信息公开申请数量 20 0 0 0 0 20",
    );
    let a = check(&t);
    let d = &of(&a, "missing-cell");
    assert_eq!(d.len(), 1, "{}", dump(&t, &a));
    assert_msg(d[0], &["应有7个数，只有6个", "空白单元格不留痕迹"]);
    // Only a warning: in PDF text the cell may just have been blank.
    assert_eq!(d[0].severity, Severity::Warning);
    // Several short rows of extracted text are one finding that names them.
    let t2 = edit(
        &t,
        "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1",
        "二、上年结转政府信息公开申请数量 1 1",
    );
    let a2 = check(&t2);
    let d = &of(&a2, "missing-cell");
    assert_eq!(d.len(), 1, "{}", dump(&t2, &a2));
    assert_msg(
        d[0],
        &[
            "「一、本年新收政府信息公开申请数量」行应有7个数，只有6个",
            "「二、上年结转政府信息公开申请数量」行应有7个数，只有2个",
        ],
    );
    let guessed: Vec<&Diagnostic> = of(&a, "total-mismatch")
        .into_iter()
        .filter(|d| operands(d).1.iter().any(|o| o.starts_with("new.")))
        .collect();
    assert!(!guessed.is_empty(), "{}", dump(&t, &a));
    assert!(
        guessed.iter().all(|d| d.severity == Severity::Warning),
        "{}",
        dump(&t, &a)
    );
}

#[test]
fn a_page_number_inside_a_table_is_not_a_value() {
    let text = std::fs::read_to_string(fixture("layouts/004.pdf.txt")).expect("fixture");
    let t = edit(
        &text,
        "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1\n",
        "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1\n- 7 -\n第 8 页\n",
    );
    same_findings(&text, &t);
}

#[test]
fn a_subtotal_column_is_one_finding_and_the_other_columns_keep_their_place() {
    // Some software adds a 法人或其他组织 subtotal column to table 2.
    let header = "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 |";
    let mut t = edit(
        &draft(2024),
        header,
        "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 法人或其他组织 | 商业企业 |",
    );
    t = edit(
        &t,
        "|---|---|---|---|---|---|---|---|\n| 一、",
        "|---|---|---|---|---|---|---|---|---|\n| 一、",
    );
    let mut out = Vec::new();
    for line in t.lines() {
        let cells: Vec<&str> = line.split('|').collect();
        // Data rows of table 2 (label + 7 numbers): the subtotal after 自然人.
        if cells.len() == 10 && cells[2].trim().parse::<u32>().is_ok() {
            let mut c = cells.clone();
            c.insert(3, " 0 ");
            out.push(c.join("|"));
        } else if cells.len() == 10 && cells[2].trim().is_empty() && !line.contains("第二十条")
        {
            out.push(format!("{line} |"));
        } else {
            out.push(line.to_string());
        }
    }
    let t = out.join("\n") + "\n";
    // 2 applications from 商业企业 (subtotal 2), 1 from 其他 (subtotal written 1: wrong, 3).
    let t = set_row(&t, T2_NEW, &["0", "1", "2", "0", "0", "0", "1", "3"]);
    let t = set_row(
        &t,
        "（一）予以公开",
        &["0", "3", "2", "0", "0", "0", "1", "3"],
    );
    let t = set_row(&t, "（七）总计", &["0", "3", "2", "0", "0", "0", "1", "3"]);
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "unknown-column",
        Severity::Warning,
        "法人或其他组织",
    );
    assert_msg(d, &["「一、本年新收政府信息公开申请数量」行：1 ≠ 3"]);
    // The seven columns are read by the header: every total balances.
    assert_above_hint(&t, &a, &["unknown-column"]);
    let fixed = set_row(&t, T2_NEW, &["0", "3", "2", "0", "0", "0", "1", "3"]);
    let a = check(&fixed);
    one(
        &fixed,
        &a,
        "unknown-column",
        Severity::Hint,
        "法人或其他组织",
    );
}

#[test]
fn a_row_of_numbers_under_an_unknown_label_is_reported_even_first() {
    let t = edit(
        &draft(2024),
        "| 一、本年新收政府信息公开申请数量 |",
        "| 申请来源不详 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| 一、本年新收政府信息公开申请数量 |",
    );
    let a = check(&t);
    let d = one(&t, &a, "unknown-row", Severity::Warning, "申请来源不详");
    assert_msg(d, &["表二", "「申请来源不详」"]);
    assert_above_hint(&t, &a, &["unknown-row"]);
}

#[test]
fn a_pandoc_grid_table_is_read_by_its_rows() {
    // Borders `+----+` and `+====+` are not cells.
    let t = edit(
        &draft(2024),
        "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
        "+------+------+\n| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n+======+======+\n",
    );
    let t = edit(
        &t,
        T3_ZERO,
        &format!(
            "{}\n+------+------+",
            pipe_row(&[
                "1", "0", "0", "0", "2", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"
            ])
        ),
    );
    let a = check(&t);
    let d = one(&t, &a, "total-mismatch", Severity::Error, "2");
    assert_eq!(operands(d).0, "L1");
    assert_above_hint(&t, &a, &["total-mismatch"]);
}

#[test]
fn a_vertical_group_character_beside_a_row_is_not_part_of_its_label() {
    // PDF text prints 三、本年度办理结果 one character per line, sometimes beside a row.
    let text = std::fs::read_to_string(fixture("layouts/003.pdf.txt")).expect("fixture");
    let t = edit(&text, "3.其他 0 0 0 0 0 0 0", "年 3.其他 0 0 0 0 0 0 0");
    let t = edit(
        &t,
        "（七）总计 0 0 0 0 0 0 0",
        "度 （七）总计 0 0 0 0 0 0 0",
    );
    same_findings(&text, &t);
}
