use super::read;
use crate::input::{Block, Cell, Document, ErrorKind, MAX_EXPANDED_BYTES, Source, Table, render};
use std::io::{Cursor, Write};
use std::time::{Duration, Instant};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#
);

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// A zip of the given parts, deflated.
fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, body) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NS}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

/// A `.docx` with `body` inside `w:body`, and `styles` as `word/styles.xml` if given.
fn docx_styled(body: &str, styles: Option<&str>) -> Vec<u8> {
    let doc = document_xml(body);
    let mut parts = vec![
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/document.xml", doc.as_str()),
    ];
    let styles_xml;
    if let Some(s) = styles {
        styles_xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}>{s}</w:styles>"#
        );
        parts.push(("word/_rels/document.xml.rels", DOCUMENT_RELS));
        parts.push(("word/styles.xml", styles_xml.as_str()));
    }
    zip_of(&parts)
}

fn docx(body: &str) -> Vec<u8> {
    docx_styled(body, None)
}

/// A paragraph of one run with run properties, as Word writes them.
fn p(text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:rPr><w:rFonts w:ascii="仿宋_GB2312"/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

fn styled(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

/// A cell: `props` inside `w:tcPr`, then one paragraph per text.
fn tc(props: &str, texts: &[&str]) -> String {
    let paras: String = texts.iter().map(|t| p(t)).collect();
    let paras = if paras.is_empty() {
        "<w:p/>".to_string()
    } else {
        paras
    };
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>{props}</w:tcPr>{paras}</w:tc>"#)
}

fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

fn tbl(rows: &[String]) -> String {
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>{}</w:tbl>"#,
        rows.concat()
    )
}

fn c(text: &str) -> Cell {
    Cell {
        text: text.into(),
        merged: false,
    }
}

fn m() -> Cell {
    Cell {
        text: String::new(),
        merged: true,
    }
}

fn para(n: usize, text: &str) -> Block {
    Block::Paragraph {
        text: text.into(),
        at: Source::Paragraph { n, page: None },
    }
}

fn heading(n: usize, level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        text: text.into(),
        at: Source::Paragraph { n, page: None },
    }
}

