//! Human and JSON renderings of check results.

use super::Checked;
use nianbao::check::{Analysis, Diagnostic, Severity, tables::ReadTable};
use nianbao::ide::diagnostics::{position_json, to_json};
use nianbao::input::{Kind, Source};
use nianbao::text::fold::Value;
use nianbao::text::position::{Encoding, LineIndex, line_end_at};
use serde_json::{Value as Json, json};
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

pub fn progress(done: usize, total: usize) {
    let width = 30;
    let filled = done * width / total.max(1);
    eprint!(
        "\r\x1b[2K[{}{}] {done}/{total}",
        "#".repeat(filled),
        "-".repeat(width - filled)
    );
    let _ = io::stderr().flush();
}

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn sev_color(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;34",
        Severity::Hint => "1;36",
    }
}

/// Display width of a string as a terminal shows it (tabs as 4 columns).
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if c == '\t' { 4 } else { c.width().unwrap_or(0) })
        .sum()
}

fn show_line(s: &str) -> String {
    s.replace('\t', "    ")
}

/// How many findings of each severity (hints and infos together).
pub use nianbao::ide::report::Counts as SeverityCounts;

/// The human rendering of one file's findings.
pub fn human_file(out: &mut Vec<u8>, f: &Checked, color: bool) -> SeverityCounts {
    let mut c = SeverityCounts::default();
    let idx = LineIndex::new(&f.text);
    if let Some(e) = f.encoding
        && e != "utf-8"
    {
        let _ = writeln!(out, "{}: 文件编码为 {e}（已自动转换）", f.path);
    }
    for d in &f.analysis.diagnostics {
        match d.severity {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            _ => c.hints += 1,
        }
        // Writing into a Vec cannot fail.
        let _ = render(out, f, &idx, d, color);
    }
    c
}

/// The closing line of the human output.
pub fn human_summary(
    out: &mut impl Write,
    files: usize,
    c: SeverityCounts,
    color: bool,
) -> io::Result<()> {
    let SeverityCounts {
        errors: e,
        warnings: w,
        hints: h,
    } = c;
    let summary = format!("检查了{files}个文件：{e}个错误，{w}个警告，{h}个提示/信息");
    writeln!(out, "{}", paint(&summary, "1", color))
}

fn render(
    out: &mut impl Write,
    f: &Checked,
    idx: &LineIndex,
    d: &Diagnostic,
    color: bool,
) -> io::Result<()> {
    let text = &f.text;
    let (line, col) = idx.position(text, d.range.start, Encoding::Utf32);
    let sev = paint(
        &format!("{}[{}]", d.severity.name(), d.rule),
        sev_color(d.severity),
        color,
    );
    match f.map.as_ref().and_then(|m| m.source_at(d.range.start)) {
        // A converted file: the place a Word (web, PDF) user can find; the snippet below shows
        // the converted text (`nianbao convert`) with its line number.
        Some(at) => writeln!(out, "{}: {at}: {sev} {}", f.path, d.message)?,
        None => writeln!(
            out,
            "{}:{}:{}: {sev} {}",
            f.path,
            line + 1,
            col + 1,
            d.message
        )?,
    }
    let ls = idx.line_start(line as usize);
    let le = line_end_at(text, ls);
    let start = d.range.start.clamp(ls, le);
    let end = d.range.end.clamp(start, le);
    // A long line (a paragraph) is shown as a window of about 30 characters around the range.
    let (ls, le, lead, tail) = window(text, ls, le, start, end);
    let line_text = format!("{lead}{}{tail}", &text[ls..le]);
    let pad = display_width(lead) + display_width(&text[ls..start]);
    let span = display_width(&text[start..end]).max(1);
    let num = format!("{}", line + 1);
    let gutter = " ".repeat(num.len());
    writeln!(
        out,
        "{} | {}",
        paint(&num, "2", color),
        show_line(&line_text)
    )?;
    writeln!(
        out,
        "{gutter} | {}{}",
        " ".repeat(pad),
        paint(&"^".repeat(span), sev_color(d.severity), color)
    )?;
    for fix in d.fixes.iter().take(1) {
        writeln!(out, "{gutter} = 建议：{}", fix.title)?;
    }
    Ok(())
}

