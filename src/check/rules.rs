//! The checks. Each function adds diagnostics for one concern; `run` calls them in order.

use super::doc::{Analysis, Date, Organ, YearSource};
use super::tables::{self, Quality, ReadCell, ReadTable};
use super::{Diagnostic, Edit, Severity};
use crate::format::{CellType, Format, Op, Over, Relation, RowKind, Table, TableKind, Tag};
use crate::syntax::facts::Fact;
use crate::syntax::{Block, BlockKind};
use crate::text::fold::{Unit, Value};
use serde_json::json;
use std::ops::Range;
use std::sync::OnceLock;

pub const TABLE_NAMES: [(&str, &str); 3] = [
    ("t1", "表一（主动公开）"),
    ("t2", "表二（依申请公开）"),
    ("t3", "表三（行政复议、行政诉讼）"),
];

pub fn table_name(id: &str) -> &'static str {
    TABLE_NAMES
        .iter()
        .find(|(i, _)| *i == id)
        .map_or("表格", |(_, n)| n)
}

pub fn run(text: &str, blocks: &[Block], a: &mut Analysis) {
    let mut d = Vec::new();
    parts(text, blocks, a, &mut d);
    year(text, a, &mut d);
    formats(text, a, &mut d);
    for t in &a.tables {
        table(text, a, t, &mut d);
    }
    signature(text, a, &mut d);
    fee(text, blocks, a, &mut d);
    narrative(blocks, a, &mut d);
    a.diagnostics.extend(d);
}

fn cn(n: u8) -> &'static str {
    ["", "一", "二", "三", "四", "五", "六"][n as usize]
}

fn parts(text: &str, blocks: &[Block], a: &Analysis, d: &mut Vec<Diagnostic>) {
    let f = a.format;
    // Missing parts: reported at the place the part belongs.
    for p in &f.parts {
        if a.part(p.number).is_none() {
            let (at, insert_at) = match a.parts.iter().find(|q| q.number > p.number) {
                Some(next) => (next.heading.clone(), blocks[next.block].start),
                None => {
                    let end = a.signature.block.map_or(text.len(), |b| blocks[b].start);
                    let line = last_line(text, end);
                    (line, end)
                }
            };
            let heading = f.heading(p);
            let md = a.parts.first().and_then(|q| blocks[q.block].md_level);
            let prefix = md
                .map(|l| format!("{} ", "#".repeat(l as usize)))
                .unwrap_or_default();
            let mut insert = format!("{prefix}{heading}\n\n");
            if insert_at > 0 && !text[..insert_at].ends_with('\n') {
                insert.insert(0, '\n');
            }
            d.push(
                Diagnostic::new(
                    "missing-part",
                    Severity::Error,
                    at,
                    format!(
                        "缺少第{}部分「{}」（依据《条例》{}）。",
                        cn(p.number),
                        heading,
                        p.basis
                    ),
                )
                .fix(
                    format!("插入标题「{heading}」"),
                    vec![Edit {
                        range: insert_at..insert_at,
                        text: insert,
                    }],
                ),
            );
        }
    }
    // Duplicates and order.
    let mut seen: Vec<u8> = Vec::new();
    let mut max_seen = 0u8;
    for p in &a.parts {
        if seen.contains(&p.number) {
            let first = a.parts.iter().find(|q| q.number == p.number).expect("seen");
            d.push(
                Diagnostic::new(
                    "duplicate-part",
                    Severity::Warning,
                    p.heading.clone(),
                    format!("第{}部分出现了两次。", cn(p.number)),
                )
                .related(first.heading.clone(), "第一次出现在这里"),
            );
            continue;
        }
        if p.number < max_seen {
            d.push(Diagnostic::new(
                "part-order",
                Severity::Warning,
                p.heading.clone(),
                format!(
                    "第{}部分应排在第{}部分之前：六个部分须按“一”到“六”的顺序排列。",
                    cn(p.number),
                    cn(max_seen)
                ),
            ));
        }
        seen.push(p.number);
        max_seen = max_seen.max(p.number);
        if !p.standard {
            let part = f.parts.iter().find(|q| q.number == p.number).expect("part");
            let standard = f.heading(part);
            let b = &blocks[p.block];
            let mut replacement = standard.clone();
            let current = &text[p.heading.clone()];
            if current.starts_with("**") && current.ends_with("**") {
                replacement = format!("**{standard}**");
            }
            d.push(
                Diagnostic::new(
                    "nonstandard-heading",
                    Severity::Hint,
                    p.heading.clone(),
                    format!("标准标题是「{standard}」。"),
                )
                .fix(
                    format!("改为「{standard}」"),
                    vec![Edit {
                        range: p.heading.clone(),
                        text: replacement,
                    }],
                ),
            );
            let _ = b;
        }
        // Empty parts.
        let has_content = blocks[p.blocks.clone()]
            .iter()
            .any(|b| b.kind != BlockKind::Comment && b.cells.iter().any(|c| !c.folded.is_empty()));
        if !has_content {
            d.push(Diagnostic::new(
                "empty-part",
                Severity::Warning,
                p.heading.clone(),
                format!("第{}部分没有内容。", cn(p.number)),
            ));
        }
    }
}

fn last_line(text: &str, end: usize) -> Range<usize> {
    let t = text[..end].trim_end();
    let start = t.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    start..t.len()
}

fn year(text: &str, a: &Analysis, d: &mut Vec<Diagnostic>) {
    match &a.year {
        None => {
            let r = a
                .title
                .clone()
                .unwrap_or_else(|| 0..text.find(['\n', '\r']).unwrap_or(text.len()));
            d.push(Diagnostic::new(
                "unknown-year",
                Severity::Warning,
                r,
                "无法确定报告年度：标题、统计期限和正文中都没有找到年度。请在标题中写明年度，例如「2024年政府信息公开工作年度报告」。",
            ));
        }
        Some((y, src, _)) => {
            if *y < 2019 {
                d.push(Diagnostic::new(
                    "format-mismatch",
                    Severity::Info,
                    a.title.clone().unwrap_or(0..0),
                    format!("{y}年度报告适用2008年《条例》（国务院令第492号），当时没有现行格式，nianbao按现行格式检查。"),
                ));
            }
            if let Some((from, to, r)) = &a.period {
                let ok = from.y == *y
                    && to.y == *y
                    && (from.m, from.d) == (1, 1)
                    && (to.m, to.d) == (12, 31);
                if !ok && *src != YearSource::Period {
                    d.push(Diagnostic::new(
                        "period-mismatch",
                        Severity::Warning,
                        r.clone(),
                        format!(
                            "统计期限（{}年{}月{}日至{}年{}月{}日）与报告年度不符，应为{y}年1月1日至{y}年12月31日。",
                            from.y, from.m, from.d, to.y, to.m, to.d
                        ),
                    ));
                }
            }
        }
    }
}

