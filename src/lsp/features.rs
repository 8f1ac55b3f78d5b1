//! Hover, completion, code actions, symbols, folding and inlay hints over an [`Analysed`].

use super::document::Analysed;
use crate::check::rules::{Instance, instances};
use crate::check::tables::{self, ReadCell, ReadTable};
use crate::format::{Op, Over, RowKind, TableKind};
use crate::regulation;
use crate::text::position::Encoding;
use std::collections::HashMap;
use tower_lsp_server::lsp_types::*;

fn markdown(value: String, range: Option<Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

fn contains(r: &std::ops::Range<usize>, off: usize) -> bool {
    r.start <= off && off <= r.end && r.start < r.end
}

// ----------------------------------------------------------------------------- relations

/// A cell's value for sums, as the checker counts it (blank and dashes are 0).
fn int_of(c: Option<&ReadCell>) -> Option<i64> {
    crate::check::rules::int_of(c)
}

fn shown(c: Option<&ReadCell>) -> String {
    int_of(c).map_or("?".into(), |v| v.to_string())
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
        .columns
        .iter()
        .chain(t.table.blocks.iter().flat_map(|b| b.columns.iter()))
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
fn instance_line(t: &ReadTable, i: &Instance<'_>) -> String {
    if i.lhs.iter().chain(&i.rhs).any(|(r, _)| t.row(r).is_none()) {
        return format!("{}（有行缺失，未核对）", i.rel.description);
    }
    let side = |ops: &[(&str, &str)]| -> (String, Option<i64>) {
        let names: Vec<String> = ops
            .iter()
            .map(|&o| operand_name(t, i.rel.over, o))
            .collect();
        let vals: Vec<String> = ops.iter().map(|(r, c)| shown(t.cell(r, c))).collect();
        let sum: Option<i64> = ops.iter().map(|(r, c)| int_of(t.cell(r, c))).sum();
        let s = match (ops.len(), sum) {
            (1, _) => format!("{} = {}", names[0], vals[0]),
            (_, Some(s)) => format!("{} = {} = {s}", names.join(" + "), vals.join(" + ")),
            (_, None) => format!("{} = {}", names.join(" + "), vals.join(" + ")),
        };
        (s, sum)
    };
    let (l, ls) = side(&i.lhs);
    let (r, rs) = side(&i.rhs);
    let mark = match (ls, rs) {
        (Some(a), Some(b)) => {
            let ok = match i.rel.op {
                Op::Eq => a == b,
                Op::Le => a <= b,
            };
            if ok { " ✓" } else { " ✗" }
        }
        _ => "（有无法读取的数字）",
    };
    let sep = match i.rel.op {
        Op::Eq => "；",
        Op::Le => " ≤ ",
    };
    format!("{l}{sep}{r}{mark}")
}

// ----------------------------------------------------------------------------- hover

pub fn hover(a: &Analysed, enc: Encoding, pos: Position) -> Option<Hover> {
    let lines = a.lines(enc);
    let off = lines.offset(pos);
    let text = &a.text;
    let an = &a.analysis;

    // A clause reference on the cursor's line.
    let line = lines.line_around(off);
    for r in regulation::find_refs(&text[line.clone()]) {
        let abs = line.start + r.range.start..line.start + r.range.end;
        if contains(&abs, off)
            && let Some(md) = regulation::hover_markdown(&r)
        {
            return Some(markdown(md, Some(lines.range(&abs))));
        }
    }

    // A part heading.
    for p in &an.parts {
        if contains(&p.heading, off)
            && let Some(part) = an.format.parts.iter().find(|q| q.number == p.number)
        {
            let md = format!(
                "**{}**\n\n{}\n\n依据：《条例》{}",
                an.format.heading(part),
                part.guide,
                part.basis
            );
            return Some(markdown(md, Some(lines.range(&p.heading))));
        }
    }

    for t in &an.tables {
        if !(t.range.start <= off && off <= t.range.end) {
            continue;
        }
        for row in &t.rows {
            if contains(&row.label, off) {
                return Some(markdown(
                    row_hover(t, row.id),
                    Some(lines.range(&row.label)),
                ));
            }
            let cols = t.columns_of(row.id);
            for (col, c) in cols.iter().zip(&row.cells) {
                if let Some(c) = c
                    && contains(&c.range, off)
                {
                    return Some(markdown(
                        cell_hover(t, row.id, col, c),
                        Some(lines.range(&c.range)),
                    ));
                }
            }
        }
    }
    None
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
    let mut md = format!("**{label}**（{}）", crate::check::rules::table_name(t.id));
    let row = t
        .table
        .rows
        .iter()
        .chain(t.table.blocks.iter().flat_map(|b| b.rows.iter()))
        .find(|r| r.id == row_id);
    if let Some(r) = row {
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
    let row = if row_id == "data" {
        crate::check::rules::table_name(t.id).to_string()
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
        .columns
        .iter()
        .chain(t.table.blocks.iter().flat_map(|b| b.columns.iter()))
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

// ----------------------------------------------------------------------------- completion

fn doc(s: &str) -> Option<Documentation> {
    (!s.is_empty()).then(|| {
        Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: s.to_string(),
        })
    })
}

pub fn completion(a: &Analysed, enc: Encoding, pos: Position) -> Vec<CompletionItem> {
    let lines = a.lines(enc);
    let off = lines.offset(pos);
    let text = &a.text;
    let an = &a.analysis;
    let line = lines.line_around(off);
    let prefix = &text[line.start..off];
    let rest = &text[off..line.end];
    let mut items = Vec::new();

    // 第 / 《条例》第 → clause references.
    if let Some(p) = prefix.strip_suffix('第') {
        let start = p.len() + line.start;
        let range = lines.range(&(start..off));
        for (i, art) in regulation::articles().iter().enumerate() {
            let label = regulation::article_label(art.number);
            items.push(CompletionItem {
                label: label.clone(),
                kind: Some(CompletionItemKind::REFERENCE),
                documentation: doc(&art.full_text()),
                sort_text: Some(format!("{i:03}")),
                filter_text: Some(label.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, label))),
                ..Default::default()
            });
        }
        return items;
    }

    let line_no = |o: usize| a.lines(Encoding::Utf8).line_of(o);
    let cur = line_no(off);
    let in_table = an
        .tables
        .iter()
        .filter(|t| t.present())
        .find(|t| line_no(t.range.start) <= cur && cur <= line_no(t.range.end) + 1);
    let trimmed = prefix.trim_start_matches(|c: char| c == '|' || c.is_whitespace());
    let newline = if rest.trim().is_empty() { "" } else { "\n" };
    let edit_range = lines.range(&(line.start..off));

    if let Some(t) = in_table {
        if trimmed.contains('|') {
            return items;
        }
        let all: Vec<&crate::format::Row> = t
            .table
            .rows
            .iter()
            .chain(t.table.blocks.iter().flat_map(|b| b.rows.iter()))
            .collect();
        let mut n = 0;
        for r in all.iter().filter(|r| t.row(&r.id).is_none()) {
            if r.kind == RowKind::Group && t.table.kind != TableKind::Grid {
                continue;
            }
            let Some(md) = crate::draft::row_markdown(t.format, t.id, &r.id) else {
                continue;
            };
            // Data rows before group rows; standard order within each.
            let rank = if r.kind == RowKind::Data { 0 } else { 1 };
            items.push(CompletionItem {
                label: r.label.clone(),
                kind: Some(CompletionItemKind::SNIPPET),
                detail: Some(format!("{}缺少的行", crate::check::rules::table_name(t.id))),
                documentation: doc(&r.help),
                sort_text: Some(format!("{rank}{n:03}")),
                filter_text: Some(format!("{}{}", prefix, r.label)),
                insert_text: Some(md.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    edit_range,
                    format!("{md}{newline}"),
                ))),
                ..Default::default()
            });
            n += 1;
        }
        items.sort_by(|x, y| x.sort_text.cmp(&y.sort_text));
        return items;
    }

    // Start of a line outside tables: missing part headings, then whole tables.
    if prefix.trim_start_matches(['#', ' ', '\t']).is_empty() {
        let f = an.format;
        let md = an
            .parts
            .first()
            .and_then(|p| {
                let ls = a
                    .lines(Encoding::Utf8)
                    .line_start(a.lines(Encoding::Utf8).line_of(p.heading.start));
                let hashes = text[ls..p.heading.start].trim_end();
                (hashes.starts_with('#')).then(|| format!("{hashes} "))
            })
            .unwrap_or_default();
        for (i, p) in f.parts.iter().enumerate() {
            if an.part(p.number).is_some() {
                continue;
            }
            let heading = format!("{md}{}", f.heading(p));
            items.push(CompletionItem {
                label: f.heading(p),
                kind: Some(CompletionItemKind::MODULE),
                detail: Some("缺少的部分标题".into()),
                documentation: doc(&format!("{}\n\n依据：《条例》{}", p.guide, p.basis)),
                sort_text: Some(format!("0{i:03}")),
                filter_text: Some(format!("{prefix}{}", f.heading(p))),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    edit_range,
                    format!("{heading}{newline}"),
                ))),
                ..Default::default()
            });
        }
        let tf = an.draft_format().unwrap_or(f);
        for (i, (id, name)) in crate::check::rules::TABLE_NAMES.iter().enumerate() {
            let Some(md) = crate::draft::table_markdown(tf, id) else {
                continue;
            };
            let label = name.chars().take(2).collect::<String>();
            items.push(CompletionItem {
                label: label.clone(),
                kind: Some(CompletionItemKind::SNIPPET),
                detail: Some(format!("插入{name}（{}）", tf.short)),
                documentation: doc(&tf.table(id).map_or(String::new(), |t| t.title.clone())),
                sort_text: Some(format!("1{i:03}")),
                filter_text: Some(format!("{prefix}{label}")),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    edit_range,
                    format!("{md}{newline}"),
                ))),
                ..Default::default()
            });
        }
    }
    items
}