fn ok(bytes: &[u8]) -> Document {
    read(bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn kind(bytes: &[u8]) -> ErrorKind {
    match read(bytes) {
        Ok(d) => panic!("read a bad file: {d:?}"),
        Err(e) => e.kind,
    }
}

#[test]
fn paragraphs_in_order_with_tabs_breaks_and_entities() {
    let body = [
        p("一、总体情况"),
        "<w:p/>".to_string(),
        p("   "),
        r#"<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:tab/><w:t>乙</w:t><w:br/><w:t xml:space="preserve">  第二行 </w:t></w:r></w:p>"#.to_string(),
        p("A&amp;B &lt;&#x4E00;&#19968;&gt;"),
        r#"<w:p><w:r><w:t>连</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>续</w:t></w:r><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:lastRenderedPageBreak/><w:t>文字</w:t></w:r></w:p>"#.to_string(),
    ]
    .concat();
    let doc = ok(&docx(&body));
    assert_eq!(
        doc.blocks,
        vec![
            para(1, "一、总体情况"),
            para(2, "甲\t乙\n第二行"),
            para(3, "A&B <一一>"),
            para(4, "连续文字"),
        ]
    );
}

#[test]
fn headings_by_style_name_id_and_outline_level() {
    let styles = r#"
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:latentStyles><w:lsdException w:name="heading 1" w:qFormat="1"/></w:latentStyles>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="wps"><w:name w:val="标题 3"/></w:style>
<w:style w:type="paragraph" w:styleId="mine"><w:name w:val="我的小标题"/><w:basedOn w:val="2"/></w:style>
<w:style w:type="paragraph" w:styleId="lvl"><w:name w:val="大纲"/><w:pPr><w:outlineLvl w:val="3"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading5"><w:name w:val="正文缩进"/></w:style>
<w:style w:type="character" w:styleId="Heading6"><w:name w:val="heading 6 Char"/></w:style>"#;
    let body = [
        styled("a3", "某市2023年政府信息公开工作年度报告"),
        styled("1", "一、总体情况"),
        styled("a", "正文"),
        styled("2", "（一）主动公开"),
        styled("wps", "三级"),
        styled("mine", "继承二级"),
        styled("lvl", "大纲四级"),
        // Defined in styles.xml under a name that is no heading: not a heading.
        styled("Heading5", "不是标题"),
        // Not defined: judged by its id.
        styled("Heading3", "按样式名三级"),
        r#"<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>直接大纲级别</w:t></w:r></w:p>"#.to_string(),
        r#"<w:p><w:pPr><w:pStyle w:val="1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>正文级别</w:t></w:r></w:p>"#.to_string(),
        // A former style in a tracked property change is not the paragraph's style.
        r#"<w:p><w:pPr><w:pStyle w:val="a"/><w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="1"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>改过样式</w:t></w:r></w:p>"#.to_string(),
    ]
    .concat();
    let doc = ok(&docx_styled(&body, Some(styles)));
    assert_eq!(
        doc.blocks,
        vec![
            heading(1, 1, "某市2023年政府信息公开工作年度报告"),
            heading(2, 1, "一、总体情况"),
            para(3, "正文"),
            heading(4, 2, "（一）主动公开"),
            heading(5, 3, "三级"),
            heading(6, 2, "继承二级"),
            heading(7, 4, "大纲四级"),
            para(8, "不是标题"),
            heading(9, 3, "按样式名三级"),
            heading(10, 2, "直接大纲级别"),
            para(11, "正文级别"),
            para(12, "改过样式"),
        ]
    );
    // Without styles.xml, style ids alone.
    let doc = ok(&docx(
        &[
            styled("Title", "题"),
            styled("Heading2", "二"),
            styled("2", "数字"),
        ]
        .concat(),
    ));
    assert_eq!(
        doc.blocks,
        vec![heading(1, 1, "题"), heading(2, 2, "二"), para(3, "数字")]
    );
}

/// The label column of the official table of applications: "三、本年度办理结果" spans rows
/// (vMerge), "（三）不予公开" spans two rows with its items beside it, gridSpan merges a label
/// over two columns.
#[test]
fn table_grid_with_horizontal_and_vertical_merges() {
    let restart = r#"<w:vMerge w:val="restart"/>"#;
    let cont = "<w:vMerge/>";
    let span2 = r#"<w:gridSpan w:val="2"/>"#;
    let body = tbl(&[
        tr(&[
            tc(span2, &["本列数据的勾稽关系"]),
            tc(span2, &["申请人情况"]),
        ]),
        tr(&[
            tc(restart, &["三、本年度办理结果"]),
            tc(span2, &["（一）予以公开"]),
            tc("", &["5"]),
        ]),
        tr(&[
            tc(cont, &[]),
            tc(restart, &["（三）不予公开"]),
            tc("", &["1.属于国家秘密"]),
            tc("", &["0"]),
        ]),
        tr(&[
            tc(cont, &[]),
            tc(r#"<w:vMerge w:val="continue"/>"#, &["多余"]),
            tc("", &["2.其他法律行政法规禁止公开"]),
            tc("", &["1"]),
        ]),
    ]);
    let doc = ok(&docx(&body));
    assert_eq!(
        doc.blocks,
        vec![Block::Table(Table {
            number: 1,
            rows: vec![
                vec![c("本列数据的勾稽关系"), m(), c("申请人情况"), m()],
                vec![c("三、本年度办理结果"), c("（一）予以公开"), m(), c("5")],
                vec![m(), c("（三）不予公开"), c("1.属于国家秘密"), c("0")],
                vec![m(), m(), c("2.其他法律行政法规禁止公开"), c("1")],
            ],
        })]
    );
}

#[test]
fn grid_before_after_padding_and_deleted_rows() {
    let body = tbl(&[
        r#"<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>"#.to_string()
            + &tc("", &["中"])
            + "</w:tr>",
        tr(&[
            tc("", &["a"]),
            tc("", &["b"]),
            tc("", &["c"]),
            tc("", &["d"]),
        ]),
        r#"<w:tr><w:trPr><w:del w:id="3" w:author="x"/></w:trPr>"#.to_string()
            + &tc("", &["删除的行"])
            + "</w:tr>",
        tr(&[tc("", &["短"])]),
        // A continuation with nothing above it in that column is an ordinary cell.
        tr(&[
            tc("", &["x"]),
            tc("", &["y"]),
            tc("", &["z"]),
            tc("", &["w"]),
            tc("<w:vMerge/>", &["孤"]),
        ]),
    ]);
    let doc = ok(&docx(&body));
    let Block::Table(t) = &doc.blocks[0] else {
        panic!("{doc:?}")
    };
    assert_eq!(
        t.rows,
        vec![
            vec![c(""), c("中"), c(""), c(""), c("")],
            vec![c("a"), c("b"), c("c"), c("d"), c("")],
            vec![c("短"), c(""), c(""), c(""), c("")],
            vec![c("x"), c("y"), c("z"), c("w"), c("孤")],
        ]
    );
}

#[test]
fn cell_paragraphs_and_line_breaks_are_joined() {
    let cell = r#"<w:tc><w:p><w:r><w:t>（二）部分公开（区分处理的，</w:t></w:r><w:r><w:br/><w:t>只计这一情形，</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>不计其他情形）</w:t></w:r></w:p></w:tc>"#;
    let latin =
        r#"<w:tc><w:p><w:r><w:t>Word</w:t></w:r></w:p><w:p><w:r><w:t>WPS</w:t></w:r></w:p></w:tc>"#;
    let doc = ok(&docx(&tbl(&[format!("<w:tr>{cell}{latin}</w:tr>")])));
    let Block::Table(t) = &doc.blocks[0] else {
        panic!("{doc:?}")
    };
    assert_eq!(
        t.rows,
        vec![vec![
            c("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            c("Word WPS")
        ]]
    );
}

#[test]
fn field_results_kept_and_codes_dropped() {
    let body = [
        // A page number field: code "PAGE", result "3".
        r#"<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r></w:p>"#,
        // A field nested in the code of another: only the outer result shows.
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>内层结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>代码中的文字</w:t></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>外层结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        // A simple field, a hyperlink, a content control and a smart tag are read through.
        r#"<w:p><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>12</w:t></w:r></w:fldSimple><w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:sdt><w:sdtPr><w:alias w:val="日期"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent><w:r><w:t>2024年1月</w:t></w:r></w:sdtContent></w:sdt><w:smartTag w:uri="u" w:element="date"><w:r><w:t>31日</w:t></w:r></w:smartTag></w:p>"#,
        // A block content control around a paragraph.
        r#"<w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        // A begin without an end stops hiding text at the end of its paragraph.
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>坏域</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>之后</w:t></w:r></w:p>"#,
    ]
    .concat();
    let doc = ok(&docx(&body));
    assert_eq!(
        doc.blocks,
        vec![
            para(1, "第3页"),
            para(2, "外层结果"),
            para(3, "12链接2024年1月31日"),
            para(4, "控件中的段落"),
            para(5, "之后"),
        ]
    );
}

#[test]
fn deleted_and_moved_away_text_dropped() {
    let body = r#"<w:p><w:r><w:t>公开</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>旧数</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>新数</w:t></w:r></w:ins><w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo w:id="4" w:author="a"><w:r><w:t>移来</w:t></w:r></w:moveTo></w:p><w:p><w:del w:id="5" w:author="a"><w:r><w:delText>整段删除</w:delText></w:r></w:del></w:p>"#;
    let doc = ok(&docx(body));
    assert_eq!(doc.blocks, vec![para(1, "公开新数移来")]);
}

/// A text box as Word writes it: a DrawingML choice and a VML fallback with the same text.
fn text_box(text: &str) -> String {
    let content = format!("<w:txbxContent>{}</w:txbxContent>", p(text));
    format!(
        r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#
    )
}

#[test]
fn text_boxes_read_once_after_their_anchor() {
    let body = [
        format!("<w:p>{}<w:r><w:t>锚定段落</w:t></w:r></w:p>", text_box("框中文字")),
        // An empty paragraph anchoring a text box (a floating one).
        format!("<w:p>{}</w:p>", text_box("浮动框")),
        p("后文"),
        // A VML-only text box (older files).
        format!(
            "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>",
            p("旧式框")
        ),
        tbl(&[format!("<w:tr><w:tc><w:p>{}<w:r><w:t>格</w:t></w:r></w:p></w:tc></w:tr>", text_box("格中框"))]),
        p("末段"),
    ]
    .concat();
    let doc = ok(&docx(&body));
    assert_eq!(
        doc.blocks,
        vec![
            para(1, "锚定段落"),
            para(2, "框中文字"),
            para(3, "浮动框"),
            para(4, "后文"),
            para(5, "旧式框"),
            Block::Table(Table {
                number: 1,
                rows: vec![vec![c("格")]]
            }),
            para(6, "格中框"),
            para(7, "末段"),
        ]
    );
}

#[test]
fn nested_tables_follow_their_outer_table() {
    let inner = tbl(&[tr(&[tc("", &["内1"]), tc("", &["内2"])])]);
    let outer = tbl(&[tr(&[
        tc("", &["外"]),
        format!("<w:tc>{}{inner}<w:p/></w:tc>", p("外格")),
    ])]);
    let body = [outer, p("中间"), tbl(&[tr(&[tc("", &["后表"])])])].concat();
    let doc = ok(&docx(&body));
    assert_eq!(
        doc.blocks,
        vec![
            Block::Table(Table {
                number: 1,
                rows: vec![vec![c("外"), c("外格")]]
            }),
            Block::Table(Table {
                number: 2,
                rows: vec![vec![c("内1"), c("内2")]]
            }),
            para(1, "中间"),
            Block::Table(Table {
                number: 3,
                rows: vec![vec![c("后表")]]
            }),
        ]
    );
}

#[test]
fn deep_nesting_is_capped_without_recursion() {
    let depth = 5_000;
    let mut body = String::new();
    for _ in 0..depth {
        body.push_str("<w:tbl><w:tr><w:tc>");
    }
    body.push_str(&p("最深处"));
    for _ in 0..depth {
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    // And deeply nested content controls around a paragraph.
    for _ in 0..depth {
        body.push_str("<w:sdt><w:sdtContent>");
    }
    body.push_str(&p("控件"));
    for _ in 0..depth {
        body.push_str("</w:sdtContent></w:sdt>");
    }
    let doc = ok(&docx(&body));
    assert_eq!(doc.blocks.len(), super::MAX_TABLE_DEPTH + 1);
    let Block::Table(innermost) = &doc.blocks[super::MAX_TABLE_DEPTH - 1] else {
        panic!()
    };
    assert_eq!(innermost.number, super::MAX_TABLE_DEPTH);
    assert_eq!(innermost.rows, vec![vec![c("最深处")]]);
    assert_eq!(doc.blocks.last(), Some(&para(1, "控件")));
}

#[test]
fn main_part_found_by_relationship_and_case() {
    let rels = PACKAGE_RELS.replace("word/document.xml", "/word/main.xml");
    let doc = document_xml(&p("主文档"));
    let bytes = zip_of(&[
        ("_rels/.rels", &rels),
        ("word/main.xml", &doc),
        ("word/document.xml", "<x/>"),
    ]);
    assert_eq!(ok(&bytes).blocks, vec![para(1, "主文档")]);
    let bytes = zip_of(&[("Word/Document.xml", &doc)]);
    assert_eq!(ok(&bytes).blocks, vec![para(1, "主文档")]);
}

#[test]
fn renders_a_table_as_pipe_rows() {
    let body = [
        p("二、主动公开政府信息情况"),
        tbl(&[
            tr(&[
                tc("", &["信息内容"]),
                tc(r#"<w:gridSpan w:val="2"/>"#, &["本年制发件数"]),
            ]),
            tr(&[tc("", &["规章"]), tc("", &["1"]), tc("", &["2|3"])]),
        ]),
    ]
    .concat();
    let r = render(&ok(&docx(&body)));
    assert_eq!(
        r.text,
        "二、主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 | |\n|---|---|---|\n| 规章 | 1 | 2｜3 |\n"
    );
}

// ---- Bad files ----

#[test]
fn not_a_zip_or_a_damaged_one_is_corrupt() {
    assert_eq!(kind(b""), ErrorKind::Corrupt);
    assert_eq!(
        kind(b"just some text, not a zip at all"),
        ErrorKind::Corrupt
    );
    let good = docx(&p("正文"));
    // Truncated: the central directory is gone.
    assert_eq!(kind(&good[..good.len() / 2]), ErrorKind::Corrupt);
    assert_eq!(kind(&good[..good.len() - 10]), ErrorKind::Corrupt);
    // Damaged compressed data of document.xml.
    let start = memchr::memmem::find(&good, b"word/document.xml").unwrap() + 17;
    let mut bad = good.clone();
    for b in &mut bad[start + 10..start + 60] {
        *b ^= 0x5A;
    }
    assert_eq!(kind(&bad), ErrorKind::Corrupt);
    // A zip without word/document.xml.
    assert_eq!(
        kind(&zip_of(&[("readme.txt", "hello")])),
        ErrorKind::Corrupt
    );
    // Signatures of more central directory entries than a docx has.
    let mut many = b"PK\x03\x04".to_vec();
    for _ in 0..=super::MAX_ENTRIES {
        many.extend_from_slice(b"PK\x01\x02");
    }
    let e = read(&many).unwrap_err();
    assert_eq!(
        (e.kind, e.detail.as_str()),
        (ErrorKind::Corrupt, "压缩包中的文件过多")
    );
}

#[test]
fn malformed_xml_is_corrupt() {
    for body in [
        "<w:p><w:r><w:t>未闭合</w:r></w:p>",
        "<w:p><w:r><w:t>a &bogus; b</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:pStyle w:val=\"1\"></w:p>",
    ] {
        let e = read(&docx(body)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Corrupt, "{body}");
        assert!(e.detail.contains("document.xml"), "{}", e.detail);
    }
    // Empty, or a declaration alone.
    for doc in ["", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"] {
        let e = read(&zip_of(&[("word/document.xml", doc)])).unwrap_err();
        assert_eq!(
            (e.kind, e.detail.as_str()),
            (ErrorKind::Corrupt, "document.xml 为空")
        );
    }
    // A document without text is no error.
    assert_eq!(ok(&docx("<w:p/>")).blocks, vec![]);
    // Unclosed at the end of the part.
    let doc = format!("<w:document {NS}><w:body><w:p><w:r><w:t>x</w:t></w:r>");
    assert_eq!(
        kind(&zip_of(&[("word/document.xml", &doc)])),
        ErrorKind::Corrupt
    );
    // Not UTF-8.
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file("word/document.xml", SimpleFileOptions::default())
        .unwrap();
    z.write_all(b"<w:document><w:body><w:p><w:r><w:t>\xB9\xAB\xBF\xAA</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    assert_eq!(kind(&z.finish().unwrap().into_inner()), ErrorKind::Corrupt);
}

#[test]
fn old_doc_encrypted_pdf_and_other_formats() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    assert_eq!(kind(&ole), ErrorKind::OleDoc);
    // An encrypted .docx: an OLE file with an "EncryptionInfo" stream.
    let name: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    ole[1024..1024 + name.len()].copy_from_slice(&name);
    assert_eq!(kind(&ole), ErrorKind::Encrypted);
    assert_eq!(
        kind(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
        ErrorKind::WrongType
    );
    assert_eq!(
        kind(b"{\\rtf1\\ansi\\ansicpg936 text}"),
        ErrorKind::WrongType
    );
    assert_eq!(
        kind(b"\xEF\xBB\xBF<!DOCTYPE html><HTML><body>x</body></HTML>"),
        ErrorKind::WrongType
    );
    let xlsx = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        (
            "_rels/.rels",
            &PACKAGE_RELS.replace("word/document.xml", "xl/workbook.xml"),
        ),
        ("xl/workbook.xml", "<workbook/>"),
        ("xl/worksheets/sheet1.xml", "<worksheet/>"),
    ]);
    assert_eq!(kind(&xlsx), ErrorKind::NotWord);
    let pptx = zip_of(&[("ppt/presentation.xml", "<p:presentation/>")]);
    assert_eq!(kind(&pptx), ErrorKind::NotWord);
    let ofd = zip_of(&[("OFD.xml", "<ofd:OFD/>")]);
    assert_eq!(kind(&ofd), ErrorKind::WrongType);
}

/// A raw deflate stream of `1 + 258 * n` spaces: a literal, then `n` copies of the longest
/// match at distance 1, in one block with the fixed Huffman codes (13 bits per 258 bytes).
fn deflated_spaces(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        len: u32,
    }
    impl Bits {
        /// `n` bits of `v`, least significant first (header fields).
        fn put(&mut self, v: u32, n: u32) {
            for i in 0..n {
                self.acc |= ((v >> i) & 1) << self.len;
                self.len += 1;
                if self.len == 8 {
                    self.out.push(self.acc as u8);
                    self.acc = 0;
                    self.len = 0;
                }
            }
        }
        /// A Huffman code of `n` bits, most significant first.
        fn code(&mut self, v: u32, n: u32) {
            for i in (0..n).rev() {
                self.put((v >> i) & 1, 1);
            }
        }
    }
    let mut b = Bits {
        out: Vec::with_capacity(n * 13 / 8 + 16),
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // last block
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30 + u32::from(b' '), 8); // literal ' '
    for _ in 0..n {
        b.code(0xC0 + 5, 8); // length symbol 285: 258 bytes
        b.code(0, 5); // distance symbol 0: distance 1
    }
    b.code(0, 7); // end of block
    b.put(0, 7); // flush
    b.out
}

/// CRC-32 of the zip format (bitwise: only for the small parts of these tests).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One entry of a zip written by hand.
struct Raw<'a> {
    name: &'a str,
    data: &'a [u8],
    /// 0 stored, 8 deflated.
    method: u16,
    /// The uncompressed size written in the headers.
    declared: u32,
    crc: u32,
}

impl<'a> Raw<'a> {
    fn stored(name: &'a str, data: &'a [u8]) -> Raw<'a> {
        Raw {
            name,
            data,
            method: 0,
            declared: data.len() as u32,
            crc: crc32(data),
        }
    }

    /// Deflated data declaring `declared` bytes, without a CRC: the reader gives up before
    /// checking it.
    fn deflated(name: &'a str, data: &'a [u8], declared: u32) -> Raw<'a> {
        Raw {
            name,
            data,
            method: 8,
            declared,
            crc: 0,
        }
    }
}

fn zip_raw(entries: &[Raw<'_>]) -> Vec<u8> {
    fn le16(z: &mut Vec<u8>, v: u16) {
        z.extend_from_slice(&v.to_le_bytes());
    }
    fn le32(z: &mut Vec<u8>, v: u32) {
        z.extend_from_slice(&v.to_le_bytes());
    }
    let mut z = Vec::new();
    let mut offsets = Vec::new();
    for e in entries {
        offsets.push(z.len() as u32);
        le32(&mut z, 0x0403_4B50);
        for v in [20, 0, e.method, 0, 0x21] {
            le16(&mut z, v);
        }
        le32(&mut z, e.crc);
        le32(&mut z, e.data.len() as u32);
        le32(&mut z, e.declared);
        le16(&mut z, e.name.len() as u16);
        le16(&mut z, 0);
        z.extend_from_slice(e.name.as_bytes());
        z.extend_from_slice(e.data);
    }
    let cd = z.len() as u32;
    for (e, offset) in entries.iter().zip(offsets) {
        le32(&mut z, 0x0201_4B50);
        for v in [20, 20, 0, e.method, 0, 0x21] {
            le16(&mut z, v);
        }
        le32(&mut z, e.crc);
        le32(&mut z, e.data.len() as u32);
        le32(&mut z, e.declared);
        for v in [e.name.len() as u16, 0, 0, 0, 0] {
            le16(&mut z, v);
        }
        le32(&mut z, 0);
        le32(&mut z, offset);
        z.extend_from_slice(e.name.as_bytes());
    }
    let cd_size = z.len() as u32 - cd;
    le32(&mut z, 0x0605_4B50);
    let n = entries.len() as u16;
    for v in [0, 0, n, n] {
        le16(&mut z, v);
    }
    le32(&mut z, cd_size);
    le32(&mut z, cd);
    le16(&mut z, 0);
    z
}

#[test]
fn zip_bomb_is_too_big_and_stops_quickly() {
    let t = Instant::now();
    // 70 MB of spaces in about 440 kB, built without holding the 70 MB.
    let n = 70_000_000 / 258;
    let spaces = deflated_spaces(n);
    let size = (1 + 258 * n) as u64;
    assert!(size > MAX_EXPANDED_BYTES && spaces.len() < 500_000);
    let bomb = zip_raw(&[Raw::deflated("word/document.xml", &spaces, size as u32)]);
    let e = read(&bomb).unwrap_err();
    assert_eq!(
        (e.kind, e.detail.as_str()),
        (ErrorKind::TooBig, "word/document.xml")
    );
    // The same stream declaring a small size: the reader stops at the declared size.
    let liar = zip_raw(&[Raw::deflated("word/document.xml", &spaces, 4096)]);
    assert!(matches!(
        kind(&liar),
        ErrorKind::Corrupt | ErrorKind::TooBig
    ));
    // As the styles part of a good document.
    let doc = document_xml(&p("正文"));
    let styles_bomb = zip_raw(&[
        Raw::stored("word/document.xml", doc.as_bytes()),
        Raw::deflated("word/styles.xml", &spaces, size as u32),
    ]);
    assert_eq!(kind(&styles_bomb), ErrorKind::TooBig);
    // The hand-written zip itself is sound.
    let fine = zip_raw(&[Raw::stored("word/document.xml", doc.as_bytes())]);
    assert_eq!(ok(&fine).blocks, vec![para(1, "正文")]);
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
}

#[test]
fn legacy_horizontal_merge_and_utf16_part() {
    let body = tbl(&[tr(&[
        tc(r#"<w:hMerge w:val="restart"/>"#, &["合并"]),
        tc("<w:hMerge/>", &[]),
        tc("", &["右"]),
    ])]);
    let xml = document_xml(&body);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        xml.replace("UTF-8", "UTF-16")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file("word/document.xml", SimpleFileOptions::default())
        .unwrap();
    z.write_all(&utf16).unwrap();
    let doc = ok(&z.finish().unwrap().into_inner());
    assert_eq!(
        doc.blocks,
        vec![Block::Table(Table {
            number: 1,
            rows: vec![vec![c("合并"), m(), c("右")]]
        })]
    );
}

// ---- List numbering and hidden text ----

/// A `.docx` whose styles (the inside of `w:styles`) and list definitions (the inside of
/// `w:numbering`, if given) are found through the document's relationships.
fn docx_numbered(body: &str, styles: &str, numbering: Option<&str>) -> Vec<u8> {
    let doc = document_xml(body);
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}>{styles}</w:styles>"#
    );
    let rels = DOCUMENT_RELS.replace(
        "</Relationships>",
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#,
    );
    let mut parts = vec![
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", rels.as_str()),
        ("word/document.xml", doc.as_str()),
        ("word/styles.xml", styles.as_str()),
    ];
    let numbering_xml;
    if let Some(n) = numbering {
        numbering_xml = numbering_part(n);
        parts.push(("word/numbering.xml", numbering_xml.as_str()));
    }
    zip_of(&parts)
}

fn numbering_part(inside: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>{inside}</w:numbering>"#
    )
}

