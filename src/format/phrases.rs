//! The phrase map: what a report's prose says about its tables, as data
//! (`src/format/data/phrases.json`). Each quantity names the table cells it stands for and the
//! phrasings that state it; each claim names the cells that must be zero for it to hold; each
//! rate names its numerator and denominator. The patterns are written in a small syntax on top
//! of regular expressions (see the file's `about`) and compiled here once; `check::facts`
//! finds them in the text and `check::rules::narrative` compares them with the tables.

use crate::text::fold;
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

/// A sum of table cells: every listed row × every listed column of one table. Rows that the
/// draft's format does not have, and group rows, are left out of the sum.
#[derive(Debug, Deserialize, Clone)]
pub struct CellSum {
    pub table: String,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
}

/// The cells a quantity stands for when the sentence names a word (复议 or 诉讼).
#[derive(Debug, Deserialize)]
pub struct ByContext {
    /// The word that selects this reading; "" matches any sentence.
    pub word: String,
    #[serde(default)]
    pub cell: Option<CellSum>,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub zero: Vec<Zero>,
}

/// Another reading of a quantity that some authors use (accepted with a hint).
#[derive(Debug, Deserialize)]
pub struct Also {
    pub rows: Vec<String>,
    pub what: String,
}

/// Where a phrase counts: in the listed parts, or in a sentence with one of the words
/// (行政复议 in a justice bureau's account of its own reconsideration work is not table 3's).
#[derive(Debug, Deserialize, Default)]
pub struct Scope {
    #[serde(default)]
    pub parts: Vec<u8>,
    #[serde(default)]
    pub sentence_has: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Quantity {
    pub id: String,
    /// Chinese name, for messages.
    pub name: String,
    #[serde(default)]
    pub cell: Option<CellSum>,
    /// The cell's name in messages.
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub also: Vec<Also>,
    #[serde(default)]
    pub by_context: Vec<ByContext>,
    /// Added to the message (e.g. items versus decisions).
    #[serde(default)]
    pub note: String,
    /// The match does not count when the text right after it starts with one of these.
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    /// An amount in 元/万元 ({M}), not a count.
    #[serde(default)]
    pub amount: bool,
    #[serde(default)]
    pub scope: Option<Scope>,
    pub patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Zero {
    pub cell: CellSum,
    pub label: String,
}

#[derive(Debug, Deserialize)]
pub struct Claim {
    pub id: String,
    /// What the sentence says, in Chinese (正文说…).
    pub says: String,
    #[serde(default)]
    pub zero: Vec<Zero>,
    #[serde(default)]
    pub by_context: Vec<ByContext>,
    /// The claim does not hold as stated when the rest of its sentence has one of these (但).
    #[serde(default)]
    pub not_followed_by_in_sentence: Vec<String>,
    #[serde(default)]
    pub scope: Option<Scope>,
    pub patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct RatioAlt {
    pub numerator: CellSum,
    pub denominator: CellSum,
}

#[derive(Debug, Deserialize)]
pub struct Rate {
    pub id: String,
    pub name: String,
    /// The formula, in Chinese, for messages and docs.
    pub formula: String,
    pub numerator: CellSum,
    pub denominator: CellSum,
    #[serde(default)]
    pub also: Vec<RatioAlt>,
    /// The sentence must contain one of these words (a 办结率 of hotline calls is not one of
    /// applications).
    #[serde(default)]
    pub in_sentence: Vec<String>,
    pub patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Deltas {
    pub patterns: Vec<String>,
    pub down: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct ProcessingFee {
    pub patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct GapWords {
    pub delta: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Time {
    pub prior: Vec<String>,
    pub prior_not_before: Vec<String>,
    pub prior_not_after: Vec<String>,
    pub current: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Phrases {
    pub gap_words: GapWords,
    pub time: Time,
    pub quantities: Vec<Quantity>,
    pub claims: Vec<Claim>,
    pub rates: Vec<Rate>,
    pub deltas: Deltas,
    pub processing_fee: ProcessingFee,
}

/// What a compiled pattern belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Quantity(usize),
    Claim(usize),
    Rate(usize),
    Delta,
    ProcessingFee,
}

/// One compiled pattern. The regex has a group `n` for the number ({N}, {P} or {M}), `u` for
/// an amount's unit, and `g0`, `g1`, … for the gaps.
#[derive(Debug)]
pub struct Pattern {
    pub owner: Owner,
    pub source: String,
    /// The expanded regular expression (checked when the data is loaded).
    pub expanded: String,
    regex: OnceLock<Regex>,
    pub gaps: usize,
}

impl Pattern {
    /// The compiled pattern, built on first use: most reports need only some of them, and
    /// compiling all of them would cost every process start tens of milliseconds.
    pub fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(&self.expanded).expect("checked when loaded"))
    }
}

pub struct Compiled {
    pub data: Phrases,
    pub patterns: Vec<Pattern>,
    /// The prefilter: literals every match of a pattern starts (or ends) with, found in one
    /// pass; `owners[i]` are the patterns literal `i` stands for. Most paragraphs contain none.
    pub literals: aho_corasick::AhoCorasick,
    pub owners: Vec<Vec<usize>>,
    /// Patterns without such literals: always run.
    pub always: Vec<usize>,
}

impl Compiled {
    /// Which patterns can match in `folded` (a necessary condition): a flag per pattern.
    pub fn candidates(&self, folded: &str) -> Vec<bool> {
        let mut on = vec![false; self.patterns.len()];
        for &i in &self.always {
            on[i] = true;
        }
        for m in self.literals.find_overlapping_iter(folded) {
            for &i in &self.owners[m.pattern().as_usize()] {
                on[i] = true;
            }
        }
        on
    }
}

/// Literals one of which every match of `re` starts with, else one of which every match ends
/// with; `None` when neither is a finite set of non-empty strings.
fn required_literals(hir: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        // Few, short literals: a prefilter, not a matcher (the regex decides).
        let seq = Extractor::new()
            .kind(kind)
            .limit_class(4)
            .limit_total(24)
            .extract(hir);
        let Some(lits) = seq.literals() else { continue };
        let words: Option<Vec<String>> = lits
            .iter()
            .map(|l| {
                String::from_utf8(l.as_bytes().to_vec())
                    .ok()
                    .filter(|w| !w.is_empty())
            })
            .collect();
        if let Some(words) = words.filter(|w| !w.is_empty()) {
            return Some(words);
        }
    }
    None
}

const NUM: &str = r"(?P<n>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+|[零〇一二两三四五六七八九十百千万]+)";
const PCT: &str = r"(?P<n>[0-9]{1,3}(?:\.[0-9]+)?)%";
const AMOUNT: &str =
    r"(?P<n>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(?P<u>万元|元)";
const UNIT: &str = "(?:件|条|项|个|宗|起|份|次)";
const CLAUSE_GAP: &str = r"[^,;:!?。\n]{0,12}?";
const SENTENCE_GAP: &str = r"[^;!?。\n]{0,40}?";

/// Turn one pattern of the data into a regular expression (see the data file's `about`).
pub fn compile(source: &str) -> Result<(String, usize), String> {
    compile_hir(source).map(|(re, gaps, _)| (re, gaps))
}

fn compile_hir(source: &str) -> Result<(String, usize, regex_syntax::hir::Hir), String> {
    if source.contains(['[', '［', '【']) {
        return Err(format!("{source}: no character classes"));
    }
    let folded = fold::fold_str(source);
    let mut out = String::new();
    let mut gaps = 0;
    let mut rest = folded.as_str();
    let mut numbers = 0;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("{N}") {
            out.push_str(NUM);
            numbers += 1;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{P}") {
            out.push_str(PCT);
            numbers += 1;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{M}") {
            out.push_str(AMOUNT);
            numbers += 1;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{件}") {
            out.push_str(UNIT);
            rest = r;
        } else if let Some(r) = rest.strip_prefix("……") {
            out.push_str(&format!("(?P<g{gaps}>{SENTENCE_GAP})"));
            gaps += 1;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('…') {
            out.push_str(&format!("(?P<g{gaps}>{CLAUSE_GAP})"));
            gaps += 1;
            rest = r;
        } else if c == '(' && !rest.starts_with("(?") {
            out.push_str("(?:");
            rest = &rest[1..];
        } else if c == '{' {
            return Err(format!("{source}: no repetition counts or unknown macros"));
        } else if let Some(r) = rest.strip_prefix("\\d") {
            // The text is folded: digits are ASCII (a Unicode \d compiles to a large automaton).
            out.push_str("[0-9]");
            rest = r;
        } else if c == '\\' {
            // An escape: keep it and the next character.
            let mut it = rest.char_indices();
            it.next();
            let end = it.nth(1).map_or(rest.len(), |(i, _)| i);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if numbers > 1 {
        return Err(format!("{source}: more than one number"));
    }
    let hir = regex_syntax::parse(&out).map_err(|e| format!("{source}: {e}"))?;
    Ok((out, gaps, hir))
}

fn build() -> Compiled {
    let data: Phrases = serde_json::from_str(include_str!("data/phrases.json"))
        .unwrap_or_else(|e| panic!("phrase data phrases.json is invalid: {e}"));
    let mut patterns = Vec::new();
    let mut hirs = Vec::new();
    let mut add = |owner: Owner, sources: &[String]| {
        for s in sources {
            let (re, gaps, hir) = compile_hir(s).unwrap_or_else(|e| panic!("phrases.json: {e}"));
            hirs.push(hir);
            patterns.push(Pattern {
                owner,
                source: s.clone(),
                expanded: re,
                regex: OnceLock::new(),
                gaps,
            });
        }
    };
    for (i, q) in data.quantities.iter().enumerate() {
        add(Owner::Quantity(i), &q.patterns);
    }
    for (i, c) in data.claims.iter().enumerate() {
        add(Owner::Claim(i), &c.patterns);
    }
    for (i, r) in data.rates.iter().enumerate() {
        add(Owner::Rate(i), &r.patterns);
    }
    add(Owner::Delta, &data.deltas.patterns);
    add(Owner::ProcessingFee, &data.processing_fee.patterns);
    let mut words: Vec<String> = Vec::new();
    let mut owners: Vec<Vec<usize>> = Vec::new();
    let mut always = Vec::new();
    for (i, hir) in hirs.iter().enumerate() {
        match required_literals(hir) {
            Some(lits) => {
                for w in lits {
                    match words.iter().position(|x| *x == w) {
                        Some(j) => owners[j].push(i),
                        None => {
                            words.push(w);
                            owners.push(vec![i]);
                        }
                    }
                }
            }
            None => always.push(i),
        }
    }
    // A DFA: scanned once per paragraph, built once per process.
    let literals = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&words)
        .expect("literals build");
    Compiled {
        data,
        patterns,
        literals,
        owners,
        always,
    }
}

/// The phrase map, parsed and compiled once.
pub fn phrases() -> &'static Compiled {
    static P: OnceLock<Compiled> = OnceLock::new();
    P.get_or_init(build)
}

fn cell_words(c: &CellSum) -> String {
    format!(
        "{}: {} × {}",
        c.table,
        c.rows.join("+"),
        c.columns.join("+")
    )
}

fn pattern_lines(out: &mut String, patterns: &[String]) {
    for p in patterns {
        out.push_str(&format!("  - `{p}`\n"));
    }
}

fn scope_words(sc: &Scope) -> String {
    let parts: Vec<String> = sc.parts.iter().map(|p| format!("第{p}部分")).collect();
    format!(
        "; 只在{}或句中有「{}」时核对",
        parts.join("、"),
        sc.sentence_has.join("」「")
    )
}

/// The phrase map as a Markdown list, for docs/rules.md (a test keeps the two in step).
pub fn docs_markdown() -> String {
    let d = &phrases().data;
    let mut out = String::new();
    out.push_str("Quantities（数量，与表中单元格之和比较）:\n\n");
    for q in &d.quantities {
        out.push_str(&format!("- **{}** (`{}`)", q.name, q.id));
        if let Some(c) = &q.cell {
            out.push_str(&format!(" — {} (`{}`)", q.label, cell_words(c)));
        }
        for b in &q.by_context {
            if let Some(c) = &b.cell {
                out.push_str(&format!(
                    "; 句中有「{}」: {} (`{}`)",
                    b.word,
                    b.label,
                    cell_words(c)
                ));
            }
        }
        for a in &q.also {
            out.push_str(&format!("; 也接受（提示）: {}", a.what));
        }
        if q.amount {
            out.push_str("; 金额，元与万元换算");
        }
        if let Some(sc) = &q.scope {
            out.push_str(&scope_words(sc));
        }
        if !q.not_followed_by.is_empty() {
            out.push_str(&format!(
                "; 其后紧接「{}」时不算",
                q.not_followed_by.join("」「")
            ));
        }
        out.push('\n');
        pattern_lines(&mut out, &q.patterns);
    }
    out.push_str("\nClaims（说法，所列单元格应为0）:\n\n");
    for c in &d.claims {
        out.push_str(&format!("- **{}** (`{}`)", c.says, c.id));
        for z in &c.zero {
            out.push_str(&format!(" — {} (`{}`)", z.label, cell_words(&z.cell)));
        }
        for b in &c.by_context {
            let word = if b.word.is_empty() {
                "（其他）".to_string()
            } else {
                format!("「{}」", b.word)
            };
            for z in &b.zero {
                out.push_str(&format!(
                    "; 句中有{word}: {} (`{}`)",
                    z.label,
                    cell_words(&z.cell)
                ));
            }
        }
        if let Some(sc) = &c.scope {
            out.push_str(&scope_words(sc));
        }
        if !c.not_followed_by_in_sentence.is_empty() {
            out.push_str(&format!(
                "; 同句其后有「{}」时不算",
                c.not_followed_by_in_sentence.join("」「")
            ));
        }
        out.push('\n');
        pattern_lines(&mut out, &c.patterns);
    }
    out.push_str("\nRates（比率，按公式重新计算；按所写小数位四舍五入或截断后相等即一致）:\n\n");
    for r in &d.rates {
        out.push_str(&format!("- **{}** (`{}`) — {}", r.name, r.id, r.formula));
        if !r.in_sentence.is_empty() {
            out.push_str(&format!("；句中须有「{}」", r.in_sentence.join("」「")));
        }
        out.push('\n');
        pattern_lines(&mut out, &r.patterns);
    }
    out.push_str(
        "\nChanges against last year（同比，需上一年度报告；归于同句中前面最近的数量）:\n\n",
    );
    pattern_lines(&mut out, &d.deltas.patterns);
    out.push_str("\n信息处理费（第六部分，金额应为10元的整数倍）:\n\n");
    pattern_lines(&mut out, &d.processing_fee.patterns);
    out.push_str(&format!(
        "\nNot totals: a number whose gap words include 「{}」 is a change.\nTime words: 「{}」 (last year, not before 「{}」 nor after 「{}」), 「{}」 (this year), and written years.\n",
        d.gap_words.delta.join("」「"),
        d.time.prior.join("」「"),
        d.time.prior_not_before.join("」「"),
        d.time.prior_not_after.join("」「"),
        d.time.current.join("」「"),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_compiles_and_names_known_cells() {
        let p = phrases();
        assert!(p.patterns.len() > 60);
        // Every pattern has literals for the prefilter (none has to run on every paragraph).
        assert!(
            p.always.is_empty(),
            "{:?}",
            p.always
                .iter()
                .map(|&i| &p.patterns[i].source)
                .collect::<Vec<_>>()
        );
        let sums = p
            .data
            .quantities
            .iter()
            .flat_map(|q| {
                q.cell
                    .iter()
                    .chain(q.by_context.iter().filter_map(|b| b.cell.as_ref()))
            })
            .chain(p.data.claims.iter().flat_map(|c| {
                c.zero
                    .iter()
                    .chain(c.by_context.iter().flat_map(|b| b.zero.iter()))
                    .map(|z| &z.cell)
            }))
            .chain(p.data.rates.iter().flat_map(|r| {
                [&r.numerator, &r.denominator]
                    .into_iter()
                    .chain(r.also.iter().flat_map(|a| [&a.numerator, &a.denominator]))
            }));
        for s in sums {
            // Every row and column exists in at least one format's table (the single row of
            // table 3 is the reader's `data`).
            let tables: Vec<_> = crate::format::all()
                .iter()
                .filter_map(|f| f.tables.iter().find(|t| t.id == s.table))
                .collect();
            assert!(!tables.is_empty(), "table {}", s.table);
            for r in &s.rows {
                assert!(
                    r == crate::format::ids::row::SINGLE
                        || tables.iter().any(|t| t.all_rows().any(|x| &x.id == r)),
                    "row {r}"
                );
            }
            for c in &s.columns {
                assert!(
                    tables.iter().any(|t| t.all_columns().any(|x| &x.id == c)),
                    "column {c}"
                );
            }
        }
    }

    #[test]
    fn docs_list_the_phrase_map() {
        let docs = include_str!("../../docs/rules.md");
        let begin = "<!-- phrases:begin -->\n";
        let end = "<!-- phrases:end -->";
        let listed = docs.find(begin).and_then(|a| {
            Some(&docs[a + begin.len()..a + begin.len() + docs[a + begin.len()..].find(end)?])
        });
        let want = docs_markdown();
        assert_eq!(
            listed,
            Some(want.as_str()),
            "docs/rules.md (narrative-mismatch) must list the phrase map between {begin:?} and {end:?}; \
             put this there:\n{want}"
        );
    }

    #[test]
    fn the_syntax_expands_macros_and_refuses_classes() {
        let (re, gaps) = compile("收到…申请{N}{件}").unwrap();
        assert_eq!(gaps, 1);
        let r = Regex::new(&re).unwrap();
        let c = r.captures("共收到政府信息公开申请十七件").unwrap();
        assert_eq!(&c["n"], "十七");
        assert!(compile("收到[申请]{N}件").is_err());
        assert!(compile("{N}件{N}件").is_err());
        // Full-width punctuation in a pattern is folded like the text.
        let (re, _) = compile("申请，其中{N}件").unwrap();
        assert!(Regex::new(&re).unwrap().is_match("申请,其中3件"));
    }
}
