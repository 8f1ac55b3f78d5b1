//! The document-level pass: which blocks are the title, the six parts, the signature; the
//! report year and organ type; the three tables read against the format data.

use super::pairing::ReportKey;
use super::tables::{self, DocCell, ReadTable};
use super::{Diagnostic, Options};
use crate::format::ids;
use crate::format::{self, Format};
use crate::syntax::{Block, BlockKind, Cell};
use crate::text::fold::{self, Marker};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Organ {
    /// 县级以上人民政府部门 (and by default everything else): 1月31日.
    Department,
    /// 县级以上地方人民政府 (its own report): 3月31日.
    Government,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum YearSource {
    Option,
    Title,
    Period,
    Text,
    Signature,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: u16,
    pub m: u8,
    pub d: u8,
}

#[derive(Debug, Clone)]
pub struct PartNode {
    /// 1..=6.
    pub number: u8,
    /// Index of the heading block.
    pub block: usize,
    /// Range of the heading text (without `#`).
    pub heading: Range<usize>,
    /// Whether the heading is the standard one.
    pub standard: bool,
    /// From the end of the heading line to the next part heading, the signature or the end.
    pub body: Range<usize>,
    /// Blocks of the body.
    pub blocks: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Signature {
    pub organ: Option<Range<usize>>,
    pub date: Option<(Date, Range<usize>)>,
    /// A date-looking line that could not be read.
    pub unreadable: Option<Range<usize>>,
    /// Block index where the signature starts.
    pub block: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Analysis {
    /// Looks like an annual report (title or part headings or tables matched).
    pub is_report: bool,
    pub title: Option<Range<usize>>,
    pub year: Option<(u16, YearSource, Range<usize>)>,
    /// The format that applies to the year (the latest when the year is unknown).
    pub format: &'static Format,
    pub organ: Organ,
    pub parts: Vec<PartNode>,
    pub tables: Vec<ReadTable>,
    pub signature: Signature,
    /// Statistics period stated in the preamble.
    pub period: Option<(Date, Date, Range<usize>)>,
    /// The agency and year, for pairing with last year's report (a report with both in its
    /// title); set by `check::analyse`.
    pub key: Option<ReportKey>,
    /// The paragraphs of parts 一 and 五, read only for a comparison with another year's report
    /// (`check::keep_prose`): not on every keystroke.
    pub prose: OnceLock<super::rules::Prose>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn part(&self, n: u8) -> Option<&PartNode> {
        self.parts.iter().find(|p| p.number == n)
    }
    pub fn table(&self, id: &str) -> Option<&ReadTable> {
        self.tables.iter().find(|t| t.id == id)
    }
    /// The table format the draft actually uses (of its application table, else table 1).
    pub fn draft_format(&self) -> Option<&'static Format> {
        self.table(ids::table::T2)
            .filter(|t| t.present())
            .or_else(|| self.table(ids::table::T1).filter(|t| t.present()))
            .map(|t| t.format)
    }
}

/// (number, title key, variant keys) of each part of the current format, folded once.
fn part_keys() -> &'static [(u8, String, Vec<String>)] {
    static KEYS: OnceLock<Vec<(u8, String, Vec<String>)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        format::latest()
            .parts
            .iter()
            .map(|p| {
                let variants = p.variants.iter().map(|v| fold::key(v)).collect();
                (p.number, fold::key(&p.title), variants)
            })
            .collect()
    })
}

/// Match a heading cell against the six parts: (part number, standard?).
pub fn match_part(cell: &Cell) -> Option<(u8, bool)> {
    let f = format::latest();
    let (mut marker, mut key) = (cell.marker, cell.key.as_str());
    // 第一部分 总体情况
    let stripped;
    if marker.is_none()
        && key.starts_with('第')
        && let Some(i) = key.find("部分")
    {
        let n = &key['第'.len_utf8()..i];
        if let Some(n) = crate::text::numerals::parse_cn_int(n).filter(|n| (1..=6).contains(n)) {
            stripped = key[i + "部分".len()..].to_string();
            key = &stripped;
            marker = Some(Marker::Num(n));
        }
    }
    if key.is_empty() {
        return None;
    }
    let keys = part_keys();
    if let Some((n, _, _)) = keys.iter().find(|(_, t, _)| t == key) {
        return Some((*n, marker == Some(Marker::Cn(*n as u32))));
    }
    if let Some((n, _, _)) = keys.iter().find(|(_, _, vs)| vs.iter().any(|v| v == key)) {
        return Some((*n, false));
    }
    if let Some(Marker::Cn(n) | Marker::Num(n)) = marker
        && let Some(p) = f.parts.iter().find(|p| p.number as u32 == n)
        && key.chars().count() <= 24
        && p.keywords.iter().any(|k| key.contains(k.as_str()))
        && !tables::is_row_key(key)
    {
        return Some((p.number, false));
    }
    None
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("valid regex"))
}

