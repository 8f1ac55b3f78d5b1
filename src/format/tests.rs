//! Consistency tests for the format data files (`data/2019.json`, `data/2021.json`).

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
fn parts_are_complete_and_ordered() {
    const ORDINALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
    const TITLES: [&str; 6] = [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ];
    for f in all() {
        assert_eq!(f.parts.len(), 6, "{}: six parts", f.id);
        for (i, p) in f.parts.iter().enumerate() {
            assert_eq!(p.id, format!("p{}", i + 1));
            assert_eq!(p.number as usize, i + 1);
            assert_eq!(p.ordinal, ORDINALS[i]);
            assert_eq!(p.title, TITLES[i]);
            assert!(!p.keywords.is_empty(), "{}: {} has no keywords", f.id, p.id);
            assert!(!p.basis.is_empty() && !p.guide.is_empty());
            // Variants are given without the ordinal.
            for v in &p.variants {
                assert!(
                    !ORDINALS.iter().any(|o| v.starts_with(&format!("{o}、"))),
                    "{}: variant {v} carries an ordinal",
                    f.id
                );
                assert_ne!(v, &p.title, "{}: variant equals the title", f.id);
            }
            if let Some(tid) = &p.table {
                assert_eq!(table(f, tid).part, p.id, "{}: part/table link", f.id);
            }
        }
        assert_eq!(
            f.heading(&f.parts[3]),
            "四、政府信息公开行政复议、行政诉讼情况"
        );
        for t in &f.tables {
            let p = f
                .part(&t.part)
                .unwrap_or_else(|| panic!("{}: table {} names unknown part", f.id, t.id));
            assert_eq!(p.table.as_deref(), Some(t.id.as_str()));
        }
        assert_eq!(f.part("p2").unwrap().table.as_deref(), Some("t1"));
        assert_eq!(f.part("p3").unwrap().table.as_deref(), Some("t2"));
        assert_eq!(f.part("p4").unwrap().table.as_deref(), Some("t3"));
    }
}

/// The title and every variant of a part is recognised by that part's keywords and by no
/// other part's keywords.
#[test]
fn part_keywords_identify_headings() {
    for f in all() {
        for p in &f.parts {
            for heading in std::iter::once(&p.title).chain(&p.variants) {
                let hits: Vec<&str> = f
                    .parts
                    .iter()
                    .filter(|q| q.keywords.iter().any(|k| heading.contains(k.as_str())))
                    .map(|q| q.id.as_str())
                    .collect();
                assert_eq!(hits, [p.id.as_str()], "{}: heading {heading}", f.id);
            }
        }
    }
}

#[test]
fn fee_statement_and_guides() {
    assert!(f2021().requires_fee_statement);
    assert!(!f2019().requires_fee_statement);
    assert!(f2021().part("p6").unwrap().guide.contains("信息处理费"));
    assert!(!f2019().part("p6").unwrap().guide.contains("信息处理费"));
    for f in all() {
        let g = &f.part("p1").unwrap().guide;
        for topic in [
            "主动公开",
            "依申请公开",
            "政府信息管理",
            "政府信息公开平台建设",
            "监督保障",
        ] {
            assert!(g.contains(topic), "{}: p1 guide lacks {topic}", f.id);
        }
    }
}

