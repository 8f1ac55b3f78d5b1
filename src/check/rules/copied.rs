//! Two cross-year checks on the running text of parts 一 and 五 ([`paragraphs`], kept in
//! `Analysis::prose` by `check::keep_prose`): text copied from last year's report
//! (`copied-text`), and a part 五 that takes up none of the problems last year's part 五 named
//! (`missing-content`). Both run only with last year's report, and cost a pass over the text of
//! the two reports' parts 一 and 五 (normalised and cut into shingles on each comparison).
//!
//! **Normalised text**: the folded text with only CJK ideographs and ASCII letters and digits
//! kept (letters lower-cased), every run of digits and Chinese numerals written as one `#` — so
//! a paragraph whose years and numbers alone changed normalises to the same text.
//!
//! **Similarity** of a paragraph: the share of its 4-character shingles (each window of 4
//! consecutive normalised characters) that also occur in last year's same part. It is measured
//! against the whole part rather than paragraph by paragraph, so that a paragraph split or joined
//! another way (text taken from a PDF, a paragraph merged with the next) still matches. A
//! paragraph of at least [`MIN_CHARS`] normalised characters is copied when its similarity is at
//! least [`COPIED_PERCENT`]%. Measured on the seeds: the paragraphs of one agency's report
//! against the same part of another agency's score at most 32% (stock phrases of the field); a
//! copy with 2% of its characters changed at random scores about 90%, with 5% changed about 80%;
//! a paragraph of seed 003 with a few words changed 91%, with its last sentence rewritten too
//! 67% (tests/rules_copied.rs).
//!
//! **Cost**: nothing on an analysis without last year's report (`check::keep_prose`). With it,
//! the paragraphs of both reports are normalised and cut into shingles on each comparison, last
//! year's side too (not kept: a batch holds many reports): for generated reports whose text is
//! all in parts 一 and 五, a keystroke with last year's report beside cost 0.3–0.6 ms more at
//! 30 KB, 25–35 ms more at 2 MB (release build, two cores shared, load ≈ 5).

use super::cn;
use crate::check::doc::{Analysis, PartNode};
use crate::check::{Diagnostic, Severity};
use crate::syntax::{Block, BlockKind, RowLayout};
use crate::text::fold::{self, Value};
use serde_json::json;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

/// A paragraph of the running text of parts 一 and 五 — a prose line, or a run of one-cell lines
/// ending a sentence (text wrapped by a PDF).
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub part: u8,
    /// The paragraph in the text.
    pub range: Range<usize>,
    /// Its folded text, lines joined by `\n`.
    pub folded: String,
}

/// The running text of parts 一 and 五 of a report, for comparing with the next or the last
/// year's report (`Analysis::prose`, kept by `check::keep_prose`).
#[derive(Debug, Clone)]
pub struct Prose {
    pub paragraphs: Vec<Paragraph>,
}

impl Prose {
    pub fn new(paragraphs: Vec<Paragraph>) -> Prose {
        Prose { paragraphs }
    }
    /// What a comparison needs of last year's side. Built for each comparison, not kept: the
    /// command line holds the reports of a whole batch, and its size is several times the
    /// text's.
    fn last_year(&self) -> LastYearSide {
        let shingles = PARTS.map(|part| {
            let of_part = || self.paragraphs.iter().filter(move |p| p.part == part);
            // About one shingle per CJK character (3 bytes).
            let size = of_part().map(|p| p.folded.len() / 3).sum();
            let mut set = Shingles::with_capacity_and_hasher(size, Default::default());
            for p in of_part() {
                each_shingle(&p.folded, false, |k| {
                    set.insert(k);
                });
            }
            set
        });
        let problems = problems(&self.paragraphs);
        let topics = problems.iter().flat_map(|(_, t)| t).copied().collect();
        LastYearSide {
            shingles,
            problems: problems.into_iter().map(|(c, _)| c).collect(),
            topics,
        }
    }
}

