//! Folding: each part (heading and body) and each table.

use super::Snapshot;

/// Lines `start_line..=end_line` fold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    pub start_line: u32,
    pub end_line: u32,
}

pub fn folding(s: &Snapshot) -> Vec<Fold> {
    let an = s.analysis;
    let line = |o: usize| s.line_of(o) as u32;
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| {
        let (sl, mut el) = (line(start), line(end));
        // Do not fold the blank line before the next heading.
        while el > sl
            && s.text[s.line_start(el as usize).min(s.text.len())..].starts_with(['\n', '\r'])
        {
            el -= 1;
        }
        if el > sl {
            out.push(Fold {
                start_line: sl,
                end_line: el,
            });
        }
    };
    for p in &an.parts {
        push(
            p.heading.start,
            p.body.end.saturating_sub(1).max(p.heading.end),
        );
    }
    for t in an.tables.iter().filter(|t| t.present()) {
        push(t.range.start, t.range.end);
    }
    out
}
