//! End-to-end tests of `nianbao lsp` over stdio with a small JSON-RPC client.
//!
//! Documents live under a folder that does not exist (`file:///nianbao-test-no-such-folder/`): the
//! server looks beside a document for last year's report, and a real folder such as /tmp would make
//! the tests depend on whatever lies there.

mod common;

use common::drafts::plain_draft;
use common::lsp::Client;
use common::{S004, seed_text};
use serde_json::{Value, json};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(15);

/// The client with the test panic marker armed (`NIANBAO_LSP_TEST_PANIC`, debug builds only):
/// a document containing `@@PANIC@@` makes the analysis panic.
impl Client {
    fn start() -> Client {
        let mut c = Client::spawn(&[("NIANBAO_LSP_TEST_PANIC", "@@PANIC@@")], TIMEOUT);
        c.language_id = "plaintext";
        c
    }

    /// Starts and initializes, offering `encodings` (none: the field is absent).
    fn init(encodings: &[&str], options: Value) -> (Client, Value) {
        let mut c = Client::start();
        let mut caps = json!({});
        if !encodings.is_empty() {
            caps["general"] = json!({ "positionEncodings": encodings });
        }
        let r = c.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": caps, "initializationOptions": options}),
        );
        c.notify("initialized", json!({}));
        (c, r)
    }
}

fn fnv1a(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// Byte offset of a UTF-16 (line, character) position.
fn offset16(text: &str, line: u64, ch: u64) -> usize {
    let mut start = 0;
    for _ in 0..line {
        start += text[start..].find('\n').unwrap() + 1;
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= ch || c == '\n' {
            return start + i;
        }
        units += c.len_utf16() as u64;
    }
    text.len()
}

/// Applies LSP TextEdits (UTF-16 ranges) to `text`.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let s = offset16(
                text,
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
            );
            let t = offset16(
                text,
                r["end"]["line"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            );
            (s, t, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, t, n) in spans {
        out.replace_range(s..t, &n);
    }
    out
}

fn codes(diags: &[Value], code: &str) -> Vec<Value> {
    diags
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect()
}

fn position_of(text: &str, needle: &str) -> (u64, u64) {
    let off = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    let line = text[..off].matches('\n').count();
    let ls = text[..off].rfind('\n').map_or(0, |i| i + 1);
    (line as u64, text[ls..off].encode_utf16().count() as u64)
}

#[test]
fn lsp_position_encodings() {
    let text = seed_text(S004);
    let uri = "file:///nianbao-test-no-such-folder/004.txt";
    let mut prefix = None;
    for enc in ["utf-16", "utf-8", "utf-32"] {
        let (mut c, init) = Client::init(&[enc], Value::Null);
        assert_eq!(init["capabilities"]["positionEncoding"], enc);
        c.open(uri, &text, 1);
        let diags = c.diagnostics(uri, 1);
        let n = codes(&diags, "narrative-mismatch");
        assert_eq!(n.len(), 1, "{diags:?}");
        let start = &n[0]["range"]["start"];
        assert_eq!(start["line"], 19);
        let col = start["character"].as_u64().unwrap();
        let line = text.lines().nth(19).unwrap();
        match enc {
            "utf-16" => {
                let off = offset16(&text, 19, col) - offset16(&text, 19, 0);
                assert!(!line[..off].is_ascii(), "the line has CJK before the range");
                prefix = Some(line[..off].to_string());
            }
            "utf-8" => assert_eq!(col as usize, prefix.as_ref().unwrap().len()),
            _ => assert_eq!(col as usize, prefix.as_ref().unwrap().chars().count()),
        }
    }
    // Nothing offered: utf-16; all offered: utf-8.
    let (_c, init) = Client::init(&[], Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let (_c, init) = Client::init(&["utf-16", "utf-32", "utf-8"], Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
}

#[test]
fn lsp_total_mismatch_and_incremental_fix() {
    let text = seed_text(S004);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[408].trim(), "4");
    assert_eq!(lines[413].trim(), "5");
    let uri = "file:///nianbao-test-no-such-folder/004_58318878f8bfac1e.txt";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 7);
    let diags = c.diagnostics(uri, 7);
    let totals = codes(&diags, "total-mismatch");
    assert_eq!(totals.len(), 2, "{totals:?}");
    for (d, line) in totals.iter().zip([408, 413]) {
        assert_eq!(d["severity"], 1);
        assert_eq!(d["source"], "nianbao");
        assert_eq!(
            d["range"],
            json!({"start": {"line": line, "character": 1}, "end": {"line": line, "character": 2}})
        );
        assert!(d["relatedInformation"][0]["location"]["uri"] == uri);
    }

    // Hover on the wrong total: the relation with its numbers and ✗.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 408, "character": 1}}),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains('✗') && md.contains("0 + 1 + 3 + 1 = 5"), "{md}");

    // 4 → 5 in the first total.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 8}, "contentChanges": [
            {"range": {"start": {"line": 408, "character": 1}, "end": {"line": 408, "character": 2}}, "text": "5"}
        ]}),
    );
    let diags = c.diagnostics(uri, 8);
    let totals = codes(&diags, "total-mismatch");
    assert_eq!(totals.len(), 1, "{totals:?}");
    assert_eq!(totals[0]["range"]["start"]["line"], 413);
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 408, "character": 1}}),
    );
    assert!(h["contents"]["value"].as_str().unwrap().contains('✓'));
}