struct LastYearSide {
    /// The shingles of each part of [`PARTS`].
    shingles: [Shingles; 2],
    /// The problems part 五 named, as written (folded; see [`problems`]).
    problems: Vec<String>,
    /// Their topic shingles, together.
    topics: Shingles,
}

/// A shingle is four characters packed into a number, not chosen by an adversary: a multiply
/// mixes it enough, at a fraction of the default hasher's cost.
#[derive(Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(self.0 ^ u64::from(*b));
        }
    }
    fn write_u64(&mut self, k: u64) {
        let x = (k ^ k >> 29).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = x ^ x >> 32;
    }
}

type Shingles = HashSet<u64, BuildHasherDefault<Mix>>;

/// The parts whose text is compared.
const PARTS: [u8; 2] = [1, 5];
/// Shingle length, in normalised characters.
const SHINGLE: usize = 4;
/// A paragraph shorter than this (normalised characters) is never reported: stock sentences
/// (`无。`, `本年度未收取信息处理费。`) repeat every year.
pub const MIN_CHARS: usize = 40;
/// The similarity from which a paragraph counts as copied.
pub const COPIED_PERCENT: usize = 80;

/// Marks a clause boundary in normalised text (never a shingle character).
const BREAK: char = '/';
/// One run of digits and Chinese numerals.
const NUMBER: char = '#';

/// The paragraphs of parts 一 and 五: each prose line, and each run of one-cell lines of a
/// table-ish block that holds a full stop (a paragraph wrapped into short lines). Left out:
/// headings, table rows, quotations (`> …`: `nianbao new --from` quotes last year's part 五 in
/// this year's draft as a reminder) and the template's own texts (`（填写说明：…）`,
/// `（提示：…）`). Read from the blocks alone (their folded cells), not the text.
pub fn paragraphs(blocks: &[Block], parts: &[PartNode]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for p in parts.iter().filter(|p| PARTS.contains(&p.number)) {
        let Some(body) = blocks.get(p.blocks.clone()) else {
            continue;
        };
        let mut push = |range: Range<usize>, folded: String| {
            if !folded.starts_with('>')
                && !folded.starts_with("(填写说明")
                && !folded.starts_with("(提示:")
            {
                out.push(Paragraph {
                    part: p.number,
                    range,
                    folded,
                });
            }
        };
        for b in body {
            match b.kind {
                BlockKind::Prose => {
                    if let Some(c) = b.cells.first() {
                        push(b.abs(&c.range), c.folded.clone());
                    }
                }
                BlockKind::Table => {
                    let mut run: Option<(Range<usize>, String)> = None;
                    let mut flush = |run: &mut Option<(Range<usize>, String)>| {
                        if let Some((r, f)) = run.take()
                            && f.contains('。')
                        {
                            push(r, f);
                        }
                    };
                    for c in &b.cells {
                        let line = c.layout == RowLayout::Single
                            && c.value == Value::Text
                            && !c.folded.is_empty();
                        if !line {
                            flush(&mut run);
                            continue;
                        }
                        let r = b.abs(&c.range);
                        match &mut run {
                            Some((range, f)) => {
                                range.end = r.end;
                                f.push('\n');
                                f.push_str(&c.folded);
                            }
                            None => run = Some((r, c.folded.clone())),
                        }
                    }
                    flush(&mut run);
                }
                BlockKind::Heading | BlockKind::Comment => {}
            }
        }
    }
    out
}

/// The paragraphs of `a` kept by `check::keep_prose` (none when nobody kept them: the text
/// checks are then skipped).
fn prose(a: &Analysis) -> &[Paragraph] {
    a.prose.get().map_or(&[], |p| p.paragraphs.as_slice())
}

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '0'..='9'
            | '〇'
            | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '两'
    )
}

/// Where a clause ends: full stops, commas, colons, line ends.
fn is_break(c: char) -> bool {
    matches!(c, '。' | ',' | '、' | ';' | ':' | '!' | '?' | '\n' | '．')
}

