//! What a reading implies about its rows: an unknown row standing where exactly one row is
//! missing is that row; a group written as one row stands in for its children.

use super::matching::Index;
use super::reader::fit;
use super::{Quality, ReadCell, ReadRow, ReadTable, column_defs};
use crate::format::{self, RowKind};
use crate::text::fold::Value;

/// Unknown rows that stand where exactly one missing row belongs — between the rows read before
/// and after them, with that row's ordinal — are that row (a label damaged beyond matching).
pub(super) fn by_place(rt: &mut ReadTable, idx: &Index) {
    let order: Vec<&'static str> = idx.rows.iter().map(|p| p.row).collect();
    let pos = |id: &str| order.iter().position(|x| *x == id);
    let mut k = 0;
    while k < rt.unknown.len() {
        let u = &rt.unknown[k];
        if u.duplicate || u.orphan {
            k += 1;
            continue;
        }
        let before =
            u.at.checked_sub(1)
                .and_then(|i| rt.rows.get(i))
                .and_then(|r| pos(r.id));
        let after = rt.rows.get(u.at).and_then(|r| pos(r.id));
        let (Some(lo), Some(hi)) = (before, after) else {
            k += 1;
            continue;
        };
        let gap: Vec<usize> = (lo + 1..hi)
            .filter(|&i| !rt.rows.iter().any(|r| r.id == order[i]))
            .filter(|&i| !rt.table.is_group(order[i]))
            .collect();
        let [only] = gap.as_slice() else {
            k += 1;
            continue;
        };
        let p = &idx.rows[*only];
        if u.marker != p.marker {
            k += 1;
            continue;
        }
        let u = rt.unknown.remove(k);
        let (cells, extra) = fit(&u.values, p.ncols);
        let at = u.at;
        for later in rt.unknown.iter_mut().filter(|x| x.at > at) {
            later.at += 1;
        }
        rt.rows.insert(
            at,
            ReadRow {
                id: p.row,
                label: u.label,
                quality: Quality::Place,
                cells,
                extra,
                columns: column_defs(rt.table, p.row),
                stand_in: false,
                positional: false,
            },
        );
    }
}

/// A group row written as one row of numbers, where another format has it as a data row
/// (`（六）其他处理` in a 2021 table printed as in the 2019 format): its children stand in for
/// it, the last child holding its numbers, so that the relations over the children still hold
/// their sum.
pub(super) fn collapse_groups(rt: &mut ReadTable) {
    let filled: Vec<&'static format::Row> = rt.filled_groups().map(|(g, _)| g).collect();
    for g in filled {
        let Some(row) = rt.row(&g.id) else { continue };
        let children: Vec<&'static format::Row> = rt.table.children(&g.id).collect();
        let data_elsewhere = format::all().iter().any(|f| {
            f.table(&rt.table.id)
                .and_then(|t| t.row(&g.id))
                .is_some_and(|r| r.kind == RowKind::Data)
        });
        if !data_elsewhere
            || children.is_empty()
            || children
                .iter()
                .any(|c| c.kind != RowKind::Data || rt.row(&c.id).is_some())
        {
            continue;
        }
        let (label, cells, positional) = (row.label.clone(), row.cells.clone(), row.positional);
        let zero = |c: &Option<ReadCell>| {
            c.as_ref().map(|c| ReadCell {
                range: c.range.start..c.range.start,
                value: Value::Empty,
                certain: c.certain,
                typed: c.typed,
            })
        };
        for (n, child) in children.iter().enumerate() {
            let last = n + 1 == children.len();
            rt.rows.push(ReadRow {
                id: &child.id,
                label: label.clone(),
                quality: Quality::Exact,
                cells: if last {
                    cells.clone()
                } else {
                    cells.iter().map(zero).collect()
                },
                extra: Vec::new(),
                columns: column_defs(rt.table, &child.id),
                stand_in: true,
                positional,
            });
        }
        rt.collapsed.push(&g.id);
    }
}
