//! The `LanguageServer` implementation: document synchronisation, and each request handed to
//! its handler (`handlers/`) over the analysis of the document's current version, guarded
//! against panics.

use super::convert;
use super::document::{Analysed, Document};
use super::handlers::{self, guard};
use super::scheduler::worker;
use super::state::ServerState;
use crate::text::position::Encoding;
use serde_json::Value;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tower_lsp_server::LanguageServer;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::*;
use tracing::{info, warn};

pub struct Backend {
    state: Arc<ServerState>,
}

impl Backend {
    pub fn new(client: tower_lsp_server::Client, shutdown: Arc<AtomicBool>) -> Self {
        Backend {
            state: Arc::new(ServerState::new(client, shutdown)),
        }
    }

    /// Runs handler `f` of `method` over the current analysis of `uri` (`None` when the
    /// document is not open).
    async fn request<T>(
        &self,
        method: &str,
        uri: &Uri,
        f: impl FnOnce(&Analysed, Encoding) -> Option<T>,
    ) -> Result<Option<T>> {
        let Some(a) = self.state.current(uri).await else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        guard(method, || f(&a, enc))
    }

    /// `nianbao/documentHash`.
    pub async fn document_hash(&self, params: Value) -> Result<Value> {
        let uri = handlers::document_hash::uri(&params)?;
        let d = self
            .state
            .docs
            .get(&uri)
            .ok_or_else(|| Error::invalid_params("document is not open"))?;
        guard("nianbao/documentHash", || {
            handlers::document_hash::document_hash(&d)
        })
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
        self.state.set_encoding(enc);
        if let Some(o) = &params.initialization_options {
            let problems = self.state.apply_settings(o);
            // window/showMessage may be sent before the initialize response.
            self.state.report_settings_problems(problems).await;
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
                    commands: handlers::execute_command::COMMANDS
                        .iter()
                        .map(|c| c.to_string())
                        .collect(),
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
        self.state.shutdown.store(true, Ordering::SeqCst);
        for mut d in self.state.docs.iter_mut() {
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
            self.state.clone(),
            uri.clone(),
            notify.clone(),
        )));
        if let Some(old) = self.state.docs.insert(uri.clone(), doc)
            && let Some(w) = old.worker
        {
            w.abort();
        }
        notify.notify_one();
        info!(uri = uri.as_str(), "opened");
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        // State first, synchronously: no `.await` before the edit is applied.
        let enc = self.state.encoding();
        let uri = p.text_document.uri;
        let version = p.text_document.version;
        let outcome = match self.state.docs.get_mut(&uri) {
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
        if let Some((_, d)) = self.state.docs.remove(&uri) {
            if let Some(w) = d.worker {
                w.abort();
            }
            // Next year's report falls back to the file on disk.
            if let Some(a) = &d.analysed {
                self.state
                    .notify_next_year(&uri, std::slice::from_ref(&a.analysis.key));
            }
        }
        self.state
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn did_change_configuration(&self, p: DidChangeConfigurationParams) {
        let problems = self.state.apply_settings(&p.settings);
        self.state.report_settings_problems(problems).await;
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        let uri = &p.text_document_position_params.text_document.uri;
        self.request("textDocument/hover", uri, |a, enc| {
            handlers::hover::hover(a, enc, &p)
        })
        .await
    }

    async fn completion(&self, p: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = &p.text_document_position.text_document.uri;
        self.request("textDocument/completion", uri, |a, enc| {
            handlers::completion::completion(a, enc, &p)
        })
        .await
    }

    async fn code_action(&self, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let state = &self.state;
        self.request("textDocument/codeAction", &p.text_document.uri, |a, enc| {
            handlers::code_action::code_action(a, enc, state.shows(a), &p)
        })
        .await
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.request(
            "textDocument/documentSymbol",
            &p.text_document.uri,
            handlers::document_symbol::document_symbol,
        )
        .await
    }

    async fn folding_range(&self, p: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.request("textDocument/foldingRange", &p.text_document.uri, |a, _| {
            handlers::folding_range::folding_range(a)
        })
        .await
    }

    async fn inlay_hint(&self, p: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.request("textDocument/inlayHint", &p.text_document.uri, |a, enc| {
            handlers::inlay_hint::inlay_hint(a, enc, &p)
        })
        .await
    }

    async fn formatting(&self, p: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.request("textDocument/formatting", &p.text_document.uri, |a, enc| {
            handlers::formatting::formatting(a, enc)
        })
        .await
    }

    async fn range_formatting(
        &self,
        p: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        self.request(
            "textDocument/rangeFormatting",
            &p.text_document.uri,
            |a, enc| handlers::formatting::range_formatting(a, enc, &p),
        )
        .await
    }

    async fn execute_command(&self, p: ExecuteCommandParams) -> Result<Option<Value>> {
        guard("workspace/executeCommand", || {
            handlers::execute_command::execute_command(&p)
        })?
    }
}
