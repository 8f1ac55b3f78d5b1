use super::*;

#[test]
fn parses_all_56_articles_in_order() {
    let all = articles();
    assert_eq!(all.len(), 56);
    for (i, a) in all.iter().enumerate() {
        assert_eq!(usize::from(a.number), i + 1);
        assert!(!a.paragraphs.is_empty());
        assert!(!a.paragraphs[0].text.starts_with('第'), "{}", a.number);
        for p in &a.paragraphs {
            assert!(!p.text.is_empty());
            for (j, item) in p.items.iter().enumerate() {
                assert_eq!(usize::from(item.number), j + 1);
                assert!(!item.text.starts_with('('));
            }
        }
    }
    assert_eq!(article(56).unwrap().number, 56);
    assert!(article(0).is_none());
    assert!(article(57).is_none());
}

#[test]
fn chapters_follow_the_header_ranges() {
    let chapter = |n| article(n).unwrap().chapter.as_str();
    assert_eq!(chapter(1), "第一章 总则");
    assert_eq!(chapter(9), "第一章 总则");
    assert_eq!(chapter(10), "第二章 公开的主体和范围");
    assert_eq!(chapter(18), "第二章 公开的主体和范围");
    assert_eq!(chapter(19), "第三章 主动公开");
    assert_eq!(chapter(26), "第三章 主动公开");
    assert_eq!(chapter(27), "第四章 依申请公开");
    assert_eq!(chapter(45), "第四章 依申请公开");
    assert_eq!(chapter(46), "第五章 监督和保障");
    assert_eq!(chapter(53), "第五章 监督和保障");
    assert_eq!(chapter(54), "第六章 附则");
    assert_eq!(chapter(56), "第六章 附则");
}

#[test]
fn article_structure_matches_the_statute() {
    let a14 = article(14).unwrap();
    assert_eq!(a14.paragraphs.len(), 1);
    assert!(a14.paragraphs[0].text.contains("国家秘密"));
    assert!(a14.paragraphs[0].text.starts_with("依法确定为国家秘密"));

    let a49 = article(49).unwrap();
    assert_eq!(a49.paragraphs.len(), 2);
    assert!(a49.paragraphs[0].text.contains("1月31日"));
    assert!(a49.paragraphs[1].text.contains("3月31日"));

    let a20 = article(20).unwrap();
    assert_eq!(a20.paragraphs.len(), 1);
    assert_eq!(a20.paragraphs[0].items.len(), 15);
    assert!(a20.paragraphs[0].items[4].text.starts_with("办理行政许可"));
    assert_eq!(a20.item_paragraph(), Some(1));

    let a4 = article(4).unwrap();
    assert_eq!(a4.paragraphs.len(), 2);
    assert_eq!(a4.paragraphs[1].text, "政府信息公开工作机构的具体职能是：");
    assert_eq!(a4.paragraphs[1].items.len(), 5);
    assert!(a4.paragraphs[1].items[2].text.contains("年度报告"));
    assert_eq!(a4.item_paragraph(), Some(2));

    let a50 = article(50).unwrap();
    assert_eq!(a50.paragraphs.len(), 2);
    assert_eq!(a50.paragraphs[0].items.len(), 5);
    assert!(a50.paragraphs[1].text.contains("统一格式"));

    assert_eq!(article(16).unwrap().paragraphs.len(), 2);
    assert_eq!(article(29).unwrap().item_paragraph(), Some(2));
    assert_eq!(article(36).unwrap().paragraphs[0].items.len(), 7);
    assert_eq!(article(3).unwrap().paragraphs.len(), 4);
    assert!(
        article(56).unwrap().paragraphs[0]
            .text
            .contains("2019年5月15日")
    );
}

#[test]
fn full_text_reproduces_the_source_lines() {
    let a4 = article(4).unwrap().full_text();
    assert!(a4.starts_with("第四条 各级人民政府"));
    assert!(a4.contains("\n(三)组织编制本行政机关的政府信息公开指南"));
    for a in articles() {
        for line in a.full_text().lines() {
            assert!(SOURCE.lines().any(|l| l == line), "{line}");
        }
    }
}

#[test]
fn labels() {
    assert_eq!(
        ClauseRef::new(20, None, Some(5)).label(),
        "第二十条第（五）项"
    );
    assert_eq!(ClauseRef::new(16, Some(2), None).label(), "第十六条第二款");
    assert_eq!(
        ClauseRef::new(50, Some(1), Some(4)).label(),
        "第五十条第一款第（四）项"
    );
    assert_eq!(article(10).unwrap().label(), "第十条");
}

#[test]
fn resolves_existing_references() {
    let r = resolve(&ClauseRef::new(20, None, Some(5))).unwrap();
    assert_eq!(r.article.number, 20);
    assert_eq!(r.paragraph, Some(1));
    assert!(r.item_data().unwrap().text.contains("行政许可"));

    let r = resolve(&ClauseRef::new(4, None, Some(3))).unwrap();
    assert_eq!(
        r.paragraph,
        Some(2),
        "a bare 项 points into the 款 holding items"
    );
    assert!(r.item_data().unwrap().text.contains("年度报告"));

    let r = resolve(&ClauseRef::new(16, Some(2), None)).unwrap();
    assert!(r.paragraph_data().unwrap().text.contains("过程稿"));
    assert!(r.item_data().is_none());

    let r = resolve(&ClauseRef::new(50, Some(1), Some(4))).unwrap();
    assert!(r.item_data().unwrap().text.contains("工作考核"));

    let r = resolve(&ClauseRef::new(14, None, None)).unwrap();
    assert_eq!((r.paragraph, r.item), (None, None));
}

#[test]
fn rejects_missing_references_with_chinese_messages() {
    let err = |a, p, i| resolve(&ClauseRef::new(a, p, i)).unwrap_err();
    assert_eq!(err(60, None, None), "《条例》只有五十六条，没有第六十条");
    assert_eq!(err(0, None, None), "《条例》没有第零条");
    assert_eq!(err(16, Some(3), None), "第十六条没有第三款（该条共两款）");
    assert_eq!(err(14, Some(2), None), "第十四条没有第二款（该条不分款）");
    assert_eq!(
        err(20, None, Some(16)),
        "第二十条没有第（十六）项（该条共十五项）"
    );
    assert_eq!(
        err(14, None, Some(1)),
        "第十四条没有第（一）项（该条不分项）"
    );
    assert_eq!(
        err(4, Some(1), Some(1)),
        "第四条第一款没有第（一）项（该款不分项）"
    );
    assert_eq!(
        err(36, None, Some(0)),
        "第三十六条没有第（零）项（该条共七项）"
    );
    assert!(err(60, Some(1), Some(1)).contains("只有五十六条"));
}
