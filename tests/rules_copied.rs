//! The cross-year checks on the text of parts 一 and 五 (`copied-text`, and `missing-content` for
//! a part 五 that takes up none of last year's problems) and P5 (`repealed-exceeds-valid`), on
//! edited seeds: a seed report is last year's, and this year's is the same report with its years
//! moved on by one and then edited. Each contradicting case has a near miss that stays silent.

mod common;

use common::drafts::*;
use common::{S000, S001, S003, seed_text};
use nianbao::check::{self, Analysis, Diagnostic, Options, Severity};

/// The `missing-content` findings about last year's problems (part 五's follow-up); the same
/// rule id also reports part 一's topics, which the edited seeds lack, with or without last year.
fn follow_up(a: &Analysis) -> Vec<&Diagnostic> {
    of(a, "missing-content")
        .into_iter()
        .filter(|d| d.message.contains("上一年度报告第五部分"))
        .collect()
}

/// This year's analysis of `cur`, with `prev` as last year's report.
fn with_previous(prev: &str, cur: &str) -> Analysis {
    let last = check(prev);
    let blocks = nianbao::syntax::parse(cur);
    check::analyse(cur, &blocks, &Options::default(), |_| Some(&last))
}

/// 和田 2021 (seed 003) and the same report for 2022: every year moved on, signed in 2023.
fn hetian() -> (String, String) {
    let prev = seed_text(S003);
    let cur = edit(&prev, "2022年1月25日", "2023年1月20日").replace("2021", "2022");
    (prev, cur)
}

/// 保山 2021 (seed 000) and the same report for 2022.
fn baoshan() -> (String, String) {
    let prev = seed_text(S000);
    let cur = edit(&prev, "2022年1月24日", "2023年1月24日").replace("2021", "2022");
    (prev, cur)
}

/// The line of the text starting with `start`, without its line break.
#[track_caller]
fn line(text: &str, start: &str) -> std::ops::Range<usize> {
    let a = unique(text, start).start;
    let end = text[a..].find('\n').map_or(text.len(), |i| a + i);
    a..end
}

/// `text` with the line starting with `start` replaced by `by`.
#[track_caller]
fn replace_line(text: &str, start: &str, by: &str) -> String {
    let r = line(text, start);
    format!("{}{by}{}", &text[..r.start], &text[r.end..])
}

fn similarity(d: &Diagnostic) -> u64 {
    d.data.as_ref().unwrap()["similarity"].as_u64().unwrap()
}

const P1_FIRST: &str = "2022年，在地委、行署的坚强领导下";
const P1_LEAD: &str = "（一）领导重视，组织保障。";
const P1_NEWS: &str = "（二）改革思路，创新工作。";
const P1_FOCUS: &str = "（三）围绕行业特色，坚持信息公开。";
const P5_PROBLEMS: &str = "存在问题：一是信息公开面还需进一步扩大。";
const P5_MEASURES: &str = "改进措施：一是进一步加大推进政府信息公开力度";

#[test]
fn copied_text_on_a_seed_with_only_its_years_changed() {
    let (prev, cur) = hetian();
    // Alone, this year's report has no such finding.
    assert!(of(&check(&cur), "copied-text").is_empty());
    let a = with_previous(&prev, &cur);
    let found = of(&a, "copied-text");
    assert_eq!(found.len(), 2, "{}", dump(&cur, &a));
    // Part 一: its four paragraphs, one finding from the first to the end of the last.
    let d = found[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.range,
        line(&cur, P1_FIRST).start..line(&cur, P1_FOCUS).end
    );
    assert_msg(
        d,
        &[
            "从这一段起的4段",
            "上一年度报告第一部分「总体情况」",
            "100%",
            "数字和年份不计",
        ],
    );
    assert_eq!(d.data.as_ref().unwrap()["part"], 1);
    assert_eq!(d.data.as_ref().unwrap()["paragraphs"], 4);
    // Part 五: its two paragraphs.
    let d = found[1];
    assert_eq!(
        d.range,
        line(&cur, P5_PROBLEMS).start..line(&cur, P5_MEASURES).end
    );
    assert_msg(d, &["第五部分「存在的主要问题及改进情况」", "100%"]);
    // Nothing else new: the rest is what the report has alone.
    assert!(follow_up(&a).is_empty());
    assert_eq!(
        above_hint(&a).len(),
        above_hint(&check(&cur)).len() + 2,
        "{}",
        dump(&cur, &a)
    );
}