#[test]
fn relation_ids_exist() {
    for f in all() {
        for rel in &f.relations {
            let at = format!("{} relation {}", f.id, rel.id);
            let t = table(f, &rel.table);
            assert!(
                !rel.lhs.is_empty() && !rel.rhs.is_empty(),
                "{at}: empty side"
            );
            assert!(!rel.description.is_empty(), "{at}: no description");
            if rel.lhs_is_total {
                assert_eq!(rel.lhs.len(), 1, "{at}: a total is one cell");
            }
            // Row and column ids available to the relation.
            let (rows, cols): (Vec<&str>, Vec<&str>) = match (&rel.block, t.kind) {
                (Some(bid), TableKind::Blocks) => {
                    let b = t
                        .sections
                        .iter()
                        .find(|b| &b.id == bid)
                        .unwrap_or_else(|| panic!("{at}: unknown block {bid}"));
                    (
                        b.rows.iter().map(|r| r.id.as_str()).collect(),
                        b.columns.iter().map(|c| c.id.as_str()).collect(),
                    )
                }
                (Some(_), _) => panic!("{at}: block given for a non-blocks table"),
                (None, TableKind::Blocks) => panic!("{at}: blocks table needs a block"),
                (None, _) => (
                    t.data_rows().map(|r| r.id.as_str()).collect(),
                    t.columns.iter().map(|c| c.id.as_str()).collect(),
                ),
            };
            let (sides, only) = match rel.over {
                Over::Columns => (&rows, &cols),
                Over::Rows => (&cols, &rows),
            };
            for id in rel.lhs.iter().chain(&rel.rhs) {
                assert!(sides.contains(&id.as_str()), "{at}: unknown operand {id}");
            }
            for id in &rel.only {
                assert!(only.contains(&id.as_str()), "{at}: unknown `only` id {id}");
            }
            let lhs: HashSet<_> = rel.lhs.iter().collect();
            assert!(
                rel.rhs.iter().all(|id| !lhs.contains(id)),
                "{at}: id on both sides"
            );
            assert_unique(&at, rel.lhs.iter().chain(&rel.rhs).map(String::as_str));
        }
    }
}

#[test]
fn relation_sets() {
    let ids = |f: &Format| -> Vec<String> { f.relations.iter().map(|r| r.id.clone()).collect() };
    assert_eq!(ids(f2021()), ["A1", "A2", "A3", "L1", "L2", "L3"]);
    assert_eq!(ids(f2019()), ["A1", "A2", "A3", "L1", "L2", "L3", "P3"]);

    let p3 = f2019().relations.iter().find(|r| r.id == "P3").unwrap();
    assert_eq!(p3.op, Op::Le);
    assert_eq!(p3.tag, Tag::Practice);
    assert_eq!(p3.block.as_deref(), Some("b1"));

    for f in all() {
        let rel = |id: &str| f.relations.iter().find(|r| r.id == id).unwrap();
        let a1 = rel("A1");
        assert_eq!(a1.tag, Tag::Notice);
        assert_eq!(a1.over, Over::Columns);
        assert!(!a1.lhs_is_total);
        assert_eq!(a1.lhs, ["new", "carried_in"]);
        assert_eq!(a1.rhs, ["r7", "carried_out"]);
        let a3 = rel("A3");
        assert_eq!(a3.over, Over::Rows);
        assert_eq!(a3.lhs, ["tot"]);
        assert_eq!(a3.rhs, ["np", "biz", "sci", "npo", "law", "oth"]);
        for l in ["L1", "L2", "L3"] {
            let r = rel(l);
            assert_eq!(r.table, "t3");
            assert!(r.lhs_is_total && r.tag == Tag::Design && r.op == Op::Eq);
            assert!(r.lhs[0].ends_with("_total"));
        }
    }
}

/// A2's right-hand side is exactly the set of leaf result rows under 三、本年度办理结果.
#[test]
fn a2_sums_every_leaf_result_row() {
    for (f, expected) in [(f2021(), 21), (f2019(), 19)] {
        let t2 = table(f, "t2");
        let under_results = |r: &Row| -> bool {
            let mut p = r.parent.as_deref();
            while let Some(id) = p {
                if id == "results" {
                    return true;
                }
                p = t2.row(id).and_then(|r| r.parent.as_deref());
            }
            false
        };
        let leaves: Vec<&str> = t2
            .data_rows()
            .filter(|r| r.id != "r7" && under_results(r))
            .map(|r| r.id.as_str())
            .collect();
        let a2 = f.relations.iter().find(|r| r.id == "A2").unwrap();
        assert_eq!(a2.lhs, ["r7"]);
        assert!(a2.lhs_is_total);
        assert_eq!(a2.rhs.len(), expected, "{}: A2 rhs count", f.id);
        assert_eq!(a2.rhs, leaves, "{}: A2 rhs = leaf result rows", f.id);
    }
}

