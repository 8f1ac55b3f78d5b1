//! Table 2: its rows in each format, exactly, and its columns and header labels.

use super::*;

/// The full row list of 5.2 (2021): id, level, kind, exact label, parent.
const T2_ROWS_2021: &[(&str, u8, RowKind, &str, Option<&str>)] = {
    use RowKind::{Data as D, Group as G};
    &[
        ("new", 1, D, "一、本年新收政府信息公开申请数量", None),
        ("carried_in", 1, D, "二、上年结转政府信息公开申请数量", None),
        ("results", 1, G, "三、本年度办理结果", None),
        ("r1", 2, D, "（一）予以公开", Some("results")),
        (
            "r2",
            2,
            D,
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            Some("results"),
        ),
        ("r3", 2, G, "（三）不予公开", Some("results")),
        ("r3_1", 3, D, "1.属于国家秘密", Some("r3")),
        ("r3_2", 3, D, "2.其他法律行政法规禁止公开", Some("r3")),
        (
            "r3_3",
            3,
            D,
            "3.危及\u{201C}三安全一稳定\u{201D}",
            Some("r3"),
        ),
        ("r3_4", 3, D, "4.保护第三方合法权益", Some("r3")),
        ("r3_5", 3, D, "5.属于三类内部事务信息", Some("r3")),
        ("r3_6", 3, D, "6.属于四类过程性信息", Some("r3")),
        ("r3_7", 3, D, "7.属于行政执法案卷", Some("r3")),
        ("r3_8", 3, D, "8.属于行政查询事项", Some("r3")),
        ("r4", 2, G, "（四）无法提供", Some("results")),
        ("r4_1", 3, D, "1.本机关不掌握相关政府信息", Some("r4")),
        ("r4_2", 3, D, "2.没有现成信息需要另行制作", Some("r4")),
        ("r4_3", 3, D, "3.补正后申请内容仍不明确", Some("r4")),
        ("r5", 2, G, "（五）不予处理", Some("results")),
        ("r5_1", 3, D, "1.信访举报投诉类申请", Some("r5")),
        ("r5_2", 3, D, "2.重复申请", Some("r5")),
        ("r5_3", 3, D, "3.要求提供公开出版物", Some("r5")),
        ("r5_4", 3, D, "4.无正当理由大量反复申请", Some("r5")),
        (
            "r5_5",
            3,
            D,
            "5.要求行政机关确认或重新出具已获取信息",
            Some("r5"),
        ),
        ("r6", 2, G, "（六）其他处理", Some("results")),
        (
            "r6_1",
            3,
            D,
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            Some("r6"),
        ),
        (
            "r6_2",
            3,
            D,
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            Some("r6"),
        ),
        ("r6_3", 3, D, "3.其他", Some("r6")),
        ("r7", 2, D, "（七）总计", Some("results")),
        ("carried_out", 1, D, "四、结转下年度继续办理", None),
    ]
};

fn t2_rows(f: &Format) -> Vec<(&str, u8, RowKind, &str, Option<&str>)> {
    table(f, "t2")
        .rows
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.level,
                r.kind,
                r.label.as_str(),
                r.parent.as_deref(),
            )
        })
        .collect()
}

#[test]
fn t2_rows_2021_exact() {
    assert_eq!(t2_rows(f2021()), T2_ROWS_2021);
    // Spot checks of the labels most often mistyped.
    let t2 = table(f2021(), "t2");
    assert_eq!(
        t2.row("r2").unwrap().label,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    );
    assert_eq!(t2.row("r3_3").unwrap().label, "3.危及“三安全一稳定”");
    assert!(t2.foreign_signals.is_empty());
}

#[test]
fn t2_rows_2019_exact() {
    // 2019 = 2021 with （六）其他处理 as one data row and no children.
    let expected: Vec<_> = T2_ROWS_2021
        .iter()
        .filter(|r| !r.0.starts_with("r6_"))
        .map(|&(id, level, kind, label, parent)| {
            let kind = if id == "r6" { RowKind::Data } else { kind };
            (id, level, kind, label, parent)
        })
        .collect();
    assert_eq!(t2_rows(f2019()), expected);
    let t2 = table(f2019(), "t2");
    assert_eq!(t2.row("r6").unwrap().kind, RowKind::Data);
    let signals: Vec<&str> = T2_ROWS_2021
        .iter()
        .filter(|r| r.0.starts_with("r6_"))
        .map(|r| r.3)
        .collect();
    assert_eq!(t2.foreign_signals, signals);
}

#[test]
fn t2_columns_and_headers() {
    for f in all() {
        let t2 = table(f, "t2");
        let cols: Vec<(&str, &str, Option<&str>)> = t2
            .columns
            .iter()
            .map(|c| (c.id.as_str(), c.label.as_str(), c.group.as_deref()))
            .collect();
        let g = Some("法人或其他组织");
        assert_eq!(
            cols,
            [
                ("np", "自然人", None),
                ("biz", "商业企业", g),
                ("sci", "科研机构", g),
                ("npo", "社会公益组织", g),
                ("law", "法律服务机构", g),
                ("oth", "其他", g),
                ("tot", "总计", None),
            ]
        );
        assert_eq!(
            t2.header_labels,
            [
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                "申请人情况",
                "法人或其他组织"
            ]
        );
        // Articles are written with full-width brackets, like the labels.
        for r in &t2.rows {
            for a in &r.articles {
                assert!(
                    a.starts_with('第') && !a.contains('(') && !a.contains(')'),
                    "{}: bad article {a} on {}",
                    f.id,
                    r.id
                );
            }
        }
        assert_eq!(t2.row("r3_1").unwrap().articles, ["第十四条"]);
        assert_eq!(t2.row("r3_8").unwrap().articles, ["第三十六条第（七）项"]);
    }
}
