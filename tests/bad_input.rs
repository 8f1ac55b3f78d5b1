//! Inputs that are not a clean UTF-8 report file: empty, binary, huge, invalid UTF-8, GBK,
//! UTF-16, a README, folders, missing paths, stdin.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

type Sig = (String, u64, (usize, usize), (usize, usize), String);

/// Findings as comparable tuples (rule, severity, range start, range end, message).
fn sig(file: &Value) -> Vec<Sig> {
    findings(file)
        .into_iter()
        .map(|f| {
            (
                f.code.clone(),
                f.severity,
                f.start(),
                f.end(),
                f.message.clone(),
            )
        })
        .collect()
}

fn only_not_a_report(file: &Value) {
    let fs = findings(file);
    assert_eq!(fs.len(), 1, "{}", show(&fs));
    assert_eq!(fs[0].code, "not-a-report");
    assert_eq!(fs[0].severity, 3, "information, not an error");
    assert!(file["year"].is_null());
}

#[test]
fn empty_file() {
    let (file, c) = check_bytes(b"", ".md", &[]);
    assert_eq!(c, 0);
    only_not_a_report(&file);
    assert_eq!(file["encoding"], "utf-8");
    // Whitespace only, and the human format.
    let (file, c) = check_bytes(b" \n\n\t\r\n\xE3\x80\x80\n", ".txt", &[]);
    assert_eq!(c, 0);
    only_not_a_report(&file);
    let f = TempFile::new(".txt", b"");
    let o = run(&["check", &f.arg()], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(&f.arg()), "names the file: {out}");
    assert!(out.contains("not-a-report"), "{out}");
}

#[test]
fn binary_file() {
    let mut png =
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
            .to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    for suffix in [".png", ".txt", ".md"] {
        let f = TempFile::new(suffix, &png);
        for fmt in ["human", "json"] {
            let o = run(&["check", "--format", fmt, &f.arg()], None);
            assert_eq!(code(&o), 2, "{suffix} {fmt}");
            let err = stderr(&o);
            assert!(err.contains(&f.arg()), "stderr names the file: {err}");
            assert!(!err.contains("panicked"), "{err}");
            if fmt == "json" {
                let v: Value = serde_json::from_slice(&o.stdout).expect("still JSON");
                assert_eq!(v["files"].as_array().map(|a| a.len()), Some(0), "{v}");
            }
        }
    }
    // With a good file beside it: the good one is still checked, exit 2 for the I/O error.
    let f = TempFile::new(".png", &png);
    let good = fixture(S000).display().to_string();
    let o = run(&["check", "--format", "json", &good, &f.arg()], None);
    assert_eq!(code(&o), 2);
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"].as_str(), Some(good.as_str()));
    assert!(stderr(&o).contains(&f.arg()));
}

/// 50 MB: seed 004 with prose padding inserted before part 五, so the tables keep their lines.
#[test]
fn huge_file_finishes() {
    let text = seed_text(S004);
    let at = text.find("五、存在的主要问题及改进情况").expect("part 五");
    let line = "This paragraph pads the report to a very large size and holds no numbers, \
                no tables and no headings, only plain words repeated many times over so that \
                the checker has to read a great deal of running text. "
        .repeat(4)
        + "\n";
    let target = 50 * 1024 * 1024;
    let n = (target - text.len()) / line.len() + 1;
    let mut big = String::with_capacity(text.len() + n * line.len());
    big.push_str(&text[..at]);
    for _ in 0..n {
        big.push_str(&line);
    }
    big.push_str(&text[at..]);
    assert!(big.len() >= target);
    let f = TempFile::new(".txt", big.as_bytes());
    drop(big);
    let (v, c) = check_json(&[&f.arg()], None);
    assert_eq!(c, 1);
    let fs = findings(&v["files"][0]);
    let totals: BTreeSet<(usize, usize)> = fs
        .iter()
        .filter(|f| f.code == "total-mismatch")
        .map(|f| f.start())
        .collect();
    assert_eq!(
        totals,
        [(408, 1), (413, 1)].into_iter().collect(),
        "{}",
        show(&fs)
    );
}

#[test]
fn invalid_utf8() {
    // Bytes that are neither UTF-8 nor GB18030 nor binary.
    let (file, c) = check_bytes(
        b"abc\xff\xfe\xfd \xc3\x28 text\n\x80\x80\x80\n",
        ".txt",
        &[],
    );
    assert_ne!(c, 101);
    assert_eq!(c, 0);
    only_not_a_report(&file);
    // A UTF-8 report with one stray byte: still read, same findings.
    let text = seed_text(S004);
    let mut bytes = text.as_bytes().to_vec();
    let i = text.find('\n').expect("eol") + 1;
    bytes.insert(i, 0xFF);
    let (bad, c) = check_bytes(&bytes, ".txt", &[]);
    assert_eq!(c, 1);
    let (good, _) = check_bytes(text.as_bytes(), ".txt", &[]);
    let same_rules = |f: &Value| -> Vec<(String, usize)> {
        findings(f).into_iter().map(|x| (x.code, x.line)).collect()
    };
    assert_eq!(same_rules(&bad), same_rules(&good));
}

