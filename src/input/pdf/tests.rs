use super::*;
use std::io::Write;
use std::time::{Duration, Instant};

// Made by scripts/make_pdf_test_inputs.sh (LibreOffice, WenQuanYi Zen Hei, qpdf).
const REPORT: &[u8] = include_bytes!("../../../tests/fixtures/inputs/pdf/report.pdf");
const MERGED: &[u8] = include_bytes!("../../../tests/fixtures/inputs/pdf/merged.pdf");
const TEN_PAGES: &[u8] = include_bytes!("../../../tests/fixtures/inputs/pdf/ten_pages.pdf");
const SCANNED: &[u8] = include_bytes!("../../../tests/fixtures/inputs/pdf/scanned.pdf");
const NO_UNICODE: &[u8] = include_bytes!("../../../tests/fixtures/inputs/pdf/no_unicode.pdf");
const ENCRYPTED: &[u8] = include_bytes!("../../../tests/fixtures/inputs/pdf/encrypted.pdf");
const RESTRICTED: &[u8] = include_bytes!("../../../tests/fixtures/inputs/pdf/restricted.pdf");

fn pages(doc: &Document) -> Vec<(u32, &str)> {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph {
                text,
                at: Source::Page { page },
            } => (*page, text.as_str()),
            other => panic!("not a page paragraph: {other:?}"),
        })
        .collect()
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

fn kind(r: Result<Document, InputError>) -> ErrorKind {
    match r {
        Ok(d) => panic!("read: {d:?}"),
        Err(e) => e.kind,
    }
}

#[test]
fn chinese_paragraphs_come_out_on_their_pages() {
    let doc = read(REPORT).unwrap();
    let p = pages(&doc);
    assert_eq!(p.iter().map(|x| x.0).collect::<Vec<_>>(), [1, 2]);
    let one = lines(p[0].1);
    assert_eq!(one[0], "一、总体情况");
    assert_eq!(
        one[1],
        // No space for the gap between 2023 and 年 (autospace).
        "2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。"
    );
    assert_eq!(one[2], "二、主动公开政府信息情况");
    let two = lines(p[1].1);
    assert_eq!(two[0], "三、收到和处理政府信息公开申请情况");
    assert_eq!(two[1], "本年度共收到政府信息公开申请16件，均已按时答复。");
}

#[test]
fn a_ruled_table_comes_out_one_row_per_line_cells_apart() {
    let doc = read(REPORT).unwrap();
    let one = lines(pages(&doc)[0].1);
    // The gap after 行政规范性文件 is half a character: the rule between the cells splits it.
    assert_eq!(
        one[3..],
        [
            "信息内容\t本年新制发件数\t现行有效件数",
            "规章\t0\t3",
            "行政规范性文件\t12\t45",
            "行政许可\t185\t7",
        ]
    );
}

#[test]
fn cells_of_a_ruled_table_are_read_whole_and_merged_cells_on_their_own_line() {
    let doc = read(MERGED).unwrap();
    let p = pages(&doc);
    assert_eq!(
        lines(p[0].1),
        [
            "三、收到和处理政府信息公开申请情况",
            // The header over three rows: a cell spanning rows comes before the rows it spans.
            // Rows of one cell are tab-indented (read as rows of their own).
            "\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "\t申请人情况",
            "自然人\t总计",
            "\t法人或其他组织",
            "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
            "一、本年新收政府信息公开申请数量\t11\t18\t1\t29\t16\t6\t81",
            // Printed a few characters a line in a narrow cell spanning four rows.
            "\t三、本年度办理结果",
            "（一）予以公开\t13\t1\t26\t18\t3\t30\t91",
            // Wrapped over two and three lines in their cells, the numbers beside the middle.
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t20\t20\t18\t30\t1\t18\t107",
            "1.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t5\t19\t3\t15\t1\t6\t49",
            "（七）总计\t27\t15\t2\t5\t14\t12\t75",
        ]
    );
}

