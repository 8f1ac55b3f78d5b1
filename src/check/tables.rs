//! Reading the three tables out of a part's cell stream.
//!
//! Label cells are matched against the rows, columns and header labels of a format's table;
//! the value cells that follow a row label are that row's cells, fitted to the row's columns.
//! The same code reads every layout because `syntax` turns every layout into the same stream.

use crate::format::{self, Format, RowKind, Table, TableKind};
use crate::syntax::Cell;
use crate::text::fold::{self, Marker, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// A cell of the document with its absolute range.
#[derive(Debug, Clone)]
pub struct Flat<'a> {
    pub range: Range<usize>,
    pub cell: &'a Cell,
    /// From a prose or heading block (ends a row, never a label of an unknown row).
    pub prose: bool,
}

/// A value cell placed in a table.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadCell {
    pub range: Range<usize>,
    pub value: Value,
}

/// How well a label matched the standard one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quality {
    Exact,
    /// Same words, different ordinal or punctuation the key does not fold.
    Marker,
    /// A listed variant (规范性文件 for 行政规范性文件).
    Variant,
    /// A shortened or extended label (部分公开, 不予公开-属于国家秘密).
    Partial,
    /// OCR damage within edit distance 2.
    Fuzzy,
}

#[derive(Debug, Clone)]
pub struct ReadRow {
    pub id: &'static str,
    /// Range of the label cell(s).
    pub label: Range<usize>,
    pub quality: Quality,
    /// One entry per column of the row (`None`: the cell is absent from the text).
    pub cells: Vec<Option<ReadCell>>,
    /// Value cells beyond the row's columns.
    pub extra: Vec<ReadCell>,
    /// The row's columns (its block's columns in table 1), one per entry of `cells`.
    pub columns: &'static [format::Column],
}

#[derive(Debug, Clone)]
pub struct UnknownRow {
    pub label: Range<usize>,
    /// The row appeared twice (its second occurrence).
    pub duplicate: bool,
    pub suggestion: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct ReadTable {
    pub id: &'static str,
    pub format: &'static Format,
    pub table: &'static Table,
    /// From the first to the last cell recognised as part of the table.
    pub range: Range<usize>,
    pub rows: Vec<ReadRow>,
    pub unknown: Vec<UnknownRow>,
    /// Header and column label cells recognised.
    pub headers: usize,
    /// Range of the first recognised label (where format findings point).
    pub first_label: Option<Range<usize>>,
    /// Whether the format chosen for the table beat every other format (false on a tie).
    pub decisive: bool,
}

impl ReadTable {
    pub fn present(&self) -> bool {
        !self.rows.is_empty() || self.headers >= 2
    }
    pub fn has_number(&self) -> bool {
        self.cells().any(|c| c.value.has_number())
    }
    pub fn cells(&self) -> impl Iterator<Item = &ReadCell> {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten().chain(r.extra.iter()))
    }
    pub fn row(&self, id: &str) -> Option<&ReadRow> {
        // Ids come from the format data: the same pointer almost always, no bytes compared.
        self.rows
            .iter()
            .find(|r| std::ptr::eq(r.id, id))
            .or_else(|| self.rows.iter().find(|r| r.id == id))
    }
    /// Column ids of a row (its block's columns for table 1).
    pub fn columns_of(&self, row_id: &str) -> Vec<&'static str> {
        columns_of(self.table, row_id)
    }
    /// The cell at (row, column id).
    pub fn cell(&self, row_id: &str, col_id: &str) -> Option<&ReadCell> {
        let row = self.row(row_id)?;
        let i = row
            .columns
            .iter()
            .position(|c| std::ptr::eq(c.id.as_str(), col_id))
            .or_else(|| row.columns.iter().position(|c| c.id == col_id))?;
        row.cells.get(i)?.as_ref()
    }
    /// Score for choosing between formats: recognised rows and headers minus surprises.
    fn score(&self) -> i64 {
        let exact = self
            .rows
            .iter()
            .filter(|r| matches!(r.quality, Quality::Exact | Quality::Marker))
            .count() as i64;
        let missing = self
            .table
            .rows
            .iter()
            .chain(self.table.blocks.iter().flat_map(|b| b.rows.iter()))
            .filter(|r| r.kind == RowKind::Data && self.row(&r.id).is_none())
            .count() as i64;
        let group_with_values = self
            .rows
            .iter()
            .filter(|r| {
                self.table
                    .row(r.id)
                    .is_some_and(|d| d.kind == RowKind::Group)
                    && r.cells.iter().flatten().any(|c| c.value.has_number())
            })
            .count() as i64;
        2 * exact + self.rows.len() as i64 + self.headers as i64
            - 2 * self.unknown.len() as i64
            - missing
            - 2 * group_with_values
    }
}