#[test]
fn gbk_encoded_seeds() {
    // 000 holds U+00A0 and 001 U+2002, which GBK lacks: those go through the GB18030 encoder.
    for (name, enc) in [
        (S002, encoding_rs::GBK),
        (S003, encoding_rs::GBK),
        (S004, encoding_rs::GBK),
        (S000, encoding_rs::GB18030),
        (S001, encoding_rs::GB18030),
    ] {
        let text = seed_text(name);
        let (gbk, _, unmappable) = enc.encode(&text);
        assert!(!unmappable, "{name} encodes in {}", enc.name());
        assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
        let (g, gc) = check_bytes(&gbk, ".txt", &[]);
        let (u, uc) = check_bytes(text.as_bytes(), ".txt", &[]);
        assert_eq!(g["encoding"], "gb18030", "{name}");
        assert_eq!(u["encoding"], "utf-8");
        assert_eq!(g["year"], u["year"], "{name}");
        assert_eq!(g["format"], u["format"], "{name}");
        assert_eq!(sig(&g), sig(&u), "{name}: same findings as UTF-8");
        assert_eq!(gc, uc);
    }
    // And through stdin.
    let text = seed_text(S004);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let (v, c) = check_json(&["-"], Some(&gbk));
    assert_eq!(c, 1);
    assert_eq!(v["files"][0]["encoding"], "gb18030");
    let (u, _) = check_bytes(text.as_bytes(), ".txt", &[]);
    assert_eq!(sig(&v["files"][0]), sig(&u));
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        let b = if le { u.to_le_bytes() } else { u.to_be_bytes() };
        out.extend_from_slice(&b);
    }
    out
}

#[test]
fn utf16_with_bom() {
    for name in [S001, S004] {
        let text = seed_text(name);
        let (u, uc) = check_bytes(text.as_bytes(), ".txt", &[]);
        for (le, enc) in [(true, "utf-16le"), (false, "utf-16be")] {
            let (w, wc) = check_bytes(&utf16(&text, le), ".txt", &[]);
            assert_eq!(w["encoding"], enc, "{name}");
            assert_eq!(w["year"], u["year"]);
            assert_eq!(sig(&w), sig(&u), "{name} {enc}: same findings");
            assert_eq!(wc, uc);
        }
    }
    // UTF-8 with a BOM: same findings at the same positions.
    let text = seed_text(S004);
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend_from_slice(text.as_bytes());
    let (w, _) = check_bytes(&b, ".txt", &[]);
    let (u, _) = check_bytes(text.as_bytes(), ".txt", &[]);
    assert_eq!(sig(&w), sig(&u));
}

#[test]
fn crlf_line_endings() {
    let text = seed_text(S004);
    let crlf = text.replace('\n', "\r\n");
    let (w, wc) = check_bytes(crlf.as_bytes(), ".txt", &[]);
    let (u, uc) = check_bytes(text.as_bytes(), ".txt", &[]);
    assert_eq!(sig(&w), sig(&u));
    assert_eq!(wc, uc);
}

const README: &str = "# mytool\n\nA small command-line tool that converts files.\n\n## Install\n\n```sh\ncargo install mytool\n```\n\n## Usage\n\n| flag | meaning |\n|---|---|\n| -v | verbose |\n| -o FILE | output file |\n\n## License\n\nMIT OR Apache-2.0\n";

#[test]
fn markdown_readme_is_not_a_report() {
    let (file, c) = check_bytes(README.as_bytes(), ".md", &[]);
    assert_eq!(c, 0);
    only_not_a_report(&file);
}

