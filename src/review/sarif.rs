//! SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) of a set of reviews, for code
//! scanning and review tools.
//!
//! Written with `serde_json` directly: the one SARIF crate (serde-sarif) generates its types
//! from the JSON schema with a build script (schemafy), a heavy build for the few objects
//! written here. `tests/review_formats.rs` and `scripts/sarif-validate.sh` check the output
//! against the schema.
//!
//! Positions are 1-based lines and 1-based columns counted in UTF-16 code units
//! (`columnKind: utf16CodeUnits`). For a converted file (Word, web page, PDF) the lines of the
//! converted text mean nothing in the original, so a result's location names the artifact
//! only and gives the place in the file (第2个表格 第5行 第4列) as the location's message.

use crate::check::Severity;
use crate::check::catalog::{self, RULES};
use crate::ide::report::{Finding, Review, Span};
use serde_json::{Value, json};

/// The schema's own `$id` (the copy in tests/fixtures/sarif is this file).
pub const SCHEMA: &str = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

/// The SARIF level of a severity: error, warning, or note (infos and hints).
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// `total-mismatch` → `TotalMismatch` (SARIF's `reportingDescriptor.name` is an identifier).
fn pascal(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// A path as a URI reference: forward slashes, every byte outside RFC 3986's unreserved set
/// and `/` percent-encoded (so Chinese file names and spaces survive any consumer).
pub fn uri_reference(path: &str) -> String {
    super::percent_encode(&path.replace('\\', "/"), true)
}

fn rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": pascal(r.id),
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.checks},
                "help": {"text": catalog::explain_text(r)},
                "defaultConfiguration": {"level": level(r.severity)},
            })
        })
        .collect()
}

/// 1-based lines and columns (UTF-16 code units).
fn region(s: &Span) -> Value {
    json!({
        "startLine": s.line + 1,
        "startColumn": s.col + 1,
        "endLine": s.end_line + 1,
        "endColumn": s.end_col + 1,
    })
}

fn result(path: &str, f: &Finding) -> Value {
    let artifact = json!({"uri": uri_reference(path)});
    let mut location = match &f.location {
        // A converted file: the place in it, no line numbers of the converted text.
        Some(at) => json!({
            "physicalLocation": {"artifactLocation": artifact},
            "message": {"text": at},
        }),
        None => json!({
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": region(&f.span),
            },
        }),
    };
    if let Some(part) = &f.part_title {
        location["logicalLocations"] = json!([{"name": part, "kind": "section"}]);
    }
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {"nianbaoAnchor/v1": f.fingerprint},
    });
    // The places a finding refers to (the cells of a broken total, the table a sentence
    // contradicts), in the same text file.
    if f.location.is_none() && !f.related.is_empty() {
        r["relatedLocations"] = f
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                json!({
                    "id": i,
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri_reference(path)},
                        "region": region(&rel.span),
                    },
                    "message": {"text": rel.message},
                })
            })
            .collect();
    }
    if let Some(i) = RULES.iter().position(|x| x.id == f.rule) {
        r["ruleIndex"] = json!(i);
    }
    // Fixes edit the text the offsets count in: only a text file's own.
    if f.location.is_none() && !f.fixes.is_empty() {
        r["fixes"] = f
            .fixes
            .iter()
            .map(|fix| {
                json!({
                    "description": {"text": fix.title},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri_reference(path)},
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": {
                                "charOffset": e.from,
                                "charLength": e.to.saturating_sub(e.from),
                            },
                            "insertedContent": {"text": e.insert},
                        })).collect::<Vec<_>>(),
                    }],
                })
            })
            .collect();
    }
    r
}

/// The SARIF log of `reviews`; `unreadable`: (path, reason) of each file that could not be
/// read, reported as tool execution notifications.
pub fn log(reviews: &[Review], unreadable: &[(String, String)]) -> Value {
    let mut v = frame(unreadable);
    v["runs"][0]["results"] = reviews
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| result(&r.path, f)))
        .collect();
    v
}

/// The log without its results.
fn frame(unreadable: &[(String, String)]) -> Value {
    let notifications: Vec<Value> = unreadable
        .iter()
        .map(|(path, message)| {
            json!({
                "level": "error",
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri_reference(path)}}}],
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "nianbao",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "language": "zh-CN",
                "rules": rules(),
            }},
            "invocations": [{
                "executionSuccessful": unreadable.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "utf16CodeUnits",
            "results": [],
        }],
    })
}

/// [`log`] as pretty-printed JSON with a final newline, written result by result: a batch of
/// thousands of reports never holds the whole log as a JSON tree.
pub fn to_string(reviews: &[Review], unreadable: &[(String, String)]) -> String {
    const MARK: &str = r"\u0000results\u0000";
    let mut v = frame(unreadable);
    v["runs"][0]["results"] = json!("\u{0}results\u{0}");
    let head = serde_json::to_string_pretty(&v).unwrap_or_default();
    // serde_json writes NUL as \u0000; no other string of the log holds it (the marker is
    // replaced once, and JSON strings never hold a raw newline, so re-indenting is safe).
    let (before, after) = head
        .split_once(&format!("\"{MARK}\""))
        .unwrap_or((&head, ""));
    // A result sits at depth 4: runs → [ → { → "results" → [.
    let indent = "\n        ";
    let mut out = String::with_capacity(head.len() + 1024 * reviews.len());
    out.push_str(before);
    out.push('[');
    let mut first = true;
    for r in reviews {
        for f in &r.findings {
            out.push_str(if first { indent } else { "," });
            if !first {
                out.push_str(indent);
            }
            first = false;
            let one = serde_json::to_string_pretty(&result(&r.path, f)).unwrap_or_default();
            out.push_str(&one.replace('\n', indent));
        }
    }
    if !first {
        out.push_str("\n      ");
    }
    out.push(']');
    out.push_str(after);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(pascal("total-mismatch"), "TotalMismatch");
        assert_eq!(uri_reference("a b\\报告.md"), "a%20b/%E6%8A%A5%E5%91%8A.md");
        assert_eq!(uri_reference("dir/x_1.txt"), "dir/x_1.txt");
        assert_eq!(level(Severity::Hint), "note");
    }

    #[test]
    fn streamed_log_is_the_log() {
        let text = "# 某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本局。\n";
        let a = crate::check::check(text, &crate::check::Options::default());
        let r = crate::ide::report::review("a b/报告.md", text, &a, |_| None);
        assert!(!r.findings.is_empty());
        for reviews in [vec![], vec![r.clone()], vec![r.clone(), r]] {
            let s = to_string(&reviews, &[("x".into(), "坏".into())]);
            let parsed: Value = serde_json::from_str(&s).expect("valid JSON");
            let whole = log(&reviews, &[("x".into(), "坏".into())]);
            assert_eq!(parsed, whole);
            assert_eq!(s, serde_json::to_string_pretty(&whole).unwrap() + "\n");
            assert!(s.ends_with("}\n"));
        }
    }

    #[test]
    fn empty_log_has_every_rule() {
        let v = log(&[], &[("x.doc".into(), "x.doc: 无法读取".into())]);
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().map(Vec::len),
            Some(RULES.len())
        );
        assert_eq!(run["invocations"][0]["executionSuccessful"], false);
        assert_eq!(
            run["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
                ["artifactLocation"]["uri"],
            "x.doc"
        );
    }
}
