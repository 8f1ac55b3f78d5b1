//! Code actions: the fixes of the findings under the cursor, inserting missing rows, disabling a
//! rule on a line, and rewriting a 2019-format table in the 2021 format ([`super::conversion`]).

use super::{Edit, Snapshot};
use crate::check::Diagnostic;
use crate::check::rules::table_name;
use crate::check::tables::{self, ReadTable};
use crate::format::TableKind;
use crate::syntax::pipe;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    Rewrite,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// The finding it fixes: an index into the analysis's diagnostics.
    pub diagnostic: Option<usize>,
    pub edits: Vec<Edit>,
    pub preferred: Option<bool>,
}

/// The actions for the byte range `range` (char boundaries of the snapshot's text).
pub fn actions(s: &Snapshot, range: Range<usize>) -> Vec<Action> {
    let (rs, re) = (range.start, range.end);
    let mut out = Vec::new();
    let mut all_rows_offered = Vec::new();
    for (i, d) in s.analysis.diagnostics.iter().enumerate() {
        let overlaps = d.range.start <= re && rs <= d.range.end;
        if !overlaps {
            continue;
        }
        for (k, fix) in d.fixes.iter().enumerate() {
            out.push(Action {
                title: fix.title.clone(),
                kind: ActionKind::QuickFix,
                diagnostic: Some(i),
                edits: fix.edits.clone(),
                preferred: Some(k == 0),
            });
        }
        if d.rule == "missing-row" {
            out.extend(insert_missing_rows(s, i, d, false));
            let table = d.data.as_ref().and_then(|x| x.get("table"));
            if !all_rows_offered.contains(&table) {
                all_rows_offered.push(table);
                out.extend(insert_missing_rows(s, i, d, true));
            }
        }
        let ls = s.line_start(s.line_of(d.range.start));
        out.push(Action {
            title: format!("在此行禁用 {}", d.rule),
            kind: ActionKind::QuickFix,
            diagnostic: Some(i),
            edits: vec![Edit {
                range: ls..ls,
                text: format!("<!-- nianbao-disable-next-line {} -->\n", d.rule),
            }],
            preferred: None,
        });
    }
    out.extend(super::conversion::convert_table(s, rs));
    out
}

/// The line terminator after the line ending at `end` (`\n` at the end of the text).
pub(super) fn eol_after(text: &str, end: usize) -> &'static str {
    let rest = &text[end..];
    if rest.starts_with("\r\n") {
        "\r\n"
    } else if rest.starts_with('\r') {
        "\r"
    } else {
        "\n"
    }
}

/// The line around `off` when it is a pipe row.
pub(super) fn pipe_line(s: &Snapshot, off: usize) -> Option<Range<usize>> {
    let r = s.line_around(off);
    pipe::cells(s.text[r.clone()].trim()).map(|_| r)
}

/// Where a missing row goes: after the line of the nearest earlier row of its table (of its
/// block in table 1) that is present, else before the nearest later one. The rows must be pipe
/// rows; the inserted row gets the anchor's indentation and, when the table is wider than the
/// standard, empty cells up to its width.
/// Returns (offset, after the anchor?, row text).
fn missing_row_insertion(
    s: &Snapshot,
    t: &ReadTable,
    row_id: &str,
) -> Option<(usize, bool, String)> {
    let order: Vec<&str> = match t.table.kind {
        TableKind::Blocks => t
            .table
            .sections
            .iter()
            .find(|b| b.rows.iter().any(|r| r.id == row_id))?
            .rows
            .iter()
            .map(|r| r.id.as_str())
            .collect(),
        TableKind::Grid => t.table.rows.iter().map(|r| r.id.as_str()).collect(),
        TableKind::SingleRow => return None,
    };
    let i = order.iter().position(|r| *r == row_id)?;
    let before = order[..i].iter().rev().find_map(|r| t.row(r));
    let after = order[i + 1..].iter().find_map(|r| t.row(r));
    let (anchor, below) = match (before, after) {
        (Some(r), _) => (r, true),
        (None, Some(r)) => (r, false),
        (None, None) => return None,
    };
    let line = pipe_line(s, anchor.label.start)?;
    let content = &s.text[line.clone()];
    let width = pipe::cells(content.trim())?.len();
    let mut md = crate::template::row_markdown(t.format, t.id, row_id)?;
    let have = pipe::cells(&md)?.len();
    if have > width {
        return None;
    }
    md.push_str(&" |".repeat(width - have));
    let indent = &content[..content.len() - content.trim_start().len()];
    let md = format!("{indent}{md}");
    Some(if below {
        (line.end, true, md)
    } else {
        (line.start, false, md)
    })
}

/// 插入缺少的行: the missing row of finding `d` (number `i`), at its standard place (pipe
/// tables only); with `all`, every missing row of the table (those that have a place).
fn insert_missing_rows(s: &Snapshot, i: usize, d: &Diagnostic, all: bool) -> Option<Action> {
    let data = d.data.as_ref()?;
    let an = s.analysis;
    let t = an
        .table(data.get("table")?.as_str()?)
        .filter(|t| t.present())?;
    let wanted: Vec<&str> = if all {
        an.diagnostics
            .iter()
            .filter(|x| x.rule == "missing-row")
            .filter_map(|x| x.data.as_ref())
            .filter(|x| x.get("table").and_then(|v| v.as_str()) == Some(t.id))
            .filter_map(|x| x.get("row")?.as_str())
            .collect()
    } else {
        vec![data.get("row")?.as_str()?]
    };
    let mut rows: Vec<(&str, (usize, bool, String))> = wanted
        .into_iter()
        .filter_map(|r| Some((r, missing_row_insertion(s, t, r)?)))
        .collect();
    if rows.is_empty() || (all && rows.len() < 2) {
        return None;
    }
    // Rows sharing a place go in the table's standard order.
    let rank = |id: &str| {
        t.table
            .all_rows()
            .position(|r| r.id == id)
            .unwrap_or(usize::MAX)
    };
    rows.sort_by_key(|(id, _)| rank(id));
    let mut edits: Vec<(usize, bool, String)> = Vec::new();
    for (_, (off, below, md)) in rows.iter() {
        let eol = if *below {
            eol_after(s.text, *off)
        } else {
            let prev = s.text[..*off].trim_end_matches(['\n', '\r']).len();
            if *off == 0 {
                "\n"
            } else {
                eol_after(s.text, prev)
            }
        };
        let piece = if *below {
            format!("{eol}{md}")
        } else {
            format!("{md}{eol}")
        };
        match edits.iter_mut().find(|(o, b, _)| o == off && b == below) {
            Some(e) => e.2.push_str(&piece),
            None => edits.push((*off, *below, piece)),
        }
    }
    let n = rows.len();
    let title = if all {
        format!("插入{}缺少的全部{n}行", table_name(t.id))
    } else {
        format!("插入缺少的行「{}」", tables::label_of(t.table, rows[0].0))
    };
    Some(Action {
        title,
        kind: ActionKind::QuickFix,
        diagnostic: Some(i),
        edits: edits
            .into_iter()
            .map(|(off, _, text)| Edit {
                range: off..off,
                text,
            })
            .collect(),
        preferred: Some(!all),
    })
}