/// The normalised characters of folded text, with [`BREAK`] at clause boundaries (when
/// `breaks`; never first, never twice in a row).
fn normalised(folded: &str, breaks: bool) -> impl Iterator<Item = char> + '_ {
    let mut last: Option<char> = None;
    folded.chars().filter_map(move |c| {
        let n = if is_numeral(c) {
            NUMBER
        } else if fold::is_cjk(c) || c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else if breaks && is_break(c) {
            BREAK
        } else {
            return None;
        };
        if (n == NUMBER || n == BREAK) && last == Some(n) || n == BREAK && last.is_none() {
            return None;
        }
        last = Some(n);
        Some(n)
    })
}

/// The normalised text of folded text (see [`normalised`]), without a break at the end.
fn normalise(folded: &str, breaks: bool) -> Vec<char> {
    let mut out: Vec<char> = normalised(folded, breaks).collect();
    if out.last() == Some(&BREAK) {
        out.pop();
    }
    out
}

/// Calls `f` with every shingle of the normalised text of `folded` in turn (none across a
/// clause boundary when `breaks`); returns the number of normalised characters.
fn each_shingle(folded: &str, breaks: bool, mut f: impl FnMut(u64)) -> usize {
    let (mut k, mut run, mut n) = (0u64, 0, 0);
    for c in normalised(folded, breaks) {
        if c == BREAK {
            run = 0;
            continue;
        }
        n += 1;
        run += 1;
        // The last four characters, packed as [`key`] packs them.
        k = k << 16 | u64::from(c as u32 as u16);
        if run >= SHINGLE {
            f(k);
        }
    }
    n
}

/// The shingle of 4 characters as one number (characters outside the BMP share codes; a
/// collision only makes two rare shingles equal).
fn key(w: &[char]) -> u64 {
    w.iter()
        .fold(0u64, |k, c| k << 16 | u64::from(*c as u32 as u16))
}

fn part_name(n: u8) -> String {
    let title = crate::format::latest()
        .parts
        .iter()
        .find(|p| p.number == n)
        .map_or("", |p| p.title.as_str());
    format!("第{}部分「{title}」", cn(n))
}

/// The text checks of this year's report `cur` against last year's `prev`, when both kept their
/// paragraphs (`check::keep_prose`).
pub(super) fn text_checks(cur: &Analysis, prev: &Analysis, out: &mut Vec<Diagnostic>) {
    let (Some(_), Some(before)) = (cur.prose.get(), prev.prose.get()) else {
        return;
    };
    let last = before.last_year();
    copied_text(cur, &last, out);
    follow_up(cur, &last, out);
}

/// `copied-text`: paragraphs of parts 一 and 五 nearly the same as last year's same part. One
/// finding per run of consecutive copied paragraphs (paragraphs too short to count do not break
/// a run), so that a part copied whole is one finding.
fn copied_text(cur: &Analysis, last: &LastYearSide, out: &mut Vec<Diagnostic>) {
    for (part, before) in PARTS.into_iter().zip(&last.shingles) {
        if before.is_empty() {
            continue;
        }
        // (range, paragraphs, shingles, shared) of the current run.
        let mut run: Option<(Range<usize>, usize, usize, usize)> = None;
        let mut flush = |run: &mut Option<(Range<usize>, usize, usize, usize)>| {
            let Some((range, count, total, shared)) = run.take() else {
                return;
            };
            let percent = shared * 100 / total.max(1);
            let which = if count == 1 {
                "这一段".to_string()
            } else {
                format!("从这一段起的{count}段")
            };
            out.push(
                Diagnostic::new(
                    "copied-text",
                    Severity::Warning,
                    range,
                    format!(
                        "{which}与上一年度报告{}的文字几乎相同（按连续四个字计，{percent}%与上一年度相同，数字和年份不计）：应按本年度的实际情况撰写。",
                        part_name(part)
                    ),
                )
                .data(json!({"part": part, "paragraphs": count, "similarity": percent})),
            );
        };
        for p in prose(cur).iter().filter(|p| p.part == part) {
            let (mut own, mut shared) = (0, 0);
            let n = each_shingle(&p.folded, false, |k| {
                own += 1;
                shared += usize::from(before.contains(&k));
            });
            if n < MIN_CHARS {
                continue;
            }
            if shared * 100 < COPIED_PERCENT * own {
                flush(&mut run);
                continue;
            }
            match &mut run {
                Some((range, count, total, s)) => {
                    range.end = p.range.end;
                    *count += 1;
                    *total += own;
                    *s += shared;
                }
                None => run = Some((p.range.clone(), 1, own, shared)),
            }
        }
        flush(&mut run);
    }
}

