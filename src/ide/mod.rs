//! Editor features as plain data: hover, completion, code actions, the outline, folding, inlay
//! hints and table formatting. Each is a function over one analysed version of a draft (a
//! [`Snapshot`]) that takes byte offsets and returns byte ranges, strings and [`Edit`]s. Nothing
//! here knows the protocol: the language server's handlers (`src/lsp/handlers/`) convert
//! positions and types, and nothing else.

pub mod actions;
pub mod completion;
pub mod conversion;
pub mod diagnostics;
pub mod folding;
pub mod formatting;
pub mod hover;
pub mod inlay;
pub mod report;
pub mod symbols;

use crate::check::Analysis;
use crate::text::position::{LineStarts, line_content};
use std::ops::Range;

pub use crate::check::Edit;

/// One analysed version of a draft: its text, its analysis and where its lines start (the
/// server's rope, or a [`crate::text::position::LineIndex`]).
#[derive(Clone, Copy)]
pub struct Snapshot<'a> {
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub lines: &'a dyn LineStarts,
}

impl Snapshot<'_> {
    /// The line holding byte `off`.
    pub fn line_of(&self, off: usize) -> usize {
        self.lines.line_of(off)
    }
    /// Where `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.lines.line_start(line)
    }
    /// Byte range of the line holding `off`, without its terminator.
    pub fn line_around(&self, off: usize) -> Range<usize> {
        let (start, end) = line_content(self.lines, self.text, self.line_of(off));
        start..end
    }
}

/// Whether `off` lies in the non-empty range `r` (its end included: the cursor after a word).
fn touches(r: &Range<usize>, off: usize) -> bool {
    r.start <= off && off <= r.end && r.start < r.end
}

#[cfg(test)]
mod tests;