#[test]
fn lsp_hover() {
    let text = plain_draft();
    let uri = "file:///nianbao-test-no-such-folder/draft.md";
    let (mut c, _) = Client::init(&["utf-16"], Value::Null);
    c.open(uri, &text, 1);
    c.diagnostics(uri, 1);
    let hover = |c: &mut Client, (line, ch): (u64, u64)| -> String {
        let h = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": ch + 1}}),
        );
        h["contents"]["value"].as_str().unwrap_or("").to_string()
    };
    let md = hover(&mut c, position_of(&text, "第二十条第（五）项"));
    assert!(md.contains("行政许可") && md.contains("**"), "{md}");
    let md = hover(
        &mut c,
        position_of(&text, "一、本年新收政府信息公开申请数量"),
    );
    assert!(md.contains("第二十七条"), "{md}");
    let (l, _) = position_of(&text, "| 一、本年新收政府信息公开申请数量");
    let line = text.lines().nth(l as usize).unwrap();
    let col = line.rfind("| 0 |").unwrap() + 2; // the 总计 cell
    let md = hover(&mut c, (l, line[..col].encode_utf16().count() as u64 - 1));
    assert!(md.contains('✓') && md.contains("0 + 0"), "{md}");
    let md = hover(&mut c, position_of(&text, "一、总体情况"));
    assert!(md.contains("依据"), "{md}");
}

#[test]
fn lsp_complete_missing_row() {
    let full = plain_draft();
    let row = full
        .lines()
        .find(|l| l.starts_with("| （二）部分公开"))
        .unwrap()
        .to_string();
    let text = full.replacen(&format!("{row}\n"), "", 1);
    let uri = "file:///nianbao-test-no-such-folder/incomplete.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    let diags = c.diagnostics(uri, 1);
    assert!(!diags.is_empty());
    let (line, _) = position_of(&text, "| （三）不予公开");
    let r = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 0}}),
    );
    let items = r.as_array().expect("completion items");
    let first = &items[0];
    assert!(row.contains(first["label"].as_str().unwrap()), "{first}");
    let edit = &first["textEdit"];
    assert_eq!(edit["newText"].as_str().unwrap().matches("| 0 ").count(), 7);
    let fixed = apply_edits(&text, std::slice::from_ref(edit));
    assert_eq!(fixed, full);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    assert_eq!(c.diagnostics(uri, 2), Vec::<Value>::new());

    // Clause references after 第.
    let r = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 0}}),
    );
    assert!(r.is_null() || r.as_array().is_some());
}

