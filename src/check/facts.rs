//! What running text says about the tables: the quantities, claims, rates and year-on-year
//! changes of the phrase map (`format::phrases`, data in `src/format/data/phrases.json`), found
//! in a prose block with their places. They are found once per parse of a block (the narrative
//! rule keeps them in the block's `syntax::Memo`), so that the per-keystroke document pass only
//! compares them with the tables.
//!
//! Each number is claimed by one quantity: the phrasing whose words stand closest to it (the
//! shortest gaps), then the longest. A number inside a change (`较上年增加5件`) is a change, not
//! a total. Each finding keeps the nearest time word before it in its sentence (`2022年`, `上年`),
//! so that the rule can leave sentences about other years alone.

use crate::format::phrases::{self, Owner};
use crate::syntax::Block;
use crate::text::fold::Folded;
use crate::text::{fold, numerals};
use std::ops::Range;
use std::sync::OnceLock;

/// What the rules derive from one prose block alone, kept in its `syntax::Memo` until the block
/// is parsed again: its facts (the narrative rule) and its text folded with the offset map (the
/// rules that read sentences: `year_words`, `names`).
#[derive(Default)]
pub struct BlockMemo {
    pub facts: OnceLock<Vec<FactAt>>,
    pub folded: OnceLock<Folded>,
    /// The year words of the running text (`rules::year_words`'s own type).
    pub years: OnceLock<std::sync::Arc<dyn std::any::Any + Send + Sync>>,
}

/// The memo of a block.
pub fn memo(b: &Block) -> &BlockMemo {
    b.memo.get_or_init(BlockMemo::default)
}

/// The time a sentence speaks of, from the nearest time word before the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// No time word, or 本年/全年/今年.
    Current,
    /// A year written out (`2022年`).
    Year(u16),
    /// 上年, 去年, 上一年度 (not 上年结转, not 较上年).
    Prior,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    /// A count of quantity `q` (index into the phrase map's quantities); `context` selects the
    /// quantity's `by_context` reading; `chinese` when written in Chinese numerals.
    Quantity {
        q: usize,
        n: i64,
        chinese: bool,
        context: Option<usize>,
        era: Era,
        /// The sentence has one of the words of the quantity's scope (true without a scope).
        scoped: bool,
    },
    /// An amount of quantity `q`, in 万元.
    Amount { q: usize, wan: f64, era: Era },
    /// Claim `c` (index into the claims); `contexts` the `by_context` readings whose words
    /// the sentence names (all of them are checked).
    Claim {
        c: usize,
        contexts: Vec<usize>,
        era: Era,
        /// As for quantities.
        scoped: bool,
    },
    /// A rate (index into the rates) in percent.
    Rate { r: usize, pct: f64, era: Era },
    /// A change against last year of the quantity `q` stated before it in the sentence.
    Delta { q: usize, change: Change },
    /// 信息处理费 collected, in 元.
    ProcessingFee { yuan: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// Percent, negative for a fall.
    Percent(f64),
    /// A count, negative for a fall.
    Count(i64),
}

/// A fact with its range in the original text, relative to the block start: the number for
/// quantities, rates and changes, the phrase for claims.
#[derive(Debug, Clone, PartialEq)]
pub struct FactAt {
    pub fact: Fact,
    pub range: Range<usize>,
}

struct Candidate {
    owner: Owner,
    /// The whole match (folded).
    whole: Range<usize>,
    /// The number (folded), if any.
    number: Option<Range<usize>>,
    unit: Option<Range<usize>>,
    gap: usize,
    order: usize,
}

const SENTENCE_END: [char; 5] = ['。', ';', '!', '?', '\n'];

