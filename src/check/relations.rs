//! Relation instances and their evaluation: the relations listed in the format data, expanded
//! over a table's columns or rows, and their sides summed over the cells as read. The rules
//! (`total-mismatch`, the operands a missing or invalid cell keeps from being checked) and the
//! editor features (hover, inlay hints) evaluate relations through these functions, so that
//! both count a cell the same way.

use super::tables::{self, ReadCell, ReadTable};
use crate::format::ids;
use crate::format::{Format, Op, Over, Relation, Table, TableKind};
use crate::text::fold::{Unit, Value};
use std::sync::OnceLock;

/// One relation applied to one column or row: the operand cells (row id, column id) of each
/// side, and a context for messages (「自然人」列, 「（七）总计」行).
pub struct Instance<'a> {
    pub rel: &'a Relation,
    pub lhs: Vec<(&'a str, &'a str)>,
    pub rhs: Vec<(&'a str, &'a str)>,
    pub ctx: String,
}

impl<'a> Instance<'a> {
    /// The cell a finding of this relation points at and a review marks as broken: the first
    /// operand of its left side (the total, where the relation states one).
    pub fn total(&self) -> Option<(&'a str, &'a str)> {
        self.lhs.first().copied()
    }
}

/// Every relation of the table's format, expanded over its columns or rows. The expansion
/// depends only on the format, so it is made once per format table; its row and column ids are
/// the table's own (`ReadTable::cell` then matches them by pointer).
pub fn instances(t: &ReadTable) -> &'static [Instance<'static>] {
    type Expanded = Vec<(&'static str, &'static str, Vec<Instance<'static>>)>;
    static CACHE: OnceLock<Expanded> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            let mut out = Vec::new();
            for f in crate::format::all() {
                for table in &f.tables {
                    out.push((f.id.as_str(), table.id.as_str(), expand(f, table)));
                }
            }
            out
        })
        .iter()
        .find(|(f, id, _)| *f == t.format.id && *id == t.id)
        .map_or(&[], |(_, _, v)| v.as_slice())
}

/// The format's own `&'static str` for a row or column id (pointer-equal lookups later).
fn canonical(table: &'static Table, id: &'static str) -> &'static str {
    table
        .all_rows()
        .map(|r| r.id.as_str())
        .chain(table.all_columns().map(|c| c.id.as_str()))
        .find(|x| *x == id)
        .unwrap_or(id)
}

fn expand(format: &'static Format, table: &'static Table) -> Vec<Instance<'static>> {
    let mut out = Vec::new();
    let canon = |id: &'static str| canonical(table, id);
    for rel in format.relations.iter().filter(|r| r.table == table.id) {
        match rel.over {
            Over::Columns => {
                let cols: Vec<&'static str> = if rel.only.is_empty() {
                    table.columns.iter().map(|c| c.id.as_str()).collect()
                } else {
                    rel.only.iter().map(|s| canon(s.as_str())).collect()
                };
                for col in cols {
                    out.push(Instance {
                        rel,
                        lhs: rel.lhs.iter().map(|r| (canon(r.as_str()), col)).collect(),
                        rhs: rel.rhs.iter().map(|r| (canon(r.as_str()), col)).collect(),
                        ctx: table
                            .column(col)
                            .map_or(String::new(), |c| format!("「{}」列", c.label)),
                    });
                }
            }
            Over::Rows => {
                let rows: Vec<&'static str> = if !rel.only.is_empty() {
                    rel.only.iter().map(|s| canon(s.as_str())).collect()
                } else if table.kind == TableKind::SingleRow {
                    vec![ids::row::SINGLE]
                } else if let Some(b) = &rel.block {
                    table
                        .sections
                        .iter()
                        .filter(|x| &x.id == b)
                        .flat_map(|x| x.rows.iter().map(|r| r.id.as_str()))
                        .collect()
                } else {
                    table.data_rows().map(|r| r.id.as_str()).collect()
                };
                for row in rows {
                    out.push(Instance {
                        rel,
                        lhs: rel.lhs.iter().map(|c| (row, canon(c.as_str()))).collect(),
                        rhs: rel.rhs.iter().map(|c| (row, canon(c.as_str()))).collect(),
                        ctx: if row == ids::row::SINGLE {
                            String::new()
                        } else {
                            format!("「{}」行", tables::label_of(table, row))
                        },
                    });
                }
            }
        }
    }
    out
}

