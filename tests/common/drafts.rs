//! Helpers for tests that edit a clean draft made by `nianbao::template::new_report` and check
//! it through the library: finding lookups with the text they cover, pipe-row edits, fixes.

use nianbao::check::{self, Analysis, Diagnostic, Edit, Options, Organ, Severity};
use std::ops::Range;

pub const AGENCY: &str = "某市卫生健康委员会";

/// The clean draft of `year` for the municipal health commission (a department).
pub fn draft(year: u16) -> String {
    nianbao::template::new_report(year, Some(AGENCY), Organ::Department)
}

/// The clean 2024 draft without an agency name (`XX市XX局`), as `nianbao new --year 2024`
/// prints it.
pub fn plain_draft() -> String {
    nianbao::template::new_report(2024, None, Organ::Department)
}

pub fn check(text: &str) -> Analysis {
    check::check(text, &Options::default())
}

pub fn check_with(text: &str, opts: &Options) -> Analysis {
    check::check(text, opts)
}

/// Every finding, one per line, with the text it covers (for failure messages).
pub fn dump(text: &str, a: &Analysis) -> String {
    a.diagnostics
        .iter()
        .map(|d| {
            format!(
                "  {} {} {:?} «{}» {}\n",
                d.severity.name(),
                d.rule,
                d.range,
                text.get(d.range.clone())
                    .unwrap_or("<not on a char boundary>"),
                d.message
            )
        })
        .collect()
}

pub fn above_hint(a: &Analysis) -> Vec<&Diagnostic> {
    a.diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Hint)
        .collect()
}

/// The findings above hint are exactly `rules` (as a multiset).
#[track_caller]
pub fn assert_above_hint(text: &str, a: &Analysis, rules: &[&str]) {
    let mut got: Vec<&str> = above_hint(a).iter().map(|d| d.rule).collect();
    let mut want = rules.to_vec();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want, "findings above hint:\n{}", dump(text, a));
}

/// No finding at all (hints included).
#[track_caller]
pub fn assert_clean(text: &str, a: &Analysis) {
    assert!(
        a.diagnostics.is_empty(),
        "expected no finding:\n{}",
        dump(text, a)
    );
}

/// The findings of `rule`.
pub fn of<'a>(a: &'a Analysis, rule: &str) -> Vec<&'a Diagnostic> {
    a.diagnostics.iter().filter(|d| d.rule == rule).collect()
}

/// The one finding of `rule`, with its severity and the exact text it covers.
#[track_caller]
pub fn one<'a>(
    text: &str,
    a: &'a Analysis,
    rule: &str,
    severity: Severity,
    covers: &str,
) -> &'a Diagnostic {
    let ds = of(a, rule);
    assert_eq!(ds.len(), 1, "one {rule} expected:\n{}", dump(text, a));
    let d = ds[0];
    assert_eq!(d.severity, severity, "{rule} severity:\n{}", dump(text, a));
    assert_eq!(&text[d.range.clone()], covers, "{rule} range {:?}", d.range);
    d
}

#[track_caller]
pub fn assert_msg(d: &Diagnostic, parts: &[&str]) {
    for p in parts {
        assert!(
            d.message.contains(p),
            "{}: message lacks «{p}»: {}",
            d.rule,
            d.message
        );
    }
}

/// The byte range of the only occurrence of `needle`.
#[track_caller]
pub fn unique(text: &str, needle: &str) -> Range<usize> {
    let mut it = text.match_indices(needle);
    let (i, _) = it
        .next()
        .unwrap_or_else(|| panic!("«{needle}» not in the text"));
    assert!(it.next().is_none(), "«{needle}» occurs more than once");
    i..i + needle.len()
}

/// `text` with the only occurrence of `from` replaced by `to`.
#[track_caller]
pub fn edit(text: &str, from: &str, to: &str) -> String {
    let r = unique(text, from);
    format!("{}{}{}", &text[..r.start], to, &text[r.end..])
}

/// `text` without the range from `from` (included) to `to` (excluded), both unique.
#[track_caller]
pub fn cut(text: &str, from: &str, to: &str) -> String {
    let a = unique(text, from).start;
    let b = unique(text, to).start;
    assert!(a < b);
    format!("{}{}", &text[..a], &text[b..])
}

/// A GFM pipe row as the drafts write it: `| a | b | | c |`.
pub fn pipe_row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut s = String::new();
    for c in cells {
        let c = c.as_ref();
        s.push_str("| ");
        if !c.is_empty() {
            s.push_str(c);
            s.push(' ');
        }
    }
    s.push('|');
    s
}

/// The byte range of the line that starts with `| {label} |` (without its line break).
#[track_caller]
pub fn row_line(text: &str, label: &str) -> Range<usize> {
    let r = unique(text, &format!("\n| {label} |"));
    let start = r.start + 1;
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end
}

/// `text` with the table row labelled `label` rewritten with `values`.
#[track_caller]
pub fn set_row<S: AsRef<str>>(text: &str, label: &str, values: &[S]) -> String {
    let r = row_line(text, label);
    let mut cells = vec![label];
    cells.extend(values.iter().map(AsRef::as_ref));
    format!("{}{}{}", &text[..r.start], pipe_row(&cells), &text[r.end..])
}