/// The part of a line to show: all of it when short, else a window around `start..end`.
fn window(
    text: &str,
    ls: usize,
    le: usize,
    start: usize,
    end: usize,
) -> (usize, usize, &'static str, &'static str) {
    const CONTEXT: usize = 30;
    if text[ls..le].chars().count() <= 2 * CONTEXT + 20 {
        return (ls, le, "", "");
    }
    let from = text[ls..start]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(ls, |(i, _)| ls + i);
    // A very long range is cut after its first CONTEXT characters.
    let shown_end = match text[start..end].char_indices().nth(4 * CONTEXT) {
        Some(_) => {
            start
                + text[start..]
                    .char_indices()
                    .nth(CONTEXT)
                    .map_or(0, |(i, _)| i)
        }
        None => end,
    };
    let to = text[shown_end..le]
        .char_indices()
        .nth(CONTEXT)
        .map_or(le, |(i, _)| shown_end + i);
    (
        from,
        to,
        if from > ls { "…" } else { "" },
        if to < le { "…" } else { "" },
    )
}

fn uri(path: &str) -> String {
    if path == "-" {
        return "untitled:stdin".into();
    }
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.into());
    format!(
        "file://{}",
        nianbao::review::percent_encode(&abs.to_string_lossy(), true)
    )
}

fn range_json(text: &str, idx: &LineIndex, r: &std::ops::Range<usize>) -> Json {
    let pos = |o| position_json(idx.position(text, o, Encoding::Utf16));
    json!({"start": pos(r.start), "end": pos(r.end)})
}

/// One diagnostic as an LSP `Diagnostic` object (the language server's own shape).
pub fn lsp_diagnostic(text: &str, idx: &LineIndex, uri: &str, d: &Diagnostic) -> Json {
    to_json(d, uri, |r| range_json(text, idx, r))
}

/// One file's entry of the JSON output: serde_json's pretty layout at depth 2 (strings never
/// hold a raw newline). `{"files": [...]}` is `json_head`, the entries in order separated by
/// commas, `json_tail`: a batch never holds its whole JSON document.
pub fn json_file(f: &Checked) -> io::Result<String> {
    let idx = LineIndex::new(&f.text);
    let u = uri(&f.path);
    let v = json!({
        "path": f.path,
        "year": f.analysis.year.as_ref().map(|y| y.0),
        "format": f.analysis.draft_format().map(|x| x.id.clone()),
        "expectedFormat": f.analysis.year.as_ref().map(|_| f.analysis.format.id.clone()),
        "encoding": f.encoding,
        "input": input_name(f.kind),
        "diagnostics": f.analysis.diagnostics.iter().map(|d| {
            let mut j = lsp_diagnostic(&f.text, &idx, &u, d);
            // A converted file: the range is in the converted text (`nianbao convert`);
            // `location` is the place in the source file.
            if let Some(at) = f.map.as_ref().and_then(|m| m.source_at(d.range.start)) {
                j["location"] = location_json(at);
            }
            j
        }).collect::<Vec<_>>(),
    });
    let pretty = serde_json::to_string_pretty(&v).map_err(io::Error::other)?;
    Ok(format!("\n    {}", pretty.replace('\n', "\n    ")))
}

fn input_name(k: Kind) -> &'static str {
    match k {
        Kind::Text => "text",
        Kind::Docx => "docx",
        Kind::Html => "html",
        Kind::Pdf => "pdf",
    }
}

fn location_json(at: Source) -> Json {
    let mut j = match at {
        Source::Paragraph { n, page } => json!({"paragraph": n, "page": page}),
        Source::Cell { table, row, col } => json!({"table": table, "row": row, "column": col}),
        Source::Page { page } => json!({"page": page}),
    };
    j["text"] = json!(at.to_string());
    j
}

pub fn json_head(out: &mut impl Write) -> io::Result<()> {
    write!(out, "{{\n  \"files\": [")
}