fn formats(text: &str, a: &Analysis, d: &mut Vec<Diagnostic>) {
    let Some((year, _, _)) = a.year else { return };
    if year < 2019 {
        return;
    }
    let expected = a.format;
    let decided: Vec<&ReadTable> = a
        .tables
        .iter()
        .filter(|t| t.present() && t.decisive && t.id != "t3")
        .collect();
    match decided.iter().find(|t| t.format.id != expected.id) {
        Some(t) => {
            let r = t.first_label.clone().unwrap_or(t.range.clone());
            d.push(mismatch(
                t.id,
                |f| format!("使用的是{f}"),
                t.format,
                expected,
                year,
                r,
            ));
        }
        None => foreign_labels(text, a, year, d),
    }
    if let [x, y, ..] = decided.as_slice()
        && x.format.id != y.format.id
    {
        d.push(
            Diagnostic::new(
                "mixed-format",
                Severity::Error,
                y.first_label.clone().unwrap_or(y.range.clone()),
                format!(
                    "表格格式混用：{}是{}，{}却是{}。",
                    table_name(x.id),
                    x.format.short,
                    table_name(y.id),
                    y.format.short
                ),
            )
            .related(
                x.first_label.clone().unwrap_or(x.range.clone()),
                table_name(x.id),
            ),
        );
    }
}

/// A table (or labels in it, as `uses` says) in format `actual` where the year calls for
/// `expected`: an error for an older format, a warning for one not yet published.
fn mismatch(
    table: &str,
    uses: impl Fn(String) -> String,
    actual: &Format,
    expected: &Format,
    year: u16,
    range: Range<usize>,
) -> Diagnostic {
    let (sev, msg) = if actual.years[0] > expected.years[0] {
        (
            Severity::Warning,
            format!(
                "{}{}，但{year}年度的报告适用{}（{}）：该格式当时尚未发布。",
                table_name(table),
                uses(actual.short.clone()),
                expected.short,
                expected.notice
            ),
        )
    } else {
        (
            Severity::Error,
            format!(
                "{}{}，{year}年度的报告应使用{}（{}，自2021年度报告起适用）。",
                table_name(table),
                uses(format!("旧的{}（{}）", actual.short, actual.notice)),
                expected.short,
                expected.notice
            ),
        )
    };
    Diagnostic::new("format-mismatch", sev, range, msg).data(json!({
        "expected": expected.id, "actual": actual.id, "table": table
    }))
}

/// Labels of another format inside a table read in the year's format (2019 column headers
/// over 2021 rows): every signal of the format counts, not only the rows.
fn foreign_labels(text: &str, a: &Analysis, year: u16, d: &mut Vec<Diagnostic>) {
    let expected = a.format;
    for t in a
        .tables
        .iter()
        .filter(|t| t.present() && t.format.id == expected.id)
    {
        let Some((other, first)) = t.foreign.first() else {
            continue;
        };
        let mut names: Vec<String> = Vec::new();
        for (_, r) in t.foreign.iter().filter(|(f, _)| f.id == other.id) {
            let n = format!("「{}」", text[r.clone()].trim());
            if !names.contains(&n) {
                names.push(n);
            }
        }
        let names = names.join("");
        let uses = |f: String| format!("中的{names}是{f}的写法");
        d.push(mismatch(t.id, uses, other, expected, year, first.clone()));
    }
}

/// An operand's value: blank and dashes count as 0; `None` when the cell is absent from the
/// text or cannot be read (then no relation that needs it is checked, and the cell's own
/// finding says so).
pub fn int_of(c: Option<&ReadCell>) -> Option<i64> {
    match c.map(|c| &c.value) {
        Some(Value::Empty) | Some(Value::Dash) => Some(0),
        // A negative or signed count, or an amount, is an invalid cell: no relation uses it.
        Some(Value::Number(n))
            if n.signed || n.value < 0.0 || matches!(n.unit, Unit::Yuan | Unit::WanYuan) =>
        {
            None
        }
        Some(Value::Number(n)) if too_long(n) => None,
        Some(Value::Number(n)) => n.int(),
        _ => None,
    }
}

/// More than 12 digits: no count or amount in these tables is that large (a typing slip or
/// two numbers run together).
fn too_long(n: &crate::text::fold::Num) -> bool {
    n.value.abs() >= 1e12
}

fn shown(c: Option<&ReadCell>) -> String {
    match c.map(|c| &c.value) {
        None => "（缺）".into(),
        Some(Value::Empty) => "（空）0".into(),
        Some(Value::Dash) => "0".into(),
        Some(Value::Number(n)) => n.int().map_or(n.value.to_string(), |v| v.to_string()),
        _ => "?".into(),
    }
}

fn table(text: &str, a: &Analysis, t: &ReadTable, d: &mut Vec<Diagnostic>) {
    let name = table_name(t.id);
    if !t.present() {
        if let Some(p) = a.parts.iter().find(|p| {
            a.format
                .part(&format!("p{}", p.number))
                .and_then(|q| q.table.as_deref())
                == Some(t.id)
        }) {
            d.push(Diagnostic::new(
                "missing-table",
                Severity::Error,
                p.heading.clone(),
                format!(
                    "第{}部分缺少{}：没有找到该表的行或表头。",
                    cn(p.number),
                    name
                ),
            ));
        }
        return;
    }
    if !t.has_number() {
        d.push(Diagnostic::new(
            "empty-table",
            Severity::Error,
            t.range.clone(),
            format!("{name}没有任何可读的数字：表格为空或无法识别（例如扫描件识别失败），无法核对勾稽关系。"),
        ));
        return;
    }
    let blocked = blocked(t);
    labels(text, t, d);
    extra_columns(text, t, d);
    collapsed(text, t, d);
    rows_present(t, d);
    missing_cells(t, &blocked, d);
    cells(text, t, &blocked, d);
    relations(t, d);
    subtotals(t, d);
    partly_read(t, d);
}

