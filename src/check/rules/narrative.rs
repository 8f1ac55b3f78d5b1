//! Narrative versus tables (X2–X5 of docs/format.md and the phrase map of
//! `src/format/data/phrases.json`): every quantity, claim and rate the prose states, compared
//! with the cells it names. Sentences about another year are left alone; a cell that cannot be
//! read leaves its phrase unchecked (the cell has its own finding).

use crate::check::doc::Analysis;
use crate::check::facts::{self, Change, Era, Fact, FactAt};
use crate::check::relations::int_of;
use crate::check::tables::ReadTable;
use crate::check::{Diagnostic, Edit, Severity};
use crate::format::phrases::{self, CellSum, Zero};
use crate::format::{RowKind, ids};
use crate::syntax::{Block, BlockKind};
use crate::text::fold::{Unit, Value};
use crate::text::numerals;
use serde_json::json;
use std::ops::Range;

/// A narrative number of a quantity that holds for this year, kept in the analysis for the
/// comparison with last year's report.
#[derive(Debug, Clone, PartialEq)]
pub struct NarrativeNumber {
    /// The quantity's id in the phrase map.
    pub quantity: &'static str,
    pub n: i64,
    pub range: Range<usize>,
    /// A change against last year stated right after it.
    pub change: Option<Change>,
}

/// A sum of cells as read: the value and the cells' ranges.
pub(crate) struct Sum {
    pub value: i64,
    pub cells: Vec<(Range<usize>, i64)>,
    /// A blank 总计 cell in a row with numbers was taken as the sum of the row's other cells.
    pub guessed: bool,
}

/// The sum of `spec`'s cells in the analysis, or `None` when its table has no number or one of
/// its cells is missing or unreadable. Rows the table's format does not have and group rows are
/// left out; a sum with no row left is `None`.
pub(crate) fn sum(a: &Analysis, spec: &CellSum) -> Option<Sum> {
    let t = a.table(&spec.table).filter(|t| t.has_number())?;
    sum_in(t, spec)
}

fn sum_in(t: &ReadTable, spec: &CellSum) -> Option<Sum> {
    let mut value = 0i64;
    let mut cells = Vec::new();
    let mut any = false;
    let mut guessed = false;
    for r in &spec.rows {
        if r != ids::row::SINGLE {
            match t.table.all_rows().find(|x| &x.id == r) {
                None => continue,
                Some(x) if x.kind == RowKind::Group => continue,
                Some(_) => {}
            }
        }
        for c in &spec.columns {
            let cell = t.cell(r, c)?;
            let mut v = int_of(Some(cell))?;
            if c == ids::column::TOT && cell.value == Value::Empty {
                // The row's total was left blank: its columns say what it is (A3).
                let row = t.row(r)?;
                let others = row
                    .columns
                    .iter()
                    .zip(&row.cells)
                    .filter(|(col, _)| col.id != ids::column::TOT)
                    .map(|(_, c)| int_of(c.as_ref()))
                    .sum::<Option<i64>>()?;
                if others != 0 {
                    v = others;
                    guessed = true;
                }
            }
            value = value.checked_add(v)?;
            cells.push((cell.range.clone(), v));
            any = true;
        }
    }
    any.then_some(Sum {
        value,
        cells,
        guessed,
    })
}

fn amount_in_wan(a: &Analysis, spec: &CellSum) -> Option<(f64, Range<usize>)> {
    let t = a.table(&spec.table).filter(|t| t.has_number())?;
    let cell = t.cell(spec.rows.first()?, spec.columns.first()?)?;
    match &cell.value {
        Value::Empty | Value::Dash => Some((0.0, cell.range.clone())),
        Value::Number(n) if !n.signed && n.value >= 0.0 => {
            let v = if n.unit == Unit::Yuan {
                n.value / 10_000.0
            } else {
                n.value
            };
            Some((v, cell.range.clone()))
        }
        _ => None,
    }
}

