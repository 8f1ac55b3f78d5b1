use super::*;
use crate::input::render;

fn doc(html: &str) -> Document {
    read(html.as_bytes()).expect("page reads")
}

/// Paragraph and heading texts (headings as `#… text`), tables as `[table N]`.
fn outline(d: &Document) -> Vec<String> {
    d.blocks
        .iter()
        .map(|b| match b {
            Block::Heading { level, text, .. } => format!("{} {text}", "#".repeat(*level as usize)),
            Block::Paragraph { text, .. } => text.clone(),
            Block::Table(t) => format!("[table {}]", t.number),
        })
        .collect()
}

fn tables(d: &Document) -> Vec<&Table> {
    d.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// A table's grid with merged positions as `^`.
fn grid(t: &Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| {
                    if c.merged {
                        assert!(c.text.is_empty(), "merged cell with text");
                        "^".to_owned()
                    } else {
                        c.text.clone()
                    }
                })
                .collect()
        })
        .collect()
}

fn rows(expected: &[&[&str]]) -> Vec<Vec<String>> {
    expected
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

fn gbk(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(s);
    assert!(!unmappable);
    bytes.into_owned()
}

const TITLE: &str = "某市人民政府2023年政府信息公开工作年度报告";

#[test]
fn gbk_page_declared_by_meta_charset() {
    let page = format!(
        "<html><head><meta charset=\"gb2312\"><title>{TITLE}</title></head>\
         <body><h1>{TITLE}</h1><p>一、总体情况</p><p>本年度共主动公开政府信息1234条。</p></body></html>"
    );
    let bytes = gbk(&page);
    assert!(std::str::from_utf8(&bytes).is_err());
    let d = read(&bytes).unwrap();
    assert_eq!(
        outline(&d),
        [
            format!("# {TITLE}"),
            "一、总体情况".into(),
            "本年度共主动公开政府信息1234条。".into()
        ]
    );
}

#[test]
fn gbk_page_declared_by_http_equiv() {
    let page = format!(
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<HTML><HEAD>\
         <META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\">\
         </HEAD><BODY><P>{TITLE}</P><P>二、主动公开政府信息情况</P></BODY></HTML>"
    );
    let d = read(&gbk(&page)).unwrap();
    assert_eq!(outline(&d), [TITLE, "二、主动公开政府信息情况"]);
}

#[test]
fn undeclared_legacy_bytes_are_gb18030_and_utf8_wins_over_a_stale_declaration() {
    let d = read(&gbk(&format!("<p>{TITLE}</p>"))).unwrap();
    assert_eq!(outline(&d), [TITLE]);
    // Re-saved as UTF-8, still declaring GBK.
    let d = doc(&format!("<meta charset=gbk><p>{TITLE}</p>"));
    assert_eq!(outline(&d), [TITLE]);
    // Invalid bytes never fail.
    let d = read(b"<meta charset=utf-8><p>\xff\xfe\xe4\xb8</p><p>ok</p>").unwrap();
    assert_eq!(d.blocks.len(), 2);
}

#[test]
fn utf8_and_utf16_pages_with_a_bom() {
    let page = format!("<p>{TITLE}</p><p>一、总体情况</p>");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(page.as_bytes());
    assert_eq!(outline(&read(&bytes).unwrap()), [TITLE, "一、总体情况"]);

    let mut utf16 = vec![0xFF, 0xFE];
    for u in page.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(outline(&read(&utf16).unwrap()), [TITLE, "一、总体情况"]);
}

#[test]
fn declared_charset_is_sniffed_from_meta_and_xml_declarations() {
    let label = |s: &str| declared_charset(s.as_bytes()).map(|e| e.name());
    assert_eq!(label("<meta charset='GB2312'/>"), Some("GBK"));
    assert_eq!(
        label("<meta content=\"text/html;charset=gb18030\" http-equiv=content-type>"),
        Some("gb18030")
    );
    assert_eq!(
        label("<?xml version=\"1.0\" encoding=\"GBK\"?><html>"),
        Some("GBK")
    );
    assert_eq!(
        label("<meta name=charset content=x><p>charset=gbk</p>"),
        None
    );
    assert_eq!(label("<meta charset=nonsense>"), None);
}

/// The application table of the official format (cut down), as a CMS exports it.
const APPLICATION_TABLE: &str = r#"
<table border="1" class="MsoNormalTable">
<thead>
<tr><th colspan="3" rowspan="3"><p class="MsoNormal"><span>（本列数据的勾稽关系为：第一项加第二项之和，</span></p><p><span>等于第三项加第四项之和）</span></p></th>
    <th colspan="7"><span>申请人情况</span></th></tr>
<tr><th rowspan="2">自然人</th>
    <th colspan="5"><p><span>法人或其他</span></p><p><span>组织</span></p></th>
    <th rowspan="2">总计</th></tr>
<tr><th>商业<br>企业</th><th>科研<br/>机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>
</thead>
<tbody>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>
    <td>&nbsp;10&nbsp;</td><td>2</td><td>0</td><td>0</td><td>1</td><td>0</td><td>13</td></tr>
<tr><td rowspan="3"><p>三、本年度</p><p>办理结果</p></td><td colspan="2">（一）予以公开</td>
    <td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>
<tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td>
    <td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2.其他法律行政法规禁止公开</td>
    <td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
</tbody>
</table>"#;

#[test]
fn application_table_becomes_the_exact_full_grid() {
    let d = doc(&format!(
        "<p>三、收到和处理政府信息公开申请情况</p>{APPLICATION_TABLE}<p>四、行政复议</p>"
    ));
    assert_eq!(
        outline(&d),
        [
            "三、收到和处理政府信息公开申请情况",
            "[table 1]",
            "四、行政复议"
        ]
    );
    let t = tables(&d)[0];
    assert_eq!(t.number, 1);
    assert_eq!(
        grid(t),
        rows(&[
            &[
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                "^",
                "^",
                "申请人情况",
                "^",
                "^",
                "^",
                "^",
                "^",
                "^"
            ],
            &[
                "^",
                "^",
                "^",
                "自然人",
                "法人或其他组织",
                "^",
                "^",
                "^",
                "^",
                "总计"
            ],
            &[
                "^",
                "^",
                "^",
                "^",
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
                "^"
            ],
            &[
                "一、本年新收政府信息公开申请数量",
                "^",
                "^",
                "10",
                "2",
                "0",
                "0",
                "1",
                "0",
                "13"
            ],
            &[
                "三、本年度办理结果",
                "（一）予以公开",
                "^",
                "5",
                "1",
                "0",
                "0",
                "0",
                "0",
                "6"
            ],
            &[
                "^",
                "（三）不予公开",
                "1.属于国家秘密",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0"
            ],
            &[
                "^",
                "^",
                "2.其他法律行政法规禁止公开",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0",
                "1"
            ],
        ])
    );
    // Paragraph numbers skip table cells.
    let Block::Paragraph { at, .. } = &d.blocks[2] else {
        panic!("paragraph expected")
    };
    assert_eq!(*at, Source::Paragraph { n: 2, page: None });
}

#[test]
fn cell_text_joins_paragraphs_spans_and_line_breaks() {
    let d = doc("<table>\
         <tr><td><p><span>行政</span><span>复议</span></p></td><td>结果<br>维持</td><td>Total<br>count</td></tr>\
         <tr><td><p>&nbsp;</p><p>&nbsp;3&nbsp;</p></td><td>  4\n </td><td><b>5</b><i>6</i></td></tr>\
         </table>");
    assert_eq!(
        grid(tables(&d)[0]),
        rows(&[&["行政复议", "结果维持", "Total count"], &["3", "4", "56"]])
    );
}

#[test]
fn nbsp_and_white_space_collapse_like_a_browser() {
    let d = doc("<p>&nbsp;&nbsp;&nbsp;&nbsp;一、总体情况&nbsp;</p>\
         <p>　　2023年，&nbsp;&nbsp;共收到   申请\t16件。</p>\
         <p>一、总体\n    情况</p><p>hello\n world</p><p>a<br>  <br>b </p>\
         <p>共收到申请\n  16\n件，2023 年</p>");
    assert_eq!(
        outline(&d),
        [
            "一、总体情况",
            "2023年， 共收到 申请 16件。",
            "一、总体情况",
            "hello world",
            "a\nb",
            "共收到申请16件，2023 年"
        ]
    );
}

#[test]
fn text_mixed_with_blocks_is_neither_lost_nor_duplicated() {
    let d = doc(
        "<div>前文<p>段落</p>后文<br>下一行<div>内层<span>行内</span></div>尾</div>\
         <ul><li>甲</li><li>乙<ol><li>丙</li></ol></li></ul>",
    );
    assert_eq!(
        outline(&d),
        [
            "前文",
            "段落",
            "后文\n下一行",
            "内层行内",
            "尾",
            "甲",
            "乙",
            "丙"
        ]
    );
    let ns: Vec<usize> = d
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph {
                at: Source::Paragraph { n, page: None },
                ..
            } => *n,
            _ => panic!("only paragraphs"),
        })
        .collect();
    assert_eq!(ns, (1..=8).collect::<Vec<_>>());
}

