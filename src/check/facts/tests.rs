use super::*;

fn facts(t: &str) -> Vec<(Fact, String)> {
    extract(t, &fold::fold_str(t))
        .into_iter()
        .map(|f| (f.fact, t[f.range].to_string()))
        .collect()
}

fn q(id: &str) -> usize {
    phrases::phrases()
        .data
        .quantities
        .iter()
        .position(|x| x.id == id)
        .expect("quantity")
}

fn quantities(t: &str) -> Vec<(String, i64, Era)> {
    let p = phrases::phrases();
    facts(t)
        .into_iter()
        .filter_map(|(f, _)| match f {
            Fact::Quantity { q, n, era, .. } => Some((p.data.quantities[q].id.clone(), n, era)),
            _ => None,
        })
        .collect()
}

#[test]
fn finds_facts_with_original_ranges() {
    let got = facts("全年累計受理依申請公開16件，行政處罰1820件，全部辦結。");
    let names: Vec<&str> = got.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(names, ["16", "1820", "全部辦結"]);
    assert!(matches!(got[0].0, Fact::Quantity { q: x, n: 16, .. } if x == q("new")));
    assert!(matches!(got[1].0, Fact::Quantity { q: x, n: 1820, .. } if x == q("penalty")));
    assert!(extract("本机关持续推进政务公开。", "本机关持续推进政务公开。").is_empty());
}

#[test]
fn each_number_goes_to_the_closest_phrase() {
    let got = quantities(
        "全年受理依申请公开20件，其中上年结转政府信息公开申请数量1件，予以公开5件，部分公开3件，本机关不掌握相关政府信息4件，其他处理件7件。",
    );
    let want: Vec<(String, i64, Era)> = [
        ("new", 20),
        ("carried_in", 1),
        ("open", 5),
        ("partial", 3),
        ("r4_1", 4),
        ("other", 7),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), *b, Era::Current))
    .collect();
    assert_eq!(got, want);
    // The sum phrase wins over its tail.
    let got = quantities("予以公开及部分公开258件。");
    assert_eq!(got, [("open_or_partial".to_string(), 258, Era::Current)]);
}

#[test]
fn any_order_and_chinese_numerals() {
    assert_eq!(quantities("共有36件行政许可事项")[0].1, 36);
    assert_eq!(quantities("行政许可共计185件")[0].1, 185);
    assert_eq!(quantities("共收到政府信息公开申请十七件")[0].1, 17);
    assert_eq!(quantities("现行有效规范性文件393件")[0].0, "norms_valid");
    assert_eq!(quantities("行政复议2件，行政诉讼1件").len(), 2);
}

#[test]
fn changes_and_other_years_are_told_apart() {
    // A change is not a total.
    assert!(quantities("受理申请较上年增加5件。").is_empty());
    let got = facts("受理政府信息公开申请30件，同比增长50%。");
    assert!(
        got.iter().any(
            |(f, _)| matches!(f, Fact::Delta { change: Change::Percent(p), .. } if *p == 50.0)
        )
    );
    let got = facts("受理政府信息公开申请30件，较上年减少3件。");
    assert!(got.iter().any(|(f, _)| matches!(
        f,
        Fact::Delta {
            change: Change::Count(-3),
            ..
        }
    )));
    // The sentence's year is kept for the rule.
    assert_eq!(quantities("2022年共受理申请10件。")[0].2, Era::Year(2022));
    assert_eq!(quantities("去年受理申请10件。")[0].2, Era::Prior);
    // 上年结转 is not a sentence about last year.
    assert_eq!(quantities("上年结转申请2件。")[0].2, Era::Current);
    // A date in the year is the year.
    assert_eq!(
        quantities("2023年1月至12月，共受理申请10件。")[0].2,
        Era::Year(2023)
    );
    // 主动公开 counts have no table counterpart.
    assert!(quantities("主动公开政府信息1200条，其中行政许可信息300条。").is_empty());
}

#[test]
fn claims_take_the_longest_phrase_and_respect_but() {
    let p = phrases::phrases();
    let claims = |t: &str| -> Vec<String> {
        facts(t)
            .into_iter()
            .filter_map(|(f, _)| match f {
                Fact::Claim { c, .. } => Some(p.data.claims[c].id.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        claims("本年度未发生行政复议和行政诉讼案件。"),
        ["no_review_no_litigation"]
    );
    assert_eq!(
        claims("本年度未发生行政复议，但有行政诉讼1件。"),
        Vec::<String>::new()
    );
    assert_eq!(claims("申请均已按时办结，办结率100%。"), ["all_concluded"]);
    assert_eq!(claims("行政复议2件，均获维持。"), ["all_upheld"]);
}

#[test]
fn rates_only_about_applications() {
    let rates = |t: &str| {
        facts(t)
            .into_iter()
            .filter(|(f, _)| matches!(f, Fact::Rate { .. }))
            .count()
    };
    assert_eq!(rates("依申请公开办结率95%。"), 1);
    assert_eq!(rates("办理群众热线问题213件，答复率95%。"), 0);
}
