//! Tests of the templates: every generated report, table and row checks clean and reads back.
use super::*;
use crate::check::{self, Analysis, Severity};

fn check(draft: &str) -> Analysis {
    check::check(draft, &Default::default())
}

fn serious(a: &Analysis) -> Vec<String> {
    a.diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.severity,
                Severity::Error | Severity::Warning | Severity::Info
            )
        })
        .map(|d| format!("{} {:?} {:?}: {}", d.rule, d.severity, d.range, d.message))
        .collect()
}

fn format_of(year: u16) -> &'static Format {
    format::for_year(year).unwrap_or_else(format::latest)
}

/// Checks that the draft of `year` is clean and read completely.
fn assert_clean(year: u16, organ: Organ) {
    let f = format_of(year);
    let draft = new_report(year, None, organ);
    let a = check(&draft);
    let bad: Vec<String> = a
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.severity,
                Severity::Error | Severity::Warning | Severity::Info
            )
        })
        .map(|d| format!("{} {:?} {:?}: {}", d.rule, d.severity, d.range, d.message))
        .collect();
    assert!(bad.is_empty(), "{year} {organ:?}: {bad:#?}\n{draft}");
    assert_eq!(a.year.as_ref().map(|y| y.0), Some(year), "{year}: year");
    let parts: Vec<u8> = a.parts.iter().map(|p| p.number).collect();
    assert_eq!(parts, (1..=6).collect::<Vec<u8>>(), "{year}: parts");
    assert!(
        a.parts.iter().all(|p| p.standard),
        "{year}: non-standard heading"
    );
    assert_eq!(a.organ, organ, "{year}: organ");
    for t in &f.tables {
        let read = a
            .table(&t.id)
            .unwrap_or_else(|| panic!("{year}: {} not read", t.id));
        assert_eq!(
            read.format.id, f.id,
            "{year}: {} read as another format",
            t.id
        );
        assert!(read.unknown.is_empty(), "{year}: {} unknown rows", t.id);
        match t.kind {
            TableKind::SingleRow => {
                let row = read.row(ids::row::SINGLE).expect("data row");
                assert_eq!(row.cells.len(), t.columns.len());
                assert!(
                    row.cells
                        .iter()
                        .all(|c| c.as_ref().is_some_and(|c| c.value.has_number()))
                );
            }
            _ => {
                for r in t.all_rows().filter(|r| r.kind == RowKind::Data) {
                    let got = read
                        .row(&r.id)
                        .unwrap_or_else(|| panic!("{year}: {} row {} not read", t.id, r.id));
                    assert!(
                        got.cells
                            .iter()
                            .all(|c| c.as_ref().is_some_and(|c| c.value.has_number())),
                        "{year}: {} row {} has unread cells",
                        t.id,
                        r.id
                    );
                    assert!(
                        got.extra.is_empty(),
                        "{year}: {} row {} extra cells",
                        t.id,
                        r.id
                    );
                }
            }
        }
    }
}

const YEARS: [u16; 4] = [2019, 2020, 2021, 2024];

#[test]
fn draft_2019_is_clean() {
    assert_clean(2019, Organ::Department);
    assert_clean(2019, Organ::Government);
}

#[test]
fn draft_2020_is_clean() {
    assert_clean(2020, Organ::Department);
    assert_clean(2020, Organ::Government);
}

#[test]
fn draft_2021_is_clean() {
    assert_clean(2021, Organ::Department);
    assert_clean(2021, Organ::Government);
}

#[test]
fn draft_2024_is_clean() {
    assert_clean(2024, Organ::Department);
    assert_clean(2024, Organ::Government);
}

#[test]
fn changed_cell_breaks_the_totals() {
    for year in YEARS {
        let draft = new_report(year, Some("某市某局"), Organ::Department);
        let label = &format_of(year).table("t2").expect("t2").rows[0].label;
        let prefix = format!("| {label} | 0 |");
        assert!(draft.contains(&prefix), "{year}: row not found");
        let changed = draft.replacen(&prefix, &format!("| {label} | 5 |"), 1);
        let a = check(&changed);
        let t2 = a.table("t2").expect("t2");
        let np = t2.cell(&t2.table.rows[0].id, "np").expect("cell");
        assert_eq!(&changed[np.range.clone()], "5");
        assert!(
            a.diagnostics
                .iter()
                .any(|d| d.rule == "total-mismatch" && d.severity == Severity::Error),
            "{year}: no total-mismatch error: {:#?}",
            serious(&a)
        );
    }
}