#[test]
fn a_table_without_rules_is_split_at_wide_gaps() {
    let doc = read(REPORT).unwrap();
    let two = lines(pages(&doc)[1].1);
    assert_eq!(
        two[2..],
        [
            "信息内容  本年处理决定数量  备注",
            "行政处罚  24  2",
            "行政强制  0  0",
        ]
    );
}

#[test]
fn ten_pages_keep_their_numbers_and_rows() {
    let doc = read(TEN_PAGES).unwrap();
    let p = pages(&doc);
    assert_eq!(p.len(), 10);
    for (i, (page, text)) in p.iter().enumerate() {
        let n = i as u32 + 1;
        assert_eq!(*page, n);
        let l = lines(text);
        assert_eq!(l[0], format!("第{n}部分政府信息公开工作情况"));
        let row = format!("规章\t{}\t0\t{}", (n * 7) % 50, (n * 13) % 300);
        assert!(l.contains(&row.as_str()), "page {n}: no {row:?} in {l:#?}");
        assert!(l.contains(&"信息内容\t本年新制发件数\t本年废止件数\t现行有效件数"));
    }
}

#[test]
fn encrypted_files_are_refused_with_or_without_an_open_password() {
    assert_eq!(kind(read(ENCRYPTED)), ErrorKind::Encrypted);
    assert_eq!(kind(read(RESTRICTED)), ErrorKind::Encrypted);
}

#[test]
fn a_scan_has_no_text() {
    let e = read(SCANNED).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NoText);
    assert!(e.detail.contains("扫描件"), "{}", e.detail);
}

#[test]
fn a_cjk_font_without_unicode_map_has_no_text() {
    assert_eq!(kind(read(NO_UNICODE)), ErrorKind::NoText);
}

#[test]
fn not_a_pdf_is_the_wrong_type() {
    assert_eq!(kind(read(b"")), ErrorKind::WrongType);
    assert_eq!(
        kind(read(b"PK\x03\x04\x14\x00\x06\x00")),
        ErrorKind::WrongType
    );
    // A header found within the first KB, and then no PDF behind it: corrupt.
    assert_eq!(
        kind(read(b"<html><body>%PDF-1.4</body></html>")),
        ErrorKind::Corrupt
    );
    let mut late = vec![b' '; 1100];
    late.extend_from_slice(REPORT);
    assert_eq!(kind(read(&late)), ErrorKind::WrongType);
    // A header after a little junk within the first KB is read (as PDF viewers do).
    let mut early = b"junk\r\n".to_vec();
    early.extend_from_slice(REPORT);
    assert!(read(&early).is_ok());
}

#[test]
fn garbage_and_truncated_files_are_corrupt() {
    let mut garbage = b"%PDF-1.7\n".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        garbage.push((x >> 16) as u8);
    }
    assert_eq!(kind(read(&garbage)), ErrorKind::Corrupt);
    // Cut short: no `%%EOF`, no repair.
    for cut in [
        10,
        100,
        REPORT.len() / 3,
        REPORT.len() / 2,
        REPORT.len() - 40,
    ] {
        let r = read(&REPORT[..cut]);
        assert!(r.is_err(), "cut at {cut} read");
    }
    assert_eq!(kind(read(&REPORT[..REPORT.len() / 2])), ErrorKind::Corrupt);
}

#[test]
fn a_damaged_cross_reference_table_is_rebuilt() {
    let want = read(REPORT).unwrap();
    // A line inserted after the header shifts every object from its listed offset.
    let at = REPORT.iter().position(|&b| b == b'\n').unwrap() + 1;
    let shifted = [&REPORT[..at], b"%inserted\n", &REPORT[at..]].concat();
    assert_eq!(read(&shifted).unwrap(), want);
    // `startxref` points nowhere.
    let end = memchr::memmem::rfind(REPORT, b"startxref").unwrap();
    let lost = [&REPORT[..end], b"startxref\n999999\n%%EOF\n"].concat();
    assert_eq!(read(&lost).unwrap(), want);
    // No cross-reference table nor trailer: the root is the object holding /Catalog.
    let xref = memchr::memmem::rfind(REPORT, b"\nxref").unwrap();
    let bare = [&REPORT[..xref], b"\n%%EOF\n"].concat();
    assert_eq!(read(&bare).unwrap(), want);
}

