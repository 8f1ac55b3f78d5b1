//! The cross-year checks through the front ends. X1 of total-mismatch (this year's 上年结转 equals
//! last year's 结转下年度继续办理) through the binary: two files in one run, `--previous`, three
//! years, a suppression comment (files, folder, `--previous`), and the near misses (the years
//! agree, another agency, years not consecutive). Text copied from last year (`copied-text`) and
//! P5 (`repealed-exceeds-valid`) on an edited seed through `--previous`, a folder, a run of two
//! files and the language server (a file beside the open document).

mod common;

use common::drafts::*;
use common::lsp::Client;
use common::{S003, TempFile, check_json, findings, seed_text};
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

// ----------------------------------------------------------------------------- copied-text, P5

/// A finding as (rule, start, end), positions as (line, UTF-16 column).
type Span = (String, (usize, usize), (usize, usize));

/// 和田 2021 (seed 003) and the same report for 2022 with only the years moved on — but for the
/// 规范性文件 row of table 1, where 6 are repealed of the 4 in force and 1 made (P5) — and the
/// line and start column of each expected finding: copied-text on part 一 (from its first
/// paragraph to its last) and part 五, P5 on the 6.
fn hetian_2022() -> (String, String, Vec<Span>) {
    let prev = seed_text(S003);
    let cur = edit(&prev, "2022年1月25日", "2023年1月20日").replace("2021", "2022");
    let cur = edit(
        &cur,
        "\t规范性文件\n\t0\n\t0\n\t4\n",
        "\t规范性文件\n\t1\n\t6\n\t0\n",
    );
    let at = |needle: &str| common::pos(&cur, unique(&cur, needle).start);
    let end_of_line = |needle: &str| {
        let a = unique(&cur, needle).start;
        common::pos(&cur, a + cur[a..].find('\n').unwrap())
    };
    let six = unique(&cur, "\t规范性文件\n\t1\n\t6\n").end - 2;
    let expected = vec![
        (
            "copied-text".to_string(),
            at("2022年，在地委、行署的坚强领导下"),
            end_of_line("（三）围绕行业特色，坚持信息公开。"),
        ),
        (
            "repealed-exceeds-valid".to_string(),
            common::pos(&cur, six),
            common::pos(&cur, six + 1),
        ),
        (
            "copied-text".to_string(),
            at("存在问题：一是信息公开面还需进一步扩大。"),
            end_of_line("改进措施：一是进一步加大推进政府信息公开力度"),
        ),
    ];
    (prev, cur, expected)
}

/// The copied-text and repealed-exceeds-valid findings as (rule, start, end).
fn text_findings(fs: &[common::Finding]) -> Vec<Span> {
    fs.iter()
        .filter(|f| f.code == "copied-text" || f.code == "repealed-exceeds-valid")
        .map(|f| (f.code.clone(), f.start(), f.end()))
        .collect()
}

#[test]
fn copied_text_and_p5_with_previous_and_in_a_run_of_two_files() {
    let (prev, cur, expected) = hetian_2022();
    let p = TempFile::new(".txt", prev.as_bytes());
    let c = TempFile::new(".txt", cur.as_bytes());
    // Alone: neither.
    let (v, _) = check_json(&[&c.arg()], None);
    assert!(text_findings(&findings(file_diags(&v, &c.arg()))).is_empty());
    let runs: [Vec<String>; 3] = [
        vec!["--previous".into(), p.arg(), c.arg()],
        vec![p.arg(), c.arg()],
        vec![c.arg(), p.arg()],
    ];
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (v, _) = check_json(&args, None);
        let fs = findings(file_diags(&v, &c.arg()));
        assert_eq!(
            text_findings(&fs),
            expected,
            "{args:?}\n{}",
            common::show(&fs)
        );
        let copied: Vec<&common::Finding> = fs.iter().filter(|f| f.code == "copied-text").collect();
        assert!(copied.iter().all(|f| f.severity == 2));
        assert!(copied[0].message.contains("第一部分「总体情况」"));
        assert_eq!(copied[0].data["paragraphs"], 4);
        assert_eq!(copied[0].data["similarity"], 100);
        let p5 = fs
            .iter()
            .find(|f| f.code == "repealed-exceeds-valid")
            .unwrap();
        assert_eq!(p5.severity, 4, "a hint");
        assert_eq!(p5.data["relation"], "P5");
        // Last year's report gets nothing from this year's.
        if !args.contains(&"--previous") {
            let fs = findings(file_diags(&v, &p.arg()));
            assert!(text_findings(&fs).is_empty(), "{}", common::show(&fs));
        }
    }
    // A suppression comment silences copied-text like any rule.
    let quiet = format!("<!-- nianbao-disable copied-text -->\n{cur}");
    let q = TempFile::new(".txt", quiet.as_bytes());
    let (v, _) = check_json(&["--previous", &p.arg(), &q.arg()], None);
    let fs = findings(file_diags(&v, &q.arg()));
    assert!(
        !fs.iter().any(|f| f.code == "copied-text"),
        "{}",
        common::show(&fs)
    );
    assert!(fs.iter().any(|f| f.code == "repealed-exceeds-valid"));
}

