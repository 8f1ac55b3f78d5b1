//! `ide::report::review`: the plain data every review front end renders (the web page, the HTML
//! review report, SARIF, GitHub annotations, JUnit). Positions in UTF-16 as a browser indexes a
//! string, fixes that apply there, broken cells and relations, fingerprints that do not move.

use nianbao::check::{self, Options};
use nianbao::ide::report::{Review, review};

fn seed(n: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let name = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .find(|f| f.starts_with(&format!("00{n}_")) && f.ends_with(".txt"))
        .unwrap();
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn reviewed(text: &str) -> Review {
    let a = check::check(text, &Options::default());
    review("t.md", text, &a, |_| None)
}

fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

#[test]
fn spans_are_utf16_offsets_and_positions() {
    // Characters outside the BMP (two UTF-16 units, four UTF-8 bytes) before a broken total.
    let text = seed(4).replacen("济南市", "𠀀𠀁济南市", 1);
    let r = reviewed(&text);
    let units = utf16(&text);
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(!r.findings.is_empty());
    for f in &r.findings {
        let s = f.span;
        let piece = String::from_utf16(&units[s.from..s.to]).unwrap();
        // The same place by line and column.
        let line = utf16(lines[s.line as usize].trim_end_matches('\r'));
        if s.line == s.end_line {
            let by_pos = String::from_utf16(&line[s.col as usize..s.end_col as usize]).unwrap();
            assert_eq!(piece, by_pos, "{}", f.rule);
        }
        assert_eq!(
            f.line_text,
            lines[s.line as usize].trim_end_matches('\r'),
            "{}",
            f.rule
        );
    }
    let totals: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "total-mismatch")
        .collect();
    assert_eq!(totals.len(), 2);
    for f in totals {
        let piece = String::from_utf16(&units[f.span.from..f.span.to]).unwrap();
        assert!(piece.chars().all(|c| c.is_ascii_digit()), "{piece:?}");
    }
}

#[test]
fn each_fix_applied_in_utf16_gives_the_text_the_core_fix_gives() {
    let text = seed(4).replacen("济南市", "𠀀济南市", 1);
    let a = check::check(&text, &Options::default());
    let r = review("t.md", &text, &a, |_| None);
    let mut tried = 0;
    for (d, f) in a.diagnostics.iter().zip(&r.findings) {
        assert_eq!(d.fixes.len(), f.fixes.len());
        for (core, view) in d.fixes.iter().zip(&f.fixes) {
            assert_eq!(core.title, view.title);
            // Bytes: edits applied from the last.
            let mut by_bytes = text.clone();
            let mut edits = core.edits.clone();
            edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
            for e in &edits {
                by_bytes.replace_range(e.range.clone(), &e.text);
            }
            // UTF-16, as the page applies them.
            let mut units = utf16(&text);
            let mut edits = view.edits.clone();
            edits.sort_by_key(|e| std::cmp::Reverse(e.from));
            for e in &edits {
                units.splice(e.from..e.to, utf16(&e.insert));
            }
            assert_eq!(
                String::from_utf16(&units).unwrap(),
                by_bytes,
                "{}",
                view.title
            );
            tried += 1;
        }
    }
    assert!(tried >= 3, "fixes tried: {tried}");
    // The fix of a broken total, applied, makes its finding go away.
    let total = r
        .findings
        .iter()
        .position(|f| f.rule == "total-mismatch")
        .unwrap();
    let mut units = utf16(&text);
    for e in &r.findings[total].fixes[0].edits {
        units.splice(e.from..e.to, utf16(&e.insert));
    }
    let fixed = reviewed(&String::from_utf16(&units).unwrap());
    let left = fixed
        .findings
        .iter()
        .filter(|f| f.rule == "total-mismatch")
        .count();
    assert_eq!(left, 1);
}

#[test]
fn broken_totals_show_in_the_tables() {
    let r = reviewed(&seed(4));
    assert_eq!(r.counts.errors, 3);
    assert_eq!(r.agency.as_deref(), Some("济南市卫生健康委员会"));
    assert_eq!(r.year, Some(2020));
    assert_eq!(r.format.as_deref(), Some("2019"));
    assert_eq!(r.tables.len(), 3);
    let t3 = r.tables.iter().find(|t| t.id == "t3").unwrap();
    let failing: Vec<_> = t3
        .relations
        .iter()
        .filter(|x| x.holds == Some(false))
        .collect();
    assert_eq!(failing.len(), 2);
    for f in &failing {
        assert!(f.text.contains('✗'), "{}", f.text);
        assert_ne!(f.lhs, f.rhs);
    }
    let broken: Vec<_> = t3
        .rows
        .iter()
        .flat_map(|row| row.cells.iter())
        .filter(|c| c.broken)
        .collect();
    assert_eq!(broken.len(), 2, "{broken:?}");
    // The broken cells are the ones the findings point at.
    let totals: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "total-mismatch")
        .map(|f| f.span)
        .collect();
    for c in broken {
        assert!(totals.contains(&c.span.unwrap()), "{c:?}");
    }
    // Every other relation of the seed holds or was not checked, and tables 1 and 2 hold.
    for t in &r.tables {
        for x in &t.relations {
            if t.id != "t3" {
                assert_ne!(x.holds, Some(false), "{} {}", t.id, x.text);
            }
        }
    }
    let clean = reviewed(&seed(0));
    assert!(
        clean
            .tables
            .iter()
            .flat_map(|t| &t.relations)
            .all(|x| x.holds != Some(false))
    );
    assert!(
        clean
            .tables
            .iter()
            .flat_map(|t| &t.relations)
            .any(|x| x.holds == Some(true))
    );
}

