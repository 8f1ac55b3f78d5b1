//! Line index and conversions between byte offsets and (line, column) positions.
//!
//! Every offset/position conversion in nianbao goes through this module. Internally the core
//! works with byte offsets into a `&str`; editors and the LSP speak in (line, column) pairs whose
//! column unit depends on the negotiated [`Encoding`].
//!
//! Line terminators follow the LSP specification: `\n`, `\r\n` and a lone `\r`. Other Unicode
//! line separators (U+2028, U+2029, NEL, VT, FF) do *not* end a line.
//!
//! All conversions clamp instead of panicking: offsets past the end go to the end, offsets inside
//! a multi-byte char round down to its start, columns past the end of a line go to the end of
//! the line's content, and lines past the last line go to the end of the text.

/// The unit in which columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Columns count UTF-8 bytes.
    Utf8,
    /// Columns count UTF-16 code units (the LSP default).
    Utf16,
    /// Columns count Unicode scalar values (chars).
    Utf32,
}

/// Byte offsets of line starts in a text, for O(log n) offset → line lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of every line. Never empty; the first entry is 0.
    starts: Vec<usize>,
    /// Length in bytes of the indexed text.
    len: usize,
}

impl LineIndex {
    /// Builds the index in one pass over `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 1);
        starts.push(0);
        let mut after_cr = None;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The LF of a CRLF ends the line its CR started to end.
            if after_cr == Some(i) && bytes[i] == b'\n' {
                *starts.last_mut().expect("not empty") = i + 1;
                after_cr = None;
                continue;
            }
            after_cr = (bytes[i] == b'\r').then_some(i + 1);
            starts.push(i + 1);
        }
        Self {
            starts,
            len: bytes.len(),
        }
    }

    /// Number of lines. Always at least 1; a text ending in a terminator has a final empty line.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where `line` starts. Lines past the last line give the text length.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Zero-based line containing byte `offset`. Offsets past the end give the last line; an
    /// offset inside a line terminator belongs to the line that the terminator ends.
    pub fn line_of(&self, offset: usize) -> usize {
        // `starts[0] == 0 <= offset`, so the partition point is at least 1.
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Converts byte `offset` into `(line, column)`: see [`to_position`].
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> (u32, u32) {
        to_position(self, text, offset, enc)
    }

    /// Converts `(line, col)` into a byte offset: see [`to_offset`].
    pub fn offset(&self, text: &str, line: u32, col: u32, enc: Encoding) -> usize {
        to_offset(self, text, line, col, enc)
    }
}

/// Where the lines of a text start: a [`LineIndex`], or a structure that already knows (the
/// language server's rope). The conversions below are written once, over this. Lines end at
/// CR, LF and CRLF only.
pub trait LineStarts {
    /// Number of lines, at least 1.
    fn line_count(&self) -> usize;
    /// Byte offset where `line` starts; lines past the last give the text length.
    fn line_start(&self, line: usize) -> usize;
    /// Line containing byte `offset`; offsets past the end give the last line, an offset inside
    /// a line terminator the line that the terminator ends.
    fn line_of(&self, offset: usize) -> usize;
}

impl LineStarts for LineIndex {
    fn line_count(&self) -> usize {
        LineIndex::line_count(self)
    }
    fn line_start(&self, line: usize) -> usize {
        LineIndex::line_start(self, line)
    }
    fn line_of(&self, offset: usize) -> usize {
        LineIndex::line_of(self, offset)
    }
}

