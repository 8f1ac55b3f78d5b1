//! A table as a whole: present and not empty, its row labels, rows and columns outside the
//! format, groups written as one row, missing rows, cells read only in part. `table` runs every
//! check of one table, the cell and relation checks included.

use super::cells::{blocked, cells, missing_cells};
use super::totals::{relations, subtotals};
use super::{cn, table_name};
use crate::check::doc::Analysis;
use crate::check::relations::int_of;
use crate::check::tables::{self, Quality, ReadCell, ReadTable};
use crate::check::{Diagnostic, Edit, Severity};
use crate::format::ids;
use crate::format::{RowKind, TableKind};
use crate::text::position::{line_end_at, line_start_at};
use serde_json::json;

pub(super) fn table(text: &str, a: &Analysis, t: &ReadTable, d: &mut Vec<Diagnostic>) {
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
    let expected: usize = t
        .table
        .all_rows()
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
    let start = line_start_at(text, row.label.start);
    let end = line_end_at(text, row.label.end);
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
        if r.quality == Quality::Exact || r.id == ids::row::SINGLE {
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

fn rows_present(t: &ReadTable, d: &mut Vec<Diagnostic>) {
    if t.table.kind == TableKind::SingleRow {
        // Its one row's absent cells are `missing-cell`.
        return;
    }
    for row in t.table.all_rows() {
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