// ----------------------------------------------------------------------------- code actions

pub fn code_actions(
    a: &Analysed,
    enc: Encoding,
    uri: &Uri,
    range: Range,
    lsp_diags: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let lines = a.lines(enc);
    let (rs, re) = (lines.offset(range.start), lines.offset(range.end));
    let mut out = Vec::new();
    let mut all_rows_offered = Vec::new();
    for (d, ld) in a.analysis.diagnostics.iter().zip(lsp_diags) {
        let overlaps = d.range.start <= re && rs <= d.range.end;
        if !overlaps {
            continue;
        }
        for (k, fix) in d.fixes.iter().enumerate() {
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit::new(lines.range(&e.range), e.text.clone()))
                .collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![ld.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..Default::default()
                }),
                is_preferred: Some(k == 0),
                ..Default::default()
            }));
        }
        if d.rule == "missing-row" {
            out.extend(insert_missing_rows(a, enc, uri, d, ld, false));
            let table = d.data.as_ref().and_then(|x| x.get("table"));
            if !all_rows_offered.contains(&table) {
                all_rows_offered.push(table);
                out.extend(insert_missing_rows(a, enc, uri, d, ld, true));
            }
        }
        let ls = a
            .lines(Encoding::Utf8)
            .line_start(a.lines(Encoding::Utf8).line_of(d.range.start));
        let at = lines.range(&(ls..ls));
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("在此行禁用 {}", d.rule),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![ld.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(
                    uri.clone(),
                    vec![TextEdit::new(
                        at,
                        format!("<!-- nianbao-disable-next-line {} -->\n", d.rule),
                    )],
                )])),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    out.extend(convert_to_2021(a, enc, uri, rs));
    out
}

