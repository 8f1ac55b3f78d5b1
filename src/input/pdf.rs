//! Reading PDF: the text of each page, rebuilt line by line from the glyphs' positions.
//!
//! lopdf parses the file; pdf-extract interprets the pages' content streams and fonts
//! (ToUnicode maps, simple encodings) and hands every glyph, with its position, and every
//! stroked or filled path to `Collector`. The collector rebuilds the lines of each page:
//!
//! * glyphs whose baselines lie within half a font size of each other form one line (per text
//!   direction: rotated text is read in its own frame); lines go top to bottom, glyphs left to
//!   right; a glyph printed again at (almost) the same place (fake bold) is kept once;
//! * between two glyphs of a line: a **column gap** (two spaces) where a vertical table rule
//!   lies between them, or — on a line that does not cross a ruled table (fewer than three
//!   vertical rules at different places) — where the gap is at least 1.5 font sizes; one
//!   space for a gap of at least 0.15 font sizes, except between two CJK characters (a gap
//!   there is justification or 分散对齐, not a word break) and, for a gap under half a font
//!   size with no space character shown in it, between a CJK character and a Latin letter or
//!   digit (the autospace of Chinese typesetting: `2021年`, `减5678`); nothing otherwise;
//! * in a ruled table (text enclosed by rules on all four sides), the lines of each cell are
//!   joined (a label wrapped in its cell comes out whole, whatever line its numbers stand
//!   on) and the cells between the same two horizontal rules make one line, a field per
//!   column band between the vertical rules crossing the row, separated by tabs (an empty
//!   cell is an empty field); a cell spanning rows (the narrow 三、本年度办理结果, a header
//!   over several rows) is a line of its own, before the rows it spans, and its band is left
//!   out of them. Not where a cell holds two lines of numbers or more than 8 lines (rows
//!   without rules between them, a frame around text): those stay lines.
//!
//! So a table row comes out as one line, `行政许可\t185\t\t7`, which the checker's text reader
//! takes as a tab row. Empty fields before the first cell are left out; trailing ones are
//! kept (the rendering keeps tabs at line ends), so a label whose values are all blank keeps
//! its empty cells; a row of one cell is written after a tab, so that it is read as a row of
//! its own and not as the last cell of the row above continued. Lines outside ruled tables keep two spaces between column gaps. Each
//! page with text becomes one [`Block::Paragraph`] (its lines joined by `\n`) at
//! [`Source::Page`]. Prose keeps the PDF's line breaks.
//!
//! Fonts in a predefined Unicode CMap (`UniGB-UCS2-H`, with the non-embedded STSong-Light)
//! are read as the characters their codes are; other predefined CMaps (`GBK-EUC-H`, …) are
//! not supported by pdf-extract (a panic: [`ErrorKind::Corrupt`]).
//!
//! # Refusals
//!
//! * [`ErrorKind::WrongType`]: no `%PDF-` within the first 1,024 bytes.
//! * [`ErrorKind::Encrypted`]: an `/Encrypt` entry (the trailer's or a cross-reference
//!   stream's), whether opening needs a password or it only restricts copying and printing.
//! * [`ErrorKind::Corrupt`]: lopdf cannot parse the file, not even with a cross-reference
//!   table rebuilt from the objects found in it (tried when the file ends in `%%EOF`: a
//!   file cut short is refused, not read in part); no pages; a page listed twice (a
//!   cycle in the page tree); a cycle in a page's `/Parent` chain or in the form XObjects a
//!   page draws; a font's ToUnicode map over too many codes; a panic inside lopdf or
//!   pdf-extract or the crates they use (caught with `catch_unwind`; a front end's panic
//!   hook can keep its message off stderr with [`panic_is_the_readers`], as the CLI does).
//! * [`ErrorKind::TooBig`]: any of the bounds below.
//! * [`ErrorKind::NoText`]: the text cannot be extracted. The rule, over the whole document:
//!   fewer than [`MIN_CJK`] (20) CJK ideographs, or more than 30 % of the glyphs undecodable
//!   (a glyph with no Unicode mapping, U+FFFD, a private-use or a control character). A scan
//!   (pages of images) yields no glyph at all; CJK fonts without a ToUnicode map yield glyph
//!   ids (empty or Latin junk), never ideographs.
//!
//! # Bounds
//!
//! All refusals below are [`ErrorKind::TooBig`] unless said otherwise.
//!
//! * Input: [`super::MAX_INPUT_BYTES`], checked by [`super::decode`].
//! * Expansion: the decoded size of every stream lopdf or pdf-extract may decode is measured
//!   with capped decoders (Flate, LZW, ASCII85; nothing kept) before it is decoded, and the
//!   sum must stay within [`MAX_EXPANDED_BYTES`]: cross-reference and object streams by a
//!   scan of the raw bytes before lopdf runs (Flate or LZW as their dictionary names it),
//!   every stream again through lopdf's load filter before lopdf inflates object streams
//!   (so object streams count twice), and streams whose data lopdf reads after the filter
//!   once loading is done. Images, embedded files and XMP metadata (never decoded for text)
//!   are left out, and image data is dropped unread.
//! * Repeated decoding: the content a page interprets, summed over all pages, within
//!   [`MAX_EXPANDED_BYTES`] (each page's content streams plus each form XObject it can draw,
//!   counted once per page); lopdf inflates an object stream again for every indirect
//!   `/Length` stored in it, so the number of indirect `/Length`s times the largest object
//!   stream must stay within 16 × [`MAX_EXPANDED_BYTES`]. Memory thus stays within a small
//!   multiple of [`MAX_EXPANDED_BYTES`] plus the input (pdf-extract decodes a page's content,
//!   fonts and forms anew for every page).
//! * Pages: at most [`MAX_PAGES`] (2,000); lopdf walks the page tree with its own depth (256)
//!   and count limits; `/Parent` chains at most 64 deep, acyclic ([`ErrorKind::Corrupt`]).
//! * Font maps: a ToUnicode CMap's `bfrange`s cover at most 262,144 codes (pdf-extract
//!   expands them code by code), else [`ErrorKind::Corrupt`].
//! * Nesting: form XObjects at most [`MAX_FORM_DEPTH`] (10) deep, no cycles (pdf-extract
//!   recurses on them; [`ErrorKind::Corrupt`]); lopdf's parser caps the nesting of arrays,
//!   dictionaries and strings at 100.
//! * Output: the extracted text at most [`MAX_EXPANDED_BYTES`]; at most
//!   [`MAX_GLYPHS_PER_PAGE`] (200,000) glyphs on one page; vector paths beyond 50,000
//!   segments a page are ignored (the glyphs are still read), and tables are not rebuilt on
//!   a page with more than 5,000 rules of one direction.
//! * Not bounded: the time of a content stream that draws the same form XObject over and
//!   over (each drawing is interpreted again); an `/Encrypt`, `/ObjStm` or `/XRef` name
//!   written with `#` escapes escapes the raw scans (lopdf's encrypted-load path inflates
//!   object streams uncapped; its filter still measures object streams of unencrypted
//!   files); stack depth of lopdf's and pdf-extract's own recursion beyond the above.

#[cfg(test)]
mod tests;

use super::{Block, Document, ErrorKind, InputError, MAX_EXPANDED_BYTES, Source};
use pdf_extract::{
    Dictionary, Document as PdfDocument, LoadOptions, MediaBox, Object, ObjectId, OutputDev,
    OutputError, Path, PathOp, Stream, Transform,
};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Most pages read; a longer file is [`ErrorKind::TooBig`].
pub const MAX_PAGES: usize = 2_000;
/// Deepest nesting of form XObjects drawn by a page.
pub const MAX_FORM_DEPTH: usize = 10;
/// Most glyphs on one page.
pub const MAX_GLYPHS_PER_PAGE: usize = 200_000;
/// Fewest CJK ideographs a document must yield to count as having text.
pub const MIN_CJK: u64 = 20;
/// Largest share (per cent) of undecodable glyphs a document with text may have.
const MAX_BAD_PERCENT: u64 = 30;
/// Bound on lopdf's repeated inflating of object streams, in multiples of the expansion cap.
const WORK_FACTOR: u64 = 16;
/// Most codes a font's ToUnicode map may cover (a CJK font maps some 30,000).
const MAX_UNICODE_MAP_ENTRIES: u64 = 1 << 18;
/// Where the `%PDF-` header must start.
const SNIFF_BYTES: usize = 1024;
/// Deepest `/Parent` chain of a page.
const MAX_TREE_DEPTH: usize = 64;
/// Most vector path segments kept per page (for the table rules).
const MAX_RULES_PER_PAGE: usize = 50_000;

