//! The cells of a table: absent cells (`missing-cell`), values that are not valid for their
//! column (`invalid-cell`), blanks and dashes (`blank-cell`), each naming the relations it keeps
//! from being checked.

use super::table_name;
use crate::check::relations::{instances, int_of, rows_present, too_long};
use crate::check::tables::{self, ReadCell, ReadTable};
use crate::check::{Diagnostic, Edit, Severity};
use crate::format::ids;
use crate::format::{CellType, TableKind};
use crate::text::fold::{Unit, Value};
use serde_json::json;
use std::ops::Range;

/// Relations that cannot be checked because an operand is absent or unreadable, by operand:
/// each operand's own finding names them, so that "not checked" never reads as "holds".
pub(super) type Blocked = Vec<((&'static str, &'static str), Vec<String>)>;

pub(super) fn blocked(t: &ReadTable) -> Blocked {
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
        if !rows_present(t, inst) {
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
pub(super) fn missing_cells(t: &ReadTable, blocked: &Blocked, d: &mut Vec<Diagnostic>) {
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
    if r.id == ids::row::SINGLE {
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

fn col_type(t: &ReadTable, row_id: &str, i: usize) -> (CellType, &'static str) {
    let table = t.table;
    let cols: Vec<&'static crate::format::Column> = match table.kind {
        TableKind::Blocks => table
            .sections
            .iter()
            .find(|b| b.rows.iter().any(|r| r.id == row_id))
            .map(|b| b.columns.iter().collect())
            .unwrap_or_default(),
        _ => table.columns.iter().collect(),
    };
    cols.get(i)
        .map_or((CellType::Count, ""), |c| (c.ty, c.label.as_str()))
}

pub(super) fn cells(text: &str, t: &ReadTable, blocked: &Blocked, d: &mut Vec<Diagnostic>) {
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
                let what = if r.id == ids::row::SINGLE {
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
