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

pub mod incremental;
pub mod pipe;

use crate::text::fold::{self, Marker, Value};
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

/// A line: `start..end` is its content, without the line terminator.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn lines(text: &str, base: usize) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let mut i = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |k| pos + k);
        let end = i;
        if i < bytes.len() {
            i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        pos = i;
        Some(Line {
            start: base + start,
            end: base + end,
        })
    })
}

fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}')
}

/// Longest label of the formats is ~37 characters; anything much longer is running text.
const MAX_CELL_CHARS: usize = 44;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineClass {
    Blank,
    Heading(Option<u8>),
    Prose,
    Comment,
    Pipe,
    Tab,
    Short,
}

fn md_heading_level(t: &str) -> Option<u8> {
    let hashes = t.bytes().take_while(|b| *b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
        Some(hashes as u8)
    } else {
        None
    }
}

fn classify(line: &str) -> LineClass {
    if is_blank(line) {
        // A line of tabs is a row of empty cells (tab-indented layouts), not a separator.
        return if line.contains('\t') {
            LineClass::Tab
        } else {
            LineClass::Blank
        };
    }
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if is_page_number(t) || t.starts_with('+') && is_separator_row(t) {
        // A page number inside extracted text (`- 3 -`, `第3页`), or the border of a grid table
        // (`+----+----+`), separates like a blank line.
        return LineClass::Blank;
    }
    if t.starts_with("<!--") {
        return LineClass::Comment;
    }
    if let Some(level) = md_heading_level(t) {
        return LineClass::Heading(Some(level));
    }
    if t.contains('|') {
        return LineClass::Pipe;
    }
    // Any tab after the indentation separates cells, trailing ones included (empty cells).
    let inner_tab = line.trim_start_matches('\t').contains('\t');
    if inner_tab {
        return LineClass::Tab;
    }
    let chars = t.chars().count();
    if chars > MAX_CELL_CHARS {
        // A long row label followed by its numbers (PDF text) is a table row.
        if spaced_split(t).is_some_and(|(at, _)| t[..at].chars().count() <= MAX_CELL_CHARS) {
            return LineClass::Short;
        }
        // Too long for a heading or a cell: no need to fold it.
        return LineClass::Prose;
    }
    // A label with its numbers on the line (`规章 0 0 0`, PDF text) is a row, never a heading.
    if spaced_split(t).is_some() {
        return LineClass::Short;
    }
    let f = fold::fold_str(t);
    if looks_like_heading(&f) {
        return LineClass::Heading(None);
    }
    if line.starts_with('\t') && chars <= MAX_CELL_CHARS {
        return LineClass::Tab;
    }
    // A sentence (ends with 。) is running text however short; labels never end with 。.
    if chars > MAX_CELL_CHARS || (f.ends_with('。') && chars >= 4) {
        LineClass::Prose
    } else {
        LineClass::Short
    }
}

/// A page number printed inside extracted text: `- 3 -`, `— 4 —`, `第3页`, `第 3 页 共 10 页`.
fn is_page_number(t: &str) -> bool {
    // Cheap test first: every line comes here.
    if !t.starts_with(['-', '—', '–', '－', '─', '第']) || t.len() > 40 {
        return false;
    }
    let t: String = t.chars().filter(|c| !is_pad(*c)).collect();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    let dashes = ['-', '—', '–', '－', '─'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|r| r.strip_suffix(dashes)) {
        return digits(inner.trim_matches(dashes));
    }
    if let Some(r) = t.strip_prefix('第') {
        let (page, rest) = r.split_once('页').unwrap_or((r, "-"));
        return digits(page)
            && (rest.is_empty()
                || rest
                    .strip_prefix('共')
                    .and_then(|x| x.strip_suffix('页'))
                    .is_some_and(digits));
    }
    false
}

