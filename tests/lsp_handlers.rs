//! A panic in any request handler is contained: that request gets an internal-error response,
//! and the server goes on answering (debug builds arm `NIANBAO_LSP_TEST_PANIC_METHOD`).

mod common;

use common::lsp::{Client, every_request};
use serde_json::json;
use std::time::Duration;

/// Not a file: no folder is scanned for last year's report.
const URI: &str = "untitled:handler-panic.md";

fn start(panicking: &str) -> Client {
    let mut c = Client::spawn(
        &[("NIANBAO_LSP_TEST_PANIC_METHOD", panicking)],
        Duration::from_secs(15),
    );
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    c.notify("initialized", json!({}));
    c.open(URI, &common::drafts::plain_draft(), 1);
    c
}

#[test]
fn a_panicking_handler_answers_with_an_error_and_the_server_keeps_serving() {
    for (method, params) in every_request(URI) {
        let mut c = start(method);
        let answer = c.call(method, params.clone());
        assert_eq!(
            answer["error"]["code"], -32603,
            "{method}: expected an internal error, got {answer}"
        );
        assert!(
            answer["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("内部错误") && m.contains(method)),
            "{answer}"
        );
        // The next request is answered, by another handler and by the same one.
        let other = if method == "textDocument/documentSymbol" {
            "textDocument/foldingRange"
        } else {
            "textDocument/documentSymbol"
        };
        let symbols = c.request(other, json!({"textDocument": {"uri": URI}}));
        assert!(
            symbols.as_array().is_some_and(|s| !s.is_empty()),
            "{method}: {symbols}"
        );
        assert_eq!(c.call(method, params)["error"]["code"], -32603);
        if method != "nianbao/documentHash" {
            let h = c.request(
                "nianbao/documentHash",
                json!({"textDocument": {"uri": URI}}),
            );
            assert_eq!(h["version"], 1);
        }
    }
}

/// Without the test switch, every method answers normally on the same draft.
#[test]
fn every_method_answers_without_the_switch() {
    let mut c = start("");
    for (method, params) in every_request(URI) {
        let answer = c.call(method, params);
        assert!(answer.get("error").is_none(), "{method}: {answer}");
    }
}
