//! Table 3: one row of 15 numbers under a header of several levels. The header labels are
//! counted; the longest run of value cells (a grid row's cells, or numbers in sequence) is the
//! row.

use super::matching::{Index, header_words, is_header_key};
use super::reader::{fit, is_junk, read_cell};
use super::{DocCell, Quality, ReadCell, ReadRow, ReadTable, column_defs};
use crate::format::ids;
use crate::syntax::RowLayout;

pub(super) fn read_single_row(
    mut rt: ReadTable,
    idx: &Index,
    cells: &[DocCell],
) -> Option<ReadTable> {
    let ncols = rt.table.columns.len();
    let mut first = usize::MAX;
    let mut last = 0;
    // Header labels, and runs of value cells (a stray token inside a row of numbers is one of
    // its cells, not the end of the run).
    let mut runs: Vec<Vec<&DocCell>> = Vec::new();
    let mut run: Vec<&DocCell> = Vec::new();
    let mut seen_header = false;
    for (k, c) in cells.iter().enumerate() {
        let junk = !c.prose
            && is_junk(c.cell)
            && (c.cell.layout.is_grid()
                || cells.get(k + 1).is_some_and(|n| n.cell.value.has_number())
                    && run.last().is_some_and(|p| p.cell.value.has_number()));
        if !junk && (c.prose || !c.cell.value.is_value()) {
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            let words = if c.prose { None } else { header_words(idx, c) };
            if !c.prose && (is_header_key(idx, &c.cell.key) || words.is_some()) {
                rt.headers += words.map_or(1, |(n, _)| n);
                seen_header = true;
                first = first.min(c.range.start);
                last = last.max(c.range.end);
                if rt.first_label.is_none() {
                    rt.first_label = Some(c.range.clone());
                }
            }
            continue;
        }
        // A grid row's cells are one run: a header row's blank cells are not the next row's.
        if c.cell.layout.is_grid() && run.last().is_some_and(|p| p.row != c.row) {
            runs.push(std::mem::take(&mut run));
        }
        if seen_header || c.cell.value.has_number() {
            run.push(c);
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    let numbers = |r: &Vec<&DocCell>| r.iter().filter(|c| c.cell.value.has_number()).count();
    let best = runs
        .iter()
        .filter(|r| numbers(r) > 0)
        .max_by_key(|r| (numbers(r).min(ncols), std::cmp::Reverse(r[0].range.start)));
    if let Some(best) = best {
        let vals: Vec<ReadCell> = best.iter().map(|c| read_cell(c)).collect();
        let positional = best.iter().all(|c| c.cell.layout == RowLayout::Pipe);
        let (cells, extra) = fit(&vals, ncols);
        first = first.min(best[0].range.start);
        last = last.max(best[best.len() - 1].range.end);
        let label = best[0].range.start..best[0].range.start;
        rt.rows.push(ReadRow {
            id: ids::row::SINGLE,
            label,
            quality: Quality::Exact,
            cells,
            extra,
            columns: column_defs(rt.table, ids::row::SINGLE),
            stand_in: false,
            positional,
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
