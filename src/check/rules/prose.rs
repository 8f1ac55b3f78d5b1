//! Running text for the rules that read sentences (`year_words`, `names`): the prose lines of
//! the preamble and the six parts (not the title, the tables or the signature), each folded
//! with a map back to the draft, and the sentence and book-title bounds inside one.

use crate::check::doc::Analysis;
use crate::syntax::{Block, BlockKind};
use crate::text::fold::{self, Folded};
use std::ops::Range;

/// One prose line.
pub(super) struct Line<'a> {
    /// The block the line is (its memo keeps the folded text).
    pub block: &'a Block,
    /// Absolute offset of `raw` in the draft.
    pub start: usize,
    pub raw: &'a str,
    /// The folded text as the parser keeps it (for a quick test before folding with a map).
    pub folded: &'a str,
    /// The part the line is in (`None`: the preamble).
    pub part: Option<u8>,
}

impl<'a> Line<'a> {
    /// The line folded with its offset map, folded once per parse of its block.
    pub fn fold(&self) -> &'a Folded {
        crate::check::facts::memo(self.block)
            .folded
            .get_or_init(|| fold::fold(self.raw))
    }
    /// The absolute range of folded bytes `r` of `f` (this line's [`Line::fold`]).
    pub fn abs(&self, f: &Folded, r: Range<usize>) -> Range<usize> {
        let o = f.orig(r.start, r.end);
        self.start + o.start..self.start + o.end
    }
}

/// The prose lines of the preamble and the parts.
pub(super) fn lines<'a>(text: &'a str, blocks: &'a [Block], a: &Analysis) -> Vec<Line<'a>> {
    let sig = a.signature.block.unwrap_or(usize::MAX);
    let title = a.title.clone().unwrap_or(0..0);
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if b.kind != BlockKind::Prose || i >= sig {
            continue;
        }
        if b.start < title.end && title.start < b.end() {
            continue;
        }
        let Some(c) = b.cells.first() else { continue };
        let part = a
            .parts
            .iter()
            .find(|p| p.blocks.contains(&i))
            .map(|p| p.number);
        if part.is_none() && a.parts.first().is_some_and(|p| i > p.block) {
            continue;
        }
        let r = b.abs(&c.range);
        out.push(Line {
            block: b,
            start: r.start,
            raw: &text[r],
            folded: &c.folded,
            part,
        });
    }
    out
}

/// Whether a character ends a sentence (folded text: `；！？` are `;!?`).
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '?')
}

/// The sentence of folded text `f` around bytes `r`.
pub(super) fn sentence(f: &str, r: &Range<usize>) -> Range<usize> {
    around(f, r, ends_sentence)
}

/// The clause of folded text `f` around bytes `r`: the sentence cut at commas and colons too.
pub(super) fn clause(f: &str, r: &Range<usize>) -> Range<usize> {
    around(f, r, |c| ends_sentence(c) || matches!(c, ',' | ':'))
}

/// From just after the last `cut` character before `r` to the first one after it.
fn around(f: &str, r: &Range<usize>, cut: impl Fn(char) -> bool) -> Range<usize> {
    let s = f[..r.start]
        .char_indices()
        .rev()
        .find(|(_, c)| cut(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let e = f[r.end..]
        .char_indices()
        .find(|(_, c)| cut(*c))
        .map_or(f.len(), |(i, _)| r.end + i);
    s..e
}

/// Whether folded byte `at` lies inside book-title marks 《…》.
pub(super) fn in_book_title(f: &str, at: usize) -> bool {
    let before = &f[..at];
    let open = before.rfind('《');
    open.is_some_and(|o| !before[o..].contains('》'))
}

/// Whether `s` contains one of `words`.
pub(super) fn has_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_clauses_and_book_titles() {
        let t = "前句。2023年,我局坚持《宜宾市办法》;后句";
        let at = t.find("我局").unwrap();
        let r = at..at + "我局".len();
        assert_eq!(&t[sentence(t, &r)], "2023年,我局坚持《宜宾市办法》");
        assert_eq!(&t[clause(t, &r)], "我局坚持《宜宾市办法》");
        assert!(in_book_title(t, t.find("宜宾").unwrap()));
        assert!(!in_book_title(t, at));
        assert!(has_any(t, &["后句", "无"]));
    }
}