/// Whether a panic comes from inside pdf-extract or lopdf (which [`read`] catches and reports
/// as a damaged file): front ends use it to keep such panics off stderr.
pub fn panic_is_the_readers(_info: &std::panic::PanicHookInfo<'_>) -> bool {
    IN_LIBRARY.with(std::cell::Cell::get)
}

thread_local! {
    /// Set while this thread runs lopdf or pdf-extract under `catch_unwind`.
    static IN_LIBRARY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `f` (a call into lopdf or pdf-extract) with its panics caught; while it runs,
/// [`panic_is_the_readers`] says yes on this thread.
fn guarded<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    let was = IN_LIBRARY.with(|c| c.replace(true));
    let r = catch_unwind(AssertUnwindSafe(f));
    IN_LIBRARY.with(|c| c.set(was));
    r
}

/// Read a PDF file's bytes: one paragraph per page with text.
pub fn read(bytes: &[u8]) -> Result<Document, InputError> {
    read_capped(bytes, MAX_EXPANDED_BYTES)
}

/// [`read`] with `cap` for [`MAX_EXPANDED_BYTES`] (tests use a small one).
fn read_capped(bytes: &[u8], cap: u64) -> Result<Document, InputError> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let Some(start) = memchr::memmem::find(head, b"%PDF-") else {
        return Err(InputError::new(ErrorKind::WrongType, "不是 PDF 文件"));
    };
    let bytes = &bytes[start..];
    if has_encrypt_entry(bytes) {
        return Err(encrypted());
    }
    let repaired;
    let (mut doc, mut budget) = match measure_and_load(bytes, cap) {
        Err(Failed::Parse(e)) => {
            // A damaged cross-reference table (offsets shifted by an edit, a wrong
            // `startxref`): read the objects where they are. Not a file cut short (no
            // `%%EOF` at its end): what is left of it would pass for the whole.
            let tail = &bytes[bytes.len().saturating_sub(1024)..];
            if memchr::memmem::find(tail, b"%%EOF").is_none() {
                return Err(corrupt(format!("{e}（文件不完整）")));
            }
            repaired = repair_xref(bytes).ok_or_else(|| corrupt(e.clone()))?;
            measure_and_load(&repaired, cap).map_err(|f| match f {
                Failed::Parse(_) => corrupt(e),
                Failed::Other(e) => e,
            })?
        }
        Err(Failed::Other(e)) => return Err(e),
        Ok(loaded) => loaded,
    };
    budget.measure_rest(&doc);
    if budget.over {
        return Err(too_big_expanded());
    }
    let pages = check_pages(&mut doc)?;
    let images = drop_image_data(&mut doc);
    fix_font_widths(&mut doc);
    map_unicode_cmaps(&mut doc);
    check_unicode_maps(&doc)?;
    check_work(&doc, &pages, &budget)?;
    let (blocks, stats) = extract(&doc, cap)?;
    no_text(&stats, images)?;
    Ok(Document { blocks })
}

fn encrypted() -> InputError {
    InputError::new(
        ErrorKind::Encrypted,
        "PDF 设有加密，包括只限制复制、打印的权限密码",
    )
}

fn too_big_expanded() -> InputError {
    InputError::new(ErrorKind::TooBig, "PDF 中的压缩内容解压后过大")
}

fn corrupt(detail: impl Into<String>) -> InputError {
    InputError::new(ErrorKind::Corrupt, detail)
}

/// Whether the raw bytes hold an `/Encrypt` key with a dictionary or a reference as its value:
/// the key sits in the plain-text trailer or cross-reference stream dictionary, so a scan
/// finds it before lopdf's encrypted-load path (which inflates object streams uncapped).
fn has_encrypt_entry(bytes: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, b"/Encrypt").any(|at| {
        let rest = &bytes[at + b"/Encrypt".len()..];
        let Some(&next) = rest.first() else {
            return false;
        };
        if !(is_pdf_space(next) || next == b'<') {
            return false; // a longer name (`/EncryptMetadata`)
        }
        let value = rest
            .iter()
            .position(|&b| !is_pdf_space(b))
            .map(|i| &rest[i..]);
        matches!(value, Some(v) if v.starts_with(b"<<") || v[0].is_ascii_digit())
    })
}

fn is_pdf_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

/// The decoded bytes of the streams measured so far, against a cap.
struct Budget {
    cap: u64,
    total: u64,
    over: bool,
    /// Decoded size of each measured stream.
    sizes: HashMap<ObjectId, u64>,
}

impl Budget {
    fn new(cap: u64) -> Budget {
        Budget {
            cap,
            total: 0,
            over: false,
            sizes: HashMap::new(),
        }
    }

    fn remaining(&self) -> u64 {
        self.cap.saturating_sub(self.total)
    }

    fn add(&mut self, n: u64) {
        self.total = self.total.saturating_add(n);
        if self.total > self.cap {
            self.over = true;
        }
    }

    /// Measure a stream lopdf is loading; false (drop it) once the budget is spent. A stream
    /// whose data lopdf reads later (its `/Length` in an object not loaded yet) is measured
    /// by [`Budget::measure_rest`].
    fn admit(&mut self, id: ObjectId, stream: &Stream) -> bool {
        if self.over {
            return false;
        }
        if !is_decoded_for_text(stream) || stream.content.is_empty() {
            return true;
        }
        let n = decoded_len(stream, self.remaining().saturating_add(1));
        self.sizes.insert(id, n);
        self.add(n);
        !self.over
    }
}

impl Budget {
    /// Measure the streams of the loaded document not measured while loading.
    fn measure_rest(&mut self, doc: &PdfDocument) {
        for (&id, object) in &doc.objects {
            if self.over {
                return;
            }
            if let Object::Stream(stream) = object
                && is_decoded_for_text(stream)
                && !self.sizes.contains_key(&id)
            {
                let n = decoded_len(stream, self.remaining().saturating_add(1));
                self.sizes.insert(id, n);
                self.add(n);
            }
        }
    }
}

/// Whether extracting text may decode the stream: not images, embedded files, XMP metadata,
/// nor cross-reference streams (measured by [`measure_raw_streams`]).
fn is_decoded_for_text(stream: &Stream) -> bool {
    let name = |key: &[u8]| stream.dict.get(key).and_then(Object::as_name).ok();
    !(name(b"Subtype") == Some(b"Image")
        || matches!(name(b"Type"), Some(b"XRef" | b"EmbeddedFile" | b"Metadata")))
}

thread_local! {
    /// The budget of the load running on this thread (lopdf's load filter is a plain `fn`).
    static LOADING: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// lopdf's load filter: measures each stream before lopdf inflates object streams, and drops
/// every stream once the budget is spent. lopdf keeps its own copy of a top-level object and
/// takes the returned one for objects inside object streams (never streams).
fn measure_on_load(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let Object::Stream(stream) = object else {
        return Some((id, object.clone()));
    };
    let keep = LOADING.with(|b| b.borrow_mut().as_mut().is_none_or(|b| b.admit(id, stream)));
    keep.then_some((id, Object::Null))
}

/// Why loading failed: lopdf could not parse the file (worth a repair), or a refusal.
enum Failed {
    Parse(String),
    Other(InputError),
}

/// Measure the raw streams, then load.
fn measure_and_load(bytes: &[u8], cap: u64) -> Result<(PdfDocument, Budget), Failed> {
    let mut budget = Budget::new(cap);
    measure_raw_streams(bytes, &mut budget);
    if budget.over {
        return Err(Failed::Other(too_big_expanded()));
    }
    load(bytes, budget)
}

/// Parse the file with lopdf, measuring streams on the way.
fn load(bytes: &[u8], budget: Budget) -> Result<(PdfDocument, Budget), Failed> {
    LOADING.with(|b| *b.borrow_mut() = Some(budget));
    let options = LoadOptions {
        filter: Some(measure_on_load),
        ..LoadOptions::default()
    };
    let loaded = guarded(|| PdfDocument::load_mem_with_options(bytes, options));
    let budget = LOADING
        .with(|b| b.borrow_mut().take())
        .unwrap_or_else(|| Budget::new(0));
    if budget.over {
        return Err(Failed::Other(too_big_expanded()));
    }
    let doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(Failed::Parse(format!("无法解析 PDF 结构：{e}"))),
        Err(_) => return Err(Failed::Parse("无法解析 PDF 结构".into())),
    };
    if doc.trailer.get(b"Encrypt").is_ok() || doc.encryption_state.is_some() {
        return Err(Failed::Other(encrypted()));
    }
    Ok((doc, budget))
}