/// A list level as Word writes it: `extra` before `w:lvlText`, indents and fonts after.
fn lvl(ilvl: u8, fmt: &str, text: &str, extra: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}" w:tplc="0409000F"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="420"/></w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl>"#,
        420 * (u32::from(ilvl) + 1)
    )
}

fn abstract_num(id: u32, levels: &[String]) -> String {
    format!(
        r#"<w:abstractNum w:abstractNumId="{id}"><w:nsid w:val="1A2B3C4D"/><w:multiLevelType w:val="multilevel"/><w:tmpl w:val="0409001F"/>{}</w:abstractNum>"#,
        levels.concat()
    )
}

fn num(id: u32, abs: u32, overrides: &str) -> String {
    format!(r#"<w:num w:numId="{id}"><w:abstractNumId w:val="{abs}"/>{overrides}</w:num>"#)
}

/// A paragraph numbered directly: list `num_id` at level `ilvl`, `props` after `w:numPr`.
fn numbered(num_id: u32, ilvl: u8, props: &str, runs: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>{props}</w:pPr>{runs}</w:p>"#
    )
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>{text}</w:t></w:r>"#)
}

/// Heading 1 and 2 numbered by their styles with list 1, level 0 and 1; Heading 3 by list 1
/// at the level linked to it in the list (`w:pStyle`).
const HEADING_STYLES: &str = r#"
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:pPr><w:keepNext/><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 3"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="h1x"><w:name w:val="我的一级标题"/><w:basedOn w:val="1"/></w:style>
<w:style w:type="paragraph" w:styleId="off"><w:name w:val="不编号"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>"#;