/// The line terminator after the line ending at `end` (`\n` at the end of the text).
fn eol_after(text: &str, end: usize) -> &'static str {
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
fn pipe_line(a: &Analysed, off: usize) -> Option<std::ops::Range<usize>> {
    let r = a.lines(Encoding::Utf8).line_around(off);
    pipe_cells(a.text[r.clone()].trim()).map(|_| r)
}

/// Where a missing row goes: after the line of the nearest earlier row of its table (of its
/// block in table 1) that is present, else before the nearest later one. The rows must be pipe
/// rows; the inserted row gets the anchor's indentation and, when the table is wider than the
/// standard, empty cells up to its width.
/// Returns (offset, after the anchor?, row text).
fn missing_row_insertion(
    a: &Analysed,
    t: &ReadTable,
    row_id: &str,
) -> Option<(usize, bool, String)> {
    let order: Vec<&str> = match t.table.kind {
        TableKind::Blocks => t
            .table
            .blocks
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
    let line = pipe_line(a, anchor.label.start)?;
    let content = &a.text[line.clone()];
    let width = pipe_cells(content.trim())?.len();
    let mut md = crate::draft::row_markdown(t.format, t.id, row_id)?;
    let have = pipe_cells(&md)?.len();
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

/// 插入缺少的行: the missing row of this finding, at its standard place (pipe tables only);
/// with `all`, every missing row of the table (those that have a place).
fn insert_missing_rows(
    a: &Analysed,
    enc: Encoding,
    uri: &Uri,
    d: &crate::check::Diagnostic,
    ld: &Diagnostic,
    all: bool,
) -> Option<CodeActionOrCommand> {
    let data = d.data.as_ref()?;
    let t = a
        .analysis
        .table(data.get("table")?.as_str()?)
        .filter(|t| t.present())?;
    let wanted: Vec<&str> = if all {
        a.analysis
            .diagnostics
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
        .filter_map(|r| Some((r, missing_row_insertion(a, t, r)?)))
        .collect();
    if rows.is_empty() || (all && rows.len() < 2) {
        return None;
    }
    // Rows sharing a place go in the table's standard order.
    let rank = |id: &str| {
        t.table
            .rows
            .iter()
            .chain(t.table.blocks.iter().flat_map(|b| b.rows.iter()))
            .position(|r| r.id == id)
            .unwrap_or(usize::MAX)
    };
    rows.sort_by_key(|(id, _)| rank(id));
    let lines = a.lines(enc);
    let mut edits: Vec<(usize, bool, String)> = Vec::new();
    for (_, (off, below, md)) in rows.iter() {
        let eol = if *below {
            eol_after(&a.text, *off)
        } else {
            let prev = a.text[..*off].trim_end_matches(['\n', '\r']).len();
            if *off == 0 {
                "\n"
            } else {
                eol_after(&a.text, prev)
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
        format!(
            "插入{}缺少的全部{n}行",
            crate::check::rules::table_name(t.id)
        )
    } else {
        format!("插入缺少的行「{}」", tables::label_of(t.table, rows[0].0))
    };
    let edits = edits
        .into_iter()
        .map(|(off, _, s)| TextEdit::new(lines.range(&(off..off)), s))
        .collect();
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![ld.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }),
        is_preferred: Some(!all),
        ..Default::default()
    }))
}

/// The lines of a pipe table around `t`: from the line of its first recognised cell to the
/// line of its last, widened over the adjacent pipe rows (separator, unrecognised headers).
/// `None` unless every line in between is a pipe row.
fn pipe_table_span(a: &Analysed, t: &ReadTable) -> Option<std::ops::Range<usize>> {
    let idx = a.lines(Encoding::Utf8);
    let text = &a.text;
    let is_pipe = |line: usize| {
        let s = idx.line_start(line);
        let e = text[s..].find(['\n', '\r']).map_or(text.len(), |i| s + i);
        pipe_cells(text[s..e].trim()).map(|_| e)
    };
    let (mut first, mut last) = (idx.line_of(t.range.start), idx.line_of(t.range.end));
    for l in first..=last {
        is_pipe(l)?;
    }
    while first > 0 && is_pipe(first - 1).is_some() {
        first -= 1;
    }
    let end_line = idx.line_of(text.len());
    while last < end_line && is_pipe(last + 1).is_some() {
        last += 1;
    }
    Some(idx.line_start(first)..is_pipe(last)?)
}

/// A 2019 cell as written (blank when absent), and whether it holds a non-zero number.
fn cell_text(a: &Analysed, t: &ReadTable, row: &str, col: &str) -> String {
    t.cell(row, col)
        .map(|c| a.text[c.range.clone()].trim().to_string())
        .unwrap_or_default()
}

fn nonzero(t: &ReadTable, row: &str, cols: &[&str]) -> bool {
    cols.iter().any(|c| {
        t.cell(row, c)
            .is_some_and(|c| c.value.has_number() && int_of(Some(c)) != Some(0))
    })
}

/// 转换为2021版格式: replaces a 2019-format table 1 or table 2 (pipe layout, cursor inside)
/// with the 2021 layout, carrying over the cells that map (reference §9) and leaving the
/// cells that do not map blank. A comment line above the table,
/// `<!-- nianbao: 待填写 … -->`, names what must be entered or checked by hand.
fn convert_to_2021(
    a: &Analysed,
    enc: Encoding,
    uri: &Uri,
    off: usize,
) -> Option<CodeActionOrCommand> {
    let target = crate::format::by_id("2021")?;
    let t = a.analysis.tables.iter().find(|t| {
        t.present() && t.format.id == "2019" && matches!(t.id, "t1" | "t2") && {
            let l = a.lines(Encoding::Utf8).line_of(off);
            a.lines(Encoding::Utf8).line_of(t.range.start) <= l
                && l <= a.lines(Encoding::Utf8).line_of(t.range.end)
        }
    })?;
    let span = pipe_table_span(a, t)?;
    let mut md = crate::draft::table_markdown(target, t.id)?;
    let mut notes: Vec<String> = Vec::new();
    let replace_row = |md: &mut String, row: &str, cells: Vec<String>| {
        if let Some(old) = crate::draft::row_markdown(target, t.id, row) {
            let label = tables::label_of(target.table(t.id).expect("table"), row);
            let mut all = vec![label.to_string()];
            all.extend(cells);
            // Narrow blocks keep the table's width with empty cells, as drafts do.
            let width = pipe_cells(&old).map_or(0, |c| c.len());
            if all.len() < width {
                all.resize(width, String::new());
            }
            *md = md.replacen(&old, &crate::draft::pipe_row(&all), 1);
        }
    };
    match t.id {
        "t1" => {
            for row in ["rules", "norms"] {
                replace_row(
                    &mut md,
                    row,
                    vec![cell_text(a, t, row, "made"), String::new(), String::new()],
                );
            }
            for row in ["license", "penalty", "coercion"] {
                replace_row(&mut md, row, vec![cell_text(a, t, row, "decisions")]);
            }
            replace_row(&mut md, "fee", vec![String::new()]);
            notes.push(
                "待填写 表一 规章、行政规范性文件的本年废止件数、现行有效件数，行政事业性收费的本年收费金额；\
                 本年制发件数取自原「本年新制作数量」，请核对"
                    .into(),
            );
            let mut dropped = Vec::new();
            if nonzero(t, "other_services", &["prev_items", "change", "decisions"]) {
                dropped.push("其他对外管理服务事项");
            }
            if nonzero(t, "procurement", &["proc_items", "proc_amount"]) {
                dropped.push("政府集中采购");
            }
            if !dropped.is_empty() {
                notes.push(format!(
                    "2021版没有「{}」行，其数字已删除",
                    dropped.join("」「")
                ));
            }
        }
        _ => {
            let cols: Vec<&str> = t.table.columns.iter().map(|c| c.id.as_str()).collect();
            for r in &target.table("t2")?.rows {
                let id = r.id.as_str();
                let cells: Vec<String> = match id {
                    "r6" => continue,
                    "r6_1" | "r6_2" => vec!["0".to_string(); cols.len()],
                    "r6_3" => cols.iter().map(|c| cell_text(a, t, "r6", c)).collect(),
                    _ if r.kind == RowKind::Group && t.row(id).is_none() => continue,
                    _ => cols.iter().map(|c| cell_text(a, t, id, c)).collect(),
                };
                replace_row(&mut md, id, cells);
            }
            notes.push(
                "待核对 表二「（六）其他处理」的原数字暂列入「3.其他」，\
                 请按「1.」「2.」「3.」拆分"
                    .into(),
            );
        }
    }
    let eol = eol_after(&a.text, span.end);
    let comment = format!("<!-- nianbao: {} -->", notes.join("；"));
    let body = md.trim_end_matches('\n').replace('\n', eol);
    let new_text = format!("{comment}{eol}{eol}{body}");
    let lines = a.lines(enc);
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: "转换为2021版格式".into(),
        kind: Some(CodeActionKind::REFACTOR_REWRITE),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(
                uri.clone(),
                vec![TextEdit::new(lines.range(&span), new_text)],
            )])),
            ..Default::default()
        }),
        ..Default::default()
    }))
}

