//! Findings → the `Diagnostic`s of `textDocument/publishDiagnostics` (and of code actions),
//! through the one serialiser of `crate::ide::diagnostics`.

use crate::check;
use crate::ide::diagnostics::to_json;
use crate::lsp::convert::Lines;
use tower_lsp_server::lsp_types::{Diagnostic, Uri};

pub fn to_lsp(uri: &Uri, lines: &Lines, d: &check::Diagnostic) -> Diagnostic {
    let v = to_json(d, uri.as_str(), |r| {
        serde_json::to_value(lines.range(r)).unwrap_or_default()
    });
    // The JSON is built from LSP types' own fields: it always reads back.
    serde_json::from_value(v).unwrap_or_else(|e| Diagnostic {
        message: format!("{}（{e}）", d.message),
        ..Default::default()
    })
}

/// The one finding of a document whose analysis panicked.
pub fn internal_error(msg: &str) -> check::Diagnostic {
    check::Diagnostic::new(
        "internal-error",
        check::Severity::Error,
        0..0,
        format!("nianbao 内部错误，未能检查此文档：{msg}"),
    )
}
