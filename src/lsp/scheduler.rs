//! Analysis scheduling. A worker task per open document coalesces bursts of edits, analyses the
//! latest version off the async runtime (`spawn_blocking` + `catch_unwind`) and publishes once
//! per analysed version; requests that find the worker behind analyse the current version
//! themselves (`ServerState::current`).

use super::convert::Lines;
use super::document::Analysed;
use super::handlers::diagnostics::{internal_error, to_lsp};
use super::handlers::panic_message;
use super::last_year::{self, DiskCache, OpenReport};
use super::state::ServerState;
use crate::check::{self, pairing::ReportKey};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tower_lsp_server::lsp_types::Uri;
use tracing::error;

/// What one analysis needs: the document's text and blocks, and the other open documents.
pub struct AnalysisRequest {
    pub version: i32,
    pub text: Arc<String>,
    pub rope: ropey::Rope,
    pub blocks: Arc<Vec<crate::syntax::Block>>,
    pub path: Option<std::path::PathBuf>,
    /// The other open documents (last year's report may be one of them).
    pub open: Vec<OpenReport>,
}

impl ServerState {
    /// The current version of `uri` and the other open documents, for one analysis.
    pub fn request(&self, uri: &Uri) -> Option<AnalysisRequest> {
        let (version, text, rope, blocks) = {
            let d = self.docs.get(uri)?;
            (
                d.version,
                d.text.clone(),
                d.rope.clone(),
                d.parsed.snapshot(),
            )
        };
        let mut open = Vec::new();
        for e in self.docs.iter() {
            if e.key() == uri {
                continue;
            }
            let d = e.value();
            let analysed = d.analysed.clone().filter(|a| a.version == d.version);
            open.push(OpenReport {
                path: last_year::file_path(e.key()),
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
        Some(AnalysisRequest {
            version,
            text,
            rope,
            blocks,
            path: last_year::file_path(uri),
            open,
        })
    }

    /// Wakes the open documents whose last year's report is `key`'s document.
    pub fn notify_next_year(&self, uri: &Uri, keys: &[Option<ReportKey>]) {
        for e in self.docs.iter() {
            if e.key() == uri {
                continue;
            }
            let next = e
                .value()
                .analysed
                .as_ref()
                .and_then(|a| a.analysis.key.clone());
            if let Some(next) = next
                && keys.iter().flatten().any(|k| k.precedes(&next))
            {
                e.value().notify.notify_one();
            }
        }
    }
}

/// Analyse one version off the async runtime, with the cross-year findings against last year's
/// report when one is open or beside the file; a panic becomes `Err(message)`.
pub async fn analyse(
    request: AnalysisRequest,
    generation: u64,
    opts: check::Options,
    disk: Arc<DiskCache>,
) -> std::result::Result<Analysed, String> {
    let AnalysisRequest {
        version,
        text,
        rope,
        blocks,
        path,
        open,
    } = request;
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
            check::analyse(&text, &blocks, &opts, |key| {
                last_year::find(key?, path.as_deref(), &open, &disk, &opts)
            })
        }));
        r.map(|analysis| Analysed {
            version,
            generation,
            rope,
            text,
            analysis,
        })
        .map_err(|p| panic_message(p.as_ref()))
    })
    .await;
    match res {
        Ok(r) => r,
        Err(e) => Err(e.to_string()),
    }
}

/// Analyses the latest version whenever notified; publishes once per analysed version.
pub async fn worker(state: Arc<ServerState>, uri: Uri, notify: Arc<tokio::sync::Notify>) {
    loop {
        notify.notified().await;
        let Some(request) = state.request(&uri) else {
            return;
        };
        let version = request.version;
        let generation = state.generation.load(Ordering::SeqCst);
        let opts = state.settings().options;
        let result = analyse(request, generation, opts, state.disk.clone()).await;
        // Superseded (or closed): drop the result, a newer notification is pending.
        let diagnostics = {
            let Some(mut d) = state.docs.get_mut(&uri) else {
                return;
            };
            if d.version != version {
                continue;
            }
            match result {
                Ok(a) => {
                    let a = Arc::new(a);
                    let old = d
                        .analysed
                        .replace(a.clone())
                        .and_then(|o| o.analysis.key.clone());
                    drop(d);
                    // Next year's open report compares against this one: let it recheck.
                    if old.is_some() || a.analysis.key.is_some() {
                        state.notify_next_year(&uri, &[old, a.analysis.key.clone()]);
                    }
                    state.diagnostics(&uri, &a)
                }
                Err(msg) => {
                    drop(d);
                    error!(uri = uri.as_str(), "analysis panicked: {msg}");
                    // At the start of the document, whatever its text.
                    let rope = ropey::Rope::new();
                    let lines = Lines {
                        text: "",
                        rope: &rope,
                        enc: state.encoding(),
                    };
                    vec![to_lsp(&uri, &lines, &internal_error(&msg))]
                }
            }
        };
        state
            .client
            .publish_diagnostics(uri.clone(), diagnostics, Some(version))
            .await;
    }
}
