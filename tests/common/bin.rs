//! Running the real binary: its path, fixtures, temp files and folders, and `nianbao check
//! --format json` on files or texts.

use super::findings::{Finding, findings};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_nianbao")
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures").join(name)
}

/// The five seed reports in tests/fixtures (what they must give: tests/fixtures/EXPECTED.md).
pub const S000: &str = "000_2c1132c7924dd3e8.txt";
pub const S001: &str = "001_14e46c82abeb8b03.txt";
pub const S002: &str = "002_72e8cc29e03ca078.txt";
pub const S003: &str = "003_31cf96be23961926.txt";
pub const S004: &str = "004_58318878f8bfac1e.txt";

/// The text of the fixture `name` (a seed report).
pub fn seed_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("seed")
}

/// A unique path in the temp dir (the name keeps `suffix`, e.g. `.md`).
pub fn temp_path(suffix: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "nianbao-it-{}-{}-{}{}",
        std::process::id(),
        n,
        t,
        suffix
    ))
}

/// A temp file removed on drop.
pub struct TempFile(pub PathBuf);

impl TempFile {
    pub fn new(suffix: &str, bytes: &[u8]) -> TempFile {
        let p = temp_path(suffix);
        std::fs::write(&p, bytes).expect("write temp file");
        TempFile(p)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    pub fn arg(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A temp directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let p = temp_path("-dir");
        std::fs::create_dir_all(&p).expect("create temp dir");
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run `nianbao args…`, with `stdin` piped in when given.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if stdin.is_some() {
        cmd.stdin(Stdio::piped());
    } else {
        cmd.stdin(Stdio::null());
    }
    let mut child = cmd.spawn().expect("spawn nianbao");
    if let Some(input) = stdin {
        use std::io::Write;
        let mut si = child.stdin.take().expect("stdin");
        let input = input.to_vec();
        // Write on a thread so a large input cannot deadlock against a full stdout pipe.
        let h = std::thread::spawn(move || {
            let _ = si.write_all(&input);
        });
        let out = child.wait_with_output().expect("wait nianbao");
        h.join().expect("stdin writer");
        return out;
    }
    child.wait_with_output().expect("wait nianbao")
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code (not killed by a signal)")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `nianbao check --format json ARGS…` → (parsed JSON, exit code). Panics on unparsable output.
pub fn check_json(args: &[&str], stdin: Option<&[u8]>) -> (Value, i32) {
    let mut a = vec!["check", "--format", "json"];
    a.extend_from_slice(args);
    let o = run(&a, stdin);
    let c = code(&o);
    assert_ne!(c, 101, "nianbao panicked: {}", stderr(&o));
    // Panics inside the check of one file are caught and reported as 内部错误 (exit 2).
    let err = stderr(&o);
    assert!(
        !err.contains("panicked") && !err.contains("内部错误"),
        "internal error: {err}"
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); exit {c}; stderr: {}; stdout: {}",
            stderr(&o),
            &stdout(&o)[..stdout(&o).len().min(2000)]
        )
    });
    (v, c)
}

/// Check one text written to a temp file: (file object, exit code).
pub fn check_text(text: &str, suffix: &str, extra: &[&str]) -> (Value, i32) {
    check_bytes(text.as_bytes(), suffix, extra)
}

/// Check one file of `bytes` (any encoding, or none) written to a temp file: (file object,
/// exit code).
pub fn check_bytes(bytes: &[u8], suffix: &str, extra: &[&str]) -> (Value, i32) {
    let f = TempFile::new(suffix, bytes);
    let mut args: Vec<&str> = extra.to_vec();
    let p = f.arg();
    args.push(&p);
    let (v, c) = check_json(&args, None);
    let files = v["files"].as_array().expect("files array");
    assert_eq!(files.len(), 1, "one file in {v}");
    (files[0].clone(), c)
}

/// `nianbao check --format json PATH` on one file: (file object, exit code, findings).
pub fn check_file(p: &Path) -> (Value, i32, Vec<Finding>) {
    let s = p.display().to_string();
    let (v, c) = check_json(&[&s], None);
    let file = v["files"][0].clone();
    assert_eq!(file["path"].as_str(), Some(s.as_str()));
    let fs = findings(&file);
    (file, c, fs)
}

/// Check many texts in one run (the binary checks files in parallel). All texts must be
/// reports of the same year so that no cross-year comparison links them.
pub fn check_many(texts: &[String], suffix: &str) -> Vec<Value> {
    let files: Vec<TempFile> = texts
        .iter()
        .map(|t| TempFile::new(suffix, t.as_bytes()))
        .collect();
    let args: Vec<String> = files.iter().map(|f| f.arg()).collect();
    let refs: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    let (v, _) = check_json(&refs, None);
    let out = v["files"].as_array().expect("files").clone();
    assert_eq!(out.len(), texts.len());
    for (o, a) in out.iter().zip(&args) {
        assert_eq!(
            o["path"].as_str(),
            Some(a.as_str()),
            "files come back in order"
        );
    }
    out
}
