use super::*;
use regex::Regex;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Every source file that may create findings: all of `src/check/rules/`, and any other file
/// under `src/` that calls `Diagnostic::new(` (this file aside: it names the call).
/// Read at test time, so that a new rules file is scanned without being listed here.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("readable source folder") {
            let p = e.expect("folder entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = root.join("src/check/rules");
    let me = root.join("src/check/catalog/tests.rs");
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    files.sort();
    let mut out = Vec::new();
    for p in files.into_iter().filter(|p| *p != me) {
        let src = std::fs::read_to_string(&p).expect("readable source file");
        if p.starts_with(&rules) || src.contains("Diagnostic::new(") {
            let name = p.strip_prefix(root).expect("under the crate").display();
            out.push((name.to_string(), src));
        }
    }
    for must in ["src/check/rules/mod.rs", "src/check/mod.rs"] {
        assert!(out.iter().any(|(p, _)| p == must), "{must} not scanned");
    }
    out
}
const DOCS: &str = include_str!("../../../docs/rules.md");

/// Rules emitted by the language server rather than the checker.
const NOT_IN_CHECKER: [&str; 1] = ["internal-error"];

/// Every `Diagnostic::new(` site: (rule id, severity argument as written).
fn emission_sites() -> Vec<(String, String)> {
    emission_sites_by_file()
        .into_iter()
        .flat_map(|(_, sites)| sites)
        .collect()
}

/// The `Diagnostic::new(` sites of each scanned file.
fn emission_sites_by_file() -> Vec<(String, Vec<(String, String)>)> {
    let site = Regex::new(r#"Diagnostic::new\(\s*"([^"]*)"\s*,\s*([^,]+?)\s*,"#).expect("regex");
    let mut out = Vec::new();
    for (path, src) in sources() {
        let found: Vec<(String, String)> = site
            .captures_iter(&src)
            .map(|c| (c[1].to_string(), c[2].to_string()))
            .collect();
        assert_eq!(
            found.len(),
            src.matches("Diagnostic::new(").count(),
            "{path}: a Diagnostic::new( call does not take a string literal rule id"
        );
        out.push((path, found));
    }
    out
}

#[test]
fn only_the_rules_create_findings() {
    // Besides `check::rules`: `not-a-report` in `check`, and the server's own rules.
    for (path, sites) in emission_sites_by_file() {
        if path.starts_with("src/check/rules/") {
            continue;
        }
        for (id, _) in sites {
            assert!(
                id == "not-a-report" || NOT_IN_CHECKER.contains(&id.as_str()),
                "{path} creates {id}: findings are made in src/check/rules/"
            );
        }
    }
}

fn literal_severity(arg: &str) -> Option<Severity> {
    Severity::parse(&arg.strip_prefix("Severity::")?.to_lowercase())
}

#[test]
fn ids_are_unique_and_well_formed() {
    let mut seen = HashSet::new();
    for r in RULES {
        assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
        assert!(
            !r.id.is_empty()
                && r.id
                    .split('-')
                    .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase())),
            "rule id {} is not kebab-case",
            r.id
        );
        for (field, v) in [
            ("title", r.title),
            ("checks", r.checks),
            ("basis", r.basis),
            ("example", r.example),
            ("fix", r.fix),
        ] {
            assert!(!v.trim().is_empty(), "{}: empty {field}", r.id);
        }
    }
}

#[test]
fn the_expected_rules_and_only_those() {
    let expected = [
        "missing-part",
        "duplicate-part",
        "part-order",
        "nonstandard-heading",
        "empty-part",
        "unknown-year",
        "format-mismatch",
        "mixed-format",
        "missing-table",
        "empty-table",
        "missing-row",
        "missing-cell",
        "unknown-row",
        "unknown-column",
        "nonstandard-label",
        "collapsed-row",
        "invalid-cell",
        "blank-cell",
        "total-mismatch",
        "partly-read",
        "signature-date",
        "late-publication",
        "period-mismatch",
        "narrative-mismatch",
        "fee-statement-missing",
        "missing-content",
        "county-rules",
        "copied-text",
        "year-mismatch",
        "foreign-name",
        "repealed-exceeds-valid",
        "not-a-report",
        "internal-error",
    ];
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    let mut want = expected.to_vec();
    ids.sort_unstable();
    want.sort_unstable();
    assert_eq!(ids, want);
}

#[test]
fn every_emitted_rule_is_in_the_catalog() {
    for (id, _) in emission_sites() {
        assert!(
            rule(&id).is_some(),
            "rule {id} is emitted but missing from the catalog"
        );
    }
}

#[test]
fn every_catalog_rule_is_emitted() {
    let emitted: HashSet<String> = emission_sites().into_iter().map(|(id, _)| id).collect();
    for r in RULES {
        if !NOT_IN_CHECKER.contains(&r.id) {
            assert!(
                emitted.contains(r.id),
                "rule {} is in the catalog but never emitted",
                r.id
            );
        }
    }
}

