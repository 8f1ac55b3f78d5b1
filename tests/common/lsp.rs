//! A small JSON-RPC client for `nianbao lsp` over stdio, shared by the protocol tests and the
//! hostile-client tests. Messages that arrive while a test waits for another are kept.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub struct Client {
    pub child: Child,
    /// `None` once a test closed the server's input.
    pub stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    pending: Vec<Value>,
    pub next_id: i64,
    /// How long `wait` waits for a message.
    pub timeout: Duration,
    /// The `languageId` of documents opened with `open`.
    pub language_id: &'static str,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; len?];
    r.read_exact(&mut buf).ok()?;
    serde_json::from_slice(&buf).ok()
}

impl Client {
    /// Starts the server with `envs` added to its environment.
    pub fn spawn(envs: &[(&str, &str)], timeout: Duration) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .arg("lsp")
            .envs(envs.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nianbao lsp");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            pending: Vec::new(),
            next_id: 1,
            timeout,
            language_id: "markdown",
        }
    }

    /// Bytes as they are, framed or not.
    pub fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// One message with its `Content-Length` header.
    pub fn send(&mut self, v: &Value) {
        let body = serde_json::to_string(v).unwrap();
        self.raw(format!("Content-Length: {}\r\n\r\n{}", body.len(), body).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (result or error).
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Sends a request that must succeed and returns its result.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let m = self.call(method, params);
        assert!(m.get("error").is_none(), "{method} failed: {m}");
        m["result"].clone()
    }

    /// The first message (buffered or new) matching `pred`; others are kept.
    pub fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&pred) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + self.timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.pending.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for a message"),
                Err(RecvTimeoutError::Disconnected) => panic!("server closed its output"),
            }
        }
    }

    pub fn open(&mut self, uri: &str, text: &str, version: i64) {
        let language = self.language_id;
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    /// The publishDiagnostics message for `uri` at `version`.
    pub fn publish_for(&mut self, uri: &str, version: i64) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.publish_for(uri, version);
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// The exit code once the process has ended, `within` a time (`None`: killed by a signal).
    pub fn wait_exit(&mut self, within: Duration) -> Option<i32> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code();
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every request method the server answers, with parameters for the open document `uri` (a
/// position and a range inside a report draft).
pub fn every_request(uri: &str) -> Vec<(&'static str, Value)> {
    let doc = json!({ "uri": uri });
    let pos = json!({"line": 40, "character": 3});
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 80, "character": 0}});
    let options = json!({"tabSize": 4, "insertSpaces": true});
    vec![
        (
            "textDocument/hover",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/completion",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}}),
        ),
        ("textDocument/documentSymbol", json!({"textDocument": doc})),
        ("textDocument/foldingRange", json!({"textDocument": doc})),
        (
            "textDocument/inlayHint",
            json!({"textDocument": doc, "range": range}),
        ),
        (
            "textDocument/formatting",
            json!({"textDocument": doc, "options": options}),
        ),
        (
            "textDocument/rangeFormatting",
            json!({"textDocument": doc, "range": range, "options": options}),
        ),
        (
            "workspace/executeCommand",
            json!({"command": "nianbao.newReport", "arguments": [{"year": 2024}]}),
        ),
        ("nianbao/documentHash", json!({"textDocument": doc})),
    ]
}
