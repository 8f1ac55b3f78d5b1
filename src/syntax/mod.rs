//! Lines → blocks → cells.
//!
//! A draft is split into blocks: a heading line, a prose line, or a run of table-ish lines
//! (pipe rows, tab-separated rows, one short cell per line). Blank lines end blocks. Each
//! block is parsed on its own into cells whose ranges are relative to the block start, so a
//! block can be reparsed alone and the blocks after an edit only shift.
//!
//! Real reports flatten their tables in every way there is (pipe rows whose cells break across
//! lines, one cell per line, tab rows, tab-indented cells continued on the next line, a label
//! and its numbers on one line separated by spaces). Whatever the layout, a block yields a
//! stream of cells, and each cell also says where it stood: its source row, its position in the
//! row and how the row was written ([`RowLayout`]), so that the table reader (`check::tables`)
//! can place the numbers of a grid row by position and fit those of a sequence by order.

mod cells;
pub mod incremental;
mod lines;
pub mod pipe;

use crate::text::fold::{Marker, Value};
use cells::{make_cell, table_cells};
use lines::{LineClass, classify, lines};
use std::any::Any;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// What kind of block this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading line: Markdown `#`, a `一、` line, a bold line, `第一部分 …`.
    Heading,
    /// A line of running text.
    Prose,
    /// Table-ish lines: pipe rows, tab rows, short cell lines.
    Table,
    /// An HTML comment line (suppressions).
    Comment,
}

/// One cell: a pipe cell, a tab cell, or a whole line.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Byte range of the cell's trimmed text, relative to the block start. An empty cell has
    /// an empty range at the place where its text would go.
    pub range: Range<usize>,
    /// Folded text (simplified, half-width, no whitespace).
    pub folded: String,
    /// The value the cell holds, or `Text` for a label.
    pub value: Value,
    /// Ordinal marker of a label.
    pub marker: Option<Marker>,
    /// Matching key of the label body (after the marker).
    pub key: String,
    /// The source row of the cell within its block (a pipe row with its continuation lines, a
    /// tab-separated line, a label line with its numbers, or a line holding one cell).
    pub row: u32,
    /// Position of the cell within its row (0-based).
    pub col: u16,
    /// How the row was written: whether the cell's position in it means anything.
    pub layout: RowLayout,
    /// The row is a Markdown table's header row (a delimiter row `|---|` follows it).
    pub header: bool,
}

/// How a source row holds its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLayout {
    /// A pipe row (a Markdown table, typed or converted): every cell, an empty one included,
    /// is a position.
    Pipe,
    /// A tab-separated line (copied from a web page or a word processor): every cell is a
    /// position, but trailing empty cells may have been trimmed with the line's whitespace.
    Tabs,
    /// A label followed by numbers separated by spaces (text extracted from a PDF): empty
    /// cells leave no trace, so only a full row places its numbers for certain.
    Spaced,
    /// A line holding one cell (one cell per line, tab-indented cells, headings, prose).
    Single,
}

impl RowLayout {
    /// Cells at positions: a pipe row or a tab-separated line.
    pub fn is_grid(self) -> bool {
        matches!(self, RowLayout::Pipe | RowLayout::Tabs)
    }
}

/// A block with its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Absolute byte range: start of its first line to the end of its last line (line
    /// terminator excluded).
    pub start: usize,
    pub len: usize,
    pub kind: BlockKind,
    /// Markdown heading level, if the line starts with `#`.
    pub md_level: Option<u8>,
    pub cells: Vec<Cell>,
    /// What the analysis derives from this block alone, kept with it (see [`Memo`]).
    pub memo: Memo,
}

/// Data the analysis derives from one block alone, kept with the block: derived by the first
/// analysis after the block was parsed and reused by every later one until the block is parsed
/// again (the language server analyses the whole draft on every edit but reparses only the
/// blocks the edit touched; a block after the edit only shifts, and what is derived from it is
/// relative to its start). What it holds is the analysis's business — today the narrative facts
/// of a prose block (`check::facts`) — and one type per block. Clones share the derived value;
/// equality and `Debug` ignore it.
#[derive(Clone, Default)]
pub struct Memo(OnceLock<Arc<dyn Any + Send + Sync>>);