/// Words that say a clause is about a problem.
const PROBLEM_WORDS: &[&str] = &[
    "问题",
    "不足",
    "差距",
    "不够",
    "不强",
    "不高",
    "不及时",
    "不到位",
    "不完善",
    "不规范",
    "不全面",
    "不平衡",
    "不充分",
    "不丰富",
    "不明显",
    "单一",
    "单调",
    "滞后",
    "欠缺",
    "薄弱",
    "短板",
    "有待",
    "尚需",
    "还需",
    "仍需",
    "亟需",
    "亟待",
    "提升空间",
    "缺乏",
    "缺少",
    "较少",
    "偏少",
];

/// Words every part 五 uses whatever its problems: they never make two clauses share a topic.
const GENERIC_WORDS: &[&str] = &[
    "政府信息公开",
    "政府信息",
    "信息公开",
    "政务公开",
    "政务信息",
    "公开工作",
    "主动公开",
    "依申请公开",
    "工作",
    "进一步",
    "加强",
    "加大",
    "提高",
    "提升",
    "存在",
    "主要",
    "方面",
    "表现",
    "我委",
    "我局",
    "我办",
    "我厅",
    "我部",
    "我署",
    "我院",
    "我中心",
    "本机关",
    "本单位",
    "部分",
    "个别",
    "一些",
    "需要",
    "力度",
    "水平",
    "意识",
    "进行",
    "开展",
    "推进",
    "推动",
    "落实",
    "不断",
    "持续",
    "继续",
    "切实",
    "积极",
    "认真",
    "全面",
    "今后",
    "下一步",
    "改进",
    "措施",
    "情况",
    "取得",
    "成效",
    "一定",
    "但是",
    "虽然",
];

/// Words that refer back to last year (with [`PROBLEM_OR_FIX`] in the same sentence).
const BACK_WORDS: &[&str] = &["上年", "去年", "上一年", "往年", "以往", "前期"];
const PROBLEM_OR_FIX: &[&str] = &["问题", "不足", "短板", "差距", "薄弱", "整改"];

/// Any of [`PROBLEM_WORDS`], in one automaton.
fn problem_word() -> &'static regex::Regex {
    static R: OnceLock<regex::Regex> = OnceLock::new();
    R.get_or_init(|| regex::Regex::new(&PROBLEM_WORDS.join("|")).expect("valid regex"))
}

/// [`PROBLEM_WORDS`] and [`GENERIC_WORDS`], normalised, longest first.
fn masked_words() -> &'static [Vec<char>] {
    static W: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    W.get_or_init(|| {
        let mut w: Vec<Vec<char>> = PROBLEM_WORDS
            .iter()
            .chain(GENERIC_WORDS)
            .map(|w| normalise(w, false))
            .collect();
        w.sort_by_key(|w| std::cmp::Reverse(w.len()));
        w
    })
}

/// The topic shingles of a normalised clause: its shingles with no character of a problem or
/// generic word and no number.
fn topic(clause: &[char]) -> Shingles {
    let mut masked = vec![false; clause.len()];
    for w in masked_words() {
        let mut i = 0;
        while i + w.len() <= clause.len() {
            if clause[i..i + w.len()] == w[..] {
                masked[i..i + w.len()].fill(true);
                i += w.len();
            } else {
                i += 1;
            }
        }
    }
    (0..clause.len().saturating_sub(SHINGLE - 1))
        .filter(|&i| (i..i + SHINGLE).all(|j| !masked[j] && clause[j] != NUMBER))
        .map(|i| key(&clause[i..i + SHINGLE]))
        .collect()
}