/// All dates in folded text: (date, folded byte range). Unreadable 年月日 remnants are skipped.
pub fn find_dates(folded: &str) -> Vec<(Date, Range<usize>)> {
    static NUM: OnceLock<Regex> = OnceLock::new();
    static CN: OnceLock<Regex> = OnceLock::new();
    let num = re(
        &NUM,
        r"((?:19|20)\d{2})(?:年|-|\.|/)(\d{1,2})(?:月|-|\.|/)(\d{1,2})日?",
    );
    let cn = re(
        &CN,
        r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日",
    );
    let mut out = Vec::new();
    for c in num.captures_iter(folded) {
        let (Ok(y), Ok(m), Ok(d)) = (c[1].parse::<u16>(), c[2].parse::<u8>(), c[3].parse::<u8>())
        else {
            continue;
        };
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            out.push((Date { y, m, d }, c.get(0).expect("match").range()));
        }
    }
    for c in cn.captures_iter(folded) {
        let y = crate::text::numerals::parse_cn_digits(&c[1]);
        let m = crate::text::numerals::parse_cn_int(&c[2]);
        let d = crate::text::numerals::parse_cn_int(&c[3]);
        if let (Some(y), Some(m), Some(d)) = (y, m, d)
            && (1..=12).contains(&m)
            && (1..=31).contains(&d)
        {
            out.push((
                Date {
                    y: y as u16,
                    m: m as u8,
                    d: d as u8,
                },
                c.get(0).expect("match").range(),
            ));
        }
    }
    out.sort_by_key(|(_, r)| r.start);
    out
}

