//! Hostile clients (issue 6): whatever a broken or careless client sends, `nianbao lsp` keeps
//! running and answers the next normal request correctly.

mod common;

use common::drafts::plain_draft;
use common::lsp::{Client, every_request};
use serde_json::{Value, json};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(30);
const URI: &str = "file:///nianbao-test-no-such-folder/nianbao-hostile/report.md";

impl Client {
    fn start() -> Client {
        Client::spawn(&[], TIMEOUT)
    }

    fn initialized() -> Client {
        let mut c = Client::start();
        let r = c.call(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        assert!(r.get("result").is_some(), "{r}");
        c.notify("initialized", json!({}));
        c
    }

    /// The normal request every test ends with: the server still knows the document exactly.
    fn assert_healthy(&mut self, uri: &str, text: &str) {
        let h = self.call(
            "nianbao/documentHash",
            json!({"textDocument": {"uri": uri}}),
        );
        assert_eq!(h["result"]["length"], text.len(), "{h}");
        assert_eq!(h["result"]["blocksMatchFullParse"], true, "{h}");
        let hover = self.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
        );
        assert!(hover.get("error").is_none(), "{hover}");
    }

    fn shutdown(mut self) -> i32 {
        let r = self.call("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.wait_exit(TIMEOUT).unwrap_or(-1)
    }
}

fn error_code(m: &Value) -> i64 {
    m["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("expected an error: {m}"))
}

#[test]
fn requests_before_initialize_and_a_second_initialize() {
    let mut c = Client::start();
    let r = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(error_code(&r), -32002, "ServerNotInitialized: {r}");
    let r = c.call("initialize", json!({"processId": null, "capabilities": {}}));
    assert!(r["result"]["capabilities"].is_object(), "{r}");
    c.notify("initialized", json!({}));
    let r = c.call("initialize", json!({"processId": null, "capabilities": {}}));
    assert!(
        r.get("error").is_some(),
        "a second initialize must be refused: {r}"
    );
    let text = plain_draft();
    c.open(URI, &text, 1);
    c.publish_for(URI, 1);
    c.assert_healthy(URI, &text);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn unknown_methods_and_malformed_messages() {
    let mut c = Client::initialized();
    let text = plain_draft();
    c.open(URI, &text, 1);
    c.publish_for(URI, 1);
    let r = c.call("nianbao/noSuchMethod", json!({}));
    assert_eq!(error_code(&r), -32601, "MethodNotFound: {r}");
    // An unknown notification is ignored.
    c.notify("$/noSuchNotification", json!({"x": 1}));
    // Malformed JSON with a correct length.
    let body = b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ";
    c.raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    c.raw(body);
    // Valid JSON that is not a JSON-RPC message.
    let body = b"[1, 2, 3]";
    c.raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    c.raw(body);
    // A lone surrogate escape and binary bytes inside a JSON string.
    let body = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"file:///nianbao-test-no-such-folder/x.md\",\"version\":2},\"contentChanges\":[{\"text\":\"\\ud800\"}]}}";
    c.raw(format!("Content-Length: {}\r\n\r\n{}", body.len(), body).as_bytes());
    let mut body = b"{\"jsonrpc\":\"2.0\",\"method\":\"$/x\",\"params\":\"".to_vec();
    body.extend_from_slice(&[0xff, 0xfe, 0x00, 0x01]);
    body.extend_from_slice(b"\"}");
    c.raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    c.raw(&body);
    c.assert_healthy(URI, &text);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn wrong_content_length_headers() {
    let mut c = Client::initialized();
    let text = plain_draft();
    c.open(URI, &text, 1);
    c.publish_for(URI, 1);
    // A header that is not a number, then a message with extra headers in odd case.
    c.raw(b"Content-Length: twelve\r\n\r\n{}");
    let body = serde_json::to_string(&json!({"jsonrpc": "2.0", "id": 500, "method": "nianbao/documentHash", "params": {"textDocument": {"uri": URI}}})).unwrap();
    c.raw(format!("content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", body.len(), body).as_bytes());
    // Whatever happened to those, the next well-formed request is answered.
    c.assert_healthy(URI, &text);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn positions_far_outside_and_unknown_documents() {
    let mut c = Client::initialized();
    let text = plain_draft();
    c.open(URI, &text, 1);
    c.publish_for(URI, 1);
    let far = json!({"line": 4_000_000_000u32, "character": 4_000_000_000u32});
    for method in ["textDocument/hover", "textDocument/completion"] {
        let r = c.call(
            method,
            json!({"textDocument": {"uri": URI}, "position": far}),
        );
        assert!(r.get("error").is_none(), "{method}: {r}");
    }
    let range =
        json!({"start": {"line": 99999, "character": 5}, "end": {"line": 0, "character": 999999}});
    let r = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range, "context": {"diagnostics": []}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    // An edit whose range lies far outside the document: clamped, never a panic.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 999999, "character": 7}, "end": {"line": 999999, "character": 9}}, "text": "尾"}]}),
    );
    let mut expected = text.clone();
    expected.push('尾');
    c.publish_for(URI, 2);
    // A change to a document that was never opened, and requests about it.
    let other = "file:///nianbao-test-no-such-folder/nianbao-hostile/never-opened.md";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": other, "version": 5}, "contentChanges": [{"text": "x"}]}),
    );
    let r = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": other}, "position": {"line": 0, "character": 0}}),
    );
    assert!(
        r.get("error").is_none() || r["error"]["code"].is_i64(),
        "{r}"
    );
    // Versions going backwards are ignored.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 1}, "contentChanges": [{"text": "stale"}]}),
    );
    c.assert_healthy(URI, &expected);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn cancel_every_request_type() {
    let mut c = Client::initialized();
    let text = plain_draft();
    c.open(URI, &text, 1);
    c.publish_for(URI, 1);
    for (method, params) in every_request(URI) {
        let id = c.next_id;
        c.next_id += 1;
        c.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        c.notify("$/cancelRequest", json!({"id": id}));
        // Either the answer or a RequestCancelled error, but an answer to that id.
        let r = c.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
        if let Some(e) = r.get("error") {
            assert_eq!(e["code"], -32800, "{method}: {r}");
        }
    }
    c.assert_healthy(URI, &text);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_hundred_documents_and_a_50_mb_document() {
    let mut c = Client::initialized();
    let text = plain_draft();
    for i in 0..100 {
        c.open(
            &format!("file:///nianbao-test-no-such-folder/nianbao-hostile/r{i}.md"),
            &text,
            1,
        );
    }
    for i in 0..100 {
        c.publish_for(
            &format!("file:///nianbao-test-no-such-folder/nianbao-hostile/r{i}.md"),
            1,
        );
    }
    // 50 MB: the draft with its part 一 padded with prose.
    let para = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开，持续提升公开质量和实效。\n\n";
    let mut big = text.clone();
    let at = big.find("## 二、").unwrap();
    big.insert_str(at, &para.repeat(50_000_000 / para.len()));
    let big_uri = "file:///nianbao-test-no-such-folder/nianbao-hostile/big.md";
    // A debug build (as the tests run) needs about 35 s for 50 MB; a release build 1.6 s.
    c.timeout = Duration::from_secs(180);
    c.open(big_uri, &big, 1);
    let p = c.publish_for(big_uri, 1);
    assert!(
        p["params"]["diagnostics"].as_array().unwrap().is_empty(),
        "{}",
        p["params"]
    );
    c.assert_healthy(big_uri, &big);
    for i in [0, 57, 99] {
        c.assert_healthy(
            &format!("file:///nianbao-test-no-such-folder/nianbao-hostile/r{i}.md"),
            &text,
        );
    }
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn binary_garbage_on_stdin_ends_cleanly() {
    let mut c = Client::initialized();
    let mut junk = vec![0u8; 4096];
    for (i, b) in junk.iter_mut().enumerate() {
        *b = (i * 7919 % 251) as u8;
    }
    c.raw(&junk);
    // Closing stdin ends the server (exit code 1: no shutdown was requested).
    c.stdin = None;
    assert_eq!(c.wait_exit(TIMEOUT), Some(1));
}

/// Snapshot of every file under `dir`: path, bytes and modification time.
fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .map(|p| {
            let m = std::fs::metadata(&p).unwrap();
            (p.clone(), std::fs::read(&p).unwrap(), m.modified().unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_long_run_of_requests_leaves_the_workspace_untouched() {
    let dir = std::env::temp_dir().join(format!("nianbao-untouched-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let this = plain_draft().replace("XX市XX局", "某市卫生健康委员会");
    let last = this
        .replace("2024年", "2023年")
        .replace("2025年1月20日", "2024年1月20日");
    std::fs::write(dir.join("2024.md"), &this).unwrap();
    std::fs::write(dir.join("2023.md"), &last).unwrap();
    std::fs::write(dir.join("notes.txt"), "会议记录：无关文件。\n").unwrap();
    let before = snapshot(&dir);

    let mut c = Client::initialized();
    let uri = format!("file://{}", dir.join("2024.md").display());
    c.open(&uri, &this, 1);
    c.publish_for(&uri, 1);
    let mut text = this.clone();
    let doc = json!({"uri": uri});
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 200, "character": 0}});
    for v in 2..=60 {
        // Type into the document, then ask for everything that could produce edits.
        let line = 40 + v as u32 % 30;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "9"}]}),
        );
        let at = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum::<usize>();
        text.insert(at, '9');
        for (method, params) in [
            (
                "textDocument/codeAction",
                json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}}),
            ),
            (
                "textDocument/formatting",
                json!({"textDocument": doc, "options": {"tabSize": 4, "insertSpaces": true}}),
            ),
            (
                "textDocument/completion",
                json!({"textDocument": doc, "position": {"line": line, "character": 1}}),
            ),
            (
                "textDocument/hover",
                json!({"textDocument": doc, "position": {"line": line, "character": 1}}),
            ),
            (
                "workspace/executeCommand",
                json!({"command": "nianbao.newReport", "arguments": [{"year": 2024}]}),
            ),
        ] {
            let r = c.call(method, params);
            assert!(r.get("error").is_none(), "{method}: {r}");
        }
    }
    c.publish_for(&uri, 60);
    c.assert_healthy(&uri, &text);
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(c.shutdown(), 0);
    assert!(
        snapshot(&dir) == before,
        "the server changed a file in the workspace"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