#[test]
fn repair_finds_object_headers_and_the_root() {
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n12 3 obj (x) endobj\nxobj 4 0 obj";
    let fixed = String::from_utf8(repair_xref(pdf).unwrap()).unwrap();
    assert!(fixed.contains("1 1\n0000000009 00000 n \n"), "{fixed}");
    assert!(fixed.contains("12 1\n0000000045 00003 n \n"), "{fixed}");
    assert!(fixed.contains("4 1\n"), "{fixed}");
    assert!(fixed.contains("/Root 1 0 R"), "{fixed}");
    assert_eq!(repair_xref(b"%PDF-1.4\nnothing here"), None);
}

// Hand-made PDFs: object N is `objects[N - 1]`, the catalog is object 1.

fn build(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let n = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {n}\n0000000000 65535 f \n").as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

fn obj(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// Catalog, pages, one page (object 3) with `page_extra`, its content (object 4), a font
/// (object 5) and `more` objects from 6 on.
fn one_page(page_extra: &str, content: &[u8], more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(&format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> /XObject << /Im 6 0 R /Fm 6 0 R >> >> {page_extra} >>"
        )),
        stream("", content),
        obj(HELVETICA),
    ];
    objects.extend(more);
    build(&objects)
}

fn returns_quickly(bytes: &[u8]) -> Result<Document, InputError> {
    let t = Instant::now();
    let r = read(bytes);
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
    r
}

#[test]
fn a_hand_made_page_of_latin_text_is_read_but_has_no_chinese() {
    let pdf = one_page("", b"BT /F1 12 Tf 72 700 Td (Hello world) Tj ET", vec![]);
    let e = read(&pdf).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NoText);
    assert!(e.detail.contains("0 个汉字"), "{}", e.detail);
}

#[test]
fn a_type0_font_without_unicode_map_has_no_text() {
    // Identity-H codes of 40 glyphs and no /ToUnicode: nothing decodes.
    let codes: String = (0..40).map(|i| format!("{:04X}", 0x4E00 + i)).collect();
    let content = format!("BT /F1 12 Tf 72 700 Td <{codes}> Tj ET");
    let objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> >>",
        ),
        stream("", content.as_bytes()),
        obj(
            "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
             /DescendantFonts [6 0 R] >>",
        ),
        obj("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
             /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
             /FontDescriptor 7 0 R /DW 1000 >>"),
        obj(
            "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 0 1000 1000] \
             /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        ),
    ];
    let pdf = build(&objects);
    let e = read(&pdf).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NoText, "{e}");
}

/// A font as PDF libraries write Chinese without embedding a font: STSong-Light, codes in
/// UCS-2 (`UniGB-UCS2-H`), CID widths, no ToUnicode map.
fn stsong_page(content: &str) -> Vec<u8> {
    build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> >>",
        ),
        stream("", content.as_bytes()),
        obj(
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H \
             /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        ),
        obj(
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
             /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> \
             /FontDescriptor 7 0 R /DW 1000 /W [1 95 500 814 939 500] >>",
        ),
        obj("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 \
             /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 \
             /CapHeight 880 /StemV 93 >>"),
    ])
}

fn ucs2(s: &str) -> String {
    s.encode_utf16().map(|u| format!("{u:04X}")).collect()
}

