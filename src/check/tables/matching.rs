//! Matching label cells against the rows, columns and header labels of a format's table:
//! exact, another ordinal marker, a listed variant, shortened or extended, or OCR damage within
//! edit distance 2. Indexes are built once per format table; matches are remembered per thread.

use super::{DocCell, Quality};
use crate::format::{self, TableKind};
use crate::text::fold::{self, Marker};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A row pattern for matching.
#[derive(Debug)]
pub(super) struct Pattern {
    pub(super) row: &'static str,
    pub(super) marker: Option<Marker>,
    pub(super) key: String,
    /// Characters in `key`.
    pub(super) len: usize,
    pub(super) variants: Vec<String>,
    pub(super) ncols: usize,
}

#[derive(Debug)]
pub(super) struct Index {
    pub(super) format: &'static str,
    pub(super) table: &'static str,
    pub(super) rows: Vec<Pattern>,
    /// Keys of header labels, column labels and block labels.
    pub(super) headers: Vec<String>,
    /// Keys of labels that only another format uses (the table's `foreign_signals`).
    pub(super) foreign: Vec<String>,
    /// Keys of the value columns' labels (grid and single-row tables), in order.
    pub(super) columns: Vec<String>,
}

fn label_parts(label: &str) -> (Option<Marker>, String) {
    let f = fold::fold_str(label);
    let (m, at) = fold::split_marker(&f);
    (m, fold::key_of_folded(&f[at..]))
}

pub(super) fn indexes() -> &'static [Index] {
    static IDX: OnceLock<Vec<Index>> = OnceLock::new();
    IDX.get_or_init(|| {
        let mut out = Vec::new();
        for f in format::all() {
            for t in &f.tables {
                let mut rows = Vec::new();
                let mut headers: Vec<String> =
                    t.header_labels.iter().map(|h| fold::key(h)).collect();
                headers.extend(t.columns.iter().map(|c| fold::key(&c.label)));
                headers.extend(
                    t.columns
                        .iter()
                        .filter_map(|c| c.group.as_ref())
                        .flat_map(|g| g.split('›').map(fold::key).collect::<Vec<_>>()),
                );
                let all_rows: Vec<(&'static format::Row, usize)> = match t.kind {
                    TableKind::Blocks => t
                        .sections
                        .iter()
                        .flat_map(|b| {
                            headers.push(fold::key(&b.label));
                            headers.extend(b.columns.iter().map(|c| fold::key(&c.label)));
                            b.rows.iter().map(move |r| (r, b.columns.len()))
                        })
                        .collect(),
                    _ => t.rows.iter().map(|r| (r, t.columns.len())).collect(),
                };
                for (r, ncols) in all_rows {
                    let (marker, key) = label_parts(&r.label);
                    rows.push(Pattern {
                        row: &r.id,
                        marker,
                        len: key.chars().count(),
                        key,
                        variants: r.variants.iter().map(|v| label_parts(v).1).collect(),
                        ncols,
                    });
                }
                headers.retain(|h| !h.is_empty());
                headers.sort();
                headers.dedup();
                let foreign = t
                    .foreign_signals
                    .iter()
                    .map(|s| fold::key(s))
                    .filter(|k| !k.is_empty() && headers.binary_search(k).is_err())
                    .filter(|k| !rows.iter().any(|p| &p.key == k))
                    .collect();
                out.push(Index {
                    format: &f.id,
                    table: &t.id,
                    rows,
                    headers,
                    foreign,
                    columns: t.columns.iter().map(|c| fold::key(&c.label)).collect(),
                });
            }
        }
        out
    })
}

/// Whether a label key is (exactly) the key of a row of some format's table: such a heading
/// repeats a row (converter output), it is no part heading.
pub fn is_row_key(key: &str) -> bool {
    indexes()
        .iter()
        .any(|i| i.rows.iter().any(|p| p.key == key))
}

pub(super) fn index(format: &str, table: &str) -> &'static Index {
    indexes()
        .iter()
        .find(|i| i.format == format && i.table == table)
        .expect("format table index")
}

