//! Helpers shared by the integration tests: running the real binary, reading its JSON,
//! positions in UTF-16, and a generator of valid reports in several layouts whose value
//! cells are recorded by byte range, so a test can break one cell and know where it is.
#![allow(dead_code)]

pub mod drafts;
pub mod lsp;

use serde_json::Value;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

// ---------------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------------

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_nianbao")
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures").join(name)
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
    let f = TempFile::new(suffix, text.as_bytes());
    let mut args: Vec<&str> = extra.to_vec();
    let p = f.arg();
    args.push(&p);
    let (v, c) = check_json(&args, None);
    let files = v["files"].as_array().expect("files array");
    assert_eq!(files.len(), 1, "one file in {v}");
    (files[0].clone(), c)
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

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct Finding {
    pub code: String,
    pub severity: u64,
    pub line: usize,
    pub character: usize,
    pub end_line: usize,
    pub end_character: usize,
    pub message: String,
    pub data: Value,
}

impl Finding {
    pub fn start(&self) -> (usize, usize) {
        (self.line, self.character)
    }
    pub fn end(&self) -> (usize, usize) {
        (self.end_line, self.end_character)
    }
    pub fn relation(&self) -> Option<&str> {
        self.data.get("relation").and_then(|r| r.as_str())
    }
}

pub fn findings(file: &Value) -> Vec<Finding> {
    file["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            let n = |p: &str| -> usize {
                d.pointer(p)
                    .and_then(|x| x.as_u64())
                    .unwrap_or_else(|| panic!("{p} in {d}")) as usize
            };
            Finding {
                code: d["code"].as_str().expect("code").to_string(),
                severity: d["severity"].as_u64().expect("severity"),
                line: n("/range/start/line"),
                character: n("/range/start/character"),
                end_line: n("/range/end/line"),
                end_character: n("/range/end/character"),
                message: d["message"].as_str().expect("message").to_string(),
                data: d.get("data").cloned().unwrap_or(Value::Null),
            }
        })
        .collect()
}

pub fn show(fs: &[Finding]) -> String {
    fs.iter()
        .map(|f| {
            format!(
                "  sev{} {} {}:{}-{}:{} {} {}\n",
                f.severity,
                f.code,
                f.line,
                f.character,
                f.end_line,
                f.end_character,
                f.message,
                if f.data.is_null() {
                    String::new()
                } else {
                    f.data.to_string()
                }
            )
        })
        .collect()
}

/// Findings of severity 1–3 (above hint).
pub fn above_hint(fs: &[Finding]) -> Vec<&Finding> {
    fs.iter().filter(|f| f.severity <= 3).collect()
}

pub fn errors(fs: &[Finding]) -> Vec<&Finding> {
    fs.iter().filter(|f| f.severity == 1).collect()
}

// ---------------------------------------------------------------------------------------------
// Positions (LSP: 0-based line, UTF-16 code units)
// ---------------------------------------------------------------------------------------------

/// Byte offsets where each line starts (`\n`, `\r\n` and `\r` end lines).
pub fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut v = vec![0];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' {
            v.push(i + 1);
        } else if b[i] == b'\r' {
            if b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            v.push(i + 1);
        }
        i += 1;
    }
    v
}

/// (line, UTF-16 column) of a byte offset.
pub fn pos(text: &str, byte: usize) -> (usize, usize) {
    let starts = line_starts(text);
    let line = starts.partition_point(|s| *s <= byte) - 1;
    let col = text[starts[line]..byte].encode_utf16().count();
    (line, col)
}

