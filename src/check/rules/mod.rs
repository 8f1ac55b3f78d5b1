//! The checks. Each function adds diagnostics for one concern; `run` calls them in order, one
//! file per family of rules: `parts`, `year` (year and format), `table` and `cells` (each table),
//! `totals` (relations and subtotals), `dates` (signature), `fee`, `narrative`. `cross_year`
//! compares a report with last year's (its tables, and through `copied` the text of parts 一 and
//! 五 that `check::keep_prose` keeps in `Analysis::prose`); the front ends call it once they have
//! paired the two.

mod cells;
mod copied;
mod cross_year;
mod dates;
mod fee;
mod narrative;
mod parts;
mod table;
mod totals;
mod year;

use super::doc::Analysis;
use crate::format::ids;
use crate::syntax::Block;
use crate::text::position::line_start_at;
use std::ops::Range;

pub use copied::{Paragraph, Prose, paragraphs};
pub use cross_year::{cross_year, int as carried_int};

use dates::signature;
use fee::fee;
use narrative::narrative;
use parts::parts;
use table::table;
use year::{formats, year};

pub const TABLE_NAMES: [(&str, &str); 3] = [
    (ids::table::T1, "表一（主动公开）"),
    (ids::table::T2, "表二（依申请公开）"),
    (ids::table::T3, "表三（行政复议、行政诉讼）"),
];

pub fn table_name(id: &str) -> &'static str {
    TABLE_NAMES
        .iter()
        .find(|(i, _)| *i == id)
        .map_or("表格", |(_, n)| n)
}

pub fn run(text: &str, blocks: &[Block], a: &mut Analysis) {
    let mut d = Vec::new();
    parts(text, blocks, a, &mut d);
    year(text, a, &mut d);
    formats(text, a, &mut d);
    for t in &a.tables {
        table(text, a, t, &mut d);
    }
    signature(text, a, &mut d);
    fee(text, blocks, a, &mut d);
    narrative(text, blocks, a, &mut d);
    a.diagnostics.extend(d);
}

fn cn(n: u8) -> &'static str {
    ["", "一", "二", "三", "四", "五", "六"][n as usize]
}

fn last_line(text: &str, end: usize) -> Range<usize> {
    let t = text[..end].trim_end();
    let start = line_start_at(t, t.len());
    start..t.len()
}
