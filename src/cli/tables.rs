//! `nianbao tables` over several files or folders: one CSV row (or JSON object) per report, for
//! a statistics office totalling a city's reports.
//!
//! CSV columns: `path, agency, year, format`, then one column per cell id `table.row.column`
//! (`t2.r3_1.c_natural`; table 3's one row is `data`) of every format — the union of the formats' cells, in format order
//! (2019, then the 2021 cells the 2019 format lacks; group rows, headings over other rows,
//! hold no numbers and have no columns): a report leaves the cells of the other format empty — then `guessed` (the cell ids placed by guessing, fitted by order or standing
//! in for a row written together with its group) and `unreadable` (cells that are not a
//! number). Values:
//!
//! - a number as written (`12`, a decimal as it reads);
//! - a dash (`—`, `-`, `/`) as `0`: the forms use a dash for "none", and a total counts it as 0;
//! - a blank or absent cell as empty, not 0: the report did not say, and an office totalling
//!   reports should see the gap rather than add a zero nobody wrote;
//! - an unreadable cell (OCR damage, text) as empty, listed in `unreadable`.
//!
//! The file starts with a UTF-8 byte order mark so that Excel (the tool such offices open CSV
//! with) reads the Chinese text; CSV readers that know UTF-8 skip it.

use super::{output, parallel_map, read_input};
use nianbao::check::tables::{ReadTable, column_defs};
use nianbao::check::{self, Analysis, Options};
use nianbao::format::{self, RowKind, TableKind, ids};
use nianbao::text::fold::Value;
use serde_json::{Value as Json, json};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

/// Every cell id of every format, in format order, each once.
pub fn cell_ids() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for f in format::all() {
        for t in &f.tables {
            for row in data_rows(t) {
                for c in column_defs(t, row) {
                    let id = format!("{}.{row}.{}", t.id, c.id);
                    if seen.insert(id.clone()) {
                        out.push(id);
                    }
                }
            }
        }
    }
    out
}

/// The rows of a table that hold numbers: its data rows (group rows head other rows and hold
/// none), or the one row of a single-row table.
fn data_rows(t: &'static format::Table) -> Vec<&'static str> {
    match t.kind {
        TableKind::SingleRow => vec![ids::row::SINGLE],
        _ => t
            .all_rows()
            .filter(|r| r.kind == RowKind::Data)
            .map(|r| r.id.as_str())
            .collect(),
    }
}

/// A CSV field: quoted when it holds a comma, quote or line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One report's cells: (cell id, value as the CSV writes it, certain, unreadable).
fn cells(t: &ReadTable) -> Vec<(String, String, bool, bool)> {
    let mut out = Vec::new();
    for r in &t.rows {
        for (c, v) in t.columns_of(r.id).iter().zip(&r.cells) {
            let Some(cell) = v else { continue };
            let (value, unreadable) = match &cell.value {
                Value::Empty => (String::new(), false),
                Value::Dash => ("0".to_string(), false),
                Value::Number(n) => (
                    n.int().map_or(n.value.to_string(), |i| i.to_string()),
                    false,
                ),
                Value::Ocr(_) | Value::Garbled(_) | Value::Text => (String::new(), true),
            };
            out.push((
                format!("{}.{}.{c}", t.id, r.id),
                value,
                cell.certain && !r.stand_in,
                unreadable,
            ));
        }
    }
    out
}

fn csv_row(path: &str, a: &Analysis, index: &HashMap<&str, usize>) -> String {
    let mut values = vec![String::new(); index.len()];
    let mut guessed = Vec::new();
    let mut unreadable = Vec::new();
    for t in a.tables.iter().filter(|t| t.present()) {
        for (id, value, certain, bad) in cells(t) {
            if let Some(&i) = index.get(id.as_str()) {
                values[i] = value;
            }
            if !certain {
                guessed.push(id.clone());
            }
            if bad {
                unreadable.push(id);
            }
        }
    }
    let mut row = vec![
        field(path),
        field(a.agency.as_deref().unwrap_or_default()),
        a.year.as_ref().map(|y| y.0.to_string()).unwrap_or_default(),
        a.draft_format().map(|f| f.id.clone()).unwrap_or_default(),
    ];
    row.extend(values);
    row.push(field(&guessed.join(" ")));
    row.push(field(&unreadable.join(" ")));
    let mut s = row.join(",");
    s.push('\n');
    s
}

fn json_report(path: &str, a: &Analysis) -> Json {
    let mut v = output::tables_value(path, a);
    v["agency"] = json!(a.agency);
    v["format"] = json!(a.draft_format().map(|f| f.id.clone()));
    v
}

/// `nianbao tables --format csv|json PATH…` for folders or several files (`files`: as
/// `check` collects them): the reports in order, unreadable files named on stderr
/// (`Ok(false)`: exit 2).
pub fn many(
    csv: bool,
    year: Option<u16>,
    files: &[PathBuf],
    out: &mut dyn Write,
) -> io::Result<bool> {
    let opts = Options {
        year,
        ..Default::default()
    };
    let ids = cell_ids();
    let index: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rendered = parallel_map(files, jobs, |_, p| -> Result<String, String> {
        let c = read_input(p)?;
        let path = p.display().to_string();
        let a = std::panic::catch_unwind(|| check::check(&c.text, &opts))
            .map_err(|_| format!("{path}: 内部错误：检查该文件时程序出错，请报告此问题"))?;
        Ok(if csv {
            csv_row(&path, &a, &index)
        } else {
            let v = json_report(&path, &a);
            let pretty = serde_json::to_string_pretty(&v).unwrap_or_default();
            format!("    {}", pretty.replace('\n', "\n    "))
        })
    });
    let mut ok = true;
    if csv {
        let mut head = vec!["path", "agency", "year", "format"];
        head.extend(ids.iter().map(|s| s.as_str()));
        head.extend(["guessed", "unreadable"]);
        writeln!(out, "\u{feff}{}", head.join(","))?;
    } else {
        write!(out, "{{\n  \"reports\": [")?;
    }
    let mut written = 0;
    for r in rendered {
        match r {
            Ok(s) => {
                if !csv {
                    out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
                }
                out.write_all(s.as_bytes())?;
                written += 1;
            }
            Err(e) => {
                eprintln!("nianbao: {e}");
                ok = false;
            }
        }
    }
    if !csv {
        if written > 0 {
            writeln!(out, "\n  ]\n}}")?;
        } else {
            writeln!(out, "]\n}}")?;
        }
    }
    Ok(ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_ids_are_unique_and_cover_both_formats() {
        let ids = cell_ids();
        let set: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(set.len(), ids.len());
        for f in format::all() {
            for t in &f.tables {
                let rows = data_rows(t);
                assert!(!rows.is_empty(), "{}", t.id);
                for r in rows {
                    for c in column_defs(t, r) {
                        assert!(set.contains(&format!("{}.{r}.{}", t.id, c.id)));
                    }
                }
            }
        }
        assert!(
            ids.iter().any(|i| i.starts_with("t3.data.")),
            "table 3's cells"
        );
    }

    #[test]
    fn fields_are_quoted() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(field("plain"), "plain");
    }
}