fn written(n: i64, chinese: bool) -> String {
    match u32::try_from(n) {
        Ok(v) if chinese => numerals::to_cn(v),
        _ => n.to_string(),
    }
}

fn era_is_this_year(era: Era, year: Option<u16>) -> bool {
    match era {
        Era::Current => true,
        Era::Year(y) => year == Some(y),
        Era::Prior => false,
    }
}

/// Narrative numbers and claims compared with the tables; returns the numbers that hold for
/// this year (for the comparison with last year's report).
pub(super) fn narrative(
    text: &str,
    blocks: &[Block],
    a: &Analysis,
    d: &mut Vec<Diagnostic>,
) -> Vec<NarrativeNumber> {
    let p = phrases::phrases();
    let year = a.year.as_ref().map(|(y, _, _)| *y);
    let mut numbers: Vec<NarrativeNumber> = Vec::new();
    for (bi, b) in blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Prose)
    {
        let Some(prose) = b.cells.first() else {
            continue;
        };
        let part = a
            .parts
            .iter()
            .find(|p| p.blocks.contains(&bi))
            .map(|p| p.number);
        let counts = |scope: Option<&phrases::Scope>, scoped: bool| {
            scoped || scope.is_some_and(|sc| part.is_some_and(|n| sc.parts.contains(&n)))
        };
        // Extracted once per parse of the block, not on every analysis (`syntax::Memo`).
        let found: &Vec<FactAt> = facts::memo(b)
            .facts
            .get_or_init(|| facts::extract(b.text(text), &prose.folded));
        for f in found {
            let range = b.abs(&f.range);
            match &f.fact {
                Fact::Quantity {
                    q,
                    n,
                    chinese,
                    context,
                    era,
                    scoped,
                } => {
                    let qd = &p.data.quantities[*q];
                    if !era_is_this_year(*era, year) || !counts(qd.scope.as_ref(), *scoped) {
                        continue;
                    }
                    let (spec, label) = match context {
                        Some(i) => {
                            let bc = &qd.by_context[*i];
                            (bc.cell.as_ref(), bc.label.as_str())
                        }
                        None => (qd.cell.as_ref(), qd.label.as_str()),
                    };
                    numbers.push(NarrativeNumber {
                        quantity: &qd.id,
                        n: *n,
                        range: range.clone(),
                        change: None,
                    });
                    let Some(s) = spec.and_then(|spec| sum(a, spec)) else {
                        continue;
                    };
                    if *n == s.value {
                        continue;
                    }
                    let also = spec.and_then(|spec| {
                        qd.also.iter().find_map(|al| {
                            let alt = CellSum {
                                table: spec.table.clone(),
                                rows: al.rows.clone(),
                                columns: spec.columns.clone(),
                            };
                            sum(a, &alt).filter(|x| x.value == *n).map(|_| al)
                        })
                    });
                    let fix_title = format!("改为表中的数：{}", s.value);
                    let edit = vec![Edit {
                        range: range.clone(),
                        text: written(s.value, *chinese),
                    }];
                    let name = &qd.name;
                    let mut diag = match also {
                        Some(al) => Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Hint,
                            range.clone(),
                            format!(
                                "正文说{name}{n}件，等于{}，而{label}是{}。如果这里说的是{name}，请改为{}。",
                                al.what, s.value, s.value
                            ),
                        ),
                        None => Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range.clone(),
                            format!(
                                "正文说{name}{n}件，但{label}是{}{}。{}",
                                s.value,
                                if s.guessed {
                                    "（总计栏空白，按各申请人列之和计）"
                                } else {
                                    ""
                                },
                                qd.note
                            )
                            .trim_end()
                            .to_string(),
                        ),
                    };
                    if let Some((r, _)) = s.cells.first() {
                        diag = diag.related(r.clone(), format!("{label} = {}", s.value));
                    }
                    d.push(diag.fix(fix_title, edit).data(json!({
                        "quantity": qd.id, "narrative": n, "table": s.value
                    })));
                }
                Fact::Amount { q, wan, era } => {
                    if !era_is_this_year(*era, year) {
                        continue;
                    }
                    let qd = &p.data.quantities[*q];
                    let Some((v, cell)) = qd.cell.as_ref().and_then(|c| amount_in_wan(a, c)) else {
                        continue;
                    };
                    let tolerance = 0.005_f64.max(v.abs() * 0.001);
                    if (wan - v).abs() <= tolerance {
                        continue;
                    }
                    // The cell filled in 元 (10 000 times the amount) is the cell's finding.
                    if (wan * 10_000.0 - v).abs() <= tolerance * 10_000.0 {
                        continue;
                    }
                    d.push(
                        Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range.clone(),
                            format!(
                                "正文说{}{}万元，但{}是{}万元（注意元与万元的换算）。",
                                qd.name,
                                trim_float(*wan),
                                qd.label,
                                trim_float(v)
                            ),
                        )
                        .related(cell, format!("{} = {}", qd.label, trim_float(v)))
                        .data(json!({"quantity": qd.id})),
                    );
                }
                Fact::Claim {
                    c,
                    contexts,
                    era,
                    scoped,
                } => {
                    let cd = &p.data.claims[*c];
                    if !era_is_this_year(*era, year) || !counts(cd.scope.as_ref(), *scoped) {
                        continue;
                    }
                    let zeros: Vec<&Zero> = if contexts.is_empty() {
                        cd.zero.iter().collect()
                    } else {
                        contexts
                            .iter()
                            .flat_map(|i| cd.by_context[*i].zero.iter())
                            .collect()
                    };
                    let broken: Vec<(&Zero, Sum)> = zeros
                        .into_iter()
                        .filter_map(|z| sum(a, &z.cell).map(|s| (z, s)))
                        .filter(|(_, s)| s.value != 0)
                        .collect();
                    if broken.is_empty() {
                        continue;
                    }
                    let said: Vec<String> = broken
                        .iter()
                        .map(|(z, s)| format!("{}是{}", z.label, s.value))
                        .collect();
                    let mut diag = Diagnostic::new(
                        "narrative-mismatch",
                        Severity::Warning,
                        range.clone(),
                        format!("正文说{}，但{}。", cd.says, said.join("，")),
                    );
                    for (z, s) in &broken {
                        for (r, v) in s.cells.iter().filter(|(_, v)| *v != 0) {
                            diag = diag.related(r.clone(), format!("{} 中的 {v}", z.label));
                        }
                    }
                    d.push(diag.data(json!({"claim": cd.id})));
                }
                Fact::Rate { r, pct, era } => {
                    if !era_is_this_year(*era, year) {
                        continue;
                    }
                    let rd = &p.data.rates[*r];
                    let ratio = |num: &CellSum, den: &CellSum| -> Option<(f64, i64, i64)> {
                        let n = sum(a, num)?.value;
                        let dd = sum(a, den)?.value;
                        (dd > 0).then(|| (n as f64 * 100.0 / dd as f64, n, dd))
                    };
                    let Some((computed, num, den)) = ratio(&rd.numerator, &rd.denominator) else {
                        continue;
                    };
                    let alternatives = rd
                        .also
                        .iter()
                        .filter_map(|al| ratio(&al.numerator, &al.denominator));
                    if rate_matches(*pct, computed)
                        || alternatives
                            .into_iter()
                            .any(|(c, _, _)| rate_matches(*pct, c))
                    {
                        continue;
                    }
                    d.push(
                        Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Warning,
                            range.clone(),
                            format!(
                                "正文说{}为{}%，但按表二计算为{:.1}%（{num}÷{den}）。计算方法：{}",
                                rd.name,
                                trim_float(*pct),
                                computed,
                                rd.formula
                            ),
                        )
                        .data(json!({"rate": rd.id, "narrative": pct, "computed": computed})),
                    );
                }
                Fact::Delta { q, change } => {
                    let id = p.data.quantities[*q].id.as_str();
                    if let Some(last) = numbers.iter_mut().rev().find(|x| x.quantity == id) {
                        last.change = Some(*change);
                    }
                }
                Fact::ProcessingFee { yuan } => {
                    // Every band of the 办法 is a multiple of 10 元.
                    let cents = (yuan * 100.0).round() as i64;
                    if cents > 0 && cents % 1000 != 0 {
                        d.push(Diagnostic::new(
                            "narrative-mismatch",
                            Severity::Hint,
                            range.clone(),
                            format!(
                                "正文说收取信息处理费{}元，不是10元的整数倍；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条、第五条的各档收费都是10元的整数倍，请核对金额和单位。",
                                trim_float(*yuan)
                            ),
                        ));
                    }
                }
            }
        }
    }
    numbers
}