/// A line that ends in numbers separated by spaces (`规章 0 0 0`, `行政许可 550`,
/// `0 0 0 0 0`): the byte offset where the numbers start and the byte ranges of the numbers.
/// The text before them, if any, must hold a CJK label; a single number needs such a label.
fn spaced_split(line: &str) -> Option<(usize, Vec<Range<usize>>)> {
    // Cheap test first (every short line comes here): a number, a dash, an OCR letter or a unit
    // at the end, and a space somewhere before it.
    let body = line.trim_end_matches(is_pad);
    let last = body.chars().next_back()?;
    if !(last.is_ascii_digit()
        || ('０'..='９').contains(&last)
        || matches!(
            last,
            'O' | 'o'
                | 'l'
                | 'I'
                | '-'
                | '/'
                | '—'
                | '－'
                | '无'
                | '元'
                | '件'
                | '条'
                | '项'
                | '个'
                | '次'
                | '人'
        ))
        || !body.contains(|c: char| is_pad(c))
    {
        return None;
    }
    // Whitespace-separated tokens from the end.
    let mut nums: Vec<Range<usize>> = Vec::new();
    let mut end = line.len();
    let mut any_number = false;
    loop {
        let body = line[..end].trim_end_matches(is_pad);
        if body.is_empty() {
            end = 0;
            break;
        }
        let start = body
            .char_indices()
            .rev()
            .find(|(_, c)| is_pad(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let token = &body[start..];
        let folded = fold::fold_str(token);
        match fold::parse_value(&folded) {
            Value::Number(_) | Value::Ocr(_) => any_number = true,
            // An empty cell written as `-` or `/`, or a number with a stray character glued
            // to it (OCR), among the numbers.
            Value::Dash | Value::Garbled(_) => {}
            _ => {
                end = body.len();
                break;
            }
        }
        nums.push(start..body.len());
        if start == 0 {
            end = 0;
            break;
        }
        end = start;
    }
    if !any_number {
        return None;
    }
    nums.reverse();
    let label = line[..end].trim_matches(is_pad);
    if label.is_empty() {
        // Numbers alone: at least two (one number on a line is a one-cell line).
        return (nums.len() >= 2).then_some((nums[0].start, nums));
    }
    let f = fold::fold_str(label);
    // The text before the numbers must be a label: CJK, no sentence end, not a date or unit.
    let ok = fold::cjk_count(&f) >= 2
        && !f.contains('。')
        && !f.ends_with(['年', '月', '日', '第', '共', '为', '（', '('])
        && f.chars().count() <= 3 * MAX_CELL_CHARS;
    ok.then_some((nums[0].start, nums))
}

/// A heading candidate: `一、…` short line, a bold line, `第一部分 …`.
fn looks_like_heading(folded: &str) -> bool {
    let chars = folded.chars().count();
    if chars > MAX_CELL_CHARS || folded.ends_with('。') {
        return false;
    }
    if folded.starts_with("**") && folded.ends_with("**") && chars > 4 {
        return true;
    }
    if folded.starts_with('第') && folded.contains("部分") {
        return true;
    }
    match fold::split_marker(folded) {
        (Some(Marker::Cn(_)), _) => true,
        // `总体情况`, `1.总体情况`: a part title without the 一、 ordinal.
        (None | Some(Marker::Num(_)), at) => {
            part_title_keys().contains(&fold::key_of_folded(&folded[at..]))
        }
        _ => false,
    }
}

/// Keys of the part titles and their accepted variants, in every format.
fn part_title_keys() -> &'static std::collections::HashSet<String> {
    static KEYS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        crate::format::all()
            .iter()
            .flat_map(|f| f.parts.iter())
            .flat_map(|p| std::iter::once(&p.title).chain(p.variants.iter()))
            .map(|t| fold::key(t))
            .collect()
    })
}

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