/// Relations that cannot be checked because an operand is absent or unreadable, by operand:
/// each operand's own finding names them, so that "not checked" never reads as "holds".
type Blocked = Vec<((&'static str, &'static str), Vec<String>)>;

fn blocked(t: &ReadTable) -> Blocked {
    let mut out: Blocked = Vec::new();
    // The common case: every cell of every data row present and readable, nothing blocked.
    if t.rows
        .iter()
        .filter(|r| !t.table.is_group(r.id))
        .all(|r| r.cells.iter().all(|c| int_of(c.as_ref()).is_some()))
    {
        return out;
    }
    for inst in instances(t) {
        let ops = || inst.lhs.iter().chain(&inst.rhs).copied();
        if ops().any(|(r, _)| t.row(r).is_none()) {
            continue;
        }
        for op in ops() {
            if int_of(t.cell(op.0, op.1)).is_some() {
                continue;
            }
            let name = if inst.ctx.is_empty() {
                format!("{}「{}」", inst.rel.id, inst.rel.description)
            } else {
                format!("{}（{}）", inst.rel.id, inst.ctx)
            };
            match out.iter_mut().find(|(k, _)| *k == op) {
                Some((_, v)) => {
                    if !v.contains(&name) {
                        v.push(name);
                    }
                }
                None => out.push((op, vec![name])),
            }
        }
    }
    out
}

/// "以下勾稽关系未核对：…" for the operands given, or nothing.
fn blocked_note<'a>(blocked: &Blocked, ops: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut names: Vec<&str> = Vec::new();
    for (r, c) in ops {
        if let Some((_, v)) = blocked.iter().find(|((br, bc), _)| *br == r && *bc == c) {
            for n in v {
                if !names.contains(&n.as_str()) {
                    names.push(n);
                }
            }
        }
    }
    if names.is_empty() {
        String::new()
    } else {
        format!("以下勾稽关系未核对：{}。", names.join("、"))
    }
}

/// A row with fewer values than its columns (`missing-cell`).
fn missing_cells(t: &ReadTable, blocked: &Blocked, d: &mut Vec<Diagnostic>) {
    // Rows of extracted text (PDF text, one cell per line) are said once together: there a
    // blank cell leaves no trace, and a table with blanks would otherwise be a wall of findings.
    let mut extracted: Vec<(&tables::ReadRow, usize)> = Vec::new();
    for r in t.rows.iter().filter(|r| !r.stand_in) {
        if t.table.is_group(r.id) {
            continue;
        }
        let absent: Vec<usize> = (0..r.cells.len())
            .filter(|&i| r.cells[i].is_none())
            .collect();
        if absent.is_empty() {
            continue;
        }
        let have = r.cells.len() - absent.len();
        if !r.positional {
            extracted.push((r, have));
            continue;
        }
        // In a grid row a cell that is not there is missing.
        let names: Vec<&str> = absent
            .iter()
            .filter_map(|&i| r.columns.get(i).map(|c| c.label.as_str()))
            .collect();
        let guess = if have > 0 {
            "读到的数已按顺序放在前几列，位置可能不对；"
        } else {
            ""
        };
        let note = blocked_note(
            blocked,
            absent
                .iter()
                .filter_map(|&i| r.columns.get(i).map(|c| (r.id, c.id.as_str()))),
        );
        d.push(
            Diagnostic::new(
                "missing-cell",
                Severity::Error,
                row_range(t, r),
                format!(
                    "{}应有{}个数，只有{have}个（缺少「{}」）：{guess}请补全该行。{note}",
                    row_name(t, r),
                    r.cells.len(),
                    names.join("」「")
                ),
            )
            .data(json!({"table": t.id, "row": r.id, "expected": r.cells.len(), "found": have})),
        );
    }
    let Some((first, _)) = extracted.first() else {
        return;
    };
    let listed: Vec<String> = extracted
        .iter()
        .take(5)
        .map(|(r, have)| format!("{}应有{}个数，只有{have}个", row_name(t, r), r.cells.len()))
        .collect();
    let more = if extracted.len() > 5 {
        format!("等{}行", extracted.len())
    } else {
        String::new()
    };
    let note = blocked_note(
        blocked,
        extracted.iter().flat_map(|(r, _)| {
            r.cells
                .iter()
                .zip(r.columns)
                .filter(|(c, _)| c.is_none())
                .map(|(_, col)| (r.id, col.id.as_str()))
        }),
    );
    d.push(
        Diagnostic::new(
            "missing-cell",
            Severity::Warning,
            row_range(t, first),
            format!(
                "{}{more}：读到的数已按顺序放在前几列，位置可能不对。原表中可能是空白单元格（从PDF等复制的文本中，空白单元格不留痕迹），请对照原表核对、补填0。{note}",
                listed.join("；")
            ),
        )
        .data(json!({
            "table": t.id,
            "rows": extracted.iter().map(|(r, _)| r.id).collect::<Vec<_>>(),
        })),
    );
}

/// 表二「…」行, or the table's name for table 3's single row.
fn row_name(t: &ReadTable, r: &tables::ReadRow) -> String {
    if r.id == "data" {
        table_name(t.id).to_string()
    } else {
        format!(
            "{}「{}」行",
            table_name(t.id),
            tables::label_of(t.table, r.id)
        )
    }
}

/// A row's label, or the numbers read for a row without one (table 3).
fn row_range(t: &ReadTable, r: &tables::ReadRow) -> Range<usize> {
    if !r.label.is_empty() {
        return r.label.clone();
    }
    let mut present = r.cells.iter().flatten();
    match (present.next(), r.cells.iter().flatten().last()) {
        (Some(a), Some(b)) => a.range.start..b.range.end,
        _ => t.range.clone(),
    }
}