#[test]
fn row_parents_are_group_rows() {
    for f in all() {
        for t in &f.tables {
            for r in t.all_rows() {
                let at = format!("{}/{} row {}", f.id, t.id, r.id);
                if let Some(pid) = &r.parent {
                    let p = t
                        .row(pid)
                        .unwrap_or_else(|| panic!("{at}: unknown parent {pid}"));
                    assert_eq!(p.kind, RowKind::Group, "{at}: parent is not a group");
                    assert_eq!(p.level + 1, r.level, "{at}: level below its parent");
                } else {
                    assert_eq!(r.level, 1, "{at}: top-level row with level ≠ 1");
                }
                assert!(!r.help.is_empty(), "{at}: no help");
            }
            // Every group row has children.
            for g in t.rows.iter().filter(|r| r.kind == RowKind::Group) {
                assert!(
                    t.rows.iter().any(|r| r.parent.as_ref() == Some(&g.id)),
                    "{}/{}: group {} has no children",
                    f.id,
                    t.id,
                    g.id
                );
            }
        }
    }
}

#[test]
fn table_shapes() {
    for (f, t2_data, t1_cells) in [(f2021(), 25, 10), (f2019(), 23, 22)] {
        let t1 = table(f, "t1");
        let t2 = table(f, "t2");
        let t3 = table(f, "t3");
        assert_eq!(t1.kind, TableKind::Blocks);
        assert_eq!(t2.kind, TableKind::Grid);
        assert_eq!(t3.kind, TableKind::SingleRow);
        assert!(t1.rows.is_empty() && t1.columns.is_empty());
        assert_eq!(t1.header_labels, ["信息内容"]);

        let cells: usize = t1
            .sections
            .iter()
            .map(|b| b.rows.len() * b.columns.len())
            .sum();
        assert_eq!(cells, t1_cells, "{}: t1 numeric cells", f.id);
        for b in &t1.sections {
            assert_eq!(b.label, b.article);
        }

        assert_eq!(t2.data_rows().count(), t2_data, "{}: t2 data rows", f.id);
        assert_eq!(t2.columns.len(), 7);
        assert_eq!(t2.data_rows().count() * t2.columns.len(), t2_data * 7);

        assert_eq!(t3.columns.len(), 15, "{}: t3 columns", f.id);
        assert!(t3.rows.is_empty());
        for c in t2.columns.iter().chain(&t3.columns) {
            assert!(!c.help.is_empty(), "{}: column {} has no help", f.id, c.id);
            assert_eq!(c.ty, CellType::Count);
        }
    }
    let blocks = |f: &Format| -> Vec<String> {
        table(f, "t1")
            .sections
            .iter()
            .map(|b| b.id.clone())
            .collect()
    };
    assert_eq!(blocks(f2021()), ["b1", "b5", "b6", "b8"]);
    assert_eq!(blocks(f2019()), ["b1", "b5", "b6", "b8", "b9"]);
}

