//! Consistency tests for the format data files (`data/2019.json`, `data/2021.json`).
//!
//! `data`: the files as data (keys, ids, conversions, years, `format::ids`); `parts`: the six
//! parts; `tables`: the shapes and labels of the tables; `t2`: table 2's rows and columns;
//! `relations`: the relations between cells.

mod data;
mod parts;
mod relations;
mod t2;
mod tables;

use super::*;
use std::collections::HashSet;

fn f2019() -> &'static Format {
    by_id("2019").expect("format 2019 present")
}

fn f2021() -> &'static Format {
    by_id("2021").expect("format 2021 present")
}

fn table<'a>(f: &'a Format, id: &str) -> &'a Table {
    f.table(id)
        .unwrap_or_else(|| panic!("format {}: table {id} missing", f.id))
}

fn assert_unique<'a>(what: &str, ids: impl IntoIterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for id in ids {
        assert!(!id.is_empty(), "{what}: empty id");
        assert!(seen.insert(id), "{what}: duplicate id {id}");
    }
}

/// All block rows of a blocks table, in order.
fn block_rows(t: &Table) -> impl Iterator<Item = &Row> {
    t.sections.iter().flat_map(|b| b.rows.iter())
}
