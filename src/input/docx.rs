//! Word 2007+ documents (`.docx`, also what WPS saves): the zip container, the main document
//! part (`word/document.xml`), its paragraph styles (`word/styles.xml`) and list definitions
//! (`word/numbering.xml`).
//!
//! The XML is streamed with quick-xml (no DOM). What is read: paragraphs in order with the text
//! of their runs (`w:t`; `w:tab` as a tab, `w:br`/`w:cr` as a line break), field results
//! (the field codes are dropped), inserted text (deleted and moved-away text is dropped), content
//! controls, hyperlinks and smart tags (read through), text boxes (each once, as paragraphs after
//! the paragraph or table that anchors them), headings (by style, style name or outline level),
//! tables as full grids (horizontal and vertical merges, grid before/after, nested tables as
//! tables of their own after the outer one), and the labels of numbered paragraphs (`一、`,
//! `（一）`, `1.` that Word generates, in front of the paragraph's text; see [`numbering`]).
//! Hidden text (`w:vanish`, `w:specVanish` in a run's own properties) is left out; a numbered
//! paragraph whose mark is hidden or deleted and that shows no text is gone and not counted.
//!
//! Not read: headers, footers, footnotes, comments, the text of charts and SmartArt; text
//! hidden by its character or paragraph style (only a run's own properties are looked at).
//!
//! Every damaged or hostile input is an [`InputError`]: entries counted before the zip is
//! opened, parts read through a cap of [`MAX_EXPANDED_BYTES`], tables bounded in depth and in
//! number of grid positions, no recursion.

use super::{Block, Cell, Document, ErrorKind, InputError, MAX_EXPANDED_BYTES, Source, Table};
use memchr::memmem::Finder;
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::QName;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::sync::LazyLock;
use zip::ZipArchive;
use zip::result::ZipError;

mod numbering;
#[cfg(test)]
mod tests;

use numbering::{Lists, Numbering, Suffix};

/// Magic of an OLE compound file: an old `.doc`, or an encrypted `.docx`.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Most zip entries a `.docx` may have (a report with many images has a few hundred).
const MAX_ENTRIES: usize = 10_000;
/// Largest relationship part read (`_rels/.rels`, `word/_rels/document.xml.rels`); a larger
/// one is ignored and the usual part names are used.
const MAX_RELS_BYTES: u64 = 1024 * 1024;
/// Tables nested deeper than this are read as text of the innermost table cell kept.
const MAX_TABLE_DEPTH: usize = 32;
/// Most grid positions of all tables together (a 50-page report has a few thousand).
const MAX_CELLS: usize = 1_000_000;
/// Widest span of one cell (`w:gridSpan`, `w:gridBefore`, `w:gridAfter`); Word allows 63
/// columns.
const MAX_SPAN: usize = 1024;
/// Deepest nesting of fields kept track of.
const MAX_FIELD_DEPTH: usize = 64;
/// Longest `w:basedOn` chain followed.
const MAX_STYLE_CHAIN: usize = 16;

/// Read a `.docx` file's bytes into a [`Document`].
pub fn read(bytes: &[u8]) -> Result<Document, InputError> {
    sniff(bytes)?;
    let mut zip = open(bytes)?;
    let main = main_part(&mut zip)?;
    let xml = read_part(&mut zip, main.index, &main.name)?;
    let styles = match related_part(&mut zip, &main.name, "/styles", "styles.xml") {
        Some(i) => xml_text(&read_part(&mut zip, i, "styles.xml")?)
            .map(|x| Styles::parse(&x))
            .unwrap_or_default(),
        None => Styles::default(),
    };
    // Like the styles: a part too large or whose compressed data is damaged is an error, one
    // that is not XML (or not UTF-8/UTF-16) gives no numbering.
    let numbering = match related_part(&mut zip, &main.name, "/numbering", "numbering.xml") {
        Some(i) => xml_text(&read_part(&mut zip, i, "numbering.xml")?)
            .map(|x| Numbering::parse(&x, &styles.list_styles))
            .unwrap_or_default(),
        None => Numbering::default(),
    };
    let lists = (!numbering.is_empty()).then(|| Lists::new(numbering));
    parse_document(&xml_text(&xml)?, &styles, lists)
}

fn corrupt(detail: impl Into<String>) -> InputError {
    InputError::new(ErrorKind::Corrupt, detail)
}

/// Refuse files that are something else than a zip before opening them.
fn sniff(bytes: &[u8]) -> Result<(), InputError> {
    if bytes.is_empty() {
        return Err(corrupt("文件为空"));
    }
    if bytes.starts_with(&OLE_MAGIC) {
        // An encrypted .docx is an OLE file holding the streams "EncryptionInfo" and
        // "EncryptedPackage"; their names are in the directory as UTF-16.
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        if memchr::memmem::find(bytes, &utf16("EncryptionInfo")).is_some()
            || memchr::memmem::find(bytes, &utf16("EncryptedPackage")).is_some()
        {
            return Err(InputError::new(ErrorKind::Encrypted, ""));
        }
        return Err(InputError::new(ErrorKind::OleDoc, ""));
    }
    if bytes.starts_with(b"PK") {
        return Ok(());
    }
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Err(InputError::new(ErrorKind::WrongType, "实为 PDF 文件"));
    }
    if head.starts_with(b"{\\rtf") {
        return Err(InputError::new(ErrorKind::WrongType, "实为 RTF 文件"));
    }
    if head.starts_with(b"MIME-Version:") {
        return Err(InputError::new(
            ErrorKind::WrongType,
            "实为单个文件网页（.mht）",
        ));
    }
    let lower = head.to_ascii_lowercase();
    if memchr::memmem::find(&lower, b"<html").is_some()
        || memchr::memmem::find(&lower, b"<!doctype html").is_some()
    {
        return Err(InputError::new(ErrorKind::WrongType, "实为网页文件"));
    }
    Ok(())
}

