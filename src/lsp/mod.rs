//! The language server (tower-lsp-server). Nothing outside this module knows LSP types.
//!
//! | file | holds |
//! |---|---|
//! | `server.rs` | the `LanguageServer` implementation: document sync, each request to its handler |
//! | `handlers/` | one file per method: converts positions and types around a `crate::ide` call |
//! | `state.rs` | open documents, settings, position encoding, the current analysis of a document |
//! | `scheduler.rs` | a worker per document: analyses the latest version, publishes diagnostics |
//! | `document.rs` | a document's rope and text, incremental edits, an analysed version |
//! | `last_year.rs` | last year's report for the cross-year checks: open documents, then files beside |
//! | `convert.rs` | byte ranges ↔ LSP positions (over the document's rope) |
//! | `settings.rs` | `nianbao.*` settings |
//! | `transport.rs` | the framing filter on stdin |
//!
//! Each open document keeps a rope (for positions) and a `String` mirror (for the analyser).
//! `didChange` mutates both synchronously before any `.await`, so edits apply in arrival order.

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod convert;
mod document;
mod fuzz;
pub mod handlers;
mod last_year;
mod scheduler;
mod server;
mod settings;
mod state;
mod transport;

pub use fuzz::fuzz_handlers;
pub use transport::fuzz_frames;

use server::Backend;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tower_lsp_server::{LspService, Server};
use tracing::{error, info};

/// Run the server over stdio until `exit` or end of input.
pub fn run() -> ExitCode {
    init_tracing();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            error!("无法启动运行时：{e}");
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
