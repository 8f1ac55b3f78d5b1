//! The cross-year relation X1 of total-mismatch (this year's 上年结转 equals last year's
//! 结转下年度继续办理) through the binary: two files in one run, `--previous`, three years, a
//! suppression comment (files, folder, `--previous`), and the near misses (the years agree, another agency, years not
//! consecutive).

mod common;

use common::drafts::*;
use common::{TempFile, check_json, findings};
use serde_json::Value;

/// The diagnostics of the file at `path` in `nianbao check --format json` output.
fn file_diags<'a>(v: &'a Value, path: &str) -> &'a Value {
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} in {v}"))
}

fn x1_of(file: &Value) -> Vec<common::Finding> {
    findings(file)
        .into_iter()
        .filter(|f| f.relation() == Some("X1"))
        .collect()
}

#[test]
fn cross_year_x1_both_files_and_previous() {
    // 2023 carried 2 over; 2024 says 3 were carried in.
    let prev = year_draft(2023, AGENCY, 0, 2);
    let cur = year_draft(2024, AGENCY, 3, 0);
    assert_clean(&prev, &check(&prev));
    assert_clean(&cur, &check(&cur));
    let p = TempFile::new(".md", prev.as_bytes());
    let c = TempFile::new(".md", cur.as_bytes());
    let check_x1 = |file: &Value| {
        let x1 = x1_of(file);
        // 自然人 and 总计 differ (3 vs 2).
        assert_eq!(x1.len(), 2, "{}", common::show(&findings(file)));
        for (f, col) in x1.iter().zip(["np", "tot"]) {
            assert_eq!(f.code, "total-mismatch");
            assert_eq!(f.severity, 2, "a warning");
            assert_eq!(f.data["columns"][0], col);
            assert_eq!(f.data["expected"], 2);
            assert_eq!(f.data["actual"], 3);
            assert!(f.message.contains("二、上年结转政府信息公开申请数量"));
            assert!(f.message.contains("四、结转下年度继续办理"));
            assert!(f.message.contains("是3") && f.message.contains("是2"));
            let r = cell_at(
                &cur,
                "二、上年结转政府信息公开申请数量",
                if col == "np" { 1 } else { 7 },
            );
            assert_eq!(common::pos(&cur, r.start), f.start());
            assert_eq!(common::pos(&cur, r.end), f.end());
        }
        // Nothing else above hint.
        assert_eq!(common::above_hint(&findings(file)).len(), 2);
    };
    // Both files in one run (either order).
    for args in [[p.arg(), c.arg()], [c.arg(), p.arg()]] {
        let (v, code) = check_json(&[&args[0], &args[1]], None);
        assert_eq!(code, 0, "warnings only");
        check_x1(file_diags(&v, &c.arg()));
        assert!(findings(file_diags(&v, &p.arg())).is_empty());
    }
    // --previous.
    let (v, code) = check_json(&["--previous", &p.arg(), &c.arg()], None);
    assert_eq!(code, 0);
    check_x1(file_diags(&v, &c.arg()));
}

#[test]
fn cross_year_x1_is_silenced_by_a_suppression_comment_in_the_cli() {
    // The draft's `nianbao-disable total-mismatch` covers the cross-year X1 too, in a batch and
    // with --previous (the language server already applied it).
    let prev = year_draft(2023, AGENCY, 0, 2);
    let cur = year_draft(2024, AGENCY, 3, 0);
    let quiet = format!("<!-- nianbao-disable total-mismatch -->\n{cur}");
    let p = TempFile::new(".md", prev.as_bytes());
    let c = TempFile::new(".md", quiet.as_bytes());
    let (v, _) = check_json(&[&p.arg(), &c.arg()], None);
    assert!(x1_of(file_diags(&v, &c.arg())).is_empty(), "{v}");
    let (v, _) = check_json(&["--previous", &p.arg(), &c.arg()], None);
    assert!(x1_of(file_diags(&v, &c.arg())).is_empty(), "{v}");
    // Without the comment both report it; the findings come out sorted by position.
    let c = TempFile::new(".md", cur.as_bytes());
    let (v, _) = check_json(&["--previous", &p.arg(), &c.arg()], None);
    let fs = findings(file_diags(&v, &c.arg()));
    assert_eq!(x1_of(file_diags(&v, &c.arg())).len(), 2);
    let starts: Vec<(usize, usize)> = fs.iter().map(|f| f.start()).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}

