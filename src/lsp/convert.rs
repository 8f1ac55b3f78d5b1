//! Byte ranges ↔ LSP positions, always through `text::position`.

use crate::text::position::{self, Encoding, LineStarts};
use ropey::Rope;
use std::ops::Range as Bytes;
use tower_lsp_server::lsp_types::{Position, PositionEncodingKind, Range};

/// Positions of one analysed version: its text and a snapshot of the document's rope (an O(1)
/// clone that already knows its lines, so no line index is built per version). Same rules as
/// `text::position::LineIndex`: CR, LF and CRLF end lines; offsets and positions outside the
/// text clamp.
pub struct Lines<'a> {
    pub text: &'a str,
    pub rope: &'a Rope,
    pub enc: Encoding,
}

/// The rope's own line structure (with `cr_lines`: CR, LF and CRLF end lines, as in
/// `text::position`).
impl LineStarts for Rope {
    fn line_count(&self) -> usize {
        self.len_lines()
    }
    fn line_start(&self, line: usize) -> usize {
        if line < self.len_lines() {
            self.line_to_byte(line)
        } else {
            self.len_bytes()
        }
    }
    fn line_of(&self, offset: usize) -> usize {
        self.byte_to_line(offset.min(self.len_bytes()))
    }
}

impl Lines<'_> {
    pub fn position(&self, off: usize) -> Position {
        let (l, c) = position::to_position(self.rope, self.text, off, self.enc);
        Position::new(l, c)
    }
    pub fn range(&self, r: &Bytes<usize>) -> Range {
        Range::new(self.position(r.start), self.position(r.end))
    }
    pub fn offset(&self, p: Position) -> usize {
        position::to_offset(self.rope, self.text, p.line, p.character, self.enc)
    }
    /// The byte range of an LSP range (its ends in either order).
    pub fn bytes(&self, r: Range) -> Bytes<usize> {
        let (a, b) = (self.offset(r.start), self.offset(r.end));
        a.min(b)..a.max(b)
    }
}

pub fn encoding_kind(e: Encoding) -> PositionEncodingKind {
    match e {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// utf-8 if offered, else utf-32, else utf-16.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
    let offered = offered.unwrap_or(&[]);
    if offered.contains(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else if offered.contains(&PositionEncodingKind::UTF32) {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::position::LineIndex;
    use proptest::prelude::*;

    proptest! {
        /// The rope-backed positions are the line index's, offset by offset, both ways.
        #[test]
        fn rope_positions_match_the_line_index(text in "[a\r\n中𠀀é|]{0,40}", col in 0u32..12) {
            let rope = Rope::from_str(&text);
            let idx = LineIndex::new(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let lines = Lines { text: &text, rope: &rope, enc };
                for off in 0..=text.len() + 2 {
                    let (l, c) = idx.position(&text, off, enc);
                    prop_assert_eq!(lines.position(off), Position::new(l, c));
                }
                for line in 0..idx.line_count() as u32 + 2 {
                    prop_assert_eq!(
                        lines.offset(Position::new(line, col)),
                        idx.offset(&text, line, col, enc)
                    );
                }
            }
        }
    }
}
