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
mod tests {
    use super::*;

    /// (article, paragraph, item, referenced text) for each reference found.
    fn found(text: &str) -> Vec<(u16, Option<u16>, Option<u16>, &str)> {
        find_refs(text)
            .into_iter()
            .map(|r| (r.article, r.paragraph, r.item, &text[r.range]))
            .collect()
    }

    #[test]
    fn finds_two_refs_with_exact_ranges() {
        let text = "依据《条例》第十四条和第三十六条第（三）项，决定不予公开。";
        let refs = find_refs(text);
        assert_eq!(refs.len(), 2);
        let a = "依据".len();
        let b = a + "《条例》第十四条".len();
        assert_eq!(refs[0].range, a..b);
        assert_eq!(
            (refs[0].article, refs[0].paragraph, refs[0].item),
            (14, None, None)
        );
        let c = b + "和".len();
        let d = c + "第三十六条第（三）项".len();
        assert_eq!(refs[1].range, c..d);
        assert_eq!(
            (refs[1].article, refs[1].paragraph, refs[1].item),
            (36, None, Some(3))
        );
        assert_eq!(&text[refs[1].range.clone()], "第三十六条第（三）项");
    }

    #[test]
    fn finds_all_forms() {
        assert_eq!(
            found("《条例》第十四条"),
            [(14, None, None, "《条例》第十四条")]
        );
        assert_eq!(
            found("根据条例第三十六条第（四）项答复"),
            [(36, None, Some(4), "条例第三十六条第（四）项")]
        );
        assert_eq!(
            found("第二十条第（五）项"),
            [(20, None, Some(5), "第二十条第（五）项")]
        );
        assert_eq!(
            found("第二十条第(五)项"),
            [(20, None, Some(5), "第二十条第(五)项")]
        );
        assert_eq!(
            found("第二十条第五项"),
            [(20, None, Some(5), "第二十条第五项")]
        );
        assert_eq!(
            found("见第十六条第二款。"),
            [(16, Some(2), None, "第十六条第二款")]
        );
        assert_eq!(found("第16条"), [(16, None, None, "第16条")]);
        assert_eq!(found("第 16 条"), [(16, None, None, "第 16 条")]);
        assert_eq!(found("第１６条"), [(16, None, None, "第１６条")]);
        assert_eq!(
            found("第五十条第一款第（一）项"),
            [(50, Some(1), Some(1), "第五十条第一款第（一）项")]
        );
        assert_eq!(
            found("《中华人民共和国政府信息公开条例》第四十九条规定"),
            [(
                49,
                None,
                None,
                "《中华人民共和国政府信息公开条例》第四十九条"
            )]
        );
        assert_eq!(found("本条例第十四条"), [(14, None, None, "条例第十四条")]);
        assert_eq!(
            found("《政府信息公开条例》 第二条"),
            [(2, None, None, "《政府信息公开条例》 第二条")]
        );
    }

    #[test]
    fn finds_traditional_forms() {
        assert_eq!(
            found("依據《條例》第三十六條第（四）項"),
            [(36, None, Some(4), "《條例》第三十六條第（四）項")]
        );
        assert_eq!(
            found("《中華人民共和國政府信息公開條例》第十四條"),
            [(14, None, None, "《中華人民共和國政府信息公開條例》第十四條")]
        );
        assert_eq!(found("第貳拾條"), [(20, None, None, "第貳拾條")]);
    }

    #[test]
    fn skips_other_documents() {
        assert!(found("《政府信息公开信息处理费管理办法》第四条").is_empty());
        assert!(found("按照办法第四条收费").is_empty());
        assert!(found("《中华人民共和国保守国家秘密法》第九条").is_empty());
        assert!(found("保守国家秘密法第九条").is_empty());
        assert!(found("依据有关规定第三条").is_empty());
        assert!(found("《信访工作条例》第十四条").is_empty());
        assert!(found("信访条例第十四条").is_empty());
        assert!(found("原条例第二十一条").is_empty());
        // A chain inherits the foreign status of its head.
        assert!(found("《办法》第四条、第五条").is_empty());
        // But a later, separate reference is not affected.
        assert_eq!(
            found("《办法》第四条规定的费用，依第四十二条收取"),
            [(42, None, None, "第四十二条")]
        );
    }

