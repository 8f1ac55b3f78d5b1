//! One checked report as plain data for review front ends: the web page (`nianbao serve`), the
//! HTML review report and the machine formats (SARIF, GitHub annotations, JUnit) all render a
//! [`Review`], so a finding, its place, its explanation and each table relation's ✓/✗ are
//! computed here once.
//!
//! Positions are given twice: `line`/`col` (zero-based, UTF-16 code units, as LSP and SARIF's
//! `utf16CodeUnits` count them) and `from`/`to` (UTF-16 code unit offsets into the whole text, as
//! a JavaScript string — a browser editor — indexes it).

use crate::check::catalog;
use crate::check::relations::{self, instances};
use crate::check::tables::{self, ReadCell, ReadTable};
use crate::check::{Analysis, Diagnostic, Organ, Severity};
use crate::regulation;
use crate::text::position::{Encoding, LineIndex, line_end_at};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// A place in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// UTF-16 offsets into the whole text.
    pub from: usize,
    pub to: usize,
    /// Zero-based lines and UTF-16 columns.
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The file's name as the front end knows it.
    pub path: String,
    /// The agency as the title (else the signature) names it.
    pub agency: Option<String>,
    pub year: Option<u16>,
    /// The table format the draft uses, and the one its year calls for.
    pub format: Option<String>,
    pub expected_format: Option<String>,
    /// 部门, 政府 or 乡镇/街道.
    pub organ: &'static str,
    /// Published after the deadline (by its signature date); `None` when not known.
    pub late: Option<bool>,
    pub is_report: bool,
    pub counts: Counts,
    /// Index into `findings` of the first most severe finding.
    pub worst: Option<usize>,
    pub findings: Vec<Finding>,
    pub parts: Vec<PartView>,
    pub tables: Vec<TableView>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    /// Hints and infos.
    pub hints: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.hints += o.hints;
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// The part (1..=6) the finding lies in, and that part's standard title.
    pub part: Option<u8>,
    pub part_title: Option<String>,
    /// The line the finding starts on, without its terminator.
    pub line_text: String,
    /// For a converted file (Word, web page, PDF): the place in that file.
    pub location: Option<String>,
    /// The rule's short name and what it checks.
    pub title: &'static str,
    pub explanation: &'static str,
    pub basis: &'static str,
    /// The clauses of the 条例 the rule rests on, with their text.
    pub clauses: Vec<Clause>,
    pub fixes: Vec<FixView>,
    pub related: Vec<RelatedView>,
    /// What the finding is about, independent of where it is in the file: the rule and the
    /// table/row/column, relation, phrase or part it concerns (the range's text when it names
    /// none), with a count for repeats.
    pub anchor: String,
    /// A hash of `anchor` (16 hex digits): stable when lines are inserted elsewhere.
    pub fingerprint: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Clause {
    pub reference: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FixView {
    pub title: String,
    pub edits: Vec<EditView>,
}

/// Replace UTF-16 offsets `from..to` of the text with `insert`.
#[derive(Debug, Clone, Serialize)]
pub struct EditView {
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedView {
    pub message: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    pub number: u8,
    /// The heading as written.
    pub heading: String,
    pub standard: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub id: &'static str,
    /// 表一 … 表三 and the standard title.
    pub name: &'static str,
    pub title: String,
    pub format: String,
    pub span: Span,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<RowView>,
    pub relations: Vec<RelationView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    pub id: &'static str,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub id: &'static str,
    pub label: String,
    pub cells: Vec<CellView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    pub column: &'static str,
    /// The cell as written (empty when blank or absent).
    pub text: String,
    /// Its value in sums (blank and dash 0); `None` when absent or unreadable.
    pub value: Option<i64>,
    pub absent: bool,
    /// Placed by an unambiguous position, not fitted by order.
    pub certain: bool,
    /// The total of a relation that does not hold, or the cell a total-mismatch finding
    /// (also across years) points at.
    pub broken: bool,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelationView {
    /// The format's relation code (A1, L3, …).
    pub code: String,
    pub description: String,
    /// The column or row it is applied to (「自然人」列).
    pub context: String,
    /// Both sides with their numbers and ✓/✗ (as the hover shows them).
    pub text: String,
    /// `None`: not checked (a row missing or a cell unreadable).
    pub holds: Option<bool>,
    pub lhs: Option<i64>,
    pub rhs: Option<i64>,
    /// The operand cells, (row, column).
    pub cells: Vec<(&'static str, &'static str)>,
}

/// Converts byte offsets of one text into [`Span`]s.
pub struct Positions<'a> {
    text: &'a str,
    lines: LineIndex,
    /// UTF-16 offset of each line start.
    line_utf16: Vec<usize>,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        let lines = LineIndex::new(text);
        let mut line_utf16 = Vec::with_capacity(lines.line_count());
        let mut acc = 0;
        let mut prev = 0;
        for l in 0..lines.line_count() {
            let s = lines.line_start(l);
            acc += crate::text::position::utf16_len(&text[prev..s]);
            line_utf16.push(acc);
            prev = s;
        }
        Positions {
            text,
            lines,
            line_utf16,
        }
    }
    /// (line, UTF-16 column, UTF-16 offset) of byte `off` (clamped to the text).
    fn at(&self, off: usize) -> (u32, u32, usize) {
        let off = off.min(self.text.len());
        let (line, col) = self.lines.position(self.text, off, Encoding::Utf16);
        (line, col, self.line_utf16[line as usize] + col as usize)
    }
    pub fn span(&self, r: &Range<usize>) -> Span {
        let (line, col, from) = self.at(r.start);
        let (end_line, end_col, to) = self.at(r.end.max(r.start));
        Span {
            from,
            to,
            line,
            col,
            end_line,
            end_col,
        }
    }
    /// The line holding byte `off`, without its terminator.
    pub fn line_text(&self, off: usize) -> &'a str {
        let off = off.min(self.text.len());
        let line = self.lines.line_of(off);
        let s = self.lines.line_start(line);
        &self.text[s..line_end_at(self.text, s)]
    }
}

