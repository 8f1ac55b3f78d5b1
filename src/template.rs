//! Templates: a new report's skeleton, and single tables and rows, generated from the format
//! data (for `nianbao new`, the server's `nianbao.newReport`, completion and inserted rows).
//!
//! Nothing here spells out a table label: every heading, block, column and row comes from
//! `crate::format`, laid out in the canonical GFM layouts of docs/format.md#markdown-layouts. GFM has
//! no merged cells, so group labels sit on their own rows with empty value cells.

use crate::check::Organ;
use crate::format::{self, Format, RowKind, Section, Table, TableKind, ids};

/// The placeholder prefix of a part's guide text: the drafter replaces the whole paragraph.
const GUIDE_PREFIX: &str = "（填写说明：";
const GUIDE_SUFFIX: &str = "）";

/// A complete Markdown draft of the report on `year` for `agency` (a placeholder name when
/// `None`), in the format that applies to `year` (the newest one for years before 2019). Every
/// table cell is `0`, so the draft balances; the parts hold the format's guide texts as
/// placeholders.
pub fn new_report(year: u16, agency: Option<&str>, organ: Organ) -> String {
    let f = format::for_year(year).unwrap_or_else(format::latest);
    let agency = agency
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .unwrap_or(match organ {
            Organ::Department => "XX市XX局",
            Organ::Government => "XX市人民政府",
        });
    let mut out = String::new();
    out.push_str(&format!("# {agency}{year}年政府信息公开工作年度报告\n\n"));

    // Preamble: legal basis, the parts, the statistics period.
    let titles: Vec<&str> = f.parts.iter().map(|p| p.title.as_str()).collect();
    let count = f.parts.last().map_or("", |p| p.ordinal.as_str());
    out.push_str(&format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第四十九条、第五十条和{}（{}）的要求编制，\
         由{}{}个部分组成。本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。\n\n",
        f.name,
        f.notice,
        titles.join("、"),
        count,
    ));

    for p in &f.parts {
        out.push_str(&format!("## {}\n\n", f.heading(p)));
        out.push_str(&format!("{GUIDE_PREFIX}{}{GUIDE_SUFFIX}\n\n", p.guide));
        if let Some(t) = p.table.as_deref().and_then(|id| table_markdown(f, id)) {
            out.push_str(&t);
            out.push('\n');
        }
        if p.number == 6 && f.requires_fee_statement {
            out.push_str("依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。\n\n");
        }
    }

    // Signature: the organ, then the date (within the 1月31日 deadline that binds departments).
    out.push_str(&format!("{agency}\n\n{}年1月20日\n", u32::from(year) + 1));
    out
}