/// The file with a new cross-reference table appended, listing every `N G obj` found in
/// the raw bytes (the last definition of a number wins, as in incremental updates), and a
/// trailer whose `/Root` is the last `/Root` reference in the file or else the last object
/// holding `/Catalog`. `None` when no object or no root is found.
fn repair_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut objects: HashMap<u64, (u64, usize)> = HashMap::new();
    let mut headers: Vec<(usize, u64, u64)> = Vec::new();
    for at in memchr::memmem::find_iter(bytes, b"obj") {
        if bytes
            .get(at + 3)
            .is_some_and(|&b| b.is_ascii_alphanumeric())
        {
            continue;
        }
        // Back over `N G ` before `obj`.
        let mut i = at;
        let mut nums = [0u64; 2];
        let mut ok = true;
        for n in nums.iter_mut().rev() {
            let ws = bytes[..i]
                .iter()
                .rev()
                .take_while(|&&b| is_pdf_space(b))
                .count();
            let digits = bytes[..i - ws]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if ws == 0 || digits == 0 || digits > 10 {
                ok = false;
                break;
            }
            i -= ws + digits;
            *n = std::str::from_utf8(&bytes[i..i + digits])
                .ok()
                .and_then(|d| d.parse().ok())
                .unwrap_or(u64::MAX);
        }
        let starts_token = i == 0 || is_pdf_space(bytes[i - 1]) || b">]".contains(&bytes[i - 1]);
        if !ok || !starts_token || nums[0] > u64::from(u32::MAX) || nums[1] > 65_535 {
            continue;
        }
        objects.insert(nums[0], (nums[1], i));
        headers.push((i, nums[0], nums[1]));
    }
    if objects.is_empty() {
        return None;
    }
    let root = memchr::memmem::rfind_iter(bytes, b"/Root")
        .find_map(|at| reference_at(&bytes[at + b"/Root".len()..]))
        .or_else(|| {
            memchr::memmem::rfind_iter(bytes, b"/Catalog").find_map(|at| {
                let h = headers.partition_point(|&(off, _, _)| off < at);
                h.checked_sub(1).map(|h| (headers[h].1, headers[h].2))
            })
        })?;
    let mut ids: Vec<_> = objects.into_iter().collect();
    ids.sort_unstable();
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\n");
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    for (num, (generation, offset)) in &ids {
        out.extend_from_slice(format!("{num} 1\n{offset:010} {generation:05} n \n").as_bytes());
    }
    let size = ids.last().map_or(1, |(n, _)| n + 1);
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root {} {} R >>\nstartxref\n{xref}\n%%EOF\n",
            root.0, root.1
        )
        .as_bytes(),
    );
    Some(out)
}

/// The reference `N G R` the bytes start with (after white space).
fn reference_at(bytes: &[u8]) -> Option<(u64, u64)> {
    let mut rest = bytes;
    let mut nums = [0u64; 2];
    for n in &mut nums {
        let ws = rest.iter().take_while(|&&b| is_pdf_space(b)).count();
        let digits = rest[ws..].iter().take_while(|b| b.is_ascii_digit()).count();
        if ws == 0 || digits == 0 || digits > 10 {
            return None;
        }
        *n = std::str::from_utf8(&rest[ws..ws + digits])
            .ok()?
            .parse()
            .ok()?;
        rest = &rest[ws + digits..];
    }
    let ws = rest.iter().take_while(|&&b| is_pdf_space(b)).count();
    (ws > 0 && rest.get(ws) == Some(&b'R')).then_some((nums[0], nums[1]))
}

/// The pages in order, after checking the page tree and giving every page a usable
/// `/MediaBox`: an error for no pages, too many, a page listed twice, or a `/Parent` cycle.
fn check_pages(doc: &mut PdfDocument) -> Result<Vec<ObjectId>, InputError> {
    let pages: Vec<ObjectId> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if pages.len() > MAX_PAGES {
        return Err(InputError::new(
            ErrorKind::TooBig,
            format!("超过 {MAX_PAGES} 页"),
        ));
    }
    if pages.is_empty() {
        return Err(corrupt("PDF 中没有页面"));
    }
    let mut seen = HashSet::new();
    for &page in &pages {
        if !seen.insert(page) {
            return Err(corrupt("PDF 页面树有循环引用"));
        }
        let mut chain = vec![page];
        let mut media_box_ok = None;
        let mut node = page;
        loop {
            let dict = doc
                .get_dictionary(node)
                .map_err(|_| corrupt("PDF 页面树损坏"))?;
            if media_box_ok.is_none()
                && let Ok(b) = dict.get(b"MediaBox")
            {
                media_box_ok = Some(is_box(doc, b));
            }
            let Ok(parent) = dict.get(b"Parent").and_then(Object::as_reference) else {
                break;
            };
            if chain.contains(&parent) || chain.len() > MAX_TREE_DEPTH {
                return Err(corrupt("PDF 页面树有循环引用"));
            }
            chain.push(parent);
            node = parent;
        }
        if media_box_ok != Some(true)
            && let Ok(Object::Dictionary(dict)) = doc.get_object_mut(page)
        {
            let a4: Vec<Object> = [0, 0, 595, 842].into_iter().map(Object::Integer).collect();
            dict.set("MediaBox", a4);
        }
    }
    Ok(pages)
}

/// An array of four numbers (what pdf-extract expects of a `/MediaBox`).
fn is_box(doc: &PdfDocument, o: &Object) -> bool {
    let o = doc.dereference(o).map(|(_, o)| o).unwrap_or(o);
    matches!(o, Object::Array(a) if a.len() == 4
        && a.iter().all(|n| matches!(n, Object::Integer(_) | Object::Real(_))))
}

/// Empty every image XObject (pdf-extract would decode an image drawn with `Do` and parse it
/// as a content stream); returns how many there were.
fn drop_image_data(doc: &mut PdfDocument) -> usize {
    let mut n = 0;
    for object in doc.objects.values_mut() {
        if let Object::Stream(s) = object
            && s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
        {
            s.content = Vec::new();
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            s.dict.remove(b"Length");
            n += 1;
        }
    }
    n
}

/// Make each simple font's `/LastChar` agree with its `/Widths` (pdf-extract asserts that
/// they agree, and PDF writers get it wrong).
fn fix_font_widths(doc: &mut PdfDocument) {
    let mut fixes = Vec::new();
    for (&id, object) in &doc.objects {
        let Object::Dictionary(font) = object else {
            continue;
        };
        let (Ok(first), Ok(widths)) = (
            font.get(b"FirstChar").and_then(Object::as_i64),
            font.get(b"Widths"),
        ) else {
            continue;
        };
        let Ok(widths) = deref(doc, widths).as_array() else {
            continue;
        };
        let last = first.saturating_add(widths.len() as i64).saturating_sub(1);
        if font.get(b"LastChar").and_then(Object::as_i64).ok() != Some(last) {
            fixes.push((id, last));
        }
    }
    for (id, last) in fixes {
        if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
            font.set("LastChar", last);
        }
    }
}

