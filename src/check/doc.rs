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
    /// 乡（镇）人民政府 and 街道办事处: the 条例 sets no date; treated as 1月31日 at hint level
    /// (format reference, section 2).
    Township,
}

impl Organ {
    /// The name used by `--organ`, the `organ` setting and the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Organ::Department => "department",
            Organ::Government => "government",
            Organ::Township => "township",
        }
    }
    /// The organ type of a name given by the user (`department`, `government`, `township`).
    pub fn parse(s: &str) -> Option<Organ> {
        [Organ::Department, Organ::Government, Organ::Township]
            .into_iter()
            .find(|o| o.name() == s.trim())
    }
}

/// The report years nianbao accepts: from 2008, the first year under the 2008 条例 (the first
/// annual reports), to 2100. A year outside this range is no report year: in a draft it is
/// passed over, as `--year`, `new --year` or the editor's `year` setting it is refused.
pub const REPORT_YEARS: std::ops::RangeInclusive<u16> = 2008..=2100;

/// Whether `y` is a plausible report year (in [`REPORT_YEARS`]).
pub fn plausible_year(y: u16) -> bool {
    REPORT_YEARS.contains(&y)
}

/// Why `given` is refused as a report year (Chinese, for the command line and the editors).
pub fn year_error(given: impl std::fmt::Display) -> String {
    format!(
        "年度「{given}」无效：报告年度须是{}至{}之间的四位年份（2008年是《条例》施行后的第一个报告年度）。",
        REPORT_YEARS.start(),
        REPORT_YEARS.end()
    )
}

/// A report year typed by the user: four digits (full-width digits accepted) in
/// [`REPORT_YEARS`], or the message of [`year_error`].
pub fn parse_report_year(s: &str) -> Result<u16, String> {
    let folded = fold::fold_str(s);
    folded
        .parse::<u16>()
        .ok()
        .filter(|y| plausible_year(*y))
        .ok_or_else(|| year_error(s.trim()))
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
    /// The agency as named in the title (else in the signature), folded; `None` when neither
    /// names one.
    pub agency: Option<String>,
    pub parts: Vec<PartNode>,
    pub tables: Vec<ReadTable>,
    pub signature: Signature,
    /// Statistics period stated in the preamble.
    pub period: Option<(Date, Date, Range<usize>)>,
    /// The agency and year, for pairing with last year's report (a report with both in its
    /// title); set by `check::analyse`.
    pub key: Option<ReportKey>,
    /// The narrative numbers that hold for this year (set by the narrative rule), for the
    /// comparison with last year's report.
    pub narrative: Vec<super::rules::NarrativeNumber>,
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

/// A regex compiled once into its `OnceLock`.
pub(crate) fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
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
            && (1900..=2999).contains(&y)
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
    // Every source gives only a plausible year (`REPORT_YEARS`): a year outside is passed
    // over, so that no year arithmetic downstream can leave the range or wrap.
    let title_year =
        title_text_year(&title_text).map(|y| (y, YearSource::Title, title.clone().unwrap_or(0..0)));
    let year = opts
        .year
        .filter(|y| plausible_year(*y))
        .map(|y| (y, YearSource::Option, 0..0))
        .or(title_year)
        .or_else(|| {
            period
                .as_ref()
                .filter(|(a, _, _)| plausible_year(a.y))
                .map(|(a, _, r)| (a.y, YearSource::Period, r.clone()))
        })
        .or_else(|| text_year(text, blocks, head_end))
        .or_else(|| {
            signature
                .date
                .as_ref()
                .filter(|(d, _)| d.m <= 6)
                .and_then(|(d, r)| {
                    let y = d.y.checked_sub(1).filter(|y| plausible_year(*y))?;
                    Some((y, YearSource::Signature, r.clone()))
                })
        });
    let format = year
        .as_ref()
        .and_then(|(y, _, _)| format::for_year(*y))
        .unwrap_or_else(format::latest);

    // The agency: named in the title, else in the signature.
    let agency = Some(agency_in(&title_text))
        .filter(|a| !a.is_empty())
        .or_else(|| {
            let r = signature.organ.as_ref()?;
            Some(agency_in(&text[r.clone()])).filter(|a| !a.is_empty())
        });
    let organ = opts
        .organ
        .unwrap_or_else(|| agency.as_deref().map_or(Organ::Department, organ_of));

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
        agency,
        parts,
        tables: tables_read,
        signature,
        period,
        key: None,
        narrative: Vec::new(),
        prose: OnceLock::new(),
        diagnostics: Vec::new(),
    }
}

