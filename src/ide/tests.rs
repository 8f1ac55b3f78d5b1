//! The editor features as plain data, without a server: byte offsets in, ranges and text out.

use super::*;
use crate::check::{self, Organ};
use crate::text::position::LineIndex;

fn with<R>(text: &str, f: impl FnOnce(&Snapshot) -> R) -> R {
    let analysis = check::check(text, &Default::default());
    let idx = LineIndex::new(text);
    f(&Snapshot {
        text,
        analysis: &analysis,
        lines: &idx,
    })
}

fn draft(year: u16) -> String {
    crate::template::new_report(year, Some("某市某局"), Organ::Department)
}

#[test]
fn hover_on_a_total_shows_its_relations_with_the_numbers_as_read() {
    let text = draft(2024);
    let row = text.find("| （七）总计 |").expect("total row");
    let cell = row + "| （七）总计 | ".len();
    let h = with(&text, |s| hover::hover(s, cell)).expect("a hover");
    assert_eq!(&text[h.range.clone()], "0");
    assert!(
        h.markdown.contains("勾稽关系") && h.markdown.contains('✓'),
        "{}",
        h.markdown
    );
}

#[test]
fn inlay_hints_sum_the_addends_of_each_total() {
    let text = draft(2024);
    let hints = with(&text, |s| inlay::inlay_hints(s, 0..text.len()));
    assert!(!hints.is_empty());
    for h in &hints {
        assert_eq!(h.label, "Σ 0");
        assert!(text.is_char_boundary(h.offset));
    }
}

#[test]
fn completion_after_di_lists_the_articles_and_replaces_the_di() {
    let text = "依据《条例》第";
    let items = with(text, |s| completion::completion(s, text.len()));
    assert!(items.len() > 50, "{}", items.len());
    assert_eq!(items[0].edit.range, text.len() - "第".len()..text.len());
    assert!(items[0].edit.text.starts_with('第'));
}

#[test]
fn a_2019_table_in_a_2021_report_can_be_converted() {
    let t1_2019 = crate::template::table_markdown(crate::format::by_id("2019").unwrap(), "t1")
        .expect("2019 table 1");
    let text = draft(2024);
    let t1_2021 = crate::template::table_markdown(crate::format::latest(), "t1").unwrap();
    let text = text.replacen(&t1_2021, &t1_2019, 1);
    let at = text.find("| 规章 |").expect("a row of table 1");
    let action = with(&text, |s| conversion::convert_table(s, at)).expect("the conversion");
    assert_eq!(action.title, "转换为2021版格式");
    let mut converted = text.clone();
    let e = &action.edits[0];
    converted.replace_range(e.range.clone(), &e.text);
    assert!(converted.contains("<!-- nianbao: 待填写 表一"));
    // The 2021 columns; 规章 keeps its 本年新制作数量 as 本年制发件数, the new columns are blank.
    assert!(converted.contains("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |"));
    assert!(converted.contains("| 规章 | 0 | | |"), "{converted}");
    // The old column is named only by the note that says where the numbers came from.
    assert_eq!(converted.matches("本年新制作数量").count(), 1);
    // Converted, nothing is left to convert.
    let again = converted.find("| 规章 |").unwrap();
    assert!(with(&converted, |s| conversion::convert_table(s, again)).is_none());
}

#[test]
fn symbols_and_folds_follow_the_six_parts() {
    let text = draft(2024);
    let (symbols, folds) = with(&text, |s| (symbols::symbols(s), folding::folding(s)));
    let parts: Vec<&symbols::Symbol> = symbols
        .iter()
        .filter(|s| s.kind == symbols::SymbolKind::Part)
        .collect();
    assert_eq!(parts.len(), 6);
    assert_eq!(
        parts.iter().map(|p| p.children.len()).sum::<usize>(),
        3,
        "the three tables"
    );
    assert!(folds.len() >= 9, "{folds:?}");
}

#[test]
fn a_finding_serialises_as_an_lsp_diagnostic() {
    // A report with a broken total: a total-mismatch with data and a fix.
    let text = crate::template::sample_report(2024, 4000, 1, 1);
    let a = check::check(&text, &Default::default());
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.rule == "total-mismatch" && !d.fixes.is_empty())
        .expect("a broken total");
    let v = diagnostics::to_json(d, "file:///x.md", |r| serde_json::json!([r.start, r.end]));
    assert_eq!(v["code"], "total-mismatch");
    assert_eq!(v["severity"], 1);
    assert_eq!(v["range"], serde_json::json!([d.range.start, d.range.end]));
    assert_eq!(v["data"]["relation"], d.data.as_ref().unwrap()["relation"]);
    assert_eq!(v["data"]["rule"], "total-mismatch");
    assert_eq!(v["data"]["fixes"][0], d.fixes[0].title.as_str());
    assert_eq!(v["source"], "nianbao");
}
