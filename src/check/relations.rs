//! TEMPORARY shim until the rules split lands (replaced by the real module).
pub use super::rules::{Instance, instances, int_of};
use super::tables::ReadTable;
use crate::format::Op;

pub fn side_sum(t: &ReadTable, ops: &[(&str, &str)]) -> Option<i64> {
    ops.iter().map(|(r, c)| int_of(t.cell(r, c))).sum()
}
pub fn rows_present(t: &ReadTable, i: &Instance<'_>) -> bool {
    i.lhs.iter().chain(&i.rhs).all(|(r, _)| t.row(r).is_some())
}
pub fn sides(t: &ReadTable, i: &Instance<'_>) -> Option<(i64, i64)> {
    if !rows_present(t, i) {
        return None;
    }
    Some((side_sum(t, &i.lhs)?, side_sum(t, &i.rhs)?))
}
pub fn holds(op: Op, l: i64, r: i64) -> bool {
    match op {
        Op::Eq => l == r,
        Op::Le => l <= r,
    }
}
pub fn outcome(t: &ReadTable, i: &Instance<'_>) -> Option<bool> {
    sides(t, i).map(|(l, r)| holds(i.rel.op, l, r))
}
