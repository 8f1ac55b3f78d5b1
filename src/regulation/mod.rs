//! 《中华人民共和国政府信息公开条例》 (2019 revision, 国务院令第711号) as data.
//!
//! The statute text is compiled in from `regulation.md` and parsed once into articles (条),
//! paragraphs (款) and items (项). On top of it:
//!
//! - [`find_refs`] finds clause references (`《条例》第二十条第（五）项`, `第16条`, …) in
//!   arbitrary text, with byte ranges;
//! - [`parse_ref`] reads one reference typed by a user (`第十六条`, `16.2`, `20(5)`);
//! - [`resolve`] checks that a reference exists;
//! - [`hover_markdown`] and [`plain_text`] render the referenced article with the referenced
//!   part highlighted, followed by [`explanation`], a plain note on what the article means for
//!   the annual report.
//!
//! Everything here is pure: no I/O, no protocol types.

mod explain;
mod refs;
mod render;

use crate::text::numerals::{parse_cn_int, to_cn};
use std::ops::Range;
use std::sync::OnceLock;

pub use explain::explanation;
pub use refs::{find_refs, parse_ref};
pub use render::{hover_markdown, plain_text};

/// The statute text, see the header of the file for its structure.
const SOURCE: &str = include_str!("regulation.md");

/// Full title with book-title marks.
pub const TITLE: &str = "《中华人民共和国政府信息公开条例》";

/// Short title used in messages.
pub const SHORT_TITLE: &str = "《条例》";

/// Number of articles of the 2019 revision.
pub const ARTICLE_COUNT: u16 = 56;

/// One article (条).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// 1-based article number.
    pub number: u16,
    /// The chapter it belongs to, e.g. "第四章 依申请公开".
    pub chapter: String,
    /// Its paragraphs (款), at least one. The first paragraph's text excludes the leading `第N条 `.
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph (款) of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's lead text, without its items.
    pub text: String,
    /// Its numbered items (项), possibly none.
    pub items: Vec<Item>,
}

/// One numbered item (项), printed `(一)…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// 1-based item number.
    pub number: u16,
    /// The item's text without its `(一)` marker.
    pub text: String,
}

impl Article {
    /// `第二十条`.
    pub fn label(&self) -> String {
        article_label(self.number)
    }

    /// The 1-based paragraph `n`.
    pub fn paragraph(&self, n: u16) -> Option<&Paragraph> {
        self.paragraphs.get(usize::from(n).checked_sub(1)?)
    }

    /// The 1-based number of the paragraph that holds the items (the first with items), which a
    /// reference `第N条第（M）项` without 款 points into.
    pub fn item_paragraph(&self) -> Option<u16> {
        self.paragraphs
            .iter()
            .position(|p| !p.items.is_empty())
            .and_then(|i| u16::try_from(i + 1).ok())
    }

    /// The article's whole text, one line per paragraph and per item, the first line starting
    /// with `第N条 ` (as in the source copy).
    pub fn full_text(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i == 0 {
                out.push_str(&self.label());
                out.push(' ');
            } else {
                out.push('\n');
            }
            out.push_str(&p.text);
            for item in &p.items {
                out.push('\n');
                out.push_str(&item.marker());
                out.push_str(&item.text);
            }
        }
        out
    }
}

impl Paragraph {
    /// The 1-based item `n`.
    pub fn item(&self, n: u16) -> Option<&Item> {
        self.items.get(usize::from(n).checked_sub(1)?)
    }
}

impl Item {
    /// The marker as in the source copy: `(五)`.
    pub fn marker(&self) -> String {
        format!("({})", to_cn(u32::from(self.number)))
    }
}

/// A reference to an article, optionally narrowed to a paragraph (款) and/or item (项).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClauseRef {
    pub article: u16,
    /// 1-based 款, if the reference names one.
    pub paragraph: Option<u16>,
    /// 1-based 项, if the reference names one. Without `paragraph` it refers to the paragraph
    /// that holds the items (see [`Article::item_paragraph`]).
    pub item: Option<u16>,
    /// Byte range of the reference in the text it was found in.
    pub range: Range<usize>,
}

impl ClauseRef {
    /// A reference with an empty range.
    pub fn new(article: u16, paragraph: Option<u16>, item: Option<u16>) -> Self {
        ClauseRef {
            article,
            paragraph,
            item,
            range: 0..0,
        }
    }

    /// Canonical label with official full-width brackets: `第五十条第一款第（四）项`.
    pub fn label(&self) -> String {
        let mut out = article_label(self.article);
        if let Some(p) = self.paragraph {
            out.push_str(&paragraph_label(p));
        }
        if let Some(i) = self.item {
            out.push_str(&item_label(i));
        }
        out
    }
}

/// A reference that exists in the statute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub article: &'static Article,
    /// 1-based 款 the reference points into: the one it names, or for a 项 without 款 the
    /// paragraph holding the items. `None` for a whole-article reference.
    pub paragraph: Option<u16>,
    /// 1-based 项, if the reference names one.
    pub item: Option<u16>,
}

