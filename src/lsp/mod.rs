//! The language server (tower-lsp-server). Nothing outside this module knows LSP types.
//!
//! Each open document keeps a rope (for positions) and a `String` mirror (for the analyser).
//! `didChange` mutates both synchronously before any `.await`, so edits apply in arrival order.
//! A per-document worker task coalesces bursts, analyses the latest version off the transport
//! (`spawn_blocking` + `catch_unwind`) and publishes once per analysed version.

mod convert;
mod cross;
mod document;
mod features;
mod settings;
mod transport;

use crate::check::{self, Analysis, Severity};
use crate::text::position::Encoding;
use convert::Lines;
use dashmap::DashMap;
use document::{Analysed, Document};
use serde_json::{Value, json};
use settings::{Enable, Settings};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};
use tracing::{error, info, warn};

/// Feed bytes through the framing filter's parser; every frame it passes must be decodable.
#[doc(hidden)]
pub fn fuzz_frames(data: &[u8]) {
    let mut f = transport::Framer::default();
    // Deliver in two pieces to exercise partial frames.
    let mid = data.len() / 2;
    for part in [&data[..mid], &data[mid..]] {
        f.push(part);
        while let Some(frame) = f.next_frame() {
            if let transport::Frame::Message(body) = frame {
                assert!(transport::valid_body(&body).is_ok());
            }
        }
    }
}

