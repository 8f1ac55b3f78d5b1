//! Times reading a 50-page `.docx` and rendering it to Markdown: about 300 paragraphs and 3
//! tables of 40 rows × 10 columns, with the run and paragraph properties Word writes.
//!
//! `cargo run --release --example docx_speed [iterations]` (100 by default).
use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::time::Instant;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
);

const PHRASE: &str = "本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，\
                      全面推进决策、执行、管理、服务、结果公开，依法依规做好政府信息公开工作，2023年共主动公开政府信息1234条。";

const RPR: &str = r#"<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:cs="仿宋_GB2312" w:hint="eastAsia"/><w:color w:val="000000"/><w:kern w:val="0"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>"#;

fn run(out: &mut String, text: &str) {
    write!(
        out,
        r#"<w:r w:rsidRPr="00B41C2D">{RPR}<w:t xml:space="preserve">{text}</w:t></w:r>"#
    )
    .unwrap();
}

fn paragraph(out: &mut String, i: usize) {
    write!(
        out,
        r#"<w:p w14:paraId="{i:08X}" w14:textId="77777777" w:rsidR="00C62A5B" w:rsidRDefault="00C62A5B" w:rsidP="00D85E3F"><w:pPr><w:widowControl/><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>{RPR}</w:pPr>"#
    )
    .unwrap();
    let chars: Vec<char> = PHRASE.chars().collect();
    let start = i % 20;
    for k in 0..4 {
        let piece: String = chars[start + k * 20..start + k * 20 + 25].iter().collect();
        run(out, &piece);
        if k == 1 {
            out.push_str(r#"<w:proofErr w:type="gramStart"/><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:bookmarkEnd w:id="0"/>"#);
        }
    }
    out.push_str("</w:p>");
}

fn heading(out: &mut String, style: &str, text: &str) {
    write!(out, r#"<w:p><w:pPr><w:pStyle w:val="{style}"/><w:spacing w:line="560" w:lineRule="exact"/>{RPR}</w:pPr>"#).unwrap();
    run(out, text);
    out.push_str("</w:p>");
}

fn cell(out: &mut String, props: &str, text: &str) {
    write!(
        out,
        r#"<w:tc><w:tcPr><w:tcW w:w="900" w:type="dxa"/>{props}<w:tcBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tcBorders><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:widowControl/><w:jc w:val="center"/>{RPR}</w:pPr>"#
    )
    .unwrap();
    run(out, text);
    out.push_str("</w:p></w:tc>");
}

fn table(out: &mut String, t: usize) {
    out.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>"#);
    for _ in 0..10 {
        out.push_str(r#"<w:gridCol w:w="900"/>"#);
    }
    out.push_str("</w:tblGrid>");
    for r in 0..40 {
        out.push_str(r#"<w:tr w:rsidR="00C62A5B"><w:trPr><w:trHeight w:val="454" w:hRule="exact"/><w:jc w:val="center"/></w:trPr>"#);
        if r == 0 {
            cell(
                out,
                r#"<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>"#,
                "信息内容",
            );
            for c in 3..10 {
                cell(out, "", &format!("第{c}列"));
            }
        } else if r == 1 {
            cell(out, r#"<w:gridSpan w:val="3"/><w:vMerge/>"#, "");
            for c in 3..10 {
                cell(out, "", &format!("{t}-{c}"));
            }
        } else {
            cell(out, "", &format!("（{r}）事项"));
            for c in 1..10 {
                cell(out, "", &format!("{}", (r * 31 + c * 7 + t) % 1000));
            }
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn styles() -> String {
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}><w:docDefaults><w:rPrDefault>{RPR}</w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/></w:style>"#
    );
    for (id, name, lvl) in [
        ("1", "heading 1", 0),
        ("2", "heading 2", 1),
        ("3", "heading 3", 2),
    ] {
        write!(s, r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="{lvl}"/></w:pPr>{RPR}</w:style>"#).unwrap();
    }
    for i in 0..60 {
        write!(s, r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="s{i}"><w:name w:val="样式{i}"/><w:basedOn w:val="a"/><w:pPr><w:spacing w:line="560"/></w:pPr>{RPR}</w:style>"#).unwrap();
    }
    s.push_str("</w:styles>");
    s
}

fn build() -> (Vec<u8>, usize) {
    let mut body = String::new();
    heading(&mut body, "1", "某市人民政府2023年政府信息公开工作年度报告");
    let mut t = 0;
    for i in 0..300 {
        if i % 30 == 0 {
            heading(&mut body, "2", &format!("第{}部分", i / 30 + 1));
        }
        paragraph(&mut body, i);
        if i % 100 == 50 {
            table(&mut body, t);
            t += 1;
        }
    }
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/></w:sectPr></w:body></w:document>"#
    );
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/_rels/document.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", doc.clone()),
        ("word/styles.xml", styles()),
    ];
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, text) in &parts {
        z.start_file(*name, opts).expect("zip");
        z.write_all(text.as_bytes()).expect("zip");
    }
    (z.finish().expect("zip").into_inner(), doc.len())
}

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let (bytes, xml_len) = build();
    let doc = nianbao::input::docx::read(&bytes).expect("docx");
    let tables = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, nianbao::input::Block::Table(_)))
        .count();
    let markdown = nianbao::input::render(&doc).text.len();
    let t = Instant::now();
    let mut total = 0;
    for _ in 0..n {
        let doc = nianbao::input::docx::read(&bytes).expect("docx");
        total += nianbao::input::render(&doc).text.len();
    }
    let per = t.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    assert_eq!(total, markdown * n as usize);
    println!(
        "docx {} kB (document.xml {} kB), {} blocks ({tables} tables), {} kB of Markdown: \
         {per:.2} ms per read + render ({n} runs)",
        bytes.len() / 1024,
        xml_len / 1024,
        doc.blocks.len(),
        markdown / 1024,
    );
}