/// Columns the format does not have (`unknown-column`), once each; a column named after a
/// group of columns (法人或其他组织) must hold their sum.
fn extra_columns(text: &str, t: &ReadTable, d: &mut Vec<Diagnostic>) {
    for e in &t.extra_columns {
        let name = text[e.label.clone()].trim();
        let mut msg = format!(
            "{}中没有「{name}」这一列（格式规定之外的列），其中的数不参与勾稽关系核对。",
            table_name(t.id)
        );
        if !e.sums.is_empty() {
            let mut bad = Vec::new();
            for (row, c) in &e.cells {
                let sum: Option<i64> = e.sums.iter().map(|col| int_of(t.cell(row, col))).sum();
                if let (Some(v), Some(sum)) = (int_of(Some(c)), sum)
                    && v != sum
                {
                    bad.push(format!(
                        "「{}」行：{v} ≠ {sum}",
                        tables::label_of(t.table, row)
                    ));
                }
            }
            msg.push_str(&if bad.is_empty() {
                "它应等于其下各列之和，读到的各行都相符。".to_string()
            } else {
                format!("它应等于其下各列之和，但{}。", bad.join("；"))
            });
        }
        let sev = if msg.contains('≠') {
            Severity::Warning
        } else {
            Severity::Hint
        };
        d.push(
            Diagnostic::new("unknown-column", sev, e.label.clone(), msg)
                .data(json!({"table": t.id, "sums": e.sums})),
        );
    }
}

/// Tables whose cells were read only in part say so once (`partly-read`).
fn partly_read(t: &ReadTable, d: &mut Vec<Diagnostic>) {
    let expected: usize = all_rows(t.table)
        .iter()
        .filter(|r| r.kind == RowKind::Data)
        .map(|r| tables::column_defs(t.table, &r.id).len())
        .sum::<usize>()
        .max(if t.table.kind == TableKind::SingleRow {
            t.table.columns.len()
        } else {
            0
        });
    let placed: usize = t
        .rows
        .iter()
        .filter(|r| !t.table.is_group(r.id))
        .map(|r| r.cells.iter().flatten().count())
        .sum();
    if placed < expected {
        d.push(
            Diagnostic::new(
                "partly-read",
                Severity::Info,
                t.first_label.clone().unwrap_or(t.range.clone()),
                format!(
                    "{}应有{expected}个数，只读到{placed}个：其余的行或单元格缺失或无法识别（见该表的其他提示），涉及它们的勾稽关系未核对。",
                    table_name(t.id)
                ),
            )
            .data(json!({"table": t.id, "expected": expected, "found": placed})),
        );
    }
}

/// A group written as one row where the format splits it (`（六）其他处理` in a 2021 table).
fn collapsed(text: &str, t: &ReadTable, d: &mut Vec<Diagnostic>) {
    for g in &t.collapsed {
        let Some(row) = t.row(g) else { continue };
        let children: Vec<&'static crate::format::Row> = t.table.children(g).collect();
        let names: Vec<String> = children
            .iter()
            .map(|c| format!("「{}」", c.label))
            .collect();
        let label = tables::label_of(t.table, g);
        let mut diag = Diagnostic::new(
            "collapsed-row",
            Severity::Warning,
            row.label.clone(),
            format!(
                "{}将「{label}」分为{}共{}行，这里写成了一行（旧格式的写法）。本行的数已按这{}行之和参与核对；请把它们分到各行。",
                t.format.short,
                names.join(""),
                children.len(),
                children.len()
            ),
        )
        .data(json!({"table": t.id, "row": g}));
        if let Some(edit) = split_row_edit(text, t, row, &children) {
            diag = diag.fix(
                format!(
                    "拆为{}行（数字先放入「{}」）",
                    children.len(),
                    children.last().map_or("", |c| c.label.as_str())
                ),
                vec![edit],
            );
        }
        d.push(diag);
    }
}

