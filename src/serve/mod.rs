//! `nianbao serve`: the web page — a front end like the CLI and the language server, over the
//! same core entry point (`check::check` → `ide::report::review` → `review::html`).
//!
//! Nothing is written to disk: an upload is read into memory, converted, checked, answered and
//! dropped with the response. Bounds (a request over them is refused with a Chinese message and
//! the server goes on serving):
//! - request body ≤ [`MAX_BODY`] (a larger `Content-Length` is refused before it is read);
//! - ≤ [`MAX_FILES`] files per upload, ≤ [`MAX_TEXT`] bytes of text per check;
//! - ≤ [`MAX_INFLIGHT`] API requests read and checked at once (the others wait their turn), so
//!   at most `MAX_INFLIGHT × MAX_BODY` of bodies are held;
//! - ≤ [`MAX_CONNECTIONS`] open connections; a client that sends its headers slower than
//!   [`HEADER_TIMEOUT`] or its body slower than [`BODY_TIMEOUT`] is dropped.
//!
//! The static assets (the page, its bundled script and styles) are embedded in the binary and
//! matched by exact path: no request reaches the file system.

use crate::check::{self, Options, Organ};
use crate::ide::report::{self, Review};
use crate::input::{self, Kind};
use crate::review;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Largest request body.
pub const MAX_BODY: usize = 20 * 1024 * 1024;
/// Most files in one upload.
pub const MAX_FILES: usize = 20;
/// Largest text checked at once (bytes of UTF-8).
pub const MAX_TEXT: usize = 4 * 1024 * 1024;
/// API requests read and checked at the same time.
pub const MAX_INFLIGHT: usize = 8;
/// Open connections.
pub const MAX_CONNECTIONS: usize = 256;
/// Time a client has to send a request's headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Time a client has to send a request's body.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// The page's files, embedded: (path, body, content type). Nothing else is served as a file.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "/",
        include_str!("assets/index.html"),
        "text/html; charset=utf-8",
    ),
    (
        "/assets/app.js",
        include_str!("assets/app.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "/assets/app.css",
        include_str!("assets/app.css"),
        "text/css; charset=utf-8",
    ),
    (
        "/assets/review.css",
        include_str!("../review/assets/review.css"),
        "text/css; charset=utf-8",
    ),
];

/// The name of the downloaded review report.
const REVIEW_FILE: &str = "审核报告.html";
const REVIEW_TITLE: &str = "政府信息公开工作年度报告审核报告";

struct App {
    /// Permits for API requests (reading the body and checking).
    work: Semaphore,
    body_timeout: Duration,
}

/// The timeouts (the tests shorten them).
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    pub header: Duration,
    pub body: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            header: HEADER_TIMEOUT,
            body: BODY_TIMEOUT,
        }
    }
}

type Shared = Arc<App>;

/// Run the server on `addr` until interrupted. Prints `nianbao serve: http://ADDR/` once
/// listening (with port 0, the port chosen).
pub fn run(addr: &str, timeouts: Timeouts) -> std::process::ExitCode {
    let addr: SocketAddr = match addr.parse() {
        Ok(a) => a,
        Err(_) => {
            eprintln!("nianbao: 地址「{addr}」无效：应为 IP:端口，如 127.0.0.1:8080");
            return std::process::ExitCode::from(2);
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    rt.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("nianbao: 无法监听 {addr}：{e}");
                return std::process::ExitCode::from(2);
            }
        };
        let local = listener.local_addr().unwrap_or(addr);
        if !local.ip().is_loopback() {
            eprintln!(
                "nianbao: 注意：服务监听在 {local}，同一网络中的其他计算机也能访问本页面（上传的文件只在内存中处理，不保存）。"
            );
        }
        println!("nianbao serve: http://{local}/");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        serve(listener, timeouts).await;
        std::process::ExitCode::SUCCESS
    })
}

