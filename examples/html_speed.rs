//! Times the web page reader: a 50-page report page (about 300 paragraphs and three 40×10
//! tables, in the usual government site chrome), decoded and rendered 50 times, as UTF-8 and as
//! GBK. Run with `cargo run --release --example html_speed [iterations]`.
use nianbao::input::{Block, Kind, decode, render};
use std::time::Instant;

// The binary's allocator, so that the number is the one the CLI and the language server see.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn page() -> String {
    let mut s = String::from(
        r#"<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某市人民政府2023年政府信息公开工作年度报告</title><script>var a = 1;</script></head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a>政务公开</a></li></ul></div>
<div class="main"><div class="title"><h1>某市人民政府2023年政府信息公开工作年度报告</h1></div>
<div id="zoom" class="TRS_Editor"><div class="Custom_UnionStyle">
"#,
    );
    for p in 0..300 {
        if p % 50 == 0 {
            s.push_str(&format!(
                "<p style=\"text-align:center\"><strong>第{p}部分</strong></p>"
            ));
        }
        s.push_str(&format!(
            "<p class=\"MsoNormal\" style=\"text-indent:2em\"><span style=\"font-family:仿宋\">&nbsp;&nbsp;\
             第{p}段：2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，\
             全年主动公开政府信息{p}条，其中规范性文件{p}件，<br>政策解读{p}篇，\
             回应社会关切{p}次。</span></p>\n"
        ));
        if p % 100 == 99 {
            s.push_str("<table border=\"1\" cellspacing=\"0\"><tbody>");
            s.push_str("<tr><td colspan=\"3\" rowspan=\"2\"><p><span>项目</span></p></td><td colspan=\"7\">申请人情况</td></tr>");
            s.push_str("<tr>");
            for c in 0..7 {
                s.push_str(&format!("<td><p><span>类别{c}</span></p></td>"));
            }
            s.push_str("</tr>");
            for r in 0..38 {
                s.push_str("<tr>");
                if r % 4 == 0 {
                    s.push_str(&format!("<td rowspan=\"4\">第{r}组</td>"));
                }
                s.push_str(&format!(
                    "<td colspan=\"2\"><p><span>（{r}）事项名称</span></p></td>"
                ));
                for c in 0..7 {
                    s.push_str(&format!("<td>&nbsp;{}&nbsp;</td>", r * c));
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</tbody></table>\n");
        }
    }
    s.push_str(
        r#"</div></div></div><div id="footer"><p>联系我们 | 网站地图</p><p>版权所有</p></div></body></html>"#,
    );
    s
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let utf8 = page();
    let gbk = encoding_rs::GBK.encode(&utf8).0.into_owned();
    for (name, bytes) in [("UTF-8", utf8.as_bytes()), ("GBK", &gbk[..])] {
        let doc = decode(bytes, Kind::Html).expect("page reads");
        let paragraphs = doc
            .blocks
            .iter()
            .filter(|b| !matches!(b, Block::Table(_)))
            .count();
        let tables = doc.blocks.len() - paragraphs;
        let start = Instant::now();
        let mut len = 0;
        for _ in 0..n {
            let doc = decode(bytes, Kind::Html).expect("page reads");
            len += render(&doc).text.len();
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / n as f64;
        println!(
            "{name}: {} KB page, {paragraphs} paragraphs, {tables} tables, {} KB rendered: \
             {ms:.2} ms per decode+render ({n} iterations)",
            bytes.len() / 1024,
            len / n / 1024
        );
    }
}