/// For a group row written as one pipe row on its own line: the group row, its children with
/// zeros, and the last child with the row's numbers.
fn split_row_edit(
    text: &str,
    t: &ReadTable,
    row: &tables::ReadRow,
    children: &[&'static crate::format::Row],
) -> Option<Edit> {
    let start = text[..row.label.start]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let end = text[row.label.end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| row.label.end + i);
    let line = &text[start..end];
    let cells: Vec<&ReadCell> = row.cells.iter().flatten().collect();
    if !line.trim_start().starts_with('|')
        || cells.len() != row.cells.len()
        || cells
            .iter()
            .any(|c| c.range.start < start || c.range.end > end)
    {
        return None;
    }
    let n = row.cells.len();
    let row_of = |label: &str, vals: Vec<&str>| {
        crate::syntax::pipe::row(&std::iter::once(label).chain(vals).collect::<Vec<_>>())
    };
    let mut lines = vec![row_of(tables::label_of(t.table, row.id), vec![""; n])];
    for (k, c) in children.iter().enumerate() {
        let vals: Vec<&str> = if k + 1 == children.len() {
            cells.iter().map(|c| text[c.range.clone()].trim()).collect()
        } else {
            vec!["0"; n]
        };
        lines.push(row_of(&c.label, vals));
    }
    let nl = if text[end..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Some(Edit {
        range: start..end,
        text: lines.join(nl),
    })
}

fn labels(text: &str, t: &ReadTable, d: &mut Vec<Diagnostic>) {
    for r in &t.rows {
        if r.quality == Quality::Exact || r.id == "data" {
            continue;
        }
        let standard = tables::label_of(t.table, r.id);
        if r.stand_in {
            continue;
        }
        let why = match r.quality {
            Quality::Fuzzy => "（可能是识别错误）",
            Quality::Partial => "（标签不完整或多出文字）",
            Quality::Place => "（标签无法识别，按它所在的位置和序号判断）",
            _ => "",
        };
        // A row known only by its place is a guess worth a look.
        let sev = if r.quality == Quality::Place {
            Severity::Warning
        } else {
            Severity::Hint
        };
        d.push(
            Diagnostic::new(
                "nonstandard-label",
                sev,
                r.label.clone(),
                format!("已按「{standard}」行读取{why}；标准标签是「{standard}」。"),
            )
            .fix(
                format!("改为「{standard}」"),
                vec![Edit {
                    range: r.label.clone(),
                    text: standard.to_string(),
                }],
            ),
        );
    }
    for u in &t.unknown {
        let written = text[u.label.clone()].trim();
        let msg = if u.orphan {
            format!(
                "{}中的这一行数字（{}个）不属于任何能识别的行，未参与核对。",
                table_name(t.id),
                u.values.len()
            )
        } else if u.duplicate {
            "该行重复出现，已忽略第二次出现的数值。".to_string()
        } else {
            match u.suggestion {
                Some(s) => format!(
                    "{}中没有「{}」这一行；最接近的标准行是「{s}」。",
                    table_name(t.id),
                    written
                ),
                None => format!(
                    "{}中没有「{}」这一行（格式规定之外的行）。",
                    table_name(t.id),
                    written
                ),
            }
        };
        let mut diag = Diagnostic::new("unknown-row", Severity::Warning, u.label.clone(), msg);
        if let Some(s) = u.suggestion {
            diag = diag.fix(
                format!("改为「{s}」"),
                vec![Edit {
                    range: u.label.clone(),
                    text: s.to_string(),
                }],
            );
        }
        d.push(diag);
    }
}

fn all_rows(table: &'static Table) -> Vec<&'static crate::format::Row> {
    match table.kind {
        TableKind::Blocks => table.blocks.iter().flat_map(|b| b.rows.iter()).collect(),
        _ => table.rows.iter().collect(),
    }
}

fn rows_present(t: &ReadTable, d: &mut Vec<Diagnostic>) {
    if t.table.kind == TableKind::SingleRow {
        // Its one row's absent cells are `missing-cell`.
        return;
    }
    for row in all_rows(t.table) {
        if row.kind == RowKind::Data && t.row(&row.id).is_none() {
            let at = t.first_label.clone().unwrap_or(t.range.clone());
            d.push(
                Diagnostic::new(
                    "missing-row",
                    Severity::Error,
                    at,
                    format!("{}缺少「{}」行。", table_name(t.id), row.label),
                )
                .data(json!({"table": t.id, "row": row.id})),
            );
        }
    }
}

fn col_type(t: &ReadTable, row_id: &str, i: usize) -> (CellType, &'static str) {
    let table = t.table;
    let cols: Vec<&'static crate::format::Column> = match table.kind {
        TableKind::Blocks => table
            .blocks
            .iter()
            .find(|b| b.rows.iter().any(|r| r.id == row_id))
            .map(|b| b.columns.iter().collect())
            .unwrap_or_default(),
        _ => table.columns.iter().collect(),
    };
    cols.get(i)
        .map_or((CellType::Count, ""), |c| (c.ty, c.label.as_str()))
}

fn cells(text: &str, t: &ReadTable, blocked: &Blocked, d: &mut Vec<Diagnostic>) {
    let mut blanks: Vec<Range<usize>> = Vec::new();
    let mut dashes: Vec<Range<usize>> = Vec::new();
    for r in t.rows.iter().filter(|r| !r.stand_in) {
        let is_group = t.table.is_group(r.id);
        for (i, c) in r.cells.iter().enumerate() {
            let Some(c) = c else { continue };
            let (ty, col) = col_type(t, r.id, i);
            let note = || {
                blocked_note(
                    blocked,
                    r.columns.get(i).map(|x| (r.id, x.id.as_str())).into_iter(),
                )
            };
            match &c.value {
                Value::Empty if !is_group => blanks.push(c.range.clone()),
                Value::Dash => dashes.push(c.range.clone()),
                Value::Text => {
                    d.push(Diagnostic::new(
                        "invalid-cell",
                        Severity::Error,
                        c.range.clone(),
                        format!("「{col}」列：「{}」不是数字。{}", c_text(text, c), note()),
                    ));
                }
                Value::Ocr(n) | Value::Garbled(n) => {
                    let guess = n.int().map_or(n.value.to_string(), |v| v.to_string());
                    let what = if matches!(c.value, Value::Ocr(_)) {
                        "字母当作数字（如 O 与 0、l 与 1）"
                    } else {
                        "数字混入了其他字符"
                    };
                    // In a Markdown table it was typed so; in text extracted from a PDF, a scan
                    // or a web page the damage may be the extraction's.
                    let sev = if c.typed {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    d.push(
                        Diagnostic::new(
                            "invalid-cell",
                            sev,
                            c.range.clone(),
                            format!("单元格不是有效数字：{what}，可能是 {guess}。{}", note()),
                        )
                        .fix(
                            format!("改为 {guess}"),
                            vec![Edit {
                                range: c.range.clone(),
                                text: guess,
                            }],
                        ),
                    );
                }
                Value::Number(n) if too_long(n) => {
                    d.push(Diagnostic::new(
                        "invalid-cell",
                        Severity::Error,
                        c.range.clone(),
                        format!("「{col}」列：数字超过12位，不可能是件数或金额（可能是多个数连在了一起）。{}", note()),
                    ));
                }
                Value::Number(n) => {
                    let bad = match ty {
                        CellType::Count => {
                            if n.value < 0.0 || n.signed {
                                Some("应为不小于0的整数，不能带正负号".to_string())
                            } else if !n.integral {
                                Some("应为整数".to_string())
                            } else if matches!(n.unit, Unit::Yuan | Unit::WanYuan) {
                                Some("应为件数，不是金额".to_string())
                            } else {
                                None
                            }
                        }
                        CellType::Signed => (!n.integral).then(|| "应为整数".to_string()),
                        CellType::Money => {
                            if n.value < 0.0 {
                                Some("金额不能为负".to_string())
                            } else if n.unit == Unit::Yuan {
                                Some("单位是万元，单元格中却写的是“元”，请换算为万元".to_string())
                            } else {
                                None
                            }
                        }
                        CellType::MoneyAnyUnit => {
                            (n.value < 0.0).then(|| "金额不能为负".to_string())
                        }
                    };
                    if let Some(why) = bad {
                        let sev = if ty == CellType::Money {
                            Severity::Warning
                        } else {
                            Severity::Error
                        };
                        d.push(Diagnostic::new(
                            "invalid-cell",
                            sev,
                            c.range.clone(),
                            format!("「{col}」列：{why}。{}", note()),
                        ));
                    }
                }
                _ => {}
            }
        }
        for c in &r.extra {
            if c.value != Value::Empty {
                let what = if r.id == "data" {
                    table_name(t.id).to_string()
                } else {
                    format!("「{}」行", tables::label_of(t.table, r.id))
                };
                d.push(Diagnostic::new(
                    "invalid-cell",
                    Severity::Warning,
                    c.range.clone(),
                    format!("{what}多出一个单元格「{}」，已忽略。", c_text(text, c)),
                ));
            }
        }
    }
    if !blanks.is_empty() || !dashes.is_empty() {
        let first = blanks
            .iter()
            .chain(dashes.iter())
            .min_by_key(|r| r.start)
            .cloned()
            .expect("non-empty");
        let n = blanks.len() + dashes.len();
        let mut edits: Vec<Edit> = blanks
            .iter()
            .map(|r| Edit {
                range: r.clone(),
                text: "0".into(),
            })
            .collect();
        edits.extend(dashes.iter().map(|r| Edit {
            range: r.clone(),
            text: "0".into(),
        }));
        edits.sort_by_key(|e| e.range.start);
        d.push(
            Diagnostic::new(
                "blank-cell",
                Severity::Hint,
                first,
                format!(
                    "{}有{n}个空白或“—”“/”单元格，已按0计算；建议填写0。",
                    table_name(t.id)
                ),
            )
            .fix(
                format!("将{}的{n}个空白单元格填为0", table_name(t.id)),
                edits,
            ),
        );
    }
}

/// The written text of a read cell, for messages.
fn c_text<'a>(text: &'a str, c: &ReadCell) -> &'a str {
    text.get(c.range.clone()).map_or("", str::trim)
}

fn severity_of(tag: Tag) -> Severity {
    match tag {
        Tag::S | Tag::M | Tag::I => Severity::Error,
        Tag::P => Severity::Hint,
    }
}

/// One relation applied to one column or row: the operand cells (row id, column id) of each
/// side, and a context for messages (「自然人」列, 「（七）总计」行).
pub struct Instance<'a> {
    pub rel: &'a Relation,
    pub lhs: Vec<(&'a str, &'a str)>,
    pub rhs: Vec<(&'a str, &'a str)>,
    pub ctx: String,
}