#[test]
fn a_font_in_a_unicode_cmap_is_read() {
    let line = "本年度共收到政府信息公开申请，均已按时答复，没有发生行政复议和行政诉讼。";
    let content = format!(
        "BT /F1 12 Tf 72 700 Td <{}> Tj ET \
         BT /F1 12 Tf 72 680 Td <{}> Tj ET BT /F1 12 Tf 160 680 Td <{}> Tj ET",
        ucs2(line),
        ucs2("行政许可"),
        ucs2("185"),
    );
    let doc = read(&stsong_page(&content)).unwrap();
    assert_eq!(
        pages(&doc),
        [(1, format!("{line}\n行政许可  185").as_str())]
    );
}

#[test]
fn an_image_drawn_on_a_page_is_not_read_as_content() {
    let pixels = vec![0x80u8; 64 * 64];
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray \
         /BitsPerComponent 8 /Filter /FlateDecode",
        &zlib(&pixels),
    );
    let pdf = one_page("", b"q 200 0 0 200 100 500 cm /Im Do Q", vec![image]);
    let e = read(&pdf).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NoText);
    assert!(e.detail.contains("扫描件"), "{}", e.detail);
}

#[test]
fn a_page_without_media_box_is_read() {
    let pdf = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        ),
        stream("", b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"),
        obj(HELVETICA),
    ]);
    assert_eq!(kind(read(&pdf)), ErrorKind::NoText);
}

#[test]
fn a_font_whose_last_char_disagrees_with_its_widths_is_read() {
    let widths = "500 ".repeat(95);
    let font = obj(&format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 40 \
         /Widths [{widths}] >>"
    ));
    let pdf = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> >>",
        ),
        stream("", b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"),
        font,
    ]);
    let e = read(&pdf).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NoText, "{e}");
}

#[test]
fn a_unicode_map_over_billions_of_codes_is_refused() {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange \
        1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange endcmap end end";
    let font = obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>");
    let pdf = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> >>",
        ),
        stream("", b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"),
        font,
        stream("", cmap),
    ]);
    assert_eq!(kind(returns_quickly(&pdf)), ErrorKind::Corrupt);
    assert_eq!(bfrange_codes(cmap), 1 << 32);
    let cjk = b"2 beginbfrange <0001> <0010> <4E00> <0020> <0021> [<0041> <0042>] endbfrange";
    assert_eq!(bfrange_codes(cjk), 18);
}

#[test]
fn a_panic_inside_the_extractor_is_a_corrupt_file() {
    // /F9 is not among the page's fonts: pdf-extract panics on the lookup.
    let pdf = one_page("", b"BT /F9 12 Tf 72 700 Td (Hello) Tj ET", vec![]);
    let e = read(&pdf).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Corrupt);
    assert!(e.detail.contains("第1页"), "{}", e.detail);
}

#[test]
fn a_page_tree_whose_kids_loop_returns() {
    let pdf = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"),
        stream("", b""),
    ]);
    assert_eq!(kind(returns_quickly(&pdf)), ErrorKind::Corrupt);
}

#[test]
fn a_parent_chain_that_loops_returns() {
    // The page's /Parent is a node whose /Parent is the page: pdf-extract would recurse
    // forever looking up /Resources.
    let pdf = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 5 0 R /Contents 4 0 R >>"),
        stream("", b""),
        obj("<< /Type /Pages /Parent 3 0 R /Kids [] /Count 0 >>"),
    ]);
    assert_eq!(kind(returns_quickly(&pdf)), ErrorKind::Corrupt);
}

#[test]
fn a_form_that_draws_itself_returns() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 100 100]",
        b"/Fm Do",
    );
    let pdf = one_page("", b"/Fm Do", vec![form]);
    assert_eq!(kind(returns_quickly(&pdf)), ErrorKind::Corrupt);
}