#[test]
fn headings_are_headings() {
    let d = doc("<h1>标题</h1><p>正文</p><h2>一、<span>总体情况</span></h2><h3>a<br>b</h3>");
    assert_eq!(
        outline(&d),
        ["# 标题", "正文", "## 一、总体情况", "### a\nb"]
    );
    assert!(matches!(
        d.blocks[2],
        Block::Heading {
            at: Source::Paragraph { n: 3, page: None },
            ..
        }
    ));
}

/// A typical government site page around the report.
fn site_page(article: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}_某市人民政府</title>
<style>.nav {{ color: red }}</style><script>var menu = "首页";</script></head>
<body>
<div class="header"><div class="logo">某市人民政府</div>
  <ul class="nav-menu"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a>政府信息公开年报</a></li></ul></div>
<nav><a href="/">网站首页</a></nav>
<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年度报告</div>
<div class="wrap">
  <div class="article-title"><h1>{TITLE}</h1></div>
  <div class="info">发布时间：2024-01-20　来源：市政府办公室　<span class="share">分享到：微信</span></div>
  <div id="zoom" class="TRS_Editor">{article}</div>
  <div class="print"><a href="javascript:window.print()">【打印本页】</a></div>
</div>
<div class="related"><h4>相关阅读</h4><ul><li>某市2022年政府信息公开工作年度报告</li></ul></div>
<div id="footer"><p>联系我们 | 网站地图</p><p>主办：某市人民政府办公室 版权所有</p></div>
<script>document.write("统计代码");</script>
</body></html>"#
    )
}

