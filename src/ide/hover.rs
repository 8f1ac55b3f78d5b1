//! Hover: the 条例 clause under the cursor, a part heading's guide, a table row's help and basis,
//! a cell's column and the relations it takes part in with the numbers as read.

use super::{Snapshot, touches};
use crate::check::relations::{self, Instance, instances};
use crate::check::rules::table_name;
use crate::check::tables::{self, ReadCell, ReadTable};
use crate::format::{Op, Over};
use crate::regulation;
use std::ops::Range;

/// Markdown for the range under the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub range: Range<usize>,
    pub markdown: String,
}

/// The hover at byte `off` (a char boundary of the snapshot's text).
pub fn hover(s: &Snapshot, off: usize) -> Option<Hover> {
    let text = s.text;
    let an = s.analysis;

    // A clause reference on the cursor's line.
    let line = s.line_around(off);
    for r in regulation::find_refs(&text[line.clone()]) {
        let abs = line.start + r.range.start..line.start + r.range.end;
        if touches(&abs, off)
            && let Some(markdown) = regulation::hover_markdown(&r)
        {
            return Some(Hover {
                range: abs,
                markdown,
            });
        }
    }

    // A part heading.
    for p in &an.parts {
        if touches(&p.heading, off)
            && let Some(part) = an.format.parts.iter().find(|q| q.number == p.number)
        {
            let markdown = format!(
                "**{}**\n\n{}\n\n依据：《条例》{}",
                an.format.heading(part),
                part.guide,
                part.basis
            );
            return Some(Hover {
                range: p.heading.clone(),
                markdown,
            });
        }
    }

    for t in &an.tables {
        if !(t.range.start <= off && off <= t.range.end) {
            continue;
        }
        for row in &t.rows {
            if touches(&row.label, off) {
                return Some(Hover {
                    range: row.label.clone(),
                    markdown: row_hover(t, row.id),
                });
            }
            let cols = t.columns_of(row.id);
            for (col, c) in cols.iter().zip(&row.cells) {
                if let Some(c) = c
                    && touches(&c.range, off)
                {
                    return Some(Hover {
                        range: c.range.clone(),
                        markdown: cell_hover(t, row.id, col, c),
                    });
                }
            }
        }
    }
    None
}

fn shown(c: Option<&ReadCell>) -> String {
    relations::int_of(c).map_or("?".into(), |v| v.to_string())
}

/// `一` for `一、本年新收…`; the whole label otherwise.
fn short_row(label: &str) -> &str {
    match label.find('、') {
        Some(i) if label[..i].chars().count() <= 3 => &label[..i],
        _ => label,
    }
}

fn column_label(t: &ReadTable, id: &str) -> String {
    t.table
        .all_columns()
        .find(|c| c.id == id)
        .map_or(id.to_string(), |c| match &c.group {
            Some(g) => format!("{g} › {}", c.label),
            None => c.label.clone(),
        })
}

fn operand_name(t: &ReadTable, over: Over, (r, c): (&str, &str)) -> String {
    match over {
        Over::Columns => short_row(tables::label_of(t.table, r)).to_string(),
        Over::Rows => column_label(t, c),
    }
}

/// `一 + 二 = 16 + 0 = 16；（七）总计 + 四 = 16 + 0 = 16 ✓`.
pub(crate) fn instance_line(t: &ReadTable, i: &Instance<'_>) -> String {
    if !relations::rows_present(t, i) {
        return format!("{}（有行缺失，未核对）", i.rel.description);
    }
    let side = |ops: &[(&str, &str)]| -> String {
        let names: Vec<String> = ops
            .iter()
            .map(|&o| operand_name(t, i.rel.over, o))
            .collect();
        let vals: Vec<String> = ops.iter().map(|(r, c)| shown(t.cell(r, c))).collect();
        match (ops.len(), relations::side_sum(t, ops)) {
            (1, _) => format!("{} = {}", names[0], vals[0]),
            (_, Some(s)) => format!("{} = {} = {s}", names.join(" + "), vals.join(" + ")),
            (_, None) => format!("{} = {}", names.join(" + "), vals.join(" + ")),
        }
    };
    let mark = match relations::outcome(t, i) {
        Some(true) => " ✓",
        Some(false) => " ✗",
        None => "（有无法读取的数字）",
    };
    let sep = match i.rel.op {
        Op::Eq => "；",
        Op::Le => " ≤ ",
    };
    format!("{}{sep}{}{mark}", side(&i.lhs), side(&i.rhs))
}

fn article_lines(articles: &[String]) -> Vec<String> {
    articles
        .iter()
        .map(|s| {
            let summary = regulation::parse_ref(s)
                .and_then(|r| regulation::article(r.article))
                .map(|art| {
                    let full = art.full_text();
                    let short: String = full.chars().take(60).collect();
                    if short.len() < full.len() {
                        format!("{short}…")
                    } else {
                        short
                    }
                })
                .unwrap_or_default();
            format!("- **{s}**：{summary}")
        })
        .collect()
}

fn row_hover(t: &ReadTable, row_id: &str) -> String {
    let label = tables::label_of(t.table, row_id);
    let mut md = format!("**{label}**（{}）", table_name(t.id));
    if let Some(r) = t.table.any_row(row_id) {
        if !r.help.is_empty() {
            md.push_str(&format!("\n\n{}", r.help));
        }
        if !r.articles.is_empty() {
            md.push_str("\n\n依据《条例》：\n\n");
            md.push_str(&article_lines(&r.articles).join("\n"));
        }
    }
    let rels: Vec<String> = instances(t)
        .iter()
        .filter(|i| i.lhs.iter().chain(&i.rhs).any(|(r, _)| *r == row_id))
        .map(|i| format!("- {}：{}", i.rel.id, i.rel.description))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !rels.is_empty() {
        md.push_str("\n\n勾稽关系：\n\n");
        md.push_str(&rels.join("\n"));
    }
    md
}

fn cell_hover(t: &ReadTable, row_id: &str, col: &str, c: &ReadCell) -> String {
    let row = if t.table.kind == crate::format::TableKind::SingleRow {
        table_name(t.id).to_string()
    } else {
        tables::label_of(t.table, row_id).to_string()
    };
    let mut md = format!(
        "**{row}** › **{}**：{}",
        column_label(t, col),
        shown(Some(c))
    );
    if let Some(h) = t
        .table
        .all_columns()
        .find(|x| x.id == col)
        .map(|x| &x.help)
        .filter(|h| !h.is_empty())
    {
        md.push_str(&format!("\n\n{h}"));
    }
    let lines: Vec<String> = instances(t)
        .iter()
        .filter(|i| i.lhs.iter().chain(&i.rhs).any(|o| *o == (row_id, col)))
        .map(|i| {
            format!(
                "- **{}**（{}）：{}",
                i.rel.id,
                i.rel.description,
                instance_line(t, i)
            )
        })
        .collect();
    if !lines.is_empty() {
        md.push_str("\n\n勾稽关系：\n\n");
        md.push_str(&lines.join("\n"));
    }
    md
}
