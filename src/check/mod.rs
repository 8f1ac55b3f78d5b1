//! Rules → diagnostics.
//!
//! [`analyse`] — the one entry point of the CLI, the language server and every other front end —
//! turns parsed blocks into an [`Analysis`]: the parts, title, year, signature and the three
//! tables read against the format data, plus every finding as a [`Diagnostic`] with a stable
//! rule id, a severity, an exact byte range, a Chinese message, related ranges and, where a fix
//! is certain, the fix as text edits; given last year's report of the same agency, the
//! cross-year findings too.

pub mod catalog;
pub mod doc;
pub mod facts;
pub mod pairing;
pub mod relations;
pub mod rules;
pub mod tables;

use crate::format::Format;
use crate::syntax::{self, Block};
use crate::text::position::line_end_at;
use serde::Serialize;
use std::borrow::Borrow;
use std::ops::Range;

pub use doc::{Analysis, Organ, PartNode, Signature, YearSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    /// LSP DiagnosticSeverity number.
    pub fn lsp(self) -> u8 {
        match self {
            Severity::Error => 1,
            Severity::Warning => 2,
            Severity::Info => 3,
            Severity::Hint => 4,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" | "warn" => Severity::Warning,
            "info" | "information" => Severity::Info,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }
}

/// A text edit: replace `range` (bytes) with `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
    /// Machine-readable details (for `total-mismatch`: relation, row/column ids, values).
    pub data: Option<serde_json::Value>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            range,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
            data: None,
        }
    }
    pub fn related(mut self, range: Range<usize>, message: impl Into<String>) -> Self {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }
    pub fn fix(mut self, title: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fixes.push(Fix {
            title: title.into(),
            edits,
        });
        self
    }
    pub fn data(mut self, v: serde_json::Value) -> Self {
        self.data = Some(v);
        self
    }
}

/// Settings that change the analysis.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Report year, overriding what the draft says.
    pub year: Option<u16>,
    /// Organ type, overriding the guess from the title.
    pub organ: Option<Organ>,
    /// Severity overrides per rule id (`None` turns the rule off).
    pub severities: Vec<(String, Option<Severity>)>,
}

/// Parse and analyse a whole document, without last year's report. The paragraphs of parts 一
/// and 五 are kept ([`keep_prose`]): the analysis can serve as last year's report.
pub fn check(text: &str, opts: &Options) -> Analysis {
    let blocks = syntax::parse(text);
    let a = analyse(text, &blocks, opts, |_| None::<&Analysis>);
    keep_prose(&blocks, &a);
    a
}

/// Keep the paragraphs of parts 一 and 五 in `a` (once), for the text checks across years
/// (`rules::cross_year`): they compare this year's paragraphs with last year's, so both
/// analyses need them. [`analyse`] keeps this year's when it is given last year's report; a
/// front end keeps an analysis's own while it still has its blocks, when the analysis may serve
/// as last year's report (the command line's reports, the language server's open documents and
/// files beside them). Not on every analysis: the language server's keystrokes do without.
pub fn keep_prose(blocks: &[Block], a: &Analysis) {
    a.prose
        .get_or_init(|| rules::Prose::new(rules::paragraphs(blocks, &a.parts)));
}

/// Analyse a document whose blocks are already parsed (the language server keeps them): read
/// it, run every rule and — when `last_year` gives last year's report (it is asked only for a
/// report, with its [`pairing::ReportKey`] when its title has one) — the cross-year rules. The
/// draft's suppression comments and the severity overrides of `opts` then apply to every
/// finding, and the findings are sorted by position.
pub fn analyse<P: Borrow<Analysis>>(
    text: &str,
    blocks: &[Block],
    opts: &Options,
    last_year: impl FnOnce(Option<&pairing::ReportKey>) -> Option<P>,
) -> Analysis {
    let mut a = doc::read(text, blocks, opts);
    if a.is_report {
        rules::run(text, blocks, &mut a);
        a.key = pairing::report_key(text, &a);
        if let Some(prev) = last_year(a.key.as_ref()) {
            keep_prose(blocks, &a);
            let extra = rules::cross_year(&a, prev.borrow());
            a.diagnostics.extend(extra);
        }
    } else {
        a.diagnostics.push(Diagnostic::new(
            "not-a-report",
            Severity::Info,
            0..text.len().min(first_line_len(text)),
            "这不是政府信息公开工作年度报告：没有找到年报的标题、六个部分或统计表格，未做检查。",
        ));
    }
    suppress(text, blocks, &mut a.diagnostics);
    apply_overrides(opts, &mut a.diagnostics);
    a.diagnostics.sort_by(|x, y| {
        (x.range.start, x.severity, x.rule).cmp(&(y.range.start, y.severity, y.rule))
    });
    a
}

fn first_line_len(text: &str) -> usize {
    line_end_at(text, 0)
}

fn apply_overrides(opts: &Options, diags: &mut Vec<Diagnostic>) {
    if opts.severities.is_empty() {
        return;
    }
    diags.retain_mut(
        |d| match opts.severities.iter().find(|(r, _)| r == d.rule) {
            Some((_, None)) => false,
            Some((_, Some(s))) => {
                d.severity = *s;
                true
            }
            None => true,
        },
    );
}

/// `<!-- nianbao-disable RULE… -->` (whole file) and `<!-- nianbao-disable-next-line RULE… -->`.
fn suppress(text: &str, blocks: &[Block], diags: &mut Vec<Diagnostic>) {
    let mut file_rules: Vec<String> = Vec::new();
    let mut line_rules: Vec<(Range<usize>, Vec<String>)> = Vec::new();
    for b in blocks
        .iter()
        .filter(|b| b.kind == syntax::BlockKind::Comment)
    {
        let t = b.text(text).trim();
        let Some(inner) = t
            .strip_prefix("<!--")
            .and_then(|s| s.trim_end().strip_suffix("-->"))
        else {
            continue;
        };
        let mut words = inner.split(|c: char| c.is_whitespace() || c == ',');
        let words: Vec<&str> = words.by_ref().filter(|w| !w.is_empty()).collect();
        let Some((cmd, rules)) = words.split_first() else {
            continue;
        };
        let rules: Vec<String> = rules.iter().map(|s| s.to_string()).collect();
        match *cmd {
            "nianbao-disable" => {
                if rules.is_empty() {
                    file_rules.push("*".into());
                }
                file_rules.extend(rules);
            }
            "nianbao-disable-next-line" => {
                // The next non-empty line.
                let after = b.end();
                let rest = &text[after..];
                let skip = rest.len() - rest.trim_start_matches(['\r', '\n', ' ', '\t']).len();
                let start = after + skip;
                let end = line_end_at(text, start);
                line_rules.push((start..end.max(start), rules));
            }
            _ => {}
        }
    }
    if file_rules.is_empty() && line_rules.is_empty() {
        return;
    }
    let hit =
        |list: &[String], rule: &str| list.is_empty() || list.iter().any(|r| r == "*" || r == rule);
    diags.retain(|d| {
        if !file_rules.is_empty() && hit(&file_rules, d.rule) {
            return false;
        }
        !line_rules.iter().any(|(r, rules)| {
            d.range.start >= r.start && d.range.start <= r.end && hit(rules, d.rule)
        })
    });
}

/// The format the draft's tables are read against when its year gives none.
pub fn default_format() -> &'static Format {
    crate::format::latest()
}