#[test]
fn lsp_code_action_fixes_total() {
    let full = plain_draft();
    let total_row = full
        .lines()
        .find(|l| l.starts_with("| （七）总计"))
        .unwrap();
    let broken_row = total_row.replacen("| 0 |", "| 3 |", 1);
    let text = full.replacen(total_row, &broken_row, 1);
    let uri = "file:///nianbao-test-no-such-folder/broken.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    let diags = c.diagnostics(uri, 1);
    let totals = codes(&diags, "total-mismatch");
    assert!(!totals.is_empty(), "{diags:?}");
    let target = totals
        .iter()
        .find(|d| d["data"]["fixes"].is_array())
        .expect("a fixable total");
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": target["range"], "context": {"diagnostics": [target]}}),
    );
    let actions = r.as_array().unwrap();
    assert!(
        actions
            .iter()
            .any(|a| a["title"].as_str().unwrap().starts_with("在此行禁用"))
    );
    let fix = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("将总计改为"))
        .expect("fix action");
    assert_eq!(fix["kind"], "quickfix");
    let edits = fix["edit"]["changes"][uri].as_array().unwrap();
    let fixed = apply_edits(&text, edits);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let after = c.diagnostics(uri, 2);
    assert!(codes(&after, "total-mismatch").is_empty(), "{after:?}");
}

#[test]
fn lsp_flood_of_changes() {
    let mut text = plain_draft();
    let uri = "file:///nianbao-test-no-such-folder/flood.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    let chars = ['年', '报', 'a', '𠀀', '\n', '，'];
    let lines = text.lines().count() as u64;
    for i in 0..1000u64 {
        let line = (i * 7) % lines;
        let ch = chars[(i % 6) as usize];
        let s = offset16(&text, line, 1);
        let col = text[offset16(&text, line, 0)..s].encode_utf16().count();
        text.insert(s, ch);
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [
                {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": ch.to_string()}
            ]}),
        );
    }
    // A stale version is ignored.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": "stale"}]}),
    );
    let h = c.request(
        "nianbao/documentHash",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(h["version"], 1001);
    assert_eq!(h["length"], text.len());
    assert_eq!(h["hash"], fnv1a(&text));
    assert_eq!(
        h["blocksMatchFullParse"], true,
        "incremental reparse drifted from a full parse"
    );
    c.diagnostics(uri, 1001);
}

#[test]
fn lsp_symbols_folding_command() {
    let text = plain_draft();
    let uri = "file:///nianbao-test-no-such-folder/outline.md";
    let (mut c, _) = Client::init(&[], json!({"nianbao": {"enable": "always"}}));
    c.open(uri, &text, 1);
    c.diagnostics(uri, 1);
    let s = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let s = s.as_array().unwrap();
    assert_eq!(s.len(), 7, "{s:?}");
    let with_tables = s.iter().filter(|x| x["children"].is_array()).count();
    assert_eq!(with_tables, 3);
    let f = c.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(f.as_array().unwrap().len() >= 9);
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "nianbao.newReport", "arguments": [{"year": 2024, "agency": "XX市XX局", "organ": "department"}]}),
    );
    assert_eq!(r.as_str().unwrap(), text);
}

#[test]
fn lsp_settings_disable() {
    let text = seed_text(S004);
    let uri = "file:///nianbao-test-no-such-folder/settings.txt";
    let (mut c, _) = Client::init(&[], json!({"nianbao.severity": {"total-mismatch": "off"}}));
    c.open(uri, &text, 1);
    assert!(codes(&c.diagnostics(uri, 1), "total-mismatch").is_empty());
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {"enable": "never"}}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    assert!(c.diagnostics(uri, 2).is_empty());
    // Plain prose is not a report: no diagnostics in auto mode.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {"enable": "auto"}}}),
    );
    c.open(
        "file:///nianbao-test-no-such-folder/prose.txt",
        "今天天气很好。\n",
        1,
    );
    assert!(
        c.diagnostics("file:///nianbao-test-no-such-folder/prose.txt", 1)
            .is_empty()
    );
}

