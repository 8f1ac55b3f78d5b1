//! The handler fuzz target's entry point (`fuzz/fuzz_targets/handlers.rs`, replayed by
//! `tests/fuzz_corpus.rs`): every request handler at positions and ranges taken from the input,
//! in every position encoding, on random text or a generated draft damaged by the input. A
//! handler must not panic, and every edit it returns must convert back to byte ranges that
//! apply to the text and leave a text that checks.

use super::document::Analysed;
use super::handlers;
use crate::check::{self, Organ};
use crate::text::position::Encoding;
use serde_json::json;
use std::sync::Arc;
use tower_lsp_server::lsp_types::*;

const PIECES: [&str; 14] = [
    "",
    "\n",
    "\r\n",
    "|",
    " | ",
    "0",
    "16",
    "-",
    "（七）总计",
    "## ",
    "第",
    "𠀀",
    "😀",
    "\t",
];

/// The text to fuzz: the input itself (first byte even) or a generated draft damaged by it.
fn text_of(data: &[u8]) -> (String, &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return (String::new(), data);
    };
    if first % 2 == 0 {
        let split = rest.iter().position(|b| *b == 0).unwrap_or(rest.len());
        let text = String::from_utf8_lossy(&rest[..split]).into_owned();
        return (text, rest.get(split + 1..).unwrap_or(&[]));
    }
    let year = 2019 + u16::from(first / 2 % 7);
    let organ = if first & 0x80 != 0 {
        Organ::Government
    } else {
        Organ::Department
    };
    let mut text = if first & 0x40 != 0 {
        crate::template::sample_report(year, 4000, usize::from(first % 5), u64::from(first))
    } else {
        crate::template::new_report(year, Some("某县某局"), organ)
    };
    // Damage: up to 8 edits of 3 bytes (position, position, piece).
    let n = rest.first().map_or(0, |b| usize::from(b % 9));
    let ops = rest.get(1..).unwrap_or(&[]);
    for op in ops.chunks_exact(3).take(n) {
        let at = text
            .floor_char_boundary((usize::from(op[0]) << 8 | usize::from(op[1])) % (text.len() + 1));
        let end = text.ceil_char_boundary(at + usize::from(op[2] / 16));
        text.replace_range(at..end, PIECES[usize::from(op[2]) % PIECES.len()]);
    }
    (text, ops.get(3 * n..).unwrap_or(&[]))
}

fn apply(text: &str, a: &Analysed, enc: Encoding, edits: &[TextEdit]) {
    let lines = a.lines(enc);
    let mut spans: Vec<(std::ops::Range<usize>, &str)> = edits
        .iter()
        .map(|e| (lines.bytes(e.range), e.new_text.as_str()))
        .collect();
    spans.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for (r, s) in spans {
        assert!(r.end <= out.len() && out.is_char_boundary(r.start) && out.is_char_boundary(r.end));
        out.replace_range(r, s);
    }
    let _ = check::check(&out, &check::Options::default());
}

#[doc(hidden)]
pub fn fuzz_handlers(data: &[u8]) {
    let (text, ops) = text_of(data);
    let rope = ropey::Rope::from_str(&text);
    let analysis = check::check(&text, &check::Options::default());
    let a = Analysed {
        version: 1,
        generation: 0,
        text: Arc::new(text.clone()),
        rope,
        analysis,
    };
    let uri: Uri = "untitled:fuzz.md".parse().expect("uri");
    let doc = TextDocumentIdentifier { uri: uri.clone() };
    let lines = a.rope.len_lines() as u32;
    let mut positions = ops.chunks_exact(3).map(|p| {
        let line = u32::from(p[0]) % (lines + 2);
        let character = u32::from(p[1]);
        let enc = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][usize::from(p[2] % 3)];
        (Position::new(line, character), enc)
    });
    for _ in 0..16 {
        let Some((pos, enc)) = positions.next() else {
            break;
        };
        let (end, _) = positions.next().unwrap_or((pos, enc));
        let range = Range::new(pos, end);
        let at = TextDocumentPositionParams {
            text_document: doc.clone(),
            position: pos,
        };
        let _ = handlers::hover::hover(
            &a,
            enc,
            &HoverParams {
                text_document_position_params: at.clone(),
                work_done_progress_params: Default::default(),
            },
        );
        if let Some(CompletionResponse::Array(items)) = handlers::completion::completion(
            &a,
            enc,
            &CompletionParams {
                text_document_position: at,
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
                context: None,
            },
        ) {
            for i in items.iter().take(3) {
                if let Some(CompletionTextEdit::Edit(e)) = &i.text_edit {
                    apply(&text, &a, enc, std::slice::from_ref(e));
                }
            }
        }
        let actions = handlers::code_action::code_action(
            &a,
            enc,
            true,
            &CodeActionParams {
                text_document: doc.clone(),
                range,
                context: Default::default(),
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        );
        for x in actions.into_iter().flatten() {
            if let CodeActionOrCommand::CodeAction(x) = x
                && let Some(changes) = x.edit.and_then(|e| e.changes)
            {
                for edits in changes.values() {
                    apply(&text, &a, enc, edits);
                }
            }
        }
        let _ = handlers::inlay_hint::inlay_hint(
            &a,
            enc,
            &InlayHintParams {
                text_document: doc.clone(),
                range,
                work_done_progress_params: Default::default(),
            },
        );
        let formatted = handlers::formatting::range_formatting(
            &a,
            enc,
            &DocumentRangeFormattingParams {
                text_document: doc.clone(),
                range,
                options: Default::default(),
                work_done_progress_params: Default::default(),
            },
        );
        apply(&text, &a, enc, &formatted.unwrap_or_default());
    }
    let _ = handlers::document_symbol::document_symbol(&a, Encoding::Utf16);
    let _ = handlers::folding_range::folding_range(&a);
    let all = handlers::formatting::formatting(&a, Encoding::Utf16).unwrap_or_default();
    apply(&text, &a, Encoding::Utf16, &all);
    let year = ops.first().map_or(2024, |b| 2000 + u64::from(*b));
    let agency: String = text.chars().take(12).collect();
    let _ = handlers::execute_command::execute_command(&ExecuteCommandParams {
        command: "nianbao.newReport".into(),
        arguments: vec![json!({"year": year, "agency": agency})],
        work_done_progress_params: Default::default(),
    });
    let _ = handlers::document_hash::uri(&json!({"textDocument": {"uri": text}}));
}