const ARTICLE: &str = "<p>　　本报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括总体情况、主动公开政府信息情况、\
收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。</p>\
<p><strong>一、总体情况</strong></p>\
<p>　　2023年，某市人民政府坚持以人民为中心的发展思想，全面推进政府信息公开工作，不断提升政务公开质量和实效。</p>\
<p><strong>二、主动公开政府信息情况</strong></p>\
<table border=1><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\
<tr><td>规章</td><td>1</td><td>0</td><td>5</td></tr><tr><td>行政规范性文件</td><td>12</td><td>3</td><td>40</td></tr></table>\
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>";

#[test]
fn site_chrome_is_dropped_and_the_article_kept_with_its_title() {
    let d = doc(&site_page(ARTICLE));
    let o = outline(&d);
    assert_eq!(o[0], format!("# {TITLE}"));
    assert!(o[1].starts_with("本报告根据"), "{o:?}");
    assert_eq!(o[2], "一、总体情况");
    assert_eq!(o[5], "[table 1]");
    assert_eq!(o.last().unwrap(), "三、收到和处理政府信息公开申请情况");
    let all = o.join("\n");
    for chrome in [
        "首页",
        "联系我们",
        "版权所有",
        "统计代码",
        "color",
        "发布时间",
        "打印本页",
        "相关阅读",
        "2022年",
        "当前位置",
        "_某市人民政府",
    ] {
        assert!(!all.contains(chrome), "{chrome} kept: {o:?}");
    }
    assert_eq!(grid(tables(&d)[0])[2], ["行政规范性文件", "12", "3", "40"]);
}

#[test]
fn without_a_content_container_the_body_minus_chrome_is_read() {
    let d = doc(&format!(
        "<body><div class=topbar>无障碍 | 长者模式</div><div class=menu><a>首页</a></div>\
         <div class=box><p>{TITLE}</p>{ARTICLE}</div>\
         <div class=right><p>热点专题</p></div><footer>联系我们</footer>\
         <div style=\"display: none\">隐藏内容</div><p hidden>也隐藏</p></body>"
    ));
    let o = outline(&d);
    assert_eq!(o[0], TITLE);
    assert!(o.contains(&"[table 1]".to_owned()));
    // Undetectable chrome stays; marked chrome and hidden elements go.
    assert_eq!(o.last().unwrap(), "热点专题");
    let all = o.join("\n");
    for chrome in ["无障碍", "首页", "联系我们", "隐藏"] {
        assert!(!all.contains(chrome), "{chrome} kept: {o:?}");
    }
}