#[test]
fn lsp_lifecycle() {
    // shutdown (params null) then exit → 0.
    let (mut c, _) = Client::init(&[], Value::Null);
    c.send(&json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown", "params": null}));
    let r = c.wait(|m| m["id"] == 99);
    assert!(r.get("error").is_none(), "{r}");
    c.send(&json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    assert_eq!(c.wait_exit(TIMEOUT), Some(0));

    // exit without shutdown → 1.
    let (mut c, _) = Client::init(&[], Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(TIMEOUT), Some(1));

    // End of input ends the server.
    let (mut c, _) = Client::init(&[], Value::Null);
    c.stdin = None;
    assert!(c.wait_exit(TIMEOUT).is_some());
}

#[test]
fn lsp_formatting_aligns_tables() {
    let text = plain_draft();
    let uri = "file:///nianbao-test-no-such-folder/format.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let edits = edits.as_array().unwrap();
    assert!(!edits.is_empty());
    let out = apply_edits(&text, edits);
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(strip(&out), strip(&text));
    let (l, _) = position_of(&out, "| 一、本年新收");
    let a = out.lines().nth(l as usize).unwrap();
    let b = out.lines().nth(l as usize + 1).unwrap();
    assert_eq!(
        a.find("| 0").map(|i| a[..i].chars().count()),
        b.find("| 0").map(|i| b[..i].chars().count())
    );
}

#[test]
fn lsp_panic_becomes_internal_error() {
    let uri = "file:///nianbao-test-no-such-folder/panic.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    let text = format!("{}\n@@PANIC@@\n", plain_draft());
    c.open(uri, &text, 1);
    let d = c.diagnostics(uri, 1);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["code"], "internal-error");
    // The server keeps serving: the next version is analysed normally.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": plain_draft()}]}),
    );
    assert!(c.diagnostics(uri, 2).is_empty());
    let h = c.request(
        "nianbao/documentHash",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(h["version"], 2);
}

// ----------------------------------------------------------------------------- cross-year

/// A draft of `year` for 某市某局 with the first cell of the row starting `row` set to `value`.
fn draft_with(year: u16, row: &str, value: &str) -> String {
    let text =
        nianbao::template::new_report(year, Some("某市某局"), nianbao::check::Organ::Department);
    let line = text.lines().find(|l| l.starts_with(row)).unwrap();
    let changed = line.replacen("| 0 |", &format!("| {value} |"), 1);
    text.replacen(line, &changed, 1)
}

/// A fresh empty folder under the system temp dir.
fn temp_folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn file_uri(p: &std::path::Path) -> String {
    format!("file://{}", p.display())
}

fn x1(diags: &[Value]) -> Vec<Value> {
    diags
        .iter()
        .filter(|d| d["data"]["relation"] == "X1")
        .cloned()
        .collect()
}

#[test]
fn lsp_cross_year_from_folder_and_open_documents() {
    let dir = temp_folder("cross");
    let p2023 = dir.join("report-2023.md");
    let p2024 = dir.join("report-2024.md");
    std::fs::write(&p2023, draft_with(2023, "| 四、结转下年度继续办理", "0")).unwrap();
    let t2024 = draft_with(2024, "| 二、上年结转政府信息公开申请数量", "2");
    std::fs::write(&p2024, &t2024).unwrap();
    let (u2023, u2024) = (file_uri(&p2023), file_uri(&p2024));

    // Only the 2024 report open: last year's is read from the folder.
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(&u2024, &t2024, 1);
    let d = c.diagnostics(&u2024, 1);
    let x = x1(&d);
    assert_eq!(x.len(), 1, "{d:#?}");
    assert_eq!(x[0]["code"], "total-mismatch");
    assert_eq!(x[0]["severity"], 2);
    assert_eq!(x[0]["data"]["expected"], 0);
    assert_eq!(x[0]["data"]["actual"], 2);
    assert!(x[0]["message"].as_str().unwrap().contains("上一年度报告"));
    let (line, _) = position_of(&t2024, "| 二、上年结转");
    assert_eq!(x[0]["range"]["start"]["line"], line);
    drop(c);

    // The 2023 report open with an unsaved edit (结转 3): the open version is used.
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(
        &u2023,
        &draft_with(2023, "| 四、结转下年度继续办理", "3"),
        1,
    );
    c.diagnostics(&u2023, 1);
    c.open(&u2024, &t2024, 1);
    let x = x1(&c.diagnostics(&u2024, 1));
    assert_eq!(x.len(), 1);
    assert_eq!(x[0]["data"]["expected"], 3);

    // Editing last year's report rechecks this year's: 结转 2 agrees.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u2023, "version": 2}, "contentChanges": [
            {"text": draft_with(2023, "| 四、结转下年度继续办理", "2")}]}),
    );
    c.diagnostics(&u2023, 2);
    assert!(x1(&c.diagnostics(&u2024, 1)).is_empty());

    // Closing it falls back to the file on disk (结转 0).
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": u2023}}),
    );
    let x = x1(&c.diagnostics(&u2024, 1));
    assert_eq!(x.len(), 1);
    assert_eq!(x[0]["data"]["expected"], 0);
    drop(c);
    std::fs::remove_dir_all(&dir).unwrap();
}

