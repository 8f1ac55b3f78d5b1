//! Relations A1–A3 and L1–L3 (docs/format.md#relations) on generated reports, part heading
//! variants (docs/format.md#parts) and table layouts (docs/format.md#text-variants and
//! docs/format.md#markdown-layouts).
//!
//! The Markdown reports are the drafts printed by `nianbao new --year 2024` / `--year 2020`
//! with their value cells filled in (`render_new`); the plain-text layouts and the layout
//! variants are built from docs/format.md#markdown-layouts with every label read from
//! src/format/data/{2019,2021}.json (`render`, tests/common). Each test breaks exactly one
//! cell and compares the checker's total-mismatch findings with an independent evaluation of
//! the relations over the values written (`Values::failures`).

mod common;

use common::*;
use std::collections::BTreeSet;

fn format_of(year: u16) -> &'static str {
    if year <= 2020 { "2019" } else { "2021" }
}

/// Numbers (maximal ASCII digit runs, optional leading minus) in a message.
fn numbers(msg: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in msg.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(cur.parse().expect("number"));
            cur.clear();
        }
    }
    out
}

/// A break: the cell changed and the relation it targets.
#[derive(Clone, Debug)]
struct Break {
    relation: &'static str,
    table: &'static str,
    row: String,
    col: String,
    delta: i64,
}

impl Break {
    fn apply(&self, v: &mut Values) {
        match self.table {
            "t2" => {
                let x = v.t2_get(&self.row, &self.col);
                v.t2_set(&self.row, &self.col, x + self.delta);
            }
            _ => {
                let x = v.t3_get(&self.col);
                v.t3_set(&self.col, x + self.delta);
            }
        }
    }
}

/// Operand cells of a failing relation instance (for ranges of collateral findings).
fn operand_cells(f: &Failure, format: &str) -> Vec<(String, String, String)> {
    let c = |t: &str, r: &str, col: &str| (t.to_string(), r.to_string(), col.to_string());
    match f.relation.as_str() {
        "A1" => ["new", "carried_in", "r7", "carried_out"]
            .iter()
            .map(|r| c("t2", r, &f.col))
            .collect(),
        "A2" => std::iter::once("r7".to_string())
            .chain(t2_leaves(format))
            .map(|r| c("t2", &r, &f.col))
            .collect(),
        "A3" => T2_COLS.iter().map(|col| c("t2", &f.row, col)).collect(),
        _ => {
            let g = &f.col[..2];
            ["keep", "fix", "other", "open", "total"]
                .iter()
                .map(|k| c("t3", "data", &format!("{g}_{k}")))
                .collect()
        }
    }
}

