//! The data files as data: they deserialize with known keys only, ids are unique, conversions
//! name existing rows, years and names of each format, and the constants of `format::ids`.

use super::*;

#[test]
fn both_files_deserialize() {
    for (name, json) in DATA {
        let f: Format = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("format data {name}.json is invalid: {e}"));
        assert_eq!(&f.id, name, "file name and id differ");
    }
    assert_eq!(all().len(), 2);
    assert_eq!(latest().id, "2021");
}

/// Every id a conversion names exists: its rows in this format's table, the cells' columns and
/// the dropped rows in the older format's table.
#[test]
fn conversions_name_existing_rows_and_columns() {
    let mut n = 0;
    for f in all() {
        for c in &f.conversions {
            let from = by_id(&c.from).expect("older format");
            let (old, new) = (from.table(&c.table).unwrap(), f.table(&c.table).unwrap());
            for r in &c.rows {
                assert!(new.any_row(&r.row).is_some(), "{}: row {}", f.id, r.row);
                let src = r.from.as_deref().unwrap_or(&r.row);
                if !r.skip && r.fill.is_none() {
                    assert!(old.any_row(src).is_some(), "{}: from row {src}", f.id);
                }
                for col in r.cells.iter().filter(|c| !c.is_empty()) {
                    assert!(old.all_columns().any(|x| &x.id == col), "{}: {col}", f.id);
                }
            }
            for d in &c.dropped {
                assert!(old.any_row(&d.row).is_some() && new.any_row(&d.row).is_none());
                for col in &d.columns {
                    assert!(old.all_columns().any(|x| &x.id == col), "{}: {col}", f.id);
                }
            }
            n += 1;
        }
    }
    assert_eq!(n, 2, "2019 → 2021 tables 1 and 2");
}

/// serde silently ignores unknown keys, so a misspelt key (e.g. "varients") would vanish.
/// Check every object's keys against the fields of its struct.
#[test]
fn no_unknown_keys() {
    use serde_json::Value;
    const FORMAT: &[&str] = &[
        "id",
        "name",
        "notice",
        "short",
        "years",
        "requires_fee_statement",
        "parts",
        "tables",
        "relations",
        "conversions",
    ];
    const CONVERSION: &[&str] = &["from", "table", "by_column", "rows", "dropped", "note"];
    const ROW_CONVERSION: &[&str] = &["row", "from", "cells", "fill", "skip"];
    const DROPPED: &[&str] = &["row", "columns"];
    const PART: &[&str] = &[
        "id", "number", "ordinal", "title", "variants", "keywords", "basis", "guide", "table",
        "topics",
    ];
    const TOPIC: &[&str] = &[
        "id",
        "name",
        "keywords",
        "government_only",
        "anywhere",
        "not_after",
        "level",
        "reason",
    ];
    const TABLE: &[&str] = &[
        "id",
        "part",
        "title",
        "kind",
        "columns",
        "rows",
        "blocks",
        "header_labels",
        "foreign_signals",
    ];
    const BLOCK: &[&str] = &["id", "label", "article", "columns", "rows"];
    const COLUMN: &[&str] = &["id", "label", "group", "type", "help"];
    const ROW: &[&str] = &[
        "id", "label", "level", "kind", "parent", "articles", "help", "variants",
    ];
    const RELATION: &[&str] = &[
        "id",
        "table",
        "block",
        "over",
        "op",
        "lhs",
        "rhs",
        "only",
        "tag",
        "lhs_is_total",
        "description",
    ];

    fn check(v: &Value, allowed: &[&str], at: &str) {
        let obj = v
            .as_object()
            .unwrap_or_else(|| panic!("{at}: not an object"));
        for k in obj.keys() {
            assert!(allowed.contains(&k.as_str()), "{at}: unknown key {k:?}");
        }
    }
    fn each<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
        v.get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter())
            .into_iter()
            .flatten()
    }

    for (name, json) in DATA {
        let v: Value = serde_json::from_str(json).unwrap();
        check(&v, FORMAT, name);
        for p in each(&v, "parts") {
            check(p, PART, &format!("{name} part"));
            for t in each(p, "topics") {
                check(t, TOPIC, &format!("{name} topic"));
            }
        }
        for r in each(&v, "relations") {
            check(r, RELATION, &format!("{name} relation"));
        }
        for c in each(&v, "conversions") {
            check(c, CONVERSION, &format!("{name} conversion"));
            for r in each(c, "rows") {
                check(r, ROW_CONVERSION, &format!("{name} conversion row"));
            }
            for r in each(c, "dropped") {
                check(r, DROPPED, &format!("{name} conversion dropped row"));
            }
        }
        for t in each(&v, "tables") {
            check(t, TABLE, &format!("{name} table"));
            for c in each(t, "columns") {
                check(c, COLUMN, &format!("{name} column"));
            }
            for r in each(t, "rows") {
                check(r, ROW, &format!("{name} row"));
            }
            for b in each(t, "blocks") {
                check(b, BLOCK, &format!("{name} block"));
                for c in each(b, "columns") {
                    check(c, COLUMN, &format!("{name} block column"));
                }
                for r in each(b, "rows") {
                    check(r, ROW, &format!("{name} block row"));
                }
            }
        }
    }
}

