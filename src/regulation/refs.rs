//! Finding and parsing clause references (`《条例》第二十条第（五）项`, `第16条`, `16.2`).

use super::{ARTICLE_COUNT, ClauseRef};
use crate::text::numerals::parse_cn_int;
use regex::{Captures, Regex};
use std::sync::OnceLock;

/// Horizontal whitespace allowed inside a reference (`第 16 条`).
const WS: &str = r"[ \t\u{3000}\u{00A0}]*";

/// A number in any form `parse_cn_int` accepts.
const NUM: &str = "[0-9０-９零〇○一二三四五六七八九十百千两兩壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+";

/// Separators that chain references: `第（一）项、第（二）项`, `第十四条和第十五条`.
const SEP: &str = "(?:以及|或者|、|，|,|和|及|与|與|或)";

fn item_pattern(name: &str) -> String {
    format!("第{WS}[（(〔]?{WS}(?P<{name}>{NUM}){WS}[）)〕]?{WS}[项項]")
}

/// `第N条[第M款][第（K）项]`.
fn main_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let item = item_pattern("i");
        Regex::new(&format!(
            "第{WS}(?P<a>{NUM}){WS}[条條](?:{WS}第{WS}(?P<p>{NUM}){WS}款)?(?:{WS}{item})?"
        ))
        .expect("valid regex")
    })
}

/// A continuation right after a reference: `、第二款[第（K）项]` or `、第（K）项`.
fn continuation_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let item_after_paragraph = item_pattern("pi");
        let item_alone = item_pattern("i");
        Regex::new(&format!(
            "^{WS}{SEP}{WS}(?P<ref>第{WS}(?P<p>{NUM}){WS}款(?:{WS}{item_after_paragraph})?|{item_alone})"
        ))
        .expect("valid regex")
    })
}

/// A whole user-typed reference in Chinese: `第十六条`, `16条2款`, `第二十条第五项`.
fn whole_cn_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            "^第?{WS}(?P<a>{NUM}){WS}[条條](?:{WS}第?{WS}(?P<p>{NUM}){WS}款)?\
             (?:{WS}第?{WS}[（(〔]?{WS}(?P<i>{NUM}){WS}[）)〕]?{WS}[项項])?$"
        ))
        .expect("valid regex")
    })
}

/// A whole user-typed reference in short numeric form: `16`, `16.2`, `20(5)`, `50.1(4)`,
/// `50.1.4`.
fn whole_numeric_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            "^(?P<a>{NUM})(?:{WS}[.．]{WS}(?P<p>{NUM}))?\
             (?:{WS}[.．]{WS}(?P<i>{NUM})|{WS}[（(]{WS}(?P<i2>{NUM}){WS}[）)])?$"
        ))
        .expect("valid regex")
    })
}

fn is_hspace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{00A0}')
}

/// Parses a captured number as u16.
fn num(caps: &Captures<'_>, name: &str) -> Option<Option<u16>> {
    match caps.name(name) {
        None => Some(None),
        Some(m) => Some(Some(u16::try_from(parse_cn_int(m.as_str())?).ok()?)),
    }
}

/// What precedes a `第N条`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    /// This statute is named (`《条例》`, `条例`, the full title) starting at this byte.
    Statute(usize),
    /// Another document is named (`《…办法》`, `办法`, `法`, `规定`, `信访条例`).
    Foreign,
    /// Nothing recognisable.
    Bare,
}

/// Normalises the few traditional characters that occur in the statute's title.
fn fold_title(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '條' => '条',
            '華' => '华',
            '國' => '国',
            '開' => '开',
            '資' => '资',
            _ => c,
        })
        .collect()
}

fn is_statute_title(title: &str) -> bool {
    matches!(
        fold_title(title).as_str(),
        "条例" | "政府信息公开条例" | "中华人民共和国政府信息公开条例"
    )
}