/// The sum of one side's cells; None when a cell is unreadable.
pub fn side_sum(t: &ReadTable, ops: &[(&str, &str)]) -> Option<i64> {
    ops.iter()
        .map(|(r, c)| int_of(t.cell(r, c)))
        .sum::<Option<i64>>()
}

/// Whether every row the instance names was found in the table.
pub fn rows_present(t: &ReadTable, i: &Instance<'_>) -> bool {
    !i.lhs.iter().chain(&i.rhs).any(|(r, _)| t.row(r).is_none())
}

/// Both sides' sums, or None when a row is missing or a cell unreadable.
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

/// Some(true/false) when both sides could be read, None otherwise.
pub fn outcome(t: &ReadTable, i: &Instance<'_>) -> Option<bool> {
    sides(t, i).map(|(l, r)| holds(i.rel.op, l, r))
}

/// A cell's value for sums (blank and dashes are 0; absent/unreadable None).
///
/// An operand's value: blank and dashes count as 0; `None` when the cell is absent from the
/// text or cannot be read (then no relation that needs it is checked, and the cell's own
/// finding says so).
pub fn int_of(c: Option<&ReadCell>) -> Option<i64> {
    match c.map(|c| &c.value) {
        Some(Value::Empty) | Some(Value::Dash) => Some(0),
        // A negative or signed count, or an amount, is an invalid cell: no relation uses it.
        Some(Value::Number(n))
            if n.signed || n.value < 0.0 || matches!(n.unit, Unit::Yuan | Unit::WanYuan) =>
        {
            None
        }
        Some(Value::Number(n)) if too_long(n) => None,
        Some(Value::Number(n)) => n.int(),
        _ => None,
    }
}

/// More than 12 digits: no count or amount in these tables is that large (a typing slip or
/// two numbers run together).
pub(crate) fn too_long(n: &crate::text::fold::Num) -> bool {
    n.value.abs() >= 1e12
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Options, check};
    use crate::text::fold::{fold_str, parse_value};

    fn cell(s: &str) -> ReadCell {
        ReadCell {
            range: 0..0,
            value: parse_value(&fold_str(s)),
            certain: true,
            typed: true,
        }
    }

    #[test]
    fn int_of_counts_blanks_and_dashes_as_zero_and_refuses_what_no_relation_uses() {
        let v = |s: &str| int_of(Some(&cell(s)));
        assert_eq!(v("12"), Some(12));
        assert_eq!(v(""), Some(0));
        assert_eq!(v("—"), Some(0));
        assert_eq!(int_of(None), None);
        for bad in ["+3", "-18", "12元", "1234567890123", "abc"] {
            assert_eq!(v(bad), None, "{bad}");
        }
    }

    #[test]
    fn outcome_agrees_with_sides_and_the_sums() {
        let text = include_str!("../../tests/fixtures/000_2c1132c7924dd3e8.txt");
        let a = check(text, &Options::default());
        let mut seen = 0;
        for t in a.tables.iter().filter(|t| t.present()) {
            for i in instances(t) {
                let want = if rows_present(t, i) {
                    side_sum(t, &i.lhs).zip(side_sum(t, &i.rhs))
                } else {
                    None
                };
                assert_eq!(sides(t, i), want);
                assert_eq!(outcome(t, i), want.map(|(l, r)| holds(i.rel.op, l, r)));
                seen += usize::from(outcome(t, i).is_some());
            }
        }
        assert!(seen > 0);
    }
}
