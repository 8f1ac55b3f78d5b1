//! Lines and what each one is: blank, heading, prose, comment, or part of a table run.

use super::MAX_CELL_CHARS;
use super::cells::spaced_split;
use crate::text::fold::{self, Marker};

/// A line: `start..end` is its content, without the line terminator.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn lines(text: &str, base: usize) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let mut i = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |k| pos + k);
        let end = i;
        if i < bytes.len() {
            i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        pos = i;
        Some(Line {
            start: base + start,
            end: base + end,
        })
    })
}

pub(super) fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}')
}

pub(super) fn is_pad(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}'
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineClass {
    Blank,
    Heading(Option<u8>),
    Prose,
    Comment,
    Pipe,
    Tab,
    Short,
}

fn md_heading_level(t: &str) -> Option<u8> {
    let hashes = t.bytes().take_while(|b| *b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
        Some(hashes as u8)
    } else {
        None
    }
}

pub(super) fn classify(line: &str) -> LineClass {
    if is_blank(line) {
        // A line of tabs is a row of empty cells (tab-indented layouts), not a separator.
        return if line.contains('\t') {
            LineClass::Tab
        } else {
            LineClass::Blank
        };
    }
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if is_page_number(t) || t.starts_with('+') && is_separator_row(t) {
        // A page number inside extracted text (`- 3 -`, `第3页`), or the border of a grid table
        // (`+----+----+`), separates like a blank line.
        return LineClass::Blank;
    }
    if t.starts_with("<!--") {
        return LineClass::Comment;
    }
    if let Some(level) = md_heading_level(t) {
        return LineClass::Heading(Some(level));
    }
    if t.contains('|') {
        return LineClass::Pipe;
    }
    // Any tab after the indentation separates cells, trailing ones included (empty cells).
    let inner_tab = line.trim_start_matches('\t').contains('\t');
    if inner_tab {
        return LineClass::Tab;
    }
    let chars = t.chars().count();
    if chars > MAX_CELL_CHARS {
        // A long row label followed by its numbers (PDF text) is a table row.
        if spaced_split(t).is_some_and(|(at, _)| t[..at].chars().count() <= MAX_CELL_CHARS) {
            return LineClass::Short;
        }
        // Too long for a heading or a cell: no need to fold it.
        return LineClass::Prose;
    }
    // A label with its numbers on the line (`规章 0 0 0`, PDF text) is a row, never a heading.
    if spaced_split(t).is_some() {
        return LineClass::Short;
    }
    let f = fold::fold_str(t);
    if looks_like_heading(&f) {
        return LineClass::Heading(None);
    }
    if line.starts_with('\t') && chars <= MAX_CELL_CHARS {
        return LineClass::Tab;
    }
    // A sentence (ends with 。) is running text however short; labels never end with 。.
    if chars > MAX_CELL_CHARS || (f.ends_with('。') && chars >= 4) {
        LineClass::Prose
    } else {
        LineClass::Short
    }
}

/// A page number printed inside extracted text: `- 3 -`, `— 4 —`, `第3页`, `第 3 页 共 10 页`.
fn is_page_number(t: &str) -> bool {
    // Cheap test first: every line comes here.
    if !t.starts_with(['-', '—', '–', '－', '─', '第']) || t.len() > 40 {
        return false;
    }
    let t: String = t.chars().filter(|c| !is_pad(*c)).collect();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    let dashes = ['-', '—', '–', '－', '─'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|r| r.strip_suffix(dashes)) {
        return digits(inner.trim_matches(dashes));
    }
    if let Some(r) = t.strip_prefix('第') {
        let (page, rest) = r.split_once('页').unwrap_or((r, "-"));
        return digits(page)
            && (rest.is_empty()
                || rest
                    .strip_prefix('共')
                    .and_then(|x| x.strip_suffix('页'))
                    .is_some_and(digits));
    }
    false
}

/// A Markdown delimiter row (`|---|:--|`), an org-mode one (`|---+---|`) or a border of a grid
/// table (`+----+----+`, `+====+`).
pub(super) fn is_separator_row(t: &str) -> bool {
    (t.contains('-') || t.contains('='))
        && t.chars()
            .all(|c| matches!(c, '|' | '+' | '-' | '=' | ':' | ' ' | '\t' | '\u{3000}'))
}

/// A heading candidate: `一、…` short line, a bold line, `第一部分 …`.
fn looks_like_heading(folded: &str) -> bool {
    let chars = folded.chars().count();
    if chars > MAX_CELL_CHARS || folded.ends_with('。') {
        return false;
    }
    if folded.starts_with("**") && folded.ends_with("**") && chars > 4 {
        return true;
    }
    if folded.starts_with('第') && folded.contains("部分") {
        return true;
    }
    match fold::split_marker(folded) {
        (Some(Marker::Cn(_)), _) => true,
        // `总体情况`, `1.总体情况`: a part title without the 一、 ordinal.
        (None | Some(Marker::Num(_)), at) => {
            part_title_keys().contains(&fold::key_of_folded(&folded[at..]))
        }
        _ => false,
    }
}

/// Keys of the part titles and their accepted variants, in every format.
fn part_title_keys() -> &'static std::collections::HashSet<String> {
    static KEYS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        crate::format::all()
            .iter()
            .flat_map(|f| f.parts.iter())
            .flat_map(|p| std::iter::once(&p.title).chain(p.variants.iter()))
            .map(|t| fold::key(t))
            .collect()
    })
}