/// The routes.
pub fn router(timeouts: Timeouts) -> Router {
    let app = Arc::new(App {
        work: Semaphore::new(MAX_INFLIGHT),
        body_timeout: timeouts.body,
    });
    let mut routes = Router::new();
    for &(path, body, mime) in ASSETS {
        routes = routes.route(path, get(move || async move { asset(body, mime) }));
    }
    routes
        .route("/api/check", post(api_check))
        .route("/api/files", post(api_files))
        .route("/api/review", post(api_review))
        .fallback(|| async {
            refuse(StatusCode::NOT_FOUND, "没有这个页面。").into_response()
        })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(app)
}

/// Accept connections until the process ends: at most `MAX_CONNECTIONS` at once, each served by
/// hyper with a header-read timeout.
async fn serve(listener: tokio::net::TcpListener, timeouts: Timeouts) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    let router = router(timeouts);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(permit) = slots.clone().acquire_owned().await else {
            return;
        };
        let (stream, _) = match listener.accept().await {
            Ok(s) => s,
            Err(e) => {
                // Out of file descriptors and the like: wait, and go on.
                tracing::warn!("accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(timeouts.header)
                .max_buf_size(64 * 1024);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            let _ = conn.await;
            drop(permit);
        });
    }
}

fn asset(body: &'static str, mime: &'static str) -> Response {
    let mut r = Response::new(Body::from(body));
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    secure(h);
    r
}

/// Headers every response carries: the page runs only its own script and talks only to this
/// server.
fn secure(h: &mut axum::http::HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; \
             frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

/// A request refused: its status and the Chinese reason, sent as `{"error": reason}`.
struct Refusal {
    status: StatusCode,
    message: String,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let mut r = (self.status, axum::Json(json!({ "error": self.message }))).into_response();
        secure(r.headers_mut());
        r
    }
}

fn refuse(status: StatusCode, message: &str) -> Refusal {
    Refusal {
        status,
        message: message.to_string(),
    }
}

fn json_response(v: serde_json::Value) -> Response {
    let mut r = axum::Json(v).into_response();
    secure(r.headers_mut());
    r
}

#[derive(Deserialize)]
struct CheckRequest {
    text: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    year: Option<u16>,
    #[serde(default)]
    organ: Option<String>,
}

#[derive(Deserialize)]
struct ReviewRequest {
    files: Vec<ReviewFile>,
}

#[derive(Deserialize)]
struct ReviewFile {
    name: String,
    text: String,
}

/// The body of a request, read within `BODY_TIMEOUT` and `MAX_BODY`.
async fn body_of(req: Request, limit: Duration) -> Result<Bytes, Refusal> {
    match tokio::time::timeout(limit, axum::body::to_bytes(req.into_body(), MAX_BODY)).await {
        Err(_) => Err(refuse(
            StatusCode::REQUEST_TIMEOUT,
            "请求发送太慢，已中止。",
        )),
        Ok(Err(_)) => Err(too_large()),
        Ok(Ok(b)) => Ok(b),
    }
}

fn text_too_long() -> Refusal {
    refuse(StatusCode::PAYLOAD_TOO_LARGE, &text_too_long_message())
}

fn text_too_long_message() -> String {
    format!(
        "文本太长：一次最多检查 {} MB 的文本。",
        MAX_TEXT / (1024 * 1024)
    )
}

fn too_large() -> Refusal {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        &format!(
            "请求太大：一次最多上传 {} MB。请分批上传。",
            MAX_BODY / (1024 * 1024)
        ),
    )
}

/// Run an API request's work once a permit is free (the body is read only then); a refusal
/// becomes its response.
async fn with_permit(
    app: &App,
    work: impl std::future::Future<Output = Result<Response, Refusal>>,
) -> Response {
    let Ok(_permit) = app.work.acquire().await else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "服务正在关闭。").into_response();
    };
    work.await.unwrap_or_else(IntoResponse::into_response)
}

/// A JSON request body, read within the bounds and parsed.
async fn json_body<T: for<'de> Deserialize<'de>>(
    req: Request,
    limit: Duration,
) -> Result<T, Refusal> {
    let body = body_of(req, limit).await?;
    parse_json(&body)
}