/// Every relation of the table's format, expanded over its columns or rows. The expansion
/// depends only on the format, so it is made once per format table; its row and column ids are
/// the table's own (`ReadTable::cell` then matches them by pointer).
pub fn instances(t: &ReadTable) -> &'static [Instance<'static>] {
    type Expanded = Vec<(&'static str, &'static str, Vec<Instance<'static>>)>;
    static CACHE: OnceLock<Expanded> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            let mut out = Vec::new();
            for f in crate::format::all() {
                for table in &f.tables {
                    out.push((f.id.as_str(), table.id.as_str(), expand(f, table)));
                }
            }
            out
        })
        .iter()
        .find(|(f, id, _)| *f == t.format.id && *id == t.id)
        .map_or(&[], |(_, _, v)| v.as_slice())
}

/// The format's own `&'static str` for a row or column id (pointer-equal lookups later).
fn canonical(table: &'static Table, id: &'static str) -> &'static str {
    table
        .rows
        .iter()
        .chain(table.blocks.iter().flat_map(|b| b.rows.iter()))
        .map(|r| r.id.as_str())
        .chain(
            table
                .columns
                .iter()
                .chain(table.blocks.iter().flat_map(|b| b.columns.iter()))
                .map(|c| c.id.as_str()),
        )
        .find(|x| *x == id)
        .unwrap_or(id)
}

fn expand(format: &'static Format, table: &'static Table) -> Vec<Instance<'static>> {
    let mut out = Vec::new();
    let canon = |id: &'static str| canonical(table, id);
    for rel in format.relations.iter().filter(|r| r.table == table.id) {
        match rel.over {
            Over::Columns => {
                let cols: Vec<&'static str> = if rel.only.is_empty() {
                    table.columns.iter().map(|c| c.id.as_str()).collect()
                } else {
                    rel.only.iter().map(|s| canon(s.as_str())).collect()
                };
                for col in cols {
                    out.push(Instance {
                        rel,
                        lhs: rel.lhs.iter().map(|r| (canon(r.as_str()), col)).collect(),
                        rhs: rel.rhs.iter().map(|r| (canon(r.as_str()), col)).collect(),
                        ctx: table
                            .column(col)
                            .map_or(String::new(), |c| format!("「{}」列", c.label)),
                    });
                }
            }
            Over::Rows => {
                let rows: Vec<&'static str> = if !rel.only.is_empty() {
                    rel.only.iter().map(|s| canon(s.as_str())).collect()
                } else if table.kind == TableKind::SingleRow {
                    vec!["data"]
                } else if let Some(b) = &rel.block {
                    table
                        .blocks
                        .iter()
                        .filter(|x| &x.id == b)
                        .flat_map(|x| x.rows.iter().map(|r| r.id.as_str()))
                        .collect()
                } else {
                    table.data_rows().map(|r| r.id.as_str()).collect()
                };
                for row in rows {
                    out.push(Instance {
                        rel,
                        lhs: rel.lhs.iter().map(|c| (row, canon(c.as_str()))).collect(),
                        rhs: rel.rhs.iter().map(|c| (row, canon(c.as_str()))).collect(),
                        ctx: if row == "data" {
                            String::new()
                        } else {
                            format!("「{}」行", tables::label_of(table, row))
                        },
                    });
                }
            }
        }
    }
    out
}

/// Both sides of an instance, or `None` when a row is missing or a cell unreadable.
fn sides(t: &ReadTable, lhs: &[(&str, &str)], rhs: &[(&str, &str)]) -> Option<(i64, i64)> {
    if lhs.iter().chain(rhs).any(|(r, _)| t.row(r).is_none()) {
        return None;
    }
    let sum = |side: &[(&str, &str)]| -> Option<i64> {
        side.iter()
            .map(|(r, c)| int_of(t.cell(r, c)))
            .sum::<Option<i64>>()
    };
    Some((sum(lhs)?, sum(rhs)?))
}

fn holds(op: Op, l: i64, r: i64) -> bool {
    match op {
        Op::Eq => l == r,
        Op::Le => l <= r,
    }
}

fn relations(t: &ReadTable, d: &mut Vec<Diagnostic>) {
    let all = instances(t);
    let results: Vec<Option<bool>> = all
        .iter()
        .map(|i| sides(t, &i.lhs, &i.rhs).map(|(l, r)| holds(i.rel.op, l, r)))
        .collect();
    for (k, inst) in all.iter().enumerate() {
        if results[k] != Some(false) {
            continue;
        }
        // Setting the total is certain only when the total cell takes part in no relation that
        // holds now (otherwise the total is right and an addend is wrong).
        let total = inst.lhs.first().copied();
        let fix_ok = total.is_some_and(|x| {
            !all.iter().zip(&results).enumerate().any(|(j, (o, r))| {
                j != k && *r == Some(true) && o.lhs.iter().chain(&o.rhs).any(|c| *c == x)
            })
        });
        evaluate(
            t,
            inst.rel,
            &inst.lhs,
            &inst.rhs,
            inst.ctx.clone(),
            fix_ok,
            d,
        );
    }
}

