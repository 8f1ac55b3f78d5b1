//! Placing each row's numbers: grid rows by position, sequences by order, with the certainty
//! of every placed cell; then rows known by their place, and groups written as one row.
//!
//! `grid`: grid rows and the header's column map; `sequence`: labels and numbers in sequence;
//! `cell`: one cell and a row's fit to its columns. Here: the reader, its entry point [`read`],
//! and what both layouts share (finishing a row, unknown rows).

mod cell;
mod grid;
mod sequence;

pub(super) use cell::{fit, is_junk, read_cell};

use super::matching::{Index, index, is_header_key, suggest};
use super::{DocCell, Quality, ReadCell, ReadRow, ReadTable, UnknownRow, column_defs, label_of};
use crate::format::{self, Format, TableKind};
use crate::syntax::RowLayout;
use crate::text::fold::{self, Marker};
use std::ops::Range;

/// A row being read: the matched label and the values found so far.
struct Pending {
    pattern: usize,
    label: Range<usize>,
    quality: Quality,
    /// The label's cells (indices into the reader's cells), and the text of labels that
    /// continued it after its numbers: its key is built only when a continuation is tried.
    key_cells: Range<usize>,
    key_more: String,
    marker: Option<Marker>,
    /// Values in order (sequence layouts).
    vals: Vec<ReadCell>,
    /// Values placed by position (grid rows).
    placed: Option<(Vec<Option<ReadCell>>, Vec<ReadCell>)>,
}

impl Pending {
    fn new(
        pattern: usize,
        label: Range<usize>,
        quality: Quality,
        key_cells: Range<usize>,
        marker: Option<Marker>,
    ) -> Self {
        Pending {
            pattern,
            label,
            quality,
            key_cells,
            key_more: String::new(),
            marker,
            vals: Vec::new(),
            placed: None,
        }
    }
    fn is_empty(&self) -> bool {
        self.vals.is_empty() && self.placed.is_none()
    }
}

struct Reader<'c, 'a> {
    idx: &'static Index,
    cells: &'c [DocCell<'a>],
    rt: ReadTable,
    current: Option<Pending>,
    /// A line of numbers without a label, waiting for a label without numbers (PDF text that
    /// prints the numbers of a wrapped label before it).
    orphan: Option<Vec<ReadCell>>,
    first: usize,
    last: usize,
    /// Positions of the value columns in the grid rows, from the header rows.
    value_cols: Option<Vec<usize>>,
    /// Positions found so far in the current run of header rows.
    header_cols: Vec<Option<usize>>,
    /// Positions of named columns the format does not have: (position, index into
    /// `rt.extra_columns`).
    extra_at: Vec<(usize, usize)>,
}

impl Reader<'_, '_> {
    fn note(&mut self, r: &Range<usize>) {
        self.first = self.first.min(r.start);
        self.last = self.last.max(r.end);
    }

    fn note_cells(&mut self, vals: &[ReadCell]) {
        for v in vals {
            self.note(&v.range);
        }
    }

    fn note_label(&mut self, r: &Range<usize>) {
        self.note(r);
        if self.rt.first_label.is_none() {
            self.rt.first_label = Some(r.clone());
        }
    }

    /// Record a label of another format seen in the table.
    fn foreign(&mut self, key: &str, r: &Range<usize>) {
        if self.idx.foreign.iter().any(|k| k == key)
            && let Some(f) = format::all().iter().find(|f| {
                f.id != self.idx.format && {
                    let o = index(&f.id, self.idx.table);
                    is_header_key(o, key) || o.rows.iter().any(|p| p.key == key)
                }
            })
        {
            self.rt.foreign.push((f, r.clone()));
            self.note(r);
        }
    }

    fn is_group(&self, pattern: usize) -> bool {
        self.rt.table.is_group(self.idx.rows[pattern].row)
    }

    fn finish(&mut self) {
        let Some(mut cur) = self.current.take() else {
            return;
        };
        let p = &self.idx.rows[cur.pattern];
        if cur.is_empty()
            && !self.is_group(cur.pattern)
            && let Some(vals) = self.orphan.take()
        {
            // The numbers printed before a wrapped label: placed, but not for certain.
            cur.vals = vals
                .into_iter()
                .map(|mut c| {
                    c.certain = false;
                    c
                })
                .collect();
        }
        // Placed by position in pipe rows: an absent cell is really missing.
        let positional = cur
            .placed
            .as_ref()
            .is_some_and(|(cells, _)| cells.iter().flatten().all(|c| c.typed));
        let (cells, extra) = match cur.placed.take() {
            Some(placed) => placed,
            None if cur.vals.is_empty() => (vec![None; p.ncols], Vec::new()),
            None => fit(&cur.vals, p.ncols),
        };
        let row = ReadRow {
            id: p.row,
            label: cur.label.clone(),
            quality: cur.quality,
            cells,
            extra,
            columns: column_defs(self.rt.table, p.row),
            stand_in: false,
            positional,
        };
        if let Some(k) = self.rt.rows.iter().position(|r| r.id == p.row) {
            let old = &self.rt.rows[k];
            if !row.has_values() && row.extra.is_empty() {
                // A label printed again without numbers (a group after a page break, a
                // converter's heading repeating the row) adds nothing.
                return;
            }
            if !old.has_values() && old.extra.is_empty() {
                // The earlier occurrence was the repeated label: this one holds the numbers.
                let quality = if old.quality < row.quality {
                    old.quality
                } else {
                    row.quality
                };
                self.rt.rows[k] = ReadRow { quality, ..row };
                return;
            }
            let values = row.cells.into_iter().flatten().chain(row.extra).collect();
            self.rt.unknown.push(UnknownRow {
                label: row.label,
                duplicate: true,
                suggestion: None,
                orphan: false,
                marker: cur.marker,
                values,
                at: self.rt.rows.len(),
            });
            return;
        }
        self.drop_orphan();
        self.rt.rows.push(row);
    }

