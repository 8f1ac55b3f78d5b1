//! The checks. Each function adds diagnostics for one concern; `run` calls them in order, one
//! file per family of rules: `parts`, `year` (year and format), `table` and `cells` (each table),
//! `totals` (relations and subtotals), `dates` (signature), `fee`, `content` (what the parts
//! cover; 规章 of a county-level organ), `narrative`, `year_words` (years of the running text)
//! and `names` (places and agencies of the running text, with the gazetteer `format::places`);
//! `prose` gives them the running text. `cross_year` compares a report with last year's (its
//! tables, and through `copied` the text of parts 一 and 五 that `check::keep_prose` keeps in
//! `Analysis::prose`); the front ends call it once they have paired the two.

mod cells;
mod content;
mod copied;
mod cross_year;
mod dates;
mod fee;
mod names;
mod narrative;
mod parts;
mod prose;
mod table;
mod totals;
mod year;
mod year_words;

use super::doc::Analysis;
use crate::format::ids;
use crate::syntax::Block;
use crate::text::position::line_start_at;
use std::ops::Range;

pub use copied::{Paragraph, Prose, paragraphs};
pub use cross_year::int as carried_int;
pub use narrative::NarrativeNumber;

use content::{content, county_rules};
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

/// Every finding that compares a report with last year's `prev`: the tables (X1, P4–P6), the
/// text of parts 一 and 五, and the narrative's changes and numbers.
pub fn cross_year(cur: &Analysis, prev: &Analysis) -> Vec<super::Diagnostic> {
    let mut out = cross_year::cross_year(cur, prev);
    out.extend(narrative::narrative_cross_year(cur, prev));
    out
}

pub fn run(text: &str, blocks: &[Block], a: &mut Analysis) {
    let mut d = Vec::new();
    parts(text, blocks, a, &mut d);
    let claims = year_words::claims(text, blocks, a);
    let odd_title = year_words::odd_title(a, &claims);
    year(text, a, odd_title.is_some(), &mut d);
    formats(text, a, &mut d);
    for t in &a.tables {
        table(text, a, t, &mut d);
    }
    signature(text, a, &mut d);
    fee(text, blocks, a, &mut d);
    content(blocks, a, &mut d);
    county_rules(a, &mut d);
    a.narrative = narrative(text, blocks, a, &mut d);
    year_words::year_words(text, a, &claims, odd_title, &mut d);
    names::names(text, blocks, a, &mut d);
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