fn evaluate(
    t: &ReadTable,
    rel: &Relation,
    lhs: &[(&str, &str)],
    rhs: &[(&str, &str)],
    ctx: String,
    fix_ok: bool,
    d: &mut Vec<Diagnostic>,
) {
    let get = |(r, c): &(&str, &str)| t.cell(r, c);
    let Some((l, r)) = sides(t, lhs, rhs) else {
        return;
    };
    if holds(rel.op, l, r) {
        return;
    }
    let join = |side: &[(&str, &str)]| {
        side.iter()
            .map(|k| shown(get(k)))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let total_cell = get(&lhs[0]);
    // Error only when every operand was read from an unambiguous position.
    let certain = lhs
        .iter()
        .chain(rhs)
        .all(|k| get(k).is_none_or(|c| c.certain));
    let range = total_cell
        .map(|c| c.range.clone())
        .or_else(|| t.row(lhs[0].0).map(|r| r.label.clone()))
        .unwrap_or(t.range.clone());
    let prefix = if ctx.is_empty() {
        String::new()
    } else {
        format!("{ctx}：")
    };
    let message = match (rel.op, rel.lhs_is_total) {
        (Op::Le, _) => format!("{prefix}应满足「{}」，但 {l} > {r}。", rel.description),
        (Op::Eq, true) => format!(
            "{prefix}应满足「{}」：{} = {r}，但总计填写的是 {l}。",
            rel.description,
            join(rhs)
        ),
        (Op::Eq, false) => format!(
            "{prefix}应满足「{}」：{} = {l}，而 {} = {r}，两边不等。",
            rel.description,
            join(lhs),
            join(rhs)
        ),
    };
    let (severity, message) = match severity_of(rel.tag) {
        Severity::Error if !certain => (
            Severity::Warning,
            format!(
                "{message}（表格读取不确定：这一行或列的数是按顺序推测所在位置的，请先核对上面读到的数是否与原表一致。）"
            ),
        ),
        sev => (sev, message),
    };
    let mut diag = Diagnostic::new("total-mismatch", severity, range, message).data(json!({
        "relation": rel.id,
        "table": t.id,
        "rows": lhs.iter().chain(rhs).map(|(r, _)| *r).collect::<Vec<_>>(),
        "columns": lhs.iter().chain(rhs).map(|(_, c)| *c).collect::<Vec<_>>(),
        "lhs": lhs.iter().map(|(r, c)| format!("{r}.{c}")).collect::<Vec<_>>(),
        "rhs": rhs.iter().map(|(r, c)| format!("{r}.{c}")).collect::<Vec<_>>(),
        "expected": r,
        "actual": l,
        "certain": certain,
    }));
    for k in lhs.iter().skip(1).chain(rhs) {
        if let Some(c) = get(k) {
            diag = diag.related(
                c.range.clone(),
                format!("{} = {}", cell_name(t, k), shown(Some(c))),
            );
        }
    }
    if fix_ok
        && certain
        && rel.lhs_is_total
        && rel.op == Op::Eq
        && lhs.len() == 1
        && let Some(c) = total_cell
    {
        diag = diag.fix(
            format!("将总计改为 {r}"),
            vec![Edit {
                range: c.range.clone(),
                text: r.to_string(),
            }],
        );
    }
    d.push(diag);
}

fn cell_name(t: &ReadTable, (r, c): &(&str, &str)) -> String {
    let row = if *r == "data" {
        String::new()
    } else {
        tables::label_of(t.table, r).to_string()
    };
    let col = t
        .table
        .columns
        .iter()
        .chain(t.table.blocks.iter().flat_map(|b| b.columns.iter()))
        .find(|x| x.id == *c)
        .map(|x| match &x.group {
            Some(g) if row.is_empty() => format!("{g} › {}", x.label),
            _ => x.label.clone(),
        })
        .unwrap_or_default();
    if row.is_empty() {
        col
    } else {
        format!("{row} / {col}")
    }
}

/// Subtotals written in group rows must equal their leaf rows (A5).
fn subtotals(t: &ReadTable, d: &mut Vec<Diagnostic>) {
    // A group written as one row (`collapsed-row`) holds its numbers, not a subtotal.
    for (g, row) in t
        .filled_groups()
        .filter(|(g, _)| !t.collapsed.contains(&g.id.as_str()))
    {
        let leaves = leaf_rows(t.table, &g.id);
        let cols: Vec<&str> = t.table.columns.iter().map(|c| c.id.as_str()).collect();
        let mut bad = Vec::new();
        for (i, col) in cols.iter().enumerate() {
            let Some(v) = int_of(row.cells.get(i).and_then(|c| c.as_ref())) else {
                continue;
            };
            let s: Option<i64> = leaves.iter().map(|l| int_of(t.cell(l, col))).sum();
            if let Some(s) = s
                && s != v
            {
                bad.push(format!("{}：{v} ≠ {s}", t.table.columns[i].label));
            }
        }
        let msg = if bad.is_empty() {
            format!("「{}」是分组行，标准表格中不填数字。", g.label)
        } else {
            format!(
                "「{}」是分组行，标准表格中不填数字；所填小计与其下各行之和不符（{}）。",
                g.label,
                bad.join("；")
            )
        };
        let sev = if bad.is_empty() {
            Severity::Hint
        } else {
            Severity::Warning
        };
        d.push(
            Diagnostic::new("total-mismatch", sev, row.label.clone(), msg)
                .data(json!({"relation": "A5", "table": t.id, "rows": [g.id]})),
        );
    }
}

fn leaf_rows(table: &'static Table, group: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for r in table.children(group) {
        match r.kind {
            RowKind::Data => out.push(r.id.as_str()),
            RowKind::Group => out.extend(leaf_rows(table, &r.id)),
        }
    }
    out
}

fn fmt_date(d: &Date) -> String {
    format!("{}年{}月{}日", d.y, d.m, d.d)
}

