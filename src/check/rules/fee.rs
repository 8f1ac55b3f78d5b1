//! The 信息处理费 statement in part six (2021 format).

use crate::check::doc::Analysis;
use crate::check::{Diagnostic, Severity};
use crate::syntax::{Block, BlockKind};

fn part_text<'a>(
    text: &'a str,
    blocks: &[Block],
    a: &Analysis,
    n: u8,
) -> Option<(String, &'a str)> {
    let p = a.part(n)?;
    let mut s = String::new();
    for b in &blocks[p.blocks.clone()] {
        if b.kind == BlockKind::Comment {
            continue;
        }
        for c in &b.cells {
            s.push_str(&c.folded);
        }
    }
    Some((s, &text[p.body.clone()]))
}

pub(super) fn fee(text: &str, blocks: &[Block], a: &Analysis, d: &mut Vec<Diagnostic>) {
    if !a.format.requires_fee_statement || a.year.is_none() {
        return;
    }
    let Some((s, _)) = part_text(text, blocks, a, 6) else {
        return;
    };
    if !s.contains("处理费") {
        let p = a.part(6).expect("part 6");
        d.push(Diagnostic::new(
            "fee-statement-missing",
            Severity::Warning,
            p.heading.clone(),
            "第六部分没有说明信息处理费的收取情况：2021版格式要求写明本年度是否收取及收取的金额（《政府信息公开信息处理费管理办法》，国办函〔2020〕109号），例如「本年度未收取信息处理费」。",
        ));
    }
}