/// Open the zip, after bounding the number of entries: every central directory entry carries
/// the signature `PK\1\2`, so counting the signatures bounds what the zip reader will allocate,
/// whatever the end record claims.
fn open(bytes: &[u8]) -> Result<ZipArchive<Cursor<&[u8]>>, InputError> {
    let entries = memchr::memmem::find_iter(bytes, b"PK\x01\x02")
        .take(MAX_ENTRIES + 1)
        .count();
    if entries > MAX_ENTRIES {
        return Err(corrupt("压缩包中的文件过多"));
    }
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        // The end record sits in the last 64 kB: without it the file was cut short (an
        // interrupted download or copy).
        let tail = &bytes[bytes.len().saturating_sub(65_557)..];
        match e {
            _ if !bytes.starts_with(b"PK") => corrupt("不是 zip 压缩格式"),
            _ if memchr::memmem::rfind(tail, b"PK\x05\x06").is_none() => {
                corrupt("文件不完整（可能未下载或复制完整）")
            }
            ZipError::Io(_) => corrupt("zip 文件不完整"),
            e => zip_error(e),
        }
    })
}

fn zip_error(e: ZipError) -> InputError {
    match e {
        ZipError::InvalidPassword => InputError::new(ErrorKind::Encrypted, ""),
        ZipError::UnsupportedArchive(m) if m.contains("assword") || m.contains("ncrypt") => {
            InputError::new(ErrorKind::Encrypted, "")
        }
        ZipError::CompressionMethodNotSupported(m) => corrupt(format!("不支持的压缩方式 {m}")),
        ZipError::Io(_) => corrupt("压缩数据损坏"),
        _ => corrupt("zip 结构损坏"),
    }
}

/// The index of the entry named `name`: exactly, else ignoring ASCII case and with `\` read
/// as `/` (part names are case-insensitive; some tools write Windows separators).
fn find(zip: &ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<usize> {
    zip.index_for_name_raw(name.as_bytes()).or_else(|| {
        let want = name.as_bytes();
        zip.file_names_raw().position(|raw| {
            let raw = raw.strip_prefix(b"/").unwrap_or(raw);
            raw.len() == want.len()
                && raw.iter().zip(want).all(|(&a, &b)| {
                    let a = if a == b'\\' { b'/' } else { a };
                    a.eq_ignore_ascii_case(&b)
                })
        })
    })
}

/// Read entry `index` whole, refusing more than `MAX_EXPANDED_BYTES` whatever its declared size.
fn read_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    name: &str,
) -> Result<Vec<u8>, InputError> {
    read_capped(zip, index, MAX_EXPANDED_BYTES)?
        .ok_or_else(|| InputError::new(ErrorKind::TooBig, name))
}

/// Entry `index` if it expands to at most `cap` bytes, `None` if larger.
fn read_capped(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    cap: u64,
) -> Result<Option<Vec<u8>>, InputError> {
    let mut f = zip.by_index(index).map_err(zip_error)?;
    if f.size() > cap {
        return Ok(None);
    }
    let mut buf = Vec::with_capacity(f.size().min(8 * 1024 * 1024) as usize);
    (&mut f)
        .take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(|_| corrupt("压缩数据损坏"))?;
    Ok((buf.len() as u64 <= cap).then_some(buf))
}

/// The XML of a part as text: UTF-8 (a BOM dropped) or UTF-16 with a BOM.
fn xml_text(bytes: &[u8]) -> Result<Cow<'_, str>, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            return Err(corrupt("XML 编码错误"));
        }
        return Ok(Cow::Owned(text.into_owned()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    simdutf8::basic::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|_| corrupt("XML 编码错误（不是 UTF-8）"))
}

struct MainPart {
    index: usize,
    name: String,
}

/// The main document part: the package relationship's `officeDocument` target, else
/// `word/document.xml`. A zip without one is an Excel or PowerPoint file, another format in a
/// zip, or a damaged `.docx`.
fn main_part(zip: &mut ZipArchive<Cursor<&[u8]>>) -> Result<MainPart, InputError> {
    let mut names = Vec::new();
    if let Some(target) = relationship(zip, "_rels/.rels", "", "/officeDocument")
        && !target.starts_with("xl/")
        && !target.starts_with("ppt/")
    {
        names.push(target);
    }
    names.push("word/document.xml".to_string());
    for name in names {
        if let Some(index) = find(zip, &name) {
            return Ok(MainPart { index, name });
        }
    }
    if find(zip, "xl/workbook.xml").is_some() {
        return Err(InputError::new(ErrorKind::NotWord, "Excel 工作簿"));
    }
    if find(zip, "ppt/presentation.xml").is_some() {
        return Err(InputError::new(ErrorKind::NotWord, "PowerPoint 演示文稿"));
    }
    if find(zip, "OFD.xml").is_some() {
        return Err(InputError::new(ErrorKind::WrongType, "实为 OFD 文件"));
    }
    if find(zip, "content.xml").is_some() && find(zip, "mimetype").is_some() {
        return Err(InputError::new(
            ErrorKind::WrongType,
            "实为 OpenDocument 文件",
        ));
    }
    Err(corrupt("缺少 word/document.xml"))
}

/// A part related to the main part `main` (its styles, its numbering): by the relationship
/// whose type ends with `kind`, else the part named `file` beside it.
fn related_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    main: &str,
    kind: &str,
    file: &str,
) -> Option<usize> {
    let (dir, main_file) = main.rsplit_once('/').unwrap_or(("", main));
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let rels = format!("{dir}_rels/{main_file}.rels");
    relationship(zip, &rels, &dir, kind)
        .and_then(|t| find(zip, &t))
        .or_else(|| find(zip, &format!("{dir}{file}")))
}