// ----------------------------------------------------------------------------- code actions

fn code_actions(c: &mut Client, uri: &str, range: &Value, diags: Vec<Value>) -> Vec<Value> {
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": diags}}),
    );
    r.as_array().cloned().unwrap_or_default()
}

fn action<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("no action {title}: {actions:#?}"))
}

fn replace_text(c: &mut Client, uri: &str, version: i64, text: &str) -> Vec<Value> {
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
    c.diagnostics(uri, version)
}

#[test]
fn lsp_code_action_inserts_missing_rows() {
    let full = plain_draft();
    let mut text = full.clone();
    for row in ["| 2.重复申请 |", "| 3.要求提供公开出版物 |", "| 行政强制 |"] {
        let line = full.lines().find(|l| l.starts_with(row)).unwrap();
        text = text.replacen(&format!("{line}\n"), "", 1);
    }
    let uri = "file:///nianbao-test-no-such-folder/missing-rows.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    let diags = c.diagnostics(uri, 1);
    let missing = codes(&diags, "missing-row");
    assert_eq!(missing.len(), 3, "{missing:#?}");

    // Table 1: the single row goes after 行政处罚.
    let d = missing
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("行政强制"))
        .unwrap();
    let actions = code_actions(&mut c, uri, &d["range"], vec![d.clone()]);
    let a = action(&actions, "插入缺少的行「行政强制」");
    assert_eq!(a["kind"], "quickfix");
    let text = apply_edits(&text, a["edit"]["changes"][uri].as_array().unwrap());
    let diags = replace_text(&mut c, uri, 2, &text);
    let missing = codes(&diags, "missing-row");
    assert_eq!(missing.len(), 2, "{missing:#?}");

    // Table 2: both rows at once, in standard order after 1.信访举报投诉类申请.
    let actions = code_actions(&mut c, uri, &missing[0]["range"], vec![missing[0].clone()]);
    let a = action(&actions, "插入表二（依申请公开）缺少的全部2行");
    let edits = a["edit"]["changes"][uri].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    let text = apply_edits(&text, edits);
    assert_eq!(text, full);
    assert!(replace_text(&mut c, uri, 3, &text).is_empty());
}

#[test]
fn lsp_code_action_inserts_nothing_for_other_layouts() {
    // Table 2 as tab-separated rows: no insertion offered (only pipe tables are edited).
    let full = plain_draft();
    let mut text = String::new();
    for line in full.lines() {
        if line.starts_with("| 2.重复申请 |") {
            continue;
        }
        if line.starts_with("| ") && line.contains("申请") && !line.contains("---") {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            text.push_str(&cells.join("\t"));
        } else {
            text.push_str(line);
        }
        text.push('\n');
    }
    let uri = "file:///nianbao-test-no-such-folder/missing-tabs.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    let diags = c.diagnostics(uri, 1);
    let missing = codes(&diags, "missing-row");
    assert_eq!(missing.len(), 1, "{diags:#?}");
    let d = &missing[0];
    let actions = code_actions(&mut c, uri, &d["range"], vec![d.clone()]);
    assert!(
        actions
            .iter()
            .any(|a| a["title"].as_str().unwrap().starts_with("在此行禁用")),
        "{actions:#?}"
    );
    assert!(
        !actions
            .iter()
            .any(|a| a["title"].as_str().unwrap().contains("缺少的")),
        "{actions:#?}"
    );
}

/// `nianbao new --year 2020` retitled to 2024, with some numbers in tables 1 and 2.
fn old_format_in_2024() -> String {
    let t =
        nianbao::template::new_report(2020, Some("某市某局"), nianbao::check::Organ::Department)
            .replace("2020年", "2024年")
            .replace("2021年1月20日", "2025年1月20日");
    t.replacen("| 规章 | 0 | 0 | 0 |", "| 规章 | 3 | 2 | 9 |", 1)
        .replacen("| 行政许可 | 0 | 0 | 0 |", "| 行政许可 | 5 | 1 | 7 |", 1)
        .replacen(
            "| 其他对外管理服务事项 | 0 | 0 | 0 |",
            "| 其他对外管理服务事项 | 0 | 0 | 4 |",
            1,
        )
        .replacen(
            "| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| （六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            1,
        )
}