pub fn columns_of(table: &'static Table, row_id: &str) -> Vec<&'static str> {
    column_defs(table, row_id)
        .iter()
        .map(|c| c.id.as_str())
        .collect()
}

/// The columns of a row (its block's columns for table 1).
fn column_defs(table: &'static Table, row_id: &str) -> &'static [format::Column] {
    match table.kind {
        TableKind::Blocks => table
            .blocks
            .iter()
            .find(|b| b.rows.iter().any(|r| r.id == row_id))
            .map_or(&[], |b| b.columns.as_slice()),
        _ => &table.columns,
    }
}

/// A row pattern for matching.
#[derive(Debug)]
struct Pattern {
    row: &'static str,
    marker: Option<Marker>,
    key: String,
    /// Characters in `key`.
    len: usize,
    variants: Vec<String>,
    ncols: usize,
}

#[derive(Debug)]
struct Index {
    format: &'static str,
    table: &'static str,
    rows: Vec<Pattern>,
    /// Keys of header labels, column labels and block labels.
    headers: Vec<String>,
}

fn label_parts(label: &str) -> (Option<Marker>, String) {
    let f = fold::fold_str(label);
    let (m, at) = fold::split_marker(&f);
    (m, fold::key_of_folded(&f[at..]))
}

fn indexes() -> &'static [Index] {
    static IDX: OnceLock<Vec<Index>> = OnceLock::new();
    IDX.get_or_init(|| {
        let mut out = Vec::new();
        for f in format::all() {
            for t in &f.tables {
                let mut rows = Vec::new();
                let mut headers: Vec<String> =
                    t.header_labels.iter().map(|h| fold::key(h)).collect();
                headers.extend(t.columns.iter().map(|c| fold::key(&c.label)));
                headers.extend(
                    t.columns
                        .iter()
                        .filter_map(|c| c.group.as_ref())
                        .flat_map(|g| g.split('›').map(fold::key).collect::<Vec<_>>()),
                );
                let all_rows: Vec<(&'static format::Row, usize)> = match t.kind {
                    TableKind::Blocks => t
                        .blocks
                        .iter()
                        .flat_map(|b| {
                            headers.push(fold::key(&b.label));
                            headers.extend(b.columns.iter().map(|c| fold::key(&c.label)));
                            b.rows.iter().map(move |r| (r, b.columns.len()))
                        })
                        .collect(),
                    _ => t.rows.iter().map(|r| (r, t.columns.len())).collect(),
                };
                for (r, ncols) in all_rows {
                    let (marker, key) = label_parts(&r.label);
                    rows.push(Pattern {
                        row: &r.id,
                        marker,
                        len: key.chars().count(),
                        key,
                        variants: r.variants.iter().map(|v| label_parts(v).1).collect(),
                        ncols,
                    });
                }
                headers.retain(|h| !h.is_empty());
                headers.sort();
                headers.dedup();
                out.push(Index {
                    format: &f.id,
                    table: &t.id,
                    rows,
                    headers,
                });
            }
        }
        out
    })
}

fn index(format: &str, table: &str) -> &'static Index {
    indexes()
        .iter()
        .find(|i| i.format == format && i.table == table)
        .expect("format table index")
}

/// `match_key_uncached`, remembered per thread: the same labels recur in every report of a
/// batch and in every version of a draft, and a label that matches no row goes through the
/// partial and edit-distance searches over every row.
fn match_key(idx: &'static Index, marker: Option<Marker>, key: &str) -> Option<(usize, Quality)> {
    type Memo = HashMap<(usize, Option<Marker>), HashMap<String, Option<(usize, Quality)>>>;
    thread_local! {
        static MEMO: RefCell<Memo> = RefCell::new(HashMap::new());
    }
    let at = (idx as *const Index as usize, marker);
    if let Some(hit) = MEMO.with_borrow(|m| m.get(&at).and_then(|m| m.get(key).copied())) {
        return hit;
    }
    let found = match_key_uncached(idx, marker, key);
    MEMO.with_borrow_mut(|m| {
        let memo = m.entry(at).or_default();
        // Bounded: a long session of odd labels does not grow it without end.
        if memo.len() >= 4096 {
            memo.clear();
        }
        memo.insert(key.to_string(), found);
    });
    found
}