fn parse_json<T: for<'de> Deserialize<'de>>(b: &[u8]) -> Result<T, Refusal> {
    serde_json::from_slice(b).map_err(|e| {
        refuse(
            StatusCode::BAD_REQUEST,
            &format!("请求格式错误（应为 JSON）：{e}"),
        )
    })
}

fn organ_of(s: Option<&str>) -> Result<Option<Organ>, Refusal> {
    Ok(match s {
        None | Some("") => None,
        Some("department") => Some(Organ::Department),
        Some("government") => Some(Organ::Government),
        Some("township") => Some(Organ::Township),
        Some(o) => {
            return Err(refuse(
                StatusCode::BAD_REQUEST,
                &format!("不认识的机关类型「{o}」：应为 department、government 或 township。"),
            ));
        }
    })
}

/// Check one text on a blocking thread; a panic of the checker is an error of this request.
async fn checked(
    name: String,
    text: String,
    opts: Options,
    map: Option<input::SourceMap>,
) -> Result<(Review, String), Refusal> {
    tokio::task::spawn_blocking(move || {
        std::panic::catch_unwind(|| {
            let a = check::check(&text, &opts);
            let r = report::review(&name, &text, &a, |off| {
                map.as_ref()
                    .and_then(|m| m.source_at(off))
                    .map(|s| s.to_string())
            });
            let html = review::html::fragment(&r);
            (r, html)
        })
    })
    .await
    .ok()
    .and_then(|r| r.ok())
    .ok_or_else(|| {
        refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "内部错误：检查时程序出错，请报告此问题。",
        )
    })
}

async fn api_check(State(app): State<Shared>, req: Request) -> Response {
    let run = async {
        let r: CheckRequest = json_body(req, app.body_timeout).await?;
        if r.text.len() > MAX_TEXT {
            return Err(text_too_long());
        }
        let year = match r.year {
            Some(y) if !check::doc::plausible_year(y) => {
                return Err(refuse(StatusCode::BAD_REQUEST, &check::doc::year_error(y)));
            }
            y => y,
        };
        let opts = Options {
            year,
            organ: organ_of(r.organ.as_deref())?,
            ..Default::default()
        };
        let name = display_name(r.name.as_deref().unwrap_or("草稿.md"));
        let (review, html) = checked(name, r.text, opts, None).await?;
        Ok(json_response(json!({ "review": review, "html": html })))
    };
    with_permit(&app, run).await
}

/// A file name as shown: its last path component, control characters removed, at most 200
/// chars. It is never used to open or write a file.
fn display_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.trim().is_empty() || clean == "." || clean == ".." {
        "未命名".to_string()
    } else {
        clean
    }
}

async fn api_files(State(app): State<Shared>, req: Request) -> Response {
    let run = async {
        let mut mp = Multipart::from_request(req, &()).await.map_err(|e| {
            refuse(
                StatusCode::BAD_REQUEST,
                &format!(
                    "上传格式错误（应为 multipart/form-data）：{}",
                    e.body_text()
                ),
            )
        })?;
        // Read every part first, within the time and size bounds.
        let mut parts: Vec<(String, Bytes)> = Vec::new();
        let read = async {
            loop {
                let field = match mp.next_field().await {
                    Ok(Some(f)) => f,
                    Ok(None) => return Ok(()),
                    Err(e) => return Err(multipart_error(e)),
                };
                if field.name() != Some("file") {
                    // Other fields are read and ignored (still within the body limit).
                    field.bytes().await.map_err(multipart_error)?;
                    continue;
                }
                if parts.len() == MAX_FILES {
                    return Err(refuse(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        &format!("文件太多：一次最多上传 {MAX_FILES} 个文件。请分批上传。"),
                    ));
                }
                let name = display_name(field.file_name().unwrap_or("未命名"));
                let bytes = field.bytes().await.map_err(multipart_error)?;
                parts.push((name, bytes));
            }
        };
        match tokio::time::timeout(app.body_timeout, read).await {
            Err(_) => {
                return Err(refuse(StatusCode::REQUEST_TIMEOUT, "上传太慢，已中止。"));
            }
            Ok(r) => r?,
        }
        if parts.is_empty() {
            return Err(refuse(StatusCode::BAD_REQUEST, "没有收到文件。"));
        }
        let mut files = Vec::with_capacity(parts.len());
        for (name, bytes) in parts {
            files.push(file_entry(name, bytes).await);
        }
        Ok(json_response(json!({ "files": files })))
    };
    with_permit(&app, run).await
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> Refusal {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return too_large();
    }
    refuse(
        StatusCode::BAD_REQUEST,
        &format!("上传内容不完整或格式错误：{}", e.body_text()),
    )
}

