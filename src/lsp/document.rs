//! Open documents: a rope for positions plus a `String` mirror for the analyser.

use super::convert::Lines;
use crate::check::Analysis;
use crate::ide::Snapshot;
use crate::syntax::incremental::Parsed;
use crate::text::position::{self, Encoding};
use ropey::Rope;
use std::sync::Arc;
use tokio::sync::Notify;
use tower_lsp_server::lsp_types::{Position, TextDocumentContentChangeEvent};

/// The result of analysing one version of a document.
pub struct Analysed {
    pub version: i32,
    /// Settings generation the analysis was made with.
    pub generation: u64,
    /// The text of this version: the document's own buffer, shared, not a copy.
    pub text: Arc<String>,
    /// The document's rope at this version (shared structure: an O(1) snapshot).
    pub rope: Rope,
    pub analysis: Analysis,
}

impl Analysed {
    /// What the editor features read (`crate::ide`).
    pub fn snapshot(&self) -> Snapshot<'_> {
        Snapshot {
            text: &self.text,
            analysis: &self.analysis,
            lines: &self.rope,
        }
    }
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
    /// Shared with the analysis of this version; copied on write only while that analysis is
    /// still in use (see `text_mut`).
    pub text: Arc<String>,
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
            text: Arc::new(text),
            version,
            analysed: None,
            notify: Arc::new(Notify::new()),
            worker: None,
        }
    }

    /// Byte offset of an LSP position, clamped like `text::position` does.
    fn offset(&self, p: Position, enc: Encoding) -> usize {
        position::to_offset(&self.rope, &self.text, p.line, p.character, enc)
    }

    /// The text for editing in place. The last analysis shares the buffer; once a newer
    /// version exists nothing reads an outdated analysis's text again (requests re-analyse,
    /// peers take only current analyses), so when no request holds that analysis the buffer is
    /// taken back from it instead of copying megabytes on every keystroke.
    fn text_mut(&mut self) -> &mut String {
        if Arc::strong_count(&self.text) > 1
            && let Some(a) = self.analysed.as_mut().and_then(Arc::get_mut)
            && Arc::ptr_eq(&a.text, &self.text)
        {
            a.text = Arc::default();
        }
        Arc::make_mut(&mut self.text)
    }

    /// Applies one content change (a change without range replaces the whole text).
    pub fn apply(&mut self, ch: TextDocumentContentChangeEvent, enc: Encoding) {
        match ch.range {
            None => {
                self.rope = Rope::from_str(&ch.text);
                self.parsed = Parsed::new(&ch.text);
                self.text = Arc::new(ch.text);
            }
            Some(r) => {
                let a = self.offset(r.start, enc);
                let b = self.offset(r.end, enc);
                let (s, e) = if a <= b { (a, b) } else { (b, a) };
                let cs = self.rope.byte_to_char(s);
                let ce = self.rope.byte_to_char(e);
                self.rope.remove(cs..ce);
                self.rope.insert(cs, &ch.text);
                self.text_mut().replace_range(s..e, &ch.text);
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
        assert_eq!(d.text.as_str(), "表一\r\n𠀀X三\n四");
        d.apply(change(1, 1, 1, 2, "Y"), Encoding::Utf32);
        assert_eq!(d.text.as_str(), "表一\r\n𠀀Y三\n四");
        d.apply(change(0, 3, 1, 4, ""), Encoding::Utf8);
        assert_eq!(d.text.as_str(), "表Y三\n四");
        d.apply(change(9, 0, 9, 0, "!"), Encoding::Utf16);
        assert_eq!(d.text.as_str(), "表Y三\n四!");
        assert_eq!(d.rope.to_string(), *d.text);
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

    fn analysed_of(d: &Document) -> Arc<Analysed> {
        Arc::new(Analysed {
            version: d.version,
            generation: 0,
            text: d.text.clone(),
            rope: d.rope.clone(),
            analysis: crate::check::check(&d.text, &Default::default()),
        })
    }

    #[test]
    fn edits_reuse_the_buffer_an_unused_analysis_shares() {
        let mut d = Document::new("一、总体情况\n本机关……\n".repeat(100), 1);
        d.analysed = Some(analysed_of(&d));
        let shared = Arc::as_ptr(&d.text);
        d.apply(change(1, 0, 1, 0, "X"), Encoding::Utf16);
        // Taken back from the analysis, edited in place: the same string, not a copy.
        assert_eq!(Arc::as_ptr(&d.text), shared);
        assert!(d.analysed.as_ref().unwrap().text.is_empty());
        assert!(d.text.starts_with("一、总体情况\nX本机关"));

        // A request still holds the analysis: its text stays intact, the document copies.
        d.analysed = Some(analysed_of(&d));
        let held = d.analysed.clone().unwrap();
        let before = held.text.to_string();
        d.apply(change(1, 0, 1, 1, ""), Encoding::Utf16);
        assert_eq!(*held.text, before);
        assert_ne!(Arc::as_ptr(&d.text), Arc::as_ptr(&held.text));
        assert!(d.text.starts_with("一、总体情况\n本机关"));
        assert_eq!(d.rope.to_string(), *d.text);
    }
}
