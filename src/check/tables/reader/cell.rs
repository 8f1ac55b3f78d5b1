//! One cell read as a value with its certainty, a row's values fitted to its columns, and what
//! a token is: junk where a number belongs, or text of a label.

use crate::check::tables::{DocCell, ReadCell};
use crate::syntax::{Cell, RowLayout};
use crate::text::fold::{self, Value};

/// Fit a row's value cells, in order, to `ncols` columns: blanks beyond the columns at either
/// end are dropped (HTML artefacts, label spacers); a row with more values than columns keeps
/// its non-blank ones when they fit exactly, else the cells beyond the columns are extra. A
/// grid row's cells are its positions (an empty cell is a column); a sequence's are the values
/// that follow the label. Only a row that needed no guessing — exactly `ncols` values after
/// trimming the ends — is certain.
pub(in crate::check::tables) fn fit(
    vals: &[ReadCell],
    ncols: usize,
) -> (Vec<Option<ReadCell>>, Vec<ReadCell>) {
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

pub(in crate::check::tables) fn read_cell(f: &DocCell) -> ReadCell {
    ReadCell {
        range: f.range.clone(),
        value: f.cell.value.clone(),
        certain: true,
        typed: f.cell.layout == RowLayout::Pipe,
    }
}

/// A token where a number belongs that is neither a number nor a label: `abc`, `x`, `*`, `?`.
pub(in crate::check::tables) fn is_junk(c: &Cell) -> bool {
    c.value == Value::Text
        && c.marker.is_none()
        && !c.folded.is_empty()
        && c.folded.chars().count() <= 8
        && c.folded.chars().all(|ch| ch.is_ascii_graphic())
}

/// A text cell that can be (part of) a label.
pub(super) fn is_label_text(c: &Cell) -> bool {
    c.value == Value::Text && c.folded.chars().any(fold::is_cjk)
}
