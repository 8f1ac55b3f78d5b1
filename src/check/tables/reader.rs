//! Placing each row's numbers: grid rows by position, sequences by order, with the certainty
//! of every placed cell; then rows known by their place, and groups written as one row.

use super::matching::{Index, header_words, index, is_header_key, match_key, suggest};
use super::{
    DocCell, ExtraColumn, Quality, ReadCell, ReadRow, ReadTable, UnknownRow, column_defs, label_of,
};
use crate::format::{self, Format, TableKind};
use crate::syntax::{Cell, RowLayout};
use crate::text::fold::{self, Marker, Value};
use std::ops::Range;

/// Fit a row's value cells, in order, to `ncols` columns: blanks beyond the columns at either
/// end are dropped (HTML artefacts, label spacers); a row with more values than columns keeps
/// its non-blank ones when they fit exactly, else the cells beyond the columns are extra. A
/// grid row's cells are its positions (an empty cell is a column); a sequence's are the values
/// that follow the label. Only a row that needed no guessing — exactly `ncols` values after
/// trimming the ends — is certain.
pub(super) fn fit(vals: &[ReadCell], ncols: usize) -> (Vec<Option<ReadCell>>, Vec<ReadCell>) {
    let mut v: Vec<ReadCell> = vals.to_vec();
    let mut guessed = false;
    while v.len() > ncols && v.last().is_some_and(|c| c.value == Value::Empty) {
        v.pop();
    }
    while v.len() > ncols && v.first().is_some_and(|c| c.value == Value::Empty) {
        v.remove(0);
    }
    let mut extra = Vec::new();
    if v.len() > ncols {
        guessed = true;
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
    if v.len() < ncols {
        guessed = true;
    }
    if guessed {
        for c in v.iter_mut().chain(extra.iter_mut()) {
            c.certain = false;
        }
    }
    let mut cells: Vec<Option<ReadCell>> = v.into_iter().map(Some).collect();
    cells.resize(ncols, None);
    (cells, extra)
}

pub(super) fn read_cell(f: &DocCell) -> ReadCell {
    ReadCell {
        range: f.range.clone(),
        value: f.cell.value.clone(),
        certain: true,
        typed: f.cell.layout == RowLayout::Pipe,
    }
}

/// A token where a number belongs that is neither a number nor a label: `abc`, `x`, `*`, `?`.
pub(super) fn is_junk(c: &Cell) -> bool {
    c.value == Value::Text
        && c.marker.is_none()
        && !c.folded.is_empty()
        && c.folded.chars().count() <= 8
        && c.folded.chars().all(|ch| ch.is_ascii_graphic())
}

/// A text cell that can be (part of) a label.
fn is_label_text(c: &Cell) -> bool {
    c.value == Value::Text && c.folded.chars().any(fold::is_cjk)
}

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
    /// Header rows naming the value columns give their positions: one row naming them all
    /// (`| （本列…） | 自然人 | 商业企业 | … | 总计 |`), or several levels together (`自然人 |
    /// 法人或其他组织 | 总计` above `商业企业 | … | 其他`, blank cells where cells are merged), as
    /// long as every column is named once, left to right. A column the format does not have
    /// (a 法人或其他组织 subtotal) sits between them and its cells are extra.
    fn column_map(&mut self, g: &[DocCell], has_number: bool) {
        let cols = &self.rt.table.columns;
        if self.rt.table.kind != TableKind::Grid || cols.len() < 2 {
            return;
        }
        if has_number {
            // Header rows end where the numbers start.
            self.header_cols.clear();
            return;
        }
        if self.header_cols.len() != cols.len() {
            self.header_cols = vec![None; cols.len()];
        }
        for (pos, c) in g.iter().enumerate() {
            if c.cell.key.is_empty() {
                continue;
            }
            if let Some(k) = self.idx.columns.iter().position(|col| *col == c.cell.key)
                && self.header_cols[k].is_none()
            {
                self.header_cols[k] = Some(pos);
            }
        }
        let found: Option<Vec<usize>> = self.header_cols.iter().copied().collect();
        if let Some(found) = found
            && found.windows(2).all(|w| w[0] < w[1])
            && self.value_cols.as_ref() != Some(&found)
        {
            // Named columns between the value columns are columns of their own.
            self.extra_at.clear();
            for pos in found[0]..found[found.len() - 1] {
                if found.contains(&pos) {
                    continue;
                }
                let Some(c) = g.get(pos).filter(|c| !c.cell.key.is_empty()) else {
                    continue;
                };
                let sums = cols
                    .iter()
                    .filter(|col| {
                        col.group
                            .as_deref()
                            .is_some_and(|x| fold::key(x) == c.cell.key)
                    })
                    .map(|col| col.id.as_str())
                    .collect();
                self.extra_at.push((pos, self.rt.extra_columns.len()));
                self.rt.extra_columns.push(ExtraColumn {
                    label: c.range.clone(),
                    sums,
                    cells: Vec::new(),
                });
            }
            self.value_cols = Some(found);
        }
    }

    /// The value cells of a grid row whose labels end at `label_end`, and the cells of the row
    /// in no value column: by the header's column map when the row agrees with it (its labels
    /// end before the first value column, blank spacers up to it), else all the cells after
    /// the labels in order.
    fn grid_values(
        &self,
        g: &[DocCell],
        label_end: usize,
    ) -> (Vec<ReadCell>, Vec<(usize, ReadCell)>) {
        if let Some(map) = &self.value_cols
            && label_end <= map[0]
            && map[0] < g.len()
            && g[label_end..map[0]]
                .iter()
                .all(|c| c.cell.value == Value::Empty)
        {
            let vals = map.iter().map_while(|&p| g.get(p)).map(read_cell).collect();
            let extra = (map[0]..g.len())
                .filter(|p| !map.contains(p) && g[*p].cell.value != Value::Empty)
                .map(|p| (p, read_cell(&g[p])))
                .collect();
            return (vals, extra);
        }
        (g[label_end..].iter().map(read_cell).collect(), Vec::new())
    }

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

    /// Report a line of numbers that belongs to no row.
    fn drop_orphan(&mut self) {
        if let Some(vals) = self.orphan.take()
            && let (Some(a), Some(b)) = (vals.first(), vals.last())
        {
            self.rt.unknown.push(UnknownRow {
                label: a.range.start..b.range.end,
                duplicate: false,
                suggestion: None,
                orphan: true,
                marker: None,
                values: vals,
                at: self.rt.rows.len(),
            });
        }
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

    /// Match the label starting at `i` (joined with up to three following text cells):
    /// (pattern, quality, cells used), or a header (`None`, cells used).
    fn match_label(&self, i: usize) -> Option<(Option<(usize, Quality)>, usize)> {
        let cells = self.cells;
        let c = &cells[i];
        let marker = c.cell.marker;
        let mut joined = String::new();
        let mut single: Option<(usize, Quality)> = None;
        for span in 1..=4 {
            let Some(cj) = cells.get(i + span - 1) else {
                break;
            };
            if cj.prose || cj.cell.value.is_value() || cj.cell.key.is_empty() {
                break;
            }
            // Only the label of a row of numbers may join the text before it; a grid row's
            // cells are never joined with other rows.
            if span > 1 && (cj.cell.layout.is_grid() || cj.cell.col > 0) {
                break;
            }
            joined.push_str(&cj.cell.key);
            // A marked label (（七）总计, 3.其他) is a row even where its words name a column.
            let header = is_header_key(self.idx, &joined);
            if header && !(span == 1 && marker.is_some()) {
                return Some((None, span));
            }
            if let Some((pi, q)) = match_key(self.idx, marker, &joined) {
                if q.is_sure() {
                    return Some((Some((pi, q)), span));
                }
                if span == 1 {
                    single = Some((pi, q));
                }
            }
        }
        single.map(|m| (Some(m), 1))
    }

    /// A label that continues a row's label after its numbers (`（二）部分公开（区分处理的，只计
    /// 这一情 形，不` / numbers / `计其他情形）`): improves the row's match.
    fn continues_label(&mut self, c: &DocCell) -> bool {
        let Some(cur) = self.current.as_mut() else {
            return false;
        };
        if cur.is_empty() || c.cell.key.is_empty() {
            return false;
        }
        let mut joined: String = self.cells[cur.key_cells.clone()]
            .iter()
            .map(|x| x.cell.key.as_str())
            .collect();
        joined.push_str(&cur.key_more);
        joined.push_str(&c.cell.key);
        match match_key(self.idx, cur.marker, &joined) {
            Some((pi, q)) if pi == cur.pattern && q.is_sure() => {
                cur.key_more.push_str(&c.cell.key);
                cur.quality = q;
                true
            }
            _ => false,
        }
    }

    /// A line of header words separated by spaces (`行政复议 行政诉讼`, `信息内容 本年新制作数量
    /// 本年新 对外公开`): counts its headers and other formats' labels; true when at least two of
    /// its words are headers.
    fn header_words(&mut self, c: &DocCell) -> bool {
        let Some((headers, keys)) = header_words(self.idx, c) else {
            return false;
        };
        for k in &keys {
            self.foreign(k, &c.range);
        }
        self.rt.headers += headers;
        self.note_label(&c.range);
        true
    }

    /// One grid row (`cells[a..b]`, a pipe row or tab-separated line).
    fn grid_row(&mut self, a: usize, b: usize) {
        let cells = self.cells;
        let g = &cells[a..b];
        // Label cells: the leading run of text and empty cells, up to its last text cell.
        let lead = g
            .iter()
            .take_while(|c| c.cell.value == Value::Empty || is_label_text(c.cell))
            .count();
        let label_end = g[..lead]
            .iter()
            .rposition(|c| is_label_text(c.cell))
            .map_or(0, |k| k + 1);
        self.column_map(g, g.iter().any(|c| c.cell.value.has_number()));
        let (vals, unmapped) = self.grid_values(g, label_end);
        // Cells of a named extra column are kept with it; other unmapped cells are extra.
        let (named, unmapped): (Vec<_>, Vec<_>) = unmapped
            .into_iter()
            .partition(|(p, _)| self.extra_at.iter().any(|(x, _)| x == p));
        let place = |vals: &[ReadCell], n: usize| {
            let (cells, mut extra) = fit(vals, n);
            extra.extend(unmapped.iter().map(|(_, c)| ReadCell {
                certain: false,
                ..c.clone()
            }));
            (cells, extra)
        };
        let has_number = vals.iter().any(|v| v.value.has_number());
        let has_value = vals
            .iter()
            .any(|v| v.value != Value::Empty && v.value != Value::Text);
        // The row label: the rightmost label cell that names a row (left of it: groups).
        let mut row_label: Option<(usize, Quality, usize)> = None;
        let mut headers = 0;
        for k in (0..label_end).rev() {
            let c = &g[k];
            if c.cell.key.is_empty() {
                continue;
            }
            self.foreign(&c.cell.key, &c.range);
            if is_header_key(self.idx, &c.cell.key) && c.cell.marker.is_none() {
                headers += 1;
                continue;
            }
            // A label split over two cells.
            if k > 0 && row_label.is_none() && !g[k - 1].cell.key.is_empty() {
                let joined = format!("{}{}", g[k - 1].cell.key, c.cell.key);
                if let Some((pi, q)) = match_key(self.idx, g[k - 1].cell.marker, &joined)
                    && q.is_sure()
                {
                    row_label = Some((pi, q, k - 1));
                    break;
                }
            }
            match match_key(self.idx, c.cell.marker, &c.cell.key) {
                Some((pi, q)) if row_label.is_none() => {
                    row_label = Some((pi, q, k));
                    if !self.is_group(pi) {
                        // Labels left of a data row's label are its groups.
                        self.groups_before(a, k);
                        break;
                    }
                }
                _ => {}
            }
        }
        match row_label {
            Some((pi, q, k)) => {
                self.finish();
                let id = self.idx.rows[pi].row;
                for (p, c) in &named {
                    if let Some((_, e)) = self.extra_at.iter().find(|(x, _)| x == p) {
                        self.rt.extra_columns[*e].cells.push((id, c.clone()));
                    }
                }
                let end = if k + 1 < label_end && self.is_group(pi) {
                    k
                } else {
                    label_end - 1
                };
                let label = g[k].range.start..g[end.max(k)].range.end;
                self.note_label(&label);
                self.rt.headers += headers;
                let mut cur =
                    Pending::new(pi, label, q, a + k..a + end.max(k) + 1, g[k].cell.marker);
                let ncols = self.idx.rows[pi].ncols;
                if has_value || vals.iter().any(|v| v.value == Value::Text) {
                    self.note_cells(&vals);
                    cur.placed = Some(place(&vals, ncols));
                } else if !vals.is_empty() && !self.is_group(pi) {
                    // Blank value cells: positions all the same.
                    cur.placed = Some(place(&vals, ncols));
                }
                self.current = Some(cur);
            }
            None if label_end > 0 => {
                // The label repeated in a short form (`总计`, `其他`) under a heading that named
                // the row: the heading's row takes the numbers.
                let pending_data = self
                    .current
                    .as_ref()
                    .filter(|cur| cur.is_empty() && !self.is_group(cur.pattern))
                    .map(|cur| self.idx.rows[cur.pattern].ncols);
                if has_number && let Some(n) = pending_data {
                    if let Some(cur) = self.current.as_mut() {
                        cur.placed = Some(place(&vals, n));
                    }
                    self.note_cells(&vals);
                    return;
                }
                // A header or placeholder row (`| 类别 | 数据1 | … |`) between a row's label
                // and its numbers does not end the row; a header row with numbers does.
                if has_number {
                    self.finish();
                }
                if !has_number || headers > 0 {
                    self.rt.headers += headers;
                    if headers > 0
                        && let Some(c) = g[..label_end].iter().find(|c| !c.cell.key.is_empty())
                    {
                        let r = c.range.clone();
                        self.note_label(&r);
                    }
                    return;
                }
                // A row of numbers under a label that names no row: reported with its numbers
                // (never dropped), wherever it stands in the table.
                let label_cell = g[..label_end].iter().rev().find(|c| !c.cell.key.is_empty());
                if let Some(lc) = label_cell
                    && !g[0].cell.header
                {
                    self.unknown_row(lc, vals);
                }
            }
            None => {
                // Numbers without a label: the values of a label printed on the line before.
                // A Markdown header row of numbers or dashes (`| 1 | 2 | … |`) is a header.
                if g[0].cell.header || !has_value && !vals.iter().any(|v| v.value == Value::Text) {
                    return;
                }
                let ncols = self
                    .current
                    .as_ref()
                    .map(|c| self.idx.rows[c.pattern].ncols);
                match (self.current.as_mut(), ncols) {
                    (Some(cur), Some(n)) if cur.is_empty() => {
                        cur.placed = Some(place(&vals, n));
                        self.note_cells(&vals);
                    }
                    _ if has_number => {
                        self.finish();
                        self.drop_orphan();
                        self.orphan = Some(vals);
                    }
                    _ => {}
                }
            }
        }
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

    /// Group labels printed left of a row's label in the same grid row.
    fn groups_before(&mut self, a: usize, k: usize) {
        let cells = self.cells;
        for (j, c) in cells[a..a + k].iter().enumerate() {
            if c.cell.key.is_empty() {
                continue;
            }
            if let Some((pi, q)) = match_key(self.idx, c.cell.marker, &c.cell.key)
                && self.is_group(pi)
            {
                let id = self.idx.rows[pi].row;
                if self.rt.rows.iter().any(|r| r.id == id) {
                    continue;
                }
                self.finish();
                let r = c.range.clone();
                self.note_label(&r);
                self.current = Some(Pending::new(pi, r, q, a + j..a + j + 1, c.cell.marker));
                self.finish();
            }
        }
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