// ----------------------------------------------------------------------------- outline

#[allow(deprecated)]
fn symbol(
    name: String,
    kind: SymbolKind,
    range: Range,
    sel: Range,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: sel,
        children: (!children.is_empty()).then_some(children),
    }
}

fn table_symbol(a: &Analysed, enc: Encoding, t: &ReadTable) -> DocumentSymbol {
    let lines = a.lines(enc);
    let r = lines.range(&t.range);
    let sel = t.first_label.as_ref().map_or(r, |l| lines.range(l));
    symbol(
        crate::check::rules::table_name(t.id).to_string(),
        SymbolKind::STRUCT,
        r,
        sel,
        Vec::new(),
    )
}

pub fn symbols(a: &Analysed, enc: Encoding) -> Vec<DocumentSymbol> {
    let lines = a.lines(enc);
    let an = &a.analysis;
    let mut out = Vec::new();
    if let Some(t) = &an.title {
        out.push(symbol(
            a.text[t.clone()].trim().to_string(),
            SymbolKind::FILE,
            lines.range(t),
            lines.range(t),
            Vec::new(),
        ));
    }
    let tables: Vec<&ReadTable> = an.tables.iter().filter(|t| t.present()).collect();
    let mut placed = vec![false; tables.len()];
    for p in &an.parts {
        let mut children = Vec::new();
        for (i, t) in tables.iter().enumerate() {
            if !placed[i]
                && p.body.start <= t.range.start
                && t.range.start < p.body.end.max(p.body.start + 1)
            {
                placed[i] = true;
                children.push(table_symbol(a, enc, t));
            }
        }
        let whole = p.heading.start..p.body.end.max(p.heading.end);
        out.push(symbol(
            a.text[p.heading.clone()].trim().to_string(),
            SymbolKind::MODULE,
            lines.range(&whole),
            lines.range(&p.heading),
            children,
        ));
    }
    for (i, t) in tables.iter().enumerate() {
        if !placed[i] {
            out.push(table_symbol(a, enc, t));
        }
    }
    out
}