/// Byte offset of an LSP position.
pub fn offset(text: &str, (line, character): (usize, usize)) -> usize {
    let starts = line_starts(text);
    let ls = starts[line];
    let mut units = 0;
    for (i, ch) in text[ls..].char_indices() {
        if units >= character {
            return ls + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// The text a finding's range covers.
pub fn text_at(text: &str, f: &Finding) -> String {
    text[offset(text, f.start())..offset(text, f.end())].to_string()
}

pub fn lsp_range(text: &str, r: &Range<usize>) -> ((usize, usize), (usize, usize)) {
    (pos(text, r.start), pos(text, r.end))
}

// ---------------------------------------------------------------------------------------------
// Format data (labels are read from the data files, not hard-coded)
// ---------------------------------------------------------------------------------------------

pub fn format_data(id: &str) -> Value {
    let p = manifest_dir().join(format!("src/format/data/{id}.json"));
    let s = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&s).expect("format json")
}

pub fn table<'a>(f: &'a Value, id: &str) -> &'a Value {
    f["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("table {id}"))
}

pub fn s(v: &Value) -> String {
    v.as_str().expect("string").to_string()
}

pub fn part_heading(f: &Value, n: usize) -> String {
    let p = &f["parts"][n - 1];
    format!("{}、{}", s(&p["ordinal"]), s(&p["title"]))
}

// ---------------------------------------------------------------------------------------------
// Report values and the relations of report-format.md §7 (an independent oracle)
// ---------------------------------------------------------------------------------------------

pub const T2_COLS: [&str; 7] = ["np", "biz", "sci", "npo", "law", "oth", "tot"];
pub const T3_COLS: [&str; 15] = [
    "rv_keep", "rv_fix", "rv_other", "rv_open", "rv_total", "ld_keep", "ld_fix", "ld_other",
    "ld_open", "ld_total", "la_keep", "la_fix", "la_other", "la_open", "la_total",
];

/// Leaf result rows of table 2 (§7.1 A2).
pub fn t2_leaves(format: &str) -> Vec<String> {
    let mut v = vec!["r1".to_string(), "r2".to_string()];
    v.extend((1..=8).map(|i| format!("r3_{i}")));
    v.extend((1..=3).map(|i| format!("r4_{i}")));
    v.extend((1..=5).map(|i| format!("r5_{i}")));
    if format == "2019" {
        v.push("r6".into());
    } else {
        v.extend((1..=3).map(|i| format!("r6_{i}")));
    }
    v
}

/// Every data row of table 2 in print order (§5.2/§5.3).
pub fn t2_data_rows(format: &str) -> Vec<String> {
    let mut v = vec!["new".to_string(), "carried_in".to_string()];
    v.extend(t2_leaves(format));
    v.push("r7".into());
    v.push("carried_out".into());
    v
}

#[derive(Debug, Clone)]
pub struct Values {
    pub format: String,
    /// Table 1: (row id, column id) → cell text.
    pub t1: BTreeMap<(String, String), String>,
    /// Table 2: row id → 7 values (np … oth, tot).
    pub t2: BTreeMap<String, [i64; 7]>,
    pub t3: [i64; 15],
}

impl Values {
    /// A consistent, non-trivial set of values.
    pub fn valid(format: &str) -> Values {
        let fd = format_data(format);
        let mut t1 = BTreeMap::new();
        let mut k = 1;
        for b in table(&fd, "t1")["blocks"].as_array().expect("blocks") {
            let cols = b["columns"].as_array().expect("columns");
            for r in b["rows"].as_array().expect("rows") {
                for (i, c) in cols.iter().enumerate() {
                    let ty = c["type"].as_str().unwrap_or("count");
                    let v = match ty {
                        "money" => "1.5".to_string(),
                        "money_any_unit" => "12.5万元".to_string(),
                        // 2019 本年新制作/新公开 ≤ 对外公开总数量: make the last column largest.
                        _ => (k + 10 * i).to_string(),
                    };
                    t1.insert((s(&r["id"]), s(&c["id"])), v);
                    k += 1;
                }
            }
        }
        let mut t2 = BTreeMap::new();
        let z = [0i64; 6];
        for r in t2_data_rows(format) {
            t2.insert(r, [0; 7]);
        }
        let set = |t2: &mut BTreeMap<String, [i64; 7]>, r: &str, v: [i64; 6]| {
            let e = t2.get_mut(r).expect("row");
            e[..6].copy_from_slice(&v);
        };
        set(&mut t2, "r1", [5, 1, 0, 0, 1, 0]);
        set(&mut t2, "r2", [2, 0, 1, 0, 0, 0]);
        set(&mut t2, "r3_4", [1, 0, 0, 0, 0, 0]);
        set(&mut t2, "r4_1", [3, 0, 0, 1, 0, 0]);
        set(&mut t2, "r5_2", [1, 0, 0, 0, 0, 1]);
        if format == "2019" {
            set(&mut t2, "r6", [1, 0, 0, 0, 0, 0]);
        } else {
            set(&mut t2, "r6_3", [1, 0, 0, 0, 0, 0]);
        }
        set(&mut t2, "carried_in", [2, 0, 0, 0, 1, 0]);
        set(&mut t2, "carried_out", [1, 1, 0, 0, 0, 0]);
        let _ = z;
        // r7 = Σ leaves; new = r7 + carried_out − carried_in.
        let leaves = t2_leaves(format);
        let mut r7 = [0i64; 7];
        for l in &leaves {
            for c in 0..6 {
                r7[c] += t2[l][c];
            }
        }
        t2.insert("r7".into(), r7);
        let mut new = [0i64; 7];
        for c in 0..6 {
            new[c] = r7[c] + t2["carried_out"][c] - t2["carried_in"][c];
            assert!(new[c] >= 0);
        }
        t2.insert("new".into(), new);
        for v in t2.values_mut() {
            v[6] = v[..6].iter().sum();
        }
        let t3 = [3, 1, 1, 2, 7, 0, 1, 3, 1, 5, 0, 0, 0, 1, 1];
        let v = Values {
            format: format.into(),
            t1,
            t2,
            t3,
        };
        assert!(v.failures().is_empty(), "valid values: {:?}", v.failures());
        v
    }

    pub fn t2_get(&self, row: &str, col: &str) -> i64 {
        let i = T2_COLS.iter().position(|c| *c == col).expect("column");
        self.t2[row][i]
    }

    pub fn t2_set(&mut self, row: &str, col: &str, v: i64) {
        let i = T2_COLS.iter().position(|c| *c == col).expect("column");
        self.t2.get_mut(row).expect("row")[i] = v;
    }

    pub fn t3_get(&self, col: &str) -> i64 {
        self.t3[T3_COLS.iter().position(|c| *c == col).expect("column")]
    }

    pub fn t3_set(&mut self, col: &str, v: i64) {
        self.t3[T3_COLS.iter().position(|c| *c == col).expect("column")] = v;
    }

    /// Failing relation instances: (relation id, the cell the finding belongs at as
    /// (table, row, col), lhs sum, rhs sum). For relations whose lhs is a total the cell is
    /// that total; for A1 it is `new` of the column.
    pub fn failures(&self) -> Vec<Failure> {
        let mut out = Vec::new();
        let leaves = t2_leaves(&self.format);
        for c in T2_COLS {
            let l = self.t2_get("new", c) + self.t2_get("carried_in", c);
            let r = self.t2_get("r7", c) + self.t2_get("carried_out", c);
            if l != r {
                out.push(Failure::new("A1", "t2", "new", c, l, r));
            }
            let l = self.t2_get("r7", c);
            let r: i64 = leaves.iter().map(|x| self.t2_get(x, c)).sum();
            if l != r {
                out.push(Failure::new("A2", "t2", "r7", c, l, r));
            }
        }
        for row in t2_data_rows(&self.format) {
            let l = self.t2_get(&row, "tot");
            let r: i64 = T2_COLS[..6].iter().map(|c| self.t2_get(&row, c)).sum();
            if l != r {
                out.push(Failure::new("A3", "t2", &row, "tot", l, r));
            }
        }
        for (id, g) in [("L1", "rv"), ("L2", "ld"), ("L3", "la")] {
            let l = self.t3_get(&format!("{g}_total"));
            let r: i64 = ["keep", "fix", "other", "open"]
                .iter()
                .map(|k| self.t3_get(&format!("{g}_{k}")))
                .sum();
            if l != r {
                out.push(Failure::new(id, "t3", "data", &format!("{g}_total"), l, r));
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub relation: String,
    pub table: String,
    pub row: String,
    pub col: String,
    pub lhs: i64,
    pub rhs: i64,
}

impl Failure {
    fn new(rel: &str, t: &str, row: &str, col: &str, lhs: i64, rhs: i64) -> Failure {
        Failure {
            relation: rel.into(),
            table: t.into(),
            row: row.into(),
            col: col.into(),
            lhs,
            rhs,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering a report
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// GFM tables as in report-format.md §13.
    Gfm,
    /// GFM rows without the `|---|` separator row.
    GfmNoSep,
    /// GFM rows with a blank line between rows.
    GfmBlankRows,
    /// One cell per line, no blank lines (like seed 001).
    CellPerLine,
    /// One cell per line with a blank line between rows (like seed 003).
    CellPerLineBlank,
    /// Every cell on its own tab-indented line, blank line between rows (like seed 004).
    TabIndented,
    /// Tab-separated rows as pasted from Excel.
    TabRows,
}

pub type LabelFn = Box<dyn Fn(&str) -> String>;

pub struct Style {
    pub layout: Layout,
    pub fullwidth_digits: bool,
    /// Transform applied to every table label (row labels, header labels, block labels).
    pub label: LabelFn,
    pub title_two_lines: bool,
    /// Part headings as written (index 0 = part 一); `None`: the standard `## 一、…`.
    pub headings: [Option<String>; 6],
    /// Repeat the group label `三、本年度办理结果` after this table-2 row, following a
    /// page break (blank line and a page number line).
    pub repeat_results_after: Option<String>,
}

impl Style {
    pub fn new(layout: Layout) -> Style {
        Style {
            layout,
            fullwidth_digits: false,
            label: Box::new(|s| s.to_string()),
            title_two_lines: false,
            headings: Default::default(),
            repeat_results_after: None,
        }
    }
}

pub struct Doc {
    pub text: String,
    /// (table, row, col) → byte range of the value cell.
    pub cells: BTreeMap<(String, String, String), Range<usize>>,
    /// Byte ranges of the six part headings (text without `## `).
    pub headings: Vec<Range<usize>>,
    pub year: u16,
}

impl Doc {
    pub fn cell(&self, t: &str, r: &str, c: &str) -> Range<usize> {
        self.cells
            .get(&(t.to_string(), r.to_string(), c.to_string()))
            .unwrap_or_else(|| panic!("cell {t}/{r}/{c}"))
            .clone()
    }
    pub fn cell_pos(&self, t: &str, r: &str, c: &str) -> ((usize, usize), (usize, usize)) {
        lsp_range(&self.text, &self.cell(t, r, c))
    }
}

fn fw(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).expect("digit"),
            '.' => '．',
            _ => c,
        })
        .collect()
}

/// Builder of a document that records value cell ranges.
struct W<'a> {
    out: String,
    cells: BTreeMap<(String, String, String), Range<usize>>,
    style: &'a Style,
}

/// A table cell: a label or a value (with its key).
#[derive(Clone)]
enum C {
    Label(String),
    Empty,
    Val(String, (String, String, String)),
}

impl W<'_> {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }
    fn cell(&mut self, c: &C) {
        match c {
            C::Label(l) => {
                let l = (self.style.label)(l);
                self.out.push_str(&l);
            }
            C::Empty => {}
            C::Val(v, key) => {
                let v = if self.style.fullwidth_digits {
                    fw(v)
                } else {
                    v.clone()
                };
                let a = self.out.len();
                self.out.push_str(&v);
                self.cells.insert(key.clone(), a..self.out.len());
            }
        }
    }
    /// One row of a table in the current layout. `header`: the row is a header row (the GFM
    /// separator follows the first header row of a table).
    fn row(&mut self, cells: &[C], first_of_table: bool) {
        match self.style.layout {
            Layout::Gfm | Layout::GfmNoSep | Layout::GfmBlankRows => {
                self.push("|");
                for c in cells {
                    self.push(" ");
                    self.cell(c);
                    self.push(" |");
                }
                self.push("\n");
                if first_of_table && self.style.layout != Layout::GfmNoSep {
                    self.push("|");
                    for _ in cells {
                        self.push("---|");
                    }
                    self.push("\n");
                }
                if self.style.layout == Layout::GfmBlankRows {
                    self.push("\n");
                }
            }
            Layout::CellPerLine | Layout::CellPerLineBlank => {
                for c in cells {
                    if matches!(c, C::Empty) {
                        continue;
                    }
                    self.cell(c);
                    self.push("\n");
                }
                if self.style.layout == Layout::CellPerLineBlank {
                    self.push("\n");
                }
            }
            Layout::TabIndented => {
                for c in cells {
                    if matches!(c, C::Empty) {
                        continue;
                    }
                    self.push("\t");
                    self.cell(c);
                    self.push("\n");
                }
                self.push("\n");
            }
            Layout::TabRows => {
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        self.push("\t");
                    }
                    self.cell(c);
                }
                self.push("\n");
            }
        }
    }
    fn end_table(&mut self) {
        if !self.out.ends_with("\n\n") {
            self.push("\n");
        }
    }
}

