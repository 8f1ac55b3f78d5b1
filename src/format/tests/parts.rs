//! The six parts: ids, ordinals, titles, keywords and guides.

use super::*;

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