#[test]
fn table_laid_out_page_reads_its_content_cell_and_title() {
    let d = doc(&format!(
        r#"<table width=1000><tr><td><img src=banner.jpg></td></tr>
<tr><td class=menu_bg><a>首页</a> | <a>信息公开</a></td></tr></table>
<table width=1000><tr><td width=200><table><tr><td>信息公开目录</td></tr><tr><td>年度报告</td></tr></table></td>
<td width=800><table><tr><td>您现在的位置：首页 &gt; 年度报告</td></tr></table>
<table><tr><td align=center class=biaoti><strong>{TITLE}</strong></td></tr>
<tr><td>发布日期：2024-01-15</td></tr>
<tr><td id=fontzoom class=content>{ARTICLE}</td></tr>
<tr><td><a>[打印本页]</a></td></tr></table></td></tr></table>
<table width=1000><tr><td>版权所有</td></tr></table>"#
    ));
    let o = outline(&d);
    assert_eq!(o[0], format!("# {TITLE}"));
    assert!(o[1].starts_with("本报告根据"), "{o:?}");
    assert_eq!(o.last().unwrap(), "三、收到和处理政府信息公开申请情况");
    assert_eq!(tables(&d).len(), 1);
}

#[test]
fn hidden_copies_go_but_a_page_hidden_until_a_script_shows_it_is_read() {
    let d = doc(&format!(
        "<body style=\"display:none\"><div class=nav>首页</div><div class=content>{ARTICLE}</div>\
         <div id=printArea style=\"DISPLAY: NONE\"><p>一、总体情况</p></div></body>"
    ));
    let o = outline(&d);
    assert_eq!(
        o.iter().filter(|p| *p == "一、总体情况").count(),
        1,
        "{o:?}"
    );
    assert_eq!(o.last().unwrap(), "三、收到和处理政府信息公开申请情况");
}

#[test]
fn a_form_wrapping_the_whole_page_is_not_chrome() {
    let d = doc(&format!(
        "<body><form id=form1 method=post><div class=nav>首页</div>\
         <div class=con><p>{TITLE}</p>{ARTICLE}</div><div class=foot>版权所有</div></form></body>"
    ));
    let o = outline(&d);
    assert_eq!(o[0], TITLE);
    assert!(!o.join("").contains("首页") && !o.join("").contains("版权所有"));
}

#[test]
fn a_content_container_missing_the_report_tables_is_not_chosen() {
    // The text container holds most of the text, but a report table sits outside it.
    let long = "本年度政府信息公开工作取得积极成效。".repeat(20);
    let d = doc(&format!(
        "<div class=nav>首页</div><div class=main><div class=content><p>{long}</p></div>\
         <table border=1><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td></tr>\
         <tr><td>规章</td><td>1</td><td>0</td></tr><tr><td>行政规范性文件</td><td>2</td><td>0</td></tr>\
         </table></div><p>侧栏</p>"
    ));
    assert_eq!(outline(&d), [long.as_str(), "[table 1]"]);
    // A calendar widget outside the container is no report table.
    let d = doc(&format!(
        "<div class=content><p>{long}</p></div><div class=right><table>\
         <tr><td>日</td><td>一</td><td>二</td></tr><tr><td>1</td><td>2</td><td>3</td></tr>\
         <tr><td>8</td><td>9</td><td>10</td></tr></table></div>"
    ));
    assert_eq!(outline(&d), [long.as_str()]);
}

#[test]
fn nested_table_follows_its_outer_table_and_is_not_duplicated() {
    let d = doc("<p>前</p><table border=1>\
         <tr><td>A</td><td>乙<table border=1><tr><td>x</td><td>y</td></tr><tr><td>1</td><td>2</td></tr></table>丙</td></tr>\
         <tr><td>D</td><td>E</td></tr></table>\
         <table><tr><td>第三</td><td>表</td></tr><tr><td>1</td><td>2</td></tr></table><p>后</p>");
    assert_eq!(
        outline(&d),
        ["前", "[table 1]", "[table 2]", "[table 3]", "后"]
    );
    let ts = tables(&d);
    assert_eq!(grid(ts[0]), rows(&[&["A", "乙丙"], &["D", "E"]]));
    assert_eq!(grid(ts[1]), rows(&[&["x", "y"], &["1", "2"]]));
    assert_eq!(grid(ts[2]), rows(&[&["第三", "表"], &["1", "2"]]));
}