fn lab(s: &str) -> C {
    C::Label(s.to_string())
}

/// Render a full report for `year` (2019 format for 2019–2020, else 2021) with `values`.
pub fn render(year: u16, values: &Values, style: &Style) -> Doc {
    let format = if year <= 2020 { "2019" } else { "2021" };
    assert_eq!(values.format, format);
    let fd = format_data(format);
    let gfm = matches!(
        style.layout,
        Layout::Gfm | Layout::GfmNoSep | Layout::GfmBlankRows
    );
    let mut w = W {
        out: String::new(),
        cells: BTreeMap::new(),
        style,
    };
    let mut headings = Vec::new();
    let title_hash = if gfm { "# " } else { "" };
    if style.title_two_lines {
        w.push(&format!(
            "{title_hash}示例市示例局{year}年度政府信息\n公开工作报告\n\n"
        ));
    } else {
        w.push(&format!(
            "{title_hash}示例市示例局{year}年政府信息公开工作年度报告\n\n"
        ));
    }
    w.push(&format!(
        "本报告根据《中华人民共和国政府信息公开条例》的要求编制，统计期限为{year}年1月1日至{year}年12月31日，由总体情况、主动公开政府信息情况等六部分组成。\n\n"
    ));
    let heading = |w: &mut W, n: usize, headings: &mut Vec<Range<usize>>| {
        let h = style.headings[n - 1]
            .clone()
            .unwrap_or_else(|| format!("## {}", part_heading(&fd, n)));
        let a = w.out.len();
        w.push(&h);
        let b = w.out.len();
        let hashes = h.len() - h.trim_start_matches('#').len();
        let skip = if hashes > 0 { hashes + 1 } else { 0 };
        headings.push(a + skip..b);
        w.push("\n\n");
    };
    heading(&mut w, 1, &mut headings);
    w.push("本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作，进一步规范依申请公开办理流程，加强政府信息管理和平台建设，监督保障工作扎实有效。\n\n");

    // Part 二, table 1.
    heading(&mut w, 2, &mut headings);
    let t1 = table(&fd, "t1");
    let blocks = t1["blocks"].as_array().expect("blocks");
    let width = 1 + blocks
        .iter()
        .map(|b| b["columns"].as_array().expect("c").len())
        .max()
        .unwrap_or(3);
    let pad = |mut v: Vec<C>| {
        while v.len() < width {
            v.push(C::Empty);
        }
        v
    };
    let mut first = true;
    for b in blocks {
        w.row(&pad(vec![lab(b["label"].as_str().expect("l"))]), first);
        first = false;
        let cols = b["columns"].as_array().expect("c");
        let mut hdr = vec![lab(&s(&t1["header_labels"][0]))];
        hdr.extend(cols.iter().map(|c| lab(c["label"].as_str().expect("l"))));
        w.row(&pad(hdr), false);
        for r in b["rows"].as_array().expect("rows") {
            let rid = s(&r["id"]);
            let mut row = vec![lab(r["label"].as_str().expect("l"))];
            for c in cols {
                let cid = s(&c["id"]);
                let v = values.t1[&(rid.clone(), cid.clone())].clone();
                row.push(C::Val(v, ("t1".into(), rid.clone(), cid)));
            }
            w.row(&pad(row), false);
        }
    }
    w.end_table();

    // Part 三, table 2.
    heading(&mut w, 3, &mut headings);
    let t2 = table(&fd, "t2");
    let cols = t2["columns"].as_array().expect("columns");
    let mut hdr = vec![lab(&s(&t2["header_labels"][0]))];
    hdr.extend(cols.iter().map(|c| lab(c["label"].as_str().expect("l"))));
    w.row(&hdr, true);
    for r in t2["rows"].as_array().expect("rows") {
        let rid = s(&r["id"]);
        let label = s(&r["label"]);
        if r["kind"] == "group" {
            let mut row = vec![lab(&label)];
            if gfm || style.layout == Layout::TabRows {
                row.extend((0..7).map(|_| C::Empty));
            }
            w.row(&row, false);
        } else {
            let mut row = vec![lab(&label)];
            for (i, c) in T2_COLS.iter().enumerate() {
                row.push(C::Val(
                    values.t2[&rid][i].to_string(),
                    ("t2".into(), rid.clone(), c.to_string()),
                ));
            }
            w.row(&row, false);
        }
        if style.repeat_results_after.as_deref() == Some(rid.as_str()) {
            // A page break inside the table: the page number, then the spanning group label
            // printed again at the top of the next page.
            if !w.out.ends_with("\n\n") {
                w.push("\n");
            }
            w.push("- 3 -\n\n");
            let group = t2["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .find(|x| x["id"] == "results")
                .expect("results row");
            let mut row = vec![lab(group["label"].as_str().expect("l"))];
            if gfm || style.layout == Layout::TabRows {
                row.extend((0..7).map(|_| C::Empty));
            }
            w.row(&row, gfm);
        }
    }
    w.end_table();

    // Part 四, table 3.
    heading(&mut w, 4, &mut headings);
    let t3 = table(&fd, "t3");
    let c3 = t3["columns"].as_array().expect("columns");
    let lbl = |id: &str| -> String { s(&c3.iter().find(|c| c["id"] == id).expect("col")["label"]) };
    let groups: Vec<String> = c3.iter().map(|c| s(&c["group"])).collect::<Vec<_>>();
    // Group names: 行政复议, 行政诉讼, and the two litigation sub-groups.
    let review = groups[0].clone();
    let (lit, direct) = split_group(&groups[5]);
    let (_, after) = split_group(&groups[10]);
    let mut r1 = vec![lab(&review)];
    r1.extend((0..4).map(|_| C::Empty));
    r1.push(lab(&lit));
    r1.extend((0..9).map(|_| C::Empty));
    let mut r2: Vec<C> = T3_COLS[..5].iter().map(|c| lab(&lbl(c))).collect();
    r2.push(lab(&direct));
    r2.extend((0..4).map(|_| C::Empty));
    r2.push(lab(&after));
    r2.extend((0..4).map(|_| C::Empty));
    let mut r3: Vec<C> = (0..5).map(|_| C::Empty).collect();
    r3.extend(T3_COLS[5..].iter().map(|c| lab(&lbl(c))));
    let r4: Vec<C> = T3_COLS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            C::Val(
                values.t3[i].to_string(),
                ("t3".into(), "data".into(), c.to_string()),
            )
        })
        .collect();
    if style.layout == Layout::TabIndented {
        // Like seed 004: header cells without the empty ones.
        let strip = |v: &[C]| -> Vec<C> {
            v.iter()
                .filter(|c| !matches!(c, C::Empty))
                .cloned()
                .collect()
        };
        w.row(&strip(&r1), true);
        w.row(&strip(&r2), false);
        w.row(&strip(&r3), false);
    } else {
        w.row(&r1, true);
        w.row(&r2, false);
        w.row(&r3, false);
    }
    w.row(&r4, false);
    w.end_table();

    heading(&mut w, 5, &mut headings);
    w.push("一是政策解读的形式还不够丰富；二是公开内容的及时性有待提高。下一步，本机关将加强培训，完善制度，不断提升政务公开工作水平。\n\n");
    heading(&mut w, 6, &mut headings);
    w.push("本年度未收取信息处理费。\n\n");
    w.push(&format!("示例市示例局\n{}年1月20日\n", year + 1));
    Doc {
        text: w.out,
        cells: w.cells,
        headings,
        year,
    }
}