/// One uploaded file: converted, checked, or the reason it cannot be.
async fn file_entry(name: String, bytes: Bytes) -> serde_json::Value {
    let Some(kind) = Kind::of_path(std::path::Path::new(&name)) else {
        return json!({
            "name": name, "ok": false,
            "error": "不支持的文件类型：请上传 .md、.txt、.docx、.html/.htm 或 .pdf 文件。",
        });
    };
    let converted = tokio::task::spawn_blocking(move || {
        std::panic::catch_unwind(|| input::to_text(&bytes, kind))
    })
    .await;
    let c = match converted {
        Ok(Ok(Ok(c))) => c,
        Ok(Ok(Err(e))) => return json!({"name": name, "ok": false, "error": e.to_string()}),
        _ => {
            return json!({"name": name, "ok": false, "error": "内部错误：读取该文件时程序出错，请报告此问题。"});
        }
    };
    if c.text.len() > MAX_TEXT {
        return json!({
            "name": name, "ok": false,
            "error": text_too_long_message(),
        });
    }
    let input = match c.kind {
        Kind::Text => "text",
        Kind::Docx => "docx",
        Kind::Html => "html",
        Kind::Pdf => "pdf",
    };
    let text = c.text.clone();
    match checked(name.clone(), c.text, Options::default(), c.map).await {
        Ok((review, html)) => json!({
            "name": name, "ok": true, "input": input, "encoding": c.encoding,
            "text": text, "review": review, "html": html,
        }),
        Err(_) => {
            json!({"name": name, "ok": false, "error": "内部错误：检查时程序出错，请报告此问题。"})
        }
    }
}

async fn api_review(State(app): State<Shared>, req: Request) -> Response {
    let run = async {
        let r: ReviewRequest = json_body(req, app.body_timeout).await?;
        if r.files.is_empty() || r.files.len() > MAX_FILES {
            return Err(refuse(
                StatusCode::BAD_REQUEST,
                &format!("审核报告需要 1 至 {MAX_FILES} 份报告。"),
            ));
        }
        if r.files.iter().any(|f| f.text.len() > MAX_TEXT) {
            return Err(text_too_long());
        }
        let page = tokio::task::spawn_blocking(move || {
            std::panic::catch_unwind(move || {
                let reviews: Vec<Review> = r
                    .files
                    .iter()
                    .map(|f| {
                        let a = check::check(&f.text, &Options::default());
                        report::review(&display_name(&f.name), &f.text, &a, |_| None)
                    })
                    .collect();
                review::html::page(&reviews, REVIEW_TITLE)
            })
        })
        .await
        .ok()
        .and_then(|r| r.ok())
        .ok_or_else(|| {
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "内部错误：生成审核报告时程序出错，请报告此问题。",
            )
        })?;
        let mut resp = Response::new(Body::from(page));
        let h = resp.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        let disposition = format!(
            "attachment; filename=\"review.html\"; filename*=UTF-8''{}",
            review::percent_encode(REVIEW_FILE, false)
        );
        if let Ok(v) = HeaderValue::from_str(&disposition) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
        secure(h);
        Ok(resp)
    };
    with_permit(&app, run).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_lose_their_directories() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("..\\..\\win.ini"), "win.ini");
        assert_eq!(display_name(".."), "未命名");
        assert_eq!(display_name("a\u{0}b\n.md"), "ab.md");
        assert_eq!(display_name("报告.docx"), "报告.docx");
    }
}