#[test]
fn copied_text_with_numbers_changed_and_in_simplified_characters() {
    // New numbers in the copied paragraph are still a copy.
    let (prev, cur) = hetian();
    let cur = edit(&cur, "共有36件行政许可事项", "共有41件行政许可事项");
    let cur = edit(&cur, "来电咨询信访件213件", "来电咨询信访件187件");
    let a = with_previous(&prev, &cur);
    let found = of(&a, "copied-text");
    assert_eq!(found.len(), 2, "{}", dump(&cur, &a));
    assert_eq!(similarity(found[0]), 100);
    // 貴陽 2022 (seed 001, traditional characters) rewritten in simplified characters for 2023:
    // folded, the two are the same text.
    let prev = seed_text(S001);
    let cur = nianbao::text::fold::t2s(&prev).replace("2022", "2023");
    let a = with_previous(&prev, &cur);
    let found = of(&a, "copied-text");
    assert!(
        found.len() >= 2 && found.iter().all(|d| similarity(d) >= 95),
        "{}",
        dump(&cur, &a)
    );
    assert!(found.iter().any(|d| d.message.contains("第一部分")));
    assert!(found.iter().any(|d| d.message.contains("第五部分")));
}

#[test]
fn copied_text_near_miss_a_paragraph_rewritten_on_the_same_topic() {
    // Paragraph (二) rewritten: the same topic (政策解读 through the hotline, the health days,
    // the same local media), new wording. It is silent, and it splits part 一's finding in two.
    let (prev, cur) = hetian();
    let rewritten = "（二）改革思路，创新工作。2022年，我委把政策解读从公开栏搬进直播间，由分管领导和业务科室负责人轮流上线，\
                     围绕疫情防控、深化医改和健康扶贫回答群众提问，全年接听热线问题245件，当场答复率达到98%。\
                     借助世界卫生日、世界无烟日等主题日和和田零距离、和田日报，推出双语短视频和图解，群众对卫生健康政策的知晓率明显提高。";
    let cur = replace_line(&cur, P1_NEWS, rewritten);
    let a = with_previous(&prev, &cur);
    let found = of(&a, "copied-text");
    assert_eq!(found.len(), 3, "{}", dump(&cur, &a));
    assert_eq!(
        found[0].range,
        line(&cur, P1_FIRST).start..line(&cur, P1_LEAD).end
    );
    assert!(found[0].message.contains("从这一段起的2段"));
    assert_eq!(found[1].range, line(&cur, P1_FOCUS));
    assert!(found[1].message.starts_with("这一段与上一年度报告第一部分"));
    assert!(
        found
            .iter()
            .all(|d| !d.range.contains(&line(&cur, P1_NEWS).start))
    );
}

#[test]
fn copied_text_near_miss_half_a_paragraph_new() {
    // Part 五's problems kept, half of them new: below the threshold. Its measures paragraph,
    // kept whole, is still reported.
    let (prev, cur) = hetian();
    let cur = replace_line(
        &cur,
        P5_PROBLEMS,
        "存在问题：一是信息公开面还需进一步扩大。面向社会宣传力度不够，主动公开的方式不够丰富。\
         二是政策解读仍以文字为主，双语解读材料少，基层群众看得懂、用得上的图解和音视频还不多；\
         依申请公开的答复文书不够规范，个别答复未告知救济途径。",
    );
    let a = with_previous(&prev, &cur);
    let found = of(&a, "copied-text");
    assert_eq!(found.len(), 2, "{}", dump(&cur, &a));
    assert_eq!(found[1].range, line(&cur, P5_MEASURES));
    assert!(found[1].message.starts_with("这一段与上一年度报告第五部分"));
}

#[test]
fn copied_text_near_misses_stock_sentences_and_other_parts() {
    // Short stock sentences repeat every year, and parts other than 一 and 五 are not compared:
    // a draft whose parts hold only those, the same both years, has no finding.
    let body = "本年度政府信息公开工作平稳有序。";
    let make = |year: u16| {
        let t = year_draft(year, AGENCY, 0, 0);
        let t = replace_guide(&t, GUIDE_P1, body);
        let t = replace_guide(
            &t,
            GUIDE_P2,
            "本机关严格按照条例规定的范围主动公开政府信息，公开的信息均经保密审查，按程序逐级审批后在门户网站统一发布。",
        );
        replace_guide(&t, GUIDE_P5, "无。")
    };
    let (prev, cur) = (make(2023), make(2024));
    let a = with_previous(&prev, &cur);
    assert!(of(&a, "copied-text").is_empty(), "{}", dump(&cur, &a));
    // The template's guide texts, the same every year, are not the drafter's text either.
    let a = with_previous(
        &year_draft(2023, AGENCY, 0, 0),
        &year_draft(2024, AGENCY, 0, 0),
    );
    assert_clean(&year_draft(2024, AGENCY, 0, 0), &a);
}

