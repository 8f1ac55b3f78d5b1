//! Year and format: the report year and statistics period, the format the tables use against
//! the one the year calls for, and labels of another format inside a table.

use super::table_name;
use crate::check::doc::{Analysis, YearSource};
use crate::check::tables::ReadTable;
use crate::check::{Diagnostic, Severity};
use crate::format::Format;
use crate::format::ids;
use crate::text::position::line_end_at;
use serde_json::json;
use std::ops::Range;

/// The report year and the statistics period. `title_odd`: the period and the running text
/// agree on a year the title contradicts — then the title is what `year_words` reports
/// (`year-mismatch`), not the period.
pub(super) fn year(text: &str, a: &Analysis, title_odd: bool, d: &mut Vec<Diagnostic>) {
    match &a.year {
        None => {
            let r = a.title.clone().unwrap_or_else(|| 0..line_end_at(text, 0));
            d.push(Diagnostic::new(
                "unknown-year",
                Severity::Warning,
                r,
                "无法确定报告年度：标题、统计期限和正文中都没有找到年度。请在标题中写明年度，例如「2024年政府信息公开工作年度报告」。",
            ));
        }
        Some((y, src, _)) => {
            if *y < 2019 {
                d.push(Diagnostic::new(
                    "format-mismatch",
                    Severity::Info,
                    a.title.clone().unwrap_or(0..0),
                    format!("{y}年度报告适用2008年《条例》（国务院令第492号），当时没有现行格式，nianbao按现行格式检查。"),
                ));
            }
            if let Some((from, to, r)) = &a.period {
                let ok = from.y == *y
                    && to.y == *y
                    && (from.m, from.d) == (1, 1)
                    && (to.m, to.d) == (12, 31);
                if !ok && *src != YearSource::Period && !title_odd {
                    d.push(Diagnostic::new(
                        "period-mismatch",
                        Severity::Warning,
                        r.clone(),
                        format!(
                            "统计期限（{}年{}月{}日至{}年{}月{}日）与报告年度不符，应为{y}年1月1日至{y}年12月31日。",
                            from.y, from.m, from.d, to.y, to.m, to.d
                        ),
                    ));
                }
            }
        }
    }
}

pub(super) fn formats(text: &str, a: &Analysis, d: &mut Vec<Diagnostic>) {
    let Some((year, _, _)) = a.year else { return };
    if year < 2019 {
        return;
    }
    let expected = a.format;
    let decided: Vec<&ReadTable> = a
        .tables
        .iter()
        .filter(|t| t.present() && t.decisive && t.id != ids::table::T3)
        .collect();
    match decided.iter().find(|t| t.format.id != expected.id) {
        Some(t) => {
            let r = t.first_label.clone().unwrap_or(t.range.clone());
            d.push(mismatch(
                t.id,
                |f| format!("使用的是{f}"),
                t.format,
                expected,
                year,
                r,
            ));
        }
        None => foreign_labels(text, a, year, d),
    }
    if let [x, y, ..] = decided.as_slice()
        && x.format.id != y.format.id
    {
        d.push(
            Diagnostic::new(
                "mixed-format",
                Severity::Error,
                y.first_label.clone().unwrap_or(y.range.clone()),
                format!(
                    "表格格式混用：{}是{}，{}却是{}。",
                    table_name(x.id),
                    x.format.short,
                    table_name(y.id),
                    y.format.short
                ),
            )
            .related(
                x.first_label.clone().unwrap_or(x.range.clone()),
                table_name(x.id),
            ),
        );
    }
}

/// A table (or labels in it, as `uses` says) in format `actual` where the year calls for
/// `expected`: an error for an older format, a warning for one not yet published.
fn mismatch(
    table: &str,
    uses: impl Fn(String) -> String,
    actual: &Format,
    expected: &Format,
    year: u16,
    range: Range<usize>,
) -> Diagnostic {
    let (sev, msg) = if actual.years[0] > expected.years[0] {
        (
            Severity::Warning,
            format!(
                "{}{}，但{year}年度的报告适用{}（{}）：该格式当时尚未发布。",
                table_name(table),
                uses(actual.short.clone()),
                expected.short,
                expected.notice
            ),
        )
    } else {
        (
            Severity::Error,
            format!(
                "{}{}，{year}年度的报告应使用{}（{}，自2021年度报告起适用）。",
                table_name(table),
                uses(format!("旧的{}（{}）", actual.short, actual.notice)),
                expected.short,
                expected.notice
            ),
        )
    };
    Diagnostic::new("format-mismatch", sev, range, msg).data(json!({
        "expected": expected.id, "actual": actual.id, "table": table
    }))
}

/// Labels of another format inside a table read in the year's format (2019 column headers
/// over 2021 rows): every signal of the format counts, not only the rows.
fn foreign_labels(text: &str, a: &Analysis, year: u16, d: &mut Vec<Diagnostic>) {
    let expected = a.format;
    for t in a
        .tables
        .iter()
        .filter(|t| t.present() && t.format.id == expected.id)
    {
        let Some((other, first)) = t.foreign.first() else {
            continue;
        };
        let mut names: Vec<String> = Vec::new();
        for (_, r) in t.foreign.iter().filter(|(f, _)| f.id == other.id) {
            let n = format!("「{}」", text[r.clone()].trim());
            if !names.contains(&n) {
                names.push(n);
            }
        }
        let names = names.join("");
        let uses = |f: String| format!("中的{names}是{f}的写法");
        d.push(mismatch(t.id, uses, other, expected, year, first.clone()));
    }
}
