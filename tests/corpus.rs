//! The corpus of reports in tests/corpus/ against their hand-verified expectations
//! (tests/corpus/expected.json, explained file by file in tests/corpus/README.md).
//!
//! Every file must give exactly its listed findings of severity error, warning and info — the
//! rule, the severity and, for `total-mismatch`, the relation — and its year and format. Hints
//! are not listed.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    manifest_dir().join("tests/corpus")
}

fn expected() -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(corpus_dir().join("expected.json")).expect("expected.json");
    let v: Value = serde_json::from_str(&text).expect("expected.json is JSON");
    v.as_object()
        .expect("an object keyed by file name")
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn severity_name(n: u64) -> &'static str {
    match n {
        1 => "error",
        2 => "warning",
        3 => "info",
        _ => "hint",
    }
}

/// (rule, severity, relation) → count.
type Tally = BTreeMap<(String, String, String), usize>;

fn tally_found(fs: &[Finding]) -> Tally {
    let mut t = Tally::new();
    for f in fs.iter().filter(|f| f.severity <= 3) {
        let relation = if f.code == "total-mismatch" {
            f.data["relation"].as_str().unwrap_or("").to_string()
        } else {
            String::new()
        };
        *t.entry((f.code.clone(), severity_name(f.severity).into(), relation))
            .or_default() += 1;
    }
    t
}

fn tally_expected(e: &Value) -> Tally {
    let mut t = Tally::new();
    for f in e["findings"].as_array().expect("findings") {
        let relation = f["relation"].as_str().unwrap_or("").to_string();
        let key = (
            f["rule"].as_str().expect("rule").to_string(),
            f["severity"].as_str().expect("severity").to_string(),
            relation,
        );
        *t.entry(key).or_default() += 1;
    }
    t
}

#[test]
fn every_corpus_report_gives_exactly_its_verified_findings() {
    let exp = expected();
    let files: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    assert!(
        files.len() >= 20,
        "the corpus holds {} reports",
        files.len()
    );
    for f in &files {
        assert!(exp.contains_key(f), "{f} has no entry in expected.json");
    }
    // In one run, as a reviewer checks a batch (the folder also holds the README).
    let paths: Vec<String> = files
        .iter()
        .map(|f| corpus_dir().join(f).display().to_string())
        .collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (v, _) = check_json(&args, None);
    let checked = v["files"].as_array().expect("files");
    assert_eq!(checked.len(), files.len(), "every report is checked");
    let mut failures = Vec::new();
    for file in checked {
        let path = file["path"].as_str().expect("path");
        let name = path.rsplit(['/', '\\']).next().expect("name");
        let e = &exp[name];
        let fs = findings(file);
        let (got, want) = (tally_found(&fs), tally_expected(e));
        if got != want {
            failures.push(format!(
                "{name}: findings differ\n  expected {want:?}\n  got      {got:?}\n{}",
                show(&fs)
            ));
        }
        if file["year"] != e["year"] {
            failures.push(format!(
                "{name}: year {} (expected {})",
                file["year"], e["year"]
            ));
        }
        // The format the tables are printed in (not the one the year calls for).
        let format = file["format"].as_str().unwrap_or("");
        let printed = e["format"].as_str().expect("format");
        if format != printed {
            failures.push(format!("{name}: format {format} (expected {printed})"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The real reports are told apart from re-layouts, and every re-layout names its source.
#[test]
fn corpus_entries_say_what_they_are() {
    for (name, e) in expected() {
        let real = e["real"].as_bool().expect("real");
        assert_eq!(real, !name.contains(".relayout-"), "{name}");
        if !real {
            assert!(e["relayout_of"].is_string(), "{name}: relayout_of");
        }
    }
}
