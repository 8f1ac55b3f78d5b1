//! Numbers and statements in running text that name a table quantity (X2–X5 of the format
//! reference), for the narrative rule (`check::rules::narrative`). They are found once per
//! parse of a prose block (the rule keeps them in the block's `syntax::Memo`), so that the
//! per-keystroke document pass only compares them with the tables.

use crate::format::ids;
use crate::text::fold;
use regex::{Regex, RegexSet};
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// 收到/受理/新收 … 申请 N 件 (table 2, 一、本年新收, 总计).
    NewApplications(i64),
    /// 行政许可/行政处罚/行政强制 N 件 (table 1 decisions); the row id.
    Decisions(&'static str, i64),
    /// 未收到申请.
    NoApplications,
    /// 没有行政复议、行政诉讼 (not followed by 但).
    NoReview,
    /// 全部办结 / 办结率100%.
    AllConcluded,
}

/// A fact with its range in the original text, relative to the block start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactAt {
    pub fact: Fact,
    pub range: Range<usize>,
}

struct Patterns {
    /// All six below in one automaton: most paragraphs match none, in one pass.
    any: RegexSet,
    new: Regex,
    t1: Regex,
    t1_rev: Regex,
    none: Regex,
    no_review: Regex,
    all_done: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let sources = [
            r"(?:新收|收到|受理)(?:各类|政府信息公开|依申请公开|信息公开){0,2}申请(?:共计|共|合计)?(\d+)件|(?:新收|收到|受理)依申请公开(?:事项)?(\d+)件",
            r"(行政许可|行政处罚|行政强制)(?:决定|案件|事项)?(?:共计|共|合计)?(\d+)(?:件|条|项|个)",
            r"(\d+)(?:件|条|项|个)(行政许可|行政处罚|行政强制)",
            r"(?:未收到|没有收到|无)(?:政府信息公开|依申请公开)?申请",
            r"(?:没有|未发生|未有|无|未出现)[^。；]{0,20}(?:行政复议|行政诉讼)",
            r"全部办结|办结率(?:达到?|为)?100%",
        ];
        let [new, t1, t1_rev, none, no_review, all_done] =
            sources.map(|p| Regex::new(p).expect("valid regex"));
        Patterns {
            any: RegexSet::new(sources).expect("valid regex set"),
            new,
            t1,
            t1_rev,
            none,
            no_review,
            all_done,
        }
    })
}

fn row_of(what: &str) -> &'static str {
    match what {
        "行政许可" => ids::row::LICENSE,
        "行政处罚" => ids::row::PENALTY,
        _ => ids::row::COERCION,
    }
}

/// Facts of a prose block. `folded` is the block's folded text (as held by its cell).
pub fn extract(text: &str, folded: &str) -> Vec<FactAt> {
    let p = patterns();
    if !p.any.is_match(folded) {
        return Vec::new();
    }
    // Map back to the original text only when something matched.
    let f = fold::fold(text);
    let s = &f.text;
    let at = |r: Range<usize>| f.orig(r.start, r.end);
    let mut out = Vec::new();
    for c in p.new.captures_iter(s) {
        if let Some(m) = c.get(1).or_else(|| c.get(2))
            && let Ok(n) = m.as_str().parse()
        {
            out.push(FactAt {
                fact: Fact::NewApplications(n),
                range: at(m.range()),
            });
        }
    }
    for c in p.t1.captures_iter(s) {
        if let Ok(n) = c[2].parse() {
            let m = c.get(2).expect("group");
            out.push(FactAt {
                fact: Fact::Decisions(row_of(&c[1]), n),
                range: at(m.range()),
            });
        }
    }
    for c in p.t1_rev.captures_iter(s) {
        if let Ok(n) = c[1].parse() {
            let m = c.get(1).expect("group");
            out.push(FactAt {
                fact: Fact::Decisions(row_of(&c[2]), n),
                range: at(m.range()),
            });
        }
    }
    if let Some(m) = p.none.find(s) {
        out.push(FactAt {
            fact: Fact::NoApplications,
            range: at(m.range()),
        });
    }
    if let Some(m) = p.no_review.find(s)
        && !s[m.start()..].contains('但')
    {
        out.push(FactAt {
            fact: Fact::NoReview,
            range: at(m.range()),
        });
    }
    if let Some(m) = p.all_done.find(s) {
        out.push(FactAt {
            fact: Fact::AllConcluded,
            range: at(m.range()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_facts_with_original_ranges() {
        let t = "全年累計受理依申請公開16件，行政處罰1820件，全部辦結。";
        let facts = extract(t, &fold::fold_str(t));
        let got: Vec<(Fact, &str)> = facts
            .iter()
            .map(|f| (f.fact.clone(), &t[f.range.clone()]))
            .collect();
        assert_eq!(
            got,
            vec![
                (Fact::NewApplications(16), "16"),
                (Fact::Decisions("penalty", 1820), "1820"),
                (Fact::AllConcluded, "全部辦結"),
            ]
        );
        assert!(extract("本机关持续推进政务公开。", "本机关持续推进政务公开。").is_empty());
    }

    #[test]
    fn a_but_after_no_review_is_not_a_claim() {
        let t = "本年度没有发生行政复议，但有行政诉讼1件。";
        assert!(
            !extract(t, &fold::fold_str(t))
                .iter()
                .any(|f| f.fact == Fact::NoReview)
        );
    }
}