/// Assert that a checked document shows exactly the oracle's relation failures, each at the
/// right cell with the right numbers, and nothing else at error severity. `target`: the
/// changed cell and the relation whose finding must cover it.
fn assert_oracle(
    ctx: &str,
    doc: &Doc,
    values: &Values,
    file: &serde_json::Value,
    target: Option<&Break>,
) {
    let fs = findings(file);
    let text = &doc.text;
    let dump = || format!("{ctx}\n{}", show(&fs));
    for code in [
        "missing-row",
        "missing-table",
        "empty-table",
        "missing-part",
    ] {
        assert!(!fs.iter().any(|f| f.code == code), "{code}: {}", dump());
    }
    let expected = values.failures();
    let got: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.code == "total-mismatch" && f.severity <= 3)
        .collect();
    let other_errors: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.severity == 1 && f.code != "total-mismatch")
        .collect();
    assert!(other_errors.is_empty(), "other errors: {}", dump());
    assert_eq!(
        got.len(),
        expected.len(),
        "expected {expected:#?}\n got: {}",
        dump()
    );
    let mut used = BTreeSet::new();
    for e in &expected {
        let cells = operand_cells(e, &values.format);
        let total_cell = (e.table.clone(), e.row.clone(), e.col.clone());
        // Relations whose lhs is one total cell point at it; A1 at one of its operands.
        let allowed: Vec<_> = if e.relation == "A1" {
            cells.clone()
        } else {
            vec![total_cell.clone()]
        };
        let hit = got.iter().enumerate().find(|(i, f)| {
            !used.contains(i)
                && f.relation() == Some(e.relation.as_str())
                && allowed.iter().any(|(t, r, c)| {
                    let (a, b) = doc.cell_pos(t, r, c);
                    f.start() == a && f.end() == b
                })
        });
        let Some((i, f)) = hit else {
            panic!(
                "no {} finding at {:?} (operands {:?})\n{}",
                e.relation,
                allowed
                    .iter()
                    .map(|(t, r, c)| doc.cell_pos(t, r, c))
                    .collect::<Vec<_>>(),
                cells,
                dump()
            )
        };
        used.insert(i);
        assert_eq!(f.severity, 1, "relation failures are errors: {}", dump());
        let nums = numbers(&f.message);
        assert!(
            nums.contains(&e.lhs) && nums.contains(&e.rhs),
            "message names {} and {}: {}",
            e.lhs,
            e.rhs,
            f.message
        );
        if e.relation == "A1" {
            assert!(
                f.message.contains(&format!("= {}", e.lhs))
                    && f.message.contains(&format!("= {}", e.rhs)),
                "{}",
                f.message
            );
        } else {
            // Σ operands = expected, but the total holds the actual value.
            assert!(f.message.contains(&format!("= {}", e.rhs)), "{}", f.message);
            assert_eq!(f.data["expected"], e.rhs, "{}", dump());
            assert_eq!(f.data["actual"], e.lhs, "{}", dump());
        }
        assert_eq!(f.data["table"], e.table.as_str());
    }
    if let Some(b) = target {
        let (a, z) = doc.cell_pos(b.table, &b.row, &b.col);
        let covering = got
            .iter()
            .any(|f| f.relation() == Some(b.relation) && f.start() == a && f.end() == z);
        assert!(
            covering,
            "{} finding covering the changed cell {:?} ({:?})\n{}",
            b.relation,
            (a, z),
            &text[doc.cell(b.table, &b.row, &b.col)],
            dump()
        );
        assert!(
            expected.iter().any(|e| e.relation == b.relation),
            "the break must violate {}",
            b.relation
        );
    }
}

fn breaks(format: &str) -> Vec<Break> {
    let mut v = Vec::new();
    let b = |rel, t, r: &str, c: &str, d| Break {
        relation: rel,
        table: t,
        row: r.to_string(),
        col: c.to_string(),
        delta: d,
    };
    for c in T2_COLS {
        // A1: change 一 (the first lhs cell) of the column.
        v.push(b("A1", "t2", "new", c, 1));
        // A2: change （七）总计 of the column.
        v.push(b("A2", "t2", "r7", c, 2));
    }
    for r in t2_data_rows(format) {
        // A3: change the 总计 cell of the row (down where the row allows it).
        v.push(b("A3", "t2", &r, "tot", 3));
    }
    for t in ["rv_total", "ld_total", "la_total"] {
        let rel = match t {
            "rv_total" => "L1",
            "ld_total" => "L2",
            _ => "L3",
        };
        v.push(b(rel, "t3", "data", t, 1));
        v.push(b(rel, "t3", "data", t, -1));
    }
    v
}

/// Check every break of `breaks(format)` in one layout, all files in one run.
fn relations_in(year: u16, layout: Layout) {
    let format = format_of(year);
    let valid = Values::valid(format);
    let style = Style::new(layout);
    // Markdown: the draft of `nianbao new`, filled.
    let make = |v: &Values| {
        if layout == Layout::Gfm {
            render_new(year, v)
        } else {
            render(year, v, &style)
        }
    };
    let base = make(&valid);
    let mut docs = vec![(None, valid.clone(), base)];
    for br in breaks(format) {
        let mut v = valid.clone();
        br.apply(&mut v);
        let d = make(&v);
        docs.push((Some(br), v, d));
    }
    let texts: Vec<String> = docs.iter().map(|(_, _, d)| d.text.clone()).collect();
    let results = check_many(&texts, ".md");
    // The valid report is clean: nothing above hint.
    let base_fs = findings(&results[0]);
    assert!(
        above_hint(&base_fs).is_empty(),
        "valid {year} {layout:?} report:\n{}\n{}",
        show(&base_fs),
        docs[0].2.text
    );
    assert_eq!(results[0]["year"], year);
    assert_eq!(results[0]["format"], format);
    for ((br, v, d), file) in docs.iter().zip(&results).skip(1) {
        let ctx = format!("{year} {layout:?} {br:?}");
        assert_oracle(&ctx, d, v, file, br.as_ref());
    }
}

#[test]
fn relations_2021_markdown() {
    relations_in(2024, Layout::Gfm);
}

#[test]
fn relations_2019_markdown() {
    relations_in(2020, Layout::Gfm);
}