#[test]
fn fingerprints_stay_when_lines_are_inserted_and_differ_between_findings() {
    let text = seed(4);
    let before = reviewed(&text);
    let shifted = reviewed(&format!("\n（此处插入一行说明。）\n\n{text}"));
    assert_eq!(before.findings.len(), shifted.findings.len());
    for (a, b) in before.findings.iter().zip(&shifted.findings) {
        assert_eq!(a.fingerprint, b.fingerprint, "{}", a.anchor);
        assert_eq!(a.span.line + 3, b.span.line);
    }
    let mut prints: Vec<&str> = before
        .findings
        .iter()
        .map(|f| f.fingerprint.as_str())
        .collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), before.findings.len());
    // A total typed over keeps its finding's identity while it is still wrong.
    let r = &before.findings[before
        .findings
        .iter()
        .position(|f| f.rule == "total-mismatch")
        .unwrap()];
    let units = utf16(&text);
    let mut edited = units[..r.span.from].to_vec();
    edited.extend(utf16("9"));
    edited.extend_from_slice(&units[r.span.to..]);
    let after = reviewed(&String::from_utf16(&edited).unwrap());
    assert!(
        after
            .findings
            .iter()
            .any(|f| f.fingerprint == r.fingerprint)
    );
}

#[test]
fn late_publication_and_worst_finding() {
    let r = reviewed(&seed(4));
    let worst = &r.findings[r.worst.unwrap()];
    assert_eq!(worst.severity, nianbao::check::Severity::Error);
    // Seed 004 is signed in the report year: a wrong date, which says nothing of lateness.
    assert_eq!(r.late, None);
    assert_eq!(reviewed(&seed(0)).late, Some(false));
    let draft = nianbao::template::new_report(2024, Some("某市测试局"), check::Organ::Department);
    let late = draft.replace("2025年1月", "2025年3月");
    assert_ne!(late, draft, "the template's signature date changed");
    assert_eq!(reviewed(&late).late, Some(true));
    let unsigned = reviewed("# 某局2024年政府信息公开工作年度报告\n");
    assert_eq!(unsigned.late, None);
    // Findings know their part and the 条例 text they rest on.
    let sig = r
        .findings
        .iter()
        .find(|f| f.rule == "signature-date")
        .unwrap();
    assert!(sig.clauses.iter().any(|c| c.text.contains("1月31日")));
    let total = r
        .findings
        .iter()
        .find(|f| f.rule == "total-mismatch")
        .unwrap();
    assert_eq!(total.part, Some(4));
    assert!(total.part_title.as_deref().unwrap().contains("行政复议"));
}

#[test]
fn the_cells_marked_broken_are_the_cells_the_findings_point_at() {
    // A count typed into 一、本年新收 breaks relations whose sides are both sums (一 + 二 =
    // 三（七）总计 + 四) and one whose total is a single cell: each marks only the cell its
    // finding points at.
    let draft = nianbao::template::new_report(2024, Some("某市测试局"), check::Organ::Department);
    let r = reviewed(&draft);
    let t2 = r.tables.iter().find(|t| t.id == "t2").unwrap();
    let cell = t2.rows[0].cells.iter().find(|c| c.span.is_some()).unwrap();
    let at = cell.span.unwrap();
    let mut units = utf16(&draft);
    units.splice(at.from..at.to, utf16("5"));
    let broken_draft = String::from_utf16(&units).unwrap();
    let r = reviewed(&broken_draft);
    let spans: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "total-mismatch")
        .map(|f| f.span)
        .collect();
    assert!(spans.len() >= 2, "{spans:?}");
    let t2 = r.tables.iter().find(|t| t.id == "t2").unwrap();
    assert!(t2.relations.iter().any(|x| x.holds == Some(false)));
    let broken: Vec<_> = t2
        .rows
        .iter()
        .flat_map(|row| &row.cells)
        .filter(|c| c.broken)
        .map(|c| c.span.unwrap())
        .collect();
    assert!(!broken.is_empty());
    for b in &broken {
        assert!(
            spans.contains(b),
            "a cell no finding points at is marked: {b:?}"
        );
    }
    for s in &spans {
        assert!(broken.contains(s), "a finding's cell is not marked: {s:?}");
    }
}