/// Characters that may directly precede a bare `条例` meaning this statute (`本条例`, `依据条例`,
/// `违反条例`, …). A `条例` preceded by another ideograph names some other 条例
/// (`信访条例`, `实施条例`); `旧条例`/`原条例` is the 2008 text with different numbering.
const STATUTE_LEADS: &str =
    "本该該依据據照按循即称稱的及和与與或是见見反由用合于於在对對为為从從同遵引新订訂";

/// Suffixes naming documents other than this statute.
const FOREIGN_SUFFIXES: [&str; 14] = [
    "法", "规定", "規定", "细则", "細則", "规则", "規則", "章程", "通知", "意见", "意見", "决定",
    "決定", "规范",
];

fn prefix_of(text: &str, start: usize) -> Prefix {
    let before = text[..start].trim_end_matches(is_hspace);
    if let Some(head) = before.strip_suffix('》') {
        // Find the opening mark on the same line, not too far back.
        for (i, c) in head.char_indices().rev().take(64) {
            match c {
                '《' => {
                    return if is_statute_title(&head[i + c.len_utf8()..]) {
                        Prefix::Statute(i)
                    } else {
                        Prefix::Foreign
                    };
                }
                '》' | '\n' => break,
                _ => {}
            }
        }
        return Prefix::Foreign;
    }
    for name in ["条例", "條例"] {
        if let Some(head) = before.strip_suffix(name) {
            let lead = head.chars().next_back();
            let is_statute = match lead {
                None => true,
                Some(c) if STATUTE_LEADS.contains(c) => true,
                Some(_) if head.ends_with("信息公开") || head.ends_with("信息公開") => true,
                Some(c) => !is_cjk(c),
            };
            return if is_statute {
                Prefix::Statute(head.len())
            } else {
                Prefix::Foreign
            };
        }
    }
    if FOREIGN_SUFFIXES.iter().any(|s| before.ends_with(s)) {
        return Prefix::Foreign;
    }
    Prefix::Bare
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Whether `between` (text between two references) only chains them: `、`, `和`, `，`.
fn only_separators(between: &str) -> bool {
    let t = between.trim_matches(is_hspace);
    matches!(
        t,
        "、" | "，" | "," | "和" | "及" | "以及" | "与" | "與" | "或" | "或者"
    )
}

/// Whether a reference's status carries to the next one in a chain.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Statute,
    Foreign,
    Bare,
}

