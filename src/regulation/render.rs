//! Rendering a referenced article for hovers (Markdown) and terminals (plain text).

use super::{ClauseRef, Resolved, TITLE, explanation, resolve};

/// Official typography for display: the source copy uses ASCII brackets (`(五)`,
/// `办公厅(室)`); the printed statute uses full-width ones.
fn official(s: &str) -> String {
    s.replace('(', "（").replace(')', "）")
}

/// One display line of the article: its text and whether it is highlighted.
struct Line {
    text: String,
    marked: bool,
    /// Whether this line starts a new paragraph (款).
    paragraph_start: bool,
}

fn lines(r: &Resolved) -> Vec<Line> {
    let mut out = Vec::new();
    for (pi, p) in r.article.paragraphs.iter().enumerate() {
        let pn = u16::try_from(pi + 1).unwrap_or(u16::MAX);
        out.push(Line {
            text: official(&p.text),
            marked: r.highlights_paragraph(pn),
            paragraph_start: true,
        });
        for item in &p.items {
            out.push(Line {
                text: official(&format!("{}{}", item.marker(), item.text)),
                marked: r.highlights_item(pn, item.number),
                paragraph_start: false,
            });
        }
    }
    out
}

/// The heading without markup: `《中华人民共和国政府信息公开条例》第二十条`, and the chapter.
fn heading(r: &Resolved) -> (String, String) {
    (
        format!("{TITLE}{}", r.article.label()),
        r.article.chapter.clone(),
    )
}

/// Markdown for a hover: a bold heading with the chapter, the article's full text with the
/// referenced 款 or 项 in bold, then a plain explanation. For a reference that does not exist,
/// a short message saying so. Always `Some` for now.
pub fn hover_markdown(r: &ClauseRef) -> Option<String> {
    let resolved = match resolve(r) {
        Ok(res) => res,
        Err(e) => return Some(format!("**引用的条款不存在**：{e}。")),
    };
    let (title, chapter) = heading(&resolved);
    let mut out = format!("**{title}**（{chapter}）");
    for line in lines(&resolved) {
        out.push_str("\n\n");
        if line.marked {
            out.push_str("**");
            out.push_str(&line.text);
            out.push_str("**");
        } else {
            out.push_str(&line.text);
        }
    }
    if let Some(e) = explanation(resolved.article.number) {
        out.push_str("\n\n---\n\n**说明**：");
        out.push_str(e);
    }
    Some(out)
}