fn organ_name(o: Organ) -> &'static str {
    match o {
        Organ::Department => "部门",
        Organ::Government => "政府",
        Organ::Township => "乡镇/街道",
    }
}

/// The review of one analysed text. `location`: for a converted file, the place in the source
/// file of a byte offset of `text`.
pub fn review(
    path: &str,
    text: &str,
    a: &Analysis,
    location: impl Fn(usize) -> Option<String>,
) -> Review {
    let pos = Positions::new(text);
    let mut counts = Counts::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let findings: Vec<Finding> = a
        .diagnostics
        .iter()
        .map(|d| {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                _ => counts.hints += 1,
            }
            finding(text, a, &pos, d, &location, &mut seen)
        })
        .collect();
    let worst = findings
        .iter()
        .enumerate()
        .min_by_key(|(i, f)| (f.severity, *i))
        .map(|(i, _)| i);
    let late = if a
        .diagnostics
        .iter()
        .any(|d| d.rule == "late-publication" && d.severity != Severity::Hint)
    {
        Some(true)
    } else if a.signature.date.is_some()
        && a.year.is_some()
        // A date that is itself wrong (in the report year, impossible) says nothing of when
        // the report was published.
        && !a
            .diagnostics
            .iter()
            .any(|d| d.rule == "signature-date" && d.severity == Severity::Error)
    {
        Some(false)
    } else {
        None
    };
    let broken: Vec<Range<usize>> = a
        .diagnostics
        .iter()
        .filter(|d| d.rule == "total-mismatch")
        .map(|d| d.range.clone())
        .collect();
    Review {
        path: path.to_string(),
        agency: a.agency.clone(),
        year: a.year.as_ref().map(|y| y.0),
        format: a.draft_format().map(|f| f.id.clone()),
        expected_format: a.year.as_ref().map(|_| a.format.id.clone()),
        organ: organ_name(a.organ),
        late,
        is_report: a.is_report,
        counts,
        worst,
        findings,
        parts: a
            .parts
            .iter()
            .map(|p| PartView {
                number: p.number,
                heading: text[p.heading.clone()].to_string(),
                standard: p.standard,
                span: pos.span(&p.heading),
            })
            .collect(),
        tables: a
            .tables
            .iter()
            .filter(|t| t.present())
            .map(|t| table_view(text, &pos, t, &broken))
            .collect(),
    }
}