/// List 1: `一、` (no tab after it), `（一）`, and `1.` linked to Heading 3.
fn heading_lists(more: &str) -> String {
    let parts = abstract_num(
        0,
        &[
            lvl(0, "chineseCounting", "%1、", r#"<w:suff w:val="nothing"/>"#),
            lvl(1, "chineseCounting", "（%2）", ""),
            lvl(2, "decimal", "%3.", r#"<w:pStyle w:val="3"/>"#),
        ],
    );
    format!("{parts}{more}{}", num(1, 0, ""))
}

#[test]
fn part_headings_numbered_by_their_styles() {
    let titles = [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ];
    let mut body = styled("a", "某市2023年政府信息公开工作年度报告");
    for (i, t) in titles.iter().enumerate() {
        body += &styled(if i == 5 { "h1x" } else { "1" }, t);
        if i < 2 {
            body += &styled("2", "小标题甲");
            body += &p("正文。");
            body += &styled("2", "小标题乙");
            body += &styled("3", "条目");
            body += &styled("3", "条目");
        }
    }
    let doc = ok(&docx_numbered(
        &body,
        HEADING_STYLES,
        Some(&heading_lists("")),
    ));
    let texts: Vec<(Option<u8>, &str)> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading { level, text, .. } => (Some(*level), text.as_str()),
            Block::Paragraph { text, .. } => (None, text.as_str()),
            Block::Table(_) => panic!("{b:?}"),
        })
        .collect();
    assert_eq!(
        texts,
        vec![
            (None, "某市2023年政府信息公开工作年度报告"),
            (Some(1), "一、总体情况"),
            (Some(2), "（一）小标题甲"),
            (None, "正文。"),
            (Some(2), "（二）小标题乙"),
            (Some(3), "1. 条目"),
            (Some(3), "2. 条目"),
            (Some(1), "二、主动公开政府信息情况"),
            (Some(2), "（一）小标题甲"),
            (None, "正文。"),
            (Some(2), "（二）小标题乙"),
            (Some(3), "1. 条目"),
            (Some(3), "2. 条目"),
            (Some(1), "三、收到和处理政府信息公开申请情况"),
            (Some(1), "四、政府信息公开行政复议、行政诉讼情况"),
            (Some(1), "五、存在的主要问题及改进情况"),
            (Some(1), "六、其他需要报告的事项"),
        ]
    );
    // Without numbering.xml the labels are not there (and nothing fails).
    let doc = ok(&docx_numbered(&body, HEADING_STYLES, None));
    assert_eq!(doc.blocks[1], heading(2, 1, "总体情况"));
}