/// Whether a stated percentage is the computed one, rounded or cut to as many decimals as it
/// was written with (one at most).
fn rate_matches(stated: f64, computed: f64) -> bool {
    let decimals = if (stated * 10.0).round() % 10.0 == 0.0 {
        1.0
    } else {
        10.0
    };
    let round = (computed * decimals).round() / decimals;
    let cut = (computed * decimals).floor() / decimals;
    (stated - round).abs() < 1e-6 || (stated - cut).abs() < 1e-6
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Narrative against last year's report: a stated change (同比增长12%, 较上年减少3件) recomputed
/// from the two years' tables, and a narrative number equal to last year's narrative number
/// where the table changed (text carried over from last year's report).
pub fn narrative_cross_year(cur: &Analysis, prev: &Analysis) -> Vec<Diagnostic> {
    let p = phrases::phrases();
    let mut out = Vec::new();
    if let (Some((cy, _, _)), Some((py, _, _))) = (&cur.year, &prev.year)
        && py.checked_add(1) != Some(*cy)
    {
        return out;
    }
    for num in &cur.narrative {
        let Some(qd) = p.data.quantities.iter().find(|q| q.id == num.quantity) else {
            continue;
        };
        let Some(spec) = qd.cell.as_ref() else {
            continue;
        };
        let (Some(now), Some(before)) = (sum(cur, spec), sum(prev, spec)) else {
            continue;
        };
        let (now, before) = (now.value, before.value);
        if let Some(change) = num.change {
            let wrong = match change {
                Change::Count(c) => (now - before != c).then(|| format!("{c:+}件")),
                Change::Percent(pc) if before > 0 => {
                    let computed = (now - before) as f64 * 100.0 / before as f64;
                    let magnitude = rate_matches(pc.abs(), computed.abs());
                    let direction = computed == 0.0 || (pc < 0.0) == (computed < 0.0);
                    (!magnitude || !direction).then(|| format!("{}%", trim_float(pc)))
                }
                Change::Percent(_) => None,
            };
            if let Some(said) = wrong {
                out.push(
                    Diagnostic::new(
                        "narrative-mismatch",
                        Severity::Warning,
                        num.range.clone(),
                        format!(
                            "正文说{}比上年变化{said}，但表中本年是{now}、上一年度报告是{before}（变化{:+}件{}）。",
                            qd.name,
                            now - before,
                            if before > 0 {
                                format!("，{:+.1}%", (now - before) as f64 * 100.0 / before as f64)
                            } else {
                                String::new()
                            }
                        ),
                    )
                    .data(json!({"quantity": qd.id, "this_year": now, "last_year": before})),
                );
            }
        }
        if num.n != now
            && now != before
            && prev
                .narrative
                .iter()
                .any(|x| x.quantity == num.quantity && x.n == num.n)
        {
            out.push(
                Diagnostic::new(
                    "copied-text",
                    Severity::Hint,
                    num.range.clone(),
                    format!(
                        "正文的{}{}件与上一年度报告正文中的数相同，而表中已由{before}变为{now}：可能沿用了上年的文字。",
                        qd.name, num.n
                    ),
                )
                .data(json!({"quantity": qd.id})),
            );
        }
    }
    out
}
