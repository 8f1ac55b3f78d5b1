//! Replays the server's per-keystroke work on a generated draft, for profilers (perf,
//! callgrind): apply a one-character edit to the text in place, reparse incrementally,
//! analyse (which reads the cross-year key) (the server shares the text with the analysis and
//! converts positions through its rope: no copy, no line index per version).
//!
//! `cargo run --release --example profile_edit -- [bytes] [edits]`
use nianbao::check::{Analysis, Options, analyse};
use nianbao::syntax::incremental::Parsed;
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1).map(|s| s.parse::<usize>().ok());
    let bytes = args.next().flatten().unwrap_or(2_000_000);
    let edits = args.next().flatten().unwrap_or(50);
    let mut text = nianbao::template::sample_report(2024, bytes, 1, 1);
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
        let analysis = analyse(&text, parsed.blocks(), &opts, |_| None::<&Analysis>);
        found += analysis.diagnostics.len() + usize::from(analysis.key.is_some());
        black_box(&analysis);
    }
    println!("{found}");
}