/// The code ranges given a ToUnicode map when a font is written in a predefined Unicode CMap
/// (its codes are the characters): Latin, punctuation, symbols, CJK and full-width forms.
const UNICODE_RANGES: [(u16, u16); 16] = [
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),
    (0x2100, 0x218F),
    (0x2190, 0x21FF),
    (0x2460, 0x24FF),
    (0x2500, 0x25FF),
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3040, 0x30FF),
    (0x3200, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
];

/// Fonts written in a predefined Unicode CMap (`UniGB-UCS2-H` and the like: PDF writers use
/// them with the non-embedded Adobe CJK fonts, STSong-Light for Chinese), which pdf-extract
/// does not know: read them as `Identity-H`/`-V` with a ToUnicode map where the code is the
/// character ([`UNICODE_RANGES`]; UTF-16 surrogate pairs are lost), and widths by code (half
/// an em for ASCII, a full em otherwise) in place of the CID widths.
fn map_unicode_cmaps(doc: &mut PdfDocument) {
    let is_unicode_cmap = |n: &[u8]| {
        let contains = |part: &[u8]| memchr::memmem::find(n, part).is_some();
        n.starts_with(b"Uni")
            && (contains(b"-UCS2-") || contains(b"-UTF16-"))
            && (n.ends_with(b"-H") || n.ends_with(b"-V"))
    };
    let mut fonts = Vec::new();
    for (&id, object) in &doc.objects {
        let Object::Dictionary(font) = object else {
            continue;
        };
        if font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0") {
            continue;
        }
        let Ok(name) = font.get(b"Encoding").and_then(Object::as_name) else {
            continue;
        };
        if is_unicode_cmap(name) {
            let descendant = font
                .get(b"DescendantFonts")
                .ok()
                .and_then(|d| deref(doc, d).as_array().ok())
                .and_then(|d| d.first())
                .and_then(|d| d.as_reference().ok());
            fonts.push((id, name.ends_with(b"-V"), descendant));
        }
    }
    if fonts.is_empty() {
        return;
    }
    let mut cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        .to_vec();
    cmap.extend_from_slice(format!("{} beginbfrange\n", UNICODE_RANGES.len()).as_bytes());
    for (lo, hi) in UNICODE_RANGES {
        cmap.extend_from_slice(format!("<{lo:04X}> <{hi:04X}> <{lo:04X}>\n").as_bytes());
    }
    cmap.extend_from_slice(b"endbfrange endcmap end end\n");
    let map = doc.add_object(Stream::new(Dictionary::new(), cmap));
    let ascii: Vec<Object> = (0x20..=0x7E).map(|_| Object::Integer(500)).collect();
    let widths = Object::Array(vec![Object::Integer(0x20), Object::Array(ascii)]);
    for (id, vertical, descendant) in fonts {
        if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
            let identity = if vertical { "Identity-V" } else { "Identity-H" };
            font.set("Encoding", Object::Name(identity.as_bytes().to_vec()));
            if !font.has(b"ToUnicode") {
                font.set("ToUnicode", Object::Reference(map));
            }
        }
        let cid_font = match descendant {
            Some(d) => doc.objects.get_mut(&d).and_then(|o| o.as_dict_mut().ok()),
            None => doc
                .objects
                .get_mut(&id)
                .and_then(|o| o.as_dict_mut().ok())
                .and_then(|f| f.get_mut(b"DescendantFonts").ok())
                .and_then(|d| d.as_array_mut().ok())
                .and_then(|d| d.first_mut())
                .and_then(|d| d.as_dict_mut().ok()),
        };
        if let Some(cid_font) = cid_font {
            cid_font.set("DW", 1000);
            cid_font.set("W", widths.clone());
        }
    }
}

/// Check every font's ToUnicode map: pdf-extract expands each `bfrange` into one map entry
/// per code (on every page the font is used), so a range over billions of codes would not
/// end. At most [`MAX_UNICODE_MAP_ENTRIES`] codes per map.
fn check_unicode_maps(doc: &PdfDocument) -> Result<(), InputError> {
    for object in doc.objects.values() {
        let Object::Dictionary(font) = object else {
            continue;
        };
        let Ok(map) = font.get(b"ToUnicode") else {
            continue;
        };
        let Ok(map) = deref(doc, map).as_stream() else {
            continue;
        };
        let data = map
            .decompressed_content()
            .unwrap_or_else(|_| map.content.clone());
        if bfrange_codes(&data) > MAX_UNICODE_MAP_ENTRIES {
            return Err(corrupt("字体的 Unicode 映射表过大"));
        }
    }
    Ok(())
}

/// How many codes the `bfrange` sections of a CMap cover.
fn bfrange_codes(cmap: &[u8]) -> u64 {
    let mut total: u64 = 0;
    let mut rest = cmap;
    while let Some(at) = memchr::memmem::find(rest, b"beginbfrange") {
        rest = &rest[at + b"beginbfrange".len()..];
        let end = memchr::memmem::find(rest, b"endbfrange").unwrap_or(rest.len());
        let section = &rest[..end];
        // The operands: hex strings (a code) and arrays (skipped), three per range.
        let mut operands: Vec<Option<u64>> = Vec::new();
        let mut i = 0;
        while i < section.len() {
            match section[i] {
                b'<' => {
                    let close = section[i..].iter().position(|&b| b == b'>');
                    let hex = &section[i + 1..i + close.unwrap_or(section.len() - i)];
                    let code = hex
                        .iter()
                        .filter_map(|&b| (b as char).to_digit(16))
                        .fold(0u64, |v, d| v.wrapping_mul(16).wrapping_add(u64::from(d)));
                    operands.push(Some(code));
                    i += close.map_or(section.len(), |c| c + 1);
                }
                b'[' => {
                    let close = section[i..].iter().position(|&b| b == b']');
                    operands.push(None);
                    i += close.map_or(section.len(), |c| c + 1);
                }
                _ => i += 1,
            }
        }
        for range in operands.chunks(3) {
            if let [Some(lo), Some(hi), ..] = *range {
                total = total.saturating_add(hi.saturating_sub(lo).saturating_add(1));
            }
        }
        rest = &rest[end..];
    }
    total
}

/// Check the form XObjects each page can draw (no cycle, at most [`MAX_FORM_DEPTH`] deep)
/// and bound the content interpreted over all pages.
fn check_work(doc: &PdfDocument, pages: &[ObjectId], budget: &Budget) -> Result<(), InputError> {
    let size = |id: ObjectId| -> u64 {
        budget.sizes.get(&id).copied().unwrap_or_else(|| {
            doc.get_object(id)
                .and_then(Object::as_stream)
                .map_or(0, |s| s.content.len() as u64)
        })
    };
    let mut work: u64 = 0;
    for &page in pages {
        for id in doc.get_page_contents(page) {
            work = work.saturating_add(size(id));
        }
        let mut forms = FormWalk {
            doc,
            path: Vec::new(),
            done: HashSet::new(),
            drawn: HashSet::new(),
        };
        if let Some(res) = page_resources(doc, page) {
            forms.visit_resources(res)?;
        }
        for id in forms.drawn {
            work = work.saturating_add(size(id));
        }
        if work > budget.cap {
            return Err(too_big_expanded());
        }
    }
    Ok(())
}

/// A page's resources, inherited through `/Parent` as pdf-extract looks them up.
fn page_resources(doc: &PdfDocument, page: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..=MAX_TREE_DEPTH {
        if let Ok(r) = node.get(b"Resources") {
            return deref(doc, r).as_dict().ok();
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn deref<'a>(doc: &'a PdfDocument, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// The walk over the form XObjects one page can draw, as pdf-extract recurses on `Do`: a form
/// without `/Resources` draws with its caller's.
struct FormWalk<'a> {
    doc: &'a PdfDocument,
    path: Vec<ObjectId>,
    /// (form, resources it runs with) pairs already walked.
    done: HashSet<(ObjectId, *const Dictionary)>,
    drawn: HashSet<ObjectId>,
}

impl<'a> FormWalk<'a> {
    fn visit_resources(&mut self, res: &'a Dictionary) -> Result<(), InputError> {
        let Some(xobjects) = res
            .get(b"XObject")
            .ok()
            .and_then(|x| deref(self.doc, x).as_dict().ok())
        else {
            return Ok(());
        };
        for (_, x) in xobjects.iter() {
            let Ok(id) = x.as_reference() else { continue };
            let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image") {
                continue;
            }
            if self.path.contains(&id) {
                return Err(corrupt("PDF 中的表单对象循环引用自身"));
            }
            if self.path.len() >= MAX_FORM_DEPTH {
                return Err(corrupt("PDF 中的表单对象嵌套过深"));
            }
            let inner = stream
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|r| deref(self.doc, r).as_dict().ok())
                .unwrap_or(res);
            self.drawn.insert(id);
            if !self.done.insert((id, inner as *const Dictionary)) {
                continue;
            }
            self.path.push(id);
            self.visit_resources(inner)?;
            self.path.pop();
        }
        Ok(())
    }
}