/// `match_key_uncached`, remembered per thread: the same labels recur in every report of a
/// batch and in every version of a draft, and a label that matches no row goes through the
/// partial and edit-distance searches over every row.
pub(super) fn match_key(
    idx: &'static Index,
    marker: Option<Marker>,
    key: &str,
) -> Option<(usize, Quality)> {
    type Memo = HashMap<(usize, Option<Marker>), HashMap<String, Option<(usize, Quality)>>>;
    thread_local! {
        static MEMO: RefCell<Memo> = RefCell::new(HashMap::new());
    }
    let at = (idx as *const Index as usize, marker);
    if let Some(hit) = MEMO.with_borrow(|m| m.get(&at).and_then(|m| m.get(key).copied())) {
        return hit;
    }
    let found = match_key_uncached(idx, marker, key);
    MEMO.with_borrow_mut(|m| {
        let memo = m.entry(at).or_default();
        // Bounded: a long session of odd labels does not grow it without end.
        if memo.len() >= 4096 {
            memo.clear();
        }
        memo.insert(key.to_string(), found);
    });
    found
}

fn match_key_uncached(idx: &Index, marker: Option<Marker>, key: &str) -> Option<(usize, Quality)> {
    if key.is_empty() {
        return None;
    }
    let is_header = is_header_key(idx, key);
    for (i, p) in idx.rows.iter().enumerate() {
        if p.key == key {
            if marker == p.marker {
                return Some((i, Quality::Exact));
            }
            // A bare 总计 or 其他 is a column header, not the row.
            if !is_header && (marker.is_none() || p.marker.is_none() || same_kind(marker, p.marker))
            {
                return Some((i, Quality::Marker));
            }
        }
    }
    if is_header {
        return None;
    }
    for (i, p) in idx.rows.iter().enumerate() {
        if p.variants.iter().any(|v| v == key) {
            return Some((i, Quality::Variant));
        }
    }
    let klen = key.chars().count();
    if klen >= 4 {
        // Shortened (部分公开) or prefixed (不予公开-属于国家秘密) labels.
        let mut best: Option<(usize, usize)> = None;
        for (i, p) in idx.rows.iter().enumerate() {
            let plen = p.len;
            if plen >= 4
                && (key.ends_with(p.key.as_str())
                    || (p.key.starts_with(key) && klen * 2 >= plen.min(8)))
                && best.is_none_or(|(_, l)| plen > l)
            {
                best = Some((i, plen));
            }
        }
        if let Some((i, _)) = best {
            return Some((i, Quality::Partial));
        }
        let max = if klen >= 6 { 2 } else { 1 };
        let mut best: Option<(usize, usize)> = None;
        for (i, p) in idx.rows.iter().enumerate() {
            if p.len.abs_diff(klen) > max {
                continue;
            }
            if let Some(d) = fold::distance(key, &p.key, max)
                && best.is_none_or(|(_, bd)| d < bd)
            {
                best = Some((i, d));
            }
        }
        if let Some((i, _)) = best {
            return Some((i, Quality::Fuzzy));
        }
    }
    None
}

fn same_kind(a: Option<Marker>, b: Option<Marker>) -> bool {
    matches!(
        (a, b),
        (Some(Marker::Cn(_)), Some(Marker::Cn(_)))
            | (Some(Marker::Paren(_)), Some(Marker::Paren(_)))
            | (Some(Marker::Num(_)), Some(Marker::Num(_)))
    )
}

pub(super) fn is_header_key(idx: &Index, key: &str) -> bool {
    // `headers` is sorted.
    !key.is_empty()
        && idx
            .headers
            .binary_search_by(|h| h.as_str().cmp(key))
            .is_ok()
}

/// Nearest standard label for an unknown row, if any is reasonably close.
pub(super) fn suggest(idx: &Index, key: &str) -> Option<usize> {
    let klen = key.chars().count();
    let max = (klen / 2).clamp(1, 4);
    idx.rows
        .iter()
        .enumerate()
        .filter(|(_, p)| p.len.abs_diff(klen) <= max)
        .filter_map(|(i, p)| fold::distance(key, &p.key, max).map(|d| (i, d)))
        .min_by_key(|(_, d)| *d)
        .map(|(i, _)| i)
}

/// The header count and word keys of a cell holding header words separated by spaces, when at
/// least two of them are headers.
pub(super) fn header_words(idx: &Index, c: &DocCell) -> Option<(usize, Vec<String>)> {
    if !c
        .text
        .contains(|ch: char| ch.is_whitespace() || ch == '\u{3000}')
    {
        return None;
    }
    let keys: Vec<String> = c
        .text
        .split(|ch: char| ch.is_whitespace() || ch == '\u{3000}')
        .filter(|w| !w.is_empty())
        .map(fold::key)
        .collect();
    let headers = keys.iter().filter(|k| is_header_key(idx, k)).count();
    (keys.len() >= 2 && headers >= 2).then_some((headers, keys))
}
