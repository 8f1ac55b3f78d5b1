//! Writes a generated report (`template::sample_report`, about BYTES of Markdown) as a Word
//! file and a web page, for timing `nianbao check` on each format (`scripts/perf.py`):
//! headings with Word's Heading styles, one paragraph per line, pipe tables as real tables.
//!
//! `cargo run --release --example report_files OUT_DIR [BYTES]` → OUT_DIR/report.{md,docx,html}
use std::fmt::Write as _;
use std::io::Write;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The Markdown as blocks: (heading level, text), paragraphs, tables of cells.
enum B<'a> {
    H(usize, &'a str),
    P(&'a str),
    T(Vec<Vec<&'a str>>),
}

fn blocks(md: &str) -> Vec<B<'_>> {
    let mut out = Vec::new();
    for l in md.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(row) = l.strip_prefix('|') {
            let cells: Vec<&str> = row
                .trim_end_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            if cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|x| x == '-' || x == ':'))
            {
                continue;
            }
            match out.last_mut() {
                Some(B::T(rows)) => rows.push(cells),
                _ => out.push(B::T(vec![cells])),
            }
        } else if l.starts_with('#') {
            let level = l.chars().take_while(|&c| c == '#').count();
            out.push(B::H(level, l[level..].trim()));
        } else {
            out.push(B::P(l));
        }
    }
    out
}

const RPR: &str = r#"<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/></w:rPr>"#;

fn docx(md: &str) -> Vec<u8> {
    let mut body = String::new();
    for b in blocks(md) {
        match b {
            B::H(level, t) => write!(
                body,
                r#"<w:p><w:pPr><w:pStyle w:val="{}"/></w:pPr><w:r>{RPR}<w:t>{}</w:t></w:r></w:p>"#,
                if level == 1 { "Title".to_string() } else { format!("Heading{}", level - 1) },
                esc(t)
            ),
            B::P(t) => write!(
                body,
                r#"<w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr><w:r>{RPR}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                esc(t)
            ),
            B::T(rows) => {
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for c in r {
                        write!(
                            body,
                            r#"<w:tc><w:tcPr><w:tcW w:w="900" w:type="dxa"/></w:tcPr><w:p><w:r>{RPR}<w:t>{}</w:t></w:r></w:p></w:tc>"#,
                            esc(c)
                        )
                        .unwrap();
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
                Ok(())
            }
        }
        .unwrap();
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut styles = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>"#,
    );
    for i in 1..=6 {
        write!(
            styles,
            r#"<w:style w:type="paragraph" w:styleId="Heading{i}"><w:name w:val="heading {i}"/></w:style>"#
        )
        .unwrap();
    }
    styles.push_str("</w:styles>");
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_string(),
        ),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn html(md: &str) -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>政府信息公开</title></head><body><nav><a href=\"/\">首页</a></nav><div class=\"article-content\">",
    );
    for b in blocks(md) {
        match b {
            B::H(level, t) => write!(out, "<h{0}>{1}</h{0}>", level.min(6), esc(t)),
            B::P(t) => write!(out, "<p>{}</p>", esc(t)),
            B::T(rows) => {
                out.push_str("<table border=\"1\">");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        write!(out, "<td><p><span>{}</span></p></td>", esc(c)).unwrap();
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</table>");
                Ok(())
            }
        }
        .unwrap();
    }
    out.push_str("</div><footer>版权所有</footer></body></html>");
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: report_files OUT_DIR [BYTES]"));
    let bytes: usize = args.next().map_or(150_000, |b| b.parse().expect("BYTES"));
    std::fs::create_dir_all(&dir).unwrap();
    let md = nianbao::template::sample_report(2024, bytes, 0, 1);
    std::fs::write(dir.join("report.md"), &md).unwrap();
    std::fs::write(dir.join("report.docx"), docx(&md)).unwrap();
    std::fs::write(dir.join("report.html"), html(&md)).unwrap();
}