#[test]
fn year_picks_the_format() {
    let d2020 = new_report(2020, None, Organ::Department);
    assert!(d2020.contains("本年新制作数量") && !d2020.contains("本年制发件数"));
    assert!(d2020.contains("国办公开办函〔2019〕60号"));
    let d2024 = new_report(2024, None, Organ::Department);
    assert!(d2024.contains("本年制发件数") && !d2024.contains("本年新制作数量"));
    assert!(d2024.contains("国办公开办函〔2021〕30号"));
    // Before 2019 there is no format: the newest one is used.
    let d2018 = new_report(2018, None, Organ::Department);
    assert!(d2018.contains("本年制发件数"));
    assert!(d2018.starts_with("# XX市XX局2018年政府信息公开工作年度报告\n"));
}

#[test]
fn title_preamble_and_signature() {
    let d = new_report(2022, None, Organ::Government);
    assert!(d.starts_with("# XX市人民政府2022年政府信息公开工作年度报告\n\n"));
    assert!(d.contains("第四十九条、第五十条"));
    assert!(d.contains("本报告中所列数据的统计期限为2022年1月1日至2022年12月31日。"));
    assert!(d.ends_with("XX市人民政府\n\n2023年1月20日\n"));
    let d = new_report(2022, Some("和田地区卫健委"), Organ::Department);
    assert!(d.starts_with("# 和田地区卫健委2022年政府信息公开工作年度报告\n"));
    assert!(d.ends_with("和田地区卫健委\n\n2023年1月20日\n"));
    let a = check(&d);
    assert!(a.signature.organ.is_some());
    let p = a.period.as_ref().expect("period");
    assert_eq!(
        (p.0.y, p.0.m, p.0.d, p.1.y, p.1.m, p.1.d),
        (2022, 1, 1, 2022, 12, 31)
    );
    for p in &format_of(2022).parts {
        assert!(d.contains(&format!("\n## {}、{}\n\n（填写说明：", p.ordinal, p.title)));
    }
}

#[test]
fn fee_statement_only_where_required() {
    let fee = "本年度未收取信息处理费。";
    let d = new_report(2021, None, Organ::Department);
    let six = d.find("## 六、").expect("part 六");
    assert!(d[six..].contains(fee));
    assert!(!d[..six].contains(fee));
    assert!(!new_report(2020, None, Organ::Department).contains(fee));
}

#[test]
fn table_1_layout_2021() {
    let f = format::by_id("2021").expect("2021");
    let expected = "\
| 第二十条第（一）项 | | | |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 0 | 0 | 0 |
| 第二十条第（五）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政许可 | 0 | | |
| 第二十条第（六）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政处罚 | 0 | | |
| 行政强制 | 0 | | |
| 第二十条第（八）项 | | | |
| 信息内容 | 本年收费金额（单位：万元） | | |
| 行政事业性收费 | 0 | | |
";
    assert_eq!(table_markdown(f, "t1").as_deref(), Some(expected));
}

#[test]
fn table_1_layout_2019_pads_narrow_blocks() {
    let f = format::by_id("2019").expect("2019");
    let t = table_markdown(f, "t1").expect("t1");
    assert!(t.contains("\n| 第二十条第（八）项 | | | |\n| 信息内容 | 上一年项目数量 | 本年增/减 | |\n| 行政事业性收费 | 0 | 0 | |\n"));
    assert!(t.ends_with("| 政府集中采购 | 0 | 0 | |\n"), "{t}");
}