impl Memo {
    /// The value derived for this block, derived by `init` if this is the first time.
    ///
    /// Panics if the block holds a value of another type.
    pub fn get_or_init<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> &T {
        self.0
            .get_or_init(|| Arc::new(init()))
            .downcast_ref()
            .expect("a block's memo holds one type")
    }
}

impl PartialEq for Memo {
    fn eq(&self, _: &Memo) -> bool {
        true
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Block {
    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.len
    }
    pub fn end(&self) -> usize {
        self.start + self.len
    }
    /// Absolute range of a cell of this block.
    pub fn abs(&self, r: &Range<usize>) -> Range<usize> {
        self.start + r.start..self.start + r.end
    }
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.range()]
    }
}

/// Longest label of the formats is ~37 characters; anything much longer is running text.
const MAX_CELL_CHARS: usize = 44;

/// Split a document into blocks and parse each.
pub fn parse(text: &str) -> Vec<Block> {
    parse_range(text, 0)
}

/// Parse `text` (a slice of the document starting at absolute offset `base`) into blocks.
pub fn parse_range(text: &str, base: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut run: Option<(usize, usize)> = None; // (start, end) absolute of a table run
    let flush = |run: &mut Option<(usize, usize)>, blocks: &mut Vec<Block>| {
        if let Some((s, e)) = run.take() {
            blocks.push(parse_block(
                &text[s - base..e - base],
                s,
                BlockKind::Table,
                None,
            ));
        }
    };
    for line in lines(text, base) {
        let s = &text[line.start - base..line.end - base];
        match classify(s) {
            LineClass::Blank => flush(&mut run, &mut blocks),
            LineClass::Heading(level) => {
                flush(&mut run, &mut blocks);
                blocks.push(parse_block(s, line.start, BlockKind::Heading, level));
            }
            LineClass::Prose => {
                // A long line that continues a pipe or tab cell stays in its table run.
                if let Some((rs, _)) = run {
                    let prev = &text[rs - base..line.start - base];
                    let last = prev
                        .trim_end_matches(['\n', '\r'])
                        .rsplit(['\n', '\r'])
                        .next();
                    if last.is_some_and(|l| l.contains('|') && !l.trim_end().ends_with('|')) {
                        run = Some((rs, line.end));
                        continue;
                    }
                }
                flush(&mut run, &mut blocks);
                blocks.push(parse_block(s, line.start, BlockKind::Prose, None));
            }
            LineClass::Comment => {
                flush(&mut run, &mut blocks);
                blocks.push(parse_block(s, line.start, BlockKind::Comment, None));
            }
            LineClass::Pipe | LineClass::Tab | LineClass::Short => {
                run = Some((run.map_or(line.start, |r| r.0), line.end));
            }
        }
    }
    flush(&mut run, &mut blocks);
    blocks
}

/// Parse one block's text (`start` is its absolute offset).
pub fn parse_block(text: &str, start: usize, kind: BlockKind, md_level: Option<u8>) -> Block {
    let mut cells = Vec::new();
    match kind {
        BlockKind::Heading => {
            // Skip the `#`s, wherever the indentation puts them.
            let from = match md_level {
                Some(l) => text.find('#').map_or(0, |i| i + l as usize),
                None => 0,
            };
            cells.push(make_cell(text, from..text.len()));
        }
        BlockKind::Prose | BlockKind::Comment => cells.push(make_cell(text, 0..text.len())),
        BlockKind::Table => table_cells(text, &mut cells),
    }
    Block {
        start,
        len: text.len(),
        kind,
        md_level,
        cells,
        memo: Memo::default(),
    }
}

#[cfg(test)]
mod tests;
