//! `textDocument/documentSymbol`.

use crate::ide::symbols::{self, Symbol, SymbolKind};
use crate::lsp::convert::Lines;
use crate::lsp::document::Analysed;
use crate::text::position::Encoding;
use tower_lsp_server::lsp_types::{self as lsp, DocumentSymbol, DocumentSymbolResponse};

#[allow(deprecated)]
fn convert(lines: &Lines, s: Symbol) -> DocumentSymbol {
    let children: Vec<DocumentSymbol> = s.children.into_iter().map(|c| convert(lines, c)).collect();
    DocumentSymbol {
        name: s.name,
        detail: None,
        kind: match s.kind {
            SymbolKind::Title => lsp::SymbolKind::FILE,
            SymbolKind::Part => lsp::SymbolKind::MODULE,
            SymbolKind::Table => lsp::SymbolKind::STRUCT,
        },
        tags: None,
        deprecated: None,
        range: lines.range(&s.range),
        selection_range: lines.range(&s.selection),
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn document_symbol(a: &Analysed, enc: Encoding) -> Option<DocumentSymbolResponse> {
    let lines = a.lines(enc);
    let out = symbols::symbols(&a.snapshot())
        .into_iter()
        .map(|s| convert(&lines, s))
        .collect();
    Some(DocumentSymbolResponse::Nested(out))
}
