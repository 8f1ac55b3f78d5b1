//! `textDocument/inlayHint`.

use crate::ide::inlay;
use crate::lsp::document::Analysed;
use crate::text::position::Encoding;
use tower_lsp_server::lsp_types::{InlayHint, InlayHintLabel, InlayHintParams, InlayHintTooltip};

pub fn inlay_hint(a: &Analysed, enc: Encoding, p: &InlayHintParams) -> Option<Vec<InlayHint>> {
    let lines = a.lines(enc);
    let out = inlay::inlay_hints(&a.snapshot(), lines.bytes(p.range))
        .into_iter()
        .map(|h| InlayHint {
            position: lines.position(h.offset),
            label: InlayHintLabel::String(h.label),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(h.tooltip)),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect();
    Some(out)
}
