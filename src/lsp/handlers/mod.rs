//! One file per LSP method: each converts the request's positions and types, calls the editor
//! feature in `crate::ide` and converts the answer back. Nothing else happens here.
//!
//! Every handler runs through [`guard`]: a panic answers that request with an internal error and
//! is logged, and the server keeps serving.

pub mod code_action;
pub mod completion;
pub mod diagnostics;
pub mod document_hash;
pub mod document_symbol;
pub mod execute_command;
pub mod folding_range;
pub mod formatting;
pub mod hover;
pub mod inlay_hint;

use tower_lsp_server::jsonrpc::{Error, Result};
use tracing::error;

/// Runs handler `f` of `method`; a panic becomes an internal-error response.
pub fn guard<T>(method: &str, f: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Debug builds only: lets the protocol tests exercise this path.
        #[cfg(debug_assertions)]
        if std::env::var("NIANBAO_LSP_TEST_PANIC_METHOD").is_ok_and(|m| m == method) {
            panic!("test panic requested in {method}");
        }
        f()
    }))
    .map_err(|p| {
        let msg = panic_message(p.as_ref());
        error!(method, "handler panicked: {msg}");
        let mut e = Error::internal_error();
        e.message = format!("nianbao 内部错误（{method}）：{msg}").into();
        e
    })
}

/// The panic message of a caught panic.
pub fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}
