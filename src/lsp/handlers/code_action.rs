//! `textDocument/codeAction`.

use super::diagnostics::to_lsp;
use crate::ide::actions::{self, ActionKind};
use crate::lsp::document::Analysed;
use crate::text::position::Encoding;
use std::collections::HashMap;
use tower_lsp_server::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    TextEdit, WorkspaceEdit,
};

/// `show`: whether the document's findings are shown (the `enable` setting); when they are not,
/// only the actions that fix no finding are offered.
pub fn code_action(
    a: &Analysed,
    enc: Encoding,
    show: bool,
    p: &CodeActionParams,
) -> Option<CodeActionResponse> {
    let lines = a.lines(enc);
    let uri = &p.text_document.uri;
    let range = lines.bytes(p.range);
    let out = actions::actions(&a.snapshot(), range)
        .into_iter()
        .filter(|x| show || x.diagnostic.is_none())
        .map(|x| {
            let edits = x
                .edits
                .iter()
                .map(|e| TextEdit::new(lines.range(&e.range), e.text.clone()))
                .collect();
            CodeActionOrCommand::CodeAction(CodeAction {
                title: x.title,
                kind: Some(match x.kind {
                    ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                    ActionKind::Rewrite => CodeActionKind::REFACTOR_REWRITE,
                }),
                diagnostics: x
                    .diagnostic
                    .and_then(|i| a.analysis.diagnostics.get(i))
                    .map(|d| vec![to_lsp(uri, &lines, d)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..Default::default()
                }),
                is_preferred: x.preferred,
                ..Default::default()
            })
        })
        .collect();
    Some(out)
}
