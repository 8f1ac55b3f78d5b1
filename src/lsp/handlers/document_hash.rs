//! `nianbao/documentHash` (for tests and bug reports): {version, length, hash} of the server's
//! copy of a document, and whether its incrementally kept blocks equal a full parse of that
//! text.

use crate::lsp::document::{Document, fnv1a};
use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::Uri;

/// The document's URI from the request's parameters.
pub fn uri(params: &Value) -> Result<Uri> {
    let uri = params
        .pointer("/textDocument/uri")
        .or_else(|| params.get("uri"))
        .and_then(Value::as_str)
        .ok_or_else(|| Error::invalid_params("textDocument.uri is required"))?;
    uri.parse().map_err(|_| Error::invalid_params("bad uri"))
}

pub fn document_hash(d: &Document) -> Value {
    json!({
        "version": d.version,
        "length": d.text.len(),
        "hash": fnv1a(&d.text),
        "blocksMatchFullParse": d.parsed.blocks() == crate::syntax::parse(&d.text).as_slice(),
    })
}