/// The sentence around `at`: from the last sentence end before it to the next one after it,
/// looking at most `SENTENCE_REACH` bytes each way (a longer run without a full stop is cut
/// there, so that a huge paragraph costs no more per phrase than a short one).
fn sentence_of(s: &str, at: Range<usize>) -> Range<usize> {
    const SENTENCE_REACH: usize = 600;
    let lo = s.floor_char_boundary(at.start.saturating_sub(SENTENCE_REACH));
    let hi = s.ceil_char_boundary((at.end + SENTENCE_REACH).min(s.len()));
    let start = s[lo..at.start].rfind(SENTENCE_END).map_or(lo, |i| {
        lo + i + s[lo + i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = s[at.end..hi].find(SENTENCE_END).map_or(hi, |i| at.end + i);
    start..end
}

/// A count as written: digits (with thousands separators) or Chinese numerals.
pub fn parse_count(t: &str) -> Option<(i64, bool)> {
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = t.chars().filter(|c| *c != ',').collect();
        if digits.len() > 12 {
            return None;
        }
        digits.parse().ok().map(|n| (n, false))
    } else {
        numerals::parse_cn_int(t).map(|n| (i64::from(n), true))
    }
}

/// The nearest time word in `before` (the sentence up to the phrase).
fn era(before: &str) -> Era {
    let t = &phrases::phrases().data.time;
    let mut best: Option<(usize, Era)> = None;
    let mut consider = |at: usize, e: Era| {
        if best.is_none_or(|(b, _)| at >= b) {
            best = Some((at, e));
        }
    };
    // Years: 2022年 (also the year of a date).
    let b = before.as_bytes();
    let mut i = 0;
    while i + 5 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && before[i + 4..].starts_with('年')
            && (b[i] == b'1' && b[i + 1] == b'9' || b[i] == b'2' && b[i + 1] == b'0')
        {
            let y: u16 = before[i..i + 4].parse().unwrap_or(0);
            consider(i, Era::Year(y));
            i += 4;
        } else {
            i += 1;
        }
    }
    for w in &t.prior {
        for (at, _) in before.match_indices(w.as_str()) {
            let after = &before[at + w.len()..];
            let prev = before[..at].chars().next_back();
            let excluded_after = t
                .prior_not_before
                .iter()
                .any(|x| after.starts_with(x.as_str()));
            let excluded_before =
                prev.is_some_and(|p| t.prior_not_after.iter().any(|x| x.starts_with(p)));
            if !excluded_after && !excluded_before {
                consider(at, Era::Prior);
            }
        }
    }
    for w in &t.current {
        for (at, _) in before.match_indices(w.as_str()) {
            consider(at, Era::Current);
        }
    }
    best.map_or(Era::Current, |(_, e)| e)
}

/// Facts of a prose block. `folded` is the block's folded text (as held by its cell), used
/// only to skip blocks that match nothing.
pub fn extract(text: &str, folded: &str) -> Vec<FactAt> {
    let p = phrases::phrases();
    let on = p.candidates(folded);
    if !on.contains(&true) {
        return Vec::new();
    }
    let f = fold::fold(text);
    let s = f.text.as_str();
    let data = &p.data;
    let at = |r: &Range<usize>| f.orig(r.start, r.end);

    let mut cands: Vec<Candidate> = Vec::new();
    for (order, pat) in p.patterns.iter().enumerate().filter(|(i, _)| on[*i]) {
        for c in pat.regex().captures_iter(s) {
            let whole = c.get(0).expect("match").range();
            let gap_text: String = (0..pat.gaps)
                .filter_map(|g| c.name(&format!("g{g}")))
                .map(|m| m.as_str())
                .collect();
            let sentence = sentence_of(s, whole.clone());
            match pat.owner {
                Owner::Quantity(q) => {
                    let qd = &data.quantities[q];
                    let rest = &s[whole.end..];
                    if qd
                        .not_followed_by
                        .iter()
                        .any(|w| rest.starts_with(w.as_str()))
                    {
                        continue;
                    }
                    if data
                        .gap_words
                        .delta
                        .iter()
                        .any(|w| gap_text.contains(w.as_str()))
                    {
                        continue;
                    }
                }
                Owner::Claim(ci) => {
                    let cd = &data.claims[ci];
                    let rest = &s[whole.end..sentence.end];
                    if cd
                        .not_followed_by_in_sentence
                        .iter()
                        .any(|w| rest.contains(w.as_str()))
                    {
                        continue;
                    }
                }
                Owner::Rate(ri) => {
                    let rd = &data.rates[ri];
                    let sent = &s[sentence.clone()];
                    if !rd.in_sentence.is_empty()
                        && !rd.in_sentence.iter().any(|w| sent.contains(w.as_str()))
                    {
                        continue;
                    }
                }
                Owner::Delta | Owner::ProcessingFee => {}
            }
            cands.push(Candidate {
                owner: pat.owner,
                whole,
                number: c.name("n").map(|m| m.range()),
                unit: c.name("u").map(|m| m.range()),
                gap: gap_text.chars().count(),
                order,
            });
        }
    }
    // Closest words first, then the longest phrase, then the data's order.
    cands.sort_by_key(|c| (c.gap, std::cmp::Reverse(c.whole.len()), c.order));
    let mut taken_numbers: Vec<Range<usize>> = Vec::new();
    let mut taken_claims: Vec<Range<usize>> = Vec::new();
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let mut chosen: Vec<&Candidate> = Vec::new();
    for c in &cands {
        match (&c.number, c.owner) {
            (_, Owner::Claim(_)) => {
                if taken_claims.iter().any(|t| overlaps(t, &c.whole)) {
                    continue;
                }
                taken_claims.push(c.whole.clone());
            }
            (Some(n), _) => {
                if taken_numbers.iter().any(|t| overlaps(t, n)) {
                    continue;
                }
                taken_numbers.push(n.clone());
            }
            (None, _) => continue,
        }
        chosen.push(c);
    }
    // A rate inside a claim (办结率100% is the claim 全部办结) is the claim.
    chosen.retain(|c| {
        !matches!(c.owner, Owner::Rate(_)) || !taken_claims.iter().any(|t| overlaps(t, &c.whole))
    });
    chosen.sort_by_key(|c| c.whole.start);
    // One claim once per sentence (均已办结，办结率100%).
    let mut seen: Vec<(usize, usize)> = Vec::new();
    chosen.retain(|c| match c.owner {
        Owner::Claim(i) => {
            let key = (i, sentence_of(s, c.whole.clone()).start);
            !seen.contains(&key) && {
                seen.push(key);
                true
            }
        }
        _ => true,
    });

    let mut out: Vec<FactAt> = Vec::new();
    for c in chosen {
        let sentence = sentence_of(s, c.whole.clone());
        let before = &s[sentence.start..c.whole.start];
        let era = era(before);
        let number_text = c.number.as_ref().map(|r| &s[r.clone()]);
        let range = at(c.number.as_ref().unwrap_or(&c.whole));
        let fact = match c.owner {
            Owner::Quantity(q) => {
                let qd = &data.quantities[q];
                if qd.amount {
                    let Some(wan) =
                        amount_in_wan(number_text, c.unit.as_ref().map(|u| &s[u.clone()]))
                    else {
                        continue;
                    };
                    Fact::Amount { q, wan, era }
                } else {
                    let Some((n, chinese)) = number_text.and_then(parse_count) else {
                        continue;
                    };
                    let context = context_of(
                        qd.by_context.iter().map(|b| b.word.as_str()),
                        &s[sentence.clone()],
                        c.whole.start - sentence.start,
                    );
                    if !qd.by_context.is_empty() && context.is_none() {
                        continue;
                    }
                    Fact::Quantity {
                        q,
                        n,
                        chinese,
                        context,
                        era,
                        scoped: in_scope(qd.scope.as_ref(), &s[sentence.clone()]),
                    }
                }
            }
            Owner::Claim(ci) => {
                let cd = &data.claims[ci];
                let sent = &s[sentence.clone()];
                let mut contexts: Vec<usize> = cd
                    .by_context
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| !b.word.is_empty() && sent.contains(b.word.as_str()))
                    .map(|(i, _)| i)
                    .collect();
                if contexts.is_empty() {
                    contexts.extend(cd.by_context.iter().position(|b| b.word.is_empty()));
                    if contexts.is_empty() && !cd.by_context.is_empty() {
                        continue;
                    }
                }
                Fact::Claim {
                    c: ci,
                    contexts,
                    era,
                    scoped: in_scope(cd.scope.as_ref(), sent),
                }
            }
            Owner::Rate(r) => {
                let Some(pct) = number_text.and_then(|t| t.parse::<f64>().ok()) else {
                    continue;
                };
                Fact::Rate { r, pct, era }
            }
            Owner::Delta => {
                // The quantity stated last before it in the same sentence.
                let Some(q) = out.iter().rev().find_map(|prev| match prev.fact {
                    Fact::Quantity { q, .. }
                        if f.orig(sentence.start, sentence.start).start <= prev.range.start =>
                    {
                        Some(q)
                    }
                    _ => None,
                }) else {
                    continue;
                };
                let matched = &s[c.whole.clone()];
                let down = data
                    .deltas
                    .down
                    .iter()
                    .any(|w| matched.contains(w.as_str()));
                let sign = if down { -1.0 } else { 1.0 };
                let change = match number_text {
                    Some(t) if s[c.number.clone().expect("number").end..].starts_with('%') => {
                        let Ok(v) = t.parse::<f64>() else { continue };
                        Change::Percent(sign * v)
                    }
                    Some(t) => {
                        let Some((n, _)) = parse_count(t) else {
                            continue;
                        };
                        Change::Count(if down { -n } else { n })
                    }
                    None => continue,
                };
                Fact::Delta { q, change }
            }
            Owner::ProcessingFee => {
                let Some(wan) = amount_in_wan(number_text, c.unit.as_ref().map(|u| &s[u.clone()]))
                else {
                    continue;
                };
                Fact::ProcessingFee {
                    yuan: (wan * 10_000.0 * 100.0).round() / 100.0,
                }
            }
        };
        out.push(FactAt { fact, range });
    }
    out
}