#[test]
fn cross_year_x1_is_silenced_by_a_suppression_comment_in_a_folder() {
    // A folder argument pairs the years itself: the comment silences X1 there too, and without
    // it the same folder reports X1.
    let prev = year_draft(2023, AGENCY, 0, 2);
    let cur = year_draft(2024, AGENCY, 3, 0);
    for (text, expected) in [
        (format!("<!-- nianbao-disable total-mismatch -->\n{cur}"), 0),
        (cur.clone(), 2),
    ] {
        let dir = common::temp_path("-folder");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("2023.md"), &prev).unwrap();
        std::fs::write(dir.join("2024.md"), &text).unwrap();
        let (v, _) = check_json(&[dir.to_str().unwrap()], None);
        let path = dir.join("2024.md").display().to_string();
        assert_eq!(x1_of(file_diags(&v, &path)).len(), expected, "{v}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn cross_year_x1_along_three_years() {
    // 2022 carried 1 over, 2023 says 2 came in and carries 2 over, 2024 says 3 came in: both
    // later years get X1 (the middle one is compared with both neighbours in one run).
    let y22 = year_draft(2022, AGENCY, 0, 1);
    let y23 = year_draft(2023, AGENCY, 2, 2);
    let y24 = year_draft(2024, AGENCY, 3, 0);
    let files: Vec<TempFile> = [&y22, &y23, &y24]
        .iter()
        .map(|t| TempFile::new(".md", t.as_bytes()))
        .collect();
    let args: Vec<String> = files.iter().map(|f| f.arg()).collect();
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
        let run: Vec<&str> = order.iter().map(|&k| args[k].as_str()).collect();
        let (v, _) = check_json(&run, None);
        assert!(x1_of(file_diags(&v, &args[0])).is_empty());
        for (k, (expected, actual)) in [(1, (1, 2)), (2, (2, 3))] {
            let x1 = x1_of(file_diags(&v, &args[k]));
            assert!(!x1.is_empty(), "order {order:?}, file {k}");
            for f in &x1 {
                assert_eq!(f.data["expected"], expected);
                assert_eq!(f.data["actual"], actual);
            }
        }
    }
}

#[test]
fn cross_year_x1_near_misses() {
    let prev = year_draft(2023, AGENCY, 0, 2);
    let p = TempFile::new(".md", prev.as_bytes());
    // The years agree.
    let cur = year_draft(2024, AGENCY, 2, 0);
    let c = TempFile::new(".md", cur.as_bytes());
    let (v, _) = check_json(&[&p.arg(), &c.arg()], None);
    assert!(findings(file_diags(&v, &c.arg())).is_empty(), "{v}");
    let (v, _) = check_json(&["--previous", &p.arg(), &c.arg()], None);
    assert!(findings(file_diags(&v, &c.arg())).is_empty(), "{v}");
    // Another agency's 2024 report is not paired with this 2023 one.
    let other = year_draft(2024, "某市财政局", 3, 0);
    let o = TempFile::new(".md", other.as_bytes());
    let (v, _) = check_json(&[&p.arg(), &o.arg()], None);
    assert!(findings(file_diags(&v, &o.arg())).is_empty(), "{v}");
    // Not consecutive years: 2022 and 2024.
    let old = year_draft(2022, AGENCY, 0, 2);
    let q = TempFile::new(".md", old.as_bytes());
    let cur = year_draft(2024, AGENCY, 3, 0);
    let c = TempFile::new(".md", cur.as_bytes());
    let (v, _) = check_json(&[&q.arg(), &c.arg()], None);
    assert!(findings(file_diags(&v, &c.arg())).is_empty(), "{v}");
}