/// Run pdf-extract over the document with the collector.
fn extract(doc: &PdfDocument, cap: u64) -> Result<(Vec<Block>, Stats), InputError> {
    let mut out = Collector {
        cap,
        ..Collector::default()
    };
    let run = guarded(|| pdf_extract::output_doc(doc, &mut out));
    match run {
        Ok(Ok(())) => Ok((out.blocks, out.stats)),
        _ if out.too_big => Err(InputError::new(
            ErrorKind::TooBig,
            format!("第{}页文字过多", out.page),
        )),
        Ok(Err(e)) => Err(corrupt(format!("第{}页内容无法解析：{e}", out.page))),
        Err(_) => Err(corrupt(format!("第{}页内容无法解析", out.page))),
    }
}

/// The NoText rule (see the module doc).
fn no_text(stats: &Stats, images: usize) -> Result<(), InputError> {
    let detail = if stats.glyphs == 0 {
        if images > 0 {
            "没有文字，只有图片，像是扫描件".to_string()
        } else {
            "没有文字".to_string()
        }
    } else if stats.cjk < MIN_CJK {
        format!("只提取到 {} 个汉字", stats.cjk)
    } else if stats.bad * 100 > stats.glyphs * MAX_BAD_PERCENT {
        format!("{}% 的字符无法识别", stats.bad * 100 / stats.glyphs)
    } else {
        return Ok(());
    };
    Err(InputError::new(ErrorKind::NoText, detail))
}

/// Counts over the whole document for the NoText rule.
#[derive(Debug, Default)]
struct Stats {
    /// Glyphs that are not white space (undecodable ones included).
    glyphs: u64,
    /// CJK ideographs among them.
    cjk: u64,
    /// Undecodable: no Unicode mapping, U+FFFD, private use, control characters.
    bad: u64,
}

/// One glyph, in the reading frame of its text direction (x along the baseline, y up).
#[derive(Clone, Copy, Debug)]
struct Glyph {
    x: f64,
    y: f64,
    /// x where the glyph's advance ends.
    end: f64,
    /// Font size in page units.
    em: f64,
    /// Text direction: quarter turns counter-clockwise.
    rot: u8,
    /// The glyph's text: a range of the page's text buffer.
    start: u32,
    len: u32,
    /// A space character came just before it in the content stream (a real space, not
    /// only a gap).
    space_before: bool,
}

/// An axis-aligned segment of a stroked path or a thin filled shape, in page units.
#[derive(Clone, Copy, Debug)]
struct Seg {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// A vertical rule in a reading frame.
#[derive(Clone, Copy, Debug)]
struct Rule {
    x: f64,
    lo: f64,
    hi: f64,
}

/// The [`OutputDev`] that collects each page's glyphs and rules and lays out its lines.
#[derive(Default)]
struct Collector {
    page: u32,
    glyphs: Vec<Glyph>,
    text: String,
    segs: Vec<Seg>,
    blocks: Vec<Block>,
    stats: Stats,
    /// Bytes of text produced so far, and the most allowed.
    produced: u64,
    cap: u64,
    too_big: bool,
    /// The last character shown was white space.
    space_pending: bool,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page = page_num;
        self.glyphs.clear();
        self.text.clear();
        self.segs.clear();
        self.space_pending = false;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let text = layout(&self.glyphs, &self.text, &self.segs);
        if !text.is_empty() {
            self.produced += text.len() as u64 + 1;
            if self.produced > self.cap {
                self.too_big = true;
                return Err(OutputError::FormatError(std::fmt::Error));
            }
            self.blocks.push(Block::Paragraph {
                text,
                at: Source::Page { page: self.page },
            });
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        if ch.is_empty() {
            self.stats.glyphs += 1;
            self.stats.bad += 1;
            return Ok(());
        }
        let mut visible = false;
        for c in ch.chars().filter(|c| !c.is_whitespace()) {
            visible = true;
            self.stats.glyphs += 1;
            if is_cjk_ideograph(c) {
                self.stats.cjk += 1;
            } else if is_undecodable(c) {
                self.stats.bad += 1;
            }
        }
        if !visible {
            self.space_pending = true;
            return Ok(());
        }
        if self.glyphs.len() >= MAX_GLYPHS_PER_PAGE
            || self.text.len() as u64 + self.produced > self.cap
        {
            self.too_big = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        let sx = trm.m11.hypot(trm.m12);
        let sy = trm.m21.hypot(trm.m22);
        let size = if font_size.is_finite() {
            font_size.abs()
        } else {
            0.0
        };
        let mut em = size * sy;
        if !(em.is_finite() && em > 0.01) {
            em = 10.0;
        }
        let mut adv = (width * size + spacing) * sx;
        if !adv.is_finite() || adv < 0.0 {
            adv = 0.0;
        }
        let turns = (trm.m12.atan2(trm.m11) / std::f64::consts::FRAC_PI_2).round();
        let rot = if turns.is_finite() {
            (turns as i64).rem_euclid(4) as u8
        } else {
            0
        };
        let (x, y) = to_frame(rot, trm.m31, trm.m32);
        if !(x.is_finite() && y.is_finite()) {
            return Ok(());
        }
        let start = self.text.len() as u32;
        self.text.push_str(ch.trim());
        self.glyphs.push(Glyph {
            x,
            y,
            end: x + adv,
            em,
            rot,
            start,
            len: self.text.len() as u32 - start,
            space_before: std::mem::take(&mut self.space_pending),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path, false);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path, true);
        Ok(())
    }
}

impl Collector {
    /// Keep a stroked path's axis-aligned segments, or a filled path's thin subpaths (a
    /// border drawn as a filled rectangle) as the segment along their middle.
    fn add_path(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let tf = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                x * ctm.m12 + y * ctm.m22 + ctm.m32,
            )
        };
        let mut subpaths: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut closes: Vec<bool> = Vec::new();
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    subpaths.push(vec![tf(x, y)]);
                    closes.push(false);
                }
                PathOp::LineTo(x, y) => match subpaths.last_mut() {
                    Some(p) => p.push(tf(x, y)),
                    None => {
                        subpaths.push(vec![tf(x, y)]);
                        closes.push(false);
                    }
                },
                PathOp::CurveTo(_, _, _, _, x, y) => {
                    // A curve is no rule: start a new subpath at its end.
                    subpaths.push(vec![tf(x, y)]);
                    closes.push(false);
                }
                PathOp::Rect(x, y, w, h) => {
                    subpaths.push(vec![tf(x, y), tf(x + w, y), tf(x + w, y + h), tf(x, y + h)]);
                    closes.push(true);
                }
                PathOp::Close => {
                    if let Some(c) = closes.last_mut() {
                        *c = true;
                    }
                }
            }
        }
        for (points, closed) in subpaths.iter().zip(closes) {
            if self.segs.len() >= MAX_RULES_PER_PAGE {
                return;
            }
            if filled {
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for &(x, y) in points {
                    x0 = x0.min(x);
                    y0 = y0.min(y);
                    x1 = x1.max(x);
                    y1 = y1.max(y);
                }
                let (w, h) = (x1 - x0, y1 - y0);
                if w <= 3.0 && h >= 2.0 {
                    let x = (x0 + x1) / 2.0;
                    self.push_seg(x, y0, x, y1);
                } else if h <= 3.0 && w >= 2.0 {
                    let y = (y0 + y1) / 2.0;
                    self.push_seg(x0, y, x1, y);
                }
            } else {
                for w in points.windows(2) {
                    self.push_seg(w[0].0, w[0].1, w[1].0, w[1].1);
                }
                if closed && points.len() > 2 {
                    let (a, b) = (points[points.len() - 1], points[0]);
                    self.push_seg(a.0, a.1, b.0, b.1);
                }
            }
        }
    }

    fn push_seg(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        let straight = (x0 - x1).abs() <= 0.5 || (y0 - y1).abs() <= 0.5;
        let long = (x0 - x1).abs().max((y0 - y1).abs()) >= 2.0;
        let finite = x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite();
        if straight && long && finite && self.segs.len() < MAX_RULES_PER_PAGE {
            self.segs.push(Seg { x0, y0, x1, y1 });
        }
    }
}