#[test]
fn table_2_layout() {
    for id in ["2019", "2021"] {
        let f = format::by_id(id).expect("format");
        let table = f.table("t2").expect("t2");
        let md = table_markdown(f, "t2").expect("t2");
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(
            lines[0],
            "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"
        );
        assert_eq!(lines[1], "|---|---|---|---|---|---|---|---|");
        assert_eq!(lines.len(), 2 + table.rows.len());
        for (line, row) in lines[2..].iter().zip(&table.rows) {
            let v = if row.kind == RowKind::Data { "0" } else { "" };
            let cells = vec![v; 7];
            assert_eq!(*line, pipe_row(&[vec![row.label.as_str()], cells].concat()));
        }
        assert!(md.contains("\n| 三、本年度办理结果 | | | | | | | |\n"));
        assert!(md.contains("\n| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"));
    }
    let f2019 = format::by_id("2019").expect("2019");
    assert!(
        table_markdown(f2019, "t2")
            .expect("t2")
            .contains("\n| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    );
    let f2021 = format::by_id("2021").expect("2021");
    assert!(
        table_markdown(f2021, "t2")
            .expect("t2")
            .contains("\n| （六）其他处理 | | | | | | | |\n| 1.申请人无正当理由")
    );
}

#[test]
fn table_3_layout() {
    let expected = "\
| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |
| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
";
    for id in ["2019", "2021"] {
        let f = format::by_id(id).expect("format");
        assert_eq!(table_markdown(f, "t3").as_deref(), Some(expected), "{id}");
    }
}

#[test]
fn single_rows() {
    let f = format::by_id("2021").expect("2021");
    assert_eq!(
        row_markdown(f, "t2", "r3").as_deref(),
        Some("| （三）不予公开 | | | | | | | |")
    );
    assert_eq!(
        row_markdown(f, "t2", "r3_1").as_deref(),
        Some("| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")
    );
    assert_eq!(
        row_markdown(f, "t1", "license").as_deref(),
        Some("| 行政许可 | 0 | | |")
    );
    assert_eq!(
        row_markdown(f, "t1", "rules").as_deref(),
        Some("| 规章 | 0 | 0 | 0 |")
    );
    assert_eq!(
        row_markdown(f, "t3", "data").map(|r| r.matches('0').count()),
        Some(15)
    );
    assert_eq!(row_markdown(f, "t2", "nope"), None);
    assert_eq!(row_markdown(f, "t3", "r1"), None);
    assert_eq!(row_markdown(f, "t9", "r1"), None);
    assert_eq!(table_markdown(f, "t9"), None);
}

#[test]
fn sample_reports_have_the_size_and_the_broken_totals_asked_for() {
    for (bytes, broken) in [(20_000, 0), (20_000, 1), (2_000_000, 4)] {
        let text = sample_report(2024, bytes, broken, 7);
        assert!(
            text.len() >= bytes && text.len() < bytes + 2_000,
            "{} bytes",
            text.len()
        );
        let a = check(&text);
        let errors: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert_eq!(errors.is_empty(), broken == 0, "{errors:#?}");
        assert!(
            errors.iter().all(|d| d.rule == "total-mismatch"),
            "{errors:#?}"
        );
        let above_hint = a
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Hint && d.rule != "total-mismatch")
            .count();
        assert_eq!(above_hint, 0, "{:#?}", a.diagnostics);
    }
    assert_eq!(
        sample_report(2024, 50_000, 2, 1),
        sample_report(2024, 50_000, 2, 1)
    );
}

/// Replace the pipe row whose label is `label` by `label` and `values`.
fn set_row(text: &str, label: &str, values: &[&str]) -> String {
    let prefix = format!("| {label} |");
    let mut done = false;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            if !done && l.starts_with(&prefix) {
                done = true;
                let mut cells = vec![label];
                cells.extend_from_slice(values);
                crate::syntax::pipe::row(&cells)
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(done, "no row {label}");
    out.join("\n") + "\n"
}

fn row_of<'a>(text: &'a str, label: &str) -> &'a str {
    let prefix = format!("| {label} |");
    text.lines()
        .find(|l| l.starts_with(&prefix))
        .expect("row present")
}