/// Run the server over stdio until `exit` or end of input.
pub fn run() -> ExitCode {
    init_tracing();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("nianbao: 无法启动运行时：{e}");
            return ExitCode::from(2);
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    rt.block_on(async move {
        let (service, socket) = LspService::build(move |client| Backend::new(client, flag))
            .custom_method("nianbao/documentHash", Backend::document_hash)
            .finish();
        // Malformed frames are filtered out before the framework sees them (see transport.rs).
        let (filtered, sink) = tokio::io::duplex(1 << 20);
        tokio::spawn(transport::filter(tokio::io::stdin(), sink));
        Server::new(filtered, tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    // Blocked stdin reads and running analyses must not keep the process alive.
    rt.shutdown_background();
    if shutdown.load(Ordering::SeqCst) {
        info!("exit after shutdown");
        ExitCode::SUCCESS
    } else {
        info!("exit without shutdown");
        ExitCode::from(1)
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = std::env::var("NIANBAO_LOG").unwrap_or_else(|_| "warn".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

pub(crate) struct Inner {
    client: Client,
    docs: DashMap<Uri, Document>,
    settings: RwLock<Settings>,
    generation: AtomicU64,
    encoding: AtomicU8,
    shutdown: Arc<AtomicBool>,
    /// Analyses of report files beside the open documents (for cross-year checks).
    disk: Arc<cross::DiskCache>,
}

/// What one analysis needs: the document's text and blocks, and the other open documents.
struct Job {
    version: i32,
    text: Arc<String>,
    rope: ropey::Rope,
    blocks: Arc<Vec<crate::syntax::Block>>,
    path: Option<std::path::PathBuf>,
    peers: Vec<cross::Peer>,
}

pub struct Backend {
    inner: Arc<Inner>,
}

fn enc_to_u8(e: Encoding) -> u8 {
    match e {
        Encoding::Utf8 => 8,
        Encoding::Utf16 => 16,
        Encoding::Utf32 => 32,
    }
}

impl Inner {
    fn encoding(&self) -> Encoding {
        match self.encoding.load(Ordering::Relaxed) {
            8 => Encoding::Utf8,
            32 => Encoding::Utf32,
            _ => Encoding::Utf16,
        }
    }
    fn settings(&self) -> Settings {
        self.settings.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// The current version of `uri` and the other open documents, for one analysis.
    fn job(&self, uri: &Uri) -> Option<Job> {
        let (version, text, rope, blocks) = {
            let d = self.docs.get(uri)?;
            (
                d.version,
                d.text.clone(),
                d.rope.clone(),
                d.parsed.snapshot(),
            )
        };
        let mut peers = Vec::new();
        for e in self.docs.iter() {
            if e.key() == uri {
                continue;
            }
            let d = e.value();
            let analysed = d.analysed.clone().filter(|a| a.version == d.version);
            peers.push(cross::Peer {
                path: cross::file_path(e.key()),
                // The text is needed only when there is no current analysis to reuse.
                text: if analysed.is_some() {
                    Arc::default()
                } else {
                    d.text.clone()
                },
                blocks: d.parsed.snapshot(),
                analysed,
            });
        }
        Some(Job {
            version,
            text,
            rope,
            blocks,
            path: cross::file_path(uri),
            peers,
        })
    }

    /// Wakes the open documents whose last year's report is `key`'s document.
    fn notify_next_year(&self, uri: &Uri, keys: &[Option<(String, u16)>]) {
        for e in self.docs.iter() {
            if e.key() == uri {
                continue;
            }
            let next = e.value().analysed.as_ref().and_then(|a| a.key.clone());
            if let Some((ag, y)) = next
                && keys
                    .iter()
                    .flatten()
                    .any(|(a, py)| *a == ag && py.wrapping_add(1) == y)
            {
                e.value().notify.notify_one();
            }
        }
    }

    /// The analysis of the current version of `uri` (computed now if the worker is behind).
    async fn current(&self, uri: &Uri) -> Option<Arc<Analysed>> {
        let generation = self.generation.load(Ordering::SeqCst);
        {
            let d = self.docs.get(uri)?;
            if let Some(a) = &d.analysed
                && a.version == d.version
                && a.generation == generation
            {
                return Some(a.clone());
            }
        }
        let job = self.job(uri)?;
        let version = job.version;
        let opts = self.settings().options;
        let analysed = analyse(job, generation, opts, self.disk.clone())
            .await
            .ok()?;
        let analysed = Arc::new(analysed);
        if let Some(mut d) = self.docs.get_mut(uri)
            && d.version == version
        {
            d.analysed = Some(analysed.clone());
        }
        Some(analysed)
    }

    fn lsp_diagnostics(&self, uri: &Uri, a: &Analysed) -> Vec<Diagnostic> {
        let show = match self.settings().enable {
            Enable::Never => false,
            Enable::Always => true,
            Enable::Auto => a.analysis.is_report,
        };
        if !show {
            return Vec::new();
        }
        let lines = a.lines(self.encoding());
        a.analysis
            .diagnostics
            .iter()
            .map(|d| to_lsp(uri, &lines, d))
            .collect()
    }
}

/// Analyse one version off the async runtime, with the cross-year findings against last year's
/// report when one is open or beside the file; a panic becomes `Err(message)`.
async fn analyse(
    job: Job,
    generation: u64,
    opts: check::Options,
    disk: Arc<cross::DiskCache>,
) -> std::result::Result<Analysed, String> {
    let Job {
        version,
        text,
        rope,
        blocks,
        path,
        peers,
    } = job;
    let res = tokio::task::spawn_blocking(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // Debug builds only: lets the protocol tests exercise the panic path.
            #[cfg(debug_assertions)]
            if let Ok(marker) = std::env::var("NIANBAO_LSP_TEST_PANIC")
                && !marker.is_empty()
                && text.contains(&marker)
            {
                panic!("test panic requested");
            }
            let mut analysis = check::analyze(&text, &blocks, &opts);
            let key = analysis
                .is_report
                .then(|| check::cross::agency_year(&text, &analysis))
                .flatten();
            if let Some(k) = &key {
                let extra = cross::findings(k, &analysis, path.as_deref(), &peers, &disk, &opts);
                if !extra.is_empty() {
                    check::finish_extra(&text, &blocks, &opts, &mut analysis.diagnostics, extra);
                }
            }
            (analysis, key)
        }));
        r.map(|(analysis, key): (Analysis, _)| Analysed {
            version,
            generation,
            rope,
            text,
            analysis,
            key,
        })
        .map_err(|p| {
            p.downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into())
        })
    })
    .await;
    match res {
        Ok(r) => r,
        Err(e) => Err(e.to_string()),
    }
}

pub(crate) fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub(crate) fn to_lsp(uri: &Uri, lines: &Lines, d: &check::Diagnostic) -> Diagnostic {
    let mut data = match &d.data {
        Some(Value::Object(m)) => Value::Object(m.clone()),
        Some(v) => json!({ "value": v }),
        None => json!({}),
    };
    data["rule"] = json!(d.rule);
    if !d.fixes.is_empty() {
        data["fixes"] = json!(d.fixes.iter().map(|f| &f.title).collect::<Vec<_>>());
    }
    Diagnostic {
        range: lines.range(&d.range),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        source: Some("nianbao".into()),
        message: d.message.clone(),
        related_information: (!d.related.is_empty()).then(|| {
            d.related
                .iter()
                .map(|r| DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), lines.range(&r.range)),
                    message: r.message.clone(),
                })
                .collect()
        }),
        data: Some(data),
        ..Default::default()
    }
}