pub fn folding(a: &Analysed, _enc: Encoding) -> Vec<FoldingRange> {
    let an = &a.analysis;
    let line = |o: usize| a.lines(Encoding::Utf8).line_of(o) as u32;
    let mut out = Vec::new();
    let mut push = |s: usize, e: usize| {
        let (sl, mut el) = (line(s), line(e));
        // Do not fold the blank line before the next heading.
        while el > sl
            && a.text[a.lines(Encoding::Utf8).line_start(el as usize)..].starts_with(['\n', '\r'])
        {
            el -= 1;
        }
        if el > sl {
            out.push(FoldingRange {
                start_line: sl,
                end_line: el,
                kind: Some(FoldingRangeKind::Region),
                ..Default::default()
            });
        }
    };
    for p in &an.parts {
        push(
            p.heading.start,
            p.body.end.saturating_sub(1).max(p.heading.end),
        );
    }
    for t in an.tables.iter().filter(|t| t.present()) {
        push(t.range.start, t.range.end);
    }
    out
}

/// `Σ N` after every total cell (the lhs of a total relation), with the computed sum.
pub fn inlay_hints(a: &Analysed, enc: Encoding, range: Range) -> Vec<InlayHint> {
    let lines = a.lines(enc);
    let (rs, re) = (lines.offset(range.start), lines.offset(range.end));
    let mut out = Vec::new();
    for t in a.analysis.tables.iter().filter(|t| t.present()) {
        for i in instances(t) {
            if !i.rel.lhs_is_total || i.lhs.len() != 1 || i.rel.op != Op::Eq {
                continue;
            }
            let (r, c) = i.lhs[0];
            let Some(cell) = t.cell(r, c) else { continue };
            if cell.range.end < rs || cell.range.end > re {
                continue;
            }
            if i.rhs.iter().any(|(r, _)| t.row(r).is_none()) {
                continue;
            }
            let Some(sum) = i
                .rhs
                .iter()
                .map(|(r, c)| int_of(t.cell(r, c)))
                .sum::<Option<i64>>()
            else {
                continue;
            };
            out.push(InlayHint {
                position: lines.position(cell.range.end),
                label: InlayHintLabel::String(format!("Σ {sum}")),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(i.rel.description.clone())),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        }
    }
    out
}

// ----------------------------------------------------------------------------- formatting

/// Splits a pipe row `| a | b |` into its trimmed cells (`None` unless it starts and ends
/// with an unescaped `|`).
fn pipe_cells(content: &str) -> Option<Vec<&str>> {
    let inner = content.strip_prefix('|')?;
    if !inner.ends_with('|') || inner.ends_with("\\|") {
        return None;
    }
    let inner = &inner[..inner.len() - 1];
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = inner.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(inner[start..i].trim());
            start = i + 1;
        }
    }
    cells.push(inner[start..].trim());
    Some(cells)
}