#[test]
fn lsp_code_action_converts_2019_tables_to_2021() {
    let mut text = old_format_in_2024();
    let uri = "file:///nianbao-test-no-such-folder/convert.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    let mut diags = c.diagnostics(uri, 1);
    assert!(!codes(&diags, "format-mismatch").is_empty(), "{diags:#?}");
    let mut version = 1;
    // Table 2 first: once table 1 is in the 2021 format, a single （六） row is read as a
    // deviation of a 2021 table (`collapsed-row`, fixed by splitting the row), not as a 2019
    // table to convert.
    for (inside, title) in [
        ("| （六）其他处理 |", "转换为2021版格式"),
        ("| 规范性文件 |", "转换为2021版格式"),
    ] {
        let (line, _) = position_of(&text, inside);
        let at =
            json!({"start": {"line": line, "character": 2}, "end": {"line": line, "character": 2}});
        let actions = code_actions(&mut c, uri, &at, diags.clone());
        let a = action(&actions, title);
        assert_eq!(a["kind"], "refactor.rewrite");
        text = apply_edits(&text, a["edit"]["changes"][uri].as_array().unwrap());
        version += 1;
        diags = replace_text(&mut c, uri, version, &text);
    }
    let diags = replace_text(&mut c, uri, version + 1, &text);
    assert!(
        codes(&diags, "format-mismatch").is_empty(),
        "{diags:#?}\n{text}"
    );
    assert!(codes(&diags, "mixed-format").is_empty(), "{diags:#?}");
    if std::env::var_os("NIANBAO_SHOW").is_some() {
        eprintln!("{text}");
    }
    // Carried over: 本年新制作数量 → 本年制发件数, 处理决定数量 → 本年处理决定数量, 规范性文件 →
    // 行政规范性文件, （六）其他处理 → 3.其他; what does not map is blank and named above.
    assert!(text.contains("| 规章 | 3 | | |"), "{text}");
    assert!(text.contains("| 行政规范性文件 | 0 | | |"), "{text}");
    assert!(text.contains("| 行政许可 | 7 | | |\n"), "{text}");
    assert!(text.contains("| 行政事业性收费 | | | |\n"), "{text}");
    assert!(
        text.contains("| 3.其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"),
        "{text}"
    );
    assert!(text.contains("| 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"));
    assert!(
        text.contains("<!-- nianbao: 待填写 表一 规章、行政规范性文件的本年废止件数、现行有效件数")
    );
    assert!(
        text.contains("其他对外管理服务事项」行，其数字已删除"),
        "{text}"
    );
    assert!(text.contains("<!-- nianbao: 待核对 表二"));
    let table_lines: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    assert!(
        !table_lines
            .iter()
            .any(|l| l.contains("本年新制作数量") || l.contains("政府集中采购"))
    );
    // No longer offered on the converted tables.
    let (line, _) = position_of(&text, "| 行政规范性文件 |");
    let at =
        json!({"start": {"line": line, "character": 2}, "end": {"line": line, "character": 2}});
    let actions = code_actions(&mut c, uri, &at, Vec::new());
    assert!(!actions.iter().any(|a| a["title"] == "转换为2021版格式"));
}

// ----------------------------------------------------------------------------- completion, hints

fn complete(c: &mut Client, uri: &str, (line, ch): (u64, u64)) -> Vec<Value> {
    let r = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": ch}}),
    );
    let mut items = r.as_array().cloned().unwrap_or_default();
    items.sort_by(|a, b| a["sortText"].as_str().cmp(&b["sortText"].as_str()));
    items
}

#[test]
fn lsp_complete_missing_part_headings_in_order() {
    let full = plain_draft();
    let mut text = full.clone();
    for h in ["## 四、", "## 五、"] {
        let line = full.lines().find(|l| l.starts_with(h)).unwrap();
        text = text.replacen(&format!("{line}\n"), "", 1);
    }
    let uri = "file:///nianbao-test-no-such-folder/parts.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    c.diagnostics(uri, 1);
    // The blank line after the title.
    let items = complete(&mut c, uri, (1, 0));
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(
        labels[..2],
        [
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况"
        ],
        "{labels:?}"
    );
    assert_eq!(
        items[1]["textEdit"]["newText"],
        "## 五、存在的主要问题及改进情况"
    );
    assert_eq!(
        items[1]["textEdit"]["range"]["start"],
        json!({"line": 1, "character": 0})
    );
    // Present parts are not offered.
    assert!(!labels.iter().any(|l| l.starts_with("一、")));
}