/// Page coordinates to the reading frame of text turned `rot` quarter turns.
fn to_frame(rot: u8, x: f64, y: f64) -> (f64, f64) {
    match rot {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

/// A horizontal rule in a reading frame.
#[derive(Clone, Copy, Debug)]
struct HRule {
    y: f64,
    lo: f64,
    hi: f64,
}

/// A run of a line's glyphs between column gaps.
#[derive(Clone, Debug)]
struct Frag {
    x0: f64,
    x1: f64,
    /// Baseline.
    y: f64,
    em: f64,
    text: String,
}

impl Frag {
    fn mid_y(&self) -> f64 {
        self.y + 0.3 * self.em
    }
}

/// What the page's text is made of, in reading order: plain lines and table rows.
struct Item {
    /// Sort key, descending: a line's top, a table row's top rule.
    top: f64,
    /// Among items of the same top, higher `span` first (a cell spanning rows before them).
    span: f64,
    text: String,
}

/// Most rules of one direction for which a page's table cells are rebuilt.
const MAX_RULES_FOR_CELLS: usize = 5_000;
/// Most lines in one table cell whose lines are joined.
const MAX_CELL_LINES: usize = 8;

/// The lines of one page.
fn layout(glyphs: &[Glyph], text: &str, segs: &[Seg]) -> String {
    let mut items: Vec<Item> = Vec::new();
    let mut by_rot: [Vec<usize>; 4] = Default::default();
    for (i, g) in glyphs.iter().enumerate() {
        by_rot[g.rot as usize].push(i);
    }
    let mut order = [0usize, 1, 2, 3];
    order.sort_by_key(|&r| std::cmp::Reverse(by_rot[r].len()));
    let mut out = String::new();
    for rot in order {
        let idx = &mut by_rot[rot];
        if idx.is_empty() {
            continue;
        }
        let mut rules: Vec<Rule> = Vec::new();
        let mut hrules: Vec<HRule> = Vec::new();
        for s in segs {
            let (ax, ay) = to_frame(rot as u8, s.x0, s.y0);
            let (bx, by) = to_frame(rot as u8, s.x1, s.y1);
            if (ax - bx).abs() <= 1.0 && (ay - by).abs() >= 2.0 {
                rules.push(Rule {
                    x: (ax + bx) / 2.0,
                    lo: ay.min(by),
                    hi: ay.max(by),
                });
            } else if (ay - by).abs() <= 1.0 && (ax - bx).abs() >= 2.0 {
                hrules.push(HRule {
                    y: (ay + by) / 2.0,
                    lo: ax.min(bx),
                    hi: ax.max(bx),
                });
            }
        }
        rules.sort_by(|a, b| a.x.total_cmp(&b.x));
        idx.sort_by(|&a, &b| {
            let (a, b) = (&glyphs[a], &glyphs[b]);
            b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x))
        });
        let mut lines: Vec<Vec<Frag>> = Vec::new();
        let mut line: Vec<usize> = Vec::new();
        let mut base = 0.0;
        let mut em = 0.0f64;
        for &i in idx.iter() {
            let g = &glyphs[i];
            if !line.is_empty() && base - g.y > 0.5 * em.max(g.em) {
                lines.push(split_line(&mut line, glyphs, text, &rules));
            }
            if line.is_empty() {
                base = g.y;
                em = g.em;
            } else {
                em = em.max(g.em);
            }
            line.push(i);
        }
        lines.push(split_line(&mut line, glyphs, text, &rules));
        lines.retain(|l| !l.is_empty());
        items.clear();
        if rules.len() <= MAX_RULES_FOR_CELLS && hrules.len() <= MAX_RULES_FOR_CELLS {
            table_rows(&mut lines, &rules, &hrules, &mut items);
        }
        for l in lines.iter().filter(|l| !l.is_empty()) {
            let top = l.iter().map(|f| f.y + 0.7 * f.em).fold(f64::MIN, f64::max);
            let text: Vec<&str> = l.iter().map(|f| f.text.as_str()).collect();
            items.push(Item {
                top,
                span: 0.0,
                text: text.join("  "),
            });
        }
        items.sort_by(|a, b| b.top.total_cmp(&a.top).then(b.span.total_cmp(&a.span)));
        for item in &items {
            out.push_str(&item.text);
            out.push('\n');
        }
    }
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Lay out one line (its glyphs in any order) as fragments between column gaps; empties
/// `line`.
fn split_line(line: &mut Vec<usize>, glyphs: &[Glyph], text: &str, rules: &[Rule]) -> Vec<Frag> {
    let mut frags: Vec<Frag> = Vec::new();
    if line.is_empty() {
        return frags;
    }
    line.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x));
    let em_line = line.iter().map(|&i| glyphs[i].em).fold(0.0, f64::max);
    // The middle of the line's glyphs, where a rule of its table row crosses it.
    let mid = line.iter().map(|&i| glyphs[i].y).sum::<f64>() / line.len() as f64 + 0.3 * em_line;
    // Rules crossing the line: it is in a ruled table when they stand at three places or more.
    let crossing: Vec<Rule> = rules
        .iter()
        .filter(|r| r.lo <= mid && r.hi >= mid)
        .copied()
        .collect();
    let mut places = 0;
    let mut last_x = f64::NEG_INFINITY;
    for r in &crossing {
        if r.x - last_x > 2.0 {
            places += 1;
            last_x = r.x;
        }
    }
    let ruled = places >= 3;
    let str_of = |g: &Glyph| &text[g.start as usize..(g.start + g.len) as usize];
    let mut kept: Vec<usize> = Vec::with_capacity(line.len());
    for &i in line.iter() {
        let g = &glyphs[i];
        let s = str_of(g);
        // Fake bold: the same glyph printed again a little to the side.
        let dup = kept.iter().rev().take(4).any(|&k| {
            let k = &glyphs[k];
            str_of(k) == s && (k.x - g.x).abs() < 0.2 * g.em && (k.y - g.y).abs() < 0.2 * g.em
        });
        if dup {
            continue;
        }
        let mut new_frag = true;
        if let Some(&p) = kept.last() {
            let p = &glyphs[p];
            let em = p.em.max(g.em);
            let gap = g.x - p.end;
            let lo = crossing.partition_point(|r| r.x <= p.end - 0.15 * em);
            let rule_between = gap > -0.2 * em
                && crossing[lo..]
                    .iter()
                    .take_while(|r| r.x < g.x + 0.15 * em)
                    .next()
                    .is_some();
            let (before, after) = (str_of(p).chars().last(), s.chars().next());
            let both_wide = before.is_some_and(super::is_wide) && after.is_some_and(super::is_wide);
            // Autospace: the small gap typesetting puts between CJK and Latin letters or
            // digits (`2021 年`, `减 5678`) is no space in the text.
            let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let wide = |c: Option<char>| c.is_some_and(super::is_wide);
            let autospace = ((wide(before) && ascii(after)) || (ascii(before) && wide(after)))
                && gap < 0.5 * em
                && !g.space_before;
            if !(rule_between || (!ruled && gap >= 1.5 * em)) {
                new_frag = false;
                if gap >= 0.15 * em
                    && !both_wide
                    && !autospace
                    && let Some(f) = frags.last_mut()
                {
                    f.text.push(' ');
                }
            }
        }
        match frags.last_mut() {
            Some(f) if !new_frag => {
                f.text.push_str(s);
                f.x1 = f.x1.max(g.end);
                f.em = f.em.max(g.em);
            }
            _ => frags.push(Frag {
                x0: g.x,
                x1: g.end,
                y: g.y,
                em: g.em,
                text: s.to_string(),
            }),
        }
        kept.push(i);
    }
    line.clear();
    frags
}