fn split_group(g: &str) -> (String, String) {
    let mut it = g.split('›').map(|x| x.trim().to_string());
    let a = it.next().expect("group");
    let b = it.next().expect("sub-group");
    (a, b)
}

// ---------------------------------------------------------------------------------------------
// Filling the draft printed by `nianbao new`
// ---------------------------------------------------------------------------------------------

/// `nianbao new --year YEAR`, its value cells filled with `values`; the ranges of the
/// filled cells and part headings are recorded. Rows are recognised by their labels in the
/// format data, so the draft's layout is taken as printed.
pub fn render_new(year: u16, values: &Values) -> Doc {
    let o = run(&["new", "--year", &year.to_string()], None);
    assert_eq!(code(&o), 0, "nianbao new --year {year}: {}", stderr(&o));
    let draft = stdout(&o);
    let fd = format_data(&values.format);
    let t1 = table(&fd, "t1");
    let t2 = table(&fd, "t2");
    // label → (row id, column ids) for tables 1 and 2.
    let mut rows: BTreeMap<String, (&str, String, Vec<String>)> = BTreeMap::new();
    for b in t1["blocks"].as_array().expect("blocks") {
        let cols: Vec<String> = b["columns"]
            .as_array()
            .expect("c")
            .iter()
            .map(|c| s(&c["id"]))
            .collect();
        for r in b["rows"].as_array().expect("rows") {
            rows.insert(s(&r["label"]), ("t1", s(&r["id"]), cols.clone()));
        }
    }
    for r in t2["rows"].as_array().expect("rows") {
        if r["kind"] == "data" {
            let cols = T2_COLS.iter().map(|c| c.to_string()).collect();
            rows.insert(s(&r["label"]), ("t2", s(&r["id"]), cols));
        }
    }
    let headings_want: Vec<String> = (1..=6).map(|n| part_heading(&fd, n)).collect();
    let mut out = String::new();
    let mut cells = BTreeMap::new();
    let mut headings = vec![0..0; 6];
    for line in draft.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if let Some(i) = body
            .strip_prefix("## ")
            .and_then(|h| headings_want.iter().position(|x| x == h))
        {
            headings[i] = out.len() + 3..out.len() + body.len();
        }
        let parts: Vec<&str> = if body.starts_with('|') && body.ends_with('|') {
            body[1..body.len() - 1].split('|').collect()
        } else {
            Vec::new()
        };
        let numeric = |p: &&str| p.trim().parse::<f64>().is_ok();
        let target: Option<(String, String, Vec<String>, usize)> = if parts.is_empty() {
            None
        } else if parts.len() == 15 && parts.iter().all(numeric) {
            let cols = T3_COLS.iter().map(|c| c.to_string()).collect();
            Some(("t3".into(), "data".into(), cols, 0))
        } else if let Some((t, r, cols)) = rows.get(parts[0].trim()) {
            Some((t.to_string(), r.clone(), cols.clone(), 1))
        } else {
            None
        };
        let Some((t, r, cols, first)) = target else {
            out.push_str(line);
            continue;
        };
        out.push('|');
        for (i, p) in parts.iter().enumerate() {
            let ci = i.wrapping_sub(first);
            if i >= first && ci < cols.len() && numeric(p) {
                let v = match t.as_str() {
                    "t1" => values.t1[&(r.clone(), cols[ci].clone())].clone(),
                    "t2" => values.t2[&r][ci].to_string(),
                    _ => values.t3[ci].to_string(),
                };
                let lead = &p[..p.len() - p.trim_start().len()];
                let trail = &p[p.trim_end().len()..];
                out.push_str(lead);
                let a = out.len();
                out.push_str(&v);
                cells.insert((t.clone(), r.clone(), cols[ci].clone()), a..out.len());
                out.push_str(trail);
            } else {
                out.push_str(p);
            }
            out.push('|');
        }
        out.push_str(&line[body.len()..]);
    }
    for (i, h) in headings.iter().enumerate() {
        assert!(!h.is_empty(), "heading {} in the draft", i + 1);
    }
    let want = values.t1.len() + values.t2.len() * 7 + 15;
    assert_eq!(cells.len(), want, "every value cell of the draft filled");
    Doc {
        text: out,
        cells,
        headings,
        year,
    }
}
