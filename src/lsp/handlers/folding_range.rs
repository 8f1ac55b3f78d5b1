//! `textDocument/foldingRange`.

use crate::ide::folding;
use crate::lsp::document::Analysed;
use tower_lsp_server::lsp_types::{FoldingRange, FoldingRangeKind};

pub fn folding_range(a: &Analysed) -> Option<Vec<FoldingRange>> {
    let out = folding::folding(&a.snapshot())
        .into_iter()
        .map(|f| FoldingRange {
            start_line: f.start_line,
            end_line: f.end_line,
            kind: Some(FoldingRangeKind::Region),
            ..Default::default()
        })
        .collect();
    Some(out)
}
