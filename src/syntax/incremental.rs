//! Incremental reparse: after an edit, only the blocks the edit touches are parsed again; the
//! blocks after it keep their parse and shift.
//!
//! Block boundaries depend on a line and its neighbours only where no blank line separates
//! them (a table run continues across adjacent lines; a line continuing a pipe cell joins its
//! run). So the reparsed region is the touched blocks, widened by one neighbour on a side
//! where the neighbour is adjacent — one step suffices, because the boundary between that
//! neighbour and the block beyond it is made of unchanged lines.

use super::{Block, parse, parse_range};
use std::sync::Arc;

/// A document's blocks, kept up to date edit by edit. The blocks are shared: a snapshot handed
/// to an analysis thread costs a reference count, and an edit copies them only while such a
/// snapshot is still alive.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    blocks: Arc<Vec<Block>>,
}

/// What an edit cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reparsed {
    /// Blocks produced by the reparse.
    pub blocks: usize,
    /// Bytes of text parsed again.
    pub bytes: usize,
}

use crate::text::position::{line_end_at as line_end, line_start_at as line_start};

/// Whether the text between two blocks contains a blank line (two or more line breaks).
fn separated(gap: &str) -> bool {
    let breaks = gap
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\r')
        .count();
    breaks >= 2
}

impl Parsed {
    pub fn new(text: &str) -> Self {
        Parsed {
            blocks: Arc::new(parse(text)),
        }
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The current blocks, shared.
    pub fn snapshot(&self) -> Arc<Vec<Block>> {
        self.blocks.clone()
    }

    /// Update after an edit that replaced the old bytes `start..old_end` with the new bytes
    /// `start..new_end`; `text` is the whole document after the edit.
    pub fn edit(&mut self, text: &str, start: usize, old_end: usize, new_end: usize) -> Reparsed {
        let blocks = Arc::make_mut(&mut self.blocks);
        let delta = new_end as isize - old_end as isize;
        // Positions at or after the replaced range move by `delta` (blocks after the edit).
        let shift = |x: usize| (x as isize + delta) as usize;
        // Any old position: before the edit unchanged, inside it the end of the new text.
        let map = |x: usize| {
            if x <= start {
                x
            } else if x >= old_end {
                shift(x)
            } else {
                new_end
            }
        };
        let n = blocks.len();
        // Blocks touched by the old range [start, old_end].
        let mut lo = blocks.partition_point(|b| b.end() < start);
        let mut hi = blocks.partition_point(|b| b.start <= old_end);
        if hi < lo {
            hi = lo;
        }
        // Region in new coordinates.
        let mut rs = line_start(text, start.min(text.len()));
        let mut re = line_end(text, new_end.min(text.len()));
        if lo < hi {
            rs = rs.min(blocks[lo].start);
            re = re.max(map(blocks[hi - 1].end()));
        }
        // Widen by an adjacent neighbour on each side.
        if lo > 0 && !separated(&text[blocks[lo - 1].end()..rs]) {
            lo -= 1;
            rs = blocks[lo].start;
        }
        // Parse state flows forward (an open table run absorbs the lines after it), so on the
        // right keep widening until the parse ends where an old block ended, unchanged.
        let mut fresh;
        let mut widened = false;
        loop {
            let adjacent = hi < n && !separated(&text[re..shift(blocks[hi].start)]);
            if adjacent && !widened {
                // The touched region's last line may join the adjacent block: take it in once.
                re = shift(blocks[hi].end());
                hi += 1;
                widened = true;
                continue;
            }
            fresh = parse_range(&text[rs..re], rs);
            if !adjacent {
                break;
            }
            let old_last = &blocks[hi - 1];
            let same = fresh.last().is_some_and(|b| {
                b.start == shift(old_last.start)
                    && b.len == old_last.len
                    && b.kind == old_last.kind
                    && b.cells == old_last.cells
            });
            if same {
                break;
            }
            re = shift(blocks[hi].end());
            hi += 1;
        }
        let made = fresh.len();
        for b in &mut blocks[hi..] {
            b.start = shift(b.start);
        }
        blocks.splice(lo..hi, fresh);
        Reparsed {
            blocks: made,
            bytes: re - rs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn apply(
        text: &mut String,
        parsed: &mut Parsed,
        start: usize,
        end: usize,
        insert: &str,
    ) -> Reparsed {
        text.replace_range(start..end, insert);
        parsed.edit(text, start, end, start + insert.len())
    }

    const DOC: &str = "# 2024年政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n| 项目 | 自然人 | 总计 |\n|---|---|---|\n| 一、本年新收政府信息公开申请数量 | 16 | 16 |\n| （七）总计 | 16 | 16 |\n\n本年度共收到申请16件，全部依法按时答复，没有出现逾期答复的情况，也没有因此引起行政复议。\n\n## 四、政府信息公开行政复议、行政诉讼情况\n";

    #[test]
    fn an_edit_inside_a_table_cell_reparses_one_block() {
        let mut text = DOC.to_string();
        let mut p = Parsed::new(&text);
        let at = text.find("| 16 | 16 |\n| （七）").unwrap() + 2;
        let r = apply(&mut text, &mut p, at, at + 2, "17");
        assert_eq!(r.blocks, 1);
        assert!(r.bytes < 200, "reparsed {} bytes", r.bytes);
        assert_eq!(p.blocks(), parse(&text).as_slice());
    }

    #[test]
    fn joining_and_splitting_blocks() {
        let mut text = DOC.to_string();
        let mut p = Parsed::new(&text);
        // Remove the blank line between the table and the paragraph, then put it back.
        let at = text.find("|\n\n本年度").unwrap() + 1;
        apply(&mut text, &mut p, at, at + 1, "");
        assert_eq!(p.blocks(), parse(&text).as_slice());
        apply(&mut text, &mut p, at, at, "\n");
        assert_eq!(p.blocks(), parse(&text).as_slice());
        // Turn a heading into a table line and back.
        let h = text.find("## 四").unwrap();
        apply(&mut text, &mut p, h, h + 3, "| ");
        assert_eq!(p.blocks(), parse(&text).as_slice());
    }

    #[test]
    fn a_memo_survives_a_shift_and_a_shared_copy_but_not_a_reparse() {
        let mut text = DOC.to_string();
        let mut p = Parsed::new(&text);
        let prose = |p: &Parsed| {
            p.blocks()
                .iter()
                .position(|b| b.kind == crate::syntax::BlockKind::Prose)
                .expect("a paragraph")
        };
        let i = prose(&p);
        assert_eq!(*p.blocks()[i].memo.get_or_init(|| 1u8), 1);
        // An edit in the title shifts the paragraph; a live snapshot makes the edit copy the blocks.
        let held = p.snapshot();
        apply(&mut text, &mut p, 2, 2, "某");
        let i = prose(&p);
        assert_eq!(*p.blocks()[i].memo.get_or_init(|| 2u8), 1);
        drop(held);
        // An edit in the paragraph reparses it.
        let at = text.find("共收到").unwrap();
        apply(&mut text, &mut p, at, at, "累计");
        let i = prose(&p);
        assert_eq!(*p.blocks()[i].memo.get_or_init(|| 3u8), 3);
    }

    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "\n",
            "\r\n",
            "\r",
            "\t",
            "|",
            " | ",
            "0",
            "16",
            "一、",
            "（七）总计",
            "## ",
            "总体情况",
            "本年度共收到申请16件，全部依法按时答复，没有出现逾期答复的情况，也没有引起复议。",
            "𠀀",
            "😀",
            "\n\n",
            "<!-- nianbao-disable total-mismatch -->",
            "三、本年度办理结果",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn incremental_equals_full(edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..12, piece()), 1..25)) {
            let mut text = DOC.to_string();
            let mut p = Parsed::new(&text);
            for (at, del, ins) in edits {
                let mut start = at.index(text.len() + 1);
                while !text.is_char_boundary(start) { start -= 1; }
                let mut end = (start + del).min(text.len());
                while !text.is_char_boundary(end) { end += 1; }
                apply(&mut text, &mut p, start, end, &ins);
                let full = parse(&text);
                prop_assert_eq!(p.blocks(), full.as_slice(), "text: {:?}", text);
            }
        }
    }
}
