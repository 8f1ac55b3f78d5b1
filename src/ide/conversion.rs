//! 转换为2021版格式: rewrites a table of an older format (pipe layout, cursor inside) in the
//! format of the report year, as the newer format's data says (`conversions` in
//! `src/format/data/*.json`): the cells that map are carried over, the others left blank, and a
//! comment line above the table, `<!-- nianbao: 待填写 … -->`, names what must be entered or
//! checked by hand.

use super::actions::{Action, ActionKind, eol_after, pipe_line};
use super::{Edit, Snapshot};
use crate::check::relations::int_of;
use crate::check::tables::{self, ReadTable};
use crate::format::{Conversion, Format, RowKind};
use crate::syntax::pipe;
use std::ops::Range;

/// The conversion of the table under byte `off`, if it is in a format that the latest format
/// can convert from.
pub fn convert_table(s: &Snapshot, off: usize) -> Option<Action> {
    let target = crate::format::latest();
    let l = s.line_of(off);
    let (t, conv) = s.analysis.tables.iter().find_map(|t| {
        let conv = target.conversion(&t.format.id, t.id)?;
        (t.present() && s.line_of(t.range.start) <= l && l <= s.line_of(t.range.end))
            .then_some((t, conv))
    })?;
    let span = pipe_table_span(s, t)?;
    let md = converted(s, t, target, conv)?;
    let eol = eol_after(s.text, span.end);
    let body = md.trim_end_matches('\n').replace('\n', eol);
    let mut notes = vec![conv.note.clone()];
    let dropped: Vec<&str> = conv
        .dropped
        .iter()
        .filter(|d| nonzero(t, &d.row, &d.columns))
        .map(|d| tables::label_of(t.table, &d.row))
        .collect();
    if !dropped.is_empty() {
        notes.push(format!(
            "{}没有「{}」行，其数字已删除",
            target.short.trim_end_matches("格式"),
            dropped.join("」「")
        ));
    }
    let comment = format!("<!-- nianbao: {} -->", notes.join("；"));
    Some(Action {
        title: format!("转换为{}", target.short),
        kind: ActionKind::Rewrite,
        diagnostic: None,
        edits: vec![Edit {
            range: span,
            text: format!("{comment}{eol}{eol}{body}"),
        }],
        preferred: None,
    })
}

/// The target format's template of the table with the mapped cells filled in.
fn converted(
    s: &Snapshot,
    t: &ReadTable,
    target: &'static Format,
    conv: &Conversion,
) -> Option<String> {
    let mut md = crate::template::table_markdown(target, t.id)?;
    let table = target.table(t.id)?;
    let cell_text = |row: &str, col: &str| -> String {
        t.cell(row, col)
            .map(|c| s.text[c.range.clone()].trim().to_string())
            .unwrap_or_default()
    };
    for r in table.all_rows() {
        let id = r.id.as_str();
        let rule = conv.rows.iter().find(|x| x.row == id);
        if rule.is_some_and(|x| x.skip) {
            continue;
        }
        let from = rule.and_then(|x| x.from.as_deref()).unwrap_or(id);
        let cells: Vec<String> = match rule {
            Some(x) if x.fill.is_some() => {
                let fill = x.fill.clone().unwrap_or_default();
                vec![fill; t.table.columns.len()]
            }
            Some(x) if !x.cells.is_empty() => x
                .cells
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        String::new()
                    } else {
                        cell_text(from, c)
                    }
                })
                .collect(),
            _ if !conv.by_column => continue,
            None if r.kind == RowKind::Group && t.row(id).is_none() => continue,
            _ => t
                .table
                .columns
                .iter()
                .map(|c| cell_text(from, &c.id))
                .collect(),
        };
        let Some(old) = crate::template::row_markdown(target, t.id, id) else {
            continue;
        };
        let mut all = vec![tables::label_of(table, id).to_string()];
        all.extend(cells);
        // Narrow blocks keep the table's width with empty cells, as drafts do.
        let width = pipe::cells(&old).map_or(0, |c| c.len());
        if all.len() < width {
            all.resize(width, String::new());
        }
        md = md.replacen(&old, &pipe::row(&all), 1);
    }
    Some(md)
}

/// Whether `row` holds a non-zero number in one of `cols`.
fn nonzero(t: &ReadTable, row: &str, cols: &[String]) -> bool {
    cols.iter().any(|c| {
        t.cell(row, c)
            .is_some_and(|c| c.value.has_number() && int_of(Some(c)) != Some(0))
    })
}

/// The lines of a pipe table around `t`: from the line of its first recognised cell to the
/// line of its last, widened over the adjacent pipe rows (separator, unrecognised headers).
/// `None` unless every line in between is a pipe row.
fn pipe_table_span(s: &Snapshot, t: &ReadTable) -> Option<Range<usize>> {
    let text = s.text;
    let is_pipe = |line: usize| pipe_line(s, s.line_start(line)).map(|r| r.end);
    let (mut first, mut last) = (s.line_of(t.range.start), s.line_of(t.range.end));
    for l in first..=last {
        is_pipe(l)?;
    }
    while first > 0 && is_pipe(first - 1).is_some() {
        first -= 1;
    }
    let end_line = s.line_of(text.len());
    while last < end_line && is_pipe(last + 1).is_some() {
        last += 1;
    }
    Some(s.line_start(first)..is_pipe(last)?)
}
