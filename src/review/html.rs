//! The HTML review report: one self-contained page for a set of reports ([`page`]: a sortable,
//! filterable summary table, then each report's findings and tables), and the fragment of one
//! report ([`fragment`]) that the page and `nianbao serve` both show.
//!
//! Every string taken from a report is escaped ([`esc`]): nothing in a report becomes markup.
//! The class names the markup uses are listed at the top of `assets/review.css`, which the web
//! page links too; the hooks tests use are `data-testid` (`summary`, `summary-row`, `report`,
//! `finding`, `relation`), `data-rule`, `data-severity`, `data-index`, `data-holds`,
//! `data-code`, `data-broken` and `data-fix` (`finding:fix`, indices into `findings` and its
//! `fixes`). Findings and table cells also carry `data-from`/`data-to`, their UTF-16 offsets
//! into the text, for a page that highlights them in an editor.

use crate::check::Severity;
use crate::ide::report::{CellView, Finding, RelationView, Review, RowView, TableView};
use std::fmt::Write;

const CSS: &str = include_str!("assets/review.css");
const JS: &str = include_str!("assets/review.js");

/// Lines longer than this (in chars) are shown as a window around the marked range.
const LINE_WINDOW: usize = 120;
/// Chars kept on each side of the mark in a windowed line.
const CONTEXT: usize = 40;
/// Chars of the marked range kept in a windowed line.
const MARK_MAX: usize = 80;

/// One self-contained page (no external assets) for a set of reports.
pub fn page(reviews: &[Review], title: &str) -> String {
    page_with_unreadable(reviews, &[], title)
}

/// [`page`] with the files that could not be read, (path, reason), listed after the summary.
pub fn page_with_unreadable(
    reviews: &[Review],
    unreadable: &[(String, String)],
    title: &str,
) -> String {
    let mut total = crate::ide::report::Counts::default();
    for r in reviews {
        total += r.counts;
    }
    let mut o = String::with_capacity(16 * 1024 + reviews.len() * 32 * 1024);
    o.push_str("<!doctype html>\n<html lang=\"zh-CN\" data-nb-page=\"static\">\n<head>\n");
    o.push_str("<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(o, "<title>{}</title>", esc(title));
    o.push_str("<style>\n");
    o.push_str(CSS);
    o.push_str("</style>\n</head>\n<body class=\"nb-page\">\n");
    o.push_str("<header class=\"nb-header\">\n");
    let _ = writeln!(o, "<h1>{}</h1>", esc(title));
    let _ = writeln!(
        o,
        "<p class=\"nb-totals\">共 <strong>{}</strong> 份报告：{}</p>",
        reviews.len(),
        counts_html(total.errors, total.warnings, total.hints)
    );
    o.push_str("</header>\n<main>\n");
    summary(&mut o, reviews);
    if !unreadable.is_empty() {
        let _ = writeln!(
            o,
            "<section id=\"nb-unreadable\" class=\"nb-unreadable\" aria-labelledby=\"nb-unreadable-h\">\n<h2 id=\"nb-unreadable-h\">无法读取的文件（{}）</h2>\n<ul data-testid=\"unreadable\">",
            unreadable.len()
        );
        for (path, reason) in unreadable {
            // The reason usually starts with the path already.
            let reason = reason
                .strip_prefix(path.as_str())
                .map_or(reason.as_str(), |r| r.trim_start_matches([':', ' ']));
            let _ = writeln!(
                o,
                "<li><span class=\"nb-file\">{}</span>：{}</li>",
                esc(path),
                esc(reason)
            );
        }
        o.push_str("</ul>\n</section>\n");
    }
    for (n, r) in reviews.iter().enumerate() {
        let id = report_id(n);
        let _ = writeln!(
            o,
            "<section id=\"{id}\" class=\"nb-report\" data-testid=\"report\" aria-labelledby=\"{id}-h\">"
        );
        fragment_into(&mut o, r, &id);
        o.push_str("<p class=\"nb-back\"><a href=\"#nb-summary\">回到汇总</a></p>\n</section>\n");
    }
    o.push_str("</main>\n<script>\n");
    // A report's text never reaches the script; the asset itself must not end the element.
    o.push_str(&JS.replace("</", "<\\/"));
    o.push_str("</script>\n</body>\n</html>\n");
    o
}

/// One report's findings and tables, as the page and `nianbao serve` show them. Its ids start
/// with a prefix made from the file name (`nb-` and 8 hex digits); no inline scripts.
pub fn fragment(review: &Review) -> String {
    let prefix = format!(
        "nb-{:08x}",
        crate::ide::report::fnv1a(review.path.as_bytes()) as u32
    );
    let mut o = String::with_capacity(32 * 1024);
    fragment_into(&mut o, review, &prefix);
    o
}

fn report_id(n: usize) -> String {
    format!("report-{}", n + 1)
}

fn finding_id(prefix: &str, i: usize) -> String {
    format!("{prefix}-f{i}")
}

/// Escapes text for HTML text and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            // Controls other than tab and newlines have no business in a page.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "信息",
        Severity::Hint => "提示",
    }
}

