//! GitHub Actions workflow annotations: one `::error|warning|notice file=…,line=…,col=…,
//! endLine=…,endColumn=…,title=…::message` line per finding, which a workflow step's log turns
//! into annotations on the file.
//!
//! Lines and columns are 1-based, columns in UTF-16 code units (as SARIF's). A converted file
//! (Word, web page, PDF) has no lines to point at: its annotations name the file only and the
//! message starts with the place in it (第2个表格 第5行 第4列).

use crate::check::Severity;
use crate::ide::report::Review;
use std::fmt::Write;

/// The annotation command of a severity: error, warning, or notice (infos and hints).
pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// GitHub's escaping of a command's message (`escapeData` of @actions/core).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a command's property value (`escapeProperty`): the message's, plus
/// `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A path as GitHub expects it: forward slashes.
fn file(path: &str) -> String {
    escape_property(&path.replace('\\', "/"))
}

/// Every finding of `reviews` as an annotation line, then an `::error file=…::` line for each
/// unreadable file ((path, reason)).
pub fn annotations(reviews: &[Review], unreadable: &[(String, String)]) -> String {
    let mut out = String::new();
    for r in reviews {
        for f in &r.findings {
            let title = escape_property(format!("{} {}", f.rule, f.title).trim_end());
            let _ = match &f.location {
                Some(at) => writeln!(
                    out,
                    "::{} file={},title={}::{}",
                    command(f.severity),
                    file(&r.path),
                    title,
                    escape_data(&format!("{at}：{}", f.message))
                ),
                None => writeln!(
                    out,
                    "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                    command(f.severity),
                    file(&r.path),
                    f.span.line + 1,
                    f.span.col + 1,
                    f.span.end_line + 1,
                    f.span.end_col + 1,
                    title,
                    escape_data(&f.message)
                ),
            };
        }
    }
    for (path, message) in unreadable {
        let _ = writeln!(
            out,
            "::error file={},title=nianbao::{}",
            file(path),
            escape_data(message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
        let s = annotations(&[], &[("d\\x,1.doc".into(), "坏了\n真的".into())]);
        assert_eq!(s, "::error file=d/x%2C1.doc,title=nianbao::坏了%0A真的\n");
    }
}
