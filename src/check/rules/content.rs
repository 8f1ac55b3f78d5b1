//! What the parts say: the topics the format data lists for a part (`missing-content`: part 一's
//! five topics in the 2021 format, a government's 工作考核、社会评议和责任追究结果, part 五's
//! problems and improvements, a government's part 六 items), and 规章 reported by a county-level
//! or township organ (`county-rules`, relation P7).

use super::{carried_int, cn};
use crate::check::doc::{self, Analysis, Organ};
use crate::check::{Diagnostic, Severity};
use crate::format::{Part, Topic, TopicLevel, ids};
use crate::syntax::{Block, BlockKind};
use serde_json::json;
use std::ops::Range;

/// The folded text of a range of blocks (comments left out), cells joined as they are.
fn folded(blocks: &[Block], range: Range<usize>) -> String {
    let mut s = String::new();
    for b in &blocks[range] {
        if b.kind == BlockKind::Comment {
            continue;
        }
        for c in &b.cells {
            s.push_str(&c.folded);
        }
    }
    s
}

/// Whether a keyword of `t` occurs in `text` (folded) other than right after one of its
/// `not_after` words in the same clause.
fn covered(t: &Topic, text: &str) -> bool {
    // The keywords are folded when the format data is loaded.
    t.keywords.iter().any(|k| {
        text.match_indices(k.as_str()).any(|(at, _)| {
            if t.not_after.is_empty() {
                return true;
            }
            // The clause before the keyword, at most 10 characters.
            let clause: String = text[..at]
                .chars()
                .rev()
                .take(10)
                .take_while(|c| !matches!(c, ',' | '.' | ';' | '!' | '?' | ':' | '。' | '、'))
                .collect::<Vec<char>>()
                .into_iter()
                .rev()
                .collect();
            !t.not_after.iter().any(|w| clause.contains(w.as_str()))
        })
    })
}

/// Topics of the parts of the year's format not covered by the draft: one finding per part and
/// reason (topics sharing a reason are listed together), at the part's heading. A missing or
/// empty part has its own finding (`missing-part`, `empty-part`) and none here.
pub(super) fn content(blocks: &[Block], a: &Analysis, d: &mut Vec<Diagnostic>) {
    let government = a.organ == Organ::Government;
    // The six parts' text, for the topics that may be covered anywhere (made when needed).
    let whole = std::cell::OnceCell::new();
    let whole = || {
        whole.get_or_init(|| match (a.parts.first(), a.parts.last()) {
            (Some(first), Some(last)) => folded(blocks, first.block..last.blocks.end),
            _ => String::new(),
        })
    };
    for part in &a.format.parts {
        let Some(node) = a.part(part.number) else {
            continue;
        };
        let text = folded(blocks, node.blocks.clone());
        if text.is_empty() {
            continue;
        }
        let missing: Vec<&Topic> = part
            .topics
            .iter()
            .filter(|t| government || !t.government_only)
            .filter(|t| !covered(t, if t.anywhere { whole() } else { &text }))
            .collect();
        let mut done: Vec<usize> = Vec::new();
        for (i, t) in missing.iter().enumerate() {
            if done.contains(&i) {
                continue;
            }
            let group: Vec<&Topic> = missing[i..]
                .iter()
                .enumerate()
                .filter(|(_, u)| u.level == t.level && u.reason == t.reason)
                .map(|(k, u)| {
                    done.push(i + k);
                    *u
                })
                .collect();
            d.push(finding(part, node.heading.clone(), &group));
        }
    }
}

fn finding(part: &Part, at: Range<usize>, group: &[&Topic]) -> Diagnostic {
    let names: String = group.iter().map(|t| format!("「{}」", t.name)).collect();
    let place = if group.iter().all(|t| t.anywhere) {
        "报告中".to_string()
    } else {
        format!("第{}部分", cn(part.number))
    };
    let who = if group.iter().any(|t| t.government_only) {
        "本报告是人民政府的报告，"
    } else {
        ""
    };
    let message = format!("{who}{place}没有写到{names}。{}", group[0].reason);
    let ids: Vec<&str> = group.iter().map(|t| t.id.as_str()).collect();
    let data = json!({ "part": part.id, "topics": ids });
    match group[0].level {
        TopicLevel::Hint => Diagnostic::new("missing-content", Severity::Hint, at, message),
        TopicLevel::Warning => Diagnostic::new("missing-content", Severity::Warning, at, message),
    }
    .data(data)
}

/// P7: table 1's 规章 row with `本年制发件数` (2019: `本年新制作数量`) above 0 in the report of a
/// county-level organ or a township (see `doc::county_or_below`): only State Council departments
/// and the governments of provinces, 设区的市 and 自治州 make 规章.
pub(super) fn county_rules(a: &Analysis, d: &mut Vec<Diagnostic>) {
    let Some(agency) = a.agency.as_deref() else {
        return;
    };
    if !(a.organ == Organ::Township || doc::county_or_below(agency)) {
        return;
    }
    let Some(t) = a.table(ids::table::T1).filter(|t| t.present()) else {
        return;
    };
    let Some(cell) = t.cell(ids::row::RULES, ids::column::MADE) else {
        return;
    };
    let Some(n) = carried_int(Some(cell)).filter(|n| *n > 0) else {
        return;
    };
    let column = t
        .table
        .sections
        .iter()
        .flat_map(|s| s.columns.iter())
        .find(|c| c.id == ids::column::MADE)
        .map_or("本年制发件数", |c| c.label.as_str());
    d.push(
        Diagnostic::new(
            "county-rules",
            Severity::Hint,
            cell.range.clone(),
            format!(
                "「规章」的「{column}」为{n}，但报告机关（{agency}）是县级或乡级机关：规章只能由国务院部门和省、自治区、直辖市、设区的市、自治州的人民政府制定（《中华人民共和国立法法》第九十一条、第九十三条）。请核对是否把行政规范性文件计入了规章。"
            ),
        )
        .data(json!({ "relation": "P7", "value": n })),
    );
}
