use super::*;

/// (article, paragraph, item, referenced text) for each reference found.
fn found(text: &str) -> Vec<(u16, Option<u16>, Option<u16>, &str)> {
    find_refs(text)
        .into_iter()
        .map(|r| (r.article, r.paragraph, r.item, &text[r.range]))
        .collect()
}

#[test]
fn finds_two_refs_with_exact_ranges() {
    let text = "依据《条例》第十四条和第三十六条第（三）项，决定不予公开。";
    let refs = find_refs(text);
    assert_eq!(refs.len(), 2);
    let a = "依据".len();
    let b = a + "《条例》第十四条".len();
    assert_eq!(refs[0].range, a..b);
    assert_eq!(
        (refs[0].article, refs[0].paragraph, refs[0].item),
        (14, None, None)
    );
    let c = b + "和".len();
    let d = c + "第三十六条第（三）项".len();
    assert_eq!(refs[1].range, c..d);
    assert_eq!(
        (refs[1].article, refs[1].paragraph, refs[1].item),
        (36, None, Some(3))
    );
    assert_eq!(&text[refs[1].range.clone()], "第三十六条第（三）项");
}

#[test]
fn finds_all_forms() {
    assert_eq!(
        found("《条例》第十四条"),
        [(14, None, None, "《条例》第十四条")]
    );
    assert_eq!(
        found("根据条例第三十六条第（四）项答复"),
        [(36, None, Some(4), "条例第三十六条第（四）项")]
    );
    assert_eq!(
        found("第二十条第（五）项"),
        [(20, None, Some(5), "第二十条第（五）项")]
    );
    assert_eq!(
        found("第二十条第(五)项"),
        [(20, None, Some(5), "第二十条第(五)项")]
    );
    assert_eq!(
        found("第二十条第五项"),
        [(20, None, Some(5), "第二十条第五项")]
    );
    assert_eq!(
        found("见第十六条第二款。"),
        [(16, Some(2), None, "第十六条第二款")]
    );
    assert_eq!(found("第16条"), [(16, None, None, "第16条")]);
    assert_eq!(found("第 16 条"), [(16, None, None, "第 16 条")]);
    assert_eq!(found("第１６条"), [(16, None, None, "第１６条")]);
    assert_eq!(
        found("第五十条第一款第（一）项"),
        [(50, Some(1), Some(1), "第五十条第一款第（一）项")]
    );
    assert_eq!(
        found("《中华人民共和国政府信息公开条例》第四十九条规定"),
        [(
            49,
            None,
            None,
            "《中华人民共和国政府信息公开条例》第四十九条"
        )]
    );
    assert_eq!(found("本条例第十四条"), [(14, None, None, "条例第十四条")]);
    assert_eq!(
        found("《政府信息公开条例》 第二条"),
        [(2, None, None, "《政府信息公开条例》 第二条")]
    );
}

#[test]
fn finds_traditional_forms() {
    assert_eq!(
        found("依據《條例》第三十六條第（四）項"),
        [(36, None, Some(4), "《條例》第三十六條第（四）項")]
    );
    assert_eq!(
        found("《中華人民共和國政府信息公開條例》第十四條"),
        [(14, None, None, "《中華人民共和國政府信息公開條例》第十四條")]
    );
    assert_eq!(found("第貳拾條"), [(20, None, None, "第貳拾條")]);
}

#[test]
fn skips_other_documents() {
    assert!(found("《政府信息公开信息处理费管理办法》第四条").is_empty());
    assert!(found("按照办法第四条收费").is_empty());
    assert!(found("《中华人民共和国保守国家秘密法》第九条").is_empty());
    assert!(found("保守国家秘密法第九条").is_empty());
    assert!(found("依据有关规定第三条").is_empty());
    assert!(found("《信访工作条例》第十四条").is_empty());
    assert!(found("信访条例第十四条").is_empty());
    assert!(found("原条例第二十一条").is_empty());
    // A chain inherits the foreign status of its head.
    assert!(found("《办法》第四条、第五条").is_empty());
    // But a later, separate reference is not affected.
    assert_eq!(
        found("《办法》第四条规定的费用，依第四十二条收取"),
        [(42, None, None, "第四十二条")]
    );
}

#[test]
fn bare_refs_need_a_plausible_article_number() {
    assert!(found("第六十条").is_empty());
    assert!(found("第0条").is_empty());
    assert_eq!(found("第五十六条"), [(56, None, None, "第五十六条")]);
    assert_eq!(found("第一条"), [(1, None, None, "第一条")]);
    // Named refs are kept even when the article does not exist.
    assert_eq!(
        found("《条例》第六十条"),
        [(60, None, None, "《条例》第六十条")]
    );
    assert_eq!(
        found("《条例》第五十六条、第六十条"),
        [
            (56, None, None, "《条例》第五十六条"),
            (60, None, None, "第六十条")
        ]
    );
    // Missing 款 and 项 are kept.
    assert_eq!(
        found("第十六条第三款"),
        [(16, Some(3), None, "第十六条第三款")]
    );
    assert_eq!(
        found("第二十条第（十六）项"),
        [(20, None, Some(16), "第二十条第（十六）项")]
    );
}

#[test]
fn skips_lone_items_and_dates() {
    assert!(found("第（五）项").is_empty());
    assert!(found("第五项工作").is_empty());
    assert!(found("第二款").is_empty());
    assert!(found("2022年1月31日前").is_empty());
    assert!(found("二〇二二年一月二十四日").is_empty());
    assert!(found("国务院令第711号、国办公开办函〔2021〕30号").is_empty());
    assert!(found("第一季度，第3名").is_empty());
}

