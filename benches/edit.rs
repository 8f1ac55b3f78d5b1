//! Keystroke costs in the core (issue 5): a one-character edit in a table cell and in a prose
//! paragraph, at 20 KB and 2 MB — incremental reparse plus the document-level analysis — and
//! UTF-16 position conversions on CJK text. Full parse + check at both sizes for comparison.

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::check::{Analysis, Options, analyse};
use nianbao::syntax::incremental::Parsed;
use nianbao::text::position::{Encoding, LineIndex};
use std::hint::black_box;

fn sizes() -> Vec<(&'static str, String)> {
    vec![
        ("20KB", nianbao::template::sample_report(2024, 20_000, 1, 1)),
        (
            "2MB",
            nianbao::template::sample_report(2024, 2_000_000, 1, 1),
        ),
    ]
}

fn edits(c: &mut Criterion) {
    let opts = Options::default();
    let mut g = c.benchmark_group("edit");
    g.sample_size(30);
    for (name, text) in sizes() {
        g.bench_function(format!("full_check_{name}"), |b| {
            b.iter(|| nianbao::check::check(black_box(&text), &opts))
        });
        // A digit of the 一、本年新收 row's first cell, and a character in the middle of the prose.
        let cell = text.find("| 一、本年新收政府信息公开申请数量 | 5").unwrap()
            + "| 一、本年新收政府信息公开申请数量 | ".len();
        let prose = {
            let mut mid = text.len() / 3;
            while !text.is_char_boundary(mid) {
                mid -= 1;
            }
            text[mid..].find("取得了较好成效").map_or(mid, |i| mid + i)
        };
        for (what, at, new) in [("table_cell", cell, "8"), ("prose", prose, "新")] {
            // As the server does: one text and one parse, edited in place. Each iteration types
            // the character or deletes it again (alternately), then analyses.
            let mut t = text.clone();
            let mut p = Parsed::new(&t);
            let mut typed = false;
            g.bench_function(format!("{what}_{name}"), |b| {
                b.iter(|| {
                    if typed {
                        t.replace_range(at..at + new.len(), "");
                        p.edit(&t, at, at + new.len(), at);
                    } else {
                        t.insert_str(at, new);
                        p.edit(&t, at, at, at + new.len());
                    }
                    typed = !typed;
                    analyse(&t, p.blocks(), &opts, |_| None::<&Analysis>)
                })
            });
        }
    }
    g.finish();
}

fn positions(c: &mut Criterion) {
    let text = nianbao::template::sample_report(2024, 2_000_000, 0, 1);
    let idx = LineIndex::new(&text);
    let offsets: Vec<usize> = (0..1000)
        .map(|i| {
            let mut o = i * text.len() / 1000;
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            o
        })
        .collect();
    c.bench_function("utf16_round_trip_1000_offsets_2MB", |b| {
        b.iter(|| {
            for &o in &offsets {
                let (l, col) = idx.position(&text, o, Encoding::Utf16);
                black_box(idx.offset(&text, l, col, Encoding::Utf16));
            }
        })
    });
    c.bench_function("line_index_2MB", |b| {
        b.iter(|| LineIndex::new(black_box(&text)))
    });
}

criterion_group!(benches, edits, positions);
criterion_main!(benches);