/// A table cell found around fragments: its four rules.
struct Cell {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    /// The fragments in it: (line, fragment) indices.
    frags: Vec<(usize, usize)>,
}

/// Rebuild the rows of ruled tables: fragments enclosed by rules on all four sides are
/// cells; a cell's lines are joined ([`super::join_lines`]: a label wrapped in its cell comes
/// out whole) and the cells between the same two horizontal rules make one row, cells two
/// spaces apart. Takes those fragments out of `lines` and adds the rows to `items`. A row
/// whose cells hold two lines of numbers, or a cell of more than [`MAX_CELL_LINES`] lines, is
/// not one row of a table (rules missing between rows, a frame around text): its fragments
/// stay lines.
fn table_rows(lines: &mut [Vec<Frag>], rules: &[Rule], hrules: &[HRule], items: &mut Vec<Item>) {
    let mut cells: Vec<Cell> = Vec::new();
    let vrules = merge_rules(rules);
    for (li, line) in lines.iter().enumerate() {
        for (fi, f) in line.iter().enumerate() {
            let (y, x) = (f.mid_y(), (f.x0 + f.x1) / 2.0);
            let slack = 0.2 * f.em;
            let covering = rules.iter().filter(|r| r.lo <= y && r.hi >= y);
            let left = covering
                .clone()
                .filter(|r| r.x <= f.x0 + slack)
                .map(|r| r.x)
                .fold(f64::NAN, f64::max);
            let right = covering
                .filter(|r| r.x >= f.x1 - slack)
                .map(|r| r.x)
                .fold(f64::NAN, f64::min);
            let across = hrules.iter().filter(|h| h.lo <= x && h.hi >= x);
            let top = across
                .clone()
                .filter(|h| h.y > y)
                .map(|h| h.y)
                .fold(f64::NAN, f64::min);
            let bottom = across
                .filter(|h| h.y < y)
                .map(|h| h.y)
                .fold(f64::NAN, f64::max);
            if [left, right, top, bottom].iter().any(|v| v.is_nan()) {
                continue;
            }
            let near = |c: &Cell| {
                (c.left - left).abs() < TOL
                    && (c.right - right).abs() < TOL
                    && (c.top - top).abs() < TOL
                    && (c.bottom - bottom).abs() < TOL
            };
            match cells.iter_mut().find(|c| near(c)) {
                Some(c) => c.frags.push((li, fi)),
                None => cells.push(Cell {
                    left,
                    right,
                    top,
                    bottom,
                    frags: vec![(li, fi)],
                }),
            }
        }
    }
    // Rows: cells between the same two horizontal rules.
    cells.sort_by(|a, b| {
        b.top
            .total_cmp(&a.top)
            .then(a.bottom.total_cmp(&b.bottom))
            .then(a.left.total_cmp(&b.left))
    });
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for (ci, c) in cells.iter().enumerate() {
        let same = |r: &Vec<usize>| {
            let first = &cells[r[0]];
            (first.top - c.top).abs() < TOL && (first.bottom - c.bottom).abs() < TOL
        };
        match rows.iter_mut().find(|r| same(r)) {
            Some(r) => r.push(ci),
            None => rows.push(vec![ci]),
        }
    }
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for row in rows {
        let mut texts: Vec<String> = Vec::new();
        let mut ok = true;
        let mut row_cells = row.clone();
        row_cells.sort_by(|&a, &b| cells[a].left.total_cmp(&cells[b].left));
        for &ci in &row_cells {
            let c = &cells[ci];
            // The cell's lines, top to bottom, each its fragments joined.
            let mut cell_lines: Vec<(usize, Vec<&str>)> = Vec::new();
            for &(li, fi) in &c.frags {
                match cell_lines.iter_mut().find(|(l, _)| *l == li) {
                    Some((_, v)) => v.push(&lines[li][fi].text),
                    None => cell_lines.push((li, vec![&lines[li][fi].text])),
                }
            }
            cell_lines.sort_by_key(|(l, _)| *l);
            let numeric = cell_lines
                .iter()
                .filter(|(_, v)| v.iter().all(|t| is_number_like(t)))
                .count();
            if cell_lines.len() > MAX_CELL_LINES || (cell_lines.len() > 1 && numeric > 1) {
                ok = false;
                break;
            }
            let joined: Vec<String> = cell_lines.iter().map(|(_, v)| v.join("  ")).collect();
            texts.push(super::join_lines(joined.iter().map(String::as_str)));
        }
        if !ok {
            continue;
        }
        let first = &cells[row_cells[0]];
        let fields = row_fields(&cells, &row_cells, &texts, &vrules, hrules);
        // A row of one cell (a section row, a label spanning rows) is tab-indented, so that
        // it is read as a row of its own, not as the last cell of the row above continued. A
        // label whose value cells are all empty keeps them: trailing tabs survive rendering.
        let text = match fields.iter().rposition(|f| !f.is_empty()) {
            Some(0) | None if fields.len() <= 1 => {
                format!("\t{}", fields.first().map_or("", String::as_str))
            }
            _ => fields.join("\t"),
        };
        items.push(Item {
            top: first.top,
            span: first.top - first.bottom,
            text,
        });
        for &ci in &row_cells {
            taken.extend_from_slice(&cells[ci].frags);
        }
    }
    // Take the fragments placed in rows out of the lines (from the end, so indices hold).
    taken.sort_unstable();
    for &(li, fi) in taken.iter().rev() {
        lines[li].remove(fi);
    }
}

/// Distance within which rules and cell edges count as the same.
const TOL: f64 = 1.5;

/// The vertical rules with the pieces of one line joined (a table draws each cell's border
/// apart): sorted by x.
fn merge_rules(rules: &[Rule]) -> Vec<Rule> {
    let mut sorted = rules.to_vec();
    sorted.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.lo.total_cmp(&b.lo)));
    let mut out: Vec<Rule> = Vec::new();
    let mut group = 0; // where rules at the current x start in `out`
    for r in sorted {
        if out
            .last()
            .is_some_and(|l| r.x - out[group].x > 1.0 || l.x > r.x + 1.0)
        {
            group = out.len();
        }
        match out[group..]
            .iter_mut()
            .find(|o| r.lo <= o.hi + TOL && r.hi >= o.lo - TOL)
        {
            Some(o) => {
                o.lo = o.lo.min(r.lo);
                o.hi = o.hi.max(r.hi);
            }
            None => out.push(r),
        }
    }
    out
}

/// The fields of a table row: one per column band (between two vertical rules that cross
/// the whole row, under a horizontal rule of the row), the text of the row's cell in it or
/// empty, so that empty cells keep their places. Bands taken by a cell of another row (a
/// label spanning rows, printed as a line of its own) are left out, and so are empty fields
/// before the first cell. `texts` are the texts of `row` (cells sorted left to right).
fn row_fields(
    cells: &[Cell],
    row: &[usize],
    texts: &[String],
    vrules: &[Rule],
    hrules: &[HRule],
) -> Vec<String> {
    let (top, bottom) = (cells[row[0]].top, cells[row[0]].bottom);
    let mut xs: Vec<f64> = Vec::new();
    for r in vrules {
        if r.lo <= bottom + TOL && r.hi >= top - TOL && xs.last().is_none_or(|&x| r.x - x > TOL) {
            xs.push(r.x);
        }
    }
    let mut fields: Vec<String> = Vec::new();
    let mut placed = vec![false; row.len()];
    let mut covered_to = f64::NEG_INFINITY;
    for w in xs.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mid = (a + b) / 2.0;
        if mid < covered_to {
            continue;
        }
        let ruled = hrules.iter().any(|h| {
            ((h.y - top).abs() < TOL || (h.y - bottom).abs() < TOL) && h.lo <= mid && h.hi >= mid
        });
        if !ruled {
            continue;
        }
        if let Some(k) = row.iter().position(|&ci| {
            let c = &cells[ci];
            c.left < b - TOL && c.right > a + TOL
        }) {
            if !placed[k] {
                placed[k] = true;
                covered_to = cells[row[k]].right - TOL;
                fields.push(texts[k].clone());
            }
            continue;
        }
        let other = cells.iter().enumerate().any(|(ci, c)| {
            !row.contains(&ci)
                && c.left < mid
                && c.right > mid
                && c.bottom < top - TOL
                && c.top > bottom + TOL
        });
        if !other && !fields.is_empty() {
            fields.push(String::new());
        }
    }
    if placed.iter().all(|&p| p) {
        fields
    } else {
        texts.to_vec()
    }
}

