//! Helpers for tests that edit a clean draft made by `nianbao::draft::new_report` and check
//! it through the library: finding lookups with the text they cover, pipe-row edits, fixes.

use nianbao::check::{self, Analysis, Diagnostic, Edit, Options, Organ, Severity};
use std::ops::Range;

pub const AGENCY: &str = "某市卫生健康委员会";

/// The clean draft of `year` for the municipal health commission (a department).
pub fn draft(year: u16) -> String {
    nianbao::draft::new_report(year, Some(AGENCY), Organ::Department)
}

pub fn check(text: &str) -> Analysis {
    check::check(text, &Options::default())
}

pub fn check_with(text: &str, opts: &Options) -> Analysis {
    check::check(text, opts)
}

/// Every finding, one per line, with the text it covers (for failure messages).
pub fn dump(text: &str, a: &Analysis) -> String {
    a.diagnostics
        .iter()
        .map(|d| {
            format!(
                "  {} {} {:?} «{}» {}\n",
                d.severity.name(),
                d.rule,
                d.range,
                text.get(d.range.clone())
                    .unwrap_or("<not on a char boundary>"),
                d.message
            )
        })
        .collect()
}

pub fn above_hint(a: &Analysis) -> Vec<&Diagnostic> {
    a.diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Hint)
        .collect()
}

/// The findings above hint are exactly `rules` (as a multiset).
#[track_caller]
pub fn assert_above_hint(text: &str, a: &Analysis, rules: &[&str]) {
    let mut got: Vec<&str> = above_hint(a).iter().map(|d| d.rule).collect();
    let mut want = rules.to_vec();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want, "findings above hint:\n{}", dump(text, a));
}

/// No finding at all (hints included).
#[track_caller]
pub fn assert_clean(text: &str, a: &Analysis) {
    assert!(
        a.diagnostics.is_empty(),
        "expected no finding:\n{}",
        dump(text, a)
    );
}

/// The findings of `rule`.
pub fn of<'a>(a: &'a Analysis, rule: &str) -> Vec<&'a Diagnostic> {
    a.diagnostics.iter().filter(|d| d.rule == rule).collect()
}

/// The one finding of `rule`, with its severity and the exact text it covers.
#[track_caller]
pub fn one<'a>(
    text: &str,
    a: &'a Analysis,
    rule: &str,
    severity: Severity,
    covers: &str,
) -> &'a Diagnostic {
    let ds = of(a, rule);
    assert_eq!(ds.len(), 1, "one {rule} expected:\n{}", dump(text, a));
    let d = ds[0];
    assert_eq!(d.severity, severity, "{rule} severity:\n{}", dump(text, a));
    assert_eq!(&text[d.range.clone()], covers, "{rule} range {:?}", d.range);
    d
}

#[track_caller]
pub fn assert_msg(d: &Diagnostic, parts: &[&str]) {
    for p in parts {
        assert!(
            d.message.contains(p),
            "{}: message lacks «{p}»: {}",
            d.rule,
            d.message
        );
    }
}

/// The byte range of the only occurrence of `needle`.
#[track_caller]
pub fn unique(text: &str, needle: &str) -> Range<usize> {
    let mut it = text.match_indices(needle);
    let (i, _) = it
        .next()
        .unwrap_or_else(|| panic!("«{needle}» not in the text"));
    assert!(it.next().is_none(), "«{needle}» occurs more than once");
    i..i + needle.len()
}

/// `text` with the only occurrence of `from` replaced by `to`.
#[track_caller]
pub fn edit(text: &str, from: &str, to: &str) -> String {
    let r = unique(text, from);
    format!("{}{}{}", &text[..r.start], to, &text[r.end..])
}

/// `text` without the range from `from` (included) to `to` (excluded), both unique.
#[track_caller]
pub fn cut(text: &str, from: &str, to: &str) -> String {
    let a = unique(text, from).start;
    let b = unique(text, to).start;
    assert!(a < b);
    format!("{}{}", &text[..a], &text[b..])
}

/// A GFM pipe row as the drafts write it: `| a | b | | c |`.
pub fn pipe_row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut s = String::new();
    for c in cells {
        let c = c.as_ref();
        s.push_str("| ");
        if !c.is_empty() {
            s.push_str(c);
            s.push(' ');
        }
    }
    s.push('|');
    s
}

/// The byte range of the line that starts with `| {label} |` (without its line break).
#[track_caller]
pub fn row_line(text: &str, label: &str) -> Range<usize> {
    let r = unique(text, &format!("\n| {label} |"));
    let start = r.start + 1;
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end
}

/// `text` with the table row labelled `label` rewritten with `values`.
#[track_caller]
pub fn set_row<S: AsRef<str>>(text: &str, label: &str, values: &[S]) -> String {
    let r = row_line(text, label);
    let mut cells = vec![label];
    cells.extend(values.iter().map(AsRef::as_ref));
    format!("{}{}{}", &text[..r.start], pipe_row(&cells), &text[r.end..])
}

/// The values of a table-2 row whose 自然人 column is `n` and whose 总计 is `tot`.
pub fn t2_np(n: &str, tot: &str) -> [String; 7] {
    [n, "0", "0", "0", "0", "0", tot].map(String::from)
}

/// The byte ranges of the cells of a pipe line (content trimmed; an empty cell gives the span
/// between its pipes).
pub fn cells_of(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let pipes: Vec<usize> = text[line.clone()]
        .match_indices('|')
        .map(|(i, _)| line.start + i)
        .collect();
    pipes
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0] + 1, w[1]);
            let raw = &text[a..b];
            let lead = raw.len() - raw.trim_start().len();
            if lead == raw.len() {
                a..b
            } else {
                a + lead..b - (raw.len() - raw.trim_end().len())
            }
        })
        .collect()
}

/// The range of cell `col` (0 = the label) of the row labelled `label`.
#[track_caller]
pub fn cell_at(text: &str, label: &str, col: usize) -> Range<usize> {
    cells_of(text, row_line(text, label))[col].clone()
}

/// The table-3 data row of a clean draft (15 zeros; `edit` checks that it is unique).
pub const T3_ZERO: &str = "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";

/// Apply text edits (from the end, so earlier ranges stay valid).
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    for e in &edits {
        out.replace_range(e.range.clone(), &e.text);
    }
    out
}