fn match_key_uncached(idx: &Index, marker: Option<Marker>, key: &str) -> Option<(usize, Quality)> {
    if key.is_empty() {
        return None;
    }
    let is_header = is_header_key(idx, key);
    for (i, p) in idx.rows.iter().enumerate() {
        if p.key == key {
            if marker == p.marker {
                return Some((i, Quality::Exact));
            }
            // A bare 总计 or 其他 is a column header, not the row.
            if !is_header && (marker.is_none() || p.marker.is_none() || same_kind(marker, p.marker))
            {
                return Some((i, Quality::Marker));
            }
        }
    }
    if is_header {
        return None;
    }
    for (i, p) in idx.rows.iter().enumerate() {
        if p.variants.iter().any(|v| v == key) {
            return Some((i, Quality::Variant));
        }
    }
    let klen = key.chars().count();
    if klen >= 4 {
        // Shortened (部分公开) or prefixed (不予公开-属于国家秘密) labels.
        let mut best: Option<(usize, usize)> = None;
        for (i, p) in idx.rows.iter().enumerate() {
            let plen = p.len;
            if plen >= 4
                && (key.ends_with(p.key.as_str())
                    || (p.key.starts_with(key) && klen * 2 >= plen.min(8)))
                && best.is_none_or(|(_, l)| plen > l)
            {
                best = Some((i, plen));
            }
        }
        if let Some((i, _)) = best {
            return Some((i, Quality::Partial));
        }
        let max = if klen >= 6 { 2 } else { 1 };
        let mut best: Option<(usize, usize)> = None;
        for (i, p) in idx.rows.iter().enumerate() {
            if p.len.abs_diff(klen) > max {
                continue;
            }
            if let Some(d) = fold::distance(key, &p.key, max)
                && best.is_none_or(|(_, bd)| d < bd)
            {
                best = Some((i, d));
            }
        }
        if let Some((i, _)) = best {
            return Some((i, Quality::Fuzzy));
        }
    }
    None
}

fn same_kind(a: Option<Marker>, b: Option<Marker>) -> bool {
    matches!(
        (a, b),
        (Some(Marker::Cn(_)), Some(Marker::Cn(_)))
            | (Some(Marker::Paren(_)), Some(Marker::Paren(_)))
            | (Some(Marker::Num(_)), Some(Marker::Num(_)))
    )
}

fn is_header_key(idx: &Index, key: &str) -> bool {
    // `headers` is sorted.
    !key.is_empty()
        && idx
            .headers
            .binary_search_by(|h| h.as_str().cmp(key))
            .is_ok()
}

/// Nearest standard label for an unknown row, if any is reasonably close.
fn suggest(idx: &Index, key: &str) -> Option<usize> {
    let klen = key.chars().count();
    let max = (klen / 2).clamp(1, 4);
    idx.rows
        .iter()
        .enumerate()
        .filter(|(_, p)| p.len.abs_diff(klen) <= max)
        .filter_map(|(i, p)| fold::distance(key, &p.key, max).map(|d| (i, d)))
        .min_by_key(|(_, d)| *d)
        .map(|(i, _)| i)
}

/// Fit the value cells that follow a label to `ncols` columns.
fn fit(vals: &[ReadCell], ncols: usize) -> (Vec<Option<ReadCell>>, Vec<ReadCell>) {
    let mut v: Vec<ReadCell> = vals.to_vec();
    while v.len() > ncols && v.last().is_some_and(|c| c.value == Value::Empty) {
        v.pop();
    }
    while v.len() > ncols && v.first().is_some_and(|c| c.value == Value::Empty) {
        v.remove(0);
    }
    let mut extra = Vec::new();
    if v.len() > ncols {
        let filled: Vec<ReadCell> = v
            .iter()
            .filter(|c| c.value != Value::Empty)
            .cloned()
            .collect();
        if filled.len() == ncols {
            v = filled;
        } else {
            extra = v.split_off(ncols);
        }
    }
    let mut cells: Vec<Option<ReadCell>> = v.into_iter().map(Some).collect();
    cells.resize(ncols, None);
    (cells, extra)
}