fn title_text_year(t: &str) -> Option<u16> {
    static Y: OnceLock<Regex> = OnceLock::new();
    let y = re(&Y, r"((?:19|20)\d{2})年");
    y.captures_iter(t)
        .filter_map(|c| c[1].parse().ok())
        .find(|y| plausible_year(*y))
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
            if let Ok(v) = c[1].parse::<u16>()
                && plausible_year(v)
            {
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

/// The organ type a title or an agency name suggests (see [`organ_of`]).
pub fn guess_organ(title: &str) -> Organ {
    organ_of(&agency_in(title))
}

/// The agency a title names, as a matching key (CJK and ASCII letters and digits, folded): the
/// text before the report year or the report words (`XX市卫生健康委员会2022年…` →
/// `XX市卫生健康委员会`; `2019年上海市人民政府办公厅政府信息公开…` → `上海市人民政府办公厅`); a
/// bare agency name is returned whole.
pub fn agency_in(title: &str) -> String {
    static YEAR_FIRST: OnceLock<Regex> = OnceLock::new();
    static CUT: OnceLock<Regex> = OnceLock::new();
    let f = fold::fold_str(title);
    let lead = re(&YEAR_FIRST, r"^[^\p{Han}\d]*(?:19|20)\d{2}年度?");
    let f = lead.find(&f).map_or(f.as_str(), |m| &f[m.end()..]);
    let cut = re(
        &CUT,
        r"(?:19|20)\d{2}|政府信息公开|政务公开|信息公开|年度报告|工作报告|年报|关于",
    );
    let end = cut.find(f).map_or(f.len(), |m| m.start());
    fold::key(&f[..end])
}

/// Characters that end the name of an administrative division (省, 市, 县 …); 乡, 镇 and 苏木
/// are townships.
const DIVISION: [char; 7] = ['省', '市', '州', '盟', '县', '旗', '区'];

/// Words with a division character inside that are not divisions (住房和城乡建设局, 市场监督管理局).
const NOT_DIVISIONS: [&str; 18] = [
    "城乡", "乡村", "乡镇", "城镇", "村镇", "集镇", "城市", "市场", "社区", "街区", "园区", "景区",
    "区域", "县域", "镇域", "市域", "小区", "辖区",
];

/// Bodies: a name with one of these after 人民政府 (or 政府) is a department of that government
/// (`XX市人民政府国有资产监督管理委员会`, `XX县人民政府外事办公室`, `XX市政府办公室`).
const BODY: [char; 18] = [
    '委', '办', '局', '厅', '室', '处', '署', '院', '所', '站', '队', '部', '会', '司', '组', '馆',
    '中', '心',
];

/// The organ type an agency name (as [`agency_in`] gives it) suggests:
/// - 乡（镇）人民政府, 街道办事处, or a name ending in 乡/镇/苏木/街道: a township;
/// - a 人民政府 (or a 政府 right after a division: `XX市政府`) with no body named after it, or a
///   bare division name (`XX市`, `XX市XX区`), whose report is the government's own: a government;
/// - everything else — a body after 人民政府, a 局, a 委员会, no name at all: a department.
pub fn organ_of(agency: &str) -> Organ {
    let chars: Vec<char> = agency.chars().collect();
    let n = chars.len();
    // 乡（镇）人民政府 / 镇政府: the character right before (人民)政府.
    let before_gov = |at: usize| -> Option<char> {
        let head = &agency[..at];
        let head = head.strip_suffix("人民").unwrap_or(head);
        head.chars().last()
    };
    let govs: Vec<usize> = agency.match_indices("政府").map(|(i, _)| i).collect();
    if agency.contains("街道办")
        || agency.ends_with("街道")
        || agency.ends_with("苏木")
        || govs
            .iter()
            .any(|&i| matches!(before_gov(i), Some('乡' | '镇')) || agency[..i].ends_with("苏木"))
        || (n >= 3 && matches!(chars[n - 1], '乡' | '镇') && !ends_with_any(agency, &NOT_DIVISIONS))
    {
        return Organ::Township;
    }
    // The first 人民政府, or a 政府 right after a division.
    let gov = agency
        .find("人民政府")
        .map(|i| i + "人民政府".len())
        .or_else(|| {
            govs.iter()
                .find(|&&i| before_gov(i).is_some_and(|c| DIVISION.contains(&c)))
                .map(|i| i + "政府".len())
        });
    if let Some(end) = gov {
        let after = &agency[end..];
        return if after.chars().any(|c| BODY.contains(&c)) {
            Organ::Department
        } else {
            Organ::Government
        };
    }
    // A bare division name: the report of that division's government.
    if n >= 2
        && DIVISION.contains(&chars[n - 1])
        && !ends_with_any(agency, &NOT_DIVISIONS)
        && !agency.ends_with("分区")
    {
        return Organ::Government;
    }
    Organ::Department
}

fn ends_with_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.ends_with(w))
}

