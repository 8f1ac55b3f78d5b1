//! Year words: places where the running text uses a year as *this report's* year
//! (`2023年，我局…`, `本年度（2023年）`, `现将2023年度政府信息公开工作年度报告…`,
//! `2023年1月1日至2023年12月31日`) and that year is not the report year — most often text
//! carried over from last year's report with the year not updated (`year-mismatch`).
//!
//! A year in any other use is left alone: comparisons (`与2023年相比`, `同比`), plans for next
//! year (`2025年，我局将…`), last year's problems in part 五, dates, document numbers, periods
//! (`2021—2025年`), history (`截至2023年底`, `2023年，我局被评为…`) and book titles.

use super::prose::{self, has_any, in_book_title};
use crate::check::doc::{Analysis, YearSource};
use crate::check::{Diagnostic, Severity};
use crate::syntax::Block;
use crate::text::numerals::parse_cn_digits;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// How a year is used as the report's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    /// At the start of a clause about the year's work: `2023年，我局…`, `2023年是…`.
    Clause,
    /// `本年度（2023年）`, `2023年（本年度）`.
    Paren,
    /// The report named in the preamble: `现将2023年度政府信息公开工作年度报告…`.
    Report,
    /// A whole calendar year given as the period: `2023年1月1日至2023年12月31日`.
    FullYear,
}

/// One year used as the report's year.
#[derive(Debug, Clone)]
pub(super) struct Claim {
    pub year: u16,
    /// The year words (`2023年`) in the draft.
    pub range: Range<usize>,
    pub how: Use,
    pub part: Option<u8>,
    /// Whether the sentence is a plan (将, 计划).
    plan: bool,
    /// Whether the sentence speaks of problems or a report (part 五's follow-up of last year).
    problems: bool,
}

struct Patterns {
    /// A year: digits or Chinese digits, then 年.
    year: Regex,
    paren: Regex,
    report: Regex,
    full_year: Regex,
    /// What may stand between a clause boundary and the year (a list marker).
    lead: Regex,
    /// What follows `Y年` in a clause about the year's work.
    after: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let r = |p: &str| Regex::new(p).expect("valid regex");
        Patterns {
            year: r(r"((?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})年"),
            paren: r(
                r"(?:本年度|本年|今年|当年)\(((?:19|20)[0-9]{2})年度?\)|((?:19|20)[0-9]{2})年度?\((?:本年度|本年|今年)\)",
            ),
            report: r(
                r"((?:19|20)[0-9]{2})年度?[^。;,!?]{0,30}?(?:政府信息公开|政务公开)[^。;,!?]{0,10}?报告",
            ),
            full_year: r(
                r"((?:19|20)[0-9]{2})年1月1日起?(?:至|到|-|~)((?:19|20)[0-9]{2})?年?12月31日",
            ),
            lead: r(
                r"^(?:\(?[一二三四五六七八九十0-9]{1,3}[)、.]|[①-⑳]|[一二三四五六七八九十]是|首先|其次|同时|此外|另外|总体来看|总的来看|在)?,?$",
            ),
            after: r(
                r"^度?(?:全年|内)?(?:,|是|共|累计|我[^国]|本(?:机关|单位|局|委|办|厅|院|部门|系统)|全(?:市|区|县|州|省|盟|旗|镇|乡|委|局|系统))",
            ),
        }
    })
}

/// Who else may be the subject of `Y年，…`: a higher level, whose documents of that year are
/// cited legitimately.
const OTHER_SUBJECTS: &[&str] = &[
    "国务院",
    "国家",
    "中央",
    "党中央",
    "中共中央",
    "全国",
    "国办",
    "省委",
    "省政府",
    "省人民政府",
    "上级",
];

