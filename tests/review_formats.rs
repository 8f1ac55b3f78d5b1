//! The machine formats of `nianbao check` (SARIF, GitHub annotations, JUnit) against the JSON
//! output of the same files, `-o FILE`, and `nianbao tables` over a folder.

mod common;

use common::{S000, S001, S002, S003, S004, TempDir, code, fixture, run, stderr, stdout};
use nianbao::check::catalog::RULES;
use quick_xml::events::Event;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

const SEEDS: [&str; 5] = [S000, S001, S002, S003, S004];

/// A temp folder holding the five seeds.
fn seeds_dir() -> TempDir {
    let d = TempDir::new();
    for s in SEEDS {
        std::fs::copy(fixture(s), d.0.join(s)).expect("copy seed");
    }
    d
}

fn arg(p: &Path) -> String {
    p.display().to_string()
}

/// `nianbao check --format FORMAT ARGS…` → (stdout, exit code); no panic, no internal error.
fn check_as(format: &str, args: &[&str]) -> (String, i32) {
    let mut a = vec!["check", "--format", format];
    a.extend_from_slice(args);
    let o = run(&a, None);
    let c = code(&o);
    assert_ne!(c, 101, "panicked: {}", stderr(&o));
    assert!(!stderr(&o).contains("内部错误"), "{}", stderr(&o));
    (stdout(&o), c)
}

fn json_files(args: &[&str]) -> (Vec<Value>, i32) {
    let (out, c) = check_as("json", args);
    let v: Value = serde_json::from_str(&out).expect("json output");
    (v["files"].as_array().expect("files").clone(), c)
}

fn sarif(args: &[&str]) -> (Value, i32) {
    let (out, c) = check_as("sarif", args);
    (serde_json::from_str(&out).expect("SARIF is JSON"), c)
}

fn level_of(lsp_severity: &Value) -> &'static str {
    match lsp_severity.as_u64() {
        Some(1) => "error",
        Some(2) => "warning",
        _ => "note",
    }
}

/// The percent-encoding the SARIF writer uses for a path (as a URI reference).
fn uri_of(path: &str) -> String {
    nianbao::review::sarif::uri_reference(path)
}

