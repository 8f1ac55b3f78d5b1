//! Reading the three tables out of a part's cells (`matching`: labels against a format's rows
//! and headers; `reader`: placing each row's numbers).
//!
//! Two ways of placing a row's numbers, by what the text keeps of the table:
//!
//! - **Grid rows** (a pipe row, a tab-separated line): every cell is a position, an empty one
//!   included. The leading cells that hold text or nothing are label cells (merged labels print
//!   as empty cells); the cells after them are the row's values, column by column (by the
//!   header's column map where one names every value column).
//! - **Sequences** (one cell per line, a label with its numbers after it on the line, text
//!   flattened without separators): the value cells that follow a label are fitted to the row's
//!   columns in order.
//!
//! A row holding exactly as many values as it has columns is certain; anything fitted around
//! blanks, short or long, is marked uncertain. Every value cell is placed in a row and column,
//! kept as an extra cell of a row, or kept in an unknown row or column: the rules report each
//! one that is not placed.

mod matching;
mod reader;
mod rows;
mod single_row;

pub use matching::is_row_key;
pub use reader::read;

use crate::format::{self, Format, RowKind, Table, TableKind};
use crate::syntax::Cell;
use crate::text::fold::{Marker, Value};
use std::ops::Range;

/// A cell of the document with its absolute range.
#[derive(Debug, Clone)]
pub struct DocCell<'a> {
    pub range: Range<usize>,
    pub cell: &'a Cell,
    /// The cell's text as written.
    pub text: &'a str,
    /// From a prose or heading block (ends a row, never a label of an unknown row).
    pub prose: bool,
    /// The source row: (block index, row within the block).
    pub row: (usize, u32),
}

/// A value cell placed in a table.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadCell {
    pub range: Range<usize>,
    /// What the cell holds; `Text` is a token that is not a number where a number belongs.
    pub value: Value,
    /// Whether its place was read from an unambiguous position (a grid cell, or a row holding
    /// exactly as many values as its columns), not fitted by guessing.
    pub certain: bool,
    /// From a pipe row (a Markdown table someone typed or converted), not from text extracted
    /// from a PDF, a scan or a web page, where damage may come from the extraction.
    pub typed: bool,
}

/// How well a label matched the standard one (better first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
    /// Damaged beyond matching, but standing where the row belongs (between its neighbours,
    /// with its ordinal).
    Place,
}

impl Quality {
    /// Sure enough to take a label joined from several pieces, or to upgrade a row's match.
    pub fn is_sure(self) -> bool {
        matches!(self, Quality::Exact | Quality::Marker | Quality::Variant)
    }
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
    /// Not written in the text: a child of a group written as one row (`（六）其他处理` printed
    /// as one row in a 2021 table) standing in for that row's numbers.
    pub stand_in: bool,
    /// Read from a grid row (pipe or tab cells): an absent cell is really missing from the row.
    /// Elsewhere (PDF text, one cell per line) a blank cell can vanish without a trace.
    pub positional: bool,
}

impl ReadRow {
    /// Whether any value cell of the row was found.
    pub fn has_values(&self) -> bool {
        self.cells.iter().any(|c| c.is_some())
    }
}

#[derive(Debug, Clone)]
pub struct UnknownRow {
    /// Range of the label; for numbers that belong to no row, the range of the numbers.
    pub label: Range<usize>,
    /// The row appeared twice (its second occurrence).
    pub duplicate: bool,
    pub suggestion: Option<&'static str>,
    /// Numbers that belong to no recognised row (no label at all).
    pub orphan: bool,
    /// Ordinal marker of the label.
    pub marker: Option<Marker>,
    /// The row's value cells, reported with it.
    pub values: Vec<ReadCell>,
    /// Number of recognised rows read before it (its place among them).
    pub at: usize,
}

/// A column the format does not have, named in the header (a 法人或其他组织 subtotal column).
#[derive(Debug, Clone)]
pub struct ExtraColumn {
    /// Range of its header label.
    pub label: Range<usize>,
    /// The value columns it sums, when its label names their group (法人或其他组织).
    pub sums: Vec<&'static str>,
    /// Its cell in each row read: (row id, cell).
    pub cells: Vec<(&'static str, ReadCell)>,
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
    /// Labels found in the table that belong to another format (`本年新制作数量` in a 2021
    /// table): the format that has them, and where.
    pub foreign: Vec<(&'static Format, Range<usize>)>,
    /// Group rows written as one data row (their children are stand-ins).
    pub collapsed: Vec<&'static str>,
    /// Columns the format does not have, named in the header.
    pub extra_columns: Vec<ExtraColumn>,
}

impl ReadTable {
    pub fn present(&self) -> bool {
        !self.rows.is_empty() || self.headers >= 2
    }
    pub fn has_number(&self) -> bool {
        self.cells().any(|c| c.value.has_number())
    }
    /// Every value cell read from the text (stand-in rows excluded).
    pub fn cells(&self) -> impl Iterator<Item = &ReadCell> {
        self.rows
            .iter()
            .filter(|r| !r.stand_in)
            .flat_map(|r| r.cells.iter().flatten().chain(r.extra.iter()))
    }
    pub fn row(&self, id: &str) -> Option<&ReadRow> {
        // Ids come from the format data: the same pointer almost always, no bytes compared.
        self.rows
            .iter()
            .find(|r| std::ptr::eq(r.id, id))
            .or_else(|| self.rows.iter().find(|r| r.id == id))
    }
    /// Group rows (grid tables) in which numbers were written: (the format's row, the row read).
    pub fn filled_groups(&self) -> impl Iterator<Item = (&'static format::Row, &ReadRow)> {
        let table = self.table;
        table
            .rows
            .iter()
            .filter(move |r| table.kind == TableKind::Grid && r.kind == RowKind::Group)
            .filter_map(|g| Some((g, self.row(&g.id)?)))
            .filter(|(_, r)| r.cells.iter().flatten().any(|c| c.value.has_number()))
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
        let written = self.rows.iter().filter(|r| !r.stand_in);
        let exact = written
            .clone()
            .filter(|r| matches!(r.quality, Quality::Exact | Quality::Marker))
            .count() as i64;
        let missing = self
            .table
            .all_rows()
            .filter(|r| r.kind == RowKind::Data && self.row(&r.id).is_none())
            .count() as i64;
        let group_with_values = self
            .filled_groups()
            .filter(|(g, _)| !self.collapsed.contains(&g.id.as_str()))
            .count() as i64;
        2 * exact + written.count() as i64 + self.headers as i64
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
pub fn column_defs(table: &'static Table, row_id: &str) -> &'static [format::Column] {
    match table.kind {
        TableKind::Blocks => table
            .sections
            .iter()
            .find(|b| b.rows.iter().any(|r| r.id == row_id))
            .map_or(&[], |b| b.columns.as_slice()),
        _ => &table.columns,
    }
}

/// The exact label of a row id in a table.
pub fn label_of(table: &'static Table, row_id: &str) -> &'static str {
    table
        .any_row(row_id)
        .map(|r| r.label.as_str())
        .unwrap_or("")
}

/// Read a table with every format that has it and keep the best reading. Ties go to
/// `preferred` (the format of the report year).
pub fn read_best(
    preferred: &'static Format,
    table_id: &str,
    cells: &[DocCell],
) -> Option<ReadTable> {
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
