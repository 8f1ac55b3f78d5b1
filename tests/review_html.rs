//! The HTML review report (src/review/html.rs) of the five seed reports: the summary, the
//! findings and tables of each report, escaping, and no external resources.
//!
//! `NIANBAO_REVIEW_HTML=/tmp/page.html cargo test --test review_html` also writes the seeds'
//! page there, to look at in a browser.

use nianbao::check::{Options, check};
use nianbao::ide::report::{Review, review};
use nianbao::review::html::{fragment, page};
use regex::Regex;
use std::collections::HashSet;

const SEEDS: [&str; 5] = [
    "000_2c1132c7924dd3e8.txt",
    "001_14e46c82abeb8b03.txt",
    "002_72e8cc29e03ca078.txt",
    "003_31cf96be23961926.txt",
    "004_58318878f8bfac1e.txt",
];

fn review_of(name: &str, text: &str) -> Review {
    let a = check(text, &Options::default());
    review(name, text, &a, |_| None)
}

fn seed(name: &str) -> Review {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("seed fixture");
    review_of(name, &text)
}

fn seeds() -> Vec<Review> {
    SEEDS.iter().map(|s| seed(s)).collect()
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// The `data-index` values of the findings, in document order.
fn finding_indices(html: &str) -> Vec<usize> {
    let re = Regex::new(r#"data-testid="finding"[^>]*data-index="(\d+)""#).unwrap();
    re.captures_iter(html)
        .map(|c| c[1].parse().unwrap())
        .collect()
}

#[test]
fn seeds_page_summary_and_reports() {
    let reviews = seeds();
    let html = page(&reviews, "2024年度政府信息公开工作年度报告审核");
    if let Ok(p) = std::env::var("NIANBAO_REVIEW_HTML") {
        std::fs::write(p, &html).unwrap();
    }
    assert!(html.starts_with("<!doctype html>\n<html lang=\"zh-CN\""));
    assert_eq!(count(&html, "<main>"), 1);
    assert_eq!(count(&html, "<table data-testid=\"summary\""), 1);
    assert_eq!(count(&html, "data-testid=\"summary-row\""), 5);
    assert_eq!(count(&html, "data-testid=\"report\""), 5);
    assert_eq!(count(&html, "<a href=\"#nb-summary\">回到汇总</a>"), 5);
    for n in 1..=5 {
        assert_eq!(count(&html, &format!("href=\"#report-{n}\"")), 1);
        assert_eq!(count(&html, &format!("<section id=\"report-{n}\"")), 1);
    }
    // The header's totals.
    let errors: usize = reviews.iter().map(|r| r.counts.errors).sum();
    assert!(errors > 0);
    assert!(html.contains(&format!(
        "共 <strong>5</strong> 份报告：<span class=\"nb-count nb-count-error\">错误 <strong>{errors}</strong>"
    )));
    // Every finding once, in its report's section.
    let total: usize = reviews.iter().map(|r| r.findings.len()).sum();
    assert_eq!(count(&html, "data-testid=\"finding\""), total);
    // Sortable headers: a button in each of the eight.
    assert_eq!(
        count(
            &html,
            "<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" class=\"nb-sort\""
        ),
        8
    );
    // Labelled filter controls.
    assert!(html.contains("<label for=\"nb-filter\">"));
    assert!(html.contains("<input type=\"search\" id=\"nb-filter\""));
    assert!(html.contains("只看有错误的报告"));
    // The worst finding of each report links to it.
    for (n, r) in reviews.iter().enumerate() {
        let w = r.worst.expect("every seed has a finding");
        let target = format!("report-{}-f{w}", n + 1);
        assert!(html.contains(&format!("href=\"#{target}\"")), "{target}");
        assert_eq!(count(&html, &format!("id=\"{target}\"")), 1);
    }
    // Seed 002: 2019 format where 2021 is required.
    assert!(html.contains("<span class=\"nb-mismatch\"><span class=\"nb-nowrap\">2019版</span><span class=\"nb-flag\">（应为2021版）</span></span>"));
}

#[test]
fn seed_004_broken_totals() {
    let r = seed(SEEDS[4]);
    let html = fragment(&r);
    // The two broken totals of table 3 (行政诉讼 总计 4 and 5).
    assert_eq!(count(&html, "data-broken=\"true\""), 2);
    let broken =
        Regex::new(r#"<td class="([^"]*)" data-cell="([^"]*)" data-broken="true"[^>]*>([^<]*)<"#)
            .unwrap();
    let cells: Vec<(String, String, String)> = broken
        .captures_iter(&html)
        .map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()))
        .collect();
    assert_eq!(
        cells,
        [
            ("nb-cell broken".into(), "data:ld_total".into(), "4".into()),
            ("nb-cell broken".into(), "data:la_total".into(), "5".into())
        ]
    );
    assert_eq!(count(&html, "（勾稽关系不成立）"), 2);
    // Relations: L2 and L3 fail and come before L1, which holds.
    let rel = Regex::new(r#"data-testid="relation" data-holds="(\w+)" data-code="(\w+)""#).unwrap();
    let t3 = &html[html.find("data-table=\"t3\"").unwrap()..];
    let rels: Vec<(String, String)> = rel
        .captures_iter(t3)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    assert_eq!(
        rels,
        [
            ("false".into(), "L2".into()),
            ("false".into(), "L3".into()),
            ("true".into(), "L1".into())
        ]
    );
    assert!(t3.contains("= 0 + 1 + 3 + 1 = 5 ✗"));
    assert_eq!(count(&html, "data-holds=\"false\""), 2);
    // Findings: one per finding, grouped by part, the signature date (outside any part) last.
    assert_eq!(count(&html, "data-testid=\"finding\""), r.findings.len());
    assert_eq!(finding_indices(&html), [0, 1, 2, 3, 4]);
    assert!(html.contains("<h4>全文 "));
    assert!(html.contains("<h4>四、政府信息公开行政复议、行政诉讼情况 "));
    // The broken total's source line, marked; its fix as a button.
    assert!(html.contains("<pre class=\"nb-source\"><code>\t<mark>4</mark></code></pre>"));
    assert!(
        html.contains(
            "<button type=\"button\" class=\"fix\" data-fix=\"2:0\">将总计改为 5</button>"
        )
    );
    assert!(html.contains("第409行第2列"));
    // Table headers: caption, column groups and row headers.
    assert!(html.contains("<caption>表三（行政复议、行政诉讼）：政府信息公开行政复议、行政诉讼情况（2019版格式）</caption>"));
    assert!(html.contains("<th scope=\"colgroup\" colspan=\"10\">行政诉讼</th>"));
    assert!(html.contains("<th scope=\"row\">（一）予以公开</th>"));
    // A fragment has no script and its own ids.
    assert!(!html.contains("<script"));
    assert!(!html.contains("id=\"report-"));
}

#[test]
fn seed_002_grouped_by_part_then_severity() {
    let r = seed(SEEDS[2]);
    let html = fragment(&r);
    // Part 二: the error, then the four warnings, then the three hints; then parts 三, 四, 六.
    assert_eq!(
        finding_indices(&html),
        [0, 2, 3, 5, 7, 1, 4, 6, 8, 9, 10, 11]
    );
    for f in &r.findings {
        assert!(html.contains(&format!(
            "data-rule=\"{}\" data-severity=\"{}\"",
            f.rule,
            f.severity.name()
        )));
    }
    // Badges carry the severity as text.
    assert_eq!(
        count(&html, "<span class=\"nb-badge nb-badge-error\">错误</span>"),
        r.counts.errors
    );
    // The four unreadable cells of 表一 (报 1, O, 贵 0, 哟 0), as read, marked.
    let invalid = Regex::new(r#"<td class="nb-cell guessed invalid" data-cell="[^"]*"[^>]*title="位置为推断；不是有效数字">([^<]*)<"#).unwrap();
    let texts: Vec<String> = invalid
        .captures_iter(&html)
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(texts, ["报 1", "O", "贵 0", "哟 0"]);
    assert_eq!(count(&html, "（不是有效数字）"), 4);
    // 表一 has sections with their own columns: one <tbody> each.
    let t1 =
        &html[html.find("data-table=\"t1\"").unwrap()..html.find("data-table=\"t2\"").unwrap()];
    assert_eq!(count(t1, "<tbody class=\"nb-section\">"), 4);
}

#[test]
fn ids_are_unique_and_nothing_is_external() {
    let html = page(&seeds(), "审核报告");
    let id = Regex::new(r#"\sid="([^"]*)""#).unwrap();
    let mut seen = HashSet::new();
    for c in id.captures_iter(&html) {
        assert!(seen.insert(c[1].to_string()), "duplicate id {}", &c[1]);
    }
    assert!(seen.len() > 50);
    // Every link is to the page itself; no src at all.
    let link = Regex::new(r#"(?i)\b(href|src)\s*=\s*"([^"]*)""#).unwrap();
    for c in link.captures_iter(&html) {
        assert_eq!(&c[1], "href", "{}", &c[0]);
        assert!(c[2].starts_with('#'), "external {}", &c[0]);
    }
    let lower = html.to_lowercase();
    for bad in [
        "http:", "https:", "src=", "url(", "@import", "<link", "<iframe",
    ] {
        assert!(!lower.contains(bad), "{bad}");
    }
    // One script, the page's own.
    assert_eq!(count(&lower, "<script"), 1);
    // The same fragment twice on one page still has unique ids (page-level prefixes).
    let r = seed(SEEDS[4]);
    let twice = page(&[r.clone(), r], "两次");
    let mut seen = HashSet::new();
    for c in id.captures_iter(&twice) {
        assert!(seen.insert(c[1].to_string()), "duplicate id {}", &c[1]);
    }
}

#[test]
fn report_text_cannot_inject_markup() {
    let evil = "<script>alert(\"x\")</script>";
    // A draft whose title line (the agency) and a table label carry markup, and a line with a
    // finding on it.
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/{}",
        env!("CARGO_MANIFEST_DIR"),
        SEEDS[4]
    ))
    .unwrap();
    let text = text.replacen(
        "济南市卫生健康委员会",
        &format!("济南市卫生健康委员会{evil}"),
        1,
    );
    let mut r = review_of(&format!("{evil}\" onmouseover=\"alert(1).md"), &text);
    // And every other string a report can carry.
    let f = &mut r.findings[2];
    f.line_text = format!("\t4{evil}\"'");
    f.message = format!("消息{evil}");
    f.fixes[0].title = format!("修复{evil}\"");
    f.location = Some(format!("第1页{evil}"));
    r.tables[2].rows[0].label = format!("标签{evil}\"");
    r.tables[2].rows[0].cells[0].text = evil.to_string();
    r.tables[2].relations[0].text = format!("关系{evil}");
    r.tables[2].relations[0].context = format!("列{evil}\"");
    r.tables[2].columns[0].label = format!("栏{evil}");
    r.agency = Some(format!("机关{evil}\"'"));
    let html = page(&[r.clone()], &format!("标题{evil}"));
    let frag = fragment(&r);
    for h in [&html, &frag] {
        let lower = h.to_lowercase();
        // Only the page's own script element; no attribute broken out of.
        assert_eq!(
            count(&lower, "<script"),
            usize::from(std::ptr::eq(h, &html))
        );
        assert!(!h.contains("alert(\"x\")"));
        assert!(!h.contains("\" onmouseover=\""));
        assert!(h.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    }
    assert!(html.contains("<title>标题&lt;script&gt;"));
    assert!(
        frag.contains("<mark>4</mark>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;&#39;")
    );
    assert!(frag.contains("<th scope=\"row\">标签&lt;script&gt;"));
    // The whole text too: the same number of findings, each escaped.
    assert_eq!(count(&frag, "data-testid=\"finding\""), r.findings.len());
}

#[test]
fn absent_and_guessed_cells() {
    let mut r = seed(SEEDS[4]);
    // Seed 004's 表二 group row 三、本年度办理结果 has no cells (absent).
    let t2 = r.tables.iter().find(|t| t.id == "t2").unwrap();
    let absent = t2
        .rows
        .iter()
        .flat_map(|row| &row.cells)
        .filter(|c| c.absent)
        .count();
    assert!(absent > 0);
    let c = &mut r.tables[1].rows[0].cells[0];
    assert!(!c.absent);
    c.certain = false;
    let html = fragment(&r);
    assert_eq!(
        count(
            &html,
            "title=\"未读到\"><span aria-hidden=\"true\">—</span><span class=\"nb-sr\">未读到</span>"
        ),
        absent
    );
    assert_eq!(count(&html, "class=\"nb-cell guessed\""), 1);
    assert!(html.contains("title=\"位置为推断\">20<span class=\"nb-sr\">（位置为推断）</span>"));
}

#[test]
fn a_clean_report_and_an_empty_page() {
    let draft = std::fs::read_to_string(format!(
        "{}/examples/draft-2024.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let r = review_of("draft-2024.md", &draft);
    let above_hint = r.counts.errors + r.counts.warnings;
    assert_eq!(above_hint, 0);
    let html = fragment(&r);
    assert_eq!(count(&html, "data-testid=\"finding\""), r.findings.len());
    assert_eq!(count(&html, "data-holds=\"false\""), 0);
    assert!(count(&html, "data-holds=\"true\"") > 30);
    let p = page(&[r], "一份");
    assert!(p.contains("<td data-value=\"2\">否</td>") || p.contains("未知</td>"));
    let empty = page(&[], "空");
    assert_eq!(count(&empty, "data-testid=\"summary-row\""), 0);
    assert!(empty.contains("共 <strong>0</strong> 份报告"));
}

#[test]
fn clauses_and_places_in_converted_files() {
    let mut r = seed(SEEDS[4]);
    // The signature date rests on 第四十九条: its text, under its reference, once.
    let i = r
        .findings
        .iter()
        .position(|f| f.rule == "signature-date")
        .unwrap();
    let clause = r.findings[i]
        .clauses
        .iter()
        .find(|c| c.reference.contains("第四十九条"))
        .expect("第四十九条")
        .clone();
    let html = fragment(&r);
    let body = clause.text.lines().skip(1).find(|l| !l.is_empty()).unwrap();
    assert!(html.contains(&format!(
        "<dt>{}</dt><dd class=\"nb-clause-text\">{}",
        clause.reference, body
    )));
    let with_clause = r
        .findings
        .iter()
        .filter(|f| f.clauses.iter().any(|c| c.reference == clause.reference))
        .count();
    assert_eq!(count(&html, &clause.reference), with_clause);
    // A finding in a Word file is placed by its place there.
    assert!(html.contains("第425行第1列"));
    r.findings[i].location = Some("第2个表格 第5行 第4列".into());
    let html = fragment(&r);
    assert!(html.contains("<span class=\"nb-location\">第2个表格 第5行 第4列</span>"));
    assert!(!html.contains("第425行第1列"));
}

/// What a reader sees of a marked line: tags dropped, entities decoded.
fn visible(html: &str) -> String {
    let tags = Regex::new(r"<[^>]*>").unwrap();
    tags.replace_all(html, "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn word_file_findings_name_their_place_there() {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/inputs/004_58318878f8bfac1e.docx",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let conv = nianbao::input::to_text(&bytes, nianbao::input::Kind::Docx).unwrap();
    let map = conv.map.expect("a Word file has a source map");
    let a = check(&conv.text, &Options::default());
    let r = review("004.docx", &conv.text, &a, |off| {
        map.source_at(off).map(|s| s.to_string())
    });
    assert!(r.findings.iter().any(|f| f.rule == "total-mismatch"));
    let html = fragment(&r);
    assert_eq!(
        count(&html, "<span class=\"nb-location\">"),
        r.findings.len()
    );
    // The broken totals are in the third table of the Word file.
    let re =
        Regex::new(r#"data-rule="total-mismatch"[\s\S]*?<span class="nb-location">([^<]*)</span>"#)
            .unwrap();
    let places: Vec<String> = re.captures_iter(&html).map(|c| c[1].to_string()).collect();
    assert_eq!(places.len(), 2);
    for p in places {
        assert!(p.starts_with("第3个表格 "), "{p}");
    }
    assert_eq!(count(&html, "data-broken=\"true\""), 2);
}

#[test]
fn corpus_reports_render_what_they_hold() {
    let dir = format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"));
    let mut reviews = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 20);
    for p in &names {
        let text = std::fs::read_to_string(p).unwrap();
        let r = review_of(&p.file_name().unwrap().to_string_lossy(), &text);
        let html = fragment(&r);
        let name = &r.path;
        assert_eq!(
            count(&html, "data-testid=\"finding\""),
            r.findings.len(),
            "{name}"
        );
        let cells = |pred: &dyn Fn(&nianbao::ide::report::CellView) -> bool| {
            r.tables
                .iter()
                .flat_map(|t| &t.rows)
                .flat_map(|row| &row.cells)
                .filter(|c| pred(c))
                .count()
        };
        assert_eq!(
            count(&html, "data-broken=\"true\""),
            cells(&|c| c.broken),
            "{name}"
        );
        assert_eq!(
            count(&html, "<td class=\"nb-cell"),
            cells(&|_| true),
            "{name}"
        );
        for (attr, holds) in [
            ("true", Some(true)),
            ("false", Some(false)),
            ("unknown", None),
        ] {
            let n = r
                .tables
                .iter()
                .flat_map(|t| &t.relations)
                .filter(|rel| rel.holds == holds)
                .count();
            assert_eq!(count(&html, &format!("data-holds=\"{attr}\"")), n, "{name}");
        }
        // Each finding's source line, marked, reads as the line (windowed when long).
        for (i, f) in r.findings.iter().enumerate() {
            let li = &html[html.find(&format!("data-index=\"{i}\"")).unwrap()..];
            let pre = &li[li.find("<pre class=\"nb-source\"><code>").unwrap() + 29..];
            let shown = visible(&pre[..pre.find("</code></pre>").unwrap()]).replace("（此处）", "");
            if f.line_text.chars().count() <= 120 {
                assert_eq!(shown, f.line_text, "{name} finding {i}");
            } else {
                // A window: at most 40 chars, 80 marked, 40 chars and three ellipses.
                assert!(shown.chars().count() <= 163, "{name} finding {i}");
                assert!(
                    f.line_text.contains(shown.trim_matches('…')),
                    "{name} finding {i}"
                );
            }
        }
        reviews.push(r);
    }
    let html = page(&reviews, "语料");
    assert_eq!(count(&html, "data-testid=\"summary-row\""), names.len());
    let id = Regex::new(r#"\sid="([^"]*)""#).unwrap();
    let mut seen = HashSet::new();
    for c in id.captures_iter(&html) {
        assert!(seen.insert(c[1].to_string()), "duplicate id {}", &c[1]);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// Any line, any columns: one mark, and a short line reads unchanged.
    #[test]
    fn marked_line_keeps_the_line(line in "[a-z<>&\"'总计\\t𠀀 ]{0,150}", col in 0u32..200, end in proptest::option::of(0u32..200)) {
        let html = nianbao::review::html::marked_line(&line, col, end);
        proptest::prop_assert_eq!(count(&html, "<mark"), 1);
        proptest::prop_assert!(!html.contains("<script"));
        let shown = visible(&html).replace("（此处）", "");
        if line.chars().count() <= 120 {
            proptest::prop_assert_eq!(shown, line);
        } else {
            proptest::prop_assert!(shown.chars().count() <= 40 + 80 + 40 + 3);
        }
    }
}

#[test]
fn odd_texts_render() {
    for text in [
        "",
        "\n\n",
        "\u{feff}<script>",
        "一、总体情况\r\n| a | b |\r\n|---|---|\r\n| 1 | 2 |",
        "𠀀\u{0}\u{7}",
    ] {
        let r = review_of("x.md", text);
        let html = page(std::slice::from_ref(&r), "t");
        assert_eq!(count(&html, "data-testid=\"finding\""), r.findings.len());
        assert!(!html.contains('\u{0}') && !html.contains('\u{7}'));
        assert_eq!(count(&html.to_lowercase(), "<script"), 1);
    }
}

#[test]
fn unreadable_files_are_listed_with_their_reason() {
    let reviews = vec![seed(SEEDS[0])];
    let bad = vec![(
        "目录/坏<文件>.docx".to_string(),
        "目录/坏<文件>.docx: 无法读取：文件已损坏".to_string(),
    )];
    let html = nianbao::review::html::page_with_unreadable(&reviews, &bad, "审核报告");
    assert!(html.contains("无法读取的文件（1）"));
    assert!(html.contains("目录/坏&lt;文件&gt;.docx</span>：无法读取：文件已损坏"));
    assert!(!html.contains("<文件>"));
    // The summary still lists the reports read, and nothing else.
    assert_eq!(html.matches("data-testid=\"summary-row\"").count(), 1);
    assert!(!page(&reviews, "审核报告").contains("无法读取的文件"));
}