#[test]
fn copied_text_needs_consecutive_years() {
    // Two years apart: not compared.
    let (prev, cur) = hetian();
    let cur = cur.replace("2022", "2023");
    let a = with_previous(&prev, &cur);
    assert!(of(&a, "copied-text").is_empty(), "{}", dump(&cur, &a));
}

const BAOSHAN_P5: &str = "2022年度政府信息公开工作虽然取得了一定成效";
const BAOSHAN_NEXT: &str = "下一步,市卫生健康委将按照医药卫生体制改革政策方针";

/// 保山 2022 with a part 五 of its own (other problems than 2021's), plus `extra`.
fn baoshan_new_part5(extra: &str) -> String {
    let (_, cur) = baoshan();
    let cur = replace_line(
        &cur,
        BAOSHAN_P5,
        "2022年，我委政府信息公开工作仍有短板：政策解读形式较为单调，图解、视频类解读偏少；\
         依申请公开答复文书格式不够统一，个别文书未载明救济途径。",
    );
    replace_line(
        &cur,
        BAOSHAN_NEXT,
        &format!(
            "下一步，我委将丰富政策解读形式，制作图解和短视频；统一依申请公开答复文书模板，\
             逐件审核救济途径的告知。{extra}"
        ),
    )
}

#[test]
fn missing_content_part_five_without_last_years_problems() {
    let (prev, _) = baoshan();
    let cur = baoshan_new_part5("");
    let a = with_previous(&prev, &cur);
    let found = follow_up(&a);
    assert_eq!(found.len(), 1, "{}", dump(&cur, &a));
    let d = found[0];
    assert_eq!(d.severity, Severity::Hint);
    assert_eq!(&cur[d.range.clone()], "五、存在问题及改进情况");
    assert_msg(
        d,
        &[
            "第五部分没有提到上一年度报告第五部分所列的问题",
            "信息更新不够及时",
            "整改情况",
        ],
    );
    // Part 五 is new: not copied.
    assert!(
        of(&a, "copied-text")
            .iter()
            .all(|d| !d.message.contains("第五部分")),
        "{}",
        dump(&cur, &a)
    );
    // Alone, the report has no such finding.
    assert!(follow_up(&check(&cur)).is_empty());
}

#[test]
fn missing_content_near_misses() {
    let (prev, cur) = baoshan();
    // Part 五 copied: it shares everything with last year's problems (copied-text says the rest).
    let a = with_previous(&prev, &cur);
    assert!(follow_up(&a).is_empty(), "{}", dump(&cur, &a));
    // One of last year's problems taken up in other words.
    for extra in [
        "同时建立信息更新周报制度，防止栏目长期不更新。",
        // Or a sentence about last year's problems without naming them.
        "针对上年度报告指出的问题，已逐项完成整改。",
        "对2021年存在的不足进行了整改。",
    ] {
        let cur = baoshan_new_part5(extra);
        let a = with_previous(&prev, &cur);
        assert!(follow_up(&a).is_empty(), "{extra}: {}", dump(&cur, &a));
    }
    // Last year's part 五 named no problem: nothing to take up.
    let prev = replace_line(
        &prev,
        "2021年度政府信息公开工作虽然取得了一定成效",
        "2021年度政府信息公开工作按计划推进。",
    );
    let prev = replace_line(
        &prev,
        BAOSHAN_NEXT,
        "下一步，市卫生健康委将继续做好政府信息公开工作。",
    );
    let a = with_previous(&prev, &baoshan_new_part5(""));
    assert!(follow_up(&a).is_empty(), "{}", dump(&cur, &a));
}

/// 和田's table 1 row 规范性文件 (本年制发, 本年废止, 现行有效: 0, 0, 4 in 2021) with new values.
fn hetian_norms(made: u32, repealed: u32, valid: u32) -> (String, String) {
    let (prev, cur) = hetian();
    let cur = edit(
        &cur,
        "\t规范性文件\n\t0\n\t0\n\t4\n",
        &format!("\t规范性文件\n\t{made}\n\t{repealed}\n\t{valid}\n"),
    );
    (prev, cur)
}

