//! Inlay hints: `Σ N` after every total cell (the left side of a total relation), with the sum
//! of its addends as read.

use super::Snapshot;
use crate::check::relations::{self, instances};
use crate::format::Op;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inlay {
    /// Shown after this byte (the end of the total cell).
    pub offset: usize,
    pub label: String,
    pub tooltip: String,
}

/// The hints whose cells end inside `range`.
pub fn inlay_hints(s: &Snapshot, range: Range<usize>) -> Vec<Inlay> {
    let (rs, re) = (range.start, range.end);
    let mut out = Vec::new();
    for t in s.analysis.tables.iter().filter(|t| t.present()) {
        for i in instances(t) {
            if !i.rel.lhs_is_total || i.lhs.len() != 1 || i.rel.op != Op::Eq {
                continue;
            }
            let (r, c) = i.lhs[0];
            let Some(cell) = t.cell(r, c) else { continue };
            if cell.range.end < rs || cell.range.end > re {
                continue;
            }
            if i.rhs.iter().any(|(r, _)| t.row(r).is_none()) {
                continue;
            }
            let Some(sum) = relations::side_sum(t, &i.rhs) else {
                continue;
            };
            out.push(Inlay {
                offset: cell.range.end,
                label: format!("Σ {sum}"),
                tooltip: i.rel.description.clone(),
            });
        }
    }
    out
}
