//! Property test (issue 6): on realistic drafts damaged at random — table cells changed to
//! other numbers, blanks, OCR letters, glued digits; labels clipped — every quick fix of every
//! finding changes only the ranges it names, and leaves a draft that still reads as a report
//! with the same parts, whose incremental reparse equals a full parse.
//!
//! Bounded for the test suite (48 drafts); a longer local run: `PROPTEST_CASES=2000 cargo test
//! --release --test fix_props`.

use nianbao::check::{self, Options};
use nianbao::syntax::{self, incremental::Parsed};
use proptest::prelude::*;

const CELL_VALUES: [&str; 10] = ["", "0", "7", "12", "O", "l2", "3 4", "-", "十", "１５"];

/// Byte ranges of the numeric cells of pipe-table rows.
fn numeric_cells(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with('|') {
            let mut at = line_start;
            for cell in line.split('|') {
                let t = cell.trim();
                if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                    let lead = cell.len() - cell.trim_start().len();
                    out.push(at + lead..at + lead + t.len());
                }
                at += cell.len() + 1;
            }
        }
        line_start += line.len();
    }
    out
}

/// Byte ranges of first cells (row labels) of pipe-table rows that carry a CJK label.
fn label_cells(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("| ")
            && let Some(end) = rest.find(" |")
            && rest[..end].chars().count() >= 4
            && !rest[..end].is_ascii()
        {
            out.push(line_start + 2..line_start + 2 + end);
        }
        line_start += line.len();
    }
    out
}

#[derive(Debug, Clone)]
enum Damage {
    Cell { which: usize, value: usize },
    ClipLabel { which: usize },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (any::<usize>(), 0..CELL_VALUES.len()).prop_map(|(which, value)| Damage::Cell { which, value }),
        1 => any::<usize>().prop_map(|which| Damage::ClipLabel { which }),
    ]
}

fn apply(text: &mut String, d: &Damage) {
    match d {
        Damage::Cell { which, value } => {
            let cells = numeric_cells(text);
            if !cells.is_empty() {
                let r = cells[which % cells.len()].clone();
                text.replace_range(r, CELL_VALUES[*value]);
            }
        }
        Damage::ClipLabel { which } => {
            let labels = label_cells(text);
            if !labels.is_empty() {
                let r = labels[which % labels.len()].clone();
                // Drop the label's last character.
                let last = text[r.clone()]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8);
                text.replace_range(r.end - last..r.end, "");
            }
        }
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(48);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_fix_changes_only_what_it_names(
        seed in any::<u64>(),
        year in 2019u16..=2025,
        broken in 0usize..5,
        damages in prop::collection::vec(damage(), 0..6),
    ) {
        let mut text = nianbao::template::sample_report(year, 6_000, broken, seed);
        for d in &damages {
            apply(&mut text, d);
        }
        let opts = Options::default();
        let before = check::check(&text, &opts);
        prop_assert!(before.is_report);
        let parts: Vec<u8> = before.parts.iter().map(|p| p.number).collect();
        for d in &before.diagnostics {
            for fix in &d.fixes {
                let mut edits = fix.edits.clone();
                edits.sort_by_key(|e| e.range.start);
                // In bounds, on character boundaries, not overlapping.
                for e in &edits {
                    prop_assert!(e.range.start <= e.range.end && e.range.end <= text.len(), "{} {:?}", d.rule, e);
                    prop_assert!(text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end));
                }
                for w in edits.windows(2) {
                    prop_assert!(w[0].range.end <= w[1].range.start, "overlapping edits in {}", d.rule);
                }
                // Applied back to front, each through the incremental parser as an editor would.
                let mut fixed = text.clone();
                let mut parsed = Parsed::new(&fixed);
                for e in edits.iter().rev() {
                    fixed.replace_range(e.range.clone(), &e.text);
                    parsed.edit(&fixed, e.range.start, e.range.end, e.range.start + e.text.len());
                }
                let full = syntax::parse(&fixed);
                prop_assert_eq!(parsed.blocks(), full.as_slice());
                // Outside the edits the text is the same: walk the unchanged stretches.
                let mut old_at = 0;
                let mut new_at = 0;
                for e in &edits {
                    let keep = e.range.start - old_at;
                    prop_assert_eq!(&text[old_at..e.range.start], &fixed[new_at..new_at + keep]);
                    old_at = e.range.end;
                    new_at += keep + e.text.len();
                }
                prop_assert_eq!(&text[old_at..], &fixed[new_at..]);
                // Still a report with the same parts.
                let after = check::check(&fixed, &opts);
                prop_assert!(after.is_report, "fix {:?} of {} unmade the report", fix.title, d.rule);
                let after_parts: Vec<u8> = after.parts.iter().map(|p| p.number).collect();
                prop_assert_eq!(&after_parts, &parts, "fix {:?} of {}", fix.title, d.rule);
            }
        }
    }
}