/// Words of a sentence that compares years or tells the agency's history.
const COMPARISON: &[&str] = &[
    "同比",
    "环比",
    "相比",
    "相较",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "同期",
    "上年度",
    "上一年",
    "去年",
    "上年",
];
const HISTORY: &[&str] = &[
    "被评为",
    "获评",
    "荣获",
    "获得",
    "授予",
    "成立",
    "组建",
    "挂牌",
    "机构改革",
    "先后",
    "以来",
    "历年",
];
const PLAN: &[&str] = &[
    "将",
    "计划",
    "拟",
    "预计",
    "力争",
    "下一步",
    "继续",
    "争取",
    "确保",
    "打算",
    "部署",
    "规划",
    "目标",
    "要",
];
const PROBLEMS: &[&str] = &["问题", "不足", "短板", "整改", "报告", "改进"];

fn year_of(s: &str) -> Option<u16> {
    s.parse::<u16>()
        .ok()
        .or_else(|| parse_cn_digits(s).and_then(|v| u16::try_from(v).ok()))
        .filter(|y| (1990..2100).contains(y))
}

/// A claim found in one line alone, in the line's folded text (kept in its block's memo).
struct RawClaim {
    year: u16,
    /// Folded range of the year words.
    range: Range<usize>,
    how: Use,
    plan: bool,
    problems: bool,
    /// For `FullYear`: the folded range of the whole period (compared with the statistics
    /// period the analysis read).
    whole: Option<Range<usize>>,
}

/// The claims of one line as its text alone gives them: the analysis-dependent filters (the
/// statistics period, the preamble) apply afterwards.
fn raw_claims(t: &str, p: &Patterns) -> Vec<RawClaim> {
    let mut out: Vec<RawClaim> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    let mut push = |out: &mut Vec<RawClaim>,
                    y: u16,
                    r: Range<usize>,
                    how: Use,
                    whole: Option<Range<usize>>| {
        if seen.contains(&r.start) || in_book_title(t, r.start) && how != Use::Report {
            return;
        }
        seen.push(r.start);
        let sent = &t[prose::sentence(t, &r)];
        if how == Use::Clause && other_uses(sent, y) {
            return;
        }
        out.push(RawClaim {
            year: y,
            range: r,
            how,
            plan: has_any(sent, PLAN),
            problems: has_any(sent, PROBLEMS),
            whole,
        });
    };
    // 本年度（2023年）.
    for c in p.paren.captures_iter(t) {
        let m = c.get(1).or(c.get(2)).expect("a year group");
        if let Some(y) = year_of(m.as_str()) {
            push(
                &mut out,
                y,
                m.start()..m.end() + "年".len(),
                Use::Paren,
                None,
            );
        }
    }
    // 2023年1月1日至2023年12月31日 (the statistics period read by `doc` is period-mismatch's).
    for c in p.full_year.captures_iter(t) {
        let m = c.get(1).expect("year");
        let (Some(y), to) = (
            year_of(m.as_str()),
            c.get(2).and_then(|x| year_of(x.as_str())),
        ) else {
            continue;
        };
        if to.is_none_or(|to| to == y) {
            let whole = c.get(0).expect("match").range();
            push(
                &mut out,
                y,
                m.start()..m.end() + "年".len(),
                Use::FullYear,
                Some(whole),
            );
        }
    }
    // 现将2023年度政府信息公开工作年度报告… (kept for the preamble only).
    for c in p.report.captures_iter(t) {
        let m = c.get(1).expect("year");
        let before = &t[t.floor_char_boundary(m.start().saturating_sub(24))..m.start()];
        if before.contains('上') || before.contains('去') {
            continue;
        }
        if let Some(y) = year_of(m.as_str()) {
            push(
                &mut out,
                y,
                m.start()..m.end() + "年".len(),
                Use::Report,
                None,
            );
        }
    }
    // 2023年，我局…
    for c in p.year.captures_iter(t) {
        let m = c.get(0).expect("match");
        if clause_year(t, m.range(), p)
            && let Some(y) = year_of(&c[1])
        {
            push(&mut out, y, m.range(), Use::Clause, None);
        }
    }
    out
}