fn signature(text: &str, a: &Analysis, d: &mut Vec<Diagnostic>) {
    let Some((year, src, _)) = a.year else { return };
    if src == YearSource::Signature {
        return;
    }
    let sig = &a.signature;
    match &sig.date {
        None => {
            if let Some(r) = &sig.unreadable {
                d.push(Diagnostic::new(
                    "signature-date",
                    Severity::Hint,
                    r.clone(),
                    "落款日期无法识别（年、月、日可能在转换中丢失），请写成「2025年1月20日」的形式。",
                ));
            } else {
                let end = last_line(text, text.len());
                d.push(Diagnostic::new(
                    "signature-date",
                    Severity::Warning,
                    end,
                    format!("报告末尾没有落款（机关名称和日期）。{}年度报告应在{}年{}前发布（《条例》第四十九条）。", year, year + 1, deadline_text(a.organ)),
                ));
            }
        }
        Some((date, r)) => {
            if date.y <= year {
                d.push(Diagnostic::new(
                    "signature-date",
                    Severity::Error,
                    r.clone(),
                    format!(
                        "落款日期{}在报告年度（{year}年）{}：年度数据尚不完整，日期应在{}年。可能是年份写错。",
                        fmt_date(date),
                        if date.y == year { "之内" } else { "之前" },
                        year + 1
                    ),
                ));
            } else {
                let (dm, dd) = match a.organ {
                    Organ::Department => (1, 31),
                    Organ::Government => (3, 31),
                };
                let late = date.y > year + 1 || (date.m, date.d) > (dm, dd);
                if late {
                    d.push(Diagnostic::new(
                        "late-publication",
                        Severity::Warning,
                        r.clone(),
                        format!(
                            "落款日期{}晚于法定期限：{}应在{}年{}前公布上一年度报告（《条例》第四十九条）。",
                            fmt_date(date),
                            match a.organ {
                                Organ::Department => "县级以上人民政府部门",
                                Organ::Government => "县级以上地方人民政府",
                            },
                            year + 1,
                            deadline_text(a.organ)
                        ),
                    ));
                }
            }
        }
    }
}

fn deadline_text(o: Organ) -> &'static str {
    match o {
        Organ::Department => "1月31日",
        Organ::Government => "3月31日",
    }
}

fn part_text<'a>(
    text: &'a str,
    blocks: &[Block],
    a: &Analysis,
    n: u8,
) -> Option<(String, &'a str)> {
    let p = a.part(n)?;
    let mut s = String::new();
    for b in &blocks[p.blocks.clone()] {
        if b.kind == BlockKind::Comment {
            continue;
        }
        for c in &b.cells {
            s.push_str(&c.folded);
        }
    }
    Some((s, &text[p.body.clone()]))
}

fn fee(text: &str, blocks: &[Block], a: &Analysis, d: &mut Vec<Diagnostic>) {
    if !a.format.requires_fee_statement || a.year.is_none() {
        return;
    }
    let Some((s, _)) = part_text(text, blocks, a, 6) else {
        return;
    };
    if !s.contains("处理费") {
        let p = a.part(6).expect("part 6");
        d.push(Diagnostic::new(
            "fee-statement-missing",
            Severity::Warning,
            p.heading.clone(),
            "第六部分没有说明信息处理费的收取情况：2021版格式要求写明本年度是否收取及收取的金额（《政府信息公开信息处理费管理办法》，国办函〔2020〕109号），例如「本年度未收取信息处理费」。",
        ));
    }
}

/// Narrative numbers that name a table quantity (X2–X5 of the reference), compared with the
/// tables. The facts themselves were found when the blocks were parsed.
fn narrative(blocks: &[Block], a: &Analysis, d: &mut Vec<Diagnostic>) {
    let t1 = a.table("t1").filter(|t| t.has_number());
    let t2 = a.table("t2").filter(|t| t.has_number());
    let t3 = a.table("t3").filter(|t| t.has_number());
    let t2v = |row: &str| {
        t2.and_then(|t| {
            int_of(t.cell(row, "tot")).map(|v| (v, t.cell(row, "tot").map(|c| c.range.clone())))
        })
    };
    let review_total: Option<i64> = t3.map(|t| t.cells().filter_map(|c| int_of(Some(c))).sum());
    for b in blocks.iter().filter(|b| !b.facts.is_empty()) {
        for f in &b.facts {
            let range = b.abs(&f.range);
            match f.fact {
                Fact::NewApplications(n) => {
                    let Some((new, cell)) = t2v("new") else {
                        continue;
                    };
                    let carried = t2v("carried_in").map_or(0, |x| x.0);
                    if n != new && n != new + carried {
                        let mut diag = Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range,
                            format!(
                                "正文说收到申请{n}件，但表二「一、本年新收政府信息公开申请数量」的总计是{new}。"
                            ),
                        );
                        if let Some(r) = cell {
                            diag = diag.related(r, format!("表二 本年新收 总计 = {new}"));
                        }
                        d.push(diag);
                    }
                }
                Fact::Decisions(row, n) => {
                    let Some(cell) = t1.and_then(|t| t.cell(row, "decisions")) else {
                        continue;
                    };
                    let Some(v) = int_of(Some(cell)) else {
                        continue;
                    };
                    if n != v {
                        let what = match row {
                            "license" => "行政许可",
                            "penalty" => "行政处罚",
                            _ => "行政强制",
                        };
                        d.push(
                            Diagnostic::new(
                                "narrative-mismatch",
                                Severity::Warning,
                                range,
                                format!("正文说{what}{n}件（条），但表一「{what}」的处理决定数量是{v}。如果正文指的是事项数量而非决定数量，可忽略。"),
                            )
                            .related(cell.range.clone(), format!("表一 {what} = {v}")),
                        );
                    }
                }
                Fact::NoApplications => {
                    if let Some((new, _)) = t2v("new")
                        && new > 0
                    {
                        d.push(Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range,
                            format!("正文说没有收到申请，但表二本年新收申请总计是{new}。"),
                        ));
                    }
                }
                Fact::NoReview => {
                    if review_total.is_some_and(|t| t > 0) {
                        d.push(Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range,
                            "正文说没有行政复议或行政诉讼，但表三中有不为0的数。".to_string(),
                        ));
                    }
                }
                Fact::AllConcluded => {
                    if let Some((out, cell)) = t2v("carried_out")
                        && out > 0
                    {
                        let mut diag = Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range,
                            format!(
                                "正文说申请已全部办结，但表二「四、结转下年度继续办理」的总计是{out}。"
                            ),
                        );
                        if let Some(r) = cell {
                            diag = diag.related(r, format!("表二 结转下年度继续办理 总计 = {out}"));
                        }
                        d.push(diag);
                    }
                }
            }
        }
    }
}
