//! The tables' shapes, rows and columns (table 2's rows: `t2`), and the punctuation and foreign
//! signals of their labels.

use super::*;

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