/// A realistic report of about `target_bytes` for benchmarks and load tests: the standard
/// draft of `year`, its tables filled with consistent numbers, long narrative parts, and
/// `broken` totals made wrong on purpose (at most 4: 表二（七）总计, 表二一、总计, 表三 two totals).
/// Deterministic for a given `seed`.
pub fn sample_report(year: u16, target_bytes: usize, broken: usize, seed: u64) -> String {
    let mut text = new_report(year, Some("某市卫生健康委员会"), Organ::Department);
    // Consistent numbers: 6 new applications (5 natural persons, 1 business), 6 disclosed.
    let fill = |text: &mut String, label: &str, cells: &str| {
        if let Some(i) = text.find(&format!("| {label} |")) {
            let end = text[i..].find('\n').map_or(text.len(), |e| i + e);
            text.replace_range(i..end, &format!("| {label} | {cells} |"));
        }
    };
    let total_new = if broken >= 2 { "7" } else { "6" };
    let total_r7 = if broken >= 1 { "9" } else { "6" };
    fill(
        &mut text,
        "一、本年新收政府信息公开申请数量",
        &format!("5 | 1 | 0 | 0 | 0 | 0 | {total_new}"),
    );
    fill(&mut text, "（一）予以公开", "5 | 1 | 0 | 0 | 0 | 0 | 6");
    fill(
        &mut text,
        "（七）总计",
        &format!("5 | 1 | 0 | 0 | 0 | 0 | {total_r7}"),
    );
    if broken >= 3 {
        // Table 3: 行政复议 total and 复议后起诉 total wrong.
        let zeros = "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";
        let row = if broken >= 4 {
            "| 1 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 |"
        } else {
            "| 1 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
        };
        if let Some(i) = text.rfind(zeros) {
            text.replace_range(i..i + zeros.len(), row);
        }
    }
    // Narrative: insert paragraphs into parts 一 and 五 until the size is reached.
    let mut rng = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move |n: u64| {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (rng >> 33) % n
    };
    const SUBJECTS: [&str; 8] = [
        "本机关",
        "市卫生健康委",
        "委机关各处室",
        "各直属单位",
        "政务公开领导小组",
        "办公室",
        "信息中心",
        "法规处",
    ];
    const ACTIONS: [&str; 8] = [
        "认真贯彻落实《中华人民共和国政府信息公开条例》",
        "按照第二十条第（五）项的规定公开行政许可办理结果",
        "严格执行保密审查制度，做到先审查、后公开",
        "持续完善政府信息公开指南和公开目录",
        "围绕群众关切做好重点领域信息公开",
        "加强政策解读，做到解读材料与政策文件同步发布",
        "规范依申请公开办理流程，严格按照第三十三条规定的期限答复",
        "推进政务新媒体与门户网站协同发布",
    ];
    const RESULTS: [&str; 6] = [
        "，取得了较好成效。",
        "，公开质量进一步提高。",
        "，群众满意度明显提升。",
        "，全年累计发布信息",
        "，相关工作得到上级肯定。",
        "，各项要求落实到位。",
    ];
    let mut prose = String::new();
    let base = text.len();
    while base + prose.len() < target_bytes {
        let mut para = String::new();
        for _ in 0..(3 + next(4)) {
            para.push_str(SUBJECTS[next(8) as usize]);
            para.push_str(ACTIONS[next(8) as usize]);
            let r = RESULTS[next(6) as usize];
            para.push_str(r);
            if r.ends_with("信息") {
                para.push_str(&format!("{}条。", 100 + next(900)));
            }
        }
        prose.push_str(&para);
        prose.push_str("\n\n");
    }
    // Half in part 一, half in part 五.
    let half = (0..=prose.len() / 2)
        .rev()
        .find(|i| prose.is_char_boundary(*i))
        .unwrap_or(0);
    let mid = prose[..half].rfind("\n\n").map_or(0, |i| i + 2);
    let (first, second) = prose.split_at(mid);
    if let Some(i) = text.find("## 二、") {
        text.insert_str(i, first);
    }
    if let Some(i) = text.find("## 六、") {
        text.insert_str(i, second);
    }
    text
}

/// One table of `format` alone (header rows, separator, every row), every value cell `0`.
pub fn table_markdown(format: &Format, table_id: &str) -> Option<String> {
    let t = format.table(table_id)?;
    let lines: Vec<String> = match t.kind {
        TableKind::Blocks => {
            let width = width(t)?;
            let mut lines = Vec::new();
            for (i, b) in t.sections.iter().enumerate() {
                lines.push(block_label_row(b, width));
                if i == 0 {
                    lines.push(separator(width));
                }
                lines.push(block_column_row(t, b, width));
                for r in &b.rows {
                    lines.push(row_markdown(format, table_id, &r.id)?);
                }
            }
            lines
        }
        TableKind::Grid => {
            let width = width(t)?;
            let mut header = vec![corner_label(t)];
            header.extend(t.columns.iter().map(|c| c.label.as_str()));
            let mut lines = vec![pipe_row(&header), separator(width)];
            for r in &t.rows {
                lines.push(row_markdown(format, table_id, &r.id)?);
            }
            lines
        }
        TableKind::SingleRow => {
            let width = width(t)?;
            let mut lines = Vec::new();
            for (i, h) in single_row_headers(t).iter().enumerate() {
                lines.push(pipe_row(h));
                if i == 0 {
                    lines.push(separator(width));
                }
            }
            lines.push(row_markdown(format, table_id, ids::row::SINGLE)?);
            lines
        }
    };
    let mut out = lines.join("\n");
    out.push('\n');
    Some(out)
}