#[test]
fn layout_tables_are_read_through() {
    // The whole article in a one-cell table, its report table inside.
    let d = doc(&format!(
        "<table width=100%><tr><td><table width=980><tr><td>\
         <h2>{TITLE}</h2>{ARTICLE}<p>（完）</p></td></tr></table></td></tr></table>"
    ));
    let o = outline(&d);
    assert_eq!(o[0], format!("## {TITLE}"));
    assert!(o.contains(&"[table 1]".to_owned()), "{o:?}");
    assert_eq!(o.last().unwrap(), "（完）");
    assert_eq!(tables(&d).len(), 1);
    assert_eq!(tables(&d)[0].rows.len(), 3);

    // Two columns: a side menu and the article: a page region, not a table.
    let d = doc(&format!(
        "<table><tr><td colspan=2>某市人民政府</td></tr>\
         <tr><td><p>栏目</p><p>年报</p></td><td>{ARTICLE}</td></tr></table>"
    ));
    let o = outline(&d);
    assert_eq!(o[..3], ["某市人民政府", "栏目", "年报"]);
    assert_eq!(tables(&d).len(), 1);

    // A one-row table: a line of values, read as paragraphs.
    let d = doc("<table><tr><td>发布日期：2024-01-20</td><td>来源：办公室</td></tr></table>");
    assert_eq!(outline(&d), ["发布日期：2024-01-20", "来源：办公室"]);
}

#[test]
fn absurd_spans_are_clamped() {
    let d = doc("<table><tr><td colspan=10000>x</td></tr>\
         <tr><td rowspan=0>a</td><td rowspan=999999999999>b</td><td colspan=abc>c</td></tr>\
         <tr><td>d</td></tr></table>");
    let t = tables(&d)[0];
    assert_eq!(t.rows.len(), 3);
    assert!(t.rows.iter().all(|r| r.len() == MAX_COLS));
    assert_eq!(t.rows[0][0].text, "x");
    assert!(t.rows[0][1..].iter().all(|c| c.merged));
    let g = grid(t);
    assert_eq!(g[1][..4], ["a", "b", "c", ""]);
    assert_eq!(g[2][..4], ["^", "^", "d", ""]);
    assert!(!t.rows[1][3].merged);
}

#[test]
fn row_spans_stop_at_the_end_of_their_row_group() {
    let d = doc(
        "<table><thead><tr><th rowspan=5>项目</th><th rowspan=0>甲</th><th>乙</th></tr>\
         <tr><th>丙</th></tr></thead>\
         <tbody><tr><td>规章</td><td>1</td><td>2</td></tr></tbody></table>",
    );
    assert_eq!(
        grid(tables(&d)[0]),
        rows(&[
            &["项目", "甲", "乙"],
            &["^", "^", "丙"],
            &["规章", "1", "2"]
        ])
    );
}

#[test]
fn ragged_rows_are_padded_and_spacer_rows_dropped() {
    let d = doc(
        "<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr>\
         <tr><td width=100></td><td width=50></td><td></td></tr><tr></tr></table>",
    );
    assert_eq!(
        grid(tables(&d)[0]),
        rows(&[&["a", "b", "c"], &["d", "", ""]])
    );
    // A table with no text at all is no table.
    let d = doc(
        "<table><tr><td>&nbsp;</td><td><img src=x></td></tr><tr><td></td><td></td></tr></table><p>x</p>",
    );
    assert_eq!(outline(&d), ["x"]);
}

#[test]
fn render_gives_pipe_rows() {
    let d = doc("<p>二、主动公开政府信息情况</p><table border=1>\
         <tr><th rowspan=2>信息内容</th><th colspan=2>件数</th></tr>\
         <tr><td>本年制发</td><td>现行有效</td></tr>\
         <tr><td>规章</td><td>1</td><td>5</td></tr></table>");
    assert_eq!(
        render(&d).text,
        "二、主动公开政府信息情况\n\n\
         | 信息内容 | 件数 | |\n|---|---|---|\n| | 本年制发 | 现行有效 |\n| 规章 | 1 | 5 |\n"
    );
}