#[test]
fn repealed_exceeds_valid_p5() {
    // 4 in force at the end of 2021, 1 made in 2022: 6 cannot have been repealed.
    let (prev, cur) = hetian_norms(1, 6, 0);
    let a = with_previous(&prev, &cur);
    let d = one(&cur, &a, "repealed-exceeds-valid", Severity::Hint, "6");
    assert_msg(d, &["本年废止件数6", "上年现行有效4", "本年制发1", "之和5"]);
    let data = d.data.as_ref().unwrap();
    assert_eq!(data["relation"], "P5");
    assert_eq!(data["rows"][0], "norms");
    assert_eq!(
        (data["expected"].as_i64(), data["actual"].as_i64()),
        (Some(5), Some(6))
    );
    // P4 on the same row is left to P5.
    assert!(
        of(&a, "total-mismatch")
            .iter()
            .all(|d| d.data.as_ref().unwrap()["relation"] != "P4"),
        "{}",
        dump(&cur, &a)
    );
    // Alone, the report has no such finding.
    assert!(of(&check(&cur), "repealed-exceeds-valid").is_empty());
}

#[test]
fn repealed_exceeds_valid_near_misses() {
    // All 5 repealed: possible, and 现行有效 0 agrees (no P4 either).
    let (prev, cur) = hetian_norms(1, 5, 0);
    let a = with_previous(&prev, &cur);
    assert!(
        of(&a, "repealed-exceeds-valid").is_empty(),
        "{}",
        dump(&cur, &a)
    );
    assert!(of(&a, "total-mismatch").is_empty(), "{}", dump(&cur, &a));
    // 3 repealed and 2 in force: P4 holds, nothing.
    let (prev, cur) = hetian_norms(1, 3, 2);
    let a = with_previous(&prev, &cur);
    assert!(of(&a, "repealed-exceeds-valid").is_empty());
    assert!(of(&a, "total-mismatch").is_empty(), "{}", dump(&cur, &a));
    // 3 repealed but 4 in force: P4 (a hint), not P5.
    let (prev, cur) = hetian_norms(1, 3, 4);
    let a = with_previous(&prev, &cur);
    assert!(of(&a, "repealed-exceeds-valid").is_empty());
    assert_eq!(
        of(&a, "total-mismatch")
            .iter()
            .filter(|d| d.data.as_ref().unwrap()["relation"] == "P4")
            .count(),
        1,
        "{}",
        dump(&cur, &a)
    );
}

#[test]
fn copied_text_at_the_threshold() {
    // Paragraph (一) with a few words changed stays a copy (91% of its shingles are last
    // year's); with its last sentence rewritten as well (67%) it is silent.
    let (prev, cur) = hetian();
    let words = edit(
        &edit(&cur, "成立了以委主要领导为组长", "调整了以委主要领导为组长"),
        "委办公室具体负责政务公开工作事项的牵头落实",
        "委办公室负责政务公开日常工作的牵头落实",
    );
    let a = with_previous(&prev, &words);
    let found = of(&a, "copied-text");
    assert_eq!(found.len(), 2, "{}", dump(&words, &a));
    assert!(found[0].message.contains("从这一段起的4段"));
    let run = similarity(found[0]);
    assert!((90..100).contains(&run), "{run}");
    let last = edit(
        &words,
        "按照政府信息公开工作要求，以群众关心、社会敏感、反映强烈的热点问题为重点，在保密审查的基础上，做到主动、及时、全面、真实地公开内容。",
        "今年又把委属医院的院务公开纳入考核，每季度通报一次，对更新不及时的单位约谈提醒。",
    );
    let a = with_previous(&prev, &last);
    let found = of(&a, "copied-text");
    assert_eq!(found.len(), 3, "{}", dump(&last, &a));
    assert_eq!(found[0].range, line(&last, P1_FIRST));
    assert_eq!(
        found[1].range,
        line(&last, P1_NEWS).start..line(&last, P1_FOCUS).end
    );
}

#[test]
fn copied_text_near_miss_the_quotation_in_a_new_from_draft() {
    // `nianbao new --from` quotes last year's part 五 (`> …`) in this year's draft as a reminder
    // to report on each problem: a quotation, not the drafter's copy, and not yet a follow-up.
    let prev = seed_text(S003);
    let last = check(&prev);
    let draft = nianbao::template::next_report(&prev, &last, None).expect("a draft");
    assert!(
        draft
            .text
            .contains("> 存在问题：一是信息公开面还需进一步扩大。")
    );
    let a = with_previous(&prev, &draft.text);
    assert!(
        of(&a, "copied-text").is_empty(),
        "{}",
        dump(&draft.text, &a)
    );
    assert!(follow_up(&a).is_empty(), "{}", dump(&draft.text, &a));
    // The same paragraph written as the draft's own text is a copy.
    let own = draft
        .text
        .replace("> 存在问题：一是信息公开面", "存在问题：一是信息公开面");
    let a = with_previous(&prev, &own);
    assert_eq!(of(&a, "copied-text").len(), 1, "{}", dump(&own, &a));
}