pub fn json_tail(out: &mut impl Write, files: usize) -> io::Result<()> {
    if files == 0 {
        writeln!(out, "]\n}}")
    } else {
        writeln!(out, "\n  ]\n}}")
    }
}

fn cell_json(v: Option<&Value>) -> Json {
    match v {
        None => Json::Null,
        Some(Value::Empty) => json!({"blank": true, "value": 0}),
        Some(Value::Dash) => json!({"dash": true, "value": 0}),
        Some(Value::Number(n)) => match n.int() {
            Some(i) => json!(i),
            None => json!(n.value),
        },
        Some(Value::Ocr(n) | Value::Garbled(n)) => json!({"unreadable": true, "guess": n.value}),
        Some(Value::Text) => json!({"unreadable": true}),
    }
}

fn table_json(t: &ReadTable) -> Json {
    let rows: Vec<Json> = t
        .rows
        .iter()
        .map(|r| {
            let cols = t.columns_of(r.id);
            let cells: serde_json::Map<String, Json> = cols
                .iter()
                .zip(r.cells.iter())
                .map(|(c, v)| (c.to_string(), cell_json(v.as_ref().map(|x| &x.value))))
                .collect();
            // Columns whose cell was placed by guessing (sequence fitted around blanks, a short
            // or long row, numbers printed before a wrapped label).
            let uncertain: Vec<&str> = cols
                .iter()
                .zip(r.cells.iter())
                .filter(|(_, v)| v.as_ref().is_some_and(|x| !x.certain))
                .map(|(c, _)| *c)
                .collect();
            // Where each cell was read, as byte offsets into the decoded text (null: absent).
            let cell_ranges: serde_json::Map<String, Json> = cols
                .iter()
                .zip(r.cells.iter())
                .map(|(c, v)| {
                    let range = v
                        .as_ref()
                        .map_or(Json::Null, |x| json!([x.range.start, x.range.end]));
                    (c.to_string(), range)
                })
                .collect();
            let mut row = json!({"row": r.id, "label": nianbao::check::tables::label_of(t.table, r.id), "cells": cells, "uncertain": uncertain, "label_range": [r.label.start, r.label.end], "cell_ranges": cell_ranges});
            if r.stand_in {
                row["standIn"] = json!(true);
            }
            row
        })
        .collect();
    json!({"id": t.id, "title": t.table.title, "format": t.format.id, "range": [t.range.start, t.range.end], "rows": rows})
}

/// One report's tables: path, year and each table present.
pub fn tables_value(path: &str, a: &Analysis) -> Json {
    json!({
        "path": path,
        "year": a.year.as_ref().map(|y| y.0),
        "tables": a.tables.iter().filter(|t| t.present()).map(table_json).collect::<Vec<_>>(),
    })
}

pub fn tables_json(out: &mut impl Write, path: &str, a: &Analysis) -> io::Result<()> {
    let v = tables_value(path, a);
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

pub fn tables_csv(out: &mut impl Write, a: &Analysis) -> io::Result<()> {
    // `place`: certain (read from an unambiguous position), guessed (fitted by order), absent
    // (no such cell in the text), stand-in (a row written as one with its group).
    writeln!(out, "table,row,column,label,value,place")?;
    for t in a.tables.iter().filter(|t| t.present()) {
        for r in &t.rows {
            let label = nianbao::check::tables::label_of(t.table, r.id);
            for (c, v) in t.columns_of(r.id).iter().zip(r.cells.iter()) {
                let place = match v {
                    _ if r.stand_in => "stand-in",
                    None => "absent",
                    Some(x) if x.certain => "certain",
                    Some(_) => "guessed",
                };
                let value = match v.as_ref().map(|x| &x.value) {
                    None | Some(Value::Empty) | Some(Value::Dash) => String::new(),
                    Some(Value::Number(n)) => {
                        n.int().map_or(n.value.to_string(), |i| i.to_string())
                    }
                    Some(_) => "?".into(),
                };
                writeln!(
                    out,
                    "{},{},{},\"{}\",{},{}",
                    t.id,
                    r.id,
                    c,
                    label.replace('"', "\"\""),
                    value,
                    place
                )?;
            }
        }
    }
    Ok(())
}
