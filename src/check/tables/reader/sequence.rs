//! Sequences (one cell per line, a label with its numbers after it, PDF text): labels joined
//! over several cells, labels continued after their numbers, lines of header words, and lines
//! of numbers waiting for their label (orphans). The loop over the cells is `read`'s (`mod.rs`).

use super::Reader;
use crate::check::tables::matching::{header_words, is_header_key, match_key};
use crate::check::tables::{DocCell, Quality, UnknownRow};

impl Reader<'_, '_> {
    /// Report a line of numbers that belongs to no row.
    pub(super) fn drop_orphan(&mut self) {
        if let Some(vals) = self.orphan.take()
            && let (Some(a), Some(b)) = (vals.first(), vals.last())
        {
            self.rt.unknown.push(UnknownRow {
                label: a.range.start..b.range.end,
                duplicate: false,
                suggestion: None,
                orphan: true,
                marker: None,
                values: vals,
                at: self.rt.rows.len(),
            });
        }
    }

    /// Match the label starting at `i` (joined with up to three following text cells):
    /// (pattern, quality, cells used), or a header (`None`, cells used).
    pub(super) fn match_label(&self, i: usize) -> Option<(Option<(usize, Quality)>, usize)> {
        let cells = self.cells;
        let c = &cells[i];
        let marker = c.cell.marker;
        let mut joined = String::new();
        let mut single: Option<(usize, Quality)> = None;
        for span in 1..=4 {
            let Some(cj) = cells.get(i + span - 1) else {
                break;
            };
            if cj.prose || cj.cell.value.is_value() || cj.cell.key.is_empty() {
                break;
            }
            // Only the label of a row of numbers may join the text before it; a grid row's
            // cells are never joined with other rows.
            if span > 1 && (cj.cell.layout.is_grid() || cj.cell.col > 0) {
                break;
            }
            joined.push_str(&cj.cell.key);
            // A marked label (（七）总计, 3.其他) is a row even where its words name a column.
            let header = is_header_key(self.idx, &joined);
            if header && !(span == 1 && marker.is_some()) {
                return Some((None, span));
            }
            if let Some((pi, q)) = match_key(self.idx, marker, &joined) {
                if q.is_sure() {
                    return Some((Some((pi, q)), span));
                }
                if span == 1 {
                    single = Some((pi, q));
                }
            }
        }
        single.map(|m| (Some(m), 1))
    }

    /// A label that continues a row's label after its numbers (`（二）部分公开（区分处理的，只计
    /// 这一情 形，不` / numbers / `计其他情形）`): improves the row's match.
    pub(super) fn continues_label(&mut self, c: &DocCell) -> bool {
        let Some(cur) = self.current.as_mut() else {
            return false;
        };
        if cur.is_empty() || c.cell.key.is_empty() {
            return false;
        }
        let mut joined: String = self.cells[cur.key_cells.clone()]
            .iter()
            .map(|x| x.cell.key.as_str())
            .collect();
        joined.push_str(&cur.key_more);
        joined.push_str(&c.cell.key);
        match match_key(self.idx, cur.marker, &joined) {
            Some((pi, q)) if pi == cur.pattern && q.is_sure() => {
                cur.key_more.push_str(&c.cell.key);
                cur.quality = q;
                true
            }
            _ => false,
        }
    }

    /// A line of header words separated by spaces (`行政复议 行政诉讼`, `信息内容 本年新制作数量
    /// 本年新 对外公开`): counts its headers and other formats' labels; true when at least two of
    /// its words are headers.
    pub(super) fn header_words(&mut self, c: &DocCell) -> bool {
        let Some((headers, keys)) = header_words(self.idx, c) else {
            return false;
        };
        for k in &keys {
            self.foreign(k, &c.range);
        }
        self.rt.headers += headers;
        self.note_label(&c.range);
        true
    }
}
