//! Byte ranges ↔ LSP positions, always through `text::position`.

use crate::text::position::{Encoding, LineIndex};
use std::ops::Range as Bytes;
use tower_lsp_server::lsp_types::{Position, PositionEncodingKind, Range};

pub struct Lines<'a> {
    pub text: &'a str,
    pub idx: &'a LineIndex,
    pub enc: Encoding,
}

impl Lines<'_> {
    pub fn position(&self, off: usize) -> Position {
        let (l, c) = self.idx.position(self.text, off, self.enc);
        Position::new(l, c)
    }
    pub fn range(&self, r: &Bytes<usize>) -> Range {
        Range::new(self.position(r.start), self.position(r.end))
    }
    pub fn offset(&self, p: Position) -> usize {
        self.idx.offset(self.text, p.line, p.character, self.enc)
    }
    /// Byte range of the line holding `off`, without its terminator.
    pub fn line_around(&self, off: usize) -> Bytes<usize> {
        let line = self.idx.line_of(off);
        let start = self.idx.line_start(line);
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