#[test]
fn deep_nesting_returns() {
    let deep = format!("<< /A {}{} >>", "[".repeat(100_000), "]".repeat(100_000));
    let pdf = one_page(
        "/Deep 6 0 R",
        b"BT /F1 12 Tf 72 700 Td (Hi) Tj ET",
        vec![obj(&deep)],
    );
    assert!(returns_quickly(&pdf).is_err());
    let pdf = one_page(
        "",
        format!("BT /F1 12 Tf 72 700 Td {} (Hi) Tj ET", "[".repeat(50_000)).as_bytes(),
        vec![],
    );
    assert!(returns_quickly(&pdf).is_err());
}

#[test]
fn a_reference_to_itself_returns() {
    let pdf = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox 6 0 R /Contents 4 0 R /Resources 5 0 R >>"),
        stream("", b"BT /F1 12 Tf 72 700 Td (Hi) Tj ET"),
        obj("5 0 R"),
        obj("6 0 R"),
    ]);
    assert!(returns_quickly(&pdf).is_err());
}

const CAP: u64 = 1 << 20;

#[test]
fn a_content_stream_bomb_is_too_big() {
    let bomb = zlib(&vec![b' '; 2 * CAP as usize]);
    let pdf = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"),
        stream("/Filter /FlateDecode", &bomb),
    ]);
    assert_eq!(kind(read_capped(&pdf, CAP)), ErrorKind::TooBig);
    // Half the bomb fits.
    let half = zlib(&vec![b' '; CAP as usize / 2]);
    let pdf = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"),
        stream("/Filter /FlateDecode", &half),
    ]);
    assert_eq!(kind(read_capped(&pdf, CAP)), ErrorKind::NoText);
}

/// A PDF with a cross-reference stream: objects 1..=N in the file, and `compressed` objects
/// (id, container) stored in object streams (index 0 of their container).
fn build_with_xref_stream(objects: &[Vec<u8>], compressed: &[(u32, u32)]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len() as u32);
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref_id = objects.len() + compressed.len() + 1;
    let xref_at = pdf.len() as u32;
    let mut rows = vec![0u8, 0, 0, 0, 0, 0xFF];
    for o in &offsets {
        rows.push(1);
        rows.extend_from_slice(&o.to_be_bytes());
        rows.push(0);
    }
    for &(_, container) in compressed {
        rows.push(2);
        rows.extend_from_slice(&container.to_be_bytes());
        rows.push(0);
    }
    rows.push(1);
    rows.extend_from_slice(&xref_at.to_be_bytes());
    rows.push(0);
    pdf.extend_from_slice(
        format!(
            "{xref_id} 0 obj\n<< /Type /XRef /Size {} /W [1 4 1] /Root 1 0 R /Length {} >>\nstream\n",
            xref_id + 1,
            rows.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&rows);
    pdf.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    pdf
}

#[test]
fn a_bomb_whose_length_is_in_an_object_stream_is_too_big() {
    let bomb = zlib(&vec![b' '; 2 * CAP as usize]);
    let objstm = stream(
        "/Type /ObjStm /N 1 /First 4",
        format!("6 0 {} ", bomb.len()).as_bytes(),
    );
    let mut content = b"<< /Filter /FlateDecode /Length 6 0 R >>\nstream\n".to_vec();
    content.extend_from_slice(&bomb);
    content.extend_from_slice(b"\nendstream");
    let pdf = build_with_xref_stream(
        &[
            obj("<< /Type /Catalog /Pages 2 0 R >>"),
            obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"),
            content,
            objstm,
        ],
        &[(6, 5)],
    );
    assert_eq!(kind(read_capped(&pdf, CAP)), ErrorKind::TooBig);
}