/// Read the document structure.
pub fn read(text: &str, blocks: &[Block], opts: &Options) -> Analysis {
    // Part headings.
    let mut parts: Vec<PartNode> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if b.kind != BlockKind::Heading {
            continue;
        }
        let Some(cell) = b.cells.first() else {
            continue;
        };
        if let Some((n, standard)) = match_part(cell) {
            parts.push(PartNode {
                number: n,
                block: i,
                heading: b.abs(&cell.range),
                standard,
                body: b.end()..b.end(),
                blocks: i + 1..i + 1,
            });
        }
    }
    // Part bodies run to the next heading.
    for k in 0..parts.len() {
        let end_block = parts.get(k + 1).map_or(blocks.len(), |p| p.block);
        parts[k].blocks = parts[k].block + 1..end_block;
        let end = parts
            .get(k + 1)
            .map_or(text.len(), |p| blocks[p.block].start);
        parts[k].body = blocks[parts[k].block].end()..end;
    }

    // Title and preamble: blocks before the first part.
    let first_part_block = parts.first().map_or(blocks.len(), |p| p.block);
    let pre = &blocks[..first_part_block];
    let mut title: Option<Range<usize>> = None;
    let mut title_text = String::new();
    let short_lines = pre
        .iter()
        .filter(|b| b.kind != BlockKind::Comment)
        .flat_map(|b| b.cells.iter().map(move |c| (b, c)))
        .take(4)
        .peekable();
    let mut prev: Option<Range<usize>> = None;
    for (b, c) in short_lines {
        let r = b.abs(&c.range);
        let f = &c.folded;
        if f.chars().count() > 60 {
            break;
        }
        if f.contains("报告") || f.contains("年报") {
            let start = match prev.take() {
                // A title split over two lines: 和田地区卫健委2021年度政府信息 / 公开工作报告.
                Some(p) if !f.contains("政府信息公开") || f.starts_with("公开") => p.start,
                _ => r.start,
            };
            title = Some(start..r.end);
            title_text = fold::fold_str(&text[start..r.end]);
            break;
        }
        prev = Some(r);
    }

    // Signature: a short trailing line with a date, optionally preceded by the organ name.
    let signature = read_signature(text, blocks, first_part_block);
    if let (Some(sb), Some(last)) = (signature.block, parts.last_mut())
        && sb > last.block
    {
        // Where the signature starts; lines of the same block before it (text run on without
        // a blank line, as text taken from a PDF is: `无` right above the organ and the date)
        // stay in the last part.
        let sig_start = [&signature.organ, &signature.unreadable]
            .into_iter()
            .flatten()
            .map(|r| r.start)
            .chain(signature.date.as_ref().map(|(_, r)| r.start))
            .min()
            .unwrap_or(blocks[sb].start);
        let before = blocks[sb]
            .cells
            .iter()
            .any(|c| !c.folded.is_empty() && blocks[sb].abs(&c.range).end <= sig_start);
        if before {
            last.blocks.end = last.blocks.end.min(sb + 1);
            last.body.end = last.body.end.min(sig_start);
        } else {
            last.blocks.end = last.blocks.end.min(sb);
            last.body.end = last.body.end.min(blocks[sb].start);
        }
    }

    // Statistics period.
    // The preamble and the start of part 一: up to part 二, and never more than 8 KB (the
    // statistics period and the year are stated at the top; part 一 can be very long).
    let head_end = parts
        .get(1)
        .map_or(text.len(), |p| blocks[p.block].start)
        .min(text.floor_char_boundary(8192));
    let period = read_period(&text[..head_end]);

    // The year: option, title, period, text, signature.
    let title_year =
        title_text_year(&title_text).map(|y| (y, YearSource::Title, title.clone().unwrap_or(0..0)));
    let year = opts
        .year
        .map(|y| (y, YearSource::Option, 0..0))
        .or(title_year)
        .or_else(|| {
            period
                .as_ref()
                .map(|(a, _, r)| (a.y, YearSource::Period, r.clone()))
        })
        .or_else(|| text_year(text, blocks, head_end))
        .or_else(|| {
            signature
                .date
                .as_ref()
                .filter(|(d, _)| d.m <= 6)
                .map(|(d, r)| (d.y - 1, YearSource::Signature, r.clone()))
        });
    let format = year
        .as_ref()
        .and_then(|(y, _, _)| format::for_year(*y))
        .unwrap_or_else(format::latest);

    let organ = opts.organ.unwrap_or_else(|| guess_organ(&title_text));

    // Tables.
    let mut tables_read = Vec::new();
    for (part_no, table_id) in [
        (2u8, ids::table::T1),
        (3, ids::table::T2),
        (4, ids::table::T3),
    ] {
        let Some(p) = parts.iter().find(|p| p.number == part_no) else {
            continue;
        };
        let flat: Vec<DocCell> = blocks[p.blocks.clone()]
            .iter()
            .filter(|b| b.kind != BlockKind::Comment)
            .enumerate()
            .flat_map(|(bi, b)| {
                b.cells.iter().map(move |c| DocCell {
                    range: b.abs(&c.range),
                    text: &text[b.abs(&c.range)],
                    cell: c,
                    prose: b.kind == BlockKind::Prose,
                    row: (bi, c.row),
                })
            })
            .collect();
        let Some(mut t) = tables::read_best(format, table_id, &flat) else {
            continue;
        };
        // A group written as one row is a deviation from the year's format only where the
        // rest of the report keeps that format: beside a table 1 clearly in the format that
        // has it as one row, it is that format's table.
        if !t.collapsed.is_empty()
            && let Some(t1) = tables_read
                .iter()
                .find(|x: &&ReadTable| x.id == ids::table::T1 && x.present() && x.decisive)
            && t1.format.id != t.format.id
            && let Some(mut other) = tables::read(t1.format, table_id, &flat)
            && other.collapsed.is_empty()
        {
            other.decisive = true;
            t = other;
        }
        tables_read.push(t);
    }

    let looks_like_report = parts.len() >= 2
        || title_text.contains("政府信息公开")
        || tables_read.iter().any(|t| t.present());

    Analysis {
        is_report: looks_like_report,
        title,
        year,
        format,
        organ,
        parts,
        tables: tables_read,
        signature,
        period,
        key: None,
        prose: OnceLock::new(),
        diagnostics: Vec::new(),
    }
}

fn title_text_year(t: &str) -> Option<u16> {
    static Y: OnceLock<Regex> = OnceLock::new();
    let y = re(&Y, r"((?:19|20)\d{2})年");
    y.captures(t).and_then(|c| c[1].parse().ok())
}