#[test]
fn lsp_complete_clause_references() {
    let text = format!("{}依据《条例》第\n第\n", plain_draft());
    let uri = "file:///nianbao-test-no-such-folder/clauses.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    c.diagnostics(uri, 1);
    let n = text.lines().count() as u64;
    let art20 = nianbao::regulation::article(20).unwrap().full_text();
    for (line, ch) in [(n - 2, 7), (n - 1, 1)] {
        let items = complete(&mut c, uri, (line, ch));
        assert_eq!(items[0]["label"], "第一条");
        let i = items
            .iter()
            .find(|i| i["label"] == "第二十条")
            .expect("第二十条");
        assert_eq!(i["documentation"]["value"], art20.as_str());
        assert!(art20.contains("主动公开"));
        // The edit replaces the 第 just typed.
        assert_eq!(i["textEdit"]["newText"], "第二十条");
        assert_eq!(
            i["textEdit"]["range"]["start"],
            json!({"line": line, "character": ch - 1})
        );
        assert_eq!(items.len(), nianbao::regulation::articles().len());
    }
}

#[test]
fn lsp_complete_whole_tables_in_the_documents_format() {
    for (year, format, signal) in [
        (2024, "2021", "本年制发件数"),
        (2020, "2019", "本年新制作数量"),
    ] {
        let text = nianbao::template::new_report(year, None, nianbao::check::Organ::Department);
        let uri = format!("file:///nianbao-test-no-such-folder/tables-{year}.md");
        let (mut c, _) = Client::init(&[], Value::Null);
        c.open(&uri, &text, 1);
        c.diagnostics(&uri, 1);
        let items = complete(&mut c, &uri, (1, 0));
        let f = nianbao::format::by_id(format).unwrap();
        for (label, id) in [("表一", "t1"), ("表二", "t2"), ("表三", "t3")] {
            let i = items
                .iter()
                .find(|i| i["label"] == label)
                .unwrap_or_else(|| panic!("{label}: {items:#?}"));
            let md = nianbao::template::table_markdown(f, id).unwrap();
            assert_eq!(i["textEdit"]["newText"], md.as_str(), "{year} {label}");
        }
        let t1 = items.iter().find(|i| i["label"] == "表一").unwrap();
        assert!(t1["textEdit"]["newText"].as_str().unwrap().contains(signal));
    }
}

#[test]
fn lsp_inlay_hints_show_sums() {
    let text = plain_draft()
        .replacen(
            "| 一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 7 |",
            1,
        )
        .replacen(
            "| （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| （一）予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |",
            1,
        );
    let uri = "file:///nianbao-test-no-such-folder/inlay.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    c.diagnostics(uri, 1);
    let n = text.lines().count();
    let hints = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": n, "character": 0}}}),
    );
    let hints = hints.as_array().unwrap();
    let (line, _) = position_of(&text, "| 一、本年新收");
    let row = text.lines().nth(line as usize).unwrap();
    // The 总计 cell `7` holds 5 + 1 = 6.
    let end = row.rfind(" 7 |").unwrap() + 2;
    let at = json!({"line": line, "character": row[..end].encode_utf16().count()});
    let h = hints
        .iter()
        .find(|h| h["position"] == at)
        .unwrap_or_else(|| panic!("no hint at {at}: {hints:#?}"));
    assert_eq!(h["label"], "Σ 6");
    let (line, _) = position_of(&text, "| （一）予以公开");
    assert!(
        hints
            .iter()
            .any(|h| h["position"]["line"] == line && h["label"] == "Σ 6")
    );
    // Limited to the requested range.
    let few = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}}}),
    );
    let few = few.as_array().unwrap();
    assert!(!few.is_empty() && few.len() < hints.len());
    assert!(few.iter().all(|h| h["position"]["line"] == line));
}