#[test]
fn relations_2021_cell_per_line() {
    relations_in(2024, Layout::CellPerLine);
}

#[test]
fn relations_2019_cell_per_line() {
    relations_in(2020, Layout::CellPerLine);
}

#[test]
fn relations_2021_tab_indented() {
    relations_in(2024, Layout::TabIndented);
}

#[test]
fn relations_2019_tab_indented() {
    relations_in(2020, Layout::TabIndented);
}

/// Breaking an operand (not the total) reports at the total with the operands related.
#[test]
fn operand_break_reports_at_total() {
    for year in [2024u16, 2020] {
        let format = format_of(year);
        let mut v = Values::valid(format);
        let x = v.t2_get("r5_5", "law");
        v.t2_set("r5_5", "law", x + 4);
        let y = v.t3_get("ld_fix");
        v.t3_set("ld_fix", y + 2);
        let d = render_new(year, &v);
        let (file, code) = check_text(&d.text, ".md", &[]);
        assert_oracle(&format!("{year} operand"), &d, &v, &file, None);
        assert_eq!(code, 1);
        let fs = findings(&file);
        let l2 = fs
            .iter()
            .find(|f| f.relation() == Some("L2"))
            .expect("L2 finding");
        // The operand changed is listed among the related locations.
        let rel = &file["diagnostics"]
            .as_array()
            .expect("d")
            .iter()
            .find(|x| x["data"]["relation"] == "L2")
            .expect("L2")["relatedInformation"];
        let (a, _) = d.cell_pos("t3", "data", "ld_fix");
        assert!(
            rel.as_array().expect("related").iter().any(|r| {
                r["location"]["range"]["start"]["line"] == a.0
                    && r["location"]["range"]["start"]["character"] == a.1
            }),
            "{rel}"
        );
        assert_eq!(text_at(&d.text, l2), v.t3_get("ld_total").to_string());
    }
}

// ---------------------------------------------------------------------------------------------
// Part heading variants (docs/format.md#parts)
// ---------------------------------------------------------------------------------------------

/// (part, heading line as written, whether a nonstandard-heading hint is expected)
const HEADINGS: &[(usize, &str, bool)] = &[
    // Observed variants.
    (1, "一、政府信息公开总体情况", true),
    (
        4,
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        true,
    ),
    (
        4,
        "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        true,
    ),
    (4, "四、政府信息公开行政复议和行政诉讼情况", true),
    (4, "四、政府信息公开行政复议及行政诉讼情况", true),
    (5, "五、存在问题及改进情况", true),
    (5, "五、政府信息公开工作存在的主要问题及改进情况", true),
    (5, "五、存在的问题及改进情况", true),
    (6, "六、其他事项", true),
    // Plausible variants.
    (2, "二、主动公开情况", true),
    (3, "三、依申请公开情况", true),
    (5, "五、存在的主要问题及改进措施", true),
    (6, "六、其他需要报告事项", true),
    (1, "第一部分 总体情况", true),
    (3, "第三部分 收到和处理政府信息公开申请情况", true),
    // Standard wording in markup or characters.
    (1, "## 一、总体情况", false),
    (1, "# 一、总体情况", false),
    (1, "一、总体情况", false),
    (1, "**一、总体情况**", false),
    (2, "**二、主动公开政府信息情况**", false),
    (3, "三、收到和處理政府信息公開申請情況", false),
    (4, "四、政府信息公開行政複議、行政訴訟情況", false),
];

fn heading_case(layout: Layout, part: usize, heading: &str, hint: bool) {
    let year = 2024;
    let mut v = Values::valid("2021");
    // Break one total in tables 2 and 3 so that reading them is visible.
    let x = v.t2_get("r4_1", "tot");
    v.t2_set("r4_1", "tot", x + 1);
    let y = v.t3_get("rv_total");
    v.t3_set("rv_total", y + 1);
    let mut style = Style::new(layout);
    style.headings[part - 1] = Some(heading.to_string());
    let d = render(year, &v, &style);
    let (file, _) = check_text(&d.text, ".md", &[]);
    let fs = findings(&file);
    let ctx = format!("{layout:?} heading {heading:?}");
    assert_oracle(&ctx, &d, &v, &file, None);
    let hints: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.code == "nonstandard-heading")
        .collect();
    let h = &d.headings[part - 1];
    let (hs, _) = lsp_range(&d.text, h);
    if hint {
        assert_eq!(hints.len(), 1, "{ctx}\n{}", show(&fs));
        assert_eq!(hints[0].severity, 4);
        assert_eq!(hints[0].line, hs.0, "{ctx}");
        let covered = text_at(&d.text, hints[0]);
        assert!(
            heading.contains(covered.trim_matches('*')) && !covered.is_empty(),
            "{ctx}: range covers {covered:?}"
        );
        let f = format_data("2021");
        assert!(
            hints[0].message.contains(&part_heading(&f, part)),
            "{ctx}: {}",
            hints[0].message
        );
    } else {
        assert!(hints.is_empty(), "{ctx}\n{}", show(&fs));
    }
    assert!(
        above_hint(&fs).iter().all(|f| f.code == "total-mismatch"),
        "{ctx}\n{}",
        show(&fs)
    );
}