fn in_scope(scope: Option<&phrases::Scope>, sentence: &str) -> bool {
    scope.is_none_or(|sc| {
        sc.sentence_has
            .iter()
            .any(|w| sentence.contains(w.as_str()))
    })
}

fn amount_in_wan(number: Option<&str>, unit: Option<&str>) -> Option<f64> {
    let v: f64 = number?.replace(',', "").parse().ok()?;
    match unit? {
        "万元" => Some(v),
        _ => Some(v / 10_000.0),
    }
}

/// Which `by_context` reading a sentence selects: the word that occurs last before the phrase,
/// else the first after it, else the reading with the empty word.
fn context_of<'a>(
    words: impl Iterator<Item = &'a str> + Clone,
    sentence: &str,
    at: usize,
) -> Option<usize> {
    words.clone().next()?;
    let before = &sentence[..at];
    let after = &sentence[at..];
    words
        .clone()
        .enumerate()
        .filter(|(_, w)| !w.is_empty())
        .filter_map(|(i, w)| before.rfind(w).map(|p| (p, i)))
        .max()
        .map(|(_, i)| i)
        .or_else(|| {
            words
                .clone()
                .enumerate()
                .filter(|(_, w)| !w.is_empty())
                .filter_map(|(i, w)| after.find(w).map(|p| (p, i)))
                .min()
                .map(|(_, i)| i)
        })
        .or_else(|| words.clone().position(str::is_empty))
}

#[cfg(test)]
mod tests;
