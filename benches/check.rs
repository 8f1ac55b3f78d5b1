//! Parse + check of each seed report (issue 2 target: under 1 ms per seed).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn seeds(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    // Format data is parsed once per process; do it before measuring.
    let _ = nianbao::check::check("一、总体情况", &Default::default());
    let mut group = c.benchmark_group("check");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("seed");
        let name = path.file_name().unwrap().to_string_lossy()[..3].to_string();
        group.bench_function(format!("seed_{name}"), |b| {
            b.iter(|| nianbao::check::check(black_box(&text), &Default::default()))
        });
        group.bench_function(format!("parse_{name}"), |b| {
            b.iter(|| nianbao::syntax::parse(black_box(&text)))
        });
    }
    group.finish();
}

criterion_group!(benches, seeds);
criterion_main!(benches);