/// Finds every clause reference to the 条例 in `text`, with byte ranges.
///
/// Recognised: `《条例》第十四条`, `条例第三十六条第（四）项`, `第二十条第(五)项`,
/// `第十六条第二款`, `第16条`, `第 16 条`, `第五十条第一款第（一）项`, traditional 條/項,
/// full-width digits, and chained continuations (`第三十六条第（一）项、第（二）项`,
/// `第十六条第一款、第二款`). A range runs from `第` (or from a directly preceding
/// `《条例》`/`条例`/full title) to the final 条/款/项.
///
/// A reference is kept when it names this statute, or when it is bare and its article number
/// is within 1..=56. It is skipped when another document is named right before it
/// (`《…办法》第四条`, `保密法第二条`, `信访条例第十条`); a chain inherits the status of its
/// first member. References to missing articles, 款 or 项 are kept (check with
/// [`super::resolve`]). A lone `第N项` is never a reference.
pub fn find_refs(text: &str) -> Vec<ClauseRef> {
    let main = main_re();
    let cont = continuation_re();
    let mut out = Vec::new();
    let mut pos = 0;
    // End and status of the previous reference (kept or skipped), for chains.
    let mut prev: Option<(usize, Status)> = None;
    while pos < text.len() {
        let Some(caps) = main.captures_at(text, pos) else {
            break;
        };
        let whole = caps.get(0).expect("group 0");
        let mut end = whole.end();
        pos = end.max(whole.start() + 1);
        let parsed = (num(&caps, "a"), num(&caps, "p"), num(&caps, "i"));
        let (Some(Some(article)), Some(paragraph), Some(item)) = parsed else {
            prev = None;
            continue;
        };

        let (start, status) = match prefix_of(text, whole.start()) {
            Prefix::Statute(s) => (s, Status::Statute),
            Prefix::Foreign => (whole.start(), Status::Foreign),
            Prefix::Bare => {
                let inherited = prev
                    .filter(|&(prev_end, _)| only_separators(&text[prev_end..whole.start()]))
                    .map(|(_, s)| s);
                match inherited {
                    Some(Status::Statute) => (whole.start(), Status::Statute),
                    Some(Status::Foreign) => (whole.start(), Status::Foreign),
                    _ => (whole.start(), Status::Bare),
                }
            }
        };
        let keep = match status {
            Status::Statute => true,
            Status::Foreign => false,
            Status::Bare => (1..=ARTICLE_COUNT).contains(&article),
        };
        if keep {
            out.push(ClauseRef {
                article,
                paragraph,
                item,
                range: start..end,
            });
        }

        // Continuations: `、第（二）项`, `、第二款`, `、第二款第（一）项`.
        let mut last_paragraph = paragraph;
        while let Some(c) = cont.captures(&text[end..]) {
            let (Some(p), Some(pi), Some(i)) = (num(&c, "p"), num(&c, "pi"), num(&c, "i")) else {
                break;
            };
            let r = c.name("ref").expect("ref group");
            let (paragraph, item) = match p {
                Some(p) => (Some(p), pi),
                None => (last_paragraph, i),
            };
            let range = end + r.start()..end + r.end();
            if keep {
                out.push(ClauseRef {
                    article,
                    paragraph,
                    item,
                    range: range.clone(),
                });
            }
            last_paragraph = paragraph;
            end = range.end;
        }
        pos = pos.max(end);
        prev = Some((end, status));
    }
    out
}

/// Strips a leading `《中华人民共和国政府信息公开条例》`, `《条例》`, `条例`, `本条例`.
fn strip_statute_prefix(s: &str) -> &str {
    let s = s.trim_start_matches(is_hspace);
    if let Some(rest) = s.strip_prefix('《')
        && let Some((title, after)) = rest.split_once('》')
        && is_statute_title(title)
    {
        return after.trim_start_matches(is_hspace);
    }
    let s = match s.strip_prefix('本') {
        Some(rest) if rest.starts_with("条例") || rest.starts_with("條例") => rest,
        _ => s,
    };
    for name in ["条例", "條例"] {
        if let Some(rest) = s.strip_prefix(name) {
            return rest.trim_start_matches(is_hspace);
        }
    }
    s
}

/// Parses one whole reference as typed on a command line: `第十六条`, `第二十条第（五）项`,
/// `第16条第2款`, `条例第二十条第五项`, `《条例》第十四条`, `16`, `16.2`, `20(5)`,
/// `50.1(4)`, `50.1.4`. The range covers the trimmed input. Missing articles are returned
/// too (check with [`super::resolve`]); `None` means the string is not a reference.
pub fn parse_ref(s: &str) -> Option<ClauseRef> {
    let trimmed = s.trim();
    let start = s.len() - s.trim_start().len();
    let range = start..start + trimmed.len();
    let body = strip_statute_prefix(trimmed).trim();
    if body.is_empty() {
        return None;
    }
    let (article, paragraph, item) = if let Some(c) = whole_cn_re().captures(body) {
        (num(&c, "a")??, num(&c, "p")?, num(&c, "i")?)
    } else if let Some(c) = whole_numeric_re().captures(body) {
        let item = match (num(&c, "i")?, num(&c, "i2")?) {
            (Some(i), _) | (None, Some(i)) => Some(i),
            (None, None) => None,
        };
        (num(&c, "a")??, num(&c, "p")?, item)
    } else {
        return None;
    };
    Some(ClauseRef {
        article,
        paragraph,
        item,
        range,
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
