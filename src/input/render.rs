//! The canonical Markdown rendering of a [`Document`] and its map back to the source.

use super::{Block, Document, Source, Table, join_lines};
use std::ops::Range;

/// A document rendered as Markdown, with where each part of the text came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendering {
    pub text: String,
    pub map: SourceMap,
}

/// Where the ranges of a rendering came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// Byte ranges of the rendering and their sources, in text order, not overlapping. A
    /// paragraph's range is its lines; a table cell's runs from just after the `|` before it to
    /// the `|` after it. Gaps (blank lines, table separator rows, the closing `|`) belong to no
    /// range.
    pub spans: Vec<(Range<usize>, Source)>,
}

impl SourceMap {
    /// Where the text at `offset` came from: the range holding it, or else the nearest range
    /// before it (a blank line or a separator row is placed with what precedes it).
    pub fn source_at(&self, offset: usize) -> Option<Source> {
        let i = self.spans.partition_point(|(r, _)| r.start <= offset);
        if i == 0 {
            return self.spans.first().map(|(_, s)| *s);
        }
        Some(self.spans[i - 1].1)
    }
}

/// Render a document: headings as `#` lines, paragraphs as lines (a blank line after each
/// block), tables as GFM pipe tables whose first row is the header row, merged positions empty.
pub fn render(doc: &Document) -> Rendering {
    let mut r = Rendering::default();
    for b in &doc.blocks {
        match b {
            Block::Heading { level, text, at } => {
                let text = join_lines(text.lines());
                if text.is_empty() {
                    continue;
                }
                for _ in 0..(*level).clamp(1, 6) {
                    r.text.push('#');
                }
                r.text.push(' ');
                let start = r.text.len();
                r.text.push_str(&text);
                r.map.spans.push((start..r.text.len(), *at));
                r.text.push_str("\n\n");
            }
            Block::Paragraph { text, at } => {
                let lines: Vec<&str> = text
                    .lines()
                    // Trailing tabs stay: they are the empty last cells of a tab-separated row
                    // (a PDF table's row).
                    .map(|l| l.trim_end_matches(|c: char| c.is_whitespace() && c != '\t'))
                    .filter(|l| !l.trim().is_empty())
                    .collect();
                if lines.is_empty() {
                    continue;
                }
                let start = r.text.len();
                for (i, l) in lines.iter().enumerate() {
                    if i > 0 {
                        r.text.push('\n');
                    }
                    r.text.push_str(l);
                }
                r.map.spans.push((start..r.text.len(), *at));
                r.text.push_str("\n\n");
            }
            Block::Table(t) => table(&mut r, t),
        }
    }
    while r.text.ends_with("\n\n") {
        r.text.pop();
    }
    r
}

fn table(r: &mut Rendering, t: &Table) {
    let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return;
    }
    for (ri, row) in t.rows.iter().enumerate() {
        for c in 0..width {
            r.text.push('|');
            let start = r.text.len();
            r.text.push(' ');
            if let Some(cell) = row.get(c)
                && !cell.merged
            {
                // A `|` inside a cell would split it: the full-width bar reads the same.
                let text = join_lines(cell.text.lines()).replace('|', "｜");
                r.text.push_str(&text);
                if !text.is_empty() {
                    r.text.push(' ');
                }
            }
            r.map.spans.push((
                start..r.text.len(),
                Source::Cell {
                    table: t.number,
                    row: ri + 1,
                    col: c + 1,
                },
            ));
        }
        r.text.push_str("|\n");
        if ri == 0 {
            for _ in 0..width {
                r.text.push_str("|---");
            }
            r.text.push_str("|\n");
        }
    }
    r.text.push('\n');
}