/// First year mentioned as `2021年` (not a date) before part 二.
fn text_year(
    text: &str,
    blocks: &[Block],
    head_end: usize,
) -> Option<(u16, YearSource, Range<usize>)> {
    static Y: OnceLock<Regex> = OnceLock::new();
    let y = re(&Y, r"((?:19|20)\d{2})年(度)?");
    for b in blocks.iter().take_while(|b| b.start < head_end) {
        let s = b.text(text);
        for c in y.captures_iter(s) {
            let m = c.get(0).expect("match");
            let after = &s[m.end()..];
            // Skip dates (2021年1月…) and document numbers.
            if after.starts_with(|ch: char| ch.is_ascii_digit())
                || after.starts_with(['一', '十'])
                    && after.contains('月')
                    && after.find('月') < Some(9)
            {
                continue;
            }
            if let Ok(v) = c[1].parse::<u16>() {
                let r = b.start + m.start()..b.start + m.end();
                return Some((v, YearSource::Text, r));
            }
        }
    }
    None
}

fn read_period(head: &str) -> Option<(Date, Date, Range<usize>)> {
    // Fold only from the first 统计 (統計, 统 计 …) on, not the whole head.
    let start = head.match_indices(['计', '計']).find_map(|(at, _)| {
        let (i, c) = head[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| fold::fold_char(fold::t2s_char(*c)).is_some())?;
        (fold::fold_char(fold::t2s_char(c)) == Some('统')).then_some(i)
    })?;
    // The dates follow within 120 folded bytes; 2 KB of source covers them with any spacing.
    let f = fold::fold(&head[start..head.floor_char_boundary(start + 2048)]);
    let window_end_cb = f.text.floor_char_boundary(120);
    let dates = find_dates(&f.text[..window_end_cb]);
    if dates.len() >= 2 {
        let (a, ra) = &dates[0];
        let (b, rb) = &dates[1];
        let r = f.orig(ra.start, rb.end);
        return Some((*a, *b, start + r.start..start + r.end));
    }
    None
}

/// The organ type a title or an agency name suggests: a 人民政府 itself is a government, its
/// 办公室/办公厅 and its departments are not (they report by 1月31日 as departments do).
pub fn guess_organ(title: &str) -> Organ {
    if let Some(i) = title.find("人民政府") {
        let after = &title[i + "人民政府".len()..];
        let dept = ["办公室", "办公厅", "局", "委员会", "厅", "部门"];
        if !dept.iter().any(|d| after.starts_with(d)) {
            return Organ::Government;
        }
    }
    Organ::Department
}

fn read_signature(text: &str, blocks: &[Block], first_part_block: usize) -> Signature {
    let mut sig = Signature::default();
    // The last few non-empty cells after the parts.
    let mut seen = 0;
    for (bi, b) in blocks.iter().enumerate().rev() {
        if bi < first_part_block || seen >= 4 {
            break;
        }
        if b.kind == BlockKind::Comment {
            continue;
        }
        seen += 1;
        for c in b.cells.iter().rev() {
            if c.folded.chars().count() > 40 {
                continue;
            }
            let r = b.abs(&c.range);
            let f = fold::fold(&text[r.clone()]);
            let dates = find_dates(&f.text);
            if let Some((d, dr)) = dates.last() {
                if sig.date.is_none() {
                    let orig = f.orig(dr.start, dr.end);
                    sig.date = Some((*d, r.start + orig.start..r.start + orig.end));
                    sig.block = Some(bi);
                    // Organ name on the same line, before the date.
                    if dr.start > 0 && fold::cjk_count(&f.text[..dr.start]) >= 3 {
                        let o = f.orig(0, dr.start);
                        sig.organ = Some(r.start + o.start..r.start + o.end);
                    }
                    continue;
                }
            } else if sig.date.is_none() && looks_like_damaged_date(&f.text) {
                sig.unreadable = Some(r.clone());
                sig.block = Some(bi);
                continue;
            }
            if (sig.date.is_some() || sig.unreadable.is_some()) && sig.organ.is_none() {
                let n = fold::cjk_count(&f.text);
                if (3..=30).contains(&n) && !f.text.contains('。') && b.kind != BlockKind::Heading
                {
                    sig.organ = Some(r);
                    sig.block = Some(bi);
                }
            }
            return sig;
        }
    }
    sig
}

fn looks_like_damaged_date(f: &str) -> bool {
    static D: OnceLock<Regex> = OnceLock::new();
    let d = re(
        &D,
        r"^(?:19|20)\d{2}\D{0,2}\d{1,4}\D{0,2}\d{0,2}日?$|^(?:19|20)\d{2}年\d{1,2}月?$",
    );
    f.len() <= 16 && d.is_match(f) && (f.ends_with('日') || f.contains('年'))
}
