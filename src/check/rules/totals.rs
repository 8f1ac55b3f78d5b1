//! Totals: the relations listed in the format data that do not hold over the read cells
//! (`total-mismatch`; the evaluation itself is `check::relations`), and subtotals written in
//! group rows.

use crate::check::relations::{Instance, holds, instances, int_of, outcome, sides};
use crate::check::tables::{self, ReadCell, ReadTable};
use crate::check::{Diagnostic, Edit, Severity};
use crate::format::ids;
use crate::format::{Op, RowKind, Table, Tag};
use crate::text::fold::Value;
use serde_json::json;

fn shown(c: Option<&ReadCell>) -> String {
    match c.map(|c| &c.value) {
        None => "（缺）".into(),
        Some(Value::Empty) => "（空）0".into(),
        Some(Value::Dash) => "0".into(),
        Some(Value::Number(n)) => n.int().map_or(n.value.to_string(), |v| v.to_string()),
        _ => "?".into(),
    }
}

fn severity_of(tag: Tag) -> Severity {
    match tag {
        Tag::Statute | Tag::Notice | Tag::Design => Severity::Error,
        Tag::Practice => Severity::Hint,
    }
}

pub(super) fn relations(t: &ReadTable, d: &mut Vec<Diagnostic>) {
    let all = instances(t);
    let results: Vec<Option<bool>> = all.iter().map(|i| outcome(t, i)).collect();
    for (k, inst) in all.iter().enumerate() {
        if results[k] != Some(false) {
            continue;
        }
        // Setting the total is certain only when the total cell takes part in no relation that
        // holds now (otherwise the total is right and an addend is wrong).
        let total = inst.total();
        let fix_ok = total.is_some_and(|x| {
            !all.iter().zip(&results).enumerate().any(|(j, (o, r))| {
                j != k && *r == Some(true) && o.lhs.iter().chain(&o.rhs).any(|c| *c == x)
            })
        });
        evaluate(t, inst, fix_ok, d);
    }
}

