//! Runs parse + check over the seed fixtures in a loop, for profilers (perf, callgrind).
fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let texts: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).expect("seed"))
        .collect();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let mut total = 0;
    for _ in 0..n {
        for t in &texts {
            total += nianbao::check::check(t, &Default::default())
                .diagnostics
                .len();
        }
    }
    println!("{total}");
}