#[test]
fn follows_chains() {
    assert_eq!(
        found("第三十六条第（一）项、第（二）项"),
        [
            (36, None, Some(1), "第三十六条第（一）项"),
            (36, None, Some(2), "第（二）项")
        ]
    );
    assert_eq!(
        found("第十六条第一款、第二款"),
        [
            (16, Some(1), None, "第十六条第一款"),
            (16, Some(2), None, "第二款")
        ]
    );
    assert_eq!(
        found("第五十条第一款第（四）项和第二款"),
        [
            (50, Some(1), Some(4), "第五十条第一款第（四）项"),
            (50, Some(2), None, "第二款")
        ]
    );
    assert_eq!(
        found("第五十条第一款第（一）项、第（二）项以及第（三）项"),
        [
            (50, Some(1), Some(1), "第五十条第一款第（一）项"),
            (50, Some(1), Some(2), "第（二）项"),
            (50, Some(1), Some(3), "第（三）项")
        ]
    );
    assert_eq!(
        found("除本条例第十四条、第十五条、第十六条规定的政府信息外"),
        [
            (14, None, None, "条例第十四条"),
            (15, None, None, "第十五条"),
            (16, None, None, "第十六条")
        ]
    );
}

#[test]
fn finds_refs_across_the_statute_itself() {
    // The statute cross-references itself; every such reference must resolve.
    let mut count = 0;
    for a in super::super::articles() {
        let texts = a
            .paragraphs
            .iter()
            .flat_map(|p| std::iter::once(&p.text).chain(p.items.iter().map(|i| &i.text)));
        for text in texts {
            for r in find_refs(text) {
                count += 1;
                assert!(
                    super::super::resolve(&r).is_ok(),
                    "{r:?} in article {}",
                    a.number
                );
            }
        }
    }
    assert!(count >= 10, "{count}");
}

#[test]
fn never_panics_and_ranges_are_on_char_boundaries() {
    let samples = [
        "",
        "第",
        "第条",
        "第十",
        "第十条第",
        "第十条第（",
        "第十条第（五",
        "第十条第（五）",
        "《",
        "》第三条",
        "《》第三条",
        "《条例》",
        "条例第",
        "第99999999999条",
        "《条例》第99999条",
        "第十条、",
        "第十条、第",
        "第十条、第二款第",
        "😀第十四条😀第（五）项、第二款",
        "\u{3000}第\u{3000}十四\u{3000}条\u{3000}第\u{3000}二\u{3000}款",
        "第十六条第二款第二十条第（五）项第三十六條第（四）項",
    ];
    for s in samples {
        for r in find_refs(s) {
            assert!(s.is_char_boundary(r.range.start) && s.is_char_boundary(r.range.end));
            assert!(r.range.start < r.range.end);
        }
        let _ = parse_ref(s);
    }
    assert_eq!(
        found("第十六条第二款第二十条第（五）项第三十六條第（四）項"),
        [
            (16, Some(2), None, "第十六条第二款"),
            (20, None, Some(5), "第二十条第（五）项"),
            (36, None, Some(4), "第三十六條第（四）項")
        ]
    );
}

#[test]
fn parses_whole_references() {
    let p = |s| parse_ref(s).map(|r| (r.article, r.paragraph, r.item));
    assert_eq!(p("第十六条"), Some((16, None, None)));
    assert_eq!(p("第二十条第（五）项"), Some((20, None, Some(5))));
    assert_eq!(p("第二十条第(五)项"), Some((20, None, Some(5))));
    assert_eq!(p("第16条第2款"), Some((16, Some(2), None)));
    assert_eq!(p("16条2款"), Some((16, Some(2), None)));
    assert_eq!(p("16"), Some((16, None, None)));
    assert_eq!(p("十六"), Some((16, None, None)));
    assert_eq!(p("16.2"), Some((16, Some(2), None)));
    assert_eq!(p("20(5)"), Some((20, None, Some(5))));
    assert_eq!(p("20（5）"), Some((20, None, Some(5))));
    assert_eq!(p("50.1(4)"), Some((50, Some(1), Some(4))));
    assert_eq!(p("50.1.4"), Some((50, Some(1), Some(4))));
    assert_eq!(p("条例第二十条第五项"), Some((20, None, Some(5))));
    assert_eq!(p("本条例第二十条"), Some((20, None, None)));
    assert_eq!(p("《条例》第十四条"), Some((14, None, None)));
    assert_eq!(
        p("《中华人民共和国政府信息公开条例》第五十条第一款第（四）项"),
        Some((50, Some(1), Some(4)))
    );
    assert_eq!(p("第三十六條第（四）項"), Some((36, None, Some(4))));
    assert_eq!(p("  第 16 条  "), Some((16, None, None)));
    assert_eq!(
        p("60"),
        Some((60, None, None)),
        "missing articles parse; resolve rejects them"
    );
    for bad in [
        "",
        "条例",
        "abc",
        "第条",
        "16.",
        "20(5",
        "第十六条第",
        "第十六条 abc",
        "一二",
        "16.2.3.4",
    ] {
        assert_eq!(p(bad), None, "{bad:?}");
    }
    let r = parse_ref("  第十六条 ").unwrap();
    assert_eq!(r.range, 2..2 + "第十六条".len());
}
