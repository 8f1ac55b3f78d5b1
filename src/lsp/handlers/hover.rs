//! `textDocument/hover`.

use crate::ide;
use crate::lsp::document::Analysed;
use crate::text::position::Encoding;
use tower_lsp_server::lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

pub fn hover(a: &Analysed, enc: Encoding, p: &HoverParams) -> Option<Hover> {
    let lines = a.lines(enc);
    let off = lines.offset(p.text_document_position_params.position);
    let h = ide::hover::hover(&a.snapshot(), off)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: h.markdown,
        }),
        range: Some(lines.range(&h.range)),
    })
}
