//! Time PDF decoding: `cargo run --release --example pdf_speed [FILE.pdf] [RUNS]`.
//!
//! Without a file it decodes the ten-page test input (tests/fixtures/inputs/pdf/ten_pages.pdf).
//! Prints the pages and characters read and the mean and best milliseconds per decode.

use nianbao::input::{self, Block, Kind};
use std::time::Instant;

const TEN_PAGES: &[u8] = include_bytes!("../tests/fixtures/inputs/pdf/ten_pages.pdf");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (name, bytes) = match args.first() {
        Some(path) => (path.clone(), std::fs::read(path).expect("read the file")),
        None => ("ten_pages.pdf".to_string(), TEN_PAGES.to_vec()),
    };
    let runs: u32 = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(50);
    let doc = match input::decode(&bytes, Kind::Pdf) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{name}: {e}");
            std::process::exit(1);
        }
    };
    let chars: usize = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text, .. } | Block::Heading { text, .. } => text.chars().count(),
            Block::Table(_) => 0,
        })
        .sum();
    let mut best = f64::MAX;
    let start = Instant::now();
    for _ in 0..runs {
        let t = Instant::now();
        let d = input::decode(&bytes, Kind::Pdf).expect("decode");
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(d);
    }
    let mean = start.elapsed().as_secs_f64() * 1e3 / f64::from(runs);
    println!(
        "{name}: {} bytes, {} pages with text, {chars} chars; {runs} runs: mean {mean:.2} ms, best {best:.2} ms per decode",
        bytes.len(),
        doc.blocks.len(),
    );
}