/// The problems a part 五 names: (clause as written, folded; its topic shingles), for every
/// clause holding a problem word and a topic.
fn problems(paragraphs: &[Paragraph]) -> Vec<(String, Shingles)> {
    let mut out = Vec::new();
    for p in paragraphs.iter().filter(|p| p.part == 5) {
        for clause in p.folded.split(is_break) {
            if !problem_word().is_match(clause) {
                continue;
            }
            let t = topic(&normalise(clause, false));
            if !t.is_empty() {
                out.push((clause.to_string(), t));
            }
        }
    }
    out
}

/// Whether a sentence of this year's part 五 speaks of last year's problems or their
/// correction (`针对上年度报告指出的问题`, `对2023年存在的不足进行了整改`).
fn refers_back(cur: &Analysis) -> bool {
    let last = cur
        .year
        .as_ref()
        .map(|(y, _, _)| format!("{}年", y.saturating_sub(1)));
    prose(cur).iter().filter(|p| p.part == 5).any(|p| {
        p.folded.split(['。', ';', '!', '?', '\n']).any(|s| {
            (BACK_WORDS.iter().any(|w| s.contains(w))
                || last.as_deref().is_some_and(|l| s.contains(l)))
                && PROBLEM_OR_FIX.iter().any(|w| s.contains(w))
        })
    })
}

/// `missing-content` (hint): last year's part 五 named problems, and this year's part 五 shares
/// no topic with any of them (no 4 consecutive normalised characters of a problem clause outside
/// [`PROBLEM_WORDS`] and [`GENERIC_WORDS`]) and does not refer back to last year's problems.
fn follow_up(cur: &Analysis, last: &LastYearSide, out: &mut Vec<Diagnostic>) {
    let Some(part) = cur.part(5) else {
        return;
    };
    if last.problems.is_empty() {
        return;
    }
    let (mut chars, mut taken_up) = (0, false);
    for p in prose(cur).iter().filter(|p| p.part == 5) {
        chars += each_shingle(&p.folded, true, |k| taken_up |= last.topics.contains(&k));
    }
    // Nearly empty: `empty-part` says so.
    if chars < MIN_CHARS / 4 || taken_up || refers_back(cur) {
        return;
    }
    let problems = &last.problems;
    let examples: Vec<String> = problems
        .iter()
        .take(2)
        .map(|c| {
            let c = c.trim_start_matches(|c: char| c.is_ascii_punctuation());
            let short: String = c.chars().take(30).collect();
            if short.len() < c.len() {
                format!("「{short}…」")
            } else {
                format!("「{short}」")
            }
        })
        .collect();
    out.push(
        Diagnostic::new(
            "missing-content",
            Severity::Hint,
            part.heading.clone(),
            format!(
                "第五部分没有提到上一年度报告第五部分所列的问题（如{}）：改进情况一般应说明上一年度所列问题的整改情况。",
                examples.join("、")
            ),
        )
        .data(json!({"previous_problems": problems.len()})),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalise(&fold::fold_str(s), true).into_iter().collect()
    }

    #[test]
    fn normalised_text_masks_numbers_and_keeps_clause_breaks() {
        assert_eq!(
            n("2021年，我委共公开信息504条。二是加强培训"),
            "#年/我委共公开信息#条/#是加强培训"
        );
        // Full-width, traditional characters and spacing fold away.
        assert_eq!(n("２０２２年， 我委 加強培訓"), "#年/我委加强培训");
        assert_eq!(n("，，无。"), "无");
    }

    #[test]
    fn topics_leave_out_problem_and_generic_words() {
        let t = |s: &str| topic(&normalise(s, false)).len();
        // 信息更新 is a topic; 不够及时 is a problem word.
        assert_eq!(t("主要表现在个别信息更新不够及时"), 1);
        assert_eq!(t("进一步加强政府信息公开工作"), 0);
        assert_eq!(t("存在的一些不足和问题"), 0);
    }
}
