//! A generator of valid reports in several layouts whose value cells are recorded by byte range,
//! so a test can break one cell and know where it is.

use super::format_data::{format_data, part_heading, s, table};
use super::positions::lsp_range;
use super::values::{T2_COLS, T3_COLS, Values};
use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// GFM tables as in docs/format.md#markdown-layouts.
    Gfm,
    /// GFM rows without the `|---|` separator row.
    GfmNoSep,
    /// GFM rows with a blank line between rows.
    GfmBlankRows,
    /// One cell per line, no blank lines (like seed 001).
    CellPerLine,
    /// One cell per line with a blank line between rows (like seed 003).
    CellPerLineBlank,
    /// Every cell on its own tab-indented line, blank line between rows (like seed 004).
    TabIndented,
    /// Tab-separated rows as pasted from Excel.
    TabRows,
}

pub type LabelFn = Box<dyn Fn(&str) -> String>;

pub struct Style {
    pub layout: Layout,
    pub fullwidth_digits: bool,
    /// Transform applied to every table label (row labels, header labels, block labels).
    pub label: LabelFn,
    pub title_two_lines: bool,
    /// Part headings as written (index 0 = part 一); `None`: the standard `## 一、…`.
    pub headings: [Option<String>; 6],
    /// Repeat the group label `三、本年度办理结果` after this table-2 row, following a
    /// page break (blank line and a page number line).
    pub repeat_results_after: Option<String>,
}

impl Style {
    pub fn new(layout: Layout) -> Style {
        Style {
            layout,
            fullwidth_digits: false,
            label: Box::new(|s| s.to_string()),
            title_two_lines: false,
            headings: Default::default(),
            repeat_results_after: None,
        }
    }
}

pub struct Doc {
    pub text: String,
    /// (table, row, col) → byte range of the value cell.
    pub cells: BTreeMap<(String, String, String), Range<usize>>,
    /// Byte ranges of the six part headings (text without `## `).
    pub headings: Vec<Range<usize>>,
    pub year: u16,
}

impl Doc {
    pub fn cell(&self, t: &str, r: &str, c: &str) -> Range<usize> {
        self.cells
            .get(&(t.to_string(), r.to_string(), c.to_string()))
            .unwrap_or_else(|| panic!("cell {t}/{r}/{c}"))
            .clone()
    }
    pub fn cell_pos(&self, t: &str, r: &str, c: &str) -> ((usize, usize), (usize, usize)) {
        lsp_range(&self.text, &self.cell(t, r, c))
    }
}

fn fw(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).expect("digit"),
            '.' => '．',
            _ => c,
        })
        .collect()
}

/// Builder of a document that records value cell ranges.
struct W<'a> {
    out: String,
    cells: BTreeMap<(String, String, String), Range<usize>>,
    style: &'a Style,
}

/// A table cell: a label or a value (with its key).
#[derive(Clone)]
enum C {
    Label(String),
    Empty,
    Val(String, (String, String, String)),
}

impl W<'_> {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }
    fn cell(&mut self, c: &C) {
        match c {
            C::Label(l) => {
                let l = (self.style.label)(l);
                self.out.push_str(&l);
            }
            C::Empty => {}
            C::Val(v, key) => {
                let v = if self.style.fullwidth_digits {
                    fw(v)
                } else {
                    v.clone()
                };
                let a = self.out.len();
                self.out.push_str(&v);
                self.cells.insert(key.clone(), a..self.out.len());
            }
        }
    }
    /// One row of a table in the current layout. `header`: the row is a header row (the GFM
    /// separator follows the first header row of a table).
    fn row(&mut self, cells: &[C], first_of_table: bool) {
        match self.style.layout {
            Layout::Gfm | Layout::GfmNoSep | Layout::GfmBlankRows => {
                self.push("|");
                for c in cells {
                    self.push(" ");
                    self.cell(c);
                    self.push(" |");
                }
                self.push("\n");
                if first_of_table && self.style.layout != Layout::GfmNoSep {
                    self.push("|");
                    for _ in cells {
                        self.push("---|");
                    }
                    self.push("\n");
                }
                if self.style.layout == Layout::GfmBlankRows {
                    self.push("\n");
                }
            }
            Layout::CellPerLine | Layout::CellPerLineBlank => {
                for c in cells {
                    if matches!(c, C::Empty) {
                        continue;
                    }
                    self.cell(c);
                    self.push("\n");
                }
                if self.style.layout == Layout::CellPerLineBlank {
                    self.push("\n");
                }
            }
            Layout::TabIndented => {
                for c in cells {
                    if matches!(c, C::Empty) {
                        continue;
                    }
                    self.push("\t");
                    self.cell(c);
                    self.push("\n");
                }
                self.push("\n");
            }
            Layout::TabRows => {
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        self.push("\t");
                    }
                    self.cell(c);
                }
                self.push("\n");
            }
        }
    }
    fn end_table(&mut self) {
        if !self.out.ends_with("\n\n") {
            self.push("\n");
        }
    }
}