fn make_cell(text: &str, r: Range<usize>) -> Cell {
    let raw = &text[r.clone()];
    // Trim to the visible text.
    let lead = raw.len() - raw.trim_start_matches(is_pad).len();
    let trail = raw.len() - raw.trim_end_matches(is_pad).len();
    let range = if lead == raw.len() {
        // Empty: point at the middle of the padding (after one space if there is one).
        let at = r.start + raw.len().min(usize::from(raw.starts_with(' ')));
        at..at
    } else {
        r.start + lead..r.end - trail
    };
    let visible = &text[range.clone()];
    let folded = fold::fold_str(visible);
    let long = folded.len() > 3 * MAX_CELL_CHARS || folded.chars().count() > MAX_CELL_CHARS;
    let value = if long {
        Value::Text
    } else {
        match fold::parse_value(&folded) {
            // `3 4`: two numbers in one cell (a dropped separator), not 34.
            Value::Number(n) if digits_split_by_space(visible) => Value::Garbled(n),
            v => v,
        }
    };
    // Running text is never a label: it gets no key.
    let (marker, key) = if value == Value::Text && !long {
        let (m, at) = fold::split_marker(&folded);
        (m, fold::key_of_folded(&folded[at..]))
    } else {
        (None, String::new())
    };
    Cell {
        range,
        folded,
        value,
        marker,
        key,
        row: 0,
        col: 0,
        layout: RowLayout::Single,
        header: false,
    }
}

fn digits_split_by_space(s: &str) -> bool {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(3)
        .any(|w| w[0].is_ascii_digit() && is_pad(w[1]) && w[2].is_ascii_digit())
        || cs
            .windows(2)
            .any(|w| w[0].is_ascii_digit() && w[1] == '\u{3000}')
}

fn is_pad(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}'
}

