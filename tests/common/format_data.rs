//! The format data files (src/format/data/*.json): labels are read from them, not hard-coded.

use super::bin::manifest_dir;
use serde_json::Value;

pub fn format_data(id: &str) -> Value {
    let p = manifest_dir().join(format!("src/format/data/{id}.json"));
    let s = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&s).expect("format json")
}

pub fn table<'a>(f: &'a Value, id: &str) -> &'a Value {
    f["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("table {id}"))
}

pub fn s(v: &Value) -> String {
    v.as_str().expect("string").to_string()
}

pub fn part_heading(f: &Value, n: usize) -> String {
    let p = &f["parts"][n - 1];
    format!("{}、{}", s(&p["ordinal"]), s(&p["title"]))
}
