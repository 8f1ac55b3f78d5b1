//! `textDocument/formatting` and `textDocument/rangeFormatting`.

use crate::ide::{Edit, formatting};
use crate::lsp::convert::Lines;
use crate::lsp::document::Analysed;
use crate::text::position::Encoding;
use tower_lsp_server::lsp_types::{DocumentRangeFormattingParams, TextEdit};

fn convert(lines: &Lines, edits: Vec<Edit>) -> Vec<TextEdit> {
    edits
        .into_iter()
        .map(|e| TextEdit::new(lines.range(&e.range), e.text))
        .collect()
}

pub fn formatting(a: &Analysed, enc: Encoding) -> Option<Vec<TextEdit>> {
    let lines = a.lines(enc);
    Some(convert(&lines, formatting::format_tables(&a.text)))
}

/// Rows touching the range, aligned to their whole table.
pub fn range_formatting(
    a: &Analysed,
    enc: Encoding,
    p: &DocumentRangeFormattingParams,
) -> Option<Vec<TextEdit>> {
    let lines = a.lines(enc);
    let edits = formatting::format_range(&a.text, lines.bytes(p.range));
    Some(convert(&lines, edits))
}
