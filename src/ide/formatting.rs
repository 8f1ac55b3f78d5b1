//! Table formatting: aligns the cells of every pipe table by East-Asian display width. Only
//! whitespace changes.

use super::Edit;
use crate::syntax::pipe;
use crate::text::position::{LineIndex, line_content};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Aligns the cells of every pipe table by East-Asian display width. Only whitespace changes.
pub fn format_tables(text: &str) -> Vec<Edit> {
    let idx = LineIndex::new(text);
    let lines: Vec<Range<usize>> = (0..idx.line_count())
        .map(|l| {
            let (s, e) = line_content(&idx, text, l);
            s..e
        })
        .collect();

    let mut edits = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !text[lines[i].clone()].trim_start().starts_with('|') {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && text[lines[j].clone()].trim_start().starts_with('|') {
            j += 1;
        }
        let run = &lines[i..j];
        let rows: Option<Vec<(&str, Vec<&str>)>> = run
            .iter()
            .map(|r| {
                let line = &text[r.clone()];
                let content = line.trim();
                let indent = &line[..line.len() - line.trim_start().len()];
                pipe::cells(content).map(|c| (indent, c))
            })
            .collect();
        if let Some(rows) = rows {
            let ncols = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
            let mut widths = vec![0usize; ncols];
            for (_, cells) in &rows {
                for (k, c) in cells.iter().enumerate() {
                    widths[k] = widths[k].max(c.width());
                }
            }
            for (r, (indent, cells)) in run.iter().zip(&rows) {
                let mut out = String::from(*indent);
                out.push('|');
                for (k, c) in cells.iter().enumerate() {
                    out.push(' ');
                    out.push_str(c);
                    out.push_str(&" ".repeat(widths[k] - c.width()));
                    out.push_str(" |");
                }
                if out != text[r.clone()] {
                    edits.push(Edit {
                        range: r.clone(),
                        text: out,
                    });
                }
            }
        }
        i = j;
    }
    edits
}

/// The edits of [`format_tables`] for the rows touching `range`, each aligned to its whole
/// table.
pub fn format_range(text: &str, range: Range<usize>) -> Vec<Edit> {
    format_tables(text)
        .into_iter()
        .filter(|e| e.range.start <= range.end && range.start <= e.range.end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_only_changes_whitespace() {
        let text = "前言\n\n| 甲 | b |\n|---|:-:|\n|一二三|4|\r\n| x \\| y | 五 |\nend\n";
        let mut out = text.to_string();
        for e in format_tables(text).into_iter().rev() {
            out.replace_range(e.range, &e.text);
        }
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(strip(&out), strip(text));
        let widths: Vec<usize> = out
            .lines()
            .filter(|l| l.starts_with('|'))
            .map(unicode_width::UnicodeWidthStr::width)
            .collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{out}");
        assert!(out.contains("\r\n"));
    }

    mod props {
        use super::super::format_tables;
        use proptest::prelude::*;

        fn apply(text: &str, edits: Vec<crate::ide::Edit>) -> String {
            let mut out = text.to_string();
            for e in edits.into_iter().rev() {
                out.replace_range(e.range, &e.text);
            }
            out
        }

        fn strip(s: &str) -> String {
            s.chars().filter(|c| !c.is_whitespace()).collect()
        }

        /// A cell: CJK, full-width forms, emoji (with ZWJ and variation selectors), ASCII,
        /// escaped pipes and inner spaces, padded with ASCII, tab and ideographic spaces.
        fn cell() -> impl Strategy<Value = String> {
            let token = prop::sample::select(vec![
                "政府",
                "信息",
                "公开",
                "（一）",
                "１２３",
                "ＡＢ",
                "，",
                "。",
                "😀",
                "👨‍👩‍👧",
                "❤️",
                "0",
                "42",
                "abc",
                "-",
                "---",
                ":-:",
                "\\|",
                "\\",
                " ",
                "　",
                "𠀀",
                "—",
            ]);
            let pad = prop::sample::select(vec!["", " ", "  ", "\t", "　"]);
            (pad.clone(), prop::collection::vec(token, 0..4), pad)
                .prop_map(|(a, t, b)| format!("{a}{}{b}", t.concat()))
        }

        /// A pipe row (ragged: 1–6 cells), with indentation and trailing blanks; sometimes
        /// without its closing pipe.
        fn row() -> impl Strategy<Value = String> {
            (
                prop::sample::select(vec!["", " ", "  ", "\t"]),
                prop::collection::vec(cell(), 1..7),
                prop::sample::select(vec!["", " ", "\t"]),
                prop::bool::weighted(0.9),
            )
                .prop_map(|(indent, cells, trail, closed)| {
                    let mut s = format!("{indent}|{}", cells.join("|"));
                    if closed {
                        s.push('|');
                    }
                    s.push_str(trail);
                    s
                })
        }

        fn document() -> impl Strategy<Value = String> {
            (
                prop::collection::vec(
                    prop_oneof![
                        3 => row(),
                        1 => Just("正文一段，含｜全角竖线。".to_string()),
                        1 => Just(String::new()),
                    ],
                    0..14,
                ),
                prop::sample::select(vec!["\n", "\r\n", "\r"]),
            )
                .prop_map(|(lines, eol)| lines.join(eol))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            #[test]
            fn table_formatting_is_idempotent_and_only_moves_whitespace(text in document()) {
                let once = apply(&text, format_tables(&text));
                prop_assert_eq!(strip(&once), strip(&text));
                let again = format_tables(&once);
                prop_assert!(again.is_empty(), "not idempotent: {:?} → {:?}", once, again);
                // Line structure is kept.
                prop_assert_eq!(once.matches('\n').count(), text.matches('\n').count());
                prop_assert_eq!(once.matches('\r').count(), text.matches('\r').count());
            }
        }
    }
}
