//! Cells of a block: the cells of a table run's pipe, tab and spaced rows, and one cell with its
//! folded text, value, marker and key.

use super::lines::{is_blank, is_pad, is_separator_row, lines};
use super::{Cell, MAX_CELL_CHARS, RowLayout};
use crate::text::fold::{self, Value};
use std::ops::Range;

/// A line that ends in numbers separated by spaces (`规章 0 0 0`, `行政许可 550`,
/// `0 0 0 0 0`): the byte offset where the numbers start and the byte ranges of the numbers.
/// The text before them, if any, must hold a CJK label; a single number needs such a label.
pub(super) fn spaced_split(line: &str) -> Option<(usize, Vec<Range<usize>>)> {
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

pub(super) fn make_cell(text: &str, r: Range<usize>) -> Cell {
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

/// Cells of a run of table-ish lines. Pipe and tab lines split into cells (a pipe line indented
/// deeper than the row it follows continues that row: HTML tables flattened with one cell per
/// line); a line without a separator after a pipe or tab line continues the last cell; a
/// label followed by numbers splits at the spaces; other lines are one cell each.
pub(super) fn table_cells(text: &str, cells: &mut Vec<Cell>) {
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