#[test]
fn many_lengths_beside_a_large_object_stream_are_too_much_work() {
    // lopdf inflates an object stream again for each indirect /Length stored in it; the
    // bound counts indirect lengths times the largest object stream: 50 times 400 KB is more
    // than 16 times the cap of 1 MB, 10 times is not.
    let mut members = b"6 0 2 ".to_vec();
    members.extend(vec![b' '; 400 * 1024]);
    let objstm = stream(
        "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
        &zlib(&members),
    );
    let pdf = |n: usize| {
        let contents: String = (0..n).map(|i| format!("{} 0 R ", i + 7)).collect();
        let mut objects = vec![
            obj("<< /Type /Catalog /Pages 2 0 R >>"),
            obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            obj(&format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [{contents}] >>"
            )),
            obj("null"),
            objstm.clone(),
            obj("2"),
        ];
        for _ in 0..n {
            objects.push(b"<< /Length 6 0 R >>\nstream\n  \nendstream".to_vec());
        }
        build(&objects)
    };
    assert_eq!(kind(read_capped(&pdf(10), CAP)), ErrorKind::NoText);
    assert_eq!(kind(read_capped(&pdf(50), CAP)), ErrorKind::TooBig);
}

#[test]
fn an_object_stream_bomb_is_too_big() {
    let mut data = b"6 0 ".to_vec();
    data.extend(vec![b' '; 2 * CAP as usize]);
    let objstm = stream(
        "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
        &zlib(&data),
    );
    let pdf = one_page("", b"", vec![objstm]);
    assert_eq!(kind(read_capped(&pdf, CAP)), ErrorKind::TooBig);
}

#[test]
fn a_cross_reference_stream_bomb_is_too_big() {
    let data = zlib(&vec![0u8; 2 * CAP as usize]);
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let at = pdf.len();
    pdf.extend_from_slice(
        format!(
            "1 0 obj\n<< /Type /XRef /Size 2 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /Length {} >>\nstream\n",
            data.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&data);
    pdf.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
    assert_eq!(kind(read_capped(&pdf, CAP)), ErrorKind::TooBig);
}

#[test]
fn content_shared_by_many_pages_counts_once_per_page() {
    let content = zlib(&vec![b' '; CAP as usize / 3]);
    let pdf = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R] /Count 4 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>"),
        stream("/Filter /FlateDecode", &content),
    ]);
    assert_eq!(kind(read_capped(&pdf, CAP)), ErrorKind::TooBig);
}

#[test]
fn too_many_pages_are_too_big() {
    let n = MAX_PAGES + 1;
    let kids: String = (0..n).map(|i| format!("{} 0 R ", i + 4)).collect();
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj(&format!("<< /Type /Pages /Kids [{kids}] /Count {n} >>")),
        stream("", b""),
    ];
    for _ in 0..n {
        objects.push(obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>",
        ));
    }
    assert_eq!(kind(returns_quickly(&build(&objects))), ErrorKind::TooBig);
}

#[test]
fn no_pages_is_corrupt() {
    let pdf = build(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [] /Count 0 >>"),
    ]);
    assert_eq!(kind(read(&pdf)), ErrorKind::Corrupt);
}

#[test]
fn an_encrypt_entry_is_found_in_the_raw_bytes() {
    assert!(has_encrypt_entry(
        b"trailer << /Root 1 0 R /Encrypt 9 0 R >>"
    ));
    assert!(has_encrypt_entry(b"<< /Encrypt<< /Filter /Standard >> >>"));
    assert!(!has_encrypt_entry(b"<< /EncryptMetadata false >>"));
    assert!(!has_encrypt_entry(b"(see /Encrypt in the spec)"));
}

// Line layout on glyphs made here: (text, x, y, advance), font size 10.

fn lay(items: &[(&str, f64, f64, f64)], segs: &[Seg]) -> String {
    let mut text = String::new();
    let glyphs: Vec<Glyph> = items
        .iter()
        .map(|&(s, x, y, adv)| {
            // A leading space: a space character shown before the glyph.
            let space_before = s.starts_with(' ');
            let s = s.trim_start();
            let start = text.len() as u32;
            text.push_str(s);
            Glyph {
                x,
                y,
                end: x + adv,
                em: 10.0,
                rot: 0,
                start,
                len: s.len() as u32,
                space_before,
            }
        })
        .collect();
    layout(&glyphs, &text, segs)
}