fn finding(
    text: &str,
    a: &Analysis,
    pos: &Positions<'_>,
    d: &Diagnostic,
    location: &impl Fn(usize) -> Option<String>,
    seen: &mut HashMap<String, usize>,
) -> Finding {
    let part = a
        .parts
        .iter()
        .find(|p| p.heading.start <= d.range.start && d.range.start < p.body.end.max(p.heading.end))
        .map(|p| p.number);
    let part_title = part.and_then(|n| {
        a.format
            .parts
            .iter()
            .find(|p| p.number == n)
            .map(|p| p.title.clone())
    });
    let info = catalog::rule(d.rule);
    let basis = info.map_or("", |i| i.basis);
    let mut clauses: Vec<Clause> = Vec::new();
    for r in regulation::find_refs(basis) {
        if let Some(t) = regulation::plain_text(&r) {
            let reference = t.lines().next().unwrap_or_default().to_string();
            if !clauses.iter().any(|c| c.text == t) {
                clauses.push(Clause { reference, text: t });
            }
        }
    }
    let base = anchor_base(text, d, part);
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    let anchor = if *n == 1 { base } else { format!("{base}#{n}") };
    Finding {
        rule: d.rule,
        severity: d.severity,
        message: d.message.clone(),
        span: pos.span(&d.range),
        part,
        part_title,
        line_text: pos.line_text(d.range.start).to_string(),
        location: location(d.range.start),
        title: info.map_or("", |i| i.title),
        explanation: info.map_or("", |i| i.checks),
        basis,
        clauses,
        fixes: d
            .fixes
            .iter()
            .map(|f| FixView {
                title: f.title.clone(),
                edits: f
                    .edits
                    .iter()
                    .map(|e| {
                        let s = pos.span(&e.range);
                        EditView {
                            from: s.from,
                            to: s.to,
                            insert: e.text.clone(),
                        }
                    })
                    .collect(),
            })
            .collect(),
        related: d
            .related
            .iter()
            .map(|r| RelatedView {
                message: r.message.clone(),
                span: pos.span(&r.range),
            })
            .collect(),
        fingerprint: format!("{:016x}", fnv1a(anchor.as_bytes())),
        anchor,
    }
}

/// The keys of a finding's data that say what it is about (not its numbers).
const ANCHOR_KEYS: &[&str] = &[
    "relation", "table", "row", "rows", "column", "columns", "quantity", "claim", "rate", "part",
    "topic",
];

fn anchor_base(text: &str, d: &Diagnostic, part: Option<u8>) -> String {
    let mut s = d.rule.to_string();
    let mut named = false;
    if let Some(serde_json::Value::Object(m)) = &d.data {
        for k in ANCHOR_KEYS {
            if let Some(v) = m.get(*k) {
                s.push_str(&format!("|{k}={v}"));
                named = true;
            }
        }
    }
    if let Some(p) = part {
        s.push_str(&format!("|in={p}"));
    }
    if !named {
        // What the range says, without digits (a number typed over keeps the finding's
        // identity) and at most 40 chars.
        let said: String = text
            .get(d.range.clone())
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
            .take(40)
            .collect();
        s.push_str(&format!("|text={said}"));
    }
    s
}

/// FNV-1a, 64 bits: a stable hash (std's hasher is not stable across releases).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn table_view(
    text: &str,
    pos: &Positions<'_>,
    t: &ReadTable,
    broken: &[Range<usize>],
) -> TableView {
    let mut relation_views = Vec::new();
    let mut broken_cells: Vec<(&str, &str)> = Vec::new();
    for i in instances(t) {
        let sides = relations::sides(t, i);
        let holds = relations::outcome(t, i);
        let cells: Vec<(&'static str, &'static str)> =
            i.lhs.iter().chain(&i.rhs).copied().collect();
        if holds == Some(false) {
            // The cell its total-mismatch finding points at.
            broken_cells.extend(i.total());
        }
        relation_views.push(RelationView {
            code: i.rel.id.clone(),
            description: i.rel.description.clone(),
            context: i.ctx.clone(),
            text: super::hover::instance_line(t, i),
            holds,
            lhs: sides.map(|s| s.0),
            rhs: sides.map(|s| s.1),
            cells,
        });
    }
    let cell_view = |row: &'static str, col: &'static str, c: Option<&ReadCell>| {
        let range = c.map(|c| c.range.clone());
        let is_broken = broken_cells.contains(&(row, col))
            || range
                .as_ref()
                .is_some_and(|r| broken.iter().any(|b| b == r));
        CellView {
            column: col,
            text: range
                .as_ref()
                .and_then(|r| text.get(r.clone()))
                .unwrap_or_default()
                .trim()
                .to_string(),
            value: relations::int_of(c),
            absent: c.is_none(),
            certain: c.is_some_and(|c| c.certain),
            broken: is_broken,
            span: range.as_ref().map(|r| pos.span(r)),
        }
    };
    let rows = t
        .rows
        .iter()
        .filter(|r| !r.stand_in)
        .map(|r| RowView {
            id: r.id,
            label: tables::label_of(t.table, r.id).to_string(),
            cells: t
                .columns_of(r.id)
                .into_iter()
                .zip(&r.cells)
                .map(|(col, c)| cell_view(r.id, col, c.as_ref()))
                .collect(),
        })
        .collect();
    TableView {
        id: t.id,
        name: crate::check::rules::table_name(t.id),
        title: t.table.title.clone(),
        format: t.format.id.clone(),
        span: pos.span(&t.range),
        columns: t
            .table
            .all_columns()
            .map(|c| ColumnView {
                id: c.id.as_str(),
                label: match &c.group {
                    Some(g) => format!("{g} › {}", c.label),
                    None => c.label.clone(),
                },
            })
            .collect(),
        rows,
        relations: relation_views,
    }
}