    #[test]
    fn bare_refs_need_a_plausible_article_number() {
        assert!(found("第六十条").is_empty());
        assert!(found("第0条").is_empty());
        assert_eq!(found("第五十六条"), [(56, None, None, "第五十六条")]);
        assert_eq!(found("第一条"), [(1, None, None, "第一条")]);
        // Named refs are kept even when the article does not exist.
        assert_eq!(
            found("《条例》第六十条"),
            [(60, None, None, "《条例》第六十条")]
        );
        assert_eq!(
            found("《条例》第五十六条、第六十条"),
            [
                (56, None, None, "《条例》第五十六条"),
                (60, None, None, "第六十条")
            ]
        );
        // Missing 款 and 项 are kept.
        assert_eq!(
            found("第十六条第三款"),
            [(16, Some(3), None, "第十六条第三款")]
        );
        assert_eq!(
            found("第二十条第（十六）项"),
            [(20, None, Some(16), "第二十条第（十六）项")]
        );
    }

    #[test]
    fn skips_lone_items_and_dates() {
        assert!(found("第（五）项").is_empty());
        assert!(found("第五项工作").is_empty());
        assert!(found("第二款").is_empty());
        assert!(found("2022年1月31日前").is_empty());
        assert!(found("二〇二二年一月二十四日").is_empty());
        assert!(found("国务院令第711号、国办公开办函〔2021〕30号").is_empty());
        assert!(found("第一季度，第3名").is_empty());
    }

    #[test]
    fn follows_chains() {
        assert_eq!(
            found("第三十六条第（一）项、第（二）项"),
            [
                (36, None, Some(1), "第三十六条第（一）项"),
                (36, None, Some(2), "第（二）项")
            ]
        );
        assert_eq!(
            found("第十六条第一款、第二款"),
            [
                (16, Some(1), None, "第十六条第一款"),
                (16, Some(2), None, "第二款")
            ]
        );
        assert_eq!(
            found("第五十条第一款第（四）项和第二款"),
            [
                (50, Some(1), Some(4), "第五十条第一款第（四）项"),
                (50, Some(2), None, "第二款")
            ]
        );
        assert_eq!(
            found("第五十条第一款第（一）项、第（二）项以及第（三）项"),
            [
                (50, Some(1), Some(1), "第五十条第一款第（一）项"),
                (50, Some(1), Some(2), "第（二）项"),
                (50, Some(1), Some(3), "第（三）项")
            ]
        );
        assert_eq!(
            found("除本条例第十四条、第十五条、第十六条规定的政府信息外"),
            [
                (14, None, None, "条例第十四条"),
                (15, None, None, "第十五条"),
                (16, None, None, "第十六条")
            ]
        );
    }

    #[test]
    fn finds_refs_across_the_statute_itself() {
        // The statute cross-references itself; every such reference must resolve.
        let mut count = 0;
        for a in super::super::articles() {
            let texts = a
                .paragraphs
                .iter()
                .flat_map(|p| std::iter::once(&p.text).chain(p.items.iter().map(|i| &i.text)));
            for text in texts {
                for r in find_refs(text) {
                    count += 1;
                    assert!(
                        super::super::resolve(&r).is_ok(),
                        "{r:?} in article {}",
                        a.number
                    );
                }
            }
        }
        assert!(count >= 10, "{count}");
    }

    #[test]
    fn never_panics_and_ranges_are_on_char_boundaries() {
        let samples = [
            "",
            "第",
            "第条",
            "第十",
            "第十条第",
            "第十条第（",
            "第十条第（五",
            "第十条第（五）",
            "《",
            "》第三条",
            "《》第三条",
            "《条例》",
            "条例第",
            "第99999999999条",
            "《条例》第99999条",
            "第十条、",
            "第十条、第",
            "第十条、第二款第",
            "😀第十四条😀第（五）项、第二款",
            "\u{3000}第\u{3000}十四\u{3000}条\u{3000}第\u{3000}二\u{3000}款",
            "第十六条第二款第二十条第（五）项第三十六條第（四）項",
        ];
        for s in samples {
            for r in find_refs(s) {
                assert!(s.is_char_boundary(r.range.start) && s.is_char_boundary(r.range.end));
                assert!(r.range.start < r.range.end);
            }
            let _ = parse_ref(s);
        }
        assert_eq!(
            found("第十六条第二款第二十条第（五）项第三十六條第（四）項"),
            [
                (16, Some(2), None, "第十六条第二款"),
                (20, None, Some(5), "第二十条第（五）项"),
                (36, None, Some(4), "第三十六條第（四）項")
            ]
        );
    }