#[test]
fn lines_are_grouped_by_baseline_and_sorted_by_x() {
    let got = lay(
        &[
            ("b", 15.0, 700.0, 5.0),
            ("2", 5.0, 688.0, 5.0),
            ("a", 10.0, 701.5, 5.0),
            ("1", 0.0, 688.0, 5.0),
        ],
        &[],
    );
    assert_eq!(got, "ab\n12");
}

#[test]
fn gaps_become_spaces_or_column_separators() {
    // 0.1 em: nothing; 0.3 em: a space; 1.5 em: two spaces.
    let got = lay(
        &[
            ("a", 0.0, 0.0, 5.0),
            ("b", 6.0, 0.0, 5.0),
            ("c", 14.0, 0.0, 5.0),
            ("d", 34.0, 0.0, 5.0),
        ],
        &[],
    );
    assert_eq!(got, "ab c  d");
    // No single space between two CJK characters (justification, 分散对齐).
    assert_eq!(
        lay(&[("合", 0.0, 0.0, 10.0), ("计", 15.0, 0.0, 10.0)], &[]),
        "合计"
    );
    // Autospace: a gap under half an em between CJK and a digit or letter is no space,
    // unless a space character was shown there (" 1"); a wider gap is one.
    assert_eq!(
        lay(&[("合", 0.0, 0.0, 10.0), ("1", 13.0, 0.0, 5.0)], &[]),
        "合1"
    );
    assert_eq!(
        lay(&[("1", 0.0, 0.0, 5.0), ("年", 8.0, 0.0, 10.0)], &[]),
        "1年"
    );
    assert_eq!(
        lay(&[("合", 0.0, 0.0, 10.0), (" 1", 13.0, 0.0, 5.0)], &[]),
        "合 1"
    );
    assert_eq!(
        lay(&[("合", 0.0, 0.0, 10.0), ("1", 16.0, 0.0, 5.0)], &[]),
        "合 1"
    );
}

#[test]
fn fake_bold_is_read_once() {
    let got = lay(
        &[
            ("粗", 0.0, 0.0, 10.0),
            ("粗", 0.3, 0.0, 10.0),
            ("体", 10.0, 0.0, 10.0),
            ("体", 10.3, 0.0, 10.0),
            ("体", 20.0, 0.0, 10.0),
        ],
        &[],
    );
    assert_eq!(got, "粗体体");
}

#[test]
fn rules_split_cells_and_in_a_ruled_table_only_rules_do() {
    let rule = |x: f64| Seg {
        x0: x,
        y0: -5.0,
        x1: x,
        y1: 15.0,
    };
    let segs = [rule(-2.0), rule(42.0), rule(100.0), rule(200.0)];
    // 合 and 计 are 2 em apart inside one cell; 计 and 12 are half an em apart across a rule.
    let got = lay(
        &[
            ("合", 0.0, 0.0, 10.0),
            ("计", 30.0, 0.0, 10.0),
            ("1", 45.0, 0.0, 5.0),
            ("2", 50.0, 0.0, 5.0),
            ("3", 150.0, 0.0, 5.0),
        ],
        &segs,
    );
    assert_eq!(got, "合计  12  3");
    // Two rules (a frame without inner rules): wide gaps split cells.
    let got = lay(
        &[("合", 0.0, 0.0, 10.0), ("计", 30.0, 0.0, 10.0)],
        &[rule(-2.0), rule(200.0)],
    );
    assert_eq!(got, "合  计");
}

fn frame(x0: f64, y0: f64, x1: f64, y1: f64) -> [Seg; 4] {
    [
        Seg { x0, y0, x1, y1: y0 },
        Seg { x0, y0: y1, x1, y1 },
        Seg { x0, y0, x1: x0, y1 },
        Seg { x0: x1, y0, x1, y1 },
    ]
}