/// Every place in the running text where a year is used as the report's year.
pub(super) fn claims(text: &str, blocks: &[Block], a: &Analysis) -> Vec<Claim> {
    let p = patterns();
    let mut out = Vec::new();
    for line in prose::lines(text, blocks, a) {
        if !line.folded.contains('年') {
            continue;
        }
        let memo = crate::check::facts::memo(line.block);
        let raw = memo
            .years
            .get_or_init(|| {
                let found = if p.year.is_match(line.folded) {
                    raw_claims(&line.fold().text, p)
                } else {
                    Vec::new()
                };
                std::sync::Arc::new(found)
            })
            .downcast_ref::<Vec<RawClaim>>()
            .expect("the year claims of a line");
        if raw.is_empty() {
            continue;
        }
        let f = line.fold();
        for c in raw {
            if c.how == Use::Report && line.part.is_some() {
                continue;
            }
            if let Some(w) = &c.whole {
                let r = line.abs(f, w.clone());
                if a.period
                    .as_ref()
                    .is_some_and(|(_, _, pr)| pr.start < r.end && r.start < pr.end)
                {
                    continue;
                }
            }
            out.push(Claim {
                year: c.year,
                range: line.abs(f, c.range.clone()),
                how: c.how,
                part: line.part,
                plan: c.plan,
                problems: c.problems,
            });
        }
    }
    out
}

/// Whether the year at folded `r` (`2023年`) opens a clause about the year's work.
fn clause_year(t: &str, r: Range<usize>, p: &Patterns) -> bool {
    let start = t[..r.start]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '。' | ';' | '!' | '?' | ':'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if !p.lead.is_match(&t[start..r.start]) {
        return false;
    }
    let rest = &t[r.end..];
    let Some(m) = p.after.find(rest) else {
        return false;
    };
    if m.as_str().ends_with(',') {
        let body = &rest[m.end()..];
        if OTHER_SUBJECTS.iter().any(|s| body.starts_with(s)) {
            return false;
        }
    }
    true
}

/// The year words of the title (the digits and 年), or the whole title.
fn title_year_range(text: &str, a: &Analysis, year: u16) -> Option<Range<usize>> {
    let t = a.title.clone()?;
    let s = &text[t.clone()];
    Some(
        s.find(&format!("{year}"))
            .map_or(t.clone(), |i| t.start + i..t.start + i + 4),
    )
}

/// The report year that the running text and the statistics period agree on when the title
/// says another: (title year, that year). `claims` must not count the period itself.
pub(super) fn odd_title(a: &Analysis, claims: &[Claim]) -> Option<(u16, u16)> {
    let (n, src, _) = a.year.as_ref()?;
    if *src != YearSource::Title {
        return None;
    }
    let (from, to, _) = a.period.as_ref()?;
    let y = from.y;
    if to.y != y || y == *n {
        return None;
    }
    let agree = claims.iter().filter(|c| c.year == y).count();
    let title = claims.iter().filter(|c| c.year == *n).count();
    (agree >= 1 && title == 0).then_some((*n, y))
}