fn read_cell(f: &Flat) -> ReadCell {
    ReadCell {
        range: f.range.clone(),
        value: f.cell.value.clone(),
    }
}

/// Read table `table_id` of `format` from a part's cells.
pub fn read(format: &'static Format, table_id: &str, cells: &[Flat]) -> Option<ReadTable> {
    let table = format.table(table_id)?;
    let idx = index(&format.id, table_id);
    let mut rt = ReadTable {
        id: &table.id,
        format,
        table,
        range: 0..0,
        rows: Vec::new(),
        unknown: Vec::new(),
        headers: 0,
        first_label: None,
        decisive: false,
    };
    let mut first = usize::MAX;
    let mut last = 0usize;
    let note = |r: &Range<usize>, first: &mut usize, last: &mut usize| {
        *first = (*first).min(r.start);
        *last = (*last).max(r.end);
    };
    if table.kind == TableKind::SingleRow {
        return read_single_row(rt, idx, cells);
    }
    let mut current: Option<(usize, Range<usize>, Quality, Vec<ReadCell>)> = None;
    let finish = |cur: &mut Option<(usize, Range<usize>, Quality, Vec<ReadCell>)>,
                  rt: &mut ReadTable| {
        if let Some((pi, label, quality, vals)) = cur.take() {
            let p = &idx.rows[pi];
            let (cells, extra) = fit(&vals, p.ncols);
            if rt.rows.iter().any(|r| r.id == p.row) {
                // A group label printed again (after a page break) carries nothing.
                let is_group = rt
                    .table
                    .row(p.row)
                    .is_some_and(|r| r.kind == RowKind::Group);
                if is_group && !vals.iter().any(|v| v.value.has_number()) {
                    return;
                }
                rt.unknown.push(UnknownRow {
                    label,
                    duplicate: true,
                    suggestion: None,
                });
                return;
            }
            rt.rows.push(ReadRow {
                id: p.row,
                label,
                quality,
                cells,
                extra,
                columns: column_defs(table, p.row),
            });
        }
    };
    let mut i = 0;
    while i < cells.len() {
        let c = &cells[i];
        if c.prose {
            finish(&mut current, &mut rt);
            i += 1;
            continue;
        }
        if c.cell.value.is_value() {
            if let Some(cur) = current.as_mut() {
                note(&c.range, &mut first, &mut last);
                cur.3.push(read_cell(c));
            }
            i += 1;
            continue;
        }
        // A label: try this cell, then this cell joined with the next text cells.
        let mut matched = None;
        let mut joined = String::new();
        for span in 1..=4 {
            let Some(cj) = cells.get(i + span - 1) else {
                break;
            };
            if cj.prose || cj.cell.value.is_value() {
                break;
            }
            let marker = c.cell.marker;
            if span == 1 {
                joined = c.cell.key.clone();
            } else {
                joined.push_str(&cj.cell.key);
            }
            // A marked label (（七）总计, 3.其他) is a row even where its words name a column.
            let header = is_header_key(idx, &joined);
            if header && !(span == 1 && marker.is_some()) {
                matched = Some((None, span));
                break;
            }
            if let Some((pi, q)) = match_key(idx, marker, &joined) {
                // A join only counts when it is an exact or variant match.
                if span == 1 || matches!(q, Quality::Exact | Quality::Marker | Quality::Variant) {
                    matched = Some((Some((pi, q)), span));
                    break;
                }
            }
        }
        match matched {
            Some((Some((pi, q)), span)) => {
                finish(&mut current, &mut rt);
                let label = c.range.start..cells[i + span - 1].range.end;
                note(&label, &mut first, &mut last);
                if rt.first_label.is_none() {
                    rt.first_label = Some(label.clone());
                }
                current = Some((pi, label, q, Vec::new()));
                i += span;
            }
            Some((None, span)) => {
                finish(&mut current, &mut rt);
                let label = c.range.start..cells[i + span - 1].range.end;
                note(&label, &mut first, &mut last);
                if rt.first_label.is_none() {
                    rt.first_label = Some(label.clone());
                }
                rt.headers += 1;
                i += span;
            }
            None => {
                finish(&mut current, &mut rt);
                // An unknown label followed by values, inside the table body, is an unknown row.
                let next_is_value = cells
                    .get(i + 1)
                    .is_some_and(|n| !n.prose && n.cell.value.has_number());
                let in_body = !rt.rows.is_empty();
                if in_body && next_is_value && fold::cjk_count(&c.cell.key) >= 2 {
                    let suggestion = suggest(idx, &c.cell.key).map(|pi| {
                        let p = &idx.rows[pi];
                        label_of(table, p.row)
                    });
                    rt.unknown.push(UnknownRow {
                        label: c.range.clone(),
                        duplicate: false,
                        suggestion,
                    });
                    note(&c.range, &mut first, &mut last);
                    // Its values must not be taken for the next row's.
                    let mut j = i + 1;
                    while j < cells.len() && !cells[j].prose && cells[j].cell.value.is_value() {
                        j += 1;
                    }
                    i = j;
                    continue;
                }
                i += 1;
            }
        }
    }
    finish(&mut current, &mut rt);
    if first != usize::MAX {
        rt.range = first..last;
    }
    Some(rt)
}