#[test]
fn copied_text_and_p5_from_a_sibling_file_in_a_folder() {
    let (prev, cur, expected) = hetian_2022();
    let dir = common::temp_path("-copied");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("和田2021.txt"), &prev).unwrap();
    std::fs::write(dir.join("和田2022.txt"), &cur).unwrap();
    let (v, _) = check_json(&[dir.to_str().unwrap()], None);
    let path = dir.join("和田2022.txt").display().to_string();
    let fs = findings(file_diags(&v, &path));
    assert_eq!(text_findings(&fs), expected, "{}", common::show(&fs));
    // Near miss: another agency's 2021 report beside it is not last year's.
    std::fs::write(
        dir.join("和田2021.txt"),
        prev.replace("和田地区卫健委2021年度", "喀什地区卫健委2021年度"),
    )
    .unwrap();
    let (v, _) = check_json(&[dir.to_str().unwrap()], None);
    let fs = findings(file_diags(&v, &path));
    assert!(text_findings(&fs).is_empty(), "{}", common::show(&fs));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn copied_text_and_p5_in_the_language_server() {
    let (prev, cur, expected) = hetian_2022();
    let dir = std::env::temp_dir().join(format!("nianbao-lsp-copied-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("2021.txt"), &prev).unwrap();
    let own = dir.join("2022.txt");
    std::fs::write(&own, &cur).unwrap();
    let uri = format!("file://{}", own.display());

    let mut c = Client::spawn(&[], std::time::Duration::from_secs(30));
    c.language_id = "plaintext";
    c.request(
        "initialize",
        serde_json::json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    c.notify("initialized", serde_json::json!({}));
    c.open(&uri, &cur, 1);
    let diags = c.diagnostics(&uri, 1);
    // The JSON of the command line and the server share their diagnostic shape.
    let fs = findings(&serde_json::json!({ "diagnostics": diags }));
    assert_eq!(text_findings(&fs), expected, "{}", common::show(&fs));
    // Part 五's problems rewritten in the editor: its finding shrinks to the measures paragraph
    // that is still last year's.
    let problems = unique(&cur, "存在问题：一是信息公开面还需进一步扩大。").start;
    let end = problems + cur[problems..].find('\n').unwrap();
    let rewritten = format!(
        "{}存在问题：一是双语政策解读材料偏少，基层群众看得懂的图解和音视频还不多；二是答复文书格式不统一，个别文书未告知救济途径。{}",
        &cur[..problems],
        &cur[end..]
    );
    c.notify(
        "textDocument/didChange",
        serde_json::json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": rewritten}]}),
    );
    let fs = findings(&serde_json::json!({ "diagnostics": c.diagnostics(&uri, 2) }));
    let got = text_findings(&fs);
    assert_eq!(got.len(), 3, "{}", common::show(&fs));
    let (line, _) = expected[2].1;
    assert_eq!(got[2].1, (line + 1, 0), "{}", common::show(&fs));
    assert_eq!(got[2].2, expected[2].2);
    // Last year's report open in the editor, with its first paragraph of part 一 rewritten: the
    // open version is compared, and this year's part 一 is copied from its second paragraph on.
    let first = unique(&prev, "2021年，在地委、行署的坚强领导下").start;
    let end = first + prev[first..].find('\n').unwrap();
    let last_open = format!(
        "{}2021年，地区卫健委在疫情防控和健康扶贫两线作战中推进政务公开，新开设双语公开专栏，全年发布政策解读材料四十余篇。{}",
        &prev[..first],
        &prev[end..]
    );
    c.open(
        &format!("file://{}", dir.join("2021.txt").display()),
        &last_open,
        1,
    );
    c.notify(
        "textDocument/didChange",
        serde_json::json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": rewritten}]}),
    );
    let fs = findings(&serde_json::json!({ "diagnostics": c.diagnostics(&uri, 3) }));
    let part1: Vec<&common::Finding> = fs
        .iter()
        .filter(|f| f.code == "copied-text" && f.data["part"] == 1)
        .collect();
    assert_eq!(part1.len(), 1, "{}", common::show(&fs));
    assert_eq!(part1[0].data["paragraphs"], 3);
    assert_eq!(part1[0].line, expected[0].1.0 + 1);
    drop(c);
    std::fs::remove_dir_all(&dir).unwrap();
}