#[test]
fn numbered_paragraphs_in_table_cells() {
    let numbering = [
        abstract_num(1, &[lvl(0, "decimal", "%1.", "")]),
        abstract_num(2, &[lvl(0, "decimalEnclosedParen", "%1", "")]),
        num(2, 1, ""),
        num(3, 2, ""),
    ]
    .concat();
    let cell = |n: u32, text: &str| {
        format!(
            "<w:tc>{}</w:tc>",
            numbered(n, 0, r#"<w:jc w:val="left"/>"#, &run(text))
        )
    };
    let body = tbl(&[
        format!("<w:tr>{}{}</w:tr>", cell(2, "属于国家秘密"), tc("", &["0"])),
        format!(
            "<w:tr>{}{}</w:tr>",
            cell(2, "其他法律行政法规禁止公开"),
            tc("", &["1"])
        ),
        format!(
            "<w:tr>{}{}</w:tr>",
            cell(3, "危及“三安全一稳定”"),
            tc("", &["2"])
        ),
    ]);
    let doc = ok(&docx_numbered(&body, "", Some(&numbering)));
    let Block::Table(t) = &doc.blocks[0] else {
        panic!("{doc:?}")
    };
    assert_eq!(
        t.rows,
        vec![
            vec![c("1. 属于国家秘密"), c("0")],
            vec![c("2. 其他法律行政法规禁止公开"), c("1")],
            vec![c("(1) 危及“三安全一稳定”"), c("2")],
        ]
    );
    // The checker's ordinal reader sees the labels.
    use crate::text::fold::{Marker, fold_str, split_marker};
    assert_eq!(
        split_marker(&fold_str(&t.rows[1][0].text)).0,
        Some(Marker::Num(2))
    );
}

#[test]
fn numbering_turned_off_and_start_overrides() {
    let numbering = heading_lists(
        &[
            abstract_num(3, &[lvl(0, "decimal", "%1.", "")]),
            // Restarted at 5 when first used.
            num(4, 0, r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>"#),
            num(5, 3, ""),
            // "Restart numbering" as Word writes it: a new instance starting again at 1.
            num(6, 3, r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>"#),
            // A whole level replaced.
            num(7, 3, r#"<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride>"#),
        ]
        .concat(),
    );
    let body = [
        styled("1", "甲"),
        // Turned off directly, and by a style: neither counts.
        r#"<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>"#.to_string(),
        styled("off", "样式不编号"),
        styled("1", "乙"),
        numbered(4, 0, "", &run("丙")),
        styled("1", "丁"),
        numbered(5, 0, "", &run("a")),
        numbered(5, 0, "", &run("b")),
        numbered(6, 0, "", &run("c")),
        numbered(6, 0, "", &run("d")),
        numbered(7, 0, "", &run("e")),
        // An instance not defined: no label.
        numbered(99, 0, "", &run("f")),
    ]
    .concat();
    let doc = ok(&docx_numbered(&body, HEADING_STYLES, Some(&numbering)));
    assert_eq!(
        doc.blocks,
        vec![
            heading(1, 1, "一、甲"),
            heading(2, 1, "不编号"),
            heading(3, 1, "样式不编号"),
            heading(4, 1, "二、乙"),
            para(5, "五、丙"),
            heading(6, 1, "六、丁"),
            para(7, "1. a"),
            para(8, "2. b"),
            para(9, "1. c"),
            para(10, "2. d"),
            para(11, "iii) e"),
            para(12, "f"),
        ]
    );
}

#[test]
fn number_formats_restarts_and_list_styles() {
    let custom = r#"<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>"#;
    let numbering = [
        abstract_num(
            5,
            &[
                lvl(0, "upperRoman", "%1.", ""),
                lvl(1, "lowerLetter", "%2)", ""),
                lvl(2, "chineseCounting", "%1.%2.%3", "<w:isLgl/>"),
                lvl(
                    3,
                    "decimalEnclosedCircle",
                    "%4",
                    r#"<w:lvlRestart w:val="0"/>"#,
                ),
                lvl(4, "bullet", "\u{F06C}", ""),
                lvl(5, "decimalFullWidth", "%6．", ""),
                lvl(
                    6,
                    "ideographTraditional",
                    "%7、",
                    r#"<w:suff w:val="space"/>"#,
                ),
                lvl(7, "none", "", ""),
                lvl(8, "decimal", "%9", custom).replace(r#"<w:numFmt w:val="decimal"/>"#, ""),
            ],
        ),
        num(8, 5, ""),
        // A definition taking its levels from a list style (`w:numStyleLink`).
        r#"<w:abstractNum w:abstractNumId="6"><w:styleLink w:val="listA"/>"#.to_string()
            + &lvl(0, "chineseCountingThousand", "第%1章", "")
            + "</w:abstractNum>",
        r#"<w:abstractNum w:abstractNumId="7"><w:numStyleLink w:val="listA"/></w:abstractNum>"#
            .to_string(),
        num(20, 6, ""),
        num(21, 7, ""),
    ]
    .concat();
    let styles = r#"<w:style w:type="numbering" w:customStyle="1" w:styleId="listA"><w:name w:val="章节列表"/><w:pPr><w:numPr><w:numId w:val="20"/></w:numPr></w:pPr></w:style>"#;
    let body = [
        (0, "x"),
        (1, "x"),
        (2, "x"),
        (3, "x"),
        (3, "x"),
        (0, "x"),
        (1, "x"),
        (3, "x"),
        (4, "x"),
        (5, "x"),
        (6, "x"),
        (7, "x"),
        (8, "x"),
    ]
    .iter()
    .map(|&(l, t)| numbered(8, l, "", &run(t)))
    .chain([
        numbered(21, 0, "", &run("总则")),
        numbered(21, 0, "", &run("附则")),
    ])
    .collect::<String>();
    let doc = ok(&docx_numbered(&body, styles, Some(&numbering)));
    let texts: Vec<&str> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text, .. } => text.as_str(),
            _ => panic!("{b:?}"),
        })
        .collect();
    assert_eq!(
        texts,
        [
            "I. x",
            "a) x",
            "1.1.1 x",
            "① x",
            "② x",
            "II. x",
            "a) x",
            // Level 4 never restarts.
            "③ x",
            // A bullet is no ordinal.
            "x",
            "１．x",
            "甲、x",
            "x",
            "01 x",
            "第一章总则",
            "第二章附则",
        ]
    );
}

#[test]
fn hidden_text_left_out() {
    let body = [
        r#"<w:p><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:vanish/></w:rPr><w:t>隐藏</w:t><w:tab/></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r><w:r><w:rPr><w:vanish/><w:specVanish/></w:rPr><w:t>特殊隐藏</w:t></w:r><w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="a"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>曾隐藏</w:t></w:r></w:p>"#.to_string(),
        // A hidden run anchoring a text box hides the box.
        format!(
            r#"<w:p><w:r><w:t>锚</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r><w:r><w:t>后</w:t></w:r></w:p>"#,
            p("框中")
        ),
        // Hidden runs in a table cell.
        tbl(&[tr(&[
            r#"<w:tc><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>说明</w:t></w:r><w:r><w:t>12</w:t></w:r></w:p></w:tc>"#.to_string(),
        ])]),
    ]
    .concat();
    let doc = ok(&docx(&body));
    assert_eq!(
        doc.blocks,
        vec![
            para(1, "可见显示曾隐藏"),
            para(2, "锚后"),
            Block::Table(Table {
                number: 1,
                rows: vec![vec![c("12")]]
            }),
        ]
    );

    // A numbered paragraph that is hidden whole (or deleted) is not counted; one whose mark
    // alone is hidden keeps its number.
    let numbering = [
        abstract_num(3, &[lvl(0, "decimal", "%1、", "")]),
        num(5, 3, ""),
    ]
    .concat();
    let hidden_mark = r#"<w:rPr><w:vanish/></w:rPr>"#;
    let hidden_run = r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏段</w:t></w:r>"#;
    let body = [
        numbered(5, 0, "", &run("甲")),
        numbered(5, 0, hidden_mark, hidden_run),
        numbered(5, 0, hidden_mark, &run("乙")),
        numbered(
            5,
            0,
            r#"<w:rPr><w:del w:id="9" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>"#,
            r#"<w:del w:id="8" w:author="a"><w:r><w:delText>删除段</w:delText></w:r></w:del>"#,
        ),
        numbered(5, 0, "", &run("2023年")),
    ]
    .concat();
    let doc = ok(&docx_numbered(&body, "", Some(&numbering)));
    assert_eq!(
        doc.blocks,
        vec![para(1, "1、甲"), para(2, "2、乙"), para(3, "3、 2023年")]
    );
}

#[test]
fn numbering_part_found_by_name_and_damage_ignored() {
    let body = styled("1", "总体情况");
    let lists = heading_lists("");
    // No relationship to it: numbering.xml beside the document.
    let bytes = zip_of(&[
        ("word/document.xml", &document_xml(&body)),
        (
            "word/styles.xml",
            &format!("<w:styles {NS}>{HEADING_STYLES}</w:styles>"),
        ),
        ("word/numbering.xml", &numbering_part(&lists)),
    ]);
    assert_eq!(ok(&bytes).blocks, vec![heading(1, 1, "一、总体情况")]);
    // A relationship to another name.
    let rels = DOCUMENT_RELS.replace(
        "</Relationships>",
        r#"<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="/word/lists.xml"/></Relationships>"#,
    );
    let bytes = zip_of(&[
        ("word/_rels/document.xml.rels", &rels),
        ("word/document.xml", &document_xml(&body)),
        (
            "word/styles.xml",
            &format!("<w:styles {NS}>{HEADING_STYLES}</w:styles>"),
        ),
        ("word/lists.xml", &numbering_part(&lists)),
        ("word/numbering.xml", "<bogus/>"),
    ]);
    assert_eq!(ok(&bytes).blocks, vec![heading(1, 1, "一、总体情况")]);
    // Damaged XML, cut short, or not UTF-8: no labels, the document is read.
    for bad in [
        numbering_part(&lists).replace("</w:abstractNum>", ""),
        numbering_part(&lists).replace("</w:numbering>", ""),
        numbering_part(&lists).replace("%1、", "%1\u{FFFF}&bogus;"),
        "\u{0}\u{1}".to_string(),
    ] {
        let bytes = docx_numbered(&body, HEADING_STYLES, None);
        let bytes = {
            let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            let mut parts = Vec::new();
            for i in 0..z.len() {
                let mut f = z.by_index(i).unwrap();
                let mut s = String::new();
                std::io::Read::read_to_string(&mut f, &mut s).unwrap();
                parts.push((f.name().unwrap().to_string(), s));
            }
            parts.push(("word/numbering.xml".to_string(), bad.clone()));
            let refs: Vec<(&str, &str)> = parts
                .iter()
                .map(|(n, s)| (n.as_str(), s.as_str()))
                .collect();
            zip_of(&refs)
        };
        assert_eq!(ok(&bytes).blocks, vec![heading(1, 1, "总体情况")], "{bad}");
    }
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in [
        ("word/document.xml", document_xml(&body).into_bytes()),
        (
            "word/styles.xml",
            format!("<w:styles {NS}>{HEADING_STYLES}</w:styles>").into_bytes(),
        ),
        (
            "word/numbering.xml",
            b"<w:numbering>\xB9\xAB</w:numbering>".to_vec(),
        ),
    ] {
        z.start_file(name, SimpleFileOptions::default()).unwrap();
        z.write_all(&data).unwrap();
    }
    let bytes = z.finish().unwrap().into_inner();
    assert_eq!(ok(&bytes).blocks, vec![heading(1, 1, "总体情况")]);
}

/// Every paragraph of a hostile document numbered with a long label: the labels are bounded.
#[test]
fn numbering_labels_are_bounded() {
    let long = "很长的编号".repeat(60);
    let numbering = [
        abstract_num(3, &[lvl(0, "decimal", &format!("{long}%1"), "")]),
        num(5, 3, ""),
    ]
    .concat();
    let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>"#;
    // The default paragraph style is numbered: every paragraph gets a label.
    let body = "<w:p></w:p>".repeat(3);
    let doc = ok(&docx_numbered(&body, styles, Some(&numbering)));
    assert_eq!(doc.blocks[2], para(3, &format!("{long}3")));
    let t = Instant::now();
    let body = "<w:p></w:p>".repeat(120_000);
    let e = read(&docx_numbered(&body, styles, Some(&numbering))).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooBig);
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
}

/// A small report whose part headings are numbered by Word: the checker finds its six parts
/// only when the labels are read.
#[test]
fn checker_finds_auto_numbered_parts() {
    let titles = [
        "政府信息公开工作总体情况",
        "主动公开政府信息工作情况",
        "收到和处理政府信息公开申请的情况",
        "政府信息公开行政复议和诉讼情况",
        "工作中存在的主要问题及改进情况",
        "其他需要报告的有关事项",
    ];
    let mut body = p("某市人民政府2023年政府信息公开工作年度报告");
    body += &p("本报告依据《中华人民共和国政府信息公开条例》编制。");
    for t in titles {
        body += &styled("1", t);
        body += &styled("2", "工作开展");
        body += &p("本年度依法做好政府信息公开工作。");
    }
    let report = |numbering: Option<&str>| {
        let doc = ok(&docx_numbered(&body, HEADING_STYLES, numbering));
        let text = render(&doc).text;
        let analysis = crate::check::check(&text, &Default::default());
        let missing = analysis
            .diagnostics
            .iter()
            .filter(|d| d.rule == "missing-part")
            .count();
        (text, analysis.parts.len(), missing)
    };
    let (text, parts, missing) = report(Some(&heading_lists("")));
    assert!(text.contains("# 一、政府信息公开工作总体情况\n"), "{text}");
    assert!(text.contains("## （一）工作开展\n"), "{text}");
    assert!(text.contains("# 六、其他需要报告的有关事项\n"), "{text}");
    assert_eq!((parts, missing), (6, 0), "{text}");
    // The same file read without its labels.
    let (_, parts, missing) = report(None);
    assert!(missing > 0 && parts < 6, "{parts} parts, {missing} missing");
}