    #[test]
    fn parses_whole_references() {
        let p = |s| parse_ref(s).map(|r| (r.article, r.paragraph, r.item));
        assert_eq!(p("第十六条"), Some((16, None, None)));
        assert_eq!(p("第二十条第（五）项"), Some((20, None, Some(5))));
        assert_eq!(p("第二十条第(五)项"), Some((20, None, Some(5))));
        assert_eq!(p("第16条第2款"), Some((16, Some(2), None)));
        assert_eq!(p("16条2款"), Some((16, Some(2), None)));
        assert_eq!(p("16"), Some((16, None, None)));
        assert_eq!(p("十六"), Some((16, None, None)));
        assert_eq!(p("16.2"), Some((16, Some(2), None)));
        assert_eq!(p("20(5)"), Some((20, None, Some(5))));
        assert_eq!(p("20（5）"), Some((20, None, Some(5))));
        assert_eq!(p("50.1(4)"), Some((50, Some(1), Some(4))));
        assert_eq!(p("50.1.4"), Some((50, Some(1), Some(4))));
        assert_eq!(p("条例第二十条第五项"), Some((20, None, Some(5))));
        assert_eq!(p("本条例第二十条"), Some((20, None, None)));
        assert_eq!(p("《条例》第十四条"), Some((14, None, None)));
        assert_eq!(
            p("《中华人民共和国政府信息公开条例》第五十条第一款第（四）项"),
            Some((50, Some(1), Some(4)))
        );
        assert_eq!(p("第三十六條第（四）項"), Some((36, None, Some(4))));
        assert_eq!(p("  第 16 条  "), Some((16, None, None)));
        assert_eq!(
            p("60"),
            Some((60, None, None)),
            "missing articles parse; resolve rejects them"
        );
        for bad in [
            "",
            "条例",
            "abc",
            "第条",
            "16.",
            "20(5",
            "第十六条第",
            "第十六条 abc",
            "一二",
            "16.2.3.4",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
        let r = parse_ref("  第十六条 ").unwrap();
        assert_eq!(r.range, 2..2 + "第十六条".len());
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// Characters that build references and near-references, plus arbitrary ones.
    fn soup() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "第", "条", "條", "款", "项", "項", "（", "）", "(", ")", "《", "》", "条例", "本",
            "办法", "法", "、", "和", " ", "\u{3000}", "十", "二", "五", "六", "百", "零", "1",
            "6", "１", ".", "😀", "é", "\n",
        ]);
        prop::collection::vec(
            prop_oneof![
                pieces.prop_map(str::to_string),
                any::<char>().prop_map(String::from)
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn find_refs_never_panics_and_ranges_are_sound(s in soup()) {
            let refs = find_refs(&s);
            let mut last_end = 0;
            for r in &refs {
                prop_assert!(s.is_char_boundary(r.range.start) && s.is_char_boundary(r.range.end));
                prop_assert!(r.range.start < r.range.end && r.range.end <= s.len());
                prop_assert!(r.range.start >= last_end, "ranges are ordered and disjoint");
                last_end = r.range.end;
                let t = &s[r.range.clone()];
                prop_assert!(t.ends_with(['条', '條', '款', '项', '項']), "{t:?}");
                // Rendering any found reference works.
                prop_assert!(super::super::hover_markdown(r).is_some());
            }
        }

        #[test]
        fn parse_ref_never_panics(s in soup()) {
            if let Some(r) = parse_ref(&s) {
                prop_assert!(s.is_char_boundary(r.range.start) && s.is_char_boundary(r.range.end));
            }
        }

        #[test]
        fn labels_round_trip(a in 1u16..=56, p in prop::option::of(1u16..=5), i in prop::option::of(1u16..=15)) {
            let r = ClauseRef::new(a, p, i);
            let label = r.label();
            let parsed = parse_ref(&label).expect("label parses");
            prop_assert_eq!((parsed.article, parsed.paragraph, parsed.item), (a, p, i));
            let found = find_refs(&label);
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].range.clone(), 0..label.len());
        }
    }
}