/// One pipe row of a table: the row's label and a `0` for each of its columns (empty cells for
/// a group row, and for the columns of a wider block in table 1). For a single-row table the
/// row id is [`ids::row::SINGLE`] (`data`) and the row is its value cells alone.
pub fn row_markdown(format: &Format, table_id: &str, row_id: &str) -> Option<String> {
    let t = format.table(table_id)?;
    let width = width(t)?;
    match t.kind {
        TableKind::Blocks => {
            let (b, r) = t
                .sections
                .iter()
                .find_map(|b| b.rows.iter().find(|r| r.id == row_id).map(|r| (b, r)))?;
            let mut cells = vec![r.label.as_str()];
            cells.extend(std::iter::repeat_n("0", b.columns.len()));
            cells.resize(width, "");
            Some(pipe_row(&cells))
        }
        TableKind::Grid => {
            let r = t.row(row_id)?;
            let value = match r.kind {
                RowKind::Data => "0",
                RowKind::Group => "",
            };
            let mut cells = vec![r.label.as_str()];
            cells.extend(std::iter::repeat_n(value, t.columns.len()));
            Some(pipe_row(&cells))
        }
        TableKind::SingleRow => {
            (row_id == ids::row::SINGLE).then(|| pipe_row(&vec!["0"; t.columns.len()]))
        }
    }
}

/// Number of columns of the GFM table (`None` for a table without columns).
fn width(t: &Table) -> Option<usize> {
    let w = match t.kind {
        TableKind::Blocks => 1 + t.sections.iter().map(|b| b.columns.len()).max()?,
        TableKind::Grid => 1 + t.columns.len(),
        TableKind::SingleRow => t.columns.len(),
    };
    (w > 0).then_some(w)
}

use crate::syntax::pipe::row as pipe_row;

fn separator(width: usize) -> String {
    format!("|{}", "---|".repeat(width))
}

/// `| 第二十条第（一）项 | | | |`.
fn block_label_row(b: &Section, width: usize) -> String {
    let mut cells = vec![b.label.as_str()];
    cells.resize(width, "");
    pipe_row(&cells)
}

/// `| 信息内容 | 本年制发件数 | … |`: the label column's header, then the block's columns.
fn block_column_row(t: &Table, b: &Section, width: usize) -> String {
    let mut cells = vec![corner_label(t)];
    cells.extend(b.columns.iter().map(|c| c.label.as_str()));
    cells.resize(width, "");
    pipe_row(&cells)
}

/// Header labels of a table that name no column, block or column group: for table 1 the label
/// column's header (信息内容), for table 2 the corner note first.
fn free_header_labels(t: &Table) -> impl Iterator<Item = &str> {
    t.header_labels.iter().map(String::as_str).filter(move |h| {
        !t.columns.iter().any(|c| {
            c.label == *h
                || c.group
                    .as_deref()
                    .is_some_and(|g| g.split('›').any(|p| p.trim() == *h))
        }) && !t
            .sections
            .iter()
            .any(|b| b.label == *h || b.columns.iter().any(|c| c.label == *h))
    })
}

/// The first free header label: the label column's header (table 1) or the corner note
/// (table 2).
fn corner_label(t: &Table) -> &str {
    free_header_labels(t).next().unwrap_or("")
}

/// The header rows of a single-row table, one level of its column groups per row: the top
/// group over its first column, then the sub-group (or, for a column without one, its label),
/// then the labels of the columns that have a sub-group.
fn single_row_headers(t: &Table) -> Vec<Vec<&str>> {
    let groups: Vec<Vec<&str>> = t
        .columns
        .iter()
        .map(|c| {
            c.group
                .as_deref()
                .map_or(Vec::new(), |g| g.split('›').map(str::trim).collect())
        })
        .collect();
    let depth = groups.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows: Vec<Vec<&str>> = Vec::new();
    for level in 0..=depth {
        let mut row = Vec::with_capacity(t.columns.len());
        for (i, c) in t.columns.iter().enumerate() {
            let path = &groups[i];
            let cell = if level < path.len() {
                // A group label over the first column of its run.
                let starts_run = i == 0 || groups[i - 1].get(..=level) != path.get(..=level);
                if starts_run { path[level] } else { "" }
            } else if level == path.len() {
                c.label.as_str()
            } else {
                ""
            };
            row.push(cell);
        }
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
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
}