/// The exact label of a row id in a table.
pub fn label_of(table: &'static Table, row_id: &str) -> &'static str {
    table
        .rows
        .iter()
        .chain(table.blocks.iter().flat_map(|b| b.rows.iter()))
        .find(|r| r.id == row_id)
        .map(|r| r.label.as_str())
        .unwrap_or("")
}

fn read_single_row(mut rt: ReadTable, idx: &Index, cells: &[Flat]) -> Option<ReadTable> {
    let ncols = rt.table.columns.len();
    let mut first = usize::MAX;
    let mut last = 0;
    // Header labels, and runs of value cells.
    let mut runs: Vec<Vec<&Flat>> = Vec::new();
    let mut run: Vec<&Flat> = Vec::new();
    let mut seen_header = false;
    for c in cells {
        if c.prose || !c.cell.value.is_value() {
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            if !c.prose && is_header_key(idx, &c.cell.key) {
                rt.headers += 1;
                seen_header = true;
                first = first.min(c.range.start);
                last = last.max(c.range.end);
                if rt.first_label.is_none() {
                    rt.first_label = Some(c.range.clone());
                }
            }
            continue;
        }
        if seen_header || c.cell.value.has_number() {
            run.push(c);
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    let numbers = |r: &Vec<&Flat>| r.iter().filter(|c| c.cell.value.has_number()).count();
    let best = runs
        .iter()
        .filter(|r| numbers(r) > 0)
        .max_by_key(|r| (numbers(r).min(ncols), std::cmp::Reverse(r[0].range.start)));
    if let Some(best) = best {
        let vals: Vec<ReadCell> = best.iter().map(|c| read_cell(c)).collect();
        let (cells, extra) = fit(&vals, ncols);
        first = first.min(best[0].range.start);
        last = last.max(best[best.len() - 1].range.end);
        let label = best[0].range.start..best[0].range.start;
        rt.rows.push(ReadRow {
            id: "data",
            label,
            quality: Quality::Exact,
            cells,
            extra,
            columns: column_defs(rt.table, "data"),
        });
    } else if seen_header {
        // Present but without any number: keep the (empty) cells for the range.
        for c in runs.iter().flatten() {
            last = last.max(c.range.end);
        }
    }
    if first != usize::MAX {
        rt.range = first..last;
    }
    Some(rt)
}

/// Read a table with every format that has it and keep the best reading. Ties go to
/// `preferred` (the format of the report year).
pub fn read_best(preferred: &'static Format, table_id: &str, cells: &[Flat]) -> Option<ReadTable> {
    let mut best = read(preferred, table_id, cells)?;
    let mut best_score = best.score();
    let mut runner_up = i64::MIN;
    // Tables identical in every format (table 3) need one reading.
    if best.table.kind == TableKind::SingleRow {
        return Some(best);
    }
    for f in format::all() {
        if std::ptr::eq(f, preferred) {
            continue;
        }
        if let Some(rt) = read(f, table_id, cells) {
            let s = rt.score();
            if s > best_score {
                runner_up = best_score;
                best = rt;
                best_score = s;
            } else {
                runner_up = runner_up.max(s);
            }
        }
    }
    best.decisive = best_score > runner_up;
    Some(best)
}