/// A fragment that is a number (digits with separators, signs, a percent sign).
fn is_number_like(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || ".,-+% ".contains(c))
}

/// CJK ideographs (the unified blocks, extensions and compatibility ideographs).
fn is_cjk_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Characters that mean a glyph was not decoded: U+FFFD, private use, controls.
fn is_undecodable(c: char) -> bool {
    matches!(c as u32, 0xFFFD | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF) || c.is_control()
}

/// Add the decoded size of every cross-reference stream and object stream to the budget,
/// found by a scan of the raw bytes for `/XRef` and `/ObjStm` dictionaries (Flate or LZW, as
/// the dictionary says; data after the `stream` keyword). lopdf inflates cross-reference
/// streams while reading the cross-reference table, and an object stream whenever it
/// resolves an indirect `/Length` stored in it (again for each such length), both before its
/// load filter sees the object. So the scan also bounds that work: the number of indirect
/// `/Length`s times the largest object stream must stay within [`WORK_FACTOR`] times the cap.
fn measure_raw_streams(bytes: &[u8], budget: &mut Budget) {
    let mut largest_objstm: u64 = 0;
    for marker in [&b"/XRef"[..], b"/ObjStm"] {
        for at in memchr::memmem::find_iter(bytes, marker) {
            let rest = &bytes[at + marker.len()..];
            if rest
                .first()
                .is_none_or(|&b| !(is_pdf_space(b) || b"/>".contains(&b)))
            {
                continue; // a longer name (`/XRefStm`)
            }
            let window = &rest[..rest.len().min(4096)];
            let Some(s) = memchr::memmem::find(window, b"stream") else {
                continue;
            };
            let before = &bytes[at.saturating_sub(2048)..at];
            let dict_start = memchr::memmem::rfind(before, b"obj").map_or(0, |i| i + 3);
            let dict = [&before[dict_start..], &window[..s]].concat();
            let mut data = &rest[s + b"stream".len()..];
            if data.starts_with(b"\r\n") {
                data = &data[2..];
            } else if data.starts_with(b"\n") || data.starts_with(b"\r") {
                data = &data[1..];
            }
            let cap = budget.remaining().saturating_add(1);
            let n = if memchr::memmem::find(&dict, b"/LZWDecode").is_some() {
                lzw(data, true, cap, None)
            } else {
                inflate(data, cap, None)
            };
            if marker == b"/ObjStm" {
                largest_objstm = largest_objstm.max(n);
            }
            budget.add(n);
            if budget.over {
                return;
            }
        }
    }
    let indirect_lengths = memchr::memmem::find_iter(bytes, b"/Length")
        .filter(|&at| reference_at(&bytes[at + b"/Length".len()..]).is_some())
        .count() as u64;
    if indirect_lengths.saturating_mul(largest_objstm) > budget.cap.saturating_mul(WORK_FACTOR) {
        budget.over = true;
    }
}

/// A stream's decoded size as lopdf would decode it (Flate, LZW, ASCII85; predictors never
/// grow data; other filters are left undecoded by lopdf), counting at most `cap` bytes.
fn decoded_len(stream: &Stream, cap: u64) -> u64 {
    let Ok(filters) = stream.filters() else {
        return stream.content.len() as u64;
    };
    let mut data: std::borrow::Cow<[u8]> = std::borrow::Cow::Borrowed(&stream.content);
    let n = filters.len();
    for (i, f) in filters.iter().enumerate() {
        let last = i + 1 == n;
        let mut keep = (!last).then(Vec::new);
        let len = match *f {
            b"FlateDecode" => inflate(&data, cap, keep.as_mut()),
            b"LZWDecode" => {
                let early = stream
                    .dict
                    .get(b"DecodeParms")
                    .and_then(Object::as_dict)
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Object::as_i64)
                    .map_or(true, |v| v != 0);
                lzw(&data, early, cap, keep.as_mut())
            }
            b"ASCII85Decode" => {
                let out = ascii85(&data);
                let len = out.len() as u64;
                if let Some(k) = keep.as_mut() {
                    *k = out;
                }
                len
            }
            _ => return data.len() as u64,
        };
        if len >= cap {
            return len;
        }
        match keep {
            Some(k) => data = std::borrow::Cow::Owned(k),
            None => return len,
        }
    }
    data.len() as u64
}

/// Inflate zlib data (raw deflate after the 2-byte header when zlib fails at once, as lopdf
/// does), counting at most `cap` bytes and keeping them in `keep` if given.
fn inflate(data: &[u8], cap: u64, mut keep: Option<&mut Vec<u8>>) -> u64 {
    let n = inflate_with(data, true, cap, keep.as_deref_mut());
    if n == 0 && data.len() > 2 {
        return inflate_with(&data[2..], false, cap, keep);
    }
    n
}

fn inflate_with(data: &[u8], zlib: bool, cap: u64, mut keep: Option<&mut Vec<u8>>) -> u64 {
    use flate2::{Decompress, FlushDecompress, Status};
    let mut d = Decompress::new(zlib);
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        let (in0, out0) = (d.total_in(), d.total_out());
        let input = &data[(in0 as usize).min(data.len())..];
        let status = d.decompress(input, &mut buf, FlushDecompress::None);
        let made = (d.total_out() - out0) as usize;
        if let Some(k) = keep.as_deref_mut() {
            k.extend_from_slice(&buf[..made]);
        }
        let progress = d.total_in() != in0 || made > 0;
        match status {
            Ok(Status::Ok) | Ok(Status::BufError) if progress && d.total_out() < cap => {}
            _ => return d.total_out().min(cap),
        }
    }
}

/// LZW-decode (PDF's MSB-first codes, 8-bit symbols), counting at most `cap` bytes.
fn lzw(data: &[u8], early_change: bool, cap: u64, mut keep: Option<&mut Vec<u8>>) -> u64 {
    use weezl::{BitOrder, LzwStatus, decode::Decoder};
    let mut d = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut buf = vec![0u8; 32 * 1024];
    let mut input = data;
    let mut total: u64 = 0;
    loop {
        let r = d.decode_bytes(input, &mut buf);
        input = &input[r.consumed_in..];
        total += r.consumed_out as u64;
        if let Some(k) = keep.as_deref_mut() {
            k.extend_from_slice(&buf[..r.consumed_out]);
        }
        let progress = r.consumed_in > 0 || r.consumed_out > 0;
        match r.status {
            Ok(LzwStatus::Ok) if progress && total < cap => {}
            _ => return total.min(cap),
        }
    }
}

/// ASCII85-decode, leniently (the output is at most 4/5 of the input, or 4 bytes per `z`).
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut group = [0u8; 5];
    let mut n = 0;
    let push_group = |out: &mut Vec<u8>, group: &[u8; 5], n: usize| {
        let mut g = [b'u'; 5];
        g[..n].copy_from_slice(&group[..n]);
        let v = g
            .iter()
            .fold(0u64, |acc, &c| acc * 85 + u64::from(c.saturating_sub(b'!')));
        let bytes = (v as u32).to_be_bytes();
        out.extend_from_slice(&bytes[..n - 1]);
    };
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = c;
                n += 1;
                if n == 5 {
                    push_group(&mut out, &group, 5);
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        push_group(&mut out, &group, n);
    }
    out
}