impl Resolved {
    /// The referenced paragraph, if any.
    pub fn paragraph_data(&self) -> Option<&'static Paragraph> {
        self.article.paragraph(self.paragraph?)
    }

    /// The referenced item, if any.
    pub fn item_data(&self) -> Option<&'static Item> {
        self.paragraph_data()?.item(self.item?)
    }

    /// Whether paragraph `p` (1-based) is highlighted as a whole.
    fn highlights_paragraph(&self, p: u16) -> bool {
        self.item.is_none() && self.paragraph == Some(p)
    }

    /// Whether item `i` of paragraph `p` (both 1-based) is highlighted.
    fn highlights_item(&self, p: u16, i: u16) -> bool {
        self.paragraph == Some(p) && (self.item.is_none() || self.item == Some(i))
    }
}

/// `第二十条`.
pub fn article_label(n: u16) -> String {
    format!("第{}条", to_cn(u32::from(n)))
}

/// `第二款`.
fn paragraph_label(n: u16) -> String {
    format!("第{}款", to_cn(u32::from(n)))
}

/// `第（五）项`.
fn item_label(n: u16) -> String {
    format!("第（{}）项", to_cn(u32::from(n)))
}

/// All 56 articles in order.
pub fn articles() -> &'static [Article] {
    static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
    ARTICLES.get_or_init(|| parse_source(SOURCE))
}

/// Article `n` (1-based).
pub fn article(n: u16) -> Option<&'static Article> {
    let a = articles().get(usize::from(n).checked_sub(1)?)?;
    (a.number == n).then_some(a)
}

/// Checks that the reference exists. The error is a Chinese message such as
/// `《条例》只有五十六条，没有第六十条` or `第十六条没有第三款（该条共两款）`.
pub fn resolve(r: &ClauseRef) -> Result<Resolved, String> {
    let Some(art) = article(r.article) else {
        return Err(if r.article == 0 {
            format!("{SHORT_TITLE}没有第零条")
        } else {
            format!(
                "{SHORT_TITLE}只有{}条，没有{}",
                to_cn(u32::from(ARTICLE_COUNT)),
                article_label(r.article)
            )
        });
    };
    // Counts read 两 for two: 共两款.
    let count = |n: usize| match n {
        2 => "两".to_string(),
        _ => to_cn(u32::try_from(n).unwrap_or(u32::MAX)),
    };
    if let Some(p) = r.paragraph
        && art.paragraph(p).is_none()
    {
        let total = art.paragraphs.len();
        let note = if total == 1 {
            "该条不分款".to_string()
        } else {
            format!("该条共{}款", count(total))
        };
        return Err(format!(
            "{}没有{}（{note}）",
            art.label(),
            paragraph_label(p)
        ));
    }
    let Some(i) = r.item else {
        return Ok(Resolved {
            article: art,
            paragraph: r.paragraph,
            item: None,
        });
    };
    let (holder, scope, whole) = match r.paragraph {
        Some(p) => (
            Some(p),
            format!("{}{}", art.label(), paragraph_label(p)),
            "该款",
        ),
        None => (art.item_paragraph(), art.label(), "该条"),
    };
    let items = holder
        .and_then(|p| art.paragraph(p))
        .map_or(0, |p| p.items.len());
    if items == 0 {
        return Err(format!("{scope}没有{}（{whole}不分项）", item_label(i)));
    }
    if i == 0 || usize::from(i) > items {
        return Err(format!(
            "{scope}没有{}（{whole}共{}项）",
            item_label(i),
            count(items)
        ));
    }
    Ok(Resolved {
        article: art,
        paragraph: holder,
        item: Some(i),
    })
}

/// Parses the embedded markdown: `## 第N章 title` headings, `第N条 ` article starts, one
/// paragraph per non-empty line, `(一)` item lines attached to the preceding paragraph.
fn parse_source(src: &str) -> Vec<Article> {
    let mut articles: Vec<Article> = Vec::new();
    let mut chapter = String::new();
    for line in src.lines() {
        let line = line.trim();
        if let Some(heading) = line.strip_prefix("## ") {
            chapter = heading.trim().to_string();
            continue;
        }
        // Skip the title, the header block quote and anything before the first chapter.
        if line.is_empty() || line.starts_with('#') || line.starts_with('>') || chapter.is_empty() {
            continue;
        }
        if let Some((number, rest)) = split_article_start(line) {
            articles.push(Article {
                number,
                chapter: chapter.clone(),
                paragraphs: vec![Paragraph {
                    text: rest.to_string(),
                    items: Vec::new(),
                }],
            });
            continue;
        }
        let Some(current) = articles.last_mut() else {
            continue;
        };
        if let Some((number, rest)) = split_item_start(line) {
            if let Some(p) = current.paragraphs.last_mut() {
                p.items.push(Item {
                    number,
                    text: rest.to_string(),
                });
            }
        } else {
            current.paragraphs.push(Paragraph {
                text: line.to_string(),
                items: Vec::new(),
            });
        }
    }
    articles
}

/// `第二十条 行政机关…` → (20, "行政机关…").
fn split_article_start(line: &str) -> Option<(u16, &str)> {
    let rest = line.strip_prefix('第')?;
    let (num, rest) = rest.split_once('条')?;
    let rest = rest.strip_prefix(' ')?;
    let n = u16::try_from(parse_cn_int(num)?).ok()?;
    Some((n, rest.trim()))
}

/// `(五)办理…` → (5, "办理…").
fn split_item_start(line: &str) -> Option<(u16, &str)> {
    let rest = line.strip_prefix('(')?;
    let (num, rest) = rest.split_once(')')?;
    let n = u16::try_from(parse_cn_int(num)?).ok()?;
    Some((n, rest.trim()))
}

#[cfg(test)]
mod tests;
