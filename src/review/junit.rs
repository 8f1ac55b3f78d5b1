//! JUnit XML, as CI servers read test reports: one `<testcase>` per file (classname
//! `nianbao`, name the path). A file with errors fails: its `<failure>` lists them, one
//! `line:col rule message` a line (a converted file's place instead of line:col); warnings and
//! hints go to its `<system-out>`. A file that could not be read is an `<error>`.

use crate::check::Severity;
use crate::ide::report::{Finding, Review};
use std::fmt::Write;

/// Text for XML 1.0 content and attribute values: markup characters escaped, characters XML
/// cannot hold (most C0 controls, U+FFFE, U+FFFF) dropped, line breaks in attributes kept as
/// character references.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn line(f: &Finding) -> String {
    let at = match &f.location {
        Some(at) => at.clone(),
        None => format!("{}:{}", f.span.line + 1, f.span.col + 1),
    };
    format!("{at} {} {}", f.rule, f.message)
}

/// The JUnit XML of `reviews` and of the unreadable files ((path, reason)).
pub fn report(reviews: &[Review], unreadable: &[(String, String)]) -> String {
    let failures = reviews.iter().filter(|r| r.counts.errors > 0).count();
    let tests = reviews.len() + unreadable.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let head = format!(
        "tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\" skipped=\"0\"",
        unreadable.len()
    );
    let _ = writeln!(out, "<testsuites name=\"nianbao\" {head}>");
    let _ = writeln!(out, "  <testsuite name=\"nianbao\" {head}>");
    for r in reviews {
        let _ = write!(
            out,
            "    <testcase classname=\"nianbao\" name=\"{}\"",
            escape(&r.path)
        );
        let (errors, others): (Vec<&Finding>, Vec<&Finding>) = r
            .findings
            .iter()
            .partition(|f| f.severity == Severity::Error);
        if errors.is_empty() && others.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        if !errors.is_empty() {
            let body: Vec<String> = errors.iter().map(|f| escape(&line(f))).collect();
            let _ = writeln!(
                out,
                "      <failure type=\"nianbao\" message=\"{}\">{}</failure>",
                escape(&format!("{}个错误", errors.len())),
                body.join("\n")
            );
        }
        if !others.is_empty() {
            let body: Vec<String> = others
                .iter()
                .map(|f| escape(&format!("{} {}", f.severity.name(), line(f))))
                .collect();
            let _ = writeln!(out, "      <system-out>{}</system-out>", body.join("\n"));
        }
        out.push_str("    </testcase>\n");
    }
    for (path, message) in unreadable {
        let _ = writeln!(
            out,
            "    <testcase classname=\"nianbao\" name=\"{}\">\n      <error type=\"unreadable\" message=\"{}\"/>\n    </testcase>",
            escape(path),
            escape(message)
        );
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_unreadable() {
        assert_eq!(
            escape("a<b>&\"'\u{1}\n"),
            "a&lt;b&gt;&amp;&quot;&apos;&#10;"
        );
        let x = report(&[], &[("a&b.doc".into(), "坏<了>".into())]);
        assert!(x.contains("name=\"a&amp;b.doc\""), "{x}");
        assert!(
            x.contains("<error type=\"unreadable\" message=\"坏&lt;了&gt;\"/>"),
            "{x}"
        );
        assert!(x.contains("tests=\"1\" failures=\"0\" errors=\"1\""), "{x}");
    }
}