fn lab(s: &str) -> C {
    C::Label(s.to_string())
}

/// Render a full report for `year` (2019 format for 2019–2020, else 2021) with `values`.
pub fn render(year: u16, values: &Values, style: &Style) -> Doc {
    let format = if year <= 2020 { "2019" } else { "2021" };
    assert_eq!(values.format, format);
    let fd = format_data(format);
    let gfm = matches!(
        style.layout,
        Layout::Gfm | Layout::GfmNoSep | Layout::GfmBlankRows
    );
    let mut w = W {
        out: String::new(),
        cells: BTreeMap::new(),
        style,
    };
    let mut headings = Vec::new();
    let title_hash = if gfm { "# " } else { "" };
    if style.title_two_lines {
        w.push(&format!(
            "{title_hash}示例市示例局{year}年度政府信息\n公开工作报告\n\n"
        ));
    } else {
        w.push(&format!(
            "{title_hash}示例市示例局{year}年政府信息公开工作年度报告\n\n"
        ));
    }
    w.push(&format!(
        "本报告根据《中华人民共和国政府信息公开条例》的要求编制，统计期限为{year}年1月1日至{year}年12月31日，由总体情况、主动公开政府信息情况等六部分组成。\n\n"
    ));
    let heading = |w: &mut W, n: usize, headings: &mut Vec<Range<usize>>| {
        let h = style.headings[n - 1]
            .clone()
            .unwrap_or_else(|| format!("## {}", part_heading(&fd, n)));
        let a = w.out.len();
        w.push(&h);
        let b = w.out.len();
        let hashes = h.len() - h.trim_start_matches('#').len();
        let skip = if hashes > 0 { hashes + 1 } else { 0 };
        headings.push(a + skip..b);
        w.push("\n\n");
    };
    heading(&mut w, 1, &mut headings);
    w.push("本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作，进一步规范依申请公开办理流程，加强政府信息管理和平台建设，监督保障工作扎实有效。\n\n");

    // Part 二, table 1.
    heading(&mut w, 2, &mut headings);
    let t1 = table(&fd, "t1");
    let blocks = t1["blocks"].as_array().expect("blocks");
    let width = 1 + blocks
        .iter()
        .map(|b| b["columns"].as_array().expect("c").len())
        .max()
        .unwrap_or(3);
    let pad = |mut v: Vec<C>| {
        while v.len() < width {
            v.push(C::Empty);
        }
        v
    };
    let mut first = true;
    for b in blocks {
        w.row(&pad(vec![lab(b["label"].as_str().expect("l"))]), first);
        first = false;
        let cols = b["columns"].as_array().expect("c");
        let mut hdr = vec![lab(&s(&t1["header_labels"][0]))];
        hdr.extend(cols.iter().map(|c| lab(c["label"].as_str().expect("l"))));
        w.row(&pad(hdr), false);
        for r in b["rows"].as_array().expect("rows") {
            let rid = s(&r["id"]);
            let mut row = vec![lab(r["label"].as_str().expect("l"))];
            for c in cols {
                let cid = s(&c["id"]);
                let v = values.t1[&(rid.clone(), cid.clone())].clone();
                row.push(C::Val(v, ("t1".into(), rid.clone(), cid)));
            }
            w.row(&pad(row), false);
        }
    }
    w.end_table();

    // Part 三, table 2.
    heading(&mut w, 3, &mut headings);
    let t2 = table(&fd, "t2");
    let cols = t2["columns"].as_array().expect("columns");
    let mut hdr = vec![lab(&s(&t2["header_labels"][0]))];
    hdr.extend(cols.iter().map(|c| lab(c["label"].as_str().expect("l"))));
    w.row(&hdr, true);
    for r in t2["rows"].as_array().expect("rows") {
        let rid = s(&r["id"]);
        let label = s(&r["label"]);
        if r["kind"] == "group" {
            let mut row = vec![lab(&label)];
            if gfm || style.layout == Layout::TabRows {
                row.extend((0..7).map(|_| C::Empty));
            }
            w.row(&row, false);
        } else {
            let mut row = vec![lab(&label)];
            for (i, c) in T2_COLS.iter().enumerate() {
                row.push(C::Val(
                    values.t2[&rid][i].to_string(),
                    ("t2".into(), rid.clone(), c.to_string()),
                ));
            }
            w.row(&row, false);
        }
        if style.repeat_results_after.as_deref() == Some(rid.as_str()) {
            // A page break inside the table: the page number, then the spanning group label
            // printed again at the top of the next page.
            if !w.out.ends_with("\n\n") {
                w.push("\n");
            }
            w.push("- 3 -\n\n");
            let group = t2["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .find(|x| x["id"] == "results")
                .expect("results row");
            let mut row = vec![lab(group["label"].as_str().expect("l"))];
            if gfm || style.layout == Layout::TabRows {
                row.extend((0..7).map(|_| C::Empty));
            }
            w.row(&row, gfm);
        }
    }
    w.end_table();

    // Part 四, table 3.
    heading(&mut w, 4, &mut headings);
    let t3 = table(&fd, "t3");
    let c3 = t3["columns"].as_array().expect("columns");
    let lbl = |id: &str| -> String { s(&c3.iter().find(|c| c["id"] == id).expect("col")["label"]) };
    let groups: Vec<String> = c3.iter().map(|c| s(&c["group"])).collect::<Vec<_>>();
    // Group names: 行政复议, 行政诉讼, and the two litigation sub-groups.
    let review = groups[0].clone();
    let (lit, direct) = split_group(&groups[5]);
    let (_, after) = split_group(&groups[10]);
    let mut r1 = vec![lab(&review)];
    r1.extend((0..4).map(|_| C::Empty));
    r1.push(lab(&lit));
    r1.extend((0..9).map(|_| C::Empty));
    let mut r2: Vec<C> = T3_COLS[..5].iter().map(|c| lab(&lbl(c))).collect();
    r2.push(lab(&direct));
    r2.extend((0..4).map(|_| C::Empty));
    r2.push(lab(&after));
    r2.extend((0..4).map(|_| C::Empty));
    let mut r3: Vec<C> = (0..5).map(|_| C::Empty).collect();
    r3.extend(T3_COLS[5..].iter().map(|c| lab(&lbl(c))));
    let r4: Vec<C> = T3_COLS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            C::Val(
                values.t3[i].to_string(),
                ("t3".into(), "data".into(), c.to_string()),
            )
        })
        .collect();
    if style.layout == Layout::TabIndented {
        // Like seed 004: header cells without the empty ones.
        let strip = |v: &[C]| -> Vec<C> {
            v.iter()
                .filter(|c| !matches!(c, C::Empty))
                .cloned()
                .collect()
        };
        w.row(&strip(&r1), true);
        w.row(&strip(&r2), false);
        w.row(&strip(&r3), false);
    } else {
        w.row(&r1, true);
        w.row(&r2, false);
        w.row(&r3, false);
    }
    w.row(&r4, false);
    w.end_table();

    heading(&mut w, 5, &mut headings);
    w.push("一是政策解读的形式还不够丰富；二是公开内容的及时性有待提高。下一步，本机关将加强培训，完善制度，不断提升政务公开工作水平。\n\n");
    heading(&mut w, 6, &mut headings);
    w.push("本年度未收取信息处理费。\n\n");
    w.push(&format!("示例市示例局\n{}年1月20日\n", year + 1));
    Doc {
        text: w.out,
        cells: w.cells,
        headings,
        year,
    }
}

fn split_group(g: &str) -> (String, String) {
    let mut it = g.split('›').map(|x| x.trim().to_string());
    let a = it.next().expect("group");
    let b = it.next().expect("sub-group");
    (a, b)
}