#[test]
fn t1_labels_and_types() {
    let cols = |f: &Format, b: &str| -> Vec<(String, String, CellType)> {
        let t = table(f, "t1");
        let b = t.sections.iter().find(|x| x.id == b).unwrap();
        b.columns
            .iter()
            .map(|c| (c.id.clone(), c.label.clone(), c.ty))
            .collect()
    };
    let rows = |f: &Format, b: &str| -> Vec<(String, String)> {
        let t = table(f, "t1");
        let b = t.sections.iter().find(|x| x.id == b).unwrap();
        b.rows
            .iter()
            .map(|r| (r.id.clone(), r.label.clone()))
            .collect()
    };
    let c = |id: &str, l: &str, t: CellType| (id.to_string(), l.to_string(), t);
    let r = |id: &str, l: &str| (id.to_string(), l.to_string());
    use CellType::*;

    let f = f2021();
    assert_eq!(
        cols(f, "b1"),
        [
            c("made", "本年制发件数", Count),
            c("repealed", "本年废止件数", Count),
            c("valid", "现行有效件数", Count)
        ]
    );
    assert_eq!(
        rows(f, "b1"),
        [r("rules", "规章"), r("norms", "行政规范性文件")]
    );
    assert_eq!(cols(f, "b5"), [c("decisions", "本年处理决定数量", Count)]);
    assert_eq!(cols(f, "b6"), cols(f, "b5"));
    assert_eq!(
        rows(f, "b6"),
        [r("penalty", "行政处罚"), r("coercion", "行政强制")]
    );
    assert_eq!(
        cols(f, "b8"),
        [c("amount", "本年收费金额（单位：万元）", Money)]
    );
    assert_eq!(rows(f, "b8"), [r("fee", "行政事业性收费")]);

    let f = f2019();
    assert_eq!(
        cols(f, "b1"),
        [
            c("made", "本年新制作数量", Count),
            c("published", "本年新公开数量", Count),
            c("total_public", "对外公开总数量", Count)
        ]
    );
    assert_eq!(
        rows(f, "b1"),
        [r("rules", "规章"), r("norms", "规范性文件")]
    );
    let three = [
        c("prev_items", "上一年项目数量", Count),
        c("change", "本年增/减", Signed),
        c("decisions", "处理决定数量", Count),
    ];
    assert_eq!(cols(f, "b5"), three);
    assert_eq!(cols(f, "b6"), three);
    assert_eq!(cols(f, "b8"), three[..2]);
    assert_eq!(
        rows(f, "b5"),
        [
            r("license", "行政许可"),
            r("other_services", "其他对外管理服务事项")
        ]
    );
    assert_eq!(
        cols(f, "b9"),
        [
            c("proc_items", "采购项目数量", Count),
            c("proc_amount", "采购总金额", MoneyAnyUnit)
        ]
    );
    assert_eq!(rows(f, "b9"), [r("procurement", "政府集中采购")]);
    assert_eq!(
        table(f, "t1").sections[4].label,
        "第二十条第（九）项",
        "2019 block (九)"
    );

    // 规范性文件 and 行政规范性文件 are each other's variants.
    let norms = |f: &Format| {
        block_rows(table(f, "t1"))
            .find(|r| r.id == "norms")
            .unwrap()
            .variants
            .clone()
    };
    assert_eq!(norms(f2021()), ["规范性文件", "行政规范性档案"]);
    assert_eq!(norms(f2019()), ["行政规范性文件"]);
}