#[test]
fn next_report_carries_last_years_numbers_and_problems() {
    let mut last = new_report(2022, Some("某市卫生健康委员会"), Organ::Department);
    last = set_row(&last, "规章", &["0", "0", "5"]);
    last = set_row(&last, "行政规范性文件", &["1", "0", "7"]);
    // 3 + 1 received, all carried out.
    last = set_row(
        &last,
        "一、本年新收政府信息公开申请数量",
        &["3", "1", "0", "0", "0", "0", "4"],
    );
    last = set_row(
        &last,
        "四、结转下年度继续办理",
        &["3", "1", "0", "0", "0", "0", "4"],
    );
    last = last.replace(
        "## 六、",
        "一是公开平台栏目更新不及时。\n\n二是解读形式单一。\n\n## 六、",
    );
    let a = check(&last);
    assert!(serious(&a).is_empty(), "{:?}", serious(&a));
    let d = next_report(&last, &a, None).expect("a draft");
    assert_eq!(d.year, 2023);
    assert!(
        d.text
            .starts_with("# 某市卫生健康委员会2023年政府信息公开工作年度报告\n")
    );
    assert_eq!(
        row_of(&d.text, "二、上年结转政府信息公开申请数量"),
        "| 二、上年结转政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |"
    );
    assert_eq!(row_of(&d.text, "规章"), "| 规章 | 0 | 0 | 5 |");
    assert_eq!(
        row_of(&d.text, "行政规范性文件"),
        "| 行政规范性文件 | 0 | 0 | 7 |"
    );
    assert_eq!(
        row_of(&d.text, "一、本年新收政府信息公开申请数量"),
        "| 一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    );
    assert!(
        d.text
            .contains("> 一是公开平台栏目更新不及时。\n>\n> 二是解读形式单一。\n")
    );
    assert!(!d.text.contains("2022年1月1日"), "year words moved on");

    // The one reminder left on purpose: 一 + 二 = 三（七） + 四 fails until this year's results
    // are filled in (the 自然人, 商业企业 and 总计 columns); nothing else.
    let b = check(&d.text);
    let found: Vec<(&str, Severity)> = b.diagnostics.iter().map(|x| (x.rule, x.severity)).collect();
    assert_eq!(
        found,
        vec![("total-mismatch", Severity::Error); 3],
        "{:?}",
        serious(&b)
    );
    assert!(d.notes.iter().any(|n| n.contains("总计关系")));
    // Against last year's report, X1 and P4 hold.
    assert!(check::rules::cross_year(&b, &a).is_empty());
    // Once the carried-in applications are carried out again, the draft checks clean.
    let settled = set_row(
        &d.text,
        "四、结转下年度继续办理",
        &["3", "1", "0", "0", "0", "0", "4"],
    );
    assert!(serious(&check(&settled)).is_empty());
}

#[test]
fn next_report_across_formats_and_unreadable_inputs() {
    // 2020 (2019 format) → 2021 (2021 format): X1 carried column by column, P4 not (the
    // 2019 table has no 现行有效件数).
    let mut last = new_report(2020, Some("某县人民政府"), Organ::Government);
    last = set_row(
        &last,
        "一、本年新收政府信息公开申请数量",
        &["2", "0", "0", "0", "0", "0", "2"],
    );
    last = set_row(
        &last,
        "四、结转下年度继续办理",
        &["2", "0", "0", "0", "0", "0", "2"],
    );
    let a = check(&last);
    let d = next_report(&last, &a, None).expect("a draft");
    assert_eq!(d.year, 2021);
    assert!(d.text.contains("国办公开办函〔2021〕30号"));
    assert_eq!(
        row_of(&d.text, "二、上年结转政府信息公开申请数量"),
        "| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"
    );
    // An explicit year; no part 五 text to quote.
    let d = next_report(&last, &a, Some(2022)).expect("a draft");
    assert_eq!(d.year, 2022);
    assert!(d.notes.iter().any(|n| n.contains("不是2021年度")));
    assert!(d.notes.iter().any(|n| n.contains("第五部分")));
    // Not a report, or no year: an error saying so.
    let readme = "# tool\n\nA tool.\n";
    assert!(next_report(readme, &check(readme), None).is_err());
}
