//! A finding as an LSP `Diagnostic` object, in JSON: the one shape every front end gives out
//! (the server publishes it, `nianbao check --format json` prints it).

use crate::check::Diagnostic;
use serde_json::{Value, json};
use std::ops::Range;

/// `{"line": l, "character": c}`.
pub fn position_json((line, character): (u32, u32)) -> Value {
    json!({"line": line, "character": character})
}

/// The finding `d` of the document `uri` as an LSP `Diagnostic` object; `range` gives the LSP
/// range object of a byte range (positions in the encoding the client uses). `data` holds the
/// finding's own data with its `rule` and the titles of its `fixes` added.
pub fn to_json(d: &Diagnostic, uri: &str, range: impl Fn(&Range<usize>) -> Value) -> Value {
    let mut data = match &d.data {
        Some(Value::Object(m)) => Value::Object(m.clone()),
        Some(v) => json!({ "value": v }),
        None => json!({}),
    };
    data["rule"] = json!(d.rule);
    if !d.fixes.is_empty() {
        data["fixes"] = json!(d.fixes.iter().map(|f| &f.title).collect::<Vec<_>>());
    }
    let mut o = json!({
        "range": range(&d.range),
        "severity": d.severity.lsp(),
        "code": d.rule,
        "source": "nianbao",
        "message": d.message,
    });
    if !d.related.is_empty() {
        o["relatedInformation"] = d
            .related
            .iter()
            .map(|r| json!({"location": {"uri": uri, "range": range(&r.range)}, "message": r.message}))
            .collect();
    }
    o["data"] = data;
    o
}
