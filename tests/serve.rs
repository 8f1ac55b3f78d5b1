//! `nianbao serve` on loopback, under load and abuse: the real binary, raw HTTP/1.1 over TCP.
//! Every refusal must be clean (a status and a Chinese JSON message, or the connection closed)
//! and the server must go on serving; nothing is written to disk; memory stays bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SEEDS: [&str; 5] = [
    "tests/fixtures/000_2c1132c7924dd3e8.txt",
    "tests/fixtures/001_14e46c82abeb8b03.txt",
    "tests/fixtures/002_72e8cc29e03ca078.txt",
    "tests/fixtures/003_31cf96be23961926.txt",
    "tests/fixtures/004_58318878f8bfac1e.txt",
];

/// The server process, killed when dropped; it runs in an empty folder of its own, which must
/// stay empty.
struct Server {
    child: Child,
    addr: SocketAddr,
    cwd: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.cwd);
    }
}

fn start(extra: &[&str]) -> Server {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let cwd = std::env::temp_dir().join(format!("nianbao-serve-test-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cwd);
    std::fs::create_dir_all(&cwd).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .current_dir(&cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start nianbao serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("nianbao serve: http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    let addr = url.trim_end_matches('/').parse().unwrap();
    Server { child, addr, cwd }
}

struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }
}

/// Send raw bytes, read the whole reply (the request asks to close the connection).
fn raw(addr: SocketAddr, request: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(request).unwrap();
    read_reply(&mut s)
}

fn read_reply(s: &mut TcpStream) -> Reply {
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no reply head in {:?}", String::from_utf8_lossy(&buf)));
    let head = String::from_utf8_lossy(&buf[..split]).to_string();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    let mut body = buf[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Reply { status, head, body }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(i) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let n = usize::from_str_radix(std::str::from_utf8(&b[..i]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[i + 2..i + 2 + n]);
        b = &b[i + 2 + n + 2..];
    }
}

fn request(addr: SocketAddr, method: &str, path: &str, ctype: &str, body: &[u8]) -> Reply {
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(body);
    raw(addr, &req)
}

fn check_text(addr: SocketAddr, text: &str) -> Reply {
    let body = serde_json::json!({ "text": text, "name": "草稿.md" }).to_string();
    request(
        addr,
        "POST",
        "/api/check",
        "application/json",
        body.as_bytes(),
    )
}

fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----nianbao-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn read(p: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap()
}

/// The counts the core gives for a text, as the page must show them.
fn expected_counts(text: &str) -> serde_json::Value {
    let a = nianbao::check::check(text, &Default::default());
    let r = nianbao::ide::report::review("x", text, &a, |_| None);
    serde_json::to_value(r.counts).unwrap()
}

fn assert_alive(addr: SocketAddr) {
    let r = request(addr, "GET", "/", "text/plain", b"");
    assert_eq!(r.status, 200, "the server stopped serving");
    let r = check_text(addr, &read(SEEDS[4]));
    assert_eq!(r.status, 200);
}

/// Resident memory of the server (VmRSS, VmHWM in kB).
fn memory(s: &Server) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{}/status", s.child.id())).unwrap();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (kb("VmRSS:"), kb("VmHWM:"))
}

#[test]
fn fifty_concurrent_checks_are_all_answered_correctly() {
    let s = start(&[]);
    let addr = s.addr;
    let texts: Vec<String> = SEEDS.iter().map(|p| read(p)).collect();
    let expected: Vec<serde_json::Value> = texts.iter().map(|t| expected_counts(t)).collect();
    let handles: Vec<_> = (0..50)
        .map(|i| {
            let text = texts[i % 5].clone();
            let name = SEEDS[i % 5].rsplit('/').next().unwrap().to_string();
            std::thread::spawn(move || {
                if i % 2 == 0 {
                    let r = check_text(addr, &text);
                    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
                    let v = r.json();
                    assert!(v["html"].is_string());
                    v["review"]["counts"].clone()
                } else {
                    // The same file uploaded, as a dropped file is.
                    let (ctype, body) = multipart(&[(&name, text.as_bytes())]);
                    let r = request(addr, "POST", "/api/files", &ctype, &body);
                    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
                    let v = r.json();
                    assert_eq!(v["files"][0]["ok"], true);
                    assert_eq!(v["files"][0]["name"], name.as_str());
                    assert_eq!(v["files"][0]["text"], text.as_str());
                    v["files"][0]["review"]["counts"].clone()
                }
            })
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        let counts = h.join().expect("client thread");
        assert_eq!(counts, expected[i % 5], "request {i} ({})", SEEDS[i % 5]);
    }
    // Seed 004's two broken totals are there, by rule.
    let v = check_text(addr, &texts[4]).json();
    let totals = v["review"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "total-mismatch")
        .count();
    assert_eq!(totals, 2);
    let (rss, hwm) = memory(&s);
    eprintln!("after 50 concurrent checks: VmRSS {rss} kB, VmHWM {hwm} kB");
    assert!(hwm < 512 * 1024, "peak resident memory {hwm} kB");
    assert_eq!(std::fs::read_dir(&s.cwd).unwrap().count(), 0);
}

#[test]
fn a_100_mb_upload_is_refused_and_memory_stays_bounded() {
    let s = start(&[]);
    let addr = s.addr;
    let (rss_before, _) = memory(&s);
    // Declared length over the limit: refused before the body is read.
    let boundary = "b0undary";
    let total: usize = 100 * 1024 * 1024;
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    c.write_all(
        format!(
            "POST /api/files HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {total}\r\n\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n"
        )
        .as_bytes(),
    )
    .unwrap();
    // Keep sending until the server stops reading; then read its answer.
    let chunk = vec![b'x'; 1 << 20];
    let writer = {
        let mut c = c.try_clone().unwrap();
        std::thread::spawn(move || {
            let mut sent = 0;
            while sent < total {
                if c.write_all(&chunk).is_err() {
                    break;
                }
                sent += chunk.len();
            }
            sent
        })
    };
    let r = read_reply(&mut c);
    assert_eq!(r.status, 413, "{}", r.head);
    assert!(r.json()["error"].as_str().unwrap().contains("请求太大"));
    drop(c);
    let _ = writer.join();

    // No declared length (chunked): refused once 20 MB have been read.
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    c.write_all(b"POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
    let writer = {
        let mut c = c.try_clone().unwrap();
        std::thread::spawn(move || {
            let mut chunk = format!("{:x}\r\n", 1 << 20).into_bytes();
            chunk.extend(std::iter::repeat_n(b'a', 1 << 20));
            chunk.extend_from_slice(b"\r\n");
            for _ in 0..100 {
                if c.write_all(&chunk).is_err() {
                    break;
                }
            }
        })
    };
    let r = read_reply(&mut c);
    assert_eq!(r.status, 413, "{}", r.head);
    drop(c);
    let _ = writer.join();

    assert_alive(addr);
    let (rss, hwm) = memory(&s);
    eprintln!("100 MB uploads refused: VmRSS {rss_before} → {rss} kB, VmHWM {hwm} kB");
    assert!(
        hwm < 256 * 1024,
        "peak resident memory {hwm} kB after refusing 100 MB bodies"
    );
}

#[test]
fn malformed_requests_are_refused_with_a_message() {
    let s = start(&[]);
    let addr = s.addr;
    // A multipart body cut off in the middle of a part.
    let (ctype, body) = multipart(&[("a.md", b"# 2024\n")]);
    let cut = &body[..body.len() - 30];
    let r = request(addr, "POST", "/api/files", &ctype, cut);
    assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(&r.body));
    assert!(r.json()["error"].as_str().unwrap().contains("上传"));
    // No boundary at all.
    let r = request(
        addr,
        "POST",
        "/api/files",
        "multipart/form-data",
        b"garbage",
    );
    assert_eq!(r.status, 400);
    // Not multipart.
    let r = request(addr, "POST", "/api/files", "application/json", b"{}");
    assert_eq!(r.status, 400);
    // Bad JSON, a wrong field, an implausible year, an unknown organ.
    for body in [
        &b"{\"text\": "[..],
        b"{\"txt\": \"a\"}",
        b"{\"text\": \"a\", \"year\": 1900}",
        b"{\"text\": \"a\", \"organ\": \"army\"}",
    ] {
        let r = request(addr, "POST", "/api/check", "application/json", body);
        assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(body));
        assert!(r.json()["error"].is_string());
    }
    // Too many files.
    let many: Vec<(String, Vec<u8>)> = (0..21)
        .map(|i| (format!("{i}.md"), b"x".to_vec()))
        .collect();
    let refs: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let (ctype, body) = multipart(&refs);
    let r = request(addr, "POST", "/api/files", &ctype, &body);
    assert_eq!(r.status, 413);
    assert!(r.json()["error"].as_str().unwrap().contains("文件太多"));
    // A file of a type nobody reads, a damaged Word file: entries with their reason.
    let (ctype, body) = multipart(&[("a.exe", b"MZ"), ("b.docx", b"not a zip")]);
    let v = request(addr, "POST", "/api/files", &ctype, &body).json();
    assert_eq!(v["files"][0]["ok"], false);
    assert!(v["files"][0]["error"].as_str().unwrap().contains("不支持"));
    assert_eq!(v["files"][1]["ok"], false);
    assert!(!v["files"][1]["error"].as_str().unwrap().is_empty());
    // Not HTTP at all.
    let r = raw(
        addr,
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n",
    );
    assert_eq!(r.status, 400);
    assert_alive(addr);
}

#[test]
fn slow_clients_are_dropped_and_others_served_meanwhile() {
    let s = start(&["--header-timeout", "2", "--body-timeout", "2"]);
    let addr = s.addr;
    // Headers never finished.
    let mut slow_head = TcpStream::connect(addr).unwrap();
    slow_head
        .write_all(b"POST /api/check HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // A body promised but never sent.
    let mut slow_body = TcpStream::connect(addr).unwrap();
    slow_body
        .write_all(b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"text\":")
        .unwrap();
    // Served meanwhile.
    let t = Instant::now();
    assert_alive(addr);
    assert!(t.elapsed() < Duration::from_secs(2));
    for (what, c) in [("headers", &mut slow_head), ("body", &mut slow_body)] {
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let t = Instant::now();
        let mut buf = Vec::new();
        let r = c.read_to_end(&mut buf);
        assert!(
            r.is_ok() && t.elapsed() < Duration::from_secs(9),
            "slow {what}: connection not closed ({r:?})"
        );
        if what == "body" {
            // The body timeout answers before closing.
            let text = String::from_utf8_lossy(&buf);
            assert!(text.starts_with("HTTP/1.1 408"), "{text}");
        }
    }
    assert_alive(addr);
}

#[test]
fn paths_outside_the_assets_and_traversing_file_names_reach_no_file() {
    let s = start(&[]);
    let addr = s.addr;
    for path in [
        "/../Cargo.toml",
        "/assets/../../Cargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/%2e%2e/%2e%2e/src/main.rs",
        "/assets/app.js/../../../etc/passwd",
        "/etc/passwd",
        "//etc/passwd",
        "/assets/",
        "/api/check",
    ] {
        let r = request(addr, "GET", path, "text/plain", b"");
        assert!(
            r.status == 404 || r.status == 400 || r.status == 405,
            "{path}: {}",
            r.status
        );
        let body = String::from_utf8_lossy(&r.body);
        assert!(
            !body.contains("root:") && !body.contains("[package]") && !body.contains("fn main"),
            "{path}: {body}"
        );
    }
    // The assets themselves.
    for (path, ctype) in [
        ("/", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
        ("/assets/review.css", "text/css"),
    ] {
        let r = request(addr, "GET", path, "text/plain", b"");
        assert_eq!(r.status, 200, "{path}");
        assert!(r.head.to_ascii_lowercase().contains(ctype), "{path}");
        assert!(
            r.head
                .to_ascii_lowercase()
                .contains("content-security-policy")
        );
    }
    // A file name that climbs out of any folder: shown by its last component, never written.
    let target = std::env::temp_dir().join(format!("nianbao-evil-{}.md", std::process::id()));
    let evil = format!("../../../../../../..{}", target.display());
    let text = read(SEEDS[0]);
    let (ctype, body) = multipart(&[(&evil, text.as_bytes()), ("..\\..\\win.md", b"x")]);
    let v = request(addr, "POST", "/api/files", &ctype, &body).json();
    let shown = target.file_name().unwrap().to_str().unwrap();
    assert_eq!(v["files"][0]["name"], shown);
    assert_eq!(v["files"][0]["ok"], true);
    assert_eq!(v["files"][1]["name"], "win.md");
    assert!(!target.exists(), "{} was written", target.display());
    assert_eq!(std::fs::read_dir(&s.cwd).unwrap().count(), 0);
    assert_alive(addr);
}

#[test]
fn the_review_report_is_a_download() {
    let s = start(&[]);
    let files: Vec<serde_json::Value> = SEEDS
        .iter()
        .map(|p| serde_json::json!({"name": p.rsplit('/').next().unwrap(), "text": read(p)}))
        .collect();
    let body = serde_json::json!({ "files": files }).to_string();
    let r = request(
        s.addr,
        "POST",
        "/api/review",
        "application/json",
        body.as_bytes(),
    );
    assert_eq!(r.status, 200);
    let head = r.head.to_ascii_lowercase();
    assert!(head.contains("content-type: text/html"));
    assert!(head.contains("content-disposition: attachment"));
    assert!(head.contains("filename*=utf-8''%e5%ae%a1%e6%a0%b8%e6%8a%a5%e5%91%8a.html"));
    let page = String::from_utf8(r.body).unwrap();
    assert!(page.starts_with("<!doctype html>") || page.starts_with("<!DOCTYPE html>"));
    let r = request(
        s.addr,
        "POST",
        "/api/review",
        "application/json",
        b"{\"files\": []}",
    );
    assert_eq!(r.status, 400);
}
