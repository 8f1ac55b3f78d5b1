use super::*;

fn cell(t: &str) -> Cell {
    Cell {
        text: t.into(),
        merged: false,
    }
}

fn merged() -> Cell {
    Cell {
        text: String::new(),
        merged: true,
    }
}

#[test]
fn renders_paragraphs_headings_and_tables_with_their_sources() {
    let doc = Document {
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "某市2023年政府信息公开工作年度报告".into(),
                at: Source::Paragraph { n: 1, page: None },
            },
            Block::Paragraph {
                text: "一、总体情况\n第二行".into(),
                at: Source::Paragraph { n: 2, page: None },
            },
            Block::Table(Table {
                number: 1,
                rows: vec![
                    vec![cell("信息内容"), cell("本年制发件数"), merged()],
                    vec![cell("规章"), cell("1|2"), cell("")],
                ],
            }),
            Block::Paragraph {
                text: "   ".into(),
                at: Source::Paragraph { n: 3, page: None },
            },
        ],
    };
    let r = render(&doc);
    assert_eq!(
        r.text,
        "# 某市2023年政府信息公开工作年度报告\n\n一、总体情况\n第二行\n\n\
         | 信息内容 | 本年制发件数 | |\n|---|---|---|\n| 规章 | 1｜2 | |\n"
    );
    let at = |needle: &str| r.map.source_at(r.text.find(needle).unwrap());
    assert_eq!(at("某市"), Some(Source::Paragraph { n: 1, page: None }));
    assert_eq!(at("第二行"), Some(Source::Paragraph { n: 2, page: None }));
    assert_eq!(
        at("1｜2"),
        Some(Source::Cell {
            table: 1,
            row: 2,
            col: 2
        })
    );
    // The separator row belongs to the header row's last cell.
    assert_eq!(
        at("|---"),
        Some(Source::Cell {
            table: 1,
            row: 1,
            col: 3
        })
    );
    assert_eq!(
        Source::Cell {
            table: 2,
            row: 5,
            col: 4
        }
        .to_string(),
        "第2个表格 第5行 第4列"
    );
    assert_eq!(Source::Page { page: 3 }.to_string(), "第3页");
}

#[test]
fn joins_cell_lines_without_spaces_between_chinese() {
    assert_eq!(
        join_lines(["（二）部分公开（区分处理的，", "只计这一情形）"]),
        "（二）部分公开（区分处理的，只计这一情形）"
    );
    assert_eq!(join_lines(["Word", "WPS", "", "中文"]), "Word WPS中文");
}

#[test]
fn kinds_by_extension() {
    assert_eq!(Kind::from_extension("DOCX"), Some(Kind::Docx));
    assert_eq!(Kind::from_extension("htm"), Some(Kind::Html));
    assert_eq!(Kind::from_extension("pdf"), Some(Kind::Pdf));
    assert_eq!(Kind::from_extension("txt"), Some(Kind::Text));
    assert_eq!(Kind::from_extension("doc"), None);
}

#[test]
fn paragraph_lines_keep_trailing_tabs_but_not_spaces() {
    let doc = Document {
        blocks: vec![Block::Paragraph {
            text: "1.属于国家秘密\t\t\t  \n  \n第二行   ".into(),
            at: Source::Page { page: 1 },
        }],
    };
    assert_eq!(render(&doc).text, "1.属于国家秘密\t\t\t\n第二行\n");
}
