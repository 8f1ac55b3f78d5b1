//! Open documents: a rope for positions plus a `String` mirror for the analyser.

use super::convert::Lines;
use crate::check::Analysis;
use crate::syntax::incremental::Parsed;
use crate::text::position::{self, Encoding};
use ropey::Rope;
use std::borrow::Cow;
use std::sync::Arc;
use tokio::sync::Notify;
use tower_lsp_server::lsp_types::{Position, TextDocumentContentChangeEvent};

/// The result of analysing one version of a document.
pub struct Analysed {
    pub version: i32,
    /// Settings generation the analysis was made with.
    pub generation: u64,
    pub text: String,
    /// The document's rope at this version (shared structure: an O(1) snapshot).
    pub rope: Rope,
    pub analysis: Analysis,
    /// Agency and year for pairing with last year's report (`check::cross::agency_year`).
    pub key: Option<(String, u16)>,
}

impl Analysed {
    pub fn lines(&self, enc: Encoding) -> Lines<'_> {
        Lines {
            text: &self.text,
            rope: &self.rope,
            enc,
        }
    }
}

pub struct Document {
    pub rope: Rope,
    pub text: String,
    /// Blocks of `text`, reparsed incrementally edit by edit.
    pub parsed: Parsed,
    pub version: i32,
    pub analysed: Option<Arc<Analysed>>,
    pub notify: Arc<Notify>,
    pub worker: Option<tokio::task::JoinHandle<()>>,
}

impl Document {
    pub fn new(text: String, version: i32) -> Self {
        Document {
            rope: Rope::from_str(&text),
            parsed: Parsed::new(&text),
            text,
            version,
            analysed: None,
            notify: Arc::new(Notify::new()),
            worker: None,
        }
    }

    /// Byte offset of an LSP position, clamped like `text::position` does.
    fn offset(&self, p: Position, enc: Encoding) -> usize {
        let line = p.line as usize;
        if line >= self.rope.len_lines() {
            return self.rope.len_bytes();
        }
        let start = self.rope.line_to_byte(line);
        let content: Cow<str> = self.rope.line(line).into();
        let content = content.trim_end_matches(['\n', '\r']);
        start + position::col_to_byte(content, p.character, enc)
    }

    /// Applies one content change (a change without range replaces the whole text).
    pub fn apply(&mut self, ch: TextDocumentContentChangeEvent, enc: Encoding) {
        match ch.range {
            None => {
                self.rope = Rope::from_str(&ch.text);
                self.parsed = Parsed::new(&ch.text);
                self.text = ch.text;
            }
            Some(r) => {
                let a = self.offset(r.start, enc);
                let b = self.offset(r.end, enc);
                let (s, e) = if a <= b { (a, b) } else { (b, a) };
                let cs = self.rope.byte_to_char(s);
                let ce = self.rope.byte_to_char(e);
                self.rope.remove(cs..ce);
                self.rope.insert(cs, &ch.text);
                self.text.replace_range(s..e, &ch.text);
                self.parsed.edit(&self.text, s, e, s + ch.text.len());
            }
        }
    }
}

/// 64-bit FNV-1a, as lowercase hex (the `nianbao/documentHash` request).
pub fn fnv1a(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::lsp_types::Range;

    fn change(sl: u32, sc: u32, el: u32, ec: u32, t: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(sl, sc), Position::new(el, ec))),
            range_length: None,
            text: t.into(),
        }
    }

    #[test]
    fn incremental_edits_in_each_encoding() {
        let mut d = Document::new("表一\r\n𠀀二三\n四".into(), 1);
        d.apply(change(1, 2, 1, 3, "X"), Encoding::Utf16);
        assert_eq!(d.text, "表一\r\n𠀀X三\n四");
        d.apply(change(1, 1, 1, 2, "Y"), Encoding::Utf32);
        assert_eq!(d.text, "表一\r\n𠀀Y三\n四");
        d.apply(change(0, 3, 1, 4, ""), Encoding::Utf8);
        assert_eq!(d.text, "表Y三\n四");
        d.apply(change(9, 0, 9, 0, "!"), Encoding::Utf16);
        assert_eq!(d.text, "表Y三\n四!");
        assert_eq!(d.rope.to_string(), d.text);
        d.apply(
            TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(d.rope.to_string(), "new");
    }
}
