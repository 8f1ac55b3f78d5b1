//! Replays the server's per-keystroke work on a generated draft, for profilers (perf,
//! callgrind): apply a one-character edit, reparse incrementally, copy the text for the
//! analysis, analyse, read the cross-year key and index the lines.
//!
//! `cargo run --release --example profile_edit -- [bytes] [edits]`
use nianbao::check::{Options, analyze, cross};
use nianbao::syntax::incremental::Parsed;
use nianbao::text::position::LineIndex;
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1).map(|s| s.parse::<usize>().ok());
    let bytes = args.next().flatten().unwrap_or(2_000_000);
    let edits = args.next().flatten().unwrap_or(50);
    let mut text = nianbao::draft::sample_report(2024, bytes, 1, 1);
    let mut parsed = Parsed::new(&text);
    let opts = Options::default();
    let mut at = text.len() / 2;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut found = 0;
    for _ in 0..edits {
        text.insert(at, '新');
        parsed.edit(&text, at, at, at + '新'.len_utf8());
        at += '新'.len_utf8();
        let snapshot = text.clone();
        let analysis = analyze(&snapshot, parsed.blocks(), &opts);
        let key = cross::agency_year(&snapshot, &analysis);
        let lines = LineIndex::new(&snapshot);
        found += analysis.diagnostics.len() + lines.line_count() + usize::from(key.is_some());
        black_box(&analysis);
    }
    println!("{found}");
}
