//! Positions as the language server and the JSON output give them: 0-based line, UTF-16 code
//! units.

use super::findings::Finding;
use std::ops::Range;

/// Byte offsets where each line starts (`\n`, `\r\n` and `\r` end lines).
pub fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut v = vec![0];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' {
            v.push(i + 1);
        } else if b[i] == b'\r' {
            if b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            v.push(i + 1);
        }
        i += 1;
    }
    v
}

/// (line, UTF-16 column) of a byte offset.
pub fn pos(text: &str, byte: usize) -> (usize, usize) {
    let starts = line_starts(text);
    let line = starts.partition_point(|s| *s <= byte) - 1;
    let col = text[starts[line]..byte].encode_utf16().count();
    (line, col)
}

/// Byte offset of an LSP position.
pub fn offset(text: &str, (line, character): (usize, usize)) -> usize {
    let starts = line_starts(text);
    let ls = starts[line];
    let mut units = 0;
    for (i, ch) in text[ls..].char_indices() {
        if units >= character {
            return ls + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// The text a finding's range covers.
pub fn text_at(text: &str, f: &Finding) -> String {
    text[offset(text, f.start())..offset(text, f.end())].to_string()
}

pub fn lsp_range(text: &str, r: &Range<usize>) -> ((usize, usize), (usize, usize)) {
    (pos(text, r.start), pos(text, r.end))
}