/// Badge of a severity: its name as text (not colour only).
fn badge(s: Severity) -> String {
    format!(
        "<span class=\"nb-badge nb-badge-{}\">{}</span>",
        s.name(),
        severity_label(s)
    )
}

fn counts_html(errors: usize, warnings: usize, hints: usize) -> String {
    format!(
        "<span class=\"nb-count nb-count-error\">错误 <strong>{errors}</strong></span> \
         <span class=\"nb-count nb-count-warning\">警告 <strong>{warnings}</strong></span> \
         <span class=\"nb-count nb-count-hint\">提示 <strong>{hints}</strong></span>"
    )
}

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

fn part_heading(number: u8, title: Option<&str>) -> String {
    let numeral = NUMERALS
        .get(usize::from(number).wrapping_sub(1))
        .copied()
        .unwrap_or("");
    match (numeral, title) {
        ("", Some(t)) => format!("第{number}部分 {t}"),
        ("", None) => format!("第{number}部分"),
        (n, Some(t)) => format!("{n}、{t}"),
        (n, None) => format!("第{n}部分"),
    }
}

fn late_text(late: Option<bool>) -> &'static str {
    match late {
        Some(true) => "是",
        Some(false) => "否",
        None => "未知",
    }
}

/// The format used, and the one required when it differs (`2019（应为 2021）`), as HTML.
fn format_html(r: &Review) -> (String, bool) {
    match (&r.format, &r.expected_format) {
        (Some(f), Some(e)) if f != e => (
            format!(
                "<span class=\"nb-mismatch\"><span class=\"nb-nowrap\">{}版</span><span class=\"nb-flag\">（应为{}版）</span></span>",
                esc(f),
                esc(e)
            ),
            true,
        ),
        (Some(f), _) => (
            format!("<span class=\"nb-nowrap\">{}版</span>", esc(f)),
            false,
        ),
        (None, Some(e)) => (
            format!(
                "<span class=\"nb-unknown\">未识别</span>（应为{}版）",
                esc(e)
            ),
            false,
        ),
        (None, None) => (
            "<span class=\"nb-unknown\">未识别</span>".to_string(),
            false,
        ),
    }
}