#[test]
fn folder_argument_recurses() {
    let d = TempDir::new();
    let root = d.0.clone();
    std::fs::create_dir_all(root.join("sub/deeper")).expect("mkdir");
    let put = |rel: &str, bytes: &[u8]| {
        std::fs::write(root.join(rel), bytes).expect("write");
    };
    put("a.txt", seed_text(S000).as_bytes());
    put("sub/b.md", seed_text(S004).as_bytes());
    put("sub/deeper/c.markdown", seed_text(S003).as_bytes());
    put("README.md", README.as_bytes());
    put("notes.MD", README.as_bytes());
    // Ignored: other extensions, including binary ones (they would be an I/O error).
    put("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00");
    put("data.json", b"{\"a\": 1}");
    put("report.xlsx", b"PK\x03\x04\x00\x00");
    put("report.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    put("sub/main.rs", b"fn main() {}\n");
    put("sub/noext", seed_text(S004).as_bytes());
    let arg = root.display().to_string();
    let (v, c) = check_json(&[&arg], None);
    assert_eq!(c, 1, "004 has errors; no I/O error from the ignored files");
    let got: BTreeSet<PathBuf> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| PathBuf::from(f["path"].as_str().expect("path")))
        .collect();
    let want: BTreeSet<PathBuf> = [
        "a.txt",
        "sub/b.md",
        "sub/deeper/c.markdown",
        "README.md",
        "notes.MD",
    ]
    .iter()
    .map(|r| root.join(r))
    .collect();
    assert_eq!(got, want);
    for f in v["files"].as_array().expect("files") {
        let p = f["path"].as_str().expect("p");
        let fs = findings(f);
        if p.ends_with("README.md") || p.ends_with("notes.MD") {
            only_not_a_report(f);
        } else if p.ends_with("b.md") {
            assert_eq!(f["year"], 2020);
            assert_eq!(fs.iter().filter(|x| x.code == "total-mismatch").count(), 2);
        }
    }
    // An empty folder: nothing to check, no error.
    let e = TempDir::new();
    let (v, c) = check_json(&[&e.0.display().to_string()], None);
    assert_eq!(c, 0);
    assert_eq!(v["files"].as_array().map(|a| a.len()), Some(0));
}

#[test]
fn missing_path() {
    let p = temp_path("-does-not-exist.md").display().to_string();
    for fmt in ["human", "json"] {
        let o = run(&["check", "--format", fmt, &p], None);
        assert_eq!(code(&o), 2, "{fmt}");
        assert!(stderr(&o).contains(&p), "names it: {}", stderr(&o));
    }
    // Beside a good file, still exit 2 and the message names the missing one.
    let good = fixture(S000).display().to_string();
    let o = run(&["check", &good, &p], None);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains(&p));
    // No path at all is a usage error.
    let o = run(&["check"], None);
    assert_eq!(code(&o), 2);
}

#[test]
fn stdin_dash() {
    for name in [S000, S004] {
        let text = seed_text(name);
        let (v, c) = check_json(&["-"], Some(text.as_bytes()));
        let f = &v["files"][0];
        assert_eq!(f["path"], "-");
        let (u, uc) = check_bytes(text.as_bytes(), ".txt", &[]);
        assert_eq!(sig(f), sig(&u), "{name}");
        assert_eq!(f["year"], u["year"]);
        assert_eq!(c, uc);
    }
    // Human format from stdin names `-`.
    let o = run(&["check", "-"], Some(seed_text(S004).as_bytes()));
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o)
            .lines()
            .any(|l| l.starts_with("-:409:2: error[total-mismatch]")),
        "{}",
        stdout(&o)
    );
    // Empty stdin.
    let (v, c) = check_json(&["-"], Some(b""));
    assert_eq!(c, 0);
    only_not_a_report(&v["files"][0]);
}

/// A symlink loop inside a folder: every file is checked once.
#[cfg(unix)]
#[test]
fn folder_with_symlink_loop() {
    let d = TempDir::new();
    std::fs::write(d.0.join("a.txt"), seed_text(S000)).expect("write");
    std::os::unix::fs::symlink(".", d.0.join("loop")).expect("symlink");
    let (v, c) = check_json(&[&d.0.display().to_string()], None);
    assert_eq!(c, 0);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
}

/// Whitespace such as U+3000 or U+00A0 before a Markdown heading (pasted from Word or a web
/// page) must not crash the checker.
#[test]
fn wide_space_before_markdown_heading() {
    // Minimal inputs.
    for text in ["\u{a0}# 一、总体情况\n", "\u{3000}## 三、x\n"] {
        let (v, c) = check_json(&["-"], Some(text.as_bytes()));
        assert_ne!(c, 2, "{text:?}: {v}");
    }
    // A full report whose part 三 heading starts with U+3000: the part and its table are read.
    let v = Values::valid("2021");
    let d = render_new(2024, &v);
    let text = d.text.replace("## 三、", "\u{3000}## 三、");
    let (file, c) = check_text(&text, ".md", &[]);
    let fs = findings(&file);
    assert_eq!(c, 0, "{}", show(&fs));
    assert!(errors(&fs).is_empty(), "{}", show(&fs));
}

/// Long single lines (no line breaks at all) are read without trouble.
#[test]
fn long_single_lines() {
    let line = "本机关认真贯彻落实政府信息公开条例，".repeat(20_000);
    let (file, c) = check_bytes(line.as_bytes(), ".txt", &[]);
    assert_eq!(c, 0);
    assert_eq!(findings(&file).len(), 1);
    // A seed with its line breaks replaced by spaces: one line of CJK text, tabs and digits.
    let flat = seed_text(S004).replace('\n', " ");
    let (_, c) = check_bytes(flat.as_bytes(), ".txt", &[]);
    assert!(c == 0 || c == 1);
    let flat = seed_text(S001).replace('\n', "\t");
    let (_, c) = check_bytes(flat.as_bytes(), ".txt", &[]);
    assert!(c == 0 || c == 1);
}