#[test]
fn lines_in_a_ruled_cell_are_joined() {
    // Two cells in a row: a label over two lines, a number beside them.
    let mut segs = frame(0.0, 0.0, 100.0, 30.0).to_vec();
    segs.push(Seg {
        x0: 60.0,
        y0: 0.0,
        x1: 60.0,
        y1: 30.0,
    });
    let got = lay(
        &[
            ("申", 2.0, 18.0, 10.0),
            ("请", 12.0, 18.0, 10.0),
            ("数", 2.0, 5.0, 10.0),
            ("量", 12.0, 5.0, 10.0),
            ("7", 70.0, 11.0, 5.0),
        ],
        &segs,
    );
    assert_eq!(got, "申请数量\t7");
}

#[test]
fn empty_cells_of_a_ruled_row_keep_their_places() {
    // Four columns: label, three values; rows from the top: 甲 5 _ 6, 乙 _ 7 _, 丙 _ _ _.
    let mut segs = frame(0.0, 0.0, 200.0, 60.0).to_vec();
    for x in [60.0, 100.0, 140.0] {
        segs.push(Seg {
            x0: x,
            y0: 0.0,
            x1: x,
            y1: 60.0,
        });
    }
    for y in [20.0, 40.0] {
        segs.push(Seg {
            x0: 0.0,
            y0: y,
            x1: 200.0,
            y1: y,
        });
    }
    let got = lay(
        &[
            ("甲", 2.0, 45.0, 10.0),
            ("5", 70.0, 45.0, 5.0),
            ("6", 150.0, 45.0, 5.0),
            ("乙", 2.0, 25.0, 10.0),
            ("7", 110.0, 25.0, 5.0),
            ("丙", 2.0, 5.0, 10.0),
        ],
        &segs,
    );
    // A label whose value cells are all empty keeps them (the rendering keeps trailing tabs).
    assert_eq!(got, "甲\t5\t\t6\n乙\t\t7\t\n丙\t\t\t");
}

#[test]
fn rows_without_rules_between_them_in_a_frame_stay_lines() {
    // A frame around two rows of a table without inner horizontal rules: the number cell
    // holds two lines of numbers, so these are rows, not one wrapped row.
    let mut segs = frame(0.0, 0.0, 100.0, 30.0).to_vec();
    segs.push(Seg {
        x0: 60.0,
        y0: 0.0,
        x1: 60.0,
        y1: 30.0,
    });
    let got = lay(
        &[
            ("甲", 2.0, 18.0, 10.0),
            ("乙", 2.0, 5.0, 10.0),
            ("1", 70.0, 18.0, 5.0),
            ("2", 70.0, 5.0, 5.0),
        ],
        &segs,
    );
    assert_eq!(got, "甲  1\n乙  2");
}

#[test]
fn rotated_text_is_read_along_its_baseline() {
    let mut text = String::new();
    let mut glyphs = Vec::new();
    // Text running up the page (a quarter turn): in its frame x is the page's y.
    for (i, s) in ["竖", "排"].iter().enumerate() {
        let start = text.len() as u32;
        text.push_str(s);
        let (x, y) = to_frame(1, 300.0, 100.0 + 10.0 * i as f64);
        glyphs.push(Glyph {
            x,
            y,
            end: x + 10.0,
            em: 10.0,
            rot: 1,
            start,
            len: s.len() as u32,
            space_before: false,
        });
    }
    assert_eq!(layout(&glyphs, &text, &[]), "竖排");
}

#[test]
fn decoded_length_is_capped() {
    let s = Stream::new(
        Dictionary::from_iter(vec![("Filter", Object::Name(b"FlateDecode".to_vec()))]),
        zlib(&vec![0u8; 100_000]),
    );
    assert_eq!(decoded_len(&s, 1_000_000), 100_000);
    assert_eq!(decoded_len(&s, 1_000), 1_000);
    assert_eq!(ascii85(b"87cURD]i,\"Ebo80~>"), b"Hello World!");
}