/// The full row list of 5.2 (2021): id, level, kind, exact label, parent.
const T2_ROWS_2021: &[(&str, u8, RowKind, &str, Option<&str>)] = {
    use RowKind::{Data as D, Group as G};
    &[
        ("new", 1, D, "一、本年新收政府信息公开申请数量", None),
        ("carried_in", 1, D, "二、上年结转政府信息公开申请数量", None),
        ("results", 1, G, "三、本年度办理结果", None),
        ("r1", 2, D, "（一）予以公开", Some("results")),
        (
            "r2",
            2,
            D,
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            Some("results"),
        ),
        ("r3", 2, G, "（三）不予公开", Some("results")),
        ("r3_1", 3, D, "1.属于国家秘密", Some("r3")),
        ("r3_2", 3, D, "2.其他法律行政法规禁止公开", Some("r3")),
        (
            "r3_3",
            3,
            D,
            "3.危及\u{201C}三安全一稳定\u{201D}",
            Some("r3"),
        ),
        ("r3_4", 3, D, "4.保护第三方合法权益", Some("r3")),
        ("r3_5", 3, D, "5.属于三类内部事务信息", Some("r3")),
        ("r3_6", 3, D, "6.属于四类过程性信息", Some("r3")),
        ("r3_7", 3, D, "7.属于行政执法案卷", Some("r3")),
        ("r3_8", 3, D, "8.属于行政查询事项", Some("r3")),
        ("r4", 2, G, "（四）无法提供", Some("results")),
        ("r4_1", 3, D, "1.本机关不掌握相关政府信息", Some("r4")),
        ("r4_2", 3, D, "2.没有现成信息需要另行制作", Some("r4")),
        ("r4_3", 3, D, "3.补正后申请内容仍不明确", Some("r4")),
        ("r5", 2, G, "（五）不予处理", Some("results")),
        ("r5_1", 3, D, "1.信访举报投诉类申请", Some("r5")),
        ("r5_2", 3, D, "2.重复申请", Some("r5")),
        ("r5_3", 3, D, "3.要求提供公开出版物", Some("r5")),
        ("r5_4", 3, D, "4.无正当理由大量反复申请", Some("r5")),
        (
            "r5_5",
            3,
            D,
            "5.要求行政机关确认或重新出具已获取信息",
            Some("r5"),
        ),
        ("r6", 2, G, "（六）其他处理", Some("results")),
        (
            "r6_1",
            3,
            D,
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            Some("r6"),
        ),
        (
            "r6_2",
            3,
            D,
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            Some("r6"),
        ),
        ("r6_3", 3, D, "3.其他", Some("r6")),
        ("r7", 2, D, "（七）总计", Some("results")),
        ("carried_out", 1, D, "四、结转下年度继续办理", None),
    ]
};

fn t2_rows(f: &Format) -> Vec<(&str, u8, RowKind, &str, Option<&str>)> {
    table(f, "t2")
        .rows
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.level,
                r.kind,
                r.label.as_str(),
                r.parent.as_deref(),
            )
        })
        .collect()
}

#[test]
fn t2_rows_2021_exact() {
    assert_eq!(t2_rows(f2021()), T2_ROWS_2021);
    // Spot checks of the labels most often mistyped.
    let t2 = table(f2021(), "t2");
    assert_eq!(
        t2.row("r2").unwrap().label,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    );
    assert_eq!(t2.row("r3_3").unwrap().label, "3.危及“三安全一稳定”");
    assert!(t2.foreign_signals.is_empty());
}

#[test]
fn t2_rows_2019_exact() {
    // 2019 = 2021 with （六）其他处理 as one data row and no children.
    let expected: Vec<_> = T2_ROWS_2021
        .iter()
        .filter(|r| !r.0.starts_with("r6_"))
        .map(|&(id, level, kind, label, parent)| {
            let kind = if id == "r6" { RowKind::Data } else { kind };
            (id, level, kind, label, parent)
        })
        .collect();
    assert_eq!(t2_rows(f2019()), expected);
    let t2 = table(f2019(), "t2");
    assert_eq!(t2.row("r6").unwrap().kind, RowKind::Data);
    let signals: Vec<&str> = T2_ROWS_2021
        .iter()
        .filter(|r| r.0.starts_with("r6_"))
        .map(|r| r.3)
        .collect();
    assert_eq!(t2.foreign_signals, signals);
}

#[test]
fn t2_columns_and_headers() {
    for f in all() {
        let t2 = table(f, "t2");
        let cols: Vec<(&str, &str, Option<&str>)> = t2
            .columns
            .iter()
            .map(|c| (c.id.as_str(), c.label.as_str(), c.group.as_deref()))
            .collect();
        let g = Some("法人或其他组织");
        assert_eq!(
            cols,
            [
                ("np", "自然人", None),
                ("biz", "商业企业", g),
                ("sci", "科研机构", g),
                ("npo", "社会公益组织", g),
                ("law", "法律服务机构", g),
                ("oth", "其他", g),
                ("tot", "总计", None),
            ]
        );
        assert_eq!(
            t2.header_labels,
            [
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                "申请人情况",
                "法人或其他组织"
            ]
        );
        // Articles are written with full-width brackets, like the labels.
        for r in &t2.rows {
            for a in &r.articles {
                assert!(
                    a.starts_with('第') && !a.contains('(') && !a.contains(')'),
                    "{}: bad article {a} on {}",
                    f.id,
                    r.id
                );
            }
        }
        assert_eq!(t2.row("r3_1").unwrap().articles, ["第十四条"]);
        assert_eq!(t2.row("r3_8").unwrap().articles, ["第三十六条第（七）项"]);
    }
}