/// Analyses the latest version whenever notified; publishes once per analysed version.
async fn worker(inner: Arc<Inner>, uri: Uri, notify: Arc<tokio::sync::Notify>) {
    loop {
        notify.notified().await;
        let Some(job) = inner.job(&uri) else {
            return;
        };
        let version = job.version;
        let generation = inner.generation.load(Ordering::SeqCst);
        let opts = inner.settings().options;
        let result = analyse(job, generation, opts, inner.disk.clone()).await;
        // Superseded (or closed): drop the result, a newer notification is pending.
        let diagnostics = {
            let Some(mut d) = inner.docs.get_mut(&uri) else {
                return;
            };
            if d.version != version {
                continue;
            }
            match result {
                Ok(a) => {
                    let a = Arc::new(a);
                    let old = d.analysed.replace(a.clone()).and_then(|o| o.key.clone());
                    drop(d);
                    // Next year's open report compares against this one: let it recheck.
                    if old.is_some() || a.key.is_some() {
                        inner.notify_next_year(&uri, &[old, a.key.clone()]);
                    }
                    inner.lsp_diagnostics(&uri, &a)
                }
                Err(msg) => {
                    drop(d);
                    error!(uri = uri.as_str(), "analysis panicked: {msg}");
                    vec![Diagnostic {
                        range: Range::default(),
                        severity: Some(DiagnosticSeverity::ERROR),
                        code: Some(NumberOrString::String("internal-error".into())),
                        source: Some("nianbao".into()),
                        message: format!("nianbao 内部错误，未能检查此文档：{msg}"),
                        ..Default::default()
                    }]
                }
            }
        };
        inner
            .client
            .publish_diagnostics(uri.clone(), diagnostics, Some(version))
            .await;
    }
}

impl Backend {
    fn new(client: Client, shutdown: Arc<AtomicBool>) -> Self {
        Backend {
            inner: Arc::new(Inner {
                client,
                docs: DashMap::new(),
                settings: RwLock::new(Settings::default()),
                generation: AtomicU64::new(0),
                encoding: AtomicU8::new(16),
                shutdown,
                disk: Arc::new(cross::DiskCache::default()),
            }),
        }
    }