#[test]
fn heading_variants_markdown() {
    for (part, h, hint) in HEADINGS {
        heading_case(Layout::Gfm, *part, h, *hint);
        if !h.starts_with('#') && !h.starts_with('*') {
            // The same wording as a Markdown heading.
            heading_case(Layout::Gfm, *part, &format!("## {h}"), *hint);
        }
    }
}

#[test]
fn heading_variants_plain_text() {
    for (part, h, hint) in HEADINGS {
        if h.starts_with('#') {
            continue;
        }
        heading_case(Layout::CellPerLine, *part, h, *hint);
        heading_case(Layout::TabIndented, *part, h, *hint);
    }
}

/// docs/format.md#parts: headings without the ordinal (`总体情况`) or with another ordinal
/// style (`1.总体情况`) should be matched as the part, with a hint.
#[test]
fn heading_variants_other_ordinals() {
    for h in ["总体情况", "1.总体情况", "1、总体情况"] {
        heading_case(Layout::Gfm, 1, h, true);
    }
}

// ---------------------------------------------------------------------------------------------
// Layouts (docs/format.md#text-variants, #markdown-layouts)
// ---------------------------------------------------------------------------------------------

/// A valid report in `style` is read (no missing row or table, nothing above hint) and a
/// broken total in table 2 and in table 3 is still found at the right cell.
fn layout_case(name: &str, year: u16, style: &Style, allow_warnings: &[&str]) -> Doc {
    let format = format_of(year);
    let valid = Values::valid(format);
    let base = render(year, &valid, style);
    let mut broken = valid.clone();
    let b2 = Break {
        relation: "A3",
        table: "t2",
        row: "r4_1".into(),
        col: "tot".into(),
        delta: 10,
    };
    b2.apply(&mut broken);
    let b3 = Break {
        relation: "L3",
        table: "t3",
        row: "data".into(),
        col: "la_total".into(),
        delta: 1,
    };
    b3.apply(&mut broken);
    let bad = render(year, &broken, style);
    let results = check_many(&[base.text.clone(), bad.text.clone()], ".md");
    let ctx = format!("layout {name} {year}");
    let fs = findings(&results[0]);
    let unexpected: Vec<&Finding> = above_hint(&fs)
        .into_iter()
        .filter(|f| !allow_warnings.contains(&f.code.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{ctx}: valid report\n{}\n{}",
        show(&fs),
        base.text
    );
    assert_oracle(&ctx, &base, &valid, &results[0], None);
    assert_eq!(results[0]["year"], year, "{ctx}");
    assert_eq!(results[0]["format"], format, "{ctx}");
    assert_oracle(&ctx, &bad, &broken, &results[1], Some(&b2));
    assert_oracle(&ctx, &bad, &broken, &results[1], Some(&b3));
    base
}

fn both_years(name: &str, make: impl Fn() -> Style) {
    for year in [2024, 2020] {
        layout_case(name, year, &make(), &[]);
    }
}

#[test]
fn layout_gfm_with_separator() {
    both_years("gfm", || Style::new(Layout::Gfm));
}

#[test]
fn layout_gfm_without_separator() {
    both_years("gfm-nosep", || Style::new(Layout::GfmNoSep));
}

#[test]
fn layout_blank_lines_between_rows() {
    both_years("gfm-blank", || Style::new(Layout::GfmBlankRows));
    both_years("cell-per-line-blank", || {
        Style::new(Layout::CellPerLineBlank)
    });
}

#[test]
fn layout_plain_text() {
    both_years("cell-per-line", || Style::new(Layout::CellPerLine));
    both_years("tab-indented", || Style::new(Layout::TabIndented));
}

/// Tab-separated rows as pasted from Excel: every row has all its cells, so a group row or a
/// block label row ends in empty cells (`（三）不予公开\t\t\t\t\t\t\t`).
#[test]
fn layout_excel_tab_rows() {
    both_years("excel", || Style::new(Layout::TabRows));
}

const LAYOUTS: [Layout; 3] = [Layout::Gfm, Layout::CellPerLine, Layout::TabIndented];

#[test]
fn layout_fullwidth_digits() {
    for l in LAYOUTS {
        both_years(&format!("{l:?} fullwidth digits"), || {
            let mut s = Style::new(l);
            s.fullwidth_digits = true;
            s
        });
    }
}

#[test]
fn layout_ascii_parentheses() {
    for l in LAYOUTS {
        both_years(&format!("{l:?} (一)"), || {
            let mut s = Style::new(l);
            s.label = Box::new(|x| x.replace('（', "(").replace('）', ")"));
            s
        });
    }
}

/// `1.` → `1、` or `１．` at the start of sub-item labels.
fn sub_marker(label: &str, sep: &str, fullwidth: bool) -> String {
    let mut cs = label.chars();
    match (cs.next(), cs.next()) {
        (Some(d @ '1'..='9'), Some('.')) => {
            let d = if fullwidth {
                char::from_u32(d as u32 - '0' as u32 + 0xFF10).expect("digit")
            } else {
                d
            };
            format!("{d}{sep}{}", cs.as_str())
        }
        _ => label.to_string(),
    }
}

#[test]
fn layout_sub_item_markers() {
    for l in LAYOUTS {
        both_years(&format!("{l:?} 1、"), || {
            let mut s = Style::new(l);
            s.label = Box::new(|x| sub_marker(x, "、", false));
            s
        });
        both_years(&format!("{l:?} １．"), || {
            let mut s = Style::new(l);
            s.label = Box::new(|x| sub_marker(x, "．", true));
            s
        });
    }
}

#[test]
fn layout_stray_spaces_in_labels() {
    for l in LAYOUTS {
        both_years(&format!("{l:?} spaces"), || {
            let mut s = Style::new(l);
            s.label = Box::new(|x| {
                let c: Vec<char> = x.chars().collect();
                if c.len() < 4 {
                    return x.to_string();
                }
                let mid = c.len() / 2;
                let mut o: String = c[..mid].iter().collect();
                o.push(' ');
                o.extend(&c[mid..]);
                o
            });
            s
        });
    }
}

#[test]
fn layout_traditional_dangan_label() {
    for l in LAYOUTS {
        for year in [2024u16, 2020] {
            let mut s = Style::new(l);
            s.label = Box::new(|x| {
                if x == "行政规范性文件" || x == "规范性文件" {
                    "行政規範性檔案".to_string()
                } else {
                    x.to_string()
                }
            });
            let d = layout_case(&format!("{l:?} 行政規範性檔案"), year, &s, &[]);
            assert!(d.text.contains("行政規範性檔案"));
            // The row is read: its cells are there (a break in it would be found by the
            // table reader); check through `nianbao tables`.
            let f = TempFile::new(".md", d.text.as_bytes());
            let o = run(&["tables", "--format", "json", &f.arg()], None);
            assert_eq!(code(&o), 0);
            let t: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
            let t1 = t["tables"]
                .as_array()
                .expect("tables")
                .iter()
                .find(|x| x["id"] == "t1")
                .expect("t1")
                .clone();
            let norms = t1["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .find(|r| r["row"] == "norms")
                .unwrap_or_else(|| panic!("norms row read in {l:?} {year}: {t1}"))
                .clone();
            let v = Values::valid(format_of(year));
            let made = v.t1[&("norms".to_string(), "made".to_string())]
                .parse::<i64>()
                .expect("n");
            assert_eq!(norms["cells"]["made"], made, "{l:?} {year}");
        }
    }
}

#[test]
fn layout_title_on_two_lines() {
    for l in LAYOUTS {
        both_years(&format!("{l:?} two-line title"), || {
            let mut s = Style::new(l);
            s.title_two_lines = true;
            s
        });
    }
}

#[test]
fn layout_repeated_group_label_after_page_break() {
    for l in LAYOUTS {
        for year in [2024, 2020] {
            let mut s = Style::new(l);
            s.repeat_results_after = Some("r4_3".into());
            // The spurious duplicate-row warning is covered by its own (ignored) test.
            let d = layout_case(&format!("{l:?} repeated group"), year, &s, &["unknown-row"]);
            assert_eq!(d.text.matches("三、本年度办理结果").count(), 2);
        }
    }
}

/// A group label repeated after a page break carries no values: nothing is ignored, and
/// saying "该行重复出现，已忽略第二次出现的数值" is wrong.
#[test]
fn repeated_group_label_is_not_a_warning() {
    for l in LAYOUTS {
        let mut s = Style::new(l);
        s.repeat_results_after = Some("r4_3".into());
        layout_case(&format!("{l:?} repeated group"), 2024, &s, &[]);
    }
}

/// The drafts of `nianbao new` as printed are clean and a broken （七）总计 is found; the
/// generator here lays out the same Markdown.
#[test]
fn new_drafts_are_clean() {
    for year in ["2024", "2020"] {
        let o = run(&["new", "--year", year], None);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let text = stdout(&o);
        let (file, c) = check_text(&text, ".md", &[]);
        let fs = findings(&file);
        assert!(errors(&fs).is_empty(), "new --year {year}:\n{}", show(&fs));
        assert_eq!(c, 0);
        assert_eq!(file["year"].to_string(), year);
        // Break the 总计 cell of （七）总计 (last cell of its GFM row).
        let i = text.find("| （七）总计 |").expect("（七）总计 row");
        let end = i + text[i..].find('\n').expect("eol");
        let row = &text[i..end];
        let last = row.trim_end().trim_end_matches('|').trim_end();
        let cell_end = i + last.len();
        let cell_start = i + last.rfind('|').expect("cell") + 1;
        let old = text[cell_start..cell_end].trim();
        let n: i64 = old.parse().expect("number");
        let mut broken = text.clone();
        let at = cell_start + text[cell_start..cell_end].find(old).expect("value");
        broken.replace_range(at..at + old.len(), &(n + 1).to_string());
        let (file, _) = check_text(&broken, ".md", &[]);
        let fs = findings(&file);
        let (a, _) = lsp_range(&broken, &(at..at + 1));
        for rel in ["A2", "A3"] {
            assert!(
                fs.iter()
                    .any(|f| f.relation() == Some(rel) && f.start() == a),
                "{rel} at {a:?}:\n{}",
                show(&fs)
            );
        }
        // The tables of this file's own GFM generator are the draft's, row for row.
        let f = format_of(year.parse().expect("year"));
        let v = Values::valid(f);
        let ours = render(year.parse().expect("year"), &v, &Style::new(Layout::Gfm));
        let theirs = render_new(year.parse().expect("year"), &v);
        let rows = |t: &str| -> Vec<Vec<String>> {
            t.lines()
                .filter(|l| l.starts_with('|'))
                .map(|l| l.split('|').map(|c| c.trim().to_string()).collect())
                .collect()
        };
        assert_eq!(rows(&ours.text), rows(&theirs.text));
    }
}

/// JSON columns are UTF-16 code units: characters outside the BMP count twice.
#[test]
fn utf16_columns_with_astral_characters() {
    let v = Values::valid("2021");
    let d = render(2024, &v, &Style::new(Layout::Gfm));
    assert!(v.t2_get("carried_out", "tot") > 0);
    // A prose line in part 一 that says every application was concluded (X5), after two
    // characters outside the BMP.
    let marker = "本机关认真贯彻落实";
    let line =
        "𠮷𠮷本年度依申请公开工作有序开展，申请已全部办结，答复及时规范，群众满意度较高。\n\n";
    let mut text = d.text.clone();
    let at = text.find(marker).expect("part 一 prose");
    text.insert_str(at, line);
    let (file, _) = check_text(&text, ".md", &[]);
    let fs = findings(&file);
    let nm: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.code == "narrative-mismatch")
        .collect();
    assert_eq!(nm.len(), 1, "{}", show(&fs));
    let b = text.find("已全部办结").expect("phrase");
    let want = lsp_range(&text, &(b..b + "已全部办结".len()));
    assert_eq!((nm[0].start(), nm[0].end()), want, "{}", show(&fs));
    // Two astral characters (4 units) before the BMP text that precedes the phrase.
    assert_eq!(
        want.0.1,
        4 + "本年度依申请公开工作有序开展，申请".chars().count()
    );
    assert_eq!(text_at(&text, nm[0]), "已全部办结");
}