/// The values of a table-2 row whose 自然人 column is `n` and whose 总计 is `tot`.
pub fn t2_np(n: &str, tot: &str) -> [String; 7] {
    [n, "0", "0", "0", "0", "0", tot].map(String::from)
}

/// The byte ranges of the cells of a pipe line (content trimmed; an empty cell gives the span
/// between its pipes).
pub fn cells_of(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let pipes: Vec<usize> = text[line.clone()]
        .match_indices('|')
        .map(|(i, _)| line.start + i)
        .collect();
    pipes
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0] + 1, w[1]);
            let raw = &text[a..b];
            let lead = raw.len() - raw.trim_start().len();
            if lead == raw.len() {
                a..b
            } else {
                a + lead..b - (raw.len() - raw.trim_end().len())
            }
        })
        .collect()
}

/// The range of cell `col` (0 = the label) of the row labelled `label`.
#[track_caller]
pub fn cell_at(text: &str, label: &str, col: usize) -> Range<usize> {
    cells_of(text, row_line(text, label))[col].clone()
}

/// The table-3 data row of a clean draft (15 zeros; `edit` checks that it is unique).
pub const T3_ZERO: &str = "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";

/// Apply text edits (from the end, so earlier ranges stay valid).
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    for e in &edits {
        out.replace_range(e.range.clone(), &e.text);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Headings, guide paragraphs and filled drafts shared by the tests of the rules
// ---------------------------------------------------------------------------------------------

/// The first row of table 2 (the applications received this year).
pub const T2_NEW: &str = "一、本年新收政府信息公开申请数量";

/// The draft of `year` whose table 2 shows 16 applications from 自然人, 16 disclosed, none
/// carried over: balanced and clean.
pub fn filled16(year: u16) -> String {
    let t = draft(year);
    let t = set_row(&t, "一、本年新收政府信息公开申请数量", &t2_np("16", "16"));
    let t = set_row(&t, "（一）予以公开", &t2_np("16", "16"));
    set_row(&t, "（七）总计", &t2_np("16", "16"))
}

/// Replace the guide paragraph (`（填写说明：…）`) that starts with `guide_start` by `body`.
#[track_caller]
pub fn replace_guide(text: &str, guide_start: &str, body: &str) -> String {
    let a = unique(text, guide_start).start;
    let b = a + text[a..].find("）\n").expect("end of the guide") + "）".len();
    format!("{}{}{}", &text[..a], body, &text[b..])
}

pub const GUIDE_P1: &str = "（填写说明：概述本年度";
pub const GUIDE_P2: &str = "（填写说明：以统一表格统计本年度依照";
pub const GUIDE_P3: &str = "（填写说明：以统一表格统计本年度收到";
pub const GUIDE_P4: &str = "（填写说明：以统一表格统计本机关因";
pub const GUIDE_P5: &str = "（填写说明：说明本年度政府信息公开工作存在";
pub const GUIDE_P6: &str = "（填写说明：说明本年度是否";

/// The table under `heading`: its pipe lines, up to the `next` heading.
#[track_caller]
pub fn table_text(text: &str, heading: &str, next: &str) -> String {
    let a = unique(text, heading).end;
    let b = unique(text, next).start;
    let part = &text[a..b];
    let s = part.find("\n|").expect("a table") + 1;
    let e = part.rfind("|\n").expect("table end") + 2;
    part[s..e].to_string()
}

pub const H1: &str = "## 一、总体情况";
pub const H2: &str = "## 二、主动公开政府信息情况";
pub const H3: &str = "## 三、收到和处理政府信息公开申请情况";
pub const H4: &str = "## 四、政府信息公开行政复议、行政诉讼情况";
pub const H5: &str = "## 五、存在的主要问题及改进情况";
pub const H6: &str = "## 六、其他需要报告的事项";

/// Table 2 of the 16-application draft with 予以公开 split 10 / 6 (本机关不掌握), and the 总计
/// of 予以公开 typed as 9: A3 on that row, A2 on the 总计 column.
pub fn t2_typo() -> String {
    let t = set_row(&filled16(2024), "（一）予以公开", &t2_np("10", "9"));
    set_row(&t, "1.本机关不掌握相关政府信息", &t2_np("6", "6"))
}

/// A balanced draft of `year` for `agency`: `carried_in` applications carried in from last year
/// and `carried_out` carried over to next year (自然人, and 总计), 5 new, the rest disclosed.
pub fn year_draft(year: u16, agency: &str, carried_in: u32, carried_out: u32) -> String {
    let t = nianbao::template::new_report(year, Some(agency), Organ::Department);
    let new = 5;
    let done = new + carried_in - carried_out;
    let s = |n: u32| n.to_string();
    let t = set_row(&t, T2_NEW, &t2_np(&s(new), &s(new)));
    let t = set_row(
        &t,
        "二、上年结转政府信息公开申请数量",
        &t2_np(&s(carried_in), &s(carried_in)),
    );
    let t = set_row(&t, "（一）予以公开", &t2_np(&s(done), &s(done)));
    let t = set_row(&t, "（七）总计", &t2_np(&s(done), &s(done)));
    set_row(
        &t,
        "四、结转下年度继续办理",
        &t2_np(&s(carried_out), &s(carried_out)),
    )
}