#[test]
fn pages_without_text_give_an_empty_document() {
    for page in [
        "",
        "   ",
        "<html><head><title>x</title></head><body></body></html>",
        "<script>alert(1)</script><style>p{}</style>",
        "\u{feff}",
    ] {
        assert_eq!(doc(page), Document::default(), "{page:?}");
    }
    assert_eq!(read(b"\0\x01\x02\xff\xfe\xfd").map(|_| ()), Ok(()));
}

#[test]
fn deep_nesting_is_flattened_and_absurd_nesting_refused() {
    // Past MAX_DEPTH the subtree is read as its text.
    let n = 400;
    let page = format!(
        "<div>浅层</div>{}深层<p>文字</p>{}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    assert_eq!(outline(&doc(&page)), ["浅层", "深层文字"]);
    let page = format!("<p>{}深{}", "<span><b><i>".repeat(100), "<br>");
    assert_eq!(outline(&doc(&page)), ["深"]);
    // Past MAX_PARSE_DEPTH the page is refused, quickly.
    for page in [
        "<div>".repeat(100_000),
        format!("{}<td>x", "<table><tr><td>".repeat(5_000)),
    ] {
        let e = read(page.as_bytes()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooBig);
    }
}

#[test]
fn reopened_formatting_elements_cannot_blow_up() {
    // Each `x` re-opens every still-active `<b>`: quadratically many elements.
    let n = 3_000;
    let mut page = String::from("<div>");
    for i in 0..n {
        page.push_str(&format!("<b id={i}>"));
    }
    page.push_str("</div>");
    page.push_str(&"<div>x</div>".repeat(n));
    let e = read(page.as_bytes()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooBig);
}

#[test]
fn span_values_parse_like_html() {
    assert_eq!(span("3", 1), 3);
    assert_eq!(span(" 2.5", 1), 2);
    assert_eq!(span("x", 1), 1);
    assert_eq!(span("", 1), 1);
    assert_eq!(span("0", 1), 0);
    assert_eq!(span("99999999999999999999", 1), 999_999_999);
}

/// Pieces of tag soup: tables with spans, blocks, chrome, raw-text and foreign elements.
const SOUP: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th rowspan=0>",
    "<td rowspan=3>",
    "<td colspan=2>",
    "<td colspan=9999 rowspan=9999>",
    "<tbody>",
    "<thead>",
    "<caption>",
    "<p>",
    "</p>",
    "<br>",
    "<div>",
    "<div class=content>",
    "<div class=nav>",
    "</div>",
    "<h2>",
    "</h2>",
    "<b>",
    "</b>",
    "<li>",
    "<pre>",
    "<form>",
    "<template>",
    "<select>",
    "<svg>",
    "<script>",
    "<!--",
    "-->",
    "<div hidden>",
    "<span style='display:none'>",
    "2023年政府信息公开工作年度报告",
    "信息内容",
    "12",
    "&nbsp;",
    " ",
    "\n",
    "a",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    #[test]
    fn tag_soup_reads_into_well_formed_documents(
        pieces in proptest::collection::vec(proptest::sample::select(SOUP), 0..80)
    ) {
        let page = pieces.concat();
        let d = read(page.as_bytes()).expect("tag soup reads");
        let (mut paragraphs, mut tables) = (0, 0);
        for b in &d.blocks {
            match b {
                Block::Heading { text, at, .. } | Block::Paragraph { text, at } => {
                    paragraphs += 1;
                    proptest::prop_assert_eq!(*at, Source::Paragraph { n: paragraphs, page: None });
                    proptest::prop_assert!(!text.trim().is_empty());
                    proptest::prop_assert!(text.lines().all(|l| l == l.trim() && !l.is_empty()));
                }
                Block::Table(t) => {
                    tables += 1;
                    proptest::prop_assert_eq!(t.number, tables);
                    proptest::prop_assert!(!t.rows.is_empty());
                    let width = t.rows[0].len();
                    proptest::prop_assert!((1..=MAX_COLS).contains(&width));
                    for row in &t.rows {
                        proptest::prop_assert_eq!(row.len(), width);
                        for c in row {
                            proptest::prop_assert!(!c.merged || c.text.is_empty());
                        }
                    }
                }
            }
        }
        render(&d);
    }
}