/// A Markdown delimiter row (`|---|:--|`), an org-mode one (`|---+---|`) or a border of a grid
/// table (`+----+----+`, `+====+`).
fn is_separator_row(t: &str) -> bool {
    (t.contains('-') || t.contains('='))
        && t.chars()
            .all(|c| matches!(c, '|' | '+' | '-' | '=' | ':' | ' ' | '\t' | '\u{3000}'))
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

/// Cells of a run of table-ish lines. Pipe and tab lines split into cells (a pipe line indented
/// deeper than the row it follows continues that row: HTML tables flattened with one cell per
/// line); a line without a separator after a pipe or tab line continues the last cell; a
/// label followed by numbers splits at the spaces; other lines are one cell each.
fn table_cells(text: &str, cells: &mut Vec<Cell>) {
    // Raw ranges first, so continuations can extend the last one.
    let mut raw: Vec<(Range<usize>, u32, u16, RowLayout)> = Vec::new();
    // Rows followed by a delimiter row.
    let mut headers: Vec<u32> = Vec::new();
    // The last separated line: a pipe row (`Some(true)`) or a tab row (`Some(false)`).
    let mut prev_split: Option<bool> = None;
    // The last pipe line opened its row with `|` and did not close it: a line without pipes at
    // the margin still continues its last cell.
    let mut pipe_open = false;
    // Row number; the indentation of the pipe line that opened the row, and whether it opened
    // with `|`.
    let mut row: u32 = 0;
    let mut started = false;
    let mut pipe_row_indent: Option<(usize, bool)> = None;
    let next_row = |started: &mut bool, row: &mut u32| {
        if *started {
            *row += 1;
        }
        *started = true;
    };
    for line in lines(text, 0) {
        let s = &text[line.start..line.end];
        // (Page numbers and grid-table borders never get here: they end the run.)
        if is_blank(s) && !s.contains('\t') {
            continue;
        }
        if s.contains('|') {
            prev_split = Some(true);
            if is_separator_row(s) {
                if pipe_row_indent.is_some() {
                    headers.push(row);
                }
                pipe_row_indent = None;
                continue;
            }
            let lead = s.len() - s.trim_start().len();
            // Only a row opened with `|` at its margin continues on deeper lines (HTML flattened
            // one cell per line); ` | `-joined rows each hold a whole row.
            let continues = pipe_row_indent.is_some_and(|(i, opened)| opened && lead > i);
            let opens = s[lead..].starts_with('|');
            if !continues {
                next_row(&mut started, &mut row);
                pipe_row_indent = Some((lead, opens));
            }
            let mut col = if continues {
                raw.last().map_or(0, |r| r.2 + 1)
            } else {
                0
            };
            let mut a = line.start + lead;
            let t = s.trim();
            let mut b = line.start + lead + t.len();
            if text[a..b].starts_with('|') {
                a += 1;
            }
            // A closing pipe ends the row; but in a row written without the opening pipe
            // (`a | b | `, cells joined by ` | `), a last pipe followed by spaces stands before an
            // empty last cell.
            let spaced_end = !opens && s.trim_end_matches(['\r', '\n']).len() > lead + t.len();
            let ends_with_pipe =
                b > a && text[a..b].ends_with('|') && !text[a..b].ends_with("\\|") && !spaced_end;
            if ends_with_pipe {
                b -= 1;
            }
            let mut cs = a;
            for (i, ch) in text[a..b].char_indices() {
                if ch == '|' && (i == 0 || text.as_bytes()[a + i - 1] != b'\\') {
                    raw.push((cs..a + i, row, col, RowLayout::Pipe));
                    col = col.saturating_add(1);
                    cs = a + i + 1;
                }
            }
            raw.push((cs..b, row, col, RowLayout::Pipe));
            pipe_open = pipe_row_indent.is_some_and(|(_, opened)| opened) && !ends_with_pipe;
            if !continues && !ends_with_pipe && text[a..b].trim().is_empty() && raw.len() > 1 {
                // A dangling `|` only closes the previous cell (within a row broken over indented
                // lines, `| ` alone is an empty cell).
                raw.pop();
            }
        } else if s.contains('\t') {
            prev_split = Some(false);
            pipe_row_indent = None;
            let body = s.trim_end_matches(|c: char| c != '\t' && is_pad(c));
            let pieces: Vec<(usize, &str)> = split_tabs(body);
            next_row(&mut started, &mut row);
            if pieces.len() == 2 && pieces[0].1.trim().is_empty() {
                // Tab-indented single cell.
                let (off, p) = pieces[1];
                raw.push((
                    line.start + off..line.start + off + p.len(),
                    row,
                    0,
                    RowLayout::Single,
                ));
            } else {
                for (col, (off, p)) in pieces.into_iter().enumerate() {
                    let col = u16::try_from(col).unwrap_or(u16::MAX);
                    raw.push((
                        line.start + off..line.start + off + p.len(),
                        row,
                        col,
                        RowLayout::Tabs,
                    ));
                }
            }
        } else if !raw.is_empty()
            && (prev_split == Some(false)
                || prev_split == Some(true) && (pipe_open || s.starts_with(|c: char| is_pad(c))))
        {
            // Continuation of the last cell (a cell broken across lines): any line after a tab
            // row; after a pipe row, an indented line or any line while the row is still open (a
            // line at the margin after a closed or ` | `-joined row is a row of its own).
            let last = raw.last_mut().expect("non-empty");
            last.0.end = line.end;
        } else {
            next_row(&mut started, &mut row);
            let lead = s.len() - s.trim_start_matches(is_pad).len();
            let body = &s[lead..];
            // A label with its numbers after it (PDF text), or a label alone; labels side by
            // side on the line (a group beside its first row) are cells of their own.
            let (at, nums) = spaced_split(body).unwrap_or((body.len(), Vec::new()));
            let layout = if nums.is_empty() {
                RowLayout::Single
            } else {
                RowLayout::Spaced
            };
            let base = line.start + lead;
            for (col, piece) in split_labels(&body[..at])
                .into_iter()
                .chain(nums)
                .enumerate()
            {
                let col = u16::try_from(col).unwrap_or(u16::MAX);
                raw.push((base + piece.start..base + piece.end, row, col, layout));
            }
        }
    }
    cells.extend(raw.into_iter().map(|(r, row, col, layout)| {
        let mut c = make_cell(text, r);
        c.row = row;
        c.col = col;
        c.layout = layout;
        c.header = layout == RowLayout::Pipe && headers.contains(&row);
        c
    }));
}

/// A label line split where a marked label follows a space: a group label printed beside its
/// first row (`(四)无法提供 1.本机关不掌握相关政 府信息`), or one character of a group label
/// printed vertically beside a row (`年 3.其他`, PDF text).
fn split_labels(label: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in label.char_indices() {
        if !is_pad(c) || i + c.len_utf8() >= label.len() {
            continue;
        }
        let next = i + c.len_utf8();
        // Cheap test first: a marker starts with a digit, a bracket or a Chinese numeral.
        let Some(first) = label[next..].chars().next() else {
            continue;
        };
        if !(first.is_ascii_digit()
            || matches!(first, '(' | '（' | '〔' | '[' | '【' | '①'..='⑳')
            || "一二三四五六七八九十".contains(first)
            || ('０'..='９').contains(&first))
        {
            continue;
        }
        let rest = fold::fold_str(&label[next..]);
        let head = fold::fold_str(label[start..i].trim_matches(is_pad));
        let stray = head.chars().count() == 1;
        if fold::split_marker(&rest).0.is_some() && (stray || fold::split_marker(&head).0.is_some())
        {
            out.push(start..i);
            start = next;
        }
    }
    out.push(start..label.trim_end_matches(is_pad).len());
    out.retain(|r| !label[r.clone()].trim_matches(is_pad).is_empty());
    out
}

fn split_tabs(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        if b == b'\t' {
            out.push((start, &s[start..i]));
            start = i + 1;
        }
    }
    out.push((start, &s[start..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<String> {
        parse(text)
            .iter()
            .flat_map(|b| b.cells.iter().map(|c| c.folded.clone()).collect::<Vec<_>>())
            .collect()
    }

    #[test]
    fn gfm_rows() {
        let t = "| 规章 | 0 | 1 | 2 |\n|---|---|---|---|\n| 行政许可 | 3 | | |\n";
        assert_eq!(cells(t), ["规章", "0", "1", "2", "行政许可", "3", "", ""]);
    }

    #[test]
    fn flattened_pipe_cells_break_across_lines() {
        let t = "| 自 \n         然 \n         人 \n         | 法人或其他组织 \n         | |||\n";
        assert_eq!(cells(t), ["自然人", "法人或其他组织", "", "", ""]);
    }

    #[test]
    fn tab_indented_cells_continue() {
        let t = "\t信息内容\n\t本年新\n公开数量\n\t对外公开\n总数量\n\n\t规章\n\t0  \n\t\n";
        assert_eq!(
            cells(t),
            [
                "信息内容",
                "本年新公开数量",
                "对外公开总数量",
                "规章",
                "0",
                ""
            ]
        );
    }

    #[test]
    fn tab_separated_rows_keep_empty_cells() {
        let t = "规章\t0\t0\t\t0\t\t\n";
        assert_eq!(cells(t), ["规章", "0", "0", "", "0", "", ""]);
    }

    #[test]
    fn one_cell_per_line() {
        let t = "規章\n0\n0\n0\n行政規範性檔案\n";
        assert_eq!(cells(t), ["规章", "0", "0", "0", "行政规范性档案"]);
    }

    #[test]
    fn headings_prose_and_ranges() {
        let t = "# 一、总体情况\n\n2021年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作，取得了积极成效。\n三、本年度办理结果\n";
        let b = parse(t);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].kind, BlockKind::Heading);
        assert_eq!(b[0].md_level, Some(1));
        assert_eq!(&t[b[0].abs(&b[0].cells[0].range)], "一、总体情况");
        assert_eq!(b[1].kind, BlockKind::Prose);
        assert_eq!(b[2].kind, BlockKind::Heading);
        assert_eq!(b[2].cells[0].marker, Some(Marker::Cn(3)));
        assert_eq!(b[2].cells[0].key, "本年度办理结果");
    }

    #[test]
    fn crlf_and_cr_lines() {
        let t = "规章\r\n0\r1\n";
        assert_eq!(cells(t), ["规章", "0", "1"]);
    }
}