#[test]
fn default_severities_match_the_code() {
    // Per rule: the severities written at its emission sites (`None`: computed, e.g. `sev`).
    let mut by_rule: BTreeMap<String, Vec<Option<Severity>>> = BTreeMap::new();
    for (id, arg) in emission_sites() {
        by_rule.entry(id).or_default().push(literal_severity(&arg));
    }
    for (id, sevs) in by_rule {
        let info = rule(&id).expect("in catalog");
        let mut distinct: Vec<Option<Severity>> = sevs.clone();
        distinct.sort();
        distinct.dedup();
        match distinct.as_slice() {
            // One severity everywhere: the default is that severity.
            [Some(s)] => assert_eq!(
                info.severity, *s,
                "{id}: default severity differs from the code"
            ),
            // Several literal severities: the default is one of them.
            all if all.iter().all(Option::is_some) => assert!(
                all.contains(&Some(info.severity)),
                "{id}: default severity {:?} is never emitted ({all:?})",
                info.severity
            ),
            // Computed severities: nothing to compare.
            _ => {}
        }
    }
}

#[test]
fn multi_severity_rules_say_so() {
    // Rules known to be emitted with more than one severity describe the others in `checks`.
    for (id, words) in [
        ("signature-date", ["警告", "错误", "提示"].as_slice()),
        ("total-mismatch", ["错误", "提示", "警告"].as_slice()),
        ("format-mismatch", ["错误", "警告", "信息"].as_slice()),
        ("invalid-cell", ["警告", "错误"].as_slice()),
        ("nonstandard-label", ["警告"].as_slice()),
        ("unknown-column", ["提示", "警告"].as_slice()),
        ("missing-cell", ["错误", "警告"].as_slice()),
        ("missing-content", ["提示", "警告"].as_slice()),
        ("late-publication", ["警告", "提示"].as_slice()),
        ("year-mismatch", ["警告", "提示"].as_slice()),
        ("foreign-name", ["警告", "提示"].as_slice()),
    ] {
        let info = rule(id).expect("in catalog");
        for w in words {
            assert!(
                info.checks.contains(w),
                "{id}: `checks` does not mention {w}"
            );
        }
    }
}

#[test]
fn lookup() {
    assert_eq!(
        rule("total-mismatch").map(|r| r.severity),
        Some(Severity::Error)
    );
    assert_eq!(
        rule("signature-date").map(|r| r.severity),
        Some(Severity::Warning)
    );
    assert_eq!(
        rule("not-a-report").map(|r| r.severity),
        Some(Severity::Info)
    );
    assert!(rule("no-such-rule").is_none());
    assert!(rule("").is_none());
}

#[test]
fn explain_text_has_every_section() {
    for r in RULES {
        let t = explain_text(r);
        assert!(t.starts_with(r.id), "{}", r.id);
        assert!(t.contains(r.title));
        assert!(t.contains(r.severity.name()));
        let mut at = 0;
        for label in ["检查内容：", "依据：", "示例：", "修改方法："] {
            let i = t[at..]
                .find(label)
                .unwrap_or_else(|| panic!("{}: no {label}", r.id));
            at += i + label.len();
        }
        for line in r.example.lines().filter(|l| !l.is_empty()) {
            assert!(
                t.contains(&format!("  {line}\n")),
                "{}: example line {line} not indented",
                r.id
            );
        }
    }
}

/// The section of docs/rules.md under `## id`, up to the next `## ` heading outside a
/// fenced block (the examples themselves contain `## 五、…` lines).
fn doc_section(id: &str) -> Option<&'static str> {
    let heading = format!("## {id}");
    let mut start = None;
    let mut pos = 0;
    let mut fenced = false;
    for line in DOCS.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            match start {
                None if line.trim_end() == heading => start = Some(pos + line.len()),
                Some(s) if line.starts_with("## ") => return Some(&DOCS[s..pos]),
                _ => {}
            }
        }
        pos += line.len();
    }
    start.map(|s| &DOCS[s..])
}

#[test]
fn docs_have_a_section_per_rule() {
    for r in RULES {
        let s = doc_section(r.id)
            .unwrap_or_else(|| panic!("docs/rules.md has no `## {}` heading", r.id));
        assert!(
            s.contains(r.title),
            "docs/rules.md `## {}`: title {} missing",
            r.id,
            r.title
        );
        assert!(
            s.contains(&format!("default severity `{}`", r.severity.name())),
            "docs/rules.md `## {}`: default severity `{}` missing",
            r.id,
            r.severity.name()
        );
        // The page says what the catalog says (and may add notes).
        for (field, text) in [
            ("checks", r.checks),
            ("basis", r.basis),
            ("example", r.example),
            ("fix", r.fix),
        ] {
            assert!(
                s.contains(text),
                "docs/rules.md `## {}`: the catalog's `{field}` text is missing",
                r.id
            );
        }
    }
}

#[test]
fn docs_document_suppression() {
    assert!(DOCS.contains("<!-- nianbao-disable-next-line"));
    assert!(DOCS.contains("<!-- nianbao-disable "));
}