#[test]
fn ids_unique_within_scope() {
    for f in all() {
        let fid = &f.id;
        assert_unique(
            &format!("{fid} parts"),
            f.parts.iter().map(|p| p.id.as_str()),
        );
        assert_unique(
            &format!("{fid} tables"),
            f.tables.iter().map(|t| t.id.as_str()),
        );
        assert_unique(
            &format!("{fid} relations"),
            f.relations.iter().map(|r| r.id.as_str()),
        );
        for t in &f.tables {
            let tid = &t.id;
            assert_unique(
                &format!("{fid}/{tid} columns"),
                t.columns.iter().map(|c| c.id.as_str()),
            );
            assert_unique(
                &format!("{fid}/{tid} rows"),
                t.rows.iter().map(|r| r.id.as_str()),
            );
            assert_unique(
                &format!("{fid}/{tid} blocks"),
                t.sections.iter().map(|b| b.id.as_str()),
            );
            // Row ids are unique across all blocks of a table.
            assert_unique(
                &format!("{fid}/{tid} block rows"),
                block_rows(t).map(|r| r.id.as_str()),
            );
            for b in &t.sections {
                assert_unique(
                    &format!("{fid}/{tid}/{} columns", b.id),
                    b.columns.iter().map(|c| c.id.as_str()),
                );
            }
            // Labels are unique too (a label must identify its row / column).
            assert_unique(
                &format!("{fid}/{tid} row labels"),
                t.all_rows().map(|r| r.label.as_str()),
            );
        }
    }
}

#[test]
fn years_and_lookup() {
    let formats = all();
    for (i, a) in formats.iter().enumerate() {
        assert!(a.years[0] <= a.years[1], "{}: empty year range", a.id);
        for b in &formats[i + 1..] {
            assert!(
                a.years[1] < b.years[0] || b.years[1] < a.years[0],
                "{} and {} overlap",
                a.id,
                b.id
            );
        }
    }
    assert_eq!(f2019().years, [2019, 2020]);
    assert_eq!(f2021().years, [2021, 9999]);
    assert_eq!(for_year(2019).map(|f| f.id.as_str()), Some("2019"));
    assert_eq!(for_year(2020).map(|f| f.id.as_str()), Some("2019"));
    assert_eq!(for_year(2021).map(|f| f.id.as_str()), Some("2021"));
    assert_eq!(for_year(2030).map(|f| f.id.as_str()), Some("2021"));
    assert!(for_year(2018).is_none());
    assert!(by_id("2008").is_none());
}

#[test]
fn header_metadata() {
    let f = f2021();
    assert_eq!(f.notice, "国办公开办函〔2021〕30号");
    assert_eq!(f.short, "2021版格式");
    assert_eq!(f.name, "《中华人民共和国政府信息公开工作年度报告格式》");
    let f = f2019();
    assert_eq!(f.notice, "国办公开办函〔2019〕60号");
    assert_eq!(f.short, "2019版试行格式");
    assert_eq!(
        f.name,
        "《中华人民共和国政府信息公开工作年度报告格式（试行）》"
    );
}

/// The ids of one kind (`table`, `block`, `row`, `column`: the submodules of `ids`) in a format.
fn ids_of_kind<'a>(f: &'a Format, kind: &str) -> Vec<&'a str> {
    let tables = f.tables.iter();
    match kind {
        "table" => tables.map(|t| t.id.as_str()).collect(),
        "block" => tables
            .flat_map(|t| t.sections.iter().map(|b| b.id.as_str()))
            .collect(),
        "row" => tables
            .flat_map(|t| t.all_rows().map(|r| r.id.as_str()))
            .collect(),
        "column" => tables
            .flat_map(|t| t.all_columns().map(|c| c.id.as_str()))
            .collect(),
        _ => panic!("ids: unknown kind of id `{kind}`"),
    }
}

/// Every constant of `format::ids` names an id of its kind in the data of at least one format,
/// so that an id renamed in the data fails here rather than silently in the code. The
/// constants are read from the module's source, so a new one is checked without being listed.
/// `row::SINGLE`, the reader's name for the row of a single-row table, is the exception: no
/// table, block, row or column of the data may have that id.
#[test]
fn ids_constants_name_ids_of_the_data() {
    let mut kind = None;
    let mut checked = 0;
    for line in include_str!("../ids.rs").lines().map(str::trim) {
        if let Some(m) = line.strip_prefix("pub mod ") {
            kind = Some(m.trim_end_matches('{').trim());
            continue;
        }
        if !line.contains("const ") {
            continue;
        }
        let (name, id) = line
            .strip_prefix("pub const ")
            .and_then(|rest| rest.split_once(": &str = \""))
            .and_then(|(name, v)| Some((name, v.strip_suffix("\";")?)))
            .unwrap_or_else(|| {
                panic!("ids: not of the form `pub const X: &str = \"id\";`: {line}")
            });
        let kind = kind.unwrap_or_else(|| panic!("ids: {name} is outside the kind modules"));
        checked += 1;
        if kind == "row" && id == ids::row::SINGLE {
            for f in all() {
                assert!(
                    f.tables.iter().any(|t| t.kind == TableKind::SingleRow),
                    "{}: no single-row table",
                    f.id
                );
                for k in ["table", "block", "row", "column"] {
                    assert!(
                        !ids_of_kind(f, k).contains(&id),
                        "{}: a {k} has the id `{id}` of ids::row::{name}",
                        f.id
                    );
                }
            }
            continue;
        }
        assert!(
            all().iter().any(|f| ids_of_kind(f, kind).contains(&id)),
            "ids::{kind}::{name} = \"{id}\" is no {kind} id of any format"
        );
    }
    assert!(checked >= 3, "ids: only {checked} constants found");
}
