//! `textDocument/completion`.

use crate::ide::completion::{self, CompletionKind};
use crate::lsp::document::Analysed;
use crate::text::position::Encoding;
use tower_lsp_server::lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};

pub fn completion(a: &Analysed, enc: Encoding, p: &CompletionParams) -> Option<CompletionResponse> {
    let lines = a.lines(enc);
    let off = lines.offset(p.text_document_position.position);
    let items: Vec<CompletionItem> = completion::completion(&a.snapshot(), off)
        .into_iter()
        .map(|c| CompletionItem {
            label: c.label,
            kind: Some(match c.kind {
                CompletionKind::Clause => CompletionItemKind::REFERENCE,
                CompletionKind::Part => CompletionItemKind::MODULE,
                CompletionKind::Row | CompletionKind::Table => CompletionItemKind::SNIPPET,
            }),
            detail: c.detail,
            documentation: (!c.documentation.is_empty()).then_some(Documentation::MarkupContent(
                MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: c.documentation,
                },
            )),
            sort_text: Some(c.sort),
            filter_text: Some(c.filter),
            insert_text: c.insert,
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                lines.range(&c.edit.range),
                c.edit.text,
            ))),
            ..Default::default()
        })
        .collect();
    (!items.is_empty()).then_some(CompletionResponse::Array(items))
}