    /// A label that names no row, with the numbers after it: an unknown row (with the nearest
    /// standard label as a suggestion), its numbers never taken for another row's.
    fn unknown_row(&mut self, label: &DocCell, values: Vec<ReadCell>) {
        let suggestion = suggest(self.idx, &label.cell.key)
            .map(|pi| label_of(self.rt.table, self.idx.rows[pi].row));
        self.note(&label.range);
        self.drop_orphan();
        self.rt.unknown.push(UnknownRow {
            label: label.range.clone(),
            duplicate: false,
            suggestion,
            orphan: false,
            marker: label.cell.marker,
            values,
            at: self.rt.rows.len(),
        });
    }
}

/// Read table `table_id` of `format` from a part's cells.
pub fn read(format: &'static Format, table_id: &str, cells: &[DocCell]) -> Option<ReadTable> {
    let table = format.table(table_id)?;
    let idx = index(&format.id, table_id);
    let rt = ReadTable {
        id: &table.id,
        format,
        table,
        range: 0..0,
        rows: Vec::new(),
        unknown: Vec::new(),
        headers: 0,
        first_label: None,
        decisive: false,
        foreign: Vec::new(),
        collapsed: Vec::new(),
        extra_columns: Vec::new(),
    };
    if table.kind == TableKind::SingleRow {
        return super::single_row::read_single_row(rt, idx, cells);
    }
    let mut r = Reader {
        idx,
        cells,
        rt,
        current: None,
        orphan: None,
        first: usize::MAX,
        last: 0,
        value_cols: None,
        header_cols: Vec::new(),
        extra_at: Vec::new(),
    };
    let mut i = 0;
    while i < cells.len() {
        let c = &cells[i];
        if c.prose {
            r.finish();
            i += 1;
            continue;
        }
        if c.cell.layout.is_grid() {
            let end = i + cells[i..]
                .iter()
                .take_while(|x| x.row == c.row && !x.prose)
                .count();
            r.grid_row(i, end);
            i = end;
            continue;
        }
        let junk = is_junk(c.cell) && r.current.is_some();
        if c.cell.value.is_value() || junk {
            let n = r.current.as_ref().map(|cur| idx.rows[cur.pattern].ncols);
            // A line of numbers alone after a complete row: the next label's (PDF text).
            let alone = c.cell.layout == RowLayout::Spaced && c.cell.col == 0;
            let full = r
                .current
                .as_ref()
                .zip(n)
                .is_some_and(|(cur, n)| cur.vals.len() >= n || cur.placed.is_some());
            if alone && (full || r.current.is_none()) {
                let end = i + cells[i..].iter().take_while(|x| x.row == c.row).count();
                let vals: Vec<ReadCell> = cells[i..end].iter().map(read_cell).collect();
                if vals.iter().any(|v| v.value.has_number()) {
                    r.finish();
                    r.drop_orphan();
                    r.orphan = Some(vals);
                }
                i = end;
                continue;
            }
            if let Some(cur) = r.current.as_mut() {
                cur.vals.push(read_cell(c));
                let range = c.range.clone();
                r.note(&range);
            }
            i += 1;
            continue;
        }
        r.foreign(&c.cell.key, &c.range);
        match r.match_label(i) {
            Some((Some((pi, q)), span)) => {
                r.finish();
                let label = c.range.start..cells[i + span - 1].range.end;
                r.note_label(&label);
                r.current = Some(Pending::new(pi, label, q, i..i + span, c.cell.marker));
                i += span;
            }
            Some((None, span)) => {
                r.finish();
                let label = c.range.start..cells[i + span - 1].range.end;
                r.note_label(&label);
                r.rt.headers += 1;
                i += span;
            }
            None => {
                if r.continues_label(c) {
                    i += 1;
                    continue;
                }
                // Column headers printed on one line, separated by spaces (PDF text).
                if r.header_words(c) {
                    r.finish();
                    i += 1;
                    continue;
                }
                // A character of a label printed one character per line (三 、 本 年 …)
                // neither ends a row nor starts one.
                if c.cell.folded.chars().count() <= 1 {
                    i += 1;
                    continue;
                }
                r.finish();
                // An unknown label followed by values, inside the table body, is an unknown row.
                let next_is_value = cells
                    .get(i + 1)
                    .is_some_and(|n| !n.prose && n.cell.value.has_number());
                let in_body = !r.rt.rows.is_empty();
                if in_body && next_is_value && fold::cjk_count(&c.cell.key) >= 2 {
                    let mut j = i + 1;
                    while j < cells.len()
                        && !cells[j].prose
                        && !cells[j].cell.layout.is_grid()
                        && (cells[j].cell.value.is_value() || is_junk(cells[j].cell))
                    {
                        j += 1;
                    }
                    r.unknown_row(c, cells[i + 1..j].iter().map(read_cell).collect());
                    i = j;
                    continue;
                }
                i += 1;
            }
        }
    }
    r.finish();
    r.drop_orphan();
    let mut rt = r.rt;
    if r.first != usize::MAX {
        rt.range = r.first..r.last;
    }
    rt.foreign.sort_by_key(|(_, r)| r.start);
    super::rows::by_place(&mut rt, idx);
    super::rows::collapse_groups(&mut rt);
    Some(rt)
}