/// Whether an agency name (as [`agency_in`] gives it) is of a county-level organ or a township,
/// or of one of their departments: a 县/旗 (自治县, 自治旗), a 区 under a 市 (市辖区), a 市 under a
/// 市, 州, 地区 or 盟 (县级市), the words 县级市, or a 乡/镇/苏木/街道. A city, prefecture or
/// province, or a name that says nothing of its level, is not.
pub fn county_or_below(agency: &str) -> bool {
    if organ_of(agency) == Organ::Township || agency.contains("县级市") || agency.contains("街道")
    {
        return true;
    }
    // Words that only look like divisions are masked; 地区 is a prefecture.
    let mut masked = agency.to_string();
    for w in NOT_DIVISIONS {
        masked = masked.replace(w, &"·".repeat(w.chars().count()));
    }
    let masked = masked.replace("地区", "·州");
    let chars: Vec<char> = masked.chars().collect();
    let mut prev: Option<char> = None;
    let mut seg = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        let next_is_division = chars.get(i + 1).is_some_and(|x| DIVISION.contains(x));
        let suffix =
            seg >= 1 && !next_is_division && (DIVISION.contains(&c) || matches!(c, '乡' | '镇'));
        if !suffix {
            seg += 1;
            continue;
        }
        match (prev, c) {
            (_, '县' | '旗' | '乡' | '镇') => return true,
            (Some('市'), '区') => return true,
            (Some('市' | '州' | '盟'), '市') => return true,
            _ => {}
        }
        prev = Some(c);
        seg = 0;
    }
    false
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
    static CN: OnceLock<Regex> = OnceLock::new();
    let d = re(
        &D,
        r"^(?:19|20)\d{2}\D{0,2}\d{1,4}\D{0,2}\d{0,2}日?$|^(?:19|20)\d{2}年\d{1,2}月?$",
    );
    // A date in Chinese numerals whose year is no year (〇〇〇〇年一月一日, a placeholder).
    let cn = re(
        &CN,
        r"^[〇零○Oo一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$",
    );
    (f.len() <= 16 && d.is_match(f) && (f.ends_with('日') || f.contains('年'))) || cn.is_match(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_in_titles() {
        for (title, agency) in [
            (
                "保山市卫生健康委员会2021年政府信息公开工作年度报告",
                "保山市卫生健康委员会",
            ),
            (
                "2019年上海市人民政府办公厅政府信息公开工作年度报告",
                "上海市人民政府办公厅",
            ),
            (
                "# 某市人民政府2024年政府信息公开工作年度报告",
                "某市人民政府",
            ),
            ("北京市2022年政府信息公开工作年度报告", "北京市"),
            ("XX市政府信息公开工作年度报告", "XX市"),
            (
                "貴陽市衛生健康局2022年政府信息公開工作年度報告",
                "贵阳市卫生健康局",
            ),
            ("某市某局", "某市某局"),
            ("2022年政府信息公开工作年度报告", ""),
        ] {
            assert_eq!(agency_in(title), agency, "{title}");
        }
    }

    #[test]
    fn organ_types() {
        use Organ::*;
        for (name, organ) in [
            // A body after 人民政府 makes a department of it.
            ("XX市人民政府国有资产监督管理委员会", Department),
            ("XX县人民政府外事办公室", Department),
            ("XX市人民政府办公室", Department),
            ("上海市人民政府办公厅", Department),
            ("XX市政府办公室", Department),
            ("XX市政府采购中心", Department),
            ("保山市卫生健康委员会", Department),
            ("和田地区卫健委", Department),
            ("XX县乡村振兴局", Department),
            ("XX市住房和城乡建设局", Department),
            ("XX县乡镇企业局", Department),
            ("", Department),
            // The government itself, with or without 人民, or the bare division.
            ("XX市人民政府", Government),
            ("XX市政府", Government),
            ("XX县政府", Government),
            ("XX区人民政府", Government),
            ("镇江市人民政府", Government),
            ("新乡市人民政府", Government),
            ("北京市", Government),
            ("XX市XX区", Government),
            ("XX自治州", Government),
            // 乡、镇、街道.
            ("XX县XX镇人民政府", Township),
            ("XX县XX乡人民政府", Township),
            ("XX镇政府", Township),
            ("XX区XX街道办事处", Township),
            ("XX市XX区XX街道", Township),
            ("XX县XX镇", Township),
            ("XX旗XX苏木", Township),
        ] {
            assert_eq!(organ_of(name), organ, "{name}");
        }
        // Titles, as the reader sees them.
        assert_eq!(
            guess_organ("XX市人民政府国有资产监督管理委员会2023年政府信息公开工作年度报告"),
            Department
        );
        assert_eq!(
            guess_organ("XX市政府2023年政府信息公开工作年度报告"),
            Government
        );
        assert_eq!(
            guess_organ("XX县XX镇人民政府2023年政府信息公开工作年度报告"),
            Township
        );
    }

    #[test]
    fn county_level_and_below() {
        for name in [
            "XX县卫生健康局",
            "XX县人民政府",
            "XX自治县财政局",
            "XX旗教育局",
            "保山市隆阳区卫生健康局",
            "济南市市中区人民政府",
            "荆州市沙市区人民政府",
            "新乡市红旗区人民政府",
            "苏州市昆山市人民政府",
            "延边朝鲜族自治州延吉市人民政府",
            "和田地区和田市人民政府",
            "XX市公安局XX区分局",
            "XX县级市人民政府",
            "XX县XX镇人民政府",
            "XX区XX街道办事处",
            "北京市朝阳区人民政府",
        ] {
            assert!(county_or_below(name), "{name}");
        }
        for name in [
            "保山市卫生健康委员会",
            "上海市人民政府办公厅",
            "海东市卫生健康委员会",
            "和田地区卫健委",
            "新乡市人民政府",
            "镇江市人民政府",
            "杭州市城市管理局",
            "XX市住房和城乡建设局",
            "XX市乡村振兴局",
            "XX市市场监督管理局",
            "广西壮族自治区人民政府",
            "新疆维吾尔自治区卫生健康委员会",
            "XX省财政厅",
            "国家统计局",
            "XX自治州人民政府",
        ] {
            assert!(!county_or_below(name), "{name}");
        }
    }

    #[test]
    fn report_years() {
        assert!(plausible_year(2008) && plausible_year(2100));
        assert!(!plausible_year(2007) && !plausible_year(2101) && !plausible_year(0));
        assert_eq!(parse_report_year("2024"), Ok(2024));
        assert_eq!(parse_report_year(" ２０２４ "), Ok(2024));
        for bad in [
            "1999",
            "2101",
            "65535",
            "70000",
            "-1",
            "abc",
            "",
            "二〇二四",
        ] {
            let e = parse_report_year(bad).expect_err(bad);
            assert!(e.contains("2008至2100"), "{e}");
        }
    }

    fn year_of(text: &str) -> Option<(u16, YearSource)> {
        crate::check::check(text, &Default::default())
            .year
            .map(|(y, s, _)| (y, s))
    }

    #[test]
    fn years_out_of_range_are_no_year() {
        // A placeholder signature in Chinese numerals, no other year: no year (not 65535), and
        // no panic on `0 - 1`.
        let text = "# 某市某局政府信息公开工作年度报告\n\n## 一、总体情况\n\n内容。\n\n## 五、存在的主要问题及改进情况\n\n内容。\n\n某市某局\n\n〇〇〇〇年一月一日\n";
        let a = crate::check::check(text, &Default::default());
        assert_eq!(a.year, None);
        assert!(a.diagnostics.iter().any(|d| d.rule == "unknown-year"));
        // Numbers that are no report year are passed over; the next source is used.
        let text = "# 某市某局1999年政府信息公开工作年度报告\n\n本报告统计期限为2023年1月1日至2023年12月31日。\n\n## 一、总体情况\n\n内容。\n";
        assert_eq!(year_of(text), Some((2023, YearSource::Period)));
        let text = "# 某市某局政府信息公开工作年度报告\n\n本局自1998年起公开信息，2023年继续推进。\n\n## 一、总体情况\n\n内容。\n";
        assert_eq!(year_of(text), Some((2023, YearSource::Text)));
        // A signature in January 2008 would make the report year 2007: none.
        let text = "# 某市某局政府信息公开工作年度报告\n\n## 一、总体情况\n\n内容。\n\n## 五、存在的主要问题及改进情况\n\n内容。\n\n某市某局\n\n2008年1月20日\n";
        assert_eq!(year_of(text), None);
        let text = "# 某市某局政府信息公开工作年度报告\n\n## 一、总体情况\n\n内容。\n\n## 五、存在的主要问题及改进情况\n\n内容。\n\n某市某局\n\n2009年1月20日\n";
        assert_eq!(year_of(text), Some((2008, YearSource::Signature)));
        // An option out of range is ignored (the front ends refuse it before).
        let opts = crate::check::Options {
            year: Some(u16::MAX),
            ..Default::default()
        };
        let text = "# 某市某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n内容。\n";
        let a = crate::check::check(text, &opts);
        assert_eq!(a.year.map(|y| (y.0, y.1)), Some((2023, YearSource::Title)));
    }
}
