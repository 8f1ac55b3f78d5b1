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
            Organ::Township => "XX县XX镇人民政府",
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
mod tests;

/// This year's draft built from last year's report (`nianbao new --from`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextDraft {
    pub text: String,
    pub year: u16,
    /// What the drafter should know about the draft (user-facing, Chinese): what could not be
    /// carried over, and the reminders left on purpose.
    pub notes: Vec<String>,
}

/// This year's draft from last year's report `last` (read from `last_text`): [`new_report`] for
/// `year` (default: the year after last year's) with last year's agency and organ type, every
/// cell 0 except those carried over — `二、上年结转政府信息公开申请数量` from last year's
/// `四、结转下年度继续办理`, column by column (X1), and in the 2021 format each `现行有效件数`
/// from last year's (P4: nothing made or repealed yet) — and part 五 prefilled with last year's
/// problems as a reminder to report on their rectification. `Err`: why no draft can be made.
pub fn next_report(
    last_text: &str,
    last: &crate::check::Analysis,
    year: Option<u16>,
) -> Result<NextDraft, String> {
    if !last.is_report {
        return Err("不像是一份政府信息公开工作年度报告，无法据此生成草稿".into());
    }
    let last_year = last.year.as_ref().map(|y| y.0);
    let Some(year) = year.or(last_year.and_then(|y| y.checked_add(1))) else {
        return Err("读不出上一年度报告的年度：请用 --year 指明本年度".into());
    };
    if !crate::check::doc::plausible_year(year) {
        return Err(crate::check::doc::year_error(year));
    }
    let mut notes = Vec::new();
    if let Some(y) = last_year
        && y.checked_add(1) != Some(year)
    {
        notes.push(format!(
            "所给报告是{y}年度的，不是{}年度的：结转数字仍按它填写，请核对",
            year - 1
        ));
    }
    let f = format::for_year(year).unwrap_or_else(format::latest);
    let agency = agency_of(last_text, last);
    let mut text = new_report(year, agency.as_deref(), last.organ);

    // X1: the carried-in row from last year's carried-out row, column by column.
    let t2 = f.table(ids::table::T2);
    let prev2 = last.table(ids::table::T2).filter(|t| t.has_number());
    if let (Some(t), Some(zero)) = (t2, row_markdown(f, ids::table::T2, ids::row::CARRIED_IN)) {
        let label = t.row(ids::row::CARRIED_IN).map_or("", |r| r.label.as_str());
        let mut cells = vec![label.to_string()];
        let mut missing = Vec::new();
        for c in &t.columns {
            let v = prev2.and_then(|p| {
                crate::check::rules::carried_int(p.cell(ids::row::CARRIED_OUT, &c.id))
            });
            if v.is_none() {
                missing.push(c.label.as_str());
            }
            cells.push(v.unwrap_or(0).to_string());
        }
        if prev2.is_none() {
            notes.push("上一年度报告的申请情况表读不出数字：「二、上年结转政府信息公开申请数量」各栏暂填 0，请按上年「四、结转下年度继续办理」手工填写".into());
        } else if !missing.is_empty() {
            notes.push(format!(
                "上一年度报告「四、结转下年度继续办理」中这些栏读不出：{}；本年「二、上年结转政府信息公开申请数量」相应各栏暂填 0，请核对",
                missing.join("、")
            ));
        }
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        text = text.replacen(&zero, &pipe_row(&refs), 1);
        if cells[1..].iter().any(|v| v != "0") {
            notes.push("「二、上年结转政府信息公开申请数量」已按上年「四、结转下年度继续办理」填写；在填写本年办理结果之前，申请情况表的总计关系（第一项加第二项之和等于第三项加第四项之和）不成立，检查会报告这一点".into());
        }
    }
    // P4: 现行有效件数 carried forward (2021 format on both sides).
    let prev1 = last
        .table(ids::table::T1)
        .filter(|t| t.has_number() && t.format.id == f.id);
    if let (Some(t), Some(p)) = (f.table(ids::table::T1), prev1) {
        let table_width = width(t).unwrap_or(0);
        for b in &t.sections {
            if !b.columns.iter().any(|c| c.id == ids::column::VALID) {
                continue;
            }
            for r in &b.rows {
                let Some(zero) = row_markdown(f, ids::table::T1, &r.id) else {
                    continue;
                };
                let Some(v) = crate::check::rules::carried_int(p.cell(&r.id, ids::column::VALID))
                else {
                    continue;
                };
                let mut cells = vec![r.label.clone()];
                for c in &b.columns {
                    cells.push(if c.id == ids::column::VALID {
                        v.to_string()
                    } else {
                        "0".into()
                    });
                }
                cells.resize(table_width, String::new());
                let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
                text = text.replacen(&zero, &pipe_row(&refs), 1);
            }
        }
    }
    // Part 五: last year's problems, as a reminder.
    if let Some(p5) = f.parts.iter().find(|p| p.number == 5) {
        let heading = format!("## {}\n\n", f.heading(p5));
        let body = last
            .part(5)
            .map(|p| last_text[p.body.clone()].trim())
            .filter(|b| !b.is_empty());
        if let (Some(at), Some(body)) = (text.find(&heading), body) {
            let guide_end = text[at + heading.len()..]
                .find("\n\n")
                .map_or(text.len(), |i| at + heading.len() + i + 2);
            let mut reminder = format!(
                "（提示：以下是{}年度报告所列的问题及改进措施，请逐项说明本年度的整改落实情况，写好后删除本提示和引文。）\n\n",
                last_year.map_or_else(|| "上一".to_string(), |y| y.to_string())
            );
            for l in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
                reminder.push_str("> ");
                reminder.push_str(l);
                reminder.push_str("\n>\n");
            }
            if reminder.ends_with(">\n") {
                reminder.truncate(reminder.len() - 2);
            }
            reminder.push('\n');
            text.insert_str(guide_end, &reminder);
            notes.push(
                "第五部分引用了上一年度报告所列的问题，作为报告整改情况的提示，写好后请删除引文"
                    .into(),
            );
        } else {
            notes.push(
                "上一年度报告没有可读的第五部分（存在的主要问题及改进情况），未能预填".into(),
            );
        }
    }
    Ok(NextDraft { text, year, notes })
}

/// The agency as last year's report writes it: its title before the year, else its signature.
fn agency_of(text: &str, a: &crate::check::Analysis) -> Option<String> {
    let clean = |s: &str| -> Option<String> {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '#' | '*' | '《' | '》'))
            .collect();
        let s = s.trim_start_matches("关于").to_string();
        (!s.is_empty() && s.chars().count() <= 40).then_some(s)
    };
    let from_title = a
        .title
        .as_ref()
        .zip(a.year.as_ref())
        .and_then(|(t, (y, _, _))| {
            let title = &text[t.clone()];
            let at = title.find(&y.to_string())?;
            clean(&title[..at])
        });
    from_title.or_else(|| {
        a.signature
            .organ
            .as_ref()
            .and_then(|r| clean(&text[r.clone()]))
    })
}