/// The `total-mismatch` finding of an instance that does not hold.
fn evaluate(t: &ReadTable, inst: &Instance<'_>, fix_ok: bool, d: &mut Vec<Diagnostic>) {
    let (rel, lhs, rhs, ctx) = (inst.rel, &inst.lhs[..], &inst.rhs[..], &inst.ctx);
    let get = |(r, c): &(&str, &str)| t.cell(r, c);
    let Some((l, r)) = sides(t, inst) else {
        return;
    };
    if holds(rel.op, l, r) {
        return;
    }
    let join = |side: &[(&str, &str)]| {
        side.iter()
            .map(|k| shown(get(k)))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let total = inst.total();
    let total_cell = total.and_then(|(r, c)| t.cell(r, c));
    // Error only when every operand was read from an unambiguous position.
    let certain = lhs
        .iter()
        .chain(rhs)
        .all(|k| get(k).is_none_or(|c| c.certain));
    let range = total_cell
        .map(|c| c.range.clone())
        .or_else(|| total.and_then(|(r, _)| t.row(r)).map(|r| r.label.clone()))
        .unwrap_or(t.range.clone());
    let prefix = if ctx.is_empty() {
        String::new()
    } else {
        format!("{ctx}：")
    };
    let message = match (rel.op, rel.lhs_is_total) {
        (Op::Le, _) => format!("{prefix}应满足「{}」，但 {l} > {r}。", rel.description),
        (Op::Eq, true) => format!(
            "{prefix}应满足「{}」：{} = {r}，但总计填写的是 {l}。",
            rel.description,
            join(rhs)
        ),
        (Op::Eq, false) => format!(
            "{prefix}应满足「{}」：{} = {l}，而 {} = {r}，两边不等。",
            rel.description,
            join(lhs),
            join(rhs)
        ),
    };
    let (severity, message) = match severity_of(rel.tag) {
        Severity::Error if !certain => (
            Severity::Warning,
            format!(
                "{message}（表格读取不确定：这一行或列的数是按顺序推测所在位置的，请先核对上面读到的数是否与原表一致。）"
            ),
        ),
        sev => (sev, message),
    };
    let mut diag = Diagnostic::new("total-mismatch", severity, range, message).data(json!({
        "relation": rel.id,
        "table": t.id,
        "rows": lhs.iter().chain(rhs).map(|(r, _)| *r).collect::<Vec<_>>(),
        "columns": lhs.iter().chain(rhs).map(|(_, c)| *c).collect::<Vec<_>>(),
        "lhs": lhs.iter().map(|(r, c)| format!("{r}.{c}")).collect::<Vec<_>>(),
        "rhs": rhs.iter().map(|(r, c)| format!("{r}.{c}")).collect::<Vec<_>>(),
        "expected": r,
        "actual": l,
        "certain": certain,
    }));
    for k in lhs.iter().skip(1).chain(rhs) {
        if let Some(c) = get(k) {
            diag = diag.related(
                c.range.clone(),
                format!("{} = {}", cell_name(t, k), shown(Some(c))),
            );
        }
    }
    if fix_ok
        && certain
        && rel.lhs_is_total
        && rel.op == Op::Eq
        && lhs.len() == 1
        && let Some(c) = total_cell
    {
        diag = diag.fix(
            format!("将总计改为 {r}"),
            vec![Edit {
                range: c.range.clone(),
                text: r.to_string(),
            }],
        );
    }
    d.push(diag);
}

fn cell_name(t: &ReadTable, (r, c): &(&str, &str)) -> String {
    let row = if *r == ids::row::SINGLE {
        String::new()
    } else {
        tables::label_of(t.table, r).to_string()
    };
    let col = t
        .table
        .all_columns()
        .find(|x| x.id == *c)
        .map(|x| match &x.group {
            Some(g) if row.is_empty() => format!("{g} › {}", x.label),
            _ => x.label.clone(),
        })
        .unwrap_or_default();
    if row.is_empty() {
        col
    } else {
        format!("{row} / {col}")
    }
}

/// Subtotals written in group rows must equal their leaf rows (A5).
pub(super) fn subtotals(t: &ReadTable, d: &mut Vec<Diagnostic>) {
    // A group written as one row (`collapsed-row`) holds its numbers, not a subtotal.
    for (g, row) in t
        .filled_groups()
        .filter(|(g, _)| !t.collapsed.contains(&g.id.as_str()))
    {
        let leaves = leaf_rows(t.table, &g.id);
        let cols: Vec<&str> = t.table.columns.iter().map(|c| c.id.as_str()).collect();
        let mut bad = Vec::new();
        for (i, col) in cols.iter().enumerate() {
            let Some(v) = int_of(row.cells.get(i).and_then(|c| c.as_ref())) else {
                continue;
            };
            let s: Option<i64> = leaves.iter().map(|l| int_of(t.cell(l, col))).sum();
            if let Some(s) = s
                && s != v
            {
                bad.push(format!("{}：{v} ≠ {s}", t.table.columns[i].label));
            }
        }
        let msg = if bad.is_empty() {
            format!("「{}」是分组行，标准表格中不填数字。", g.label)
        } else {
            format!(
                "「{}」是分组行，标准表格中不填数字；所填小计与其下各行之和不符（{}）。",
                g.label,
                bad.join("；")
            )
        };
        let sev = if bad.is_empty() {
            Severity::Hint
        } else {
            Severity::Warning
        };
        d.push(
            Diagnostic::new("total-mismatch", sev, row.label.clone(), msg)
                .data(json!({"relation": "A5", "table": t.id, "rows": [g.id]})),
        );
    }
}

fn leaf_rows(table: &'static Table, group: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for r in table.children(group) {
        match r.kind {
            RowKind::Data => out.push(r.id.as_str()),
            RowKind::Group => out.extend(leaf_rows(table, &r.id)),
        }
    }
    out
}