/// The target (a part name) of the first internal relationship in part `rels` whose type ends
/// with `kind`, resolved against the folder `base` (`""` or ending with `/`).
fn relationship(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    rels: &str,
    base: &str,
    kind: &str,
) -> Option<String> {
    let index = find(zip, rels)?;
    let bytes = read_capped(zip, index, MAX_RELS_BYTES).ok()??;
    let text = xml_text(&bytes).ok()?;
    let mut r = Reader::from_str(&text);
    loop {
        match r.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let ty = attr(&e, "Type").unwrap_or_default();
                let external = attr(&e, "TargetMode").is_some_and(|m| m == "External");
                if ty.ends_with(kind)
                    && !external
                    && let Some(target) = attr(&e, "Target")
                {
                    let target = quick_xml::escape::unescape(&target).ok()?;
                    return Some(resolve(base, &target));
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// A relationship target as a part name: absolute (`/word/x.xml`) or relative to `base`,
/// with `.` and `..` segments applied.
fn resolve(base: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{base}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The value of the attribute with local name `name` (any prefix), as written (not unescaped:
/// the values read are style ids, numbers and keywords).
fn attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<Cow<'a, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value)
}

/// The `w:val` of an element.
fn val<'a>(e: &'a BytesStart<'_>) -> Option<Cow<'a, str>> {
    attr(e, "val")
}

/// A toggle property (`w:vanish`, `w:isLgl`) that is on: no `w:val`, or not `0`/`false`/`off`.
fn on(e: &BytesStart<'_>) -> bool {
    val(e).is_none_or(|v| !matches!(v.trim(), "0" | "false" | "off"))
}

/// A `w:val` read as a count (spans, grid before/after), clamped to `1..=MAX_SPAN` (`0..` for
/// `min == 0`).
fn count(e: &BytesStart<'_>, min: usize) -> usize {
    val(e)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(min)
        .clamp(min, MAX_SPAN)
}

fn xml_error(e: quick_xml::Error) -> InputError {
    corrupt(match e {
        quick_xml::Error::IllFormed(_) => "document.xml XML 标签不匹配",
        quick_xml::Error::Syntax(_) => "document.xml XML 语法错误",
        quick_xml::Error::Escape(_) => "document.xml 字符引用错误",
        _ => "document.xml XML 格式错误",
    })
}

/// Skip the element just started (`name`) to its end. When no element of the same name is
/// nested in it (run properties, the usual case), jump straight to its end tag, which the
/// reader then reads and checks; otherwise read through it event by event.
fn skip(r: &mut Reader<&[u8]>, name: QName<'_>) -> Result<(), quick_xml::Error> {
    let q = name.as_ref().as_bytes();
    let rest: &[u8] = r.get_ref();
    let ends_name = |at: usize| {
        rest.get(at..at + q.len()) == Some(q)
            && matches!(
                rest.get(at + q.len()),
                Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
            )
    };
    for i in memchr::memchr_iter(b'<', rest) {
        if rest.get(i + 1) == Some(&b'/') && ends_name(i + 2) {
            *r.get_mut() = &rest[i..];
            return match r.read_event()? {
                Event::End(_) => Ok(()),
                _ => Err(quick_xml::Error::IllFormed(
                    quick_xml::errors::IllFormedError::MissingEndTag(name.as_ref().into()),
                )),
            };
        }
        if ends_name(i + 1) {
            // Nested: the reader pairs the tags.
            break;
        }
    }
    r.read_to_end(name).map(|_| ())
}

/// Heading levels and list numbering of paragraph styles, from `word/styles.xml`.
#[derive(Default)]
struct Styles {
    /// Style id → heading level, for the heading styles only.
    levels: HashMap<String, u8>,
    /// Ids of the paragraph styles defined (a defined style not in `levels` is not a heading).
    known: std::collections::HashSet<String>,
    /// Level of the default paragraph style, if it is a heading style (it never is in practice).
    default_level: Option<u8>,
    /// Style id → the list (`w:numId`, not 0) and level its paragraphs are numbered with, for
    /// the numbered paragraph styles only (`w:numPr`, inherited through `w:basedOn`).
    nums: HashMap<String, StyleNum>,
    /// The default paragraph style, if it is numbered, with its id.
    default_num: Option<(String, StyleNum)>,
    /// Numbering (list) style id → its `w:numId`.
    list_styles: HashMap<String, u32>,
}

/// The list numbering of a paragraph style: `w:numId` and, if given, `w:ilvl`.
#[derive(Clone, Copy)]
struct StyleNum {
    num_id: u32,
    ilvl: Option<u8>,
}

/// One paragraph style as written.
#[derive(Default)]
struct StyleDef {
    /// The heading level its name says (`Title`, `heading 2`, `标题 3`).
    name_level: Option<u8>,
    /// Its `w:outlineLvl` (0–8 heading levels, 9 body text).
    outline: Option<u8>,
    based_on: Option<String>,
    /// `w:numPr`: `w:numId` and `w:ilvl`.
    num_id: Option<u32>,
    ilvl: Option<u8>,
}

impl Styles {
    /// Read the paragraph styles; a damaged styles part gives the styles read before the damage
    /// (headings are then recognised by style id alone).
    fn parse(xml: &str) -> Styles {
        let mut defs: HashMap<String, StyleDef> = HashMap::new();
        let mut list_styles = HashMap::new();
        let mut default = None;
        let mut r = Reader::from_str(xml);
        // The paragraph or numbering style being read: its id, definition and whether it is a
        // paragraph style.
        let mut cur: Option<(String, StyleDef, bool)> = None;
        loop {
            let (e, is_start) = match r.read_event() {
                Ok(Event::Start(e)) => (e, true),
                Ok(Event::Empty(e)) => (e, false),
                Ok(Event::End(e)) => {
                    if e.local_name().as_ref() == "style" {
                        match cur.take() {
                            Some((id, d, true)) => {
                                defs.insert(id, d);
                            }
                            Some((
                                id,
                                StyleDef {
                                    num_id: Some(n), ..
                                },
                                false,
                            )) => {
                                list_styles.insert(id, n);
                            }
                            _ => {}
                        }
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            match e.local_name().as_ref() {
                "style" => {
                    cur = None;
                    let paragraph = match attr(&e, "type").as_deref() {
                        Some("paragraph") => true,
                        Some("numbering") => false,
                        _ => continue,
                    };
                    if let Some(id) = attr(&e, "styleId") {
                        if paragraph && attr(&e, "default").is_some_and(|d| d == "1" || d == "true")
                        {
                            default = Some(id.to_string());
                        }
                        cur = Some((id.into_owned(), StyleDef::default(), paragraph));
                    }
                }
                "name" => {
                    if let Some((_, d, _)) = cur.as_mut() {
                        d.name_level = val(&e).and_then(|n| name_level(&n));
                    }
                }
                "basedOn" => {
                    if let Some((_, d, _)) = cur.as_mut() {
                        d.based_on = val(&e).map(Cow::into_owned);
                    }
                }
                "outlineLvl" => {
                    if let Some((_, d, _)) = cur.as_mut() {
                        d.outline = val(&e).and_then(|v| v.trim().parse().ok());
                    }
                }
                "numId" => {
                    if let Some((_, d, _)) = cur.as_mut() {
                        d.num_id = val(&e).and_then(|v| v.trim().parse().ok());
                    }
                }
                "ilvl" => {
                    if let Some((_, d, _)) = cur.as_mut() {
                        d.ilvl = val(&e).and_then(|v| v.trim().parse().ok());
                    }
                }
                "rPr" | "tblPr" | "tblStylePr" | "latentStyles" | "docDefaults" | "pPrChange"
                | "rPrChange"
                    if is_start && skip(&mut r, e.name()).is_err() =>
                {
                    break;
                }
                _ => {}
            }
        }
        let level = |id: &str| -> Option<u8> {
            let mut id = id;
            for _ in 0..MAX_STYLE_CHAIN {
                let d = defs.get(id)?;
                if let Some(l) = d.name_level {
                    return Some(l);
                }
                if let Some(o) = d.outline {
                    return outline_level(o);
                }
                id = d.based_on.as_deref()?;
            }
            None
        };
        // The first `w:numId` and the first `w:ilvl` up the chain (a `w:numId` of 0 turns the
        // numbering of the styles below off).
        let num = |id: &str| -> Option<StyleNum> {
            let (mut num_id, mut ilvl) = (None, None);
            let mut id = id;
            for _ in 0..MAX_STYLE_CHAIN {
                let Some(d) = defs.get(id) else { break };
                num_id = num_id.or(d.num_id);
                ilvl = ilvl.or(d.ilvl);
                match &d.based_on {
                    Some(b) if num_id.is_none() || ilvl.is_none() => id = b,
                    _ => break,
                }
            }
            num_id
                .filter(|&n| n != 0)
                .map(|num_id| StyleNum { num_id, ilvl })
        };
        let levels = defs
            .keys()
            .filter_map(|id| Some((id.clone(), level(id)?)))
            .collect();
        let nums: HashMap<String, StyleNum> = defs
            .keys()
            .filter_map(|id| Some((id.clone(), num(id)?)))
            .collect();
        let default_level = default.as_deref().and_then(level);
        let default_num = default.and_then(|d| {
            let n = *nums.get(&d)?;
            Some((d, n))
        });
        Styles {
            levels,
            known: defs.into_keys().collect(),
            default_level,
            nums,
            default_num,
            list_styles,
        }
    }

    /// The heading level of paragraph style `id`, if it is a heading style. A style missing
    /// from `styles.xml` is judged by its id (`Title`, `Heading2`).
    fn level(&self, id: &str) -> Option<u8> {
        if let Some(&l) = self.levels.get(id) {
            return Some(l);
        }
        if self.known.contains(id) {
            return None;
        }
        name_level(id)
    }
}

/// The heading level a style name (or id) says: `Title`/`标题` 1, `heading N`/`标题 N` N
/// (case, spaces ignored; levels past 6 are 6).
fn name_level(name: &str) -> Option<u8> {
    let n: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if n == "title" || n == "标题" {
        return Some(1);
    }
    let digits = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?;
    match digits.parse::<u8>() {
        Ok(d @ 1..=9) => Some(d.min(6)),
        _ => None,
    }
}

/// The heading level of an outline level (`w:outlineLvl` 0–8), none for body text (9).
fn outline_level(o: u8) -> Option<u8> {
    (o < 9).then(|| (o + 1).min(6))
}

/// A paragraph being read.
struct Para {
    text: String,
    level: Option<u8>,
    /// Its list numbering, if it is numbered (and the document has lists).
    num: Option<NumRef>,
    /// Its paragraph mark is hidden or deleted: without text left, the paragraph is gone and
    /// not numbered.
    mark_gone: bool,
}

/// The list numbering of a paragraph.
struct NumRef {
    num_id: u32,
    ilvl: Option<u8>,
    /// The paragraph's style when `ilvl` is not given: the list level linked to it is used.
    style: Option<String>,
}

/// A table being read.
struct TableBuild {
    number: usize,
    rows: Vec<Vec<Cell>>,
    row: Option<RowBuild>,
    cell: Option<CellBuild>,
}

#[derive(Default)]
struct RowBuild {
    cells: Vec<Cell>,
    /// `w:gridAfter`: empty positions after the last cell.
    after: usize,
    /// A deleted row (tracked changes).
    deleted: bool,
}

#[derive(Default)]
struct CellBuild {
    /// The cell's paragraphs, each followed by `\n`.
    text: String,
    span: usize,
    /// Continues a vertical merge from the row above (`w:vMerge` without `restart`).
    vcontinue: bool,
    /// Continues a legacy horizontal merge (`w:hMerge` without `restart`).
    hcontinue: bool,
}

/// The reading state of `word/document.xml`.
struct Parser<'s> {
    styles: &'s Styles,
    /// The document's lists; `None` without numbering definitions.
    lists: Option<Lists>,
    /// Bytes of generated list labels still allowed (each label also counts
    /// `LABEL_OVERHEAD`): hostile numbering cannot make the text grow past
    /// `MAX_EXPANDED_BYTES`.
    labels_left: usize,
    /// Open runs (a text box inside a run holds runs): whether each is hidden.
    runs: Vec<bool>,
    blocks: Vec<Block>,
    /// Open paragraphs: more than one inside a text box.
    paras: Vec<Para>,
    /// Open tables, outermost first.
    tables: Vec<TableBuild>,
    /// Open tables nested past `MAX_TABLE_DEPTH`: their paragraphs go to the innermost kept cell.
    ignored_tables: usize,
    /// Nested tables finished, emitted after their outermost table.
    nested: Vec<Table>,
    /// Text box paragraphs (level, text), emitted after the paragraph or table anchoring them.
    deferred: Vec<(Option<u8>, String)>,
    /// Depth of open text boxes (`w:txbxContent`).
    txbx: usize,
    /// Open complex fields: `true` while in the field code (before `separate`).
    fields: Vec<bool>,
    /// Fields opened past `MAX_FIELD_DEPTH`.
    fields_over: usize,
    /// Open `mc:AlternateContent`: whether one of its choices was taken.
    alternates: Vec<bool>,
    tables_seen: usize,
    paras_emitted: usize,
    cells_left: usize,
}

fn parse_document(
    xml: &str,
    styles: &Styles,
    lists: Option<Lists>,
) -> Result<Document, InputError> {
    let mut p = Parser {
        styles,
        lists,
        labels_left: MAX_EXPANDED_BYTES as usize,
        runs: Vec::new(),
        blocks: Vec::new(),
        paras: Vec::new(),
        tables: Vec::new(),
        ignored_tables: 0,
        nested: Vec::new(),
        deferred: Vec::new(),
        txbx: 0,
        fields: Vec::new(),
        fields_over: 0,
        alternates: Vec::new(),
        tables_seen: 0,
        paras_emitted: 0,
        cells_left: MAX_CELLS,
    };
    p.run(xml)?;
    Ok(Document { blocks: p.blocks })
}

/// Elements whose whole content is skipped: properties, deleted and moved-away text, field
/// codes, ruby guides, content control properties.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "rPr"
            | "sectPr"
            | "tblPr"
            | "tblGrid"
            | "tblPrEx"
            | "sdtPr"
            | "sdtEndPr"
            | "del"
            | "moveFrom"
            | "instrText"
            | "delText"
            | "delInstrText"
            | "rt"
            | "rubyPr"
            | "customXmlPr"
            | "smartTagPr"
            | "background"
    )
}

impl Parser<'_> {
    fn run(&mut self, xml: &str) -> Result<(), InputError> {
        let mut r = Reader::from_str(xml);
        let mut depth = 0usize;
        // Inside a `w:t` (or `m:t`): its text events are the paragraph's text.
        let mut in_t = false;
        let mut root = false;
        loop {
            let ev = r.read_event().map_err(xml_error)?;
            match ev {
                Event::Start(e) => {
                    root = true;
                    let local = e.local_name();
                    let name = local.as_ref();
                    match name {
                        "t" => in_t = true,
                        "p" => self.start_para(),
                        "pPr" => {
                            self.para_props(&mut r)?;
                            continue;
                        }
                        // Read through: runs, hyperlinks, content controls, smart tags,
                        // inserted text, and everything not named here.
                        "r" => self.runs.push(self.hidden()),
                        "rPr" => {
                            let flags = run_flags(&mut r, e.name(), false).map_err(xml_error)?;
                            if flags.hidden
                                && let Some(h) = self.runs.last_mut()
                            {
                                *h = true;
                            }
                            continue;
                        }
                        "hyperlink" | "sdt" | "sdtContent" | "smartTag" | "ins" => {}
                        "tbl" => self.start_table(),
                        "tr" => self.start_row(),
                        "tc" => self.start_cell(),
                        "trPr" => {
                            self.row_props(&mut r)?;
                            continue;
                        }
                        "tcPr" => {
                            self.cell_props(&mut r)?;
                            continue;
                        }
                        "txbxContent" => self.txbx += 1,
                        "AlternateContent" => self.alternates.push(false),
                        "Choice" | "Fallback" => {
                            if let Some(taken) = self.alternates.last_mut() {
                                if *taken {
                                    skip(&mut r, e.name()).map_err(xml_error)?;
                                    continue;
                                }
                                *taken = true;
                            }
                        }
                        "fldChar" => self.field_char(&e),
                        n if skipped(n) => {
                            skip(&mut r, e.name()).map_err(xml_error)?;
                            continue;
                        }
                        n => self.empty_element(n),
                    }
                    depth += 1;
                }
                Event::Empty(e) => {
                    root = true;
                    let local = e.local_name();
                    match local.as_ref() {
                        "fldChar" => self.field_char(&e),
                        n => self.empty_element(n),
                    }
                }
                Event::Text(e) if in_t => self.text(&e),
                Event::CData(e) if in_t => self.text(&e),
                Event::GeneralRef(e) if in_t => self.reference(&e)?,
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    match e.local_name().as_ref() {
                        "t" => in_t = false,
                        "p" => self.end_para()?,
                        "r" => {
                            self.runs.pop();
                        }
                        "tbl" => self.end_table()?,
                        "tr" => self.end_row()?,
                        "tc" => self.end_cell()?,
                        "txbxContent" => self.txbx = self.txbx.saturating_sub(1),
                        "AlternateContent" => {
                            self.alternates.pop();
                        }
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if depth != 0 {
            return Err(corrupt("document.xml 不完整"));
        }
        if !root {
            return Err(corrupt("document.xml 为空"));
        }
        self.flush_deferred();
        Ok(())
    }

    /// Elements that stand for a character (`w:tab`, `w:br`, …), written empty.
    fn empty_element(&mut self, name: &str) {
        let c = match name {
            "tab" | "ptab" => '\t',
            "br" | "cr" => '\n',
            "noBreakHyphen" => '-',
            _ => return,
        };
        if self.in_field_code() || self.hidden() {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.push(c);
        }
    }

    fn in_field_code(&self) -> bool {
        self.fields.iter().any(|&code| code)
    }

    /// In a hidden run (`w:vanish`): its text does not show.
    fn hidden(&self) -> bool {
        self.runs.last().is_some_and(|&h| h)
    }

    /// Text inside a `w:t` (also `m:t` of an equation), entity references apart.
    fn text(&mut self, text: &str) {
        if self.in_field_code() || self.hidden() {
            return;
        }
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        // A line end inside `w:t` is shown by Word as a space.
        if text.contains(['\r', '\n']) {
            p.text.extend(
                text.chars()
                    .map(|c| if c == '\r' || c == '\n' { ' ' } else { c }),
            );
        } else {
            p.text.push_str(text);
        }
    }

    /// An entity or character reference inside a `w:t`.
    fn reference(&mut self, e: &BytesRef<'_>) -> Result<(), InputError> {
        let c = match e.resolve_char_ref() {
            Ok(Some(c)) => c,
            Ok(None) => match &**e {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => return Err(corrupt("document.xml 字符引用错误")),
            },
            Err(_) => return Err(corrupt("document.xml 字符引用错误")),
        };
        let mut buf = [0u8; 4];
        self.text(c.encode_utf8(&mut buf));
        Ok(())
    }

    fn field_char(&mut self, e: &BytesStart<'_>) {
        match attr(e, "fldCharType").as_deref() {
            Some("begin") => {
                if self.fields.len() < MAX_FIELD_DEPTH {
                    self.fields.push(true);
                } else {
                    self.fields_over += 1;
                }
            }
            Some("separate") => {
                if self.fields_over == 0
                    && let Some(code) = self.fields.last_mut()
                {
                    *code = false;
                }
            }
            Some("end") => {
                if self.fields_over > 0 {
                    self.fields_over -= 1;
                } else {
                    self.fields.pop();
                }
            }
            _ => {}
        }
    }

    fn start_para(&mut self) {
        // Numbered by the default paragraph style, unless its properties say otherwise.
        let num = match (&self.lists, &self.styles.default_num) {
            (Some(_), Some((id, n))) => Some(NumRef {
                num_id: n.num_id,
                ilvl: n.ilvl,
                style: n.ilvl.is_none().then(|| id.clone()),
            }),
            _ => None,
        };
        self.paras.push(Para {
            text: String::new(),
            level: self.styles.default_level,
            num,
            mark_gone: false,
        });
    }

    /// Read `w:pPr` to its end: the paragraph's style, outline level, list numbering and
    /// paragraph mark.
    fn para_props(&mut self, r: &mut Reader<&[u8]>) -> Result<(), InputError> {
        let mut style: Option<String> = None;
        let mut outline: Option<u8> = None;
        let (mut num_id, mut ilvl): (Option<u32>, Option<u8>) = (None, None);
        let mut mark = RunFlags::default();
        props(r, Some(&mut mark), |name, e| match name {
            "pStyle" => style = val(e).map(Cow::into_owned),
            "outlineLvl" => outline = val(e).and_then(|v| v.trim().parse().ok()),
            "numId" => num_id = val(e).and_then(|v| v.trim().parse().ok()),
            "ilvl" => ilvl = val(e).and_then(|v| v.trim().parse().ok()),
            _ => {}
        })?;
        let Some(p) = self.paras.last_mut() else {
            return Ok(());
        };
        p.level = match (outline, style.as_deref()) {
            (Some(o), _) => outline_level(o),
            (None, Some(s)) => self.styles.level(s),
            (None, None) => self.styles.default_level,
        };
        p.mark_gone = mark.hidden || mark.deleted;
        if self.lists.is_some() {
            // The paragraph's own `w:numPr` over its style's (`w:numId` 0: not numbered).
            let (by_style, style) = match style {
                Some(s) => (self.styles.nums.get(&s).copied(), Some(s)),
                None => match &self.styles.default_num {
                    Some((id, n)) => (Some(*n), Some(id.clone())),
                    None => (None, None),
                },
            };
            let ilvl = ilvl.or(by_style.and_then(|n| n.ilvl));
            p.num = num_id
                .or(by_style.map(|n| n.num_id))
                .filter(|&n| n != 0)
                .map(|num_id| NumRef {
                    num_id,
                    ilvl,
                    style: if ilvl.is_none() { style } else { None },
                });
        }
        Ok(())
    }

    fn end_para(&mut self) -> Result<(), InputError> {
        let Some(p) = self.paras.pop() else {
            return Ok(());
        };
        // A field code left open at the end of its paragraph (a damaged field) stops hiding text.
        for code in &mut self.fields {
            *code = false;
        }
        let mut text = clean(p.text);
        if let Some(n) = p.num
            && !(p.mark_gone && text.is_empty())
            && let Some(lists) = self.lists.as_mut()
            && let Some(label) = lists.next(n.num_id, n.ilvl, n.style.as_deref())
        {
            self.labels_left = self
                .labels_left
                .checked_sub(label.text.len() + LABEL_OVERHEAD)
                .ok_or_else(|| InputError::new(ErrorKind::TooBig, "列表编号过多"))?;
            text = labelled(label, text);
        }
        if self.txbx > 0 || !self.paras.is_empty() {
            if !text.is_empty() {
                self.deferred.push((p.level, text));
            }
            return Ok(());
        }
        if let Some(t) = self.tables.last_mut() {
            if let Some(c) = t.cell.as_mut()
                && !text.is_empty()
            {
                c.text.push_str(&text);
                c.text.push('\n');
            }
            return Ok(());
        }
        if !text.is_empty() {
            self.emit(p.level, text);
        }
        // After the paragraph, the text boxes anchored in it (also when it has no text itself).
        self.flush_deferred();
        Ok(())
    }

    fn emit(&mut self, level: Option<u8>, text: String) {
        self.paras_emitted += 1;
        let at = Source::Paragraph {
            n: self.paras_emitted,
            page: None,
        };
        self.blocks.push(match level {
            Some(level) => Block::Heading { level, text, at },
            None => Block::Paragraph { text, at },
        });
    }

    fn flush_deferred(&mut self) {
        for (level, text) in std::mem::take(&mut self.deferred) {
            self.emit(level, text);
        }
    }

    /// Table structure inside a text box or past the depth cap is not kept.
    fn table_events_ignored(&self) -> bool {
        self.txbx > 0 || self.ignored_tables > 0
    }

    fn start_table(&mut self) {
        if self.txbx > 0 {
            return;
        }
        if self.ignored_tables > 0 || self.tables.len() >= MAX_TABLE_DEPTH {
            self.ignored_tables += 1;
            return;
        }
        self.tables_seen += 1;
        self.tables.push(TableBuild {
            number: self.tables_seen,
            rows: Vec::new(),
            row: None,
            cell: None,
        });
    }

    fn end_table(&mut self) -> Result<(), InputError> {
        if self.txbx > 0 {
            return Ok(());
        }
        if self.ignored_tables > 0 {
            self.ignored_tables -= 1;
            return Ok(());
        }
        let Some(t) = self.tables.pop() else {
            return Ok(());
        };
        let mut rows = t.rows;
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut rows {
            let pad = width - row.len();
            take_cells(&mut self.cells_left, pad)?;
            row.resize(width, Cell::default());
        }
        let table = Table {
            number: t.number,
            rows,
        };
        if !self.tables.is_empty() {
            self.nested.push(table);
            return Ok(());
        }
        self.blocks.push(Block::Table(table));
        let mut nested = std::mem::take(&mut self.nested);
        nested.sort_by_key(|t| t.number);
        self.blocks.extend(nested.into_iter().map(Block::Table));
        self.flush_deferred();
        Ok(())
    }

    fn start_row(&mut self) {
        if self.table_events_ignored() {
            return;
        }
        if let Some(t) = self.tables.last_mut() {
            t.row = Some(RowBuild::default());
            t.cell = None;
        }
    }

    /// Read `w:trPr` to its end: grid before/after, deleted row.
    fn row_props(&mut self, r: &mut Reader<&[u8]>) -> Result<(), InputError> {
        let (mut before, mut after, mut deleted) = (0, 0, false);
        props(r, None, |name, e| match name {
            "gridBefore" => before = count(e, 0),
            "gridAfter" => after = count(e, 0),
            "del" => deleted = true,
            _ => {}
        })?;
        if self.table_events_ignored() {
            return Ok(());
        }
        if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
            take_cells(&mut self.cells_left, before)?;
            row.cells.resize(row.cells.len() + before, Cell::default());
            row.after = after;
            row.deleted = deleted;
        }
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), InputError> {
        if self.table_events_ignored() {
            return Ok(());
        }
        let Some(t) = self.tables.last_mut() else {
            return Ok(());
        };
        let Some(mut row) = t.row.take() else {
            return Ok(());
        };
        if row.deleted {
            return Ok(());
        }
        take_cells(&mut self.cells_left, row.after)?;
        row.cells
            .resize(row.cells.len() + row.after, Cell::default());
        t.rows.push(row.cells);
        Ok(())
    }

    fn start_cell(&mut self) {
        if self.table_events_ignored() {
            return;
        }
        if let Some(t) = self.tables.last_mut() {
            t.cell = Some(CellBuild {
                span: 1,
                ..CellBuild::default()
            });
        }
    }

    /// Read `w:tcPr` to its end: span and merges.
    fn cell_props(&mut self, r: &mut Reader<&[u8]>) -> Result<(), InputError> {
        let (mut span, mut vcontinue, mut hcontinue) = (1, false, false);
        props(r, None, |name, e| match name {
            "gridSpan" => span = count(e, 1),
            "vMerge" => vcontinue = val(e).is_none_or(|v| v != "restart"),
            "hMerge" => hcontinue = val(e).is_none_or(|v| v != "restart"),
            _ => {}
        })?;
        if self.table_events_ignored() {
            return Ok(());
        }
        if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            c.span = span;
            c.vcontinue = vcontinue;
            c.hcontinue = hcontinue;
        }
        Ok(())
    }

    fn end_cell(&mut self) -> Result<(), InputError> {
        if self.table_events_ignored() {
            return Ok(());
        }
        let Some(t) = self.tables.last_mut() else {
            return Ok(());
        };
        let Some(c) = t.cell.take() else {
            return Ok(());
        };
        let Some(row) = t.row.as_mut() else {
            return Ok(());
        };
        take_cells(&mut self.cells_left, c.span)?;
        let col = row.cells.len();
        // A continuation is merged only if there is a position above (or to the left) to
        // hold the value; a stray one is an ordinary cell.
        let merged = (c.vcontinue && t.rows.last().is_some_and(|above| above.len() > col))
            || (c.hcontinue && col > 0);
        row.cells.push(Cell {
            text: if merged {
                String::new()
            } else {
                super::join_lines(c.text.lines())
            },
            merged,
        });
        row.cells.resize(
            col + c.span,
            Cell {
                text: String::new(),
                merged: true,
            },
        );
        Ok(())
    }
}

/// Count `n` more grid positions against the budget of all tables.
fn take_cells(left: &mut usize, n: usize) -> Result<(), InputError> {
    *left = left
        .checked_sub(n)
        .ok_or_else(|| InputError::new(ErrorKind::TooBig, "表格单元格过多"))?;
    Ok(())
}

/// Read a properties element (`w:pPr`, `w:trPr`, `w:tcPr`) to its end, calling `f` with the
/// local name of each element inside; the former properties of a tracked change (`…Change`)
/// are skipped, and so are run properties (the paragraph mark's, in `w:pPr`), read into `mark`
/// when given.
fn props<'x>(
    r: &mut Reader<&'x [u8]>,
    mut mark: Option<&mut RunFlags>,
    mut f: impl FnMut(&str, &BytesStart<'x>),
) -> Result<(), InputError> {
    let mut depth = 1usize;
    loop {
        match r.read_event().map_err(xml_error)? {
            Event::Start(e) => {
                let local = e.local_name();
                let name = local.as_ref();
                if name == "rPr"
                    && let Some(m) = mark.as_deref_mut()
                {
                    *m = run_flags(r, e.name(), true).map_err(xml_error)?;
                    continue;
                }
                if name == "rPr" || name.ends_with("Change") {
                    skip(r, e.name()).map_err(xml_error)?;
                    continue;
                }
                f(name, &e);
                depth += 1;
            }
            Event::Empty(e) => f(e.local_name().as_ref(), &e),
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(());
                }
            }
            Event::Eof => return Err(corrupt("document.xml 不完整")),
            _ => {}
        }
    }
}

/// What run properties (`w:rPr`) say about a run's visibility.
#[derive(Clone, Copy, Default)]
struct RunFlags {
    /// `w:vanish` or `w:specVanish`: hidden text, not shown by Word.
    hidden: bool,
    /// `w:del` (in a paragraph mark's properties): the mark was deleted (tracked changes).
    deleted: bool,
}

/// Read run properties (`w:rPr`, just started) to their end. They are skipped as a whole and
/// read element by element only when they mention hiding (or, for a paragraph mark, `mark`,
/// deletion): most runs cost a search of their properties' bytes. The former properties of a
/// tracked change (`w:rPrChange`) are not the run's.
fn run_flags(
    r: &mut Reader<&[u8]>,
    name: QName<'_>,
    mark: bool,
) -> Result<RunFlags, quick_xml::Error> {
    let all: &[u8] = r.get_ref();
    skip(r, name)?;
    let inner = &all[..all.len() - r.get_ref().len()];
    let mut flags = RunFlags::default();
    // Searchers built once: building one costs more than searching a run's properties.
    static VANISH: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("anish"));
    static DEL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("del"));
    if VANISH.find(inner).is_none() && !(mark && DEL.find(inner).is_some()) {
        return Ok(flags);
    }
    // The properties and their end tag (a slice of the part's text between two tags): reading
    // stops at the unmatched end tag.
    let Ok(inner) = std::str::from_utf8(inner) else {
        return Ok(flags);
    };
    let mut x = Reader::from_str(inner);
    loop {
        let (e, start) = match x.read_event() {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match e.local_name().as_ref() {
            n if start && n.ends_with("Change") && x.read_to_end(e.name()).is_err() => break,
            "vanish" | "specVanish" => flags.hidden = on(&e),
            "del" => flags.deleted = mark,
            _ => {}
        }
    }
    Ok(flags)
}

/// Budget charged for each list label besides its bytes (the block it may make).
const LABEL_OVERHEAD: usize = 64;

/// A paragraph's text after its list label: nothing between them when the label ends with a
/// Chinese character or punctuation (`一、`, `（一）`) or `w:suff` is "nothing", else a space
/// (`1.`, `(1)`; also after `1、` before a digit, which would read as one number).
fn labelled(label: numbering::Label, text: String) -> String {
    if text.is_empty() {
        return label.text;
    }
    let wide = label.text.chars().last().is_some_and(super::is_wide);
    let digit = text.starts_with(|c: char| c.is_ascii_digit());
    let sep = match label.suffix {
        Suffix::Nothing => "",
        _ if wide && !digit => "",
        _ => " ",
    };
    let mut out = label.text;
    out.reserve(sep.len() + text.len());
    out.push_str(sep);
    out.push_str(&text);
    out
}

/// A paragraph's text with each line trimmed and empty lines dropped.
fn clean(s: String) -> String {
    if !s.contains('\n') {
        let t = s.trim();
        if t.len() == s.len() {
            return s;
        }
        return t.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}