#[test]
fn t3_columns() {
    let labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let keys = ["keep", "fix", "other", "open", "total"];
    let groups = [
        ("rv", "行政复议"),
        ("ld", "行政诉讼 › 未经复议直接起诉"),
        ("la", "行政诉讼 › 复议后起诉"),
    ];
    let expected: Vec<(String, String, String)> = groups
        .iter()
        .flat_map(|(p, g)| {
            keys.iter()
                .zip(labels)
                .map(move |(k, l)| (format!("{p}_{k}"), l.to_string(), g.to_string()))
        })
        .collect();
    for f in all() {
        let t3 = table(f, "t3");
        let got: Vec<(String, String, String)> = t3
            .columns
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.label.clone(),
                    c.group.clone().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(got, expected, "{}: t3 columns", f.id);
        assert_eq!(
            t3.header_labels,
            ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
        );
    }
}

/// Labels use the official punctuation: full-width brackets, colon and comma; ASCII `1.`
/// after sub-item digits; curly quotes; ASCII `/` in 本年增/减.
#[test]
fn labels_use_official_punctuation() {
    for f in all() {
        for t in &f.tables {
            let rows = t.all_rows().map(|r| &r.label);
            let cols = t.all_columns().map(|c| &c.label);
            let blocks = t.sections.iter().map(|b| &b.label);
            let labels = rows
                .chain(cols)
                .chain(blocks)
                .chain(&t.header_labels)
                .chain(&t.foreign_signals);
            for l in labels {
                for bad in ['(', ')', ':', ',', '"', '．', '／', ' '] {
                    assert!(!l.contains(bad), "{}: label {l:?} contains {bad:?}", f.id);
                }
                // A leading sub-item digit is followed by an ASCII full stop.
                if l.starts_with(|c: char| c.is_ascii_digit()) {
                    assert_eq!(l.as_bytes()[1], b'.', "{}: label {l}", f.id);
                }
            }
        }
    }
    let change = &table(f2019(), "t1").sections[1].columns[1].label;
    assert_eq!(change, "本年增/减");
}

/// Each format's foreign signals are labels the other format really uses, and none of
/// them occurs among its own labels.
#[test]
fn foreign_signals_belong_to_the_other_format() {
    fn labels(f: &Format) -> HashSet<&str> {
        let mut s = HashSet::new();
        for t in &f.tables {
            s.extend(t.all_rows().map(|r| r.label.as_str()));
            s.extend(t.all_columns().map(|c| c.label.as_str()));
            s.extend(t.sections.iter().map(|b| b.label.as_str()));
        }
        s
    }
    for (f, other) in [(f2021(), f2019()), (f2019(), f2021())] {
        let own = labels(f);
        let theirs = labels(other);
        for t in &f.tables {
            for sig in &t.foreign_signals {
                assert!(!own.contains(sig.as_str()), "{}: own label {sig}", f.id);
                assert!(
                    theirs.contains(sig.as_str()),
                    "{}: {sig} not a label of {}",
                    f.id,
                    other.id
                );
            }
        }
    }
    assert_eq!(table(f2021(), "t1").foreign_signals.len(), 11);
    assert_eq!(table(f2019(), "t1").foreign_signals.len(), 5);
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
    for line in include_str!("ids.rs").lines().map(str::trim) {
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