/// Aligns the cells of every pipe table by East-Asian display width. Only whitespace changes.
pub fn format_tables(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    use unicode_width::UnicodeWidthStr;
    let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n')) {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' && b == b'\n' {
                i - 1
            } else {
                i
            };
            lines.push(start..end);
            start = i + 1;
        }
    }
    lines.push(start..text.len());

    let mut edits = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !text[lines[i].clone()].trim_start().starts_with('|') {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && text[lines[j].clone()].trim_start().starts_with('|') {
            j += 1;
        }
        let run = &lines[i..j];
        let rows: Option<Vec<(&str, Vec<&str>)>> = run
            .iter()
            .map(|r| {
                let line = &text[r.clone()];
                let content = line.trim();
                let indent = &line[..line.len() - line.trim_start().len()];
                pipe_cells(content).map(|c| (indent, c))
            })
            .collect();
        if let Some(rows) = rows {
            let ncols = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
            let mut widths = vec![0usize; ncols];
            for (_, cells) in &rows {
                for (k, c) in cells.iter().enumerate() {
                    widths[k] = widths[k].max(c.width());
                }
            }
            for (r, (indent, cells)) in run.iter().zip(&rows) {
                let mut out = String::from(*indent);
                out.push('|');
                for (k, c) in cells.iter().enumerate() {
                    out.push(' ');
                    out.push_str(c);
                    out.push_str(&" ".repeat(widths[k] - c.width()));
                    out.push_str(" |");
                }
                if out != text[r.clone()] {
                    edits.push((r.clone(), out));
                }
            }
        }
        i = j;
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_only_changes_whitespace() {
        let text = "前言\n\n| 甲 | b |\n|---|:-:|\n|一二三|4|\r\n| x \\| y | 五 |\nend\n";
        let mut out = text.to_string();
        for (r, s) in format_tables(text).into_iter().rev() {
            out.replace_range(r, &s);
        }
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(strip(&out), strip(text));
        let widths: Vec<usize> = out
            .lines()
            .filter(|l| l.starts_with('|'))
            .map(unicode_width::UnicodeWidthStr::width)
            .collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{out}");
        assert!(out.contains("\r\n"));
    }

    mod props {
        use super::super::format_tables;
        use proptest::prelude::*;

        fn apply(text: &str, edits: Vec<(std::ops::Range<usize>, String)>) -> String {
            let mut out = text.to_string();
            for (r, s) in edits.into_iter().rev() {
                out.replace_range(r, &s);
            }
            out
        }

        fn strip(s: &str) -> String {
            s.chars().filter(|c| !c.is_whitespace()).collect()
        }

        /// A cell: CJK, full-width forms, emoji (with ZWJ and variation selectors), ASCII,
        /// escaped pipes and inner spaces, padded with ASCII, tab and ideographic spaces.
        fn cell() -> impl Strategy<Value = String> {
            let token = prop::sample::select(vec![
                "政府",
                "信息",
                "公开",
                "（一）",
                "１２３",
                "ＡＢ",
                "，",
                "。",
                "😀",
                "👨‍👩‍👧",
                "❤️",
                "0",
                "42",
                "abc",
                "-",
                "---",
                ":-:",
                "\\|",
                "\\",
                " ",
                "　",
                "𠀀",
                "—",
            ]);
            let pad = prop::sample::select(vec!["", " ", "  ", "\t", "　"]);
            (pad.clone(), prop::collection::vec(token, 0..4), pad)
                .prop_map(|(a, t, b)| format!("{a}{}{b}", t.concat()))
        }

        /// A pipe row (ragged: 1–6 cells), with indentation and trailing blanks; sometimes
        /// without its closing pipe.
        fn row() -> impl Strategy<Value = String> {
            (
                prop::sample::select(vec!["", " ", "  ", "\t"]),
                prop::collection::vec(cell(), 1..7),
                prop::sample::select(vec!["", " ", "\t"]),
                prop::bool::weighted(0.9),
            )
                .prop_map(|(indent, cells, trail, closed)| {
                    let mut s = format!("{indent}|{}", cells.join("|"));
                    if closed {
                        s.push('|');
                    }
                    s.push_str(trail);
                    s
                })
        }

        fn document() -> impl Strategy<Value = String> {
            (
                prop::collection::vec(
                    prop_oneof![
                        3 => row(),
                        1 => Just("正文一段，含｜全角竖线。".to_string()),
                        1 => Just(String::new()),
                    ],
                    0..14,
                ),
                prop::sample::select(vec!["\n", "\r\n", "\r"]),
            )
                .prop_map(|(lines, eol)| lines.join(eol))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            #[test]
            fn table_formatting_is_idempotent_and_only_moves_whitespace(text in document()) {
                let once = apply(&text, format_tables(&text));
                prop_assert_eq!(strip(&once), strip(&text));
                let again = format_tables(&once);
                prop_assert!(again.is_empty(), "not idempotent: {:?} → {:?}", once, again);
                // Line structure is kept.
                prop_assert_eq!(once.matches('\n').count(), text.matches('\n').count());
                prop_assert_eq!(once.matches('\r').count(), text.matches('\r').count());
            }
        }
    }
}