#[test]
fn lsp_range_formatting_touches_only_the_range() {
    let text = plain_draft();
    let uri = "file:///nianbao-test-no-such-folder/range-format.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    c.diagnostics(uri, 1);
    let (line, _) = position_of(&text, "| （一）予以公开");
    let edits = c.request(
        "textDocument/rangeFormatting",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 3}},
               "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 2, "{edits:#?}");
    assert!(edits.iter().all(|e| {
        let l = e["range"]["start"]["line"].as_u64().unwrap();
        l == line || l == line + 1
    }));
    let out = apply_edits(&text, edits);
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(strip(&out), strip(&text));
    // The two rows now line up with each other and with the whole-document formatting.
    let all = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let full = apply_edits(&text, all.as_array().unwrap());
    for l in [line, line + 1] {
        assert_eq!(out.lines().nth(l as usize), full.lines().nth(l as usize));
    }
}

#[test]
fn lsp_did_close_clears_diagnostics() {
    let text = seed_text(S004);
    let uri = "file:///nianbao-test-no-such-folder/close.txt";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    assert!(!c.diagnostics(uri, 1).is_empty());
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let m =
        c.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
    assert_eq!(m["params"]["diagnostics"], json!([]));
    // Requests on a closed document find nothing.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 408, "character": 1}}),
    );
    assert!(h.is_null());
}

#[test]
fn lsp_severity_override_by_configuration() {
    let text = seed_text(S004);
    let uri = "file:///nianbao-test-no-such-folder/override.txt";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &text, 1);
    let before = codes(&c.diagnostics(uri, 1), "total-mismatch");
    assert_eq!(before.len(), 2);
    assert!(before.iter().all(|d| d["severity"] == 1));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {"severity": {"total-mismatch": "hint"}}}}),
    );
    // Republished for the same version with the new severity.
    let after = codes(&c.diagnostics(uri, 1), "total-mismatch");
    assert_eq!(after.len(), 2);
    assert!(after.iter().all(|d| d["severity"] == 4), "{after:#?}");
    assert_eq!(after[0]["range"], before[0]["range"]);
    // Other rules keep theirs; back to the default restores the error.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {}}}),
    );
    let again = codes(&c.diagnostics(uri, 1), "total-mismatch");
    assert!(again.iter().all(|d| d["severity"] == 1));
}

#[test]
fn lsp_narrative_number_is_found_while_typing_and_fixed_with_the_tables_number() {
    // A clean 2024 draft with 16 applications; the drafter types a sentence into part 三.
    let t = plain_draft();
    let set = |t: &str, label: &str, n: &str| {
        let line = t
            .lines()
            .find(|l| l.starts_with(&format!("| {label} |")))
            .unwrap();
        t.replacen(
            line,
            &format!("| {label} | {n} | 0 | 0 | 0 | 0 | 0 | {n} |"),
            1,
        )
    };
    let t = set(&t, "一、本年新收政府信息公开申请数量", "16");
    let t = set(&t, "（一）予以公开", "16");
    let t = set(&t, "（七）总计", "16");
    let uri = "file:///nianbao-test-no-such-folder/narrative.md";
    let (mut c, _) = Client::init(&[], Value::Null);
    c.open(uri, &t, 1);
    assert!(codes(&c.diagnostics(uri, 1), "narrative-mismatch").is_empty());
    let at = t.find("## 四、").unwrap();
    let typed = format!(
        "{}本年度共收到政府信息公开申请十七件。\n\n{}",
        &t[..at],
        &t[at..]
    );
    let diags = replace_text(&mut c, uri, 2, &typed);
    let nm = codes(&diags, "narrative-mismatch");
    assert_eq!(nm.len(), 1, "{nm:#?}");
    let msg = nm[0]["message"].as_str().unwrap();
    assert!(msg.contains("17件") && msg.contains("16"), "{msg}");
    let actions = code_actions(&mut c, uri, &nm[0]["range"], vec![nm[0].clone()]);
    let a = action(&actions, "改为表中的数：16");
    assert_eq!(a["kind"], "quickfix");
    let fixed = apply_edits(&typed, a["edit"]["changes"][uri].as_array().unwrap());
    assert!(
        fixed.contains("申请十六件"),
        "the number is written as it was typed"
    );
    let diags = replace_text(&mut c, uri, 3, &fixed);
    assert!(codes(&diags, "narrative-mismatch").is_empty());
}
