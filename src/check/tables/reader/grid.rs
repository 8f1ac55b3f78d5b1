//! Grid rows (a pipe row, a tab-separated line): every cell is a position, an empty one
//! included. The header rows' column map gives the positions of the value columns; the label
//! cells lead the row, groups left of the row's label.

use super::cell::{fit, is_label_text, read_cell};
use super::{Pending, Reader};
use crate::check::tables::matching::{is_header_key, match_key};
use crate::check::tables::{DocCell, ExtraColumn, Quality, ReadCell};
use crate::format::TableKind;
use crate::text::fold::{self, Value};

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

    /// One grid row (`cells[a..b]`, a pipe row or tab-separated line).
    pub(super) fn grid_row(&mut self, a: usize, b: usize) {
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
