//! Filling the draft printed by `nianbao new`: its value cells set to given values, their
//! ranges recorded as `render` records them.

use super::bin::{code, run, stderr, stdout};
use super::format_data::{format_data, part_heading, s, table};
use super::render::Doc;
use super::values::{T2_COLS, T3_COLS, Values};
use std::collections::BTreeMap;

/// `nianbao new --year YEAR`, its value cells filled with `values`; the ranges of the
/// filled cells and part headings are recorded. Rows are recognised by their labels in the
/// format data, so the draft's layout is taken as printed.
pub fn render_new(year: u16, values: &Values) -> Doc {
    let o = run(&["new", "--year", &year.to_string()], None);
    assert_eq!(code(&o), 0, "nianbao new --year {year}: {}", stderr(&o));
    let draft = stdout(&o);
    let fd = format_data(&values.format);
    let t1 = table(&fd, "t1");
    let t2 = table(&fd, "t2");
    // label → (row id, column ids) for tables 1 and 2.
    let mut rows: BTreeMap<String, (&str, String, Vec<String>)> = BTreeMap::new();
    for b in t1["blocks"].as_array().expect("blocks") {
        let cols: Vec<String> = b["columns"]
            .as_array()
            .expect("c")
            .iter()
            .map(|c| s(&c["id"]))
            .collect();
        for r in b["rows"].as_array().expect("rows") {
            rows.insert(s(&r["label"]), ("t1", s(&r["id"]), cols.clone()));
        }
    }
    for r in t2["rows"].as_array().expect("rows") {
        if r["kind"] == "data" {
            let cols = T2_COLS.iter().map(|c| c.to_string()).collect();
            rows.insert(s(&r["label"]), ("t2", s(&r["id"]), cols));
        }
    }
    let headings_want: Vec<String> = (1..=6).map(|n| part_heading(&fd, n)).collect();
    let mut out = String::new();
    let mut cells = BTreeMap::new();
    let mut headings = vec![0..0; 6];
    for line in draft.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if let Some(i) = body
            .strip_prefix("## ")
            .and_then(|h| headings_want.iter().position(|x| x == h))
        {
            headings[i] = out.len() + 3..out.len() + body.len();
        }
        let parts: Vec<&str> = if body.starts_with('|') && body.ends_with('|') {
            body[1..body.len() - 1].split('|').collect()
        } else {
            Vec::new()
        };
        let numeric = |p: &&str| p.trim().parse::<f64>().is_ok();
        let target: Option<(String, String, Vec<String>, usize)> = if parts.is_empty() {
            None
        } else if parts.len() == 15 && parts.iter().all(numeric) {
            let cols = T3_COLS.iter().map(|c| c.to_string()).collect();
            Some(("t3".into(), "data".into(), cols, 0))
        } else if let Some((t, r, cols)) = rows.get(parts[0].trim()) {
            Some((t.to_string(), r.clone(), cols.clone(), 1))
        } else {
            None
        };
        let Some((t, r, cols, first)) = target else {
            out.push_str(line);
            continue;
        };
        out.push('|');
        for (i, p) in parts.iter().enumerate() {
            let ci = i.wrapping_sub(first);
            if i >= first && ci < cols.len() && numeric(p) {
                let v = match t.as_str() {
                    "t1" => values.t1[&(r.clone(), cols[ci].clone())].clone(),
                    "t2" => values.t2[&r][ci].to_string(),
                    _ => values.t3[ci].to_string(),
                };
                let lead = &p[..p.len() - p.trim_start().len()];
                let trail = &p[p.trim_end().len()..];
                out.push_str(lead);
                let a = out.len();
                out.push_str(&v);
                cells.insert((t.clone(), r.clone(), cols[ci].clone()), a..out.len());
                out.push_str(trail);
            } else {
                out.push_str(p);
            }
            out.push('|');
        }
        out.push_str(&line[body.len()..]);
    }
    for (i, h) in headings.iter().enumerate() {
        assert!(!h.is_empty(), "heading {} in the draft", i + 1);
    }
    let want = values.t1.len() + values.t2.len() * 7 + 15;
    assert_eq!(cells.len(), want, "every value cell of the draft filled");
    Doc {
        text: out,
        cells,
        headings,
        year,
    }
}