/// `year-mismatch`: a year used as the report's year that is not the report year (warning for
/// last year, the usual leftover of last year's report; hint otherwise), or a title year that
/// the statistics period and the text contradict.
pub(super) fn year_words(
    text: &str,
    a: &Analysis,
    claims: &[Claim],
    odd: Option<(u16, u16)>,
    d: &mut Vec<Diagnostic>,
) {
    let Some((n, src, _)) = &a.year else { return };
    let title = a.title.clone();
    if let Some((t, y)) = odd {
        let r = title_year_range(text, a, t).unwrap_or(0..0);
        let mut diag = Diagnostic::new(
            "year-mismatch",
            Severity::Warning,
            r,
            format!(
                "标题写的是{t}年，但统计期限和正文写的都是{y}年：可能是标题的年份写错了。nianbao按标题的{t}年度检查，如果报告年度是{y}年，请改正标题。"
            ),
        );
        if let Some((_, _, pr)) = &a.period {
            diag = diag.related(pr.clone(), format!("统计期限：{y}年"));
        }
        if let Some(c) = claims.iter().find(|c| c.year == y) {
            diag = diag.related(c.range.clone(), format!("正文：{y}年"));
        }
        d.push(diag);
    }
    let n = odd.map_or(*n, |(_, y)| y);
    let weak_year = matches!(src, YearSource::Text | YearSource::Signature);
    for c in claims {
        if c.year == n {
            continue;
        }
        if c.year > n && (c.plan || matches!(c.part, Some(5 | 6))) {
            continue;
        }
        if c.year < n && c.part == Some(5) && c.problems {
            continue;
        }
        let last_year = c.year + 1 == n;
        let sev = if last_year && !weak_year && c.part != Some(5) {
            Severity::Warning
        } else {
            Severity::Hint
        };
        let what = match c.how {
            Use::Clause => "这里把",
            Use::Paren => "这里注明本年度是",
            Use::Report => "导语中的报告名称写的是",
            Use::FullYear => "这里的期间是",
        };
        let msg = if c.how == Use::Clause {
            format!(
                "{what}{}年当作本年度来写，但本报告是{n}年度的报告。{}如果这里说的确实是{}年的情况，可忽略。",
                c.year,
                if last_year {
                    "可能是沿用上一年度报告的文字时没有改年份。"
                } else {
                    ""
                },
                c.year
            )
        } else {
            format!(
                "{what}{}年，但本报告是{n}年度的报告。{}",
                c.year,
                if last_year {
                    "可能是沿用上一年度报告的文字时没有改年份。"
                } else {
                    ""
                }
            )
        };
        let mut diag = Diagnostic::new("year-mismatch", sev, c.range.clone(), msg);
        if let Some(t) = &title
            && odd.is_none()
        {
            diag = diag.related(t.clone(), format!("标题：{n}年度"));
        }
        d.push(diag);
    }
}

/// Whether the sentence of a clause year compares years, tells history or names another year
/// too (a sentence about several years).
fn other_uses(sent: &str, y: u16) -> bool {
    has_any(sent, COMPARISON)
        || has_any(sent, HISTORY)
        || patterns()
            .year
            .captures_iter(sent)
            .any(|m| year_of(&m[1]).is_some_and(|x| x != y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(s: &str) -> bool {
        let p = patterns();
        let m = p.year.find(s).expect("a year");
        clause_year(s, m.range(), p)
    }

    #[test]
    fn clause_years() {
        for s in [
            "2023年,我局坚持",
            "(一)主动公开。2023年,全市共公开",
            "一是2023年度,我委",
            "2023年是全面贯彻",
            "2023年共收到申请",
            "2023年我局",
            "二〇二三年,我局",
        ] {
            assert!(clause(s), "{s}");
        }
        for s in [
            "与2023年相比",
            "截至2023年底,我局",
            "2023年12月,我局",
            "2023年我国",
            "2023年,国务院办公厅印发",
            "根据2023年,",
            "2021-2023年,我局",
        ] {
            assert!(!clause(s), "{s}");
        }
        assert_eq!(year_of("二〇二三"), Some(2023));
        assert_eq!(year_of("2023"), Some(2023));
        assert_eq!(year_of("1800"), None);
    }

    #[test]
    fn other_uses_of_a_year() {
        assert!(other_uses("2023年,我局收到申请15件,同比增长", 2023));
        assert!(other_uses("2023年,我局收到15件,2024年收到20件", 2023));
        assert!(other_uses("2023年,我局被评为先进单位", 2023));
        assert!(!other_uses("2023年,我局坚持以公开为常态", 2023));
    }
}