    /// `nianbao/documentHash`: {version, length, hash} of the server's copy of a document, and
    /// whether its incrementally kept blocks equal a full parse of that text.
    async fn document_hash(&self, params: Value) -> Result<Value> {
        let uri = params
            .pointer("/textDocument/uri")
            .or_else(|| params.get("uri"))
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid_params("textDocument.uri is required"))?;
        let uri: Uri = uri.parse().map_err(|_| Error::invalid_params("bad uri"))?;
        let d = self
            .inner
            .docs
            .get(&uri)
            .ok_or_else(|| Error::invalid_params("document is not open"))?;
        Ok(json!({
            "version": d.version,
            "length": d.text.len(),
            "hash": document::fnv1a(&d.text),
            "blocksMatchFullParse": d.parsed.blocks() == crate::syntax::parse(&d.text).as_slice(),
        }))
    }

    fn apply_settings(&self, v: &Value) {
        let s = Settings::from_json(v);
        info!(?s, "settings");
        if let Ok(mut w) = self.inner.settings.write() {
            *w = s;
        }
        self.inner.generation.fetch_add(1, Ordering::SeqCst);
        for d in self.inner.docs.iter() {
            d.notify.notify_one();
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let enc = convert::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        self.inner.encoding.store(enc_to_u8(enc), Ordering::SeqCst);
        if let Some(o) = &params.initialization_options {
            self.apply_settings(o);
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(enc)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["第".into(), "|".into(), "#".into()]),
                    ..Default::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR_REWRITE,
                        ]),
                        ..Default::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                document_formatting_provider: Some(OneOf::Left(true)),
                document_range_formatting_provider: Some(OneOf::Left(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec!["nianbao.newReport".into()],
                    ..Default::default()
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "nianbao".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        info!("initialized");
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.shutdown.store(true, Ordering::SeqCst);
        for mut d in self.inner.docs.iter_mut() {
            if let Some(w) = d.worker.take() {
                w.abort();
            }
        }
        Ok(())
    }

    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        let uri = p.text_document.uri;
        let mut doc = Document::new(p.text_document.text, p.text_document.version);
        let notify = doc.notify.clone();
        doc.worker = Some(tokio::spawn(worker(
            self.inner.clone(),
            uri.clone(),
            notify.clone(),
        )));
        if let Some(old) = self.inner.docs.insert(uri.clone(), doc)
            && let Some(w) = old.worker
        {
            w.abort();
        }
        notify.notify_one();
        info!(uri = uri.as_str(), "opened");
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        // State first, synchronously: no `.await` before the edit is applied.
        let enc = self.inner.encoding();
        let uri = p.text_document.uri;
        let version = p.text_document.version;
        let outcome = match self.inner.docs.get_mut(&uri) {
            None => Err(None),
            Some(d) if version <= d.version => Err(Some(d.version)),
            Some(mut d) => {
                for ch in p.content_changes {
                    d.apply(ch, enc);
                }
                d.version = version;
                d.notify.notify_one();
                Ok(())
            }
        };
        match outcome {
            Ok(()) => {}
            Err(None) => warn!(
                uri = uri.as_str(),
                "didChange for a document that is not open"
            ),
            Err(Some(have)) => warn!(
                uri = uri.as_str(),
                "stale didChange: version {version} after {have}; ignored"
            ),
        }
    }

    async fn did_close(&self, p: DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        if let Some((_, d)) = self.inner.docs.remove(&uri) {
            if let Some(w) = d.worker {
                w.abort();
            }
            // Next year's report falls back to the file on disk.
            if let Some(a) = &d.analysed {
                self.inner
                    .notify_next_year(&uri, std::slice::from_ref(&a.key));
            }
        }
        self.inner
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn did_change_configuration(&self, p: DidChangeConfigurationParams) {
        self.apply_settings(&p.settings);
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        let uri = &p.text_document_position_params.text_document.uri;
        let Some(a) = self.inner.current(uri).await else {
            return Ok(None);
        };
        Ok(features::hover(
            &a,
            self.inner.encoding(),
            p.text_document_position_params.position,
        ))
    }

    async fn completion(&self, p: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = &p.text_document_position.text_document.uri;
        let Some(a) = self.inner.current(uri).await else {
            return Ok(None);
        };
        let items =
            features::completion(&a, self.inner.encoding(), p.text_document_position.position);
        Ok((!items.is_empty()).then_some(CompletionResponse::Array(items)))
    }

    async fn code_action(&self, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(a) = self.inner.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        let diags = self.inner.lsp_diagnostics(&p.text_document.uri, &a);
        Ok(Some(features::code_actions(
            &a,
            self.inner.encoding(),
            &p.text_document.uri,
            p.range,
            &diags,
        )))
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(a) = self.inner.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(features::symbols(
            &a,
            self.inner.encoding(),
        ))))
    }

    async fn folding_range(&self, p: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(a) = self.inner.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(features::folding(&a, self.inner.encoding())))
    }

    async fn inlay_hint(&self, p: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(a) = self.inner.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(features::inlay_hints(
            &a,
            self.inner.encoding(),
            p.range,
        )))
    }

    async fn formatting(&self, p: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let Some(a) = self.inner.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        let lines = a.lines(self.inner.encoding());
        let edits = features::format_tables(&a.text)
            .into_iter()
            .map(|(r, s)| TextEdit::new(lines.range(&r), s))
            .collect();
        Ok(Some(edits))
    }

    async fn range_formatting(
        &self,
        p: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let Some(a) = self.inner.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        let lines = a.lines(self.inner.encoding());
        let (s, e) = (lines.offset(p.range.start), lines.offset(p.range.end));
        // Rows touching the range, aligned to their whole table.
        let edits = features::format_tables(&a.text)
            .into_iter()
            .filter(|(r, _)| r.start <= e && s <= r.end)
            .map(|(r, s)| TextEdit::new(lines.range(&r), s))
            .collect();
        Ok(Some(edits))
    }

    async fn execute_command(&self, p: ExecuteCommandParams) -> Result<Option<Value>> {
        match p.command.as_str() {
            "nianbao.newReport" => {
                let arg = p.arguments.first().cloned().unwrap_or(Value::Null);
                let year = arg
                    .get("year")
                    .and_then(|y| y.as_u64().or_else(|| y.as_str()?.parse().ok()))
                    .and_then(|y| u16::try_from(y).ok())
                    .ok_or_else(|| Error::invalid_params("year is required"))?;
                let agency = arg.get("agency").and_then(Value::as_str);
                let organ = match arg.get("organ").and_then(Value::as_str) {
                    Some("government") => check::Organ::Government,
                    _ => check::Organ::Department,
                };
                Ok(Some(Value::String(crate::draft::new_report(
                    year, agency, organ,
                ))))
            }
            other => Err(Error::invalid_params(format!("unknown command {other}"))),
        }
    }
}
