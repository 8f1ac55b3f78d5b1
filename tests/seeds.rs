//! The five seed reports (tests/fixtures/00*.txt) against tests/fixtures/EXPECTED.md.
//!
//! Every expectation below was derived from EXPECTED.md and checked against the seed text by
//! hand (line numbers are 0-based, as in the JSON output). Findings above hint (severity
//! 1–3) must match exactly; hints are only asserted where EXPECTED.md asks for one.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// (file object, exit code, findings, text) for one seed.
fn check_seed(name: &str) -> (Value, i32, Vec<Finding>, String) {
    let (file, c, fs) = check_file(&fixture(name));
    (file, c, fs, seed_text(name))
}

/// Findings above hint as (rule, line) pairs, excluding the rules in `flexible` (whose
/// severity EXPECTED.md leaves open between warning and hint).
fn above_hint_set(fs: &[Finding], flexible: &[&str]) -> BTreeSet<(String, usize)> {
    fs.iter()
        .filter(|f| f.severity <= 3 && !flexible.contains(&f.code.as_str()))
        .map(|f| (f.code.clone(), f.line))
        .collect()
}

fn set(items: &[(&str, usize)]) -> BTreeSet<(String, usize)> {
    items.iter().map(|(r, l)| (r.to_string(), *l)).collect()
}

fn one<'a>(fs: &'a [Finding], code: &str, line: usize) -> &'a Finding {
    let v: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.code == code && f.line == line)
        .collect();
    assert_eq!(v.len(), 1, "one {code} at line {line}:\n{}", show(fs));
    v[0]
}