fn summary(o: &mut String, reviews: &[Review]) {
    o.push_str(
        "<section id=\"nb-summary\" class=\"nb-summary\" aria-labelledby=\"nb-summary-h\">\n",
    );
    o.push_str("<h2 id=\"nb-summary-h\">汇总</h2>\n");
    // Shown by the script: without it the controls would do nothing.
    o.push_str(
        "<div class=\"nb-controls\" role=\"search\" aria-label=\"筛选报告\" hidden>\n\
         <label for=\"nb-filter\">按文件名或机关筛选</label>\n\
         <input type=\"search\" id=\"nb-filter\" autocomplete=\"off\">\n\
         <label class=\"nb-check\"><input type=\"checkbox\" id=\"nb-only-errors\"> 只看有错误的报告</label>\n\
         <output id=\"nb-shown\" for=\"nb-filter nb-only-errors\" aria-live=\"polite\"></output>\n\
         </div>\n",
    );
    o.push_str("<div class=\"nb-table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"nb-summary-caption\">\n");
    o.push_str("<table data-testid=\"summary\" class=\"nb-summary-table\">\n");
    o.push_str("<caption id=\"nb-summary-caption\">各报告的检查结果（点击列标题排序）</caption>\n<thead>\n<tr>");
    for (label, kind) in [
        ("报告（文件 / 机关）", "text"),
        ("年度", "number"),
        ("格式", "text"),
        ("错误", "number"),
        ("警告", "number"),
        ("提示", "number"),
        ("最严重的问题", "number"),
        ("是否逾期", "text"),
    ] {
        let _ = write!(
            o,
            "<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" class=\"nb-sort\" data-sort=\"{kind}\">{label}</button></th>"
        );
    }
    o.push_str("</tr>\n</thead>\n<tbody>\n");
    for (n, r) in reviews.iter().enumerate() {
        let id = report_id(n);
        let agency = r.agency.as_deref().unwrap_or("");
        let search = format!("{} {}", r.path, agency).to_lowercase();
        let _ = write!(
            o,
            "<tr data-testid=\"summary-row\" data-report=\"{id}\" data-search=\"{}\" data-errors=\"{}\"{}>",
            esc(&search),
            r.counts.errors,
            if r.counts.errors > 0 {
                " class=\"nb-has-errors\""
            } else {
                ""
            }
        );
        let _ = write!(
            o,
            "<td data-value=\"{}\"><a href=\"#{id}\">{}</a>",
            esc(&r.path),
            esc(&r.path)
        );
        if !agency.is_empty() {
            let _ = write!(o, "<br><span class=\"nb-agency\">{}</span>", esc(agency));
        }
        o.push_str("</td>");
        match r.year {
            Some(y) => {
                let _ = write!(o, "<td data-value=\"{y}\">{y}</td>");
            }
            None => o.push_str("<td data-value=\"\"><span class=\"nb-unknown\">未知</span></td>"),
        }
        let (fmt, mismatch) = format_html(r);
        let _ = write!(
            o,
            "<td data-value=\"{}\"{}>{fmt}</td>",
            esc(r.format.as_deref().unwrap_or("")),
            if mismatch {
                " class=\"nb-format-mismatch\""
            } else {
                ""
            }
        );
        for c in [r.counts.errors, r.counts.warnings, r.counts.hints] {
            let _ = write!(o, "<td class=\"nb-num\" data-value=\"{c}\">{c}</td>");
        }
        match r.worst.and_then(|w| r.findings.get(w).map(|f| (w, f))) {
            Some((w, f)) => {
                // Sorted by severity (most severe first), then by text.
                let rank = match f.severity {
                    Severity::Error => 0,
                    Severity::Warning => 1,
                    Severity::Info => 2,
                    Severity::Hint => 3,
                };
                let _ = write!(
                    o,
                    "<td class=\"nb-worst\" data-value=\"{rank}\">{} <a href=\"#{}\">{}</a><span class=\"nb-worst-message\">{}</span></td>",
                    badge(f.severity),
                    finding_id(&id, w),
                    esc(rule_title(f)),
                    esc(&f.message)
                );
            }
            None => o.push_str("<td class=\"nb-worst\" data-value=\"9\">未发现问题</td>"),
        }
        let _ = write!(
            o,
            "<td data-value=\"{}\"{}>{}</td>",
            match r.late {
                Some(true) => 0,
                None => 1,
                Some(false) => 2,
            },
            if r.late == Some(true) {
                " class=\"nb-late\""
            } else {
                ""
            },
            late_text(r.late)
        );
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

fn rule_title(f: &Finding) -> &str {
    if f.title.is_empty() { f.rule } else { f.title }
}

fn fragment_into(o: &mut String, r: &Review, prefix: &str) {
    let _ = writeln!(
        o,
        "<div class=\"nb-fragment\" data-path=\"{}\">",
        esc(&r.path)
    );
    let _ = writeln!(
        o,
        "<h2 id=\"{prefix}-h\" class=\"nb-report-title\">{}</h2>",
        esc(&r.path)
    );
    o.push_str("<dl class=\"nb-meta\">");
    let mut meta = |k: &str, v: String| {
        let _ = write!(o, "<div><dt>{k}</dt><dd>{v}</dd></div>");
    };
    meta(
        "机关",
        match &r.agency {
            Some(a) => esc(a),
            None => "<span class=\"nb-unknown\">未识别</span>".to_string(),
        },
    );
    meta("类型", esc(r.organ));
    meta(
        "年度",
        match r.year {
            Some(y) => format!("{y}年度"),
            None => "<span class=\"nb-unknown\">未识别</span>".to_string(),
        },
    );
    meta("表格格式", format_html(r).0);
    meta("是否逾期", late_text(r.late).to_string());
    meta(
        "问题",
        counts_html(r.counts.errors, r.counts.warnings, r.counts.hints),
    );
    o.push_str("</dl>\n");
    if !r.is_report {
        o.push_str("<p class=\"nb-note\">这份文件看起来不是政府信息公开工作年度报告。</p>\n");
    }
    findings(o, r, prefix);
    tables(o, r, prefix);
    o.push_str("</div>\n");
}

fn findings(o: &mut String, r: &Review, prefix: &str) {
    let _ = writeln!(
        o,
        "<div class=\"nb-findings\">\n<h3 id=\"{prefix}-fh\">发现的问题（{}）</h3>",
        r.findings.len()
    );
    if r.findings.is_empty() {
        o.push_str("<p class=\"nb-clean\">未发现问题。</p>\n</div>\n");
        return;
    }
    // Parts in order, then the findings outside any part.
    let mut parts: Vec<Option<u8>> = r.findings.iter().map(|f| f.part).collect();
    parts.sort_by_key(|p| p.unwrap_or(u8::MAX));
    parts.dedup();
    for part in parts {
        let in_part: Vec<(usize, &Finding)> = r
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.part == part)
            .collect();
        let heading = match part {
            Some(n) => part_heading(
                n,
                in_part
                    .iter()
                    .find_map(|(_, f)| f.part_title.as_deref())
                    .or_else(|| {
                        r.parts
                            .iter()
                            .find(|p| p.number == n)
                            .map(|p| p.heading.as_str())
                    }),
            ),
            None => "全文".to_string(),
        };
        let _ = writeln!(
            o,
            "<div class=\"nb-part\" data-part=\"{}\">\n<h4>{} <span class=\"nb-part-count\">（{}）</span></h4>",
            part.map_or("none".to_string(), |p| p.to_string()),
            esc(&heading),
            in_part.len()
        );
        for group in [
            &[Severity::Error][..],
            &[Severity::Warning],
            &[Severity::Hint, Severity::Info],
        ] {
            let items: Vec<&(usize, &Finding)> = in_part
                .iter()
                .filter(|(_, f)| group.contains(&f.severity))
                .collect();
            if items.is_empty() {
                continue;
            }
            let label = match group[0] {
                Severity::Hint => {
                    if items.iter().any(|(_, f)| f.severity == Severity::Info) {
                        "提示/信息"
                    } else {
                        "提示"
                    }
                }
                s => severity_label(s),
            };
            let _ = writeln!(
                o,
                "<ul class=\"nb-finding-list nb-group-{}\" aria-label=\"{}：{}（{}）\">",
                group[0].name(),
                esc(&heading),
                label,
                items.len()
            );
            for (i, f) in items {
                finding(o, *i, f, prefix);
            }
            o.push_str("</ul>\n");
        }
        o.push_str("</div>\n");
    }
    o.push_str("</div>\n");
}

fn place(f: &Finding) -> String {
    let line = format!("第{}行第{}列", f.span.line + 1, f.span.col + 1);
    match &f.location {
        Some(l) if !l.is_empty() => format!(
            "<span class=\"nb-location\">{}</span> <span class=\"nb-line-no\">（文本第{}行）</span>",
            esc(l),
            f.span.line + 1
        ),
        _ => line,
    }
}

fn finding(o: &mut String, i: usize, f: &Finding, prefix: &str) {
    let sev = f.severity.name();
    let _ = writeln!(
        o,
        "<li id=\"{}\" class=\"nb-finding nb-sev-{sev}\" data-testid=\"finding\" data-rule=\"{}\" data-severity=\"{sev}\" data-index=\"{i}\" data-fingerprint=\"{}\" data-from=\"{}\" data-to=\"{}\">",
        finding_id(prefix, i),
        esc(f.rule),
        esc(&f.fingerprint),
        f.span.from,
        f.span.to
    );
    let _ = writeln!(
        o,
        "<p class=\"nb-finding-head\">{} <span class=\"nb-message\">{}</span></p>",
        badge(f.severity),
        esc(&f.message)
    );
    let _ = writeln!(
        o,
        "<p class=\"nb-place\">{} · <code class=\"nb-rule\">{}</code></p>",
        place(f),
        esc(f.rule)
    );
    let end_col = if f.span.end_line == f.span.line {
        Some(f.span.end_col)
    } else {
        None
    };
    let _ = writeln!(
        o,
        "<pre class=\"nb-source\"><code>{}</code></pre>",
        marked_line(&f.line_text, f.span.col, end_col)
    );
    o.push_str("<details class=\"nb-explain\"><summary>说明</summary>\n");
    let _ = writeln!(
        o,
        "<p class=\"nb-rule-title\"><strong>{}</strong>（<code>{}</code>）</p>",
        esc(rule_title(f)),
        esc(f.rule)
    );
    if !f.explanation.is_empty() {
        let _ = writeln!(o, "<p class=\"nb-explanation\">{}</p>", esc(f.explanation));
    }
    if !f.basis.is_empty() {
        let _ = writeln!(o, "<p class=\"nb-basis\">依据：{}</p>", esc(f.basis));
    }
    if !f.clauses.is_empty() {
        o.push_str("<dl class=\"nb-clauses\">\n");
        for c in &f.clauses {
            // The text starts with its reference line: shown once, as the term.
            let body = c
                .text
                .strip_prefix(c.reference.as_str())
                .map_or(c.text.as_str(), |b| b.trim_start_matches(['\r', '\n']))
                .trim_end();
            let _ = writeln!(
                o,
                "<dt>{}</dt><dd class=\"nb-clause-text\">{}</dd>",
                esc(&c.reference),
                esc(body)
            );
        }
        o.push_str("</dl>\n");
    }
    if !f.related.is_empty() {
        o.push_str("<ul class=\"nb-related\" aria-label=\"相关位置\">\n");
        for rel in &f.related {
            let _ = writeln!(
                o,
                "<li>{}（第{}行第{}列）</li>",
                esc(&rel.message),
                rel.span.line + 1,
                rel.span.col + 1
            );
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</details>\n");
    if !f.fixes.is_empty() {
        o.push_str("<div class=\"nb-fixes\">");
        for (j, fix) in f.fixes.iter().enumerate() {
            let _ = write!(
                o,
                "<button type=\"button\" class=\"fix\" data-fix=\"{i}:{j}\">{}</button>",
                esc(&fix.title)
            );
        }
        o.push_str("</div>\n");
    }
    o.push_str("</li>\n");
}

/// The char index of UTF-16 column `col` in `chars` (clamped; a column inside a surrogate pair
/// moves to the char's end).
fn char_at_utf16(chars: &[char], col: u32) -> usize {
    let mut acc = 0usize;
    for (n, c) in chars.iter().enumerate() {
        if acc >= col as usize {
            return n;
        }
        acc += c.len_utf16();
    }
    chars.len()
}

/// The source line, escaped, with `col..end_col` (UTF-16 columns; to the line's end when
/// `None`) in `<mark>`, a long line windowed around the mark with `…`.
pub fn marked_line(line: &str, col: u32, end_col: Option<u32>) -> String {
    let chars: Vec<char> = line.chars().collect();
    let start = char_at_utf16(&chars, col);
    let end = end_col
        .map_or(chars.len(), |e| char_at_utf16(&chars, e))
        .max(start);
    let (mut from, mut to) = (0, chars.len());
    let mut mark_end = end;
    if chars.len() > LINE_WINDOW {
        from = start.saturating_sub(CONTEXT);
        mark_end = end.min(start + MARK_MAX);
        to = (mark_end + CONTEXT).min(chars.len());
    }
    let s = |a: usize, b: usize| esc(&chars[a..b].iter().collect::<String>());
    let mut o = String::new();
    if from > 0 {
        o.push_str("<span class=\"nb-ellipsis\">…</span>");
    }
    o.push_str(&s(from, start));
    if start == mark_end {
        o.push_str("<mark class=\"nb-point\"><span class=\"nb-sr\">（此处）</span></mark>");
    } else {
        o.push_str("<mark>");
        o.push_str(&s(start, mark_end));
        if mark_end < end {
            o.push('…');
        }
        o.push_str("</mark>");
    }
    o.push_str(&s(mark_end, to));
    if to < chars.len() {
        o.push_str("<span class=\"nb-ellipsis\">…</span>");
    }
    o
}

fn tables(o: &mut String, r: &Review, prefix: &str) {
    if r.tables.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "<div class=\"nb-tables\">\n<h3 id=\"{prefix}-th\">统计表</h3>"
    );
    for t in &r.tables {
        table(o, t, &r.path, prefix);
    }
    o.push_str("</div>\n");
}

/// A column header cell of a multi-level header.
struct HeadCell {
    text: String,
    colspan: usize,
    rowspan: usize,
    leaf: bool,
}

/// Header rows for columns labelled `group › … › label`: equal groups side by side are merged
/// (colspan), a label with fewer levels spans down (rowspan).
fn header_rows(labels: &[&str]) -> Vec<Vec<HeadCell>> {
    let split: Vec<Vec<&str>> = labels
        .iter()
        .map(|l| l.split(" › ").collect::<Vec<_>>())
        .collect();
    let depth = split.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut rows: Vec<Vec<HeadCell>> = (0..depth).map(|_| Vec::new()).collect();
    for (level, row) in rows.iter_mut().enumerate() {
        let mut c = 0;
        while c < split.len() {
            let parts = &split[c];
            if level >= parts.len() {
                // Covered by a rowspan from above.
                c += 1;
                continue;
            }
            let leaf = level + 1 == parts.len();
            let mut span = 1;
            if !leaf {
                while c + span < split.len() {
                    let q = &split[c + span];
                    if q.len() > level + 1 && q[..=level] == parts[..=level] {
                        span += 1;
                    } else {
                        break;
                    }
                }
            }
            row.push(HeadCell {
                text: parts[level].to_string(),
                colspan: span,
                rowspan: if leaf { depth - level } else { 1 },
                leaf,
            });
            c += span;
        }
    }
    rows
}

/// Consecutive rows reading the same columns (表一 has sections with their own columns).
fn row_runs(t: &TableView) -> Vec<(Vec<&'static str>, &[RowView])> {
    let mut runs: Vec<(Vec<&'static str>, &[RowView])> = Vec::new();
    let mut start = 0;
    for i in 1..=t.rows.len() {
        let cols = |r: &RowView| r.cells.iter().map(|c| c.column).collect::<Vec<_>>();
        if i == t.rows.len() || cols(&t.rows[i]) != cols(&t.rows[start]) {
            runs.push((cols(&t.rows[start]), &t.rows[start..i]));
            start = i;
        }
    }
    runs
}

fn table(o: &mut String, t: &TableView, path: &str, prefix: &str) {
    let caption = format!("{}：{}（{}版格式）", t.name, t.title, t.format);
    let _ = writeln!(
        o,
        "<div class=\"nb-table-block\" data-table=\"{}\">\n<div class=\"nb-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
        esc(t.id),
        // Landmark names differ between reports on one page.
        esc(&format!("{path}：{caption}"))
    );
    let _ = writeln!(
        o,
        "<table class=\"nb-data-table\">\n<caption>{}</caption>",
        esc(&caption)
    );
    for (cols, rows) in row_runs(t) {
        let labels: Vec<&str> = cols
            .iter()
            .map(|id| {
                t.columns
                    .iter()
                    .find(|c| c.id == *id)
                    .map_or(*id, |c| c.label.as_str())
            })
            .collect();
        let head = header_rows(&labels);
        o.push_str("<tbody class=\"nb-section\">\n");
        for (level, hr) in head.iter().enumerate() {
            o.push_str("<tr class=\"nb-head\">");
            if level == 0 {
                let _ = write!(
                    o,
                    "<th scope=\"col\" rowspan=\"{}\" class=\"nb-corner\">项目</th>",
                    head.len()
                );
            }
            for h in hr {
                let _ = write!(
                    o,
                    "<th scope=\"{}\"{}{}>{}</th>",
                    if h.leaf { "col" } else { "colgroup" },
                    if h.colspan > 1 {
                        format!(" colspan=\"{}\"", h.colspan)
                    } else {
                        String::new()
                    },
                    if h.rowspan > 1 {
                        format!(" rowspan=\"{}\"", h.rowspan)
                    } else {
                        String::new()
                    },
                    esc(&h.text)
                );
            }
            o.push_str("</tr>\n");
        }
        for row in rows {
            let label = if row.label.trim().is_empty() {
                "数量"
            } else {
                row.label.as_str()
            };
            let _ = write!(
                o,
                "<tr data-row=\"{}\"><th scope=\"row\">{}</th>",
                esc(row.id),
                esc(label)
            );
            for c in &row.cells {
                cell(o, row.id, c);
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody>\n");
    }
    o.push_str("</table>\n</div>\n");
    relations(o, t, prefix);
    o.push_str("</div>\n");
}

fn cell(o: &mut String, row: &str, c: &CellView) {
    let mut class = vec!["nb-cell"];
    let mut title = Vec::new();
    let mut extra = String::new();
    if c.absent {
        class.push("absent");
        title.push("未读到");
    } else {
        if !c.certain {
            class.push("guessed");
            title.push("位置为推断");
        }
        if c.value.is_none() {
            class.push("invalid");
            title.push("不是有效数字");
        }
    }
    if c.broken {
        class.push("broken");
        title.push("勾稽关系不成立");
    }
    let _ = write!(
        o,
        "<td class=\"{}\" data-cell=\"{}:{}\"",
        class.join(" "),
        esc(row),
        esc(c.column)
    );
    if c.broken {
        o.push_str(" data-broken=\"true\"");
    }
    if let Some(s) = &c.span {
        let _ = write!(o, " data-from=\"{}\" data-to=\"{}\"", s.from, s.to);
    }
    if !title.is_empty() {
        let _ = write!(o, " title=\"{}\"", title.join("；"));
    }
    o.push('>');
    if c.absent {
        o.push_str("<span aria-hidden=\"true\">—</span><span class=\"nb-sr\">未读到</span>");
    } else {
        o.push_str(&esc(&c.text));
        if !c.certain {
            extra.push_str("<span class=\"nb-sr\">（位置为推断）</span>");
        }
        if c.value.is_none() {
            extra.push_str("<span class=\"nb-sr\">（不是有效数字）</span>");
        }
    }
    if c.broken {
        extra.push_str(
            "<span class=\"nb-broken-mark\" aria-hidden=\"true\">✗</span><span class=\"nb-sr\">（勾稽关系不成立）</span>",
        );
    }
    o.push_str(&extra);
    o.push_str("</td>");
}

fn holds_attr(r: &RelationView) -> &'static str {
    match r.holds {
        Some(true) => "true",
        Some(false) => "false",
        None => "unknown",
    }
}

fn relation(o: &mut String, r: &RelationView) {
    let (mark, word) = match r.holds {
        Some(true) => ("✓", "成立"),
        Some(false) => ("✗", "不成立"),
        None => ("？", "未核对"),
    };
    let h = holds_attr(r);
    let _ = write!(
        o,
        "<li class=\"nb-relation nb-holds-{h}\" data-testid=\"relation\" data-holds=\"{h}\" data-code=\"{}\">\
         <span class=\"nb-rel-mark\" aria-hidden=\"true\">{mark}</span> <span class=\"nb-rel-word\">{word}</span> \
         <code class=\"nb-rel-code\">{}</code>",
        esc(&r.code),
        esc(&r.code)
    );
    if !r.context.is_empty() {
        let _ = write!(
            o,
            " <span class=\"nb-rel-context\">{}</span>",
            esc(&r.context)
        );
    }
    let _ = write!(o, "<br><span class=\"nb-rel-text\">{}</span>", esc(&r.text));
    if !r.description.is_empty() {
        let _ = write!(
            o,
            "<br><span class=\"nb-rel-desc\">{}</span>",
            esc(&r.description)
        );
    }
    o.push_str("</li>\n");
}

fn relations(o: &mut String, t: &TableView, prefix: &str) {
    if t.relations.is_empty() {
        return;
    }
    let failing: Vec<&RelationView> = t
        .relations
        .iter()
        .filter(|r| r.holds == Some(false))
        .chain(t.relations.iter().filter(|r| r.holds.is_none()))
        .collect();
    let holding: Vec<&RelationView> = t
        .relations
        .iter()
        .filter(|r| r.holds == Some(true))
        .collect();
    let _ = writeln!(
        o,
        "<div class=\"nb-relations\">\n<h4 id=\"{prefix}-{}-rh\">{}的勾稽关系：{} 项不成立，{} 项未核对，{} 项成立</h4>",
        esc(t.id),
        esc(t.name),
        t.relations
            .iter()
            .filter(|r| r.holds == Some(false))
            .count(),
        t.relations.iter().filter(|r| r.holds.is_none()).count(),
        holding.len()
    );
    if !failing.is_empty() {
        o.push_str("<ul class=\"nb-relation-list nb-failing\">\n");
        for r in failing {
            relation(o, r);
        }
        o.push_str("</ul>\n");
    }
    if !holding.is_empty() {
        let _ = writeln!(
            o,
            "<details class=\"nb-holding\"><summary>成立的关系（{}）</summary>\n<ul class=\"nb-relation-list\">",
            holding.len()
        );
        for r in holding {
            relation(o, r);
        }
        o.push_str("</ul>\n</details>\n");
    }
    o.push_str("</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(esc("a\u{0}b"), "a\u{FFFD}b");
    }

    #[test]
    fn marks_utf16_columns() {
        // 𠀀 is two UTF-16 units.
        assert_eq!(marked_line("总计𠀀12", 4, Some(6)), "总计𠀀<mark>12</mark>");
        assert_eq!(marked_line("ab", 1, Some(1)).matches("nb-point").count(), 1);
        // Out of range columns are clamped, a reversed range is empty.
        assert_eq!(
            marked_line("ab", 9, Some(12)),
            "ab<mark class=\"nb-point\"><span class=\"nb-sr\">（此处）</span></mark>"
        );
        assert!(marked_line("abc", 2, Some(1)).contains("nb-point"));
        assert_eq!(marked_line("a<b", 1, None), "a<mark>&lt;b</mark>");
    }

    #[test]
    fn windows_long_lines() {
        let line = format!("{}X{}", "甲".repeat(300), "乙".repeat(300));
        let m = marked_line(&line, 300, Some(301));
        assert!(m.contains("<mark>X</mark>"));
        assert_eq!(m.matches('…').count(), 2);
        assert_eq!(m.chars().filter(|c| *c == '甲').count(), CONTEXT);
        assert_eq!(m.chars().filter(|c| *c == '乙').count(), CONTEXT);
    }

    #[test]
    fn header_levels() {
        let rows = header_rows(&["自然人", "法人 › 商业", "法人 › 科研", "总计"]);
        assert_eq!(rows.len(), 2);
        let top: Vec<(&str, usize, usize)> = rows[0]
            .iter()
            .map(|h| (h.text.as_str(), h.colspan, h.rowspan))
            .collect();
        assert_eq!(top, [("自然人", 1, 2), ("法人", 2, 1), ("总计", 1, 2)]);
        let second: Vec<&str> = rows[1].iter().map(|h| h.text.as_str()).collect();
        assert_eq!(second, ["商业", "科研"]);
    }
}