#[test]
fn sarif_of_the_seeds_matches_the_json_output() {
    let d = seeds_dir();
    let dir = arg(&d.0);
    let (v, c) = sarif(&[&dir]);
    let (files, jc) = json_files(&[&dir]);
    assert_eq!(c, jc, "same exit code as the JSON output");
    assert_eq!(c, 1, "seed 004 has errors");
    assert_eq!(v["version"], "2.1.0");
    assert!(
        v["$schema"]
            .as_str()
            .is_some_and(|s| s.ends_with("sarif-schema-2.1.0.json"))
    );
    let runs = v["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run0 = &runs[0];
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "nianbao");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), RULES.len());
    for (r, info) in rules.iter().zip(RULES) {
        assert_eq!(r["id"], info.id);
        assert_eq!(r["shortDescription"]["text"], info.title);
        assert_eq!(r["fullDescription"]["text"], info.checks);
        let help = r["help"]["text"].as_str().expect("help");
        assert!(
            help.starts_with(info.id)
                && help.contains(info.basis.lines().next().unwrap_or_default().trim()),
            "{help}"
        );
        assert!(
            ["error", "warning", "note"].contains(
                &r["defaultConfiguration"]["level"]
                    .as_str()
                    .unwrap_or_default()
            )
        );
    }
    assert_eq!(run0["invocations"][0]["executionSuccessful"], true);

    // Every JSON diagnostic is a result, in order, at the same place.
    let results = run0["results"].as_array().expect("results");
    let diags: Vec<(&Value, &Value)> = files
        .iter()
        .flat_map(|f| {
            f["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .map(move |d| (&f["path"], d))
        })
        .collect();
    assert_eq!(results.len(), diags.len());
    assert!(results.len() > 10, "the seeds have findings");
    for (r, (path, d)) in results.iter().zip(&diags) {
        assert_eq!(r["ruleId"], d["code"]);
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert_eq!(r["level"], level_of(&d["severity"]));
        assert_eq!(r["message"]["text"], d["message"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"].as_str(),
            Some(uri_of(path.as_str().unwrap()).as_str())
        );
        let region = &loc["region"];
        let start = &d["range"]["start"];
        let end = &d["range"]["end"];
        let n = |v: &Value| v.as_u64().expect("number");
        assert_eq!(n(&region["startLine"]), n(&start["line"]) + 1);
        assert_eq!(n(&region["startColumn"]), n(&start["character"]) + 1);
        assert_eq!(n(&region["endLine"]), n(&end["line"]) + 1);
        assert_eq!(n(&region["endColumn"]), n(&end["character"]) + 1);
        let related = d["relatedInformation"].as_array().map_or(0, Vec::len);
        assert_eq!(
            r["relatedLocations"].as_array().map_or(0, Vec::len),
            related,
            "{r}"
        );
        if related > 0 {
            let rel = &d["relatedInformation"][0]["location"]["range"]["start"];
            let reg = &r["relatedLocations"][0]["physicalLocation"]["region"];
            assert_eq!(n(&reg["startLine"]), n(&rel["line"]) + 1);
            assert_eq!(n(&reg["startColumn"]), n(&rel["character"]) + 1);
        }
        let fp = r["partialFingerprints"]["nianbaoAnchor/v1"]
            .as_str()
            .expect("fingerprint");
        assert!(
            fp.len() == 16 && fp.chars().all(|c| c.is_ascii_hexdigit()),
            "{fp}"
        );
    }
    // Seed 004's two broken totals are errors with a fix that sets the total.
    let broken: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "total-mismatch")
        .collect();
    assert_eq!(broken.len(), 2, "{broken:?}");
    for r in broken {
        assert_eq!(r["level"], "error");
        let rep = &r["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert!(rep["deletedRegion"]["charOffset"].as_u64().is_some(), "{r}");
        assert!(rep["insertedContent"]["text"].as_str().is_some(), "{r}");
    }
}

#[test]
fn distinct_findings_have_distinct_fingerprints() {
    let d = seeds_dir();
    let (v, _) = sarif(&[&arg(&d.0)]);
    let mut per_file: HashMap<String, HashSet<String>> = HashMap::new();
    let mut n = 0;
    for r in v["runs"][0]["results"].as_array().expect("results") {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri")
            .to_string();
        let fp = r["partialFingerprints"]["nianbaoAnchor/v1"]
            .as_str()
            .expect("fp")
            .to_string();
        assert!(
            per_file.entry(uri.clone()).or_default().insert(fp.clone()),
            "two findings of {uri} share fingerprint {fp}"
        );
        n += 1;
    }
    assert!(n > 10);
}

/// (fingerprint, rule, startLine) of each result of one file's SARIF.
fn fingerprints(path: &Path) -> Vec<(String, String, u64)> {
    let (v, _) = sarif(&[&arg(path)]);
    v["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["partialFingerprints"]["nianbaoAnchor/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                r["ruleId"].as_str().unwrap().to_string(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_stay_when_a_line_is_inserted_above() {
    for seed in [S004, S002, S001] {
        let d = TempDir::new();
        let p = d.0.join("report.txt");
        let text = std::fs::read_to_string(fixture(seed)).expect("seed");
        std::fs::write(&p, &text).expect("write");
        let before = fingerprints(&p);
        assert!(!before.is_empty(), "{seed} has findings");
        // A line inserted above the first finding below the title: a blank line after the
        // first line, then a paragraph of prose without numbers.
        let first = text.find('\n').expect("a line") + 1;
        let edited = format!(
            "{}\n本单位高度重视此项工作。\n\n{}",
            &text[..first],
            &text[first..]
        );
        std::fs::write(&p, &edited).expect("write");
        let after = fingerprints(&p);
        let moved: HashMap<&str, u64> = after.iter().map(|(f, _, l)| (f.as_str(), *l)).collect();
        let mut checked = 0;
        for (fp, rule, line) in &before {
            let Some(new_line) = moved.get(fp.as_str()) else {
                panic!("{seed}: {rule} at line {line} lost its fingerprint {fp}: {after:?}");
            };
            if *line > 1 {
                assert_eq!(
                    *new_line,
                    line + 3,
                    "{seed}: {rule} {fp} moved by three lines"
                );
                checked += 1;
            }
        }
        assert!(checked > 0, "{seed}: a finding below the insertion");
    }
}

/// GitHub's unescaping (the inverse of escapeData / escapeProperty).
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// One parsed `::command k=v,…::message` line.
struct Annotation {
    command: String,
    props: HashMap<String, String>,
    message: String,
}

fn parse_annotation(line: &str) -> Annotation {
    let rest = line
        .strip_prefix("::")
        .unwrap_or_else(|| panic!("not a command: {line}"));
    let (head, message) = rest
        .split_once("::")
        .unwrap_or_else(|| panic!("no message: {line}"));
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p
                .split_once('=')
                .unwrap_or_else(|| panic!("bad property {p}: {line}"));
            (k.to_string(), unescape(v))
        })
        .collect();
    Annotation {
        command: command.to_string(),
        props,
        message: unescape(message),
    }
}

#[test]
fn github_annotations_parse_back_to_the_json_positions() {
    let d = seeds_dir();
    // A file name with the characters GitHub escapes in properties.
    std::fs::rename(d.0.join(S004), d.0.join("济南,2020:年报%.txt")).expect("rename");
    let dir = arg(&d.0);
    let (out, c) = check_as("github", &[&dir]);
    let (files, jc) = json_files(&[&dir]);
    assert_eq!(c, jc);
    let lines: Vec<&str> = out.lines().collect();
    let diags: Vec<(&Value, &Value)> = files
        .iter()
        .flat_map(|f| {
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |d| (&f["path"], d))
        })
        .collect();
    assert_eq!(lines.len(), diags.len(), "{out}");
    let mut saw_comma = false;
    for (line, (path, d)) in lines.iter().zip(&diags) {
        let a = parse_annotation(line);
        let expected = match d["severity"].as_u64() {
            Some(1) => "error",
            Some(2) => "warning",
            _ => "notice",
        };
        assert_eq!(a.command, expected, "{line}");
        assert_eq!(Some(a.props["file"].as_str()), path.as_str(), "{line}");
        saw_comma |= a.props["file"].contains("济南,2020:年报%");
        let n = |k: &str| {
            a.props[k]
                .parse::<u64>()
                .unwrap_or_else(|_| panic!("{k}: {line}"))
        };
        let p = |v: &Value| v.as_u64().unwrap() + 1;
        assert_eq!(n("line"), p(&d["range"]["start"]["line"]), "{line}");
        assert_eq!(n("col"), p(&d["range"]["start"]["character"]), "{line}");
        assert_eq!(n("endLine"), p(&d["range"]["end"]["line"]), "{line}");
        assert_eq!(n("endColumn"), p(&d["range"]["end"]["character"]), "{line}");
        assert!(
            a.props["title"].starts_with(d["code"].as_str().unwrap()),
            "{line}"
        );
        assert_eq!(Some(a.message.as_str()), d["message"].as_str());
    }
    assert!(saw_comma, "the escaped file name parsed back");
}

/// The `<testcase>` elements of a JUnit report: (name, failure text, has error, system-out).
fn testcases(xml: &str) -> Vec<(String, Option<String>, bool, Option<String>)> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out: Vec<(String, Option<String>, bool, Option<String>)> = Vec::new();
    let mut inside: Option<&'static str> = None;
    let mut depth = 0i32;
    let mut buf = String::new();
    loop {
        let ev = r
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"));
        let is_start = matches!(ev, Event::Start(_));
        match ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "testcase" => {
                let name = e
                    .try_get_attribute("name")
                    .expect("attr")
                    .expect("name")
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .expect("value")
                    .into_owned();
                out.push((name, None, false, None));
                if is_start {
                    depth += 1;
                }
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "error" => {
                out.last_mut().expect("testcase").2 = true;
                let _ = e;
            }
            Event::Start(e) if e.local_name().as_ref() == "failure" => {
                inside = Some("failure");
                buf.clear();
                let _ = e;
            }
            Event::Start(e) if e.local_name().as_ref() == "system-out" => {
                inside = Some("out");
                buf.clear();
                let _ = e;
            }
            Event::Text(t) if inside.is_some() => {
                buf.push_str(&t.xml10_content());
            }
            Event::GeneralRef(g) if inside.is_some() => {
                let c = match g.resolve_char_ref().expect("char ref") {
                    Some(c) => c,
                    None => match &*g {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unexpected entity {other}"),
                    },
                };
                buf.push(c);
            }
            Event::End(e) if e.local_name().as_ref() == "failure" => {
                out.last_mut().expect("testcase").1 = Some(buf.clone());
                inside = None;
            }
            Event::End(e) if e.local_name().as_ref() == "system-out" => {
                out.last_mut().expect("testcase").3 = Some(buf.clone());
                inside = None;
            }
            Event::End(e) if e.local_name().as_ref() == "testcase" => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    out
}

#[test]
fn junit_has_a_testcase_per_file_failing_exactly_with_errors() {
    let d = seeds_dir();
    let bad = fixture("inputs/bad/corrupt.docx");
    std::fs::copy(&bad, d.0.join("坏<文件>&.docx")).expect("copy");
    let dir = arg(&d.0);
    let (xml, c) = check_as("junit", &[&dir]);
    assert_eq!(c, 2, "an unreadable file: exit 2");
    let cases = testcases(&xml);
    assert_eq!(cases.len(), 6, "{xml}");
    let unreadable: Vec<&String> = cases.iter().filter(|c| c.2).map(|c| &c.0).collect();
    assert_eq!(unreadable.len(), 1);
    assert!(unreadable[0].ends_with("坏<文件>&.docx"), "{unreadable:?}");
    let (files, _) = json_files(&[&dir]);
    assert_eq!(files.len(), 5);
    for f in &files {
        let path = f["path"].as_str().unwrap();
        let case = cases
            .iter()
            .find(|c| c.0 == path)
            .unwrap_or_else(|| panic!("{path}"));
        let diags = f["diagnostics"].as_array().unwrap();
        let errors: Vec<&Value> = diags.iter().filter(|d| d["severity"] == 1).collect();
        match &case.1 {
            None => assert!(errors.is_empty(), "{path} has errors but no failure"),
            Some(text) => {
                assert!(!errors.is_empty(), "{path} fails without errors");
                let lines: Vec<&str> = text.lines().collect();
                assert_eq!(lines.len(), errors.len(), "{text}");
                for (l, e) in lines.iter().zip(&errors) {
                    let start = &e["range"]["start"];
                    let at = format!(
                        "{}:{} {} ",
                        start["line"].as_u64().unwrap() + 1,
                        start["character"].as_u64().unwrap() + 1,
                        e["code"].as_str().unwrap()
                    );
                    assert!(l.starts_with(&at), "{l} vs {at}");
                }
            }
        }
        let others = diags.len() - errors.len();
        assert_eq!(
            case.3.as_ref().map_or(0, |s| s.lines().count()),
            others,
            "{path}: warnings and hints in system-out"
        );
    }
    assert!(cases.iter().any(|c| c.1.is_some()), "seed 004 fails: {xml}");
}

#[test]
fn unreadable_files_in_sarif_and_github_and_output_file() {
    let d = seeds_dir();
    std::fs::copy(fixture("inputs/bad/corrupt.docx"), d.0.join("bad.docx")).expect("copy");
    let dir = arg(&d.0);
    let (v, c) = sarif(&[&dir]);
    assert_eq!(c, 2);
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "error");
    let uri = notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.ends_with("/bad.docx"), "{uri}");
    let (gh, c) = check_as("github", &[&dir]);
    assert_eq!(c, 2);
    let last = parse_annotation(gh.lines().last().expect("a line"));
    assert_eq!(last.command, "error");
    assert!(last.props["file"].ends_with("/bad.docx"));
    assert!(!last.props.contains_key("line"));

    // -o: the same bytes in a file, nothing on stdout; the output is not checked on the next
    // run even in the folder checked.
    let o = d.0.join("out.sarif");
    let out_arg = arg(&o);
    for format in ["sarif", "github", "junit", "html", "json", "human"] {
        let (stdout_text, c1) = check_as(format, &[&dir]);
        let (nothing, c2) = check_as(format, &["-o", &out_arg, &dir]);
        assert_eq!((c1, c2), (2, 2), "{format}");
        assert_eq!(nothing, "", "{format}");
        let written = std::fs::read_to_string(&o).expect("output file");
        assert_eq!(written, stdout_text, "{format}");
    }
    // Written into the folder checked, the output of the last run is not read as a report
    // (a review page is an .html file).
    let html_out = d.0.join("审核报告.html");
    let page_arg = arg(&html_out);
    let (_, c) = check_as("html", &["-o", &page_arg, &dir]);
    assert_eq!(c, 2);
    let page = std::fs::read_to_string(&html_out).expect("html");
    assert!(
        page.to_ascii_lowercase().starts_with("<!doctype html"),
        "{page}"
    );
    let mut runs = Vec::new();
    for _ in 0..2 {
        let (_, c) = check_as("github", &["-o", &page_arg, &dir]);
        assert_eq!(c, 2);
        let gh = std::fs::read_to_string(&html_out).expect("output");
        assert!(!gh.contains("审核报告"), "{gh}");
        assert!(gh.lines().count() > 10);
        runs.push(gh);
    }
    assert_eq!(runs[0], runs[1]);
    // An explicit input as the output is refused before anything is written.
    let seed = d.0.join(S000);
    let before = std::fs::read(&seed).expect("seed");
    let o = run(
        &["check", "--format", "sarif", "-o", &arg(&seed), &arg(&seed)],
        None,
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("输出文件"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&seed).expect("seed"),
        before,
        "the input is untouched"
    );
    let other = arg(&d.0.join(S004));
    let o = run(
        &[
            "check",
            "--previous",
            &arg(&seed),
            "-o",
            &arg(&seed),
            &other,
        ],
        None,
    );
    assert_eq!(code(&o), 2);
    assert_eq!(
        std::fs::read(&seed).expect("seed"),
        before,
        "--previous is untouched"
    );
}