/// Plain text for a terminal: heading, the article's full text with each line of the
/// referenced 款 or 项 starting with `▶ `, then the explanation. For a reference that does not
/// exist, a short message saying so. Always `Some` for now.
pub fn plain_text(r: &ClauseRef) -> Option<String> {
    let resolved = match resolve(r) {
        Ok(res) => res,
        Err(e) => return Some(format!("引用的条款不存在：{e}。")),
    };
    let (title, chapter) = heading(&resolved);
    let mut out = format!("{title}（{chapter}）");
    for line in lines(&resolved) {
        out.push('\n');
        if line.paragraph_start {
            out.push('\n');
        }
        if line.marked {
            out.push_str("▶ ");
        }
        out.push_str(&line.text);
    }
    if let Some(e) = explanation(resolved.article.number) {
        out.push_str("\n\n说明：");
        out.push_str(e);
    }
    out.push('\n');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::parse_ref;
    use super::*;

    fn md(s: &str) -> String {
        hover_markdown(&parse_ref(s).unwrap()).unwrap()
    }

    fn plain(s: &str) -> String {
        plain_text(&parse_ref(s).unwrap()).unwrap()
    }

    /// The bold spans of a Markdown text, excluding the heading and the explanation label.
    fn bold_spans(md: &str) -> Vec<&str> {
        md.lines()
            .skip(1)
            .filter_map(|l| l.strip_prefix("**")?.strip_suffix("**"))
            .collect()
    }

    #[test]
    fn markdown_heading_text_and_explanation() {
        let m = md("第二十条");
        assert!(
            m.starts_with("**《中华人民共和国政府信息公开条例》第二十条**（第三章 主动公开）\n\n"),
            "{m}"
        );
        assert!(m.contains("行政机关应当依照本条例第十九条的规定"));
        assert!(m.contains(
            "\n\n（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息。"
        ));
        assert!(
            bold_spans(&m).is_empty(),
            "nothing is highlighted for a whole article"
        );
        assert!(m.contains("**说明**：列出行政机关应当主动公开的十五项信息"));
    }

    #[test]
    fn markdown_bolds_the_referenced_item() {
        let m = md("第二十条第（五）项");
        let bold = bold_spans(&m);
        assert_eq!(bold.len(), 1, "{m}");
        assert!(bold[0].starts_with("（五）"));
        assert!(bold[0].contains("行政许可"));
        // Other items stay plain.
        assert!(m.contains("\n\n（六）实施行政处罚"));
    }

    #[test]
    fn markdown_bolds_the_referenced_paragraph_with_its_items() {
        let m = md("第十六条第二款");
        let bold = bold_spans(&m);
        assert_eq!(bold.len(), 1);
        assert!(bold[0].contains("过程稿"));
        assert!(m.contains("\n\n行政机关的内部事务信息"));

        let m = md("第四条第二款");
        let bold = bold_spans(&m);
        assert_eq!(bold.len(), 6, "lead text and five items");
        assert_eq!(bold[0], "政府信息公开工作机构的具体职能是：");
        assert!(bold[3].contains("年度报告"));

        let m = md("第五十条第一款第（四）项");
        let bold = bold_spans(&m);
        assert_eq!(bold.len(), 1);
        assert!(bold[0].contains("工作考核、社会评议和责任追究结果"));
        assert!(m.contains("（第五章 监督和保障）"));
    }

    #[test]
    fn markdown_uses_official_brackets() {
        let m = md("第三条");
        assert!(m.contains("办公厅（室）"));
        assert!(!m.contains('('));
    }

    #[test]
    fn markdown_for_missing_references() {
        assert_eq!(
            md("第六十条"),
            "**引用的条款不存在**：《条例》只有五十六条，没有第六十条。"
        );
        assert_eq!(
            md("第十六条第三款"),
            "**引用的条款不存在**：第十六条没有第三款（该条共两款）。"
        );
    }

    #[test]
    fn plain_text_marks_the_referenced_part() {
        let p = plain("第二十条第（五）项");
        assert!(p.starts_with(
            "《中华人民共和国政府信息公开条例》第二十条（第三章 主动公开）\n\n行政机关应当"
        ));
        let marked: Vec<&str> = p.lines().filter(|l| l.starts_with("▶ ")).collect();
        assert_eq!(marked.len(), 1);
        assert!(marked[0].starts_with("▶ （五）办理行政许可"));
        assert!(p.contains("\n（四）国民经济和社会发展统计信息；\n"));
        assert!(!p.contains("**"));
        assert!(p.contains("\n\n说明："));

        let p = plain("49.2");
        let marked: Vec<&str> = p.lines().filter(|l| l.starts_with("▶ ")).collect();
        assert_eq!(marked.len(), 1);
        assert!(marked[0].contains("3月31日"));
        assert!(p.contains("\n\n县级以上人民政府部门应当在每年1月31日前"));

        let p = plain("第十四条");
        assert!(p.contains("国家秘密"));
        assert!(!p.contains("▶"));
    }

    #[test]
    fn plain_text_for_missing_references() {
        assert_eq!(
            plain("第二十条第（十六）项"),
            "引用的条款不存在：第二十条没有第（十六）项（该条共十五项）。"
        );
    }

    #[test]
    fn renders_every_article() {
        for n in 1..=56 {
            let r = ClauseRef::new(n, None, None);
            let m = hover_markdown(&r).unwrap();
            assert!(m.contains(&super::super::article_label(n)));
            assert!(m.contains("**说明**"));
            assert!(plain_text(&r).unwrap().contains("说明："));
        }
    }
}
