//! Checks between two years' reports of the same agency: X1 (上年结转 = last year's 结转下年度继续办理,
//! per column), P4 (现行有效件数 carried forward, 2021 format), P5 (本年废止 ≤ last year's 现行有效 +
//! 本年制发, 2021 format), P6 (上一年项目数量, 2019 format), and on the text of parts 一 and 五
//! (`copied`): text copied from last year's report, a part 五 that takes up none of last year's
//! problems. Which report is last year's is `check::pairing`'s business; the front ends pair them.

use super::copied;
use crate::check::doc::Analysis;
use crate::check::tables::ReadCell;
use crate::check::{Diagnostic, Severity};
use crate::format::ids;
use crate::text::fold::Value;
use serde_json::json;

/// A cell's integer, signed changes (本年增/减) included; blank and dashes count as 0, an absent
/// or unreadable cell is `None` (the check is skipped: its own finding is in that report).
///
/// Not `check::relations::int_of`, which refuses what no relation within a table may use: a
/// signed or negative number, an amount, more than 12 digits. P6 adds last year's signed
/// change; X1 and P4 read their cells the same way, and so does `template::next_report`, which
/// carries them into next year's draft.
pub fn int(c: Option<&ReadCell>) -> Option<i64> {
    match c.map(|c| &c.value) {
        Some(Value::Empty) | Some(Value::Dash) => Some(0),
        Some(Value::Number(n)) => n.int(),
        _ => None,
    }
}

/// Cross-year findings on `cur` given last year's `prev`.
pub fn cross_year(cur: &Analysis, prev: &Analysis) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let (Some((cy, _, _)), Some((py, _, _))) = (&cur.year, &prev.year)
        && *py + 1 != *cy
    {
        return out;
    }
    // X1.
    if let (Some(t), Some(p)) = (cur.table(ids::table::T2), prev.table(ids::table::T2))
        && t.has_number()
        && p.has_number()
    {
        for col in &t.table.columns {
            let now = t.cell(ids::row::CARRIED_IN, &col.id);
            let before = p.cell(ids::row::CARRIED_OUT, &col.id);
            if let (Some(a), Some(b)) = (int(now), int(before))
                && a != b
            {
                let range = now
                    .map(|c| c.range.clone())
                    .or_else(|| t.row(ids::row::CARRIED_IN).map(|r| r.label.clone()));
                let Some(range) = range else { continue };
                out.push(
                            Diagnostic::new(
                                "total-mismatch",
                                Severity::Warning,
                                range,
                                format!(
                                    "「{}」列：本年「二、上年结转政府信息公开申请数量」是{a}，但上一年度报告「四、结转下年度继续办理」是{b}。",
                                    col.label
                                ),
                            )
                            .data(json!({"relation": "X1", "table": ids::table::T2, "rows": [ids::row::CARRIED_IN], "columns": [col.id], "expected": b, "actual": a})),
                        );
            }
        }
    }
    // P4 and P5 (2021) and P6 (2019), as hints.
    if let (Some(t), Some(p)) = (cur.table(ids::table::T1), prev.table(ids::table::T1))
        && t.format.id == p.format.id
        && t.has_number()
        && p.has_number()
    {
        let checks: &[(&str, &str, &str, &str)] =
            if t.table.all_columns().any(|c| c.id == ids::column::VALID) {
                &[
                    (
                        ids::row::RULES,
                        ids::column::VALID,
                        ids::column::MADE,
                        ids::column::REPEALED,
                    ),
                    (
                        ids::row::NORMS,
                        ids::column::VALID,
                        ids::column::MADE,
                        ids::column::REPEALED,
                    ),
                ]
            } else {
                &[]
            };
        for (row, valid, made, repealed) in checks {
            let (Some(v), Some(m), Some(r), Some(pv)) = (
                int(t.cell(row, valid)),
                int(t.cell(row, made)),
                int(t.cell(row, repealed)),
                int(p.cell(row, valid)),
            ) else {
                continue;
            };
            // P5: more repealed than there were to repeal. P4 fails then too (its cell cannot
            // be negative), but 集中清理 explains that one and not this: P5 alone is reported.
            if r > pv + m
                && let Some(c) = t.cell(row, repealed)
            {
                out.push(
                    Diagnostic::new(
                        "repealed-exceeds-valid",
                        Severity::Hint,
                        c.range.clone(),
                        format!(
                            "本年废止件数{r}大于上年现行有效{pv}与本年制发{m}之和{}：能废止的只有上年末有效的和本年新制发的，请核对本年废止件数和上一年度报告的现行有效件数。",
                            pv + m
                        ),
                    )
                    .data(json!({"relation": "P5", "table": ids::table::T1, "rows": [row], "expected": pv + m, "actual": r})),
                );
                continue;
            }
            if v != pv + m - r
                && let Some(c) = t.cell(row, valid)
            {
                out.push(Diagnostic::new(
                            "total-mismatch",
                            Severity::Hint,
                            c.range.clone(),
                            format!("现行有效件数{v}不等于上年现行有效{pv} + 本年制发{m} − 本年废止{r} = {}（如有集中清理可忽略）。", pv + m - r),
                        ).data(json!({"relation": "P4", "table": ids::table::T1, "rows": [row]})));
            }
        }
        // The format's table 1 has 上一年项目数量 (the 2019 format does).
        if t.table
            .all_columns()
            .any(|c| c.id == ids::column::PREV_ITEMS)
        {
            for row in [
                ids::row::LICENSE,
                ids::row::OTHER_SERVICES,
                ids::row::PENALTY,
                ids::row::COERCION,
                ids::row::FEE,
            ] {
                let (Some(now), Some(pp), Some(pc)) = (
                    int(t.cell(row, ids::column::PREV_ITEMS)),
                    int(p.cell(row, ids::column::PREV_ITEMS)),
                    int(p.cell(row, ids::column::CHANGE)),
                ) else {
                    continue;
                };
                if now != pp + pc
                    && let Some(c) = t.cell(row, ids::column::PREV_ITEMS)
                {
                    out.push(
                        Diagnostic::new(
                            "total-mismatch",
                            Severity::Hint,
                            c.range.clone(),
                            format!(
                                "上一年项目数量{now}不等于上年报告的{pp}加本年增/减{pc} = {}。",
                                pp + pc
                            ),
                        )
                        .data(json!({"relation": "P6", "table": ids::table::T1, "rows": [row]})),
                    );
                }
            }
        }
    }
    copied::text_checks(cur, prev, &mut out);
    out
}
