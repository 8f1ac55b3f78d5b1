//! Narrative versus tables.

use crate::check::doc::Analysis;
use crate::check::facts::{self, Fact, FactAt};
use crate::check::relations::int_of;
use crate::check::{Diagnostic, Severity};
use crate::format::ids;
use crate::syntax::{Block, BlockKind};

/// Narrative numbers that name a table quantity, compared with the tables (X2–X5,
/// docs/format.md#narrative-and-tables).
pub(super) fn narrative(text: &str, blocks: &[Block], a: &Analysis, d: &mut Vec<Diagnostic>) {
    let t1 = a.table(ids::table::T1).filter(|t| t.has_number());
    let t2 = a.table(ids::table::T2).filter(|t| t.has_number());
    let t3 = a.table(ids::table::T3).filter(|t| t.has_number());
    let t2v = |row: &str| {
        t2.and_then(|t| {
            int_of(t.cell(row, ids::column::TOT))
                .map(|v| (v, t.cell(row, ids::column::TOT).map(|c| c.range.clone())))
        })
    };
    let review_total: Option<i64> = t3.map(|t| t.cells().filter_map(|c| int_of(Some(c))).sum());
    for b in blocks.iter().filter(|b| b.kind == BlockKind::Prose) {
        let Some(prose) = b.cells.first() else {
            continue;
        };
        // Extracted once per parse of the block, not on every analysis (`syntax::Memo`).
        let found: &Vec<FactAt> = b
            .memo
            .get_or_init(|| facts::extract(b.text(text), &prose.folded));
        for f in found {
            let range = b.abs(&f.range);
            match f.fact {
                Fact::NewApplications(n) => {
                    let Some((new, cell)) = t2v(ids::row::NEW) else {
                        continue;
                    };
                    let carried = t2v(ids::row::CARRIED_IN).map_or(0, |x| x.0);
                    if n != new && n != new + carried {
                        let mut diag = Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range,
                            format!(
                                "正文说收到申请{n}件，但表二「一、本年新收政府信息公开申请数量」的总计是{new}。"
                            ),
                        );
                        if let Some(r) = cell {
                            diag = diag.related(r, format!("表二 本年新收 总计 = {new}"));
                        }
                        d.push(diag);
                    }
                }
                Fact::Decisions(row, n) => {
                    let Some(cell) = t1.and_then(|t| t.cell(row, ids::column::DECISIONS)) else {
                        continue;
                    };
                    let Some(v) = int_of(Some(cell)) else {
                        continue;
                    };
                    if n != v {
                        let what = match row {
                            ids::row::LICENSE => "行政许可",
                            ids::row::PENALTY => "行政处罚",
                            _ => "行政强制",
                        };
                        d.push(
                            Diagnostic::new(
                                "narrative-mismatch",
                                Severity::Warning,
                                range,
                                format!("正文说{what}{n}件（条），但表一「{what}」的处理决定数量是{v}。如果正文指的是事项数量而非决定数量，可忽略。"),
                            )
                            .related(cell.range.clone(), format!("表一 {what} = {v}")),
                        );
                    }
                }
                Fact::NoApplications => {
                    if let Some((new, _)) = t2v(ids::row::NEW)
                        && new > 0
                    {
                        d.push(Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range,
                            format!("正文说没有收到申请，但表二本年新收申请总计是{new}。"),
                        ));
                    }
                }
                Fact::NoReview => {
                    if review_total.is_some_and(|t| t > 0) {
                        d.push(Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range,
                            "正文说没有行政复议或行政诉讼，但表三中有不为0的数。".to_string(),
                        ));
                    }
                }
                Fact::AllConcluded => {
                    if let Some((out, cell)) = t2v(ids::row::CARRIED_OUT)
                        && out > 0
                    {
                        let mut diag = Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range,
                            format!(
                                "正文说申请已全部办结，但表二「四、结转下年度继续办理」的总计是{out}。"
                            ),
                        );
                        if let Some(r) = cell {
                            diag = diag.related(r, format!("表二 结转下年度继续办理 总计 = {out}"));
                        }
                        d.push(diag);
                    }
                }
            }
        }
    }
}
