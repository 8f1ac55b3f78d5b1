//! Replays the fuzzing regression corpus (`tests/fuzz_corpus/<target>/*`) through the same
//! entry points the fuzz targets use, plus the seed reports, so every crash a fuzzer found
//! stays fixed. See docs/robustness.md for how the corpus is grown.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_corpus")
        .join(target);
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    for p in entries.iter().filter(|p| p.is_file()) {
        let data = std::fs::read(p).unwrap();
        let r = std::panic::catch_unwind(|| run(&data));
        assert!(r.is_ok(), "{} panics", p.display());
        n += 1;
    }
    n
}

fn seeds() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn check_corpus_and_seeds() {
    let n = replay("check", nianbao::fuzzing::check_bytes);
    for s in seeds() {
        nianbao::fuzzing::check_bytes(&s);
    }
    assert!(n >= 1, "the check corpus is empty");
}

#[test]
fn edit_corpus() {
    let n = replay("edits", nianbao::fuzzing::edit_sequence);
    // Each seed with a fixed edit script appended.
    for s in seeds() {
        let mut data = s[..s.len().min(3000)].to_vec();
        data.push(0);
        data.extend((0..64u8).flat_map(|i| [i, i.wrapping_mul(37), i % 9, i]));
        nianbao::fuzzing::edit_sequence(&data);
    }
    assert!(n >= 1, "the edits corpus is empty");
}

#[test]
fn frame_corpus() {
    let n = replay("frames", nianbao::fuzzing::frames);
    assert!(n >= 1, "the frames corpus is empty");
}

#[test]
fn handler_corpus_and_seeds() {
    let n = replay("handlers", nianbao::fuzzing::handlers);
    // Each seed as plain text, with a fixed script of positions.
    for s in seeds() {
        let mut data = vec![0];
        data.extend_from_slice(&s[..s.len().min(6000)]);
        data.push(0);
        data.extend((0..48u8).flat_map(|i| [i.wrapping_mul(7), i.wrapping_mul(13), i]));
        nianbao::fuzzing::handlers(&data);
    }
    assert!(n >= 1, "the handlers corpus is empty");
}

/// The file readers: the regression corpus, then every fixture of tests/fixtures/inputs through
/// its own reader and, damaged (truncated, bytes flipped), through all three.
#[test]
fn input_corpus_and_fixtures() {
    let n = replay("inputs", nianbao::fuzzing::inputs);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inputs");
    let mut files: Vec<_> = ["", "bad", "pdf"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x != "md"))
        .collect();
    files.sort();
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        let own: u8 = match p.extension().and_then(|x| x.to_str()) {
            Some("docx") => 0,
            Some("html") => 1,
            _ => 2,
        };
        for pick in [own, own + 1, own + 2] {
            for cut in [bytes.len(), bytes.len() / 2, bytes.len() / 7] {
                let mut data = vec![pick];
                data.extend_from_slice(&bytes[..cut]);
                // Flip a byte every 997 in the second half: damaged compressed data and XML.
                if cut == bytes.len() {
                    for i in (cut / 2..cut).step_by(997) {
                        data[1 + i] ^= 0x5a;
                    }
                }
                let r = std::panic::catch_unwind(|| nianbao::fuzzing::inputs(&data));
                assert!(
                    r.is_ok(),
                    "{} (reader {pick}, {cut} bytes) panics",
                    p.display()
                );
            }
        }
    }
    assert!(n >= 1, "the inputs corpus is empty");
    assert!(files.len() >= 30, "the input fixtures are there");
}
