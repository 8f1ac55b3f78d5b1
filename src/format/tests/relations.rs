//! The relations between cells: their operands exist, each format's set of relations, A2.

use super::*;

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
