use super::*;

fn cells(text: &str) -> Vec<String> {
    parse(text)
        .iter()
        .flat_map(|b| b.cells.iter().map(|c| c.folded.clone()).collect::<Vec<_>>())
        .collect()
}

#[test]
fn gfm_rows() {
    let t = "| 规章 | 0 | 1 | 2 |\n|---|---|---|---|\n| 行政许可 | 3 | | |\n";
    assert_eq!(cells(t), ["规章", "0", "1", "2", "行政许可", "3", "", ""]);
}

#[test]
fn flattened_pipe_cells_break_across_lines() {
    let t = "| 自 \n         然 \n         人 \n         | 法人或其他组织 \n         | |||\n";
    assert_eq!(cells(t), ["自然人", "法人或其他组织", "", "", ""]);
}

#[test]
fn tab_indented_cells_continue() {
    let t = "\t信息内容\n\t本年新\n公开数量\n\t对外公开\n总数量\n\n\t规章\n\t0  \n\t\n";
    assert_eq!(
        cells(t),
        [
            "信息内容",
            "本年新公开数量",
            "对外公开总数量",
            "规章",
            "0",
            ""
        ]
    );
}

#[test]
fn tab_separated_rows_keep_empty_cells() {
    let t = "规章\t0\t0\t\t0\t\t\n";
    assert_eq!(cells(t), ["规章", "0", "0", "", "0", "", ""]);
}

#[test]
fn one_cell_per_line() {
    let t = "規章\n0\n0\n0\n行政規範性檔案\n";
    assert_eq!(cells(t), ["规章", "0", "0", "0", "行政规范性档案"]);
}

#[test]
fn headings_prose_and_ranges() {
    let t = "# 一、总体情况\n\n2021年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作，取得了积极成效。\n三、本年度办理结果\n";
    let b = parse(t);
    assert_eq!(b.len(), 3);
    assert_eq!(b[0].kind, BlockKind::Heading);
    assert_eq!(b[0].md_level, Some(1));
    assert_eq!(&t[b[0].abs(&b[0].cells[0].range)], "一、总体情况");
    assert_eq!(b[1].kind, BlockKind::Prose);
    assert_eq!(b[2].kind, BlockKind::Heading);
    assert_eq!(b[2].cells[0].marker, Some(Marker::Cn(3)));
    assert_eq!(b[2].cells[0].key, "本年度办理结果");
}

#[test]
fn crlf_and_cr_lines() {
    let t = "规章\r\n0\r1\n";
    assert_eq!(cells(t), ["规章", "0", "1"]);
}
