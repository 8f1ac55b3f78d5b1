//! Byte ranges ↔ LSP positions, always through `text::position`.

use crate::text::position::{self, Encoding};
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

impl Lines<'_> {
    pub fn line_start(&self, line: usize) -> usize {
        if line < self.rope.len_lines() {
            self.rope.line_to_byte(line)
        } else {
            self.text.len()
        }
    }
    pub fn line_of(&self, off: usize) -> usize {
        self.rope.byte_to_line(off.min(self.rope.len_bytes()))
    }
    /// `(start, content_end)` of `line`, without its terminator.
    fn line_content(&self, line: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        let start = position::floor_char_boundary(self.text, self.line_start(line));
        let mut end = if line + 1 < self.rope.len_lines() {
            let mut end = self.line_start(line + 1).min(bytes.len());
            if end > start && bytes[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            end
        } else {
            bytes.len()
        };
        end = position::floor_char_boundary(self.text, end).max(start);
        (start, end)
    }
    pub fn position(&self, off: usize) -> Position {
        let off = position::floor_char_boundary(self.text, off);
        let line = self.line_of(off);
        let (start, end) = self.line_content(line);
        let col =
            position::byte_to_col(&self.text[start..end], off.saturating_sub(start), self.enc);
        Position::new(u32::try_from(line).unwrap_or(u32::MAX), col)
    }
    pub fn range(&self, r: &Bytes<usize>) -> Range {
        Range::new(self.position(r.start), self.position(r.end))
    }
    pub fn offset(&self, p: Position) -> usize {
        let line = p.line as usize;
        if line >= self.rope.len_lines() {
            return self.text.len();
        }
        let (start, end) = self.line_content(line);
        start + position::col_to_byte(&self.text[start..end], p.character, self.enc)
    }
    /// Byte range of the line holding `off`, without its terminator.
    pub fn line_around(&self, off: usize) -> Bytes<usize> {
        let line = self.line_of(off);
        let start = self.line_start(line);
        let end = self.text[start..]
            .find(['\n', '\r'])
            .map_or(self.text.len(), |i| start + i);
        start..end
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
