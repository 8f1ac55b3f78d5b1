//! The six parts: missing, duplicated, out of order, non-standard headings, empty.

use super::{cn, last_line};
use crate::check::doc::Analysis;
use crate::check::{Diagnostic, Edit, Severity};
use crate::syntax::{Block, BlockKind};

pub(super) fn parts(text: &str, blocks: &[Block], a: &Analysis, d: &mut Vec<Diagnostic>) {
    let f = a.format;
    // Missing parts: reported at the place the part belongs.
    for p in &f.parts {
        if a.part(p.number).is_none() {
            let (at, insert_at) = match a.parts.iter().find(|q| q.number > p.number) {
                Some(next) => (next.heading.clone(), blocks[next.block].start),
                None => {
                    let end = a.signature.block.map_or(text.len(), |b| blocks[b].start);
                    let line = last_line(text, end);
                    (line, end)
                }
            };
            let heading = f.heading(p);
            let md = a.parts.first().and_then(|q| blocks[q.block].md_level);
            let prefix = md
                .map(|l| format!("{} ", "#".repeat(l as usize)))
                .unwrap_or_default();
            let mut insert = format!("{prefix}{heading}\n\n");
            if insert_at > 0 && !text[..insert_at].ends_with('\n') {
                insert.insert(0, '\n');
            }
            d.push(
                Diagnostic::new(
                    "missing-part",
                    Severity::Error,
                    at,
                    format!(
                        "缺少第{}部分「{}」（依据《条例》{}）。",
                        cn(p.number),
                        heading,
                        p.basis
                    ),
                )
                .fix(
                    format!("插入标题「{heading}」"),
                    vec![Edit {
                        range: insert_at..insert_at,
                        text: insert,
                    }],
                ),
            );
        }
    }
    // Duplicates and order.
    let mut seen: Vec<u8> = Vec::new();
    let mut max_seen = 0u8;
    for p in &a.parts {
        if seen.contains(&p.number) {
            let first = a.parts.iter().find(|q| q.number == p.number).expect("seen");
            d.push(
                Diagnostic::new(
                    "duplicate-part",
                    Severity::Warning,
                    p.heading.clone(),
                    format!("第{}部分出现了两次。", cn(p.number)),
                )
                .related(first.heading.clone(), "第一次出现在这里"),
            );
            continue;
        }
        if p.number < max_seen {
            d.push(Diagnostic::new(
                "part-order",
                Severity::Warning,
                p.heading.clone(),
                format!(
                    "第{}部分应排在第{}部分之前：六个部分须按“一”到“六”的顺序排列。",
                    cn(p.number),
                    cn(max_seen)
                ),
            ));
        }
        seen.push(p.number);
        max_seen = max_seen.max(p.number);
        if !p.standard {
            let part = f.parts.iter().find(|q| q.number == p.number).expect("part");
            let standard = f.heading(part);
            let b = &blocks[p.block];
            let mut replacement = standard.clone();
            let current = &text[p.heading.clone()];
            if current.starts_with("**") && current.ends_with("**") {
                replacement = format!("**{standard}**");
            }
            d.push(
                Diagnostic::new(
                    "nonstandard-heading",
                    Severity::Hint,
                    p.heading.clone(),
                    format!("标准标题是「{standard}」。"),
                )
                .fix(
                    format!("改为「{standard}」"),
                    vec![Edit {
                        range: p.heading.clone(),
                        text: replacement,
                    }],
                ),
            );
            let _ = b;
        }
        // Empty parts.
        let has_content = blocks[p.blocks.clone()]
            .iter()
            .any(|b| b.kind != BlockKind::Comment && b.cells.iter().any(|c| !c.folded.is_empty()));
        if !has_content {
            d.push(Diagnostic::new(
                "empty-part",
                Severity::Warning,
                p.heading.clone(),
                format!("第{}部分没有内容。", cn(p.number)),
            ));
        }
    }
}