/// Byte range `(start, content_end)` of `line` in `text`, excluding its terminator.
///
/// Clamped to `text` and to char boundaries so that a text which does not match the line
/// starts cannot cause a panic.
pub fn line_content(lines: &(impl LineStarts + ?Sized), text: &str, line: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let start = text.floor_char_boundary(lines.line_start(line));
    let mut end = if line + 1 < lines.line_count() {
        let mut end = lines.line_start(line + 1).min(bytes.len());
        // The line has a terminator: `\n`, `\r\n` or `\r`.
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
    end = text.floor_char_boundary(end).max(start);
    (start, end)
}

/// Start of the line holding byte `at` of `text` (after the last CR or LF before it): for
/// text without a line index. `at` must be a char boundary.
pub fn line_start_at(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// End of the line holding byte `at` of `text`, before its terminator.
pub fn line_end_at(text: &str, at: usize) -> usize {
    text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i)
}

/// Converts byte `offset` into `(line, column)` with the column counted in `enc` units.
///
/// Offsets past the end clamp to the end, offsets inside a char clamp down to its start, and
/// an offset between the CR and LF of a CRLF counts as the end of that line.
pub fn to_position(
    lines: &(impl LineStarts + ?Sized),
    text: &str,
    offset: usize,
    enc: Encoding,
) -> (u32, u32) {
    let offset = text.floor_char_boundary(offset);
    let line = lines.line_of(offset);
    let (start, end) = line_content(lines, text, line);
    let col = byte_to_col(&text[start..end], offset.saturating_sub(start), enc);
    (to_u32(line), col)
}

/// Converts `(line, col)` with the column counted in `enc` units into a byte offset.
///
/// A column past the end of a line goes to the end of its content (before the terminator);
/// a line past the last line goes to `text.len()`; a UTF-16 column inside a surrogate pair
/// rounds down to the start of the char. Never panics.
pub fn to_offset(
    lines: &(impl LineStarts + ?Sized),
    text: &str,
    line: u32,
    col: u32,
    enc: Encoding,
) -> usize {
    let line = line as usize;
    if line >= lines.line_count() {
        return text.len();
    }
    let (start, end) = line_content(lines, text, line);
    start + col_to_byte(&text[start..end], col, enc)
}

/// Length of `s` in UTF-16 code units.
pub fn utf16_len(s: &str) -> usize {
    utf16_len_bytes(s.as_bytes())
}

/// UTF-16 length of valid UTF-8 bytes: one unit per char, two for 4-byte chars.
fn utf16_len_bytes(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from(!is_continuation(b)) + usize::from(b >= 0xF0))
        .sum()
}

/// Number of chars in valid UTF-8 bytes.
fn char_count_bytes(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| !is_continuation(b)).count()
}

#[inline]
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Byte offset within `line_text` of column `col` counted in `enc` units.
///
/// Clamps to `line_text.len()`; a column inside a char (a UTF-8 column inside a multi-byte
/// sequence, a UTF-16 column inside a surrogate pair) rounds down to the start of the char.
pub fn col_to_byte(line_text: &str, col: u32, enc: Encoding) -> usize {
    let col = col as usize;
    let bytes = line_text.as_bytes();
    match enc {
        Encoding::Utf8 => line_text.floor_char_boundary(col),
        Encoding::Utf16 | Encoding::Utf32 => {
            // ASCII fast path: every ASCII byte is one unit in both encodings.
            let limit = col.min(bytes.len());
            let ascii = bytes[..limit]
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(limit);
            if ascii == limit {
                return limit;
            }
            let mut units = ascii;
            for (i, ch) in line_text[ascii..].char_indices() {
                let width = match enc {
                    Encoding::Utf16 => ch.len_utf16(),
                    _ => 1,
                };
                if units + width > col {
                    return ascii + i;
                }
                units += width;
            }
            bytes.len()
        }
    }
}

/// Column in `enc` units of byte offset `byte` within `line_text`.
///
/// Clamps `byte` to `line_text.len()` and rounds an offset inside a char down to its start.
pub fn byte_to_col(line_text: &str, byte: usize, enc: Encoding) -> u32 {
    let byte = line_text.floor_char_boundary(byte);
    let prefix = &line_text.as_bytes()[..byte];
    let units = match enc {
        Encoding::Utf8 => byte,
        Encoding::Utf16 => utf16_len_bytes(prefix),
        Encoding::Utf32 => char_count_bytes(prefix),
    };
    to_u32(units)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