fn no_structure_errors(fs: &[Finding]) {
    for code in [
        "missing-part",
        "missing-table",
        "missing-row",
        "unknown-row",
        "not-a-report",
        "unknown-year",
    ] {
        assert!(
            !fs.iter().any(|f| f.code == code),
            "unexpected {code}:\n{}",
            show(fs)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 000 保山 2021
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_000_baoshan_2021() {
    let (file, code, fs, text) = check_seed(S000);
    assert_eq!(file["year"], 2021, "year read from the preamble");
    assert_eq!(file["format"], "2021");
    assert_eq!(file["encoding"], "utf-8");
    // All tables balance, narrative matches, date fine, part 五 accepted: nothing above hint.
    assert_eq!(above_hint_set(&fs, &[]), set(&[]), "\n{}", show(&fs));
    assert_eq!(code, 0);
    no_structure_errors(&fs);
    // Part 五 headed 五、存在问题及改进情况: a hint offering the standard heading.
    let h = one(&fs, "nonstandard-heading", 367);
    assert_eq!(h.severity, 4);
    assert_eq!(text_at(&text, h), "五、存在问题及改进情况");
    assert!(
        h.message.contains("五、存在的主要问题及改进情况"),
        "{}",
        h.message
    );
    // No narrative finding: 行政许可185条 / 行政处罚24条 match the table.
    assert!(!fs.iter().any(|f| f.code == "narrative-mismatch"));
    assert!(!fs.iter().any(|f| f.code == "signature-date"));
}

// ---------------------------------------------------------------------------------------------
// 001 貴陽 2022 (traditional characters)
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_001_guiyang_2022() {
    let (file, code, fs, text) = check_seed(S001);
    assert_eq!(file["year"], 2022);
    assert_eq!(file["format"], "2021");
    // Only the missing signature date is above hint.
    assert_eq!(
        above_hint_set(&fs, &[]),
        set(&[("signature-date", 307)]),
        "\n{}",
        show(&fs)
    );
    let sig = one(&fs, "signature-date", 307);
    assert_eq!(sig.severity, 2, "missing signature is a warning");
    // The page ends with web-site links; the finding sits at the end of the text.
    assert_eq!(text_at(&text, sig), "聯絡我們");
    assert_eq!(code, 0);
    // Traditional headings and labels (屬於國家秘密, 行政規範性檔案) are recognised.
    no_structure_errors(&fs);
    assert!(!fs.iter().any(|f| f.code == "nonstandard-heading"));
    assert!(!fs.iter().any(|f| f.code == "total-mismatch"));
    assert!(!fs.iter().any(|f| f.code == "narrative-mismatch"));
}

// ---------------------------------------------------------------------------------------------
// 002 海东 2023 (2019 table format, OCR damage, empty tables)
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_002_haidong_2023() {
    let (file, code, fs, text) = check_seed(S002);
    assert_eq!(file["year"], 2023);
    assert_eq!(
        file["format"], "2019",
        "the draft uses the 2019 table format"
    );
    assert_eq!(file["expectedFormat"], "2021");
    assert_eq!(
        above_hint_set(&fs, &[]),
        set(&[
            // 2019 columns in a 2023 report.
            ("format-mismatch", 25),
            // OCR damage in number cells: `报 1`, the letter `O`, `贵 0`, `哟 0`.
            ("invalid-cell", 32),
            ("invalid-cell", 36),
            ("invalid-cell", 39),
            ("invalid-cell", 42),
            // Application and review tables hold no numbers at all.
            ("empty-table", 46),
            ("empty-table", 87),
            // Part 六 empty; 2021 format wants the 信息处理费 statement.
            ("empty-part", 103),
            ("fee-statement-missing", 103),
        ]),
        "\n{}",
        show(&fs)
    );
    let fm = one(&fs, "format-mismatch", 25);
    assert_eq!(fm.severity, 1, "the wrong format for 2023 is an error");
    assert_eq!(fm.data["expected"], "2021");
    assert_eq!(fm.data["actual"], "2019");
    for l in [46, 87] {
        assert_eq!(one(&fs, "empty-table", l).severity, 1);
    }
    let o = one(&fs, "invalid-cell", 36);
    assert_eq!(text_at(&text, o), "O", "the letter O in a number column");
    for (l, t) in [(32, "报 1"), (39, "贵 0"), (42, "哟 0")] {
        assert_eq!(text_at(&text, one(&fs, "invalid-cell", l)), t);
    }
    // In extracted text the damage may be the extraction's: a warning (the same cells typed
    // in a Markdown table are errors).
    for f in fs.iter().filter(|f| f.code == "invalid-cell") {
        assert_eq!(f.severity, 2, "OCR damage is a warning: {f:?}");
    }
    for r in ["empty-part", "fee-statement-missing"] {
        let f = one(&fs, r, 103);
        assert_eq!(f.severity, 2);
        assert_eq!(text_at(&text, f), "六、其他需要报告的事项");
    }
    // Not a wall of total errors, no date finding (2024年1月18日 is fine).
    assert!(!fs.iter().any(|f| f.code == "total-mismatch"));
    assert!(!fs.iter().any(|f| f.code == "signature-date"));
    assert!(!fs.iter().any(|f| f.code == "missing-part"));
    assert_eq!(code, 1);
}

// ---------------------------------------------------------------------------------------------
// 003 和田 2021 (title on two lines)
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_003_hotan_2021() {
    let (file, code, fs, text) = check_seed(S003);
    assert_eq!(file["year"], 2021, "year from the two-line title");
    assert_eq!(file["format"], "2021");
    assert_eq!(
        above_hint_set(&fs, &[]),
        set(&[("fee-statement-missing", 391)]),
        "\n{}",
        show(&fs)
    );
    let fee = one(&fs, "fee-statement-missing", 391);
    assert_eq!(fee.severity, 2);
    assert_eq!(text_at(&text, fee), "六、其他需要报告的事项");
    // 规范性文件 in the 2021 table: recognised, with a hint at the standard label.
    let l = one(&fs, "nonstandard-label", 24);
    assert_eq!(l.severity, 4);
    assert_eq!(text_at(&text, l), "规范性文件");
    assert!(l.message.contains("行政规范性文件"));
    no_structure_errors(&fs);
    assert!(!fs.iter().any(|f| f.code == "total-mismatch"));
    assert!(!fs.iter().any(|f| f.code == "narrative-mismatch"));
    assert_eq!(code, 0);
}

// ---------------------------------------------------------------------------------------------
// 004 济南 2020 (two broken totals)
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_004_jinan_2020() {
    let (file, code, fs, text) = check_seed(S004);
    assert_eq!(file["year"], 2020);
    assert_eq!(file["format"], "2019", "2019 format, right for 2020");
    assert_eq!(file["expectedFormat"], "2019");
    // 全部办结 vs 结转 2: EXPECTED allows hint or warning, so it is checked on its own.
    assert_eq!(
        above_hint_set(&fs, &["narrative-mismatch"]),
        set(&[
            ("total-mismatch", 408),
            ("total-mismatch", 413),
            ("signature-date", 424),
        ]),
        "\n{}",
        show(&fs)
    );
    let nm: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.code == "narrative-mismatch")
        .collect();
    assert_eq!(nm.len(), 1, "\n{}", show(&fs));
    assert!(matches!(nm[0].severity, 2 | 4));
    assert_eq!(nm[0].line, 19);
    assert_eq!(text_at(&text, nm[0]), "全部办结");
    assert!(nm[0].message.contains('2'));

    // 行政诉讼 未经复议直接起诉: 0 + 1 + 3 + 1 = 5, but 总计 is 4.
    let a = one(&fs, "total-mismatch", 408);
    assert_eq!(a.severity, 1);
    assert_eq!(a.relation(), Some("L2"));
    assert!(a.message.contains("= 5"), "{}", a.message);
    assert!(a.message.contains('4'), "{}", a.message);
    assert_eq!(
        text_at(&text, &a.clone()),
        "4",
        "range on the 总计 cell holding 4"
    );
    assert_eq!(
        (a.line, a.character, a.end_line, a.end_character),
        (408, 1, 408, 2)
    );
    assert_eq!(a.data["expected"], 5);
    assert_eq!(a.data["actual"], 4);
    // 行政诉讼 复议后起诉: 0 + 0 + 0 + 1 = 1, but 总计 is 5.
    let b = one(&fs, "total-mismatch", 413);
    assert_eq!(b.severity, 1);
    assert_eq!(b.relation(), Some("L3"));
    assert!(b.message.contains("= 1"), "{}", b.message);
    assert!(b.message.contains('5'), "{}", b.message);
    assert_eq!(text_at(&text, b), "5", "range on the 总计 cell holding 5");
    assert_eq!(b.data["expected"], 1);
    assert_eq!(b.data["actual"], 5);
    // 行政复议 3 + 1 + 1 + 2 = 7 is fine; the application table balances; no relation on
    // the signed 本年增/减 changes.
    assert_eq!(fs.iter().filter(|f| f.code == "total-mismatch").count(), 2);
    // Signed 2020年1月26日 for the 2020 report.
    let sig = one(&fs, "signature-date", 424);
    assert!(matches!(sig.severity, 1 | 2));
    assert_eq!(text_at(&text, sig), "2020年1月26日");
    // Empty cells count as 0: no invalid-cell, at most a hint.
    for f in fs.iter().filter(|f| f.code == "blank-cell") {
        assert_eq!(f.severity, 4);
    }
    no_structure_errors(&fs);
    assert_eq!(code, 1);
}

// ---------------------------------------------------------------------------------------------
// Values read (via `nianbao tables`), so the clean seeds are clean for the right reason
// ---------------------------------------------------------------------------------------------

fn tables_of(name: &str) -> Value {
    let p = fixture(name).display().to_string();
    let o = run(&["tables", "--format", "json", &p], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("tables json")
}

fn cell(t: &Value, table: &str, row: &str, col: &str) -> Value {
    let tb = t["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|x| x["id"] == table)
        .unwrap_or_else(|| panic!("table {table} in {t}"));
    let r = tb["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|x| x["row"] == row)
        .unwrap_or_else(|| panic!("row {row}"));
    r["cells"][col].clone()
}

#[test]
fn seed_values_are_read() {
    // 001: 本年新收 自然人 16 = 总计 16; 予以公开 10; 本机关不掌握 6; 总计 16; 结转 0; 行政處罰 1820.
    let t = tables_of(S001);
    assert_eq!(cell(&t, "t2", "new", "np"), 16);
    assert_eq!(cell(&t, "t2", "new", "tot"), 16);
    assert_eq!(cell(&t, "t2", "r1", "tot"), 10);
    assert_eq!(cell(&t, "t2", "r4_1", "tot"), 6);
    assert_eq!(cell(&t, "t2", "r7", "tot"), 16);
    assert_eq!(cell(&t, "t2", "carried_out", "tot"), 0);
    assert_eq!(cell(&t, "t1", "penalty", "decisions"), 1820);
    // 行政規範性檔案 is the 行政规范性文件 row.
    assert_eq!(cell(&t, "t1", "norms", "made"), 0);
    // 004: 20 + 1 = 19 + 2; 5 + 3 + 4 + 7 = 19; table 3 as printed; signed changes.
    let t = tables_of(S004);
    assert_eq!(cell(&t, "t2", "new", "tot"), 20);
    assert_eq!(cell(&t, "t2", "carried_in", "tot"), 1);
    assert_eq!(cell(&t, "t2", "r7", "tot"), 19);
    assert_eq!(cell(&t, "t2", "carried_out", "tot"), 2);
    assert_eq!(cell(&t, "t2", "r1", "tot"), 5);
    assert_eq!(cell(&t, "t2", "r2", "tot"), 3);
    assert_eq!(cell(&t, "t2", "r4_1", "tot"), 4);
    assert_eq!(cell(&t, "t2", "r6", "tot"), 7);
    let t3: Vec<Value> = T3_COLS.iter().map(|c| cell(&t, "t3", "data", c)).collect();
    let want = [3, 1, 1, 2, 7, 0, 1, 3, 1, 4, 0, 0, 0, 1, 5];
    assert_eq!(t3, want.iter().map(|v| Value::from(*v)).collect::<Vec<_>>());
    assert_eq!(cell(&t, "t1", "license", "change"), -5678);
    assert_eq!(cell(&t, "t1", "penalty", "change"), -2367);
    assert_eq!(cell(&t, "t1", "coercion", "change"), -1);
    // 000: 行政许可 185, 行政处罚 24; 003: 行政许可 36.
    let t = tables_of(S000);
    assert_eq!(cell(&t, "t1", "license", "decisions"), 185);
    assert_eq!(cell(&t, "t1", "penalty", "decisions"), 24);
    let t = tables_of(S003);
    assert_eq!(cell(&t, "t1", "license", "decisions"), 36);
}

// ---------------------------------------------------------------------------------------------
// Exit codes, several files at once, human output
// ---------------------------------------------------------------------------------------------

#[test]
fn exit_codes() {
    for (name, want) in [(S000, 0), (S001, 0), (S002, 1), (S003, 0), (S004, 1)] {
        let p = fixture(name).display().to_string();
        let o = run(&["check", "--format", "json", &p], None);
        assert_eq!(code(&o), want, "{name}: {}", stderr(&o));
        let o = run(&["check", &p], None);
        assert_eq!(code(&o), want, "{name} (human): {}", stderr(&o));
    }
    // All five together: some error → 1, every file reported, in order.
    let ps: Vec<String> = [S000, S001, S002, S003, S004]
        .iter()
        .map(|n| fixture(n).display().to_string())
        .collect();
    let refs: Vec<&str> = ps.iter().map(|s| s.as_str()).collect();
    let (v, c) = check_json(&refs, None);
    assert_eq!(c, 1);
    let files = v["files"].as_array().expect("files");
    let paths: Vec<&str> = files
        .iter()
        .map(|f| f["path"].as_str().expect("p"))
        .collect();
    assert_eq!(paths, refs);
    let years: Vec<i64> = files
        .iter()
        .map(|f| f["year"].as_i64().expect("y"))
        .collect();
    assert_eq!(years, [2021, 2022, 2023, 2021, 2020]);
}

/// Display width as the human renderer draws it (tabs as 4, wide CJK as 2).
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c == '\t' {
                4
            } else if (c as u32) >= 0x1100 && !matches!(c as u32, 0x2010..=0x2027) {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn human_output_004() {
    let p = fixture(S004).display().to_string();
    let o = run(&["check", "--format", "human", &p], None);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let text = seed_text(S004);
    let src: Vec<&str> = text.lines().collect();
    let mut headers = 0;
    for (i, l) in lines.iter().enumerate() {
        let Some(rest) = l.strip_prefix(&format!("{p}:")) else {
            continue;
        };
        headers += 1;
        // file:line:col: severity[rule] message
        let mut it = rest.splitn(3, ':');
        let line: usize = it.next().expect("line").parse().expect("line number");
        let col: usize = it.next().expect("col").parse().expect("col number");
        let tail = it.next().expect("tail").trim_start();
        assert!(
            ["error[", "warning[", "info[", "hint["]
                .iter()
                .any(|s| tail.starts_with(s)),
            "{l}"
        );
        assert!(line >= 1 && col >= 1, "1-based: {l}");
        if src[line - 1].len() > 400 {
            // Very long lines (prose paragraphs) are not echoed; see
            // `human_output_caret_on_long_line`.
            continue;
        }
        // Source line and caret line follow.
        let gutter = format!("{line} | ");
        let shown = lines[i + 1];
        assert!(shown.starts_with(&gutter), "source line after {l}: {shown}");
        assert_eq!(
            &shown[gutter.len()..],
            src[line - 1].replace('\t', "    "),
            "shows the source line"
        );
        let caret = lines[i + 2];
        let pad = " ".repeat(line.to_string().len());
        let c = caret
            .strip_prefix(&format!("{pad} | "))
            .unwrap_or_else(|| panic!("caret line: {caret:?}"));
        let before: String = src[line - 1].chars().take(col - 1).collect();
        let carets = c.trim_start_matches(' ');
        assert_eq!(
            c.len() - carets.len(),
            width(&before),
            "caret column for {l}"
        );
        assert!(
            !carets.is_empty() && carets.chars().all(|x| x == '^'),
            "{caret}"
        );
    }
    assert!(headers >= 4, "{out}");
    // The two broken totals: line 409 and 414 (1-based), column 2, rule id shown.
    for (line, val) in [(409, "4"), (414, "5")] {
        let head = format!("{p}:{line}:2: error[total-mismatch]");
        let i = lines
            .iter()
            .position(|l| l.starts_with(&head))
            .unwrap_or_else(|| panic!("{head} in\n{out}"));
        assert_eq!(lines[i + 1], format!("{line} |     {val}"));
        assert_eq!(lines[i + 2], "    |     ^");
    }
    assert!(out.contains("error[signature-date]"));
    let summary = lines.last().expect("summary");
    assert!(summary.contains("个错误"), "{summary}");
}

/// A finding inside a long paragraph (seed 004 line 20, 全部办结 at column 143) still gets a
/// source excerpt and a caret under the range.
#[test]
fn human_output_caret_on_long_line() {
    let p = fixture(S004).display().to_string();
    let o = run(&["check", "--format", "human", &p], None);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let head = format!("{p}:20:143: warning[narrative-mismatch]");
    let i = lines
        .iter()
        .position(|l| l.starts_with(&head))
        .unwrap_or_else(|| panic!("{head} in\n{out}"));
    let excerpt = lines[i + 1];
    let caret = lines[i + 2];
    assert!(excerpt.starts_with("20 | "), "excerpt line: {excerpt:?}");
    assert!(excerpt.contains("全部办结"), "{excerpt}");
    let c = caret
        .strip_prefix("   | ")
        .unwrap_or_else(|| panic!("caret line: {caret:?}"));
    let at = excerpt["20 | ".len()..]
        .find("全部办结")
        .expect("in excerpt");
    let before = &excerpt["20 | ".len().."20 | ".len() + at];
    assert_eq!(c.len() - c.trim_start().len(), width(before));
    assert_eq!(c.trim(), "^^^^^^^^", "four wide characters");
}

#[test]
fn human_output_clean_seed_and_hint() {
    let p = fixture(S000).display().to_string();
    let o = run(&["check", &p], None);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let head = format!("{p}:368:1: hint[nonstandard-heading]");
    assert!(out.lines().any(|l| l.starts_with(&head)), "{out}");
    assert!(out.contains("368 | 五、存在问题及改进情况"), "{out}");
    assert!(out.contains("0个错误"), "{out}");
}