/// Whether `row` of table `table` is a group row in some format.
fn is_group(table: &str, row: &str) -> bool {
    nianbao::format::all().iter().any(|f| {
        f.tables.iter().filter(|t| t.id == table).any(|t| {
            t.all_rows()
                .any(|r| r.id == row && r.kind == nianbao::format::RowKind::Group)
        })
    })
}

/// A minimal CSV reader (quoted fields with doubled quotes, no line breaks inside fields).
fn csv_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[test]
fn tables_of_a_folder_as_csv_and_json() {
    let d = seeds_dir();
    let dir = arg(&d.0);
    let o = run(&["tables", "--format", "csv", &dir], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "a header and 5 data rows");
    let head = csv_line(lines[0]);
    assert_eq!(&head[..4], ["path", "agency", "year", "format"]);
    assert_eq!(&head[head.len() - 2..], ["guessed", "unreadable"]);
    let col: HashMap<&str, usize> = head
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    assert_eq!(col.len(), head.len(), "unique columns");
    let mut compared = 0;
    for line in &lines[1..] {
        let row = csv_line(line);
        assert_eq!(row.len(), head.len(), "{line}");
        let path = &row[0];
        // The single file's JSON (today's output) for the same file.
        let o = run(&["tables", "--format", "json", path], None);
        assert_eq!(code(&o), 0);
        let v: Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(row[2], v["year"].to_string());
        let formats: HashSet<&str> = v["tables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["format"].as_str().unwrap())
            .collect();
        // The draft's format (seed 002 mixes an old table 1 with new tables 2 and 3).
        assert!(
            formats.contains(row[3].as_str()),
            "{path}: {} of {formats:?}",
            row[3]
        );
        for t in v["tables"].as_array().unwrap() {
            for r in t["rows"].as_array().unwrap() {
                let uncertain: Vec<&str> = r["uncertain"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap())
                    .collect();
                for (c, cell) in r["cells"].as_object().unwrap() {
                    let id = format!(
                        "{}.{}.{c}",
                        t["id"].as_str().unwrap(),
                        r["row"].as_str().unwrap()
                    );
                    let Some(&i) = col.get(id.as_str()) else {
                        // Group rows (a heading over other rows) are not cells of the form.
                        assert!(
                            is_group(t["id"].as_str().unwrap(), r["row"].as_str().unwrap()),
                            "no column {id}"
                        );
                        continue;
                    };
                    let expected = match cell {
                        Value::Number(n) => n.to_string(),
                        Value::Object(m) if m.contains_key("dash") => "0".into(),
                        _ => String::new(),
                    };
                    if r.get("standIn").is_none() {
                        assert_eq!(row[i], expected, "{path} {id}");
                        compared += 1;
                    }
                    if uncertain.contains(&c.as_str()) {
                        assert!(
                            row[col["guessed"]].split(' ').any(|g| g == id),
                            "{id} guessed"
                        );
                    }
                }
            }
        }
    }
    assert!(compared > 300, "{compared} cells compared");

    // JSON: {"reports": [...]}, each today's single-file object plus agency and format.
    let o = run(&["tables", "--format", "json", &dir], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    let reports = v["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 5);
    for r in reports {
        let path = r["path"].as_str().unwrap();
        let o = run(&["tables", "--format", "json", path], None);
        let single: Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(r["tables"], single["tables"], "{path}");
        assert_eq!(r["year"], single["year"]);
        assert!(r["agency"].is_string(), "{r}");
        assert!(
            r["format"] == "2019" || r["format"] == "2021",
            "{}",
            r["format"]
        );
    }
    // Two files (not a folder) are a batch too; a missing one is exit 2.
    let a = arg(&d.0.join(S000));
    let b = arg(&d.0.join(S004));
    let o = run(&["tables", "--format", "csv", &a, &b], None);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o).lines().count(), 3);
    let o = run(&["tables", "--format", "csv", &a, "/no/such/file.md"], None);
    assert_eq!(code(&o), 2);
}

#[test]
fn converted_files_name_the_place_in_the_file_not_a_line() {
    let docx = arg(&fixture("inputs/004_58318878f8bfac1e.docx"));
    let pdf = arg(&fixture("inputs/004_58318878f8bfac1e.pdf"));
    let (v, c) = sarif(&[&docx, &pdf]);
    assert_eq!(c, 1, "the broken totals are errors");
    let results = v["runs"][0]["results"].as_array().expect("results");
    assert!(results.len() >= 4, "{v}");
    for r in results {
        let loc = &r["locations"][0];
        assert!(loc["physicalLocation"].get("region").is_none(), "{r}");
        assert!(
            r.get("fixes").is_none(),
            "fixes edit the converted text only: {r}"
        );
        let at = loc["message"]["text"].as_str().expect("the place");
        assert!(at.starts_with('第'), "{at}");
    }
    let uris: HashSet<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris.len(), 2, "{uris:?}");
    assert!(uris.iter().any(|u| u.ends_with(".docx")) && uris.iter().any(|u| u.ends_with(".pdf")));
    // The docx's broken total names its table cell.
    assert!(results.iter().any(|r| {
        r["ruleId"] == "total-mismatch"
            && r["locations"][0]["message"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("个表格") && t.contains("行") && t.contains("列"))
    }));

    let (gh, _) = check_as("github", &[&docx]);
    for line in gh.lines() {
        let a = parse_annotation(line);
        assert!(!a.props.contains_key("line"), "{line}");
        assert_eq!(Some(a.props["file"].as_str()), Some(docx.as_str()));
        assert!(a.message.starts_with('第'), "{line}");
    }
    assert!(gh.lines().count() >= 2);
}
