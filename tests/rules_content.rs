//! What the parts say (`missing-content`), the organ type and its deadline (`late-publication`
//! for departments, governments and townships), report years kept in range, and 规章 reported
//! by a county-level organ (`county-rules`, P7) — each on an edited seed report, with a near
//! miss that stays silent.

mod common;

use common::drafts::*;
use common::lsp::Client;
use common::{S000, S001, S003, S004, seed_text};
use nianbao::check::{Analysis, Diagnostic, Organ, Severity, YearSource};
use serde_json::json;
use std::time::Duration;

fn content(a: &Analysis, severity: Severity) -> Vec<&Diagnostic> {
    of(a, "missing-content")
        .into_iter()
        .filter(|d| d.severity == severity)
        .collect()
}

/// No `missing-content` warning.
#[track_caller]
fn assert_no_content_warning(t: &str, a: &Analysis) {
    assert!(content(a, Severity::Warning).is_empty(), "{}", dump(t, a));
}

/// The topic ids a finding lists.
fn topics(d: &Diagnostic) -> Vec<String> {
    d.data.as_ref().expect("data")["topics"]
        .as_array()
        .expect("topics")
        .iter()
        .map(|t| t.as_str().expect("id").to_string())
        .collect()
}

/// The only `missing-content` finding of `severity`, covering `covers`, listing `ids`.
#[track_caller]
fn one_content<'a>(
    text: &str,
    a: &'a Analysis,
    severity: Severity,
    covers: &str,
    ids: &[&str],
) -> &'a Diagnostic {
    let ds = content(a, severity);
    assert_eq!(
        ds.len(),
        1,
        "one {severity:?} missing-content:\n{}",
        dump(text, a)
    );
    let d = ds[0];
    assert_eq!(&text[d.range.clone()], covers, "{}", dump(text, a));
    assert_eq!(topics(d), ids, "{}", dump(text, a));
    d
}

// ── Part 一: the five topics of the 2021 format ─────────────────────────────────────────

/// 貴陽 2022 (traditional characters) names the five topics in its overview sentence and as
/// the sub-headings （一）…（五）.
const GUIYANG_OVERVIEW: &str = "加大主動公開、依申請公開、政府信息管理、平台建設和監督保障等方面";

fn guiyang_without_apply_subsection() -> String {
    let t = seed_text(S001);
    cut(&t, "(二)依申請公開方面。", "(三)政府信息管理方面。")
}

#[test]
fn part_one_covering_the_five_topics_is_silent() {
    let t = seed_text(S001);
    let a = check(&t);
    assert!(of(&a, "missing-content").is_empty(), "{}", dump(&t, &a));
    assert_above_hint(&t, &a, &["signature-date"]);
}

#[test]
fn part_one_without_a_topic_is_a_hint() {
    // Neither the sub-section （二）依申請公開方面 nor the overview names it any more.
    let t = edit(
        &guiyang_without_apply_subsection(),
        GUIYANG_OVERVIEW,
        "加大主動公開、政府信息管理、平台建設和監督保障等方面",
    );
    let a = check(&t);
    let d = one_content(&t, &a, Severity::Hint, "一、總體情況", &["apply"]);
    assert_msg(
        d,
        &[
            "第一部分",
            "「依申请公开」",
            "2021版格式",
            "国办公开办函〔2021〕30号",
        ],
    );
    assert_above_hint(&t, &a, &["signature-date"]);
    // Near miss: the sub-section is gone, but the overview still names the topic.
    let t = guiyang_without_apply_subsection();
    let a = check(&t);
    assert!(of(&a, "missing-content").is_empty(), "{}", dump(&t, &a));
}

#[test]
fn part_one_topics_are_listed_together() {
    // Part 一 reduced to its first paragraph, without the overview sentence's list.
    let t = seed_text(S001);
    let t = cut(&t, "(一)主動公開方面。", "二、主動公開政府信息情況");
    let t = edit(&t, GUIYANG_OVERVIEW, "加大各方面");
    let a = check(&t);
    // The paragraph still speaks of the public's 監督權: that counts for 监督保障.
    let d = one_content(
        &t,
        &a,
        Severity::Hint,
        "一、總體情況",
        &["active", "apply", "manage", "platform"],
    );
    assert_msg(
        d,
        &["「主动公开」「依申请公开」「政府信息管理」「政府信息公开平台建设」"],
    );
}

#[test]
fn part_one_topics_are_not_asked_of_the_2019_format() {
    // 济南 2020 (2019 trial format): part 一 cut down to one sentence without any topic.
    let t = seed_text(S004);
    let t = cut(&t, "（一）健全组织机构。", "二、主动公开政府信息情况");
    let t = edit(
        &t,
        "二、主动公开政府信息情况",
        "本年度继续做好相关工作。\n二、主动公开政府信息情况",
    );
    let a = check(&t);
    assert_eq!(a.format.id, "2019");
    assert!(of(&a, "missing-content").is_empty(), "{}", dump(&t, &a));
}

#[test]
fn an_empty_or_missing_part_has_no_content_finding() {
    let t = seed_text(S001);
    let start = unique(&t, "\n一、總體情況\n").start + "\n一、總體情況\n".len();
    let end = unique(&t, "二、主動公開政府信息情況").start;
    let empty = format!("{}{}", &t[..start], &t[end..]);
    let a = check(&empty);
    assert_eq!(of(&a, "empty-part").len(), 1, "{}", dump(&empty, &a));
    assert!(of(&a, "missing-content").is_empty(), "{}", dump(&empty, &a));
    let missing = format!("{}{}", &t[..start - "一、總體情況\n".len()], &t[end..]);
    let a = check(&missing);
    assert_eq!(of(&a, "missing-part").len(), 1, "{}", dump(&missing, &a));
    assert!(
        of(&a, "missing-content").is_empty(),
        "{}",
        dump(&missing, &a)
    );
}

// ── A government's report ───────────────────────────────────────────────────────────────

/// 和田 2021 as the report of 和田县人民政府, signed by its office (the office reporting for the
/// government). The seed mentions neither 考核/评议/追究 nor 建议提案 nor 工作要点.
fn hetian_government() -> String {
    let t = edit(
        &seed_text(S003),
        "和田地区卫健委2021年度政府信息",
        "和田县人民政府2021年度政府信息",
    );
    edit(
        &t,
        "\n和田地区卫健委\n2022年",
        "\n和田县人民政府办公室\n2022年",
    )
}

#[test]
fn a_government_without_assessment_results_is_a_warning() {
    let t = hetian_government();
    let a = check(&t);
    assert_eq!(a.organ, Organ::Government);
    let d = one_content(&t, &a, Severity::Warning, "一、总体情况", &["assessment"]);
    assert_msg(
        d,
        &[
            "人民政府",
            "「工作考核、社会评议和责任追究结果」",
            "第五十条第一款第（四）项",
        ],
    );
    assert_above_hint(&t, &a, &["missing-content", "fee-statement-missing"]);
    // Near miss: one sentence on the assessment, anywhere in the report.
    let t = edit(
        &t,
        "将责任明确落实到人。",
        "将责任明确落实到人。政府信息公开工作已纳入全县绩效考核。",
    );
    let a = check(&t);
    assert_no_content_warning(&t, &a);
    assert_above_hint(&t, &a, &["fee-statement-missing"]);
}

#[test]
fn a_department_is_not_asked_for_government_topics() {
    // The seed itself: 和田地区卫健委 is a department; it mentions none of the three.
    let t = seed_text(S003);
    let a = check(&t);
    assert_eq!(a.organ, Organ::Department);
    assert_no_content_warning(&t, &a);
    assert!(
        of(&a, "missing-content").iter().all(|d| !topics(d)
            .iter()
            .any(|x| x == "assessment" || x == "proposals")),
        "{}",
        dump(&t, &a)
    );
}

#[test]
fn a_government_part_six_hints() {
    let t = hetian_government();
    let a = check(&t);
    let at_six: Vec<&Diagnostic> = content(&a, Severity::Hint)
        .into_iter()
        .filter(|d| &t[d.range.clone()] == "六、其他需要报告的事项")
        .collect();
    assert_eq!(at_six.len(), 1, "{}", dump(&t, &a));
    assert_eq!(topics(at_six[0]), ["key_points", "proposals"]);
    assert_msg(at_six[0], &["政务公开工作要点", "人大代表建议和政协提案"]);
    // Near miss: part 六 reports the 建议提案: only the 工作要点 is left.
    let t = edit(
        &t,
        "六、其他需要报告的事项\n无\n",
        "六、其他需要报告的事项\n无。本年度做好建议提案办理结果公开。\n",
    );
    let a = check(&t);
    let at_six: Vec<&Diagnostic> = content(&a, Severity::Hint)
        .into_iter()
        .filter(|d| &t[d.range.clone()] == "六、其他需要报告的事项")
        .collect();
    assert_eq!(at_six.len(), 1, "{}", dump(&t, &a));
    assert_eq!(topics(at_six[0]), ["key_points"]);
}

#[test]
fn a_government_under_the_2019_format_is_asked_too() {
    // 济南 2020 (2019 format) signed by the city government, without any 考核 or 评议.
    let t = edit(
        &seed_text(S004),
        "\n济南市卫生健康委员会\n2020年1月26日",
        "\n济南市人民政府\n2020年1月26日",
    );
    let a = check(&t);
    assert_eq!(a.organ, Organ::Government);
    // Near miss: the seed's own 考核 and 评议 sentences cover it.
    assert_no_content_warning(&t, &a);
    let stripped = t.replace("考核", "检查").replace("评议", "座谈");
    let a = check(&stripped);
    let d = one_content(
        &stripped,
        &a,
        Severity::Warning,
        "一、总体情况",
        &["assessment"],
    );
    assert_msg(d, &["第五十条第一款第（四）项"]);
}

// ── Part 五: problems and improvements ──────────────────────────────────────────────────

#[test]
fn part_five_without_improvements_is_a_warning() {
    // 保山 2021: the problems paragraph stays, the 下一步 paragraph goes. The problems are
    // worded `仍有提升空间`, `尚需提升`: problems, not improvements.
    let t = seed_text(S000);
    let cut_text = cut(&t, "下一步,市卫生健康委将", "六、其他需要报告的事项");
    let a = check(&cut_text);
    let d = one_content(
        &cut_text,
        &a,
        Severity::Warning,
        "五、存在问题及改进情况",
        &["improvements"],
    );
    assert_msg(d, &["第五部分", "「改进情况」", "第五十条第一款第（四）项"]);
    assert_above_hint(&cut_text, &a, &["missing-content"]);
    // Near miss: one sentence of the next steps is enough.
    let t = edit(
        &cut_text,
        "六、其他需要报告的事项",
        "下一步,市卫生健康委将进一步健全政府信息公开制度。\n六、其他需要报告的事项",
    );
    let a = check(&t);
    assert_no_content_warning(&t, &a);
    assert_above_hint(&t, &a, &[]);
}

#[test]
fn part_five_without_problems_is_a_warning() {
    let t = edit(
        &draft(2024),
        "（填写说明：说明本年度政府信息公开工作存在的主要问题，以及已经采取或者拟采取的改进措施。宜对上一年度报告所列问题的改进情况作出回应。）",
        "下一步，我委将加强政策解读，优化栏目设置。",
    );
    let a = check(&t);
    let d = one_content(
        &t,
        &a,
        Severity::Warning,
        "五、存在的主要问题及改进情况",
        &["problems"],
    );
    assert_msg(d, &["「存在的主要问题」"]);
    // Near miss: a problem named in the same sentence.
    let t = edit(&t, "下一步，我委将", "针对解读形式单一的不足，我委将");
    let a = check(&t);
    assert!(of(&a, "missing-content").is_empty(), "{}", dump(&t, &a));
}

// ── Organ type and deadlines ────────────────────────────────────────────────────────────

/// 和田 2021 with another agency in the title and another signature date.
fn hetian_as(agency: &str, date: &str) -> String {
    let t = edit(
        &seed_text(S003),
        "和田地区卫健委2021年度政府信息",
        &format!("{agency}2021年度政府信息"),
    );
    // The signature names the same agency (another one would be a foreign-name finding).
    edit(
        &t,
        "和田地区卫健委\n2022年1月25日",
        &format!("{agency}\n{date}"),
    )
}

#[test]
fn a_department_named_after_the_government_has_the_department_deadline() {
    for agency in [
        "和田县人民政府国有资产监督管理委员会",
        "和田县人民政府外事办公室",
        "和田县政府办公室",
    ] {
        let t = hetian_as(agency, "2022年2月10日");
        let a = check(&t);
        assert_eq!(a.organ, Organ::Department, "{agency}");
        let d = one(
            &t,
            &a,
            "late-publication",
            Severity::Warning,
            "2022年2月10日",
        );
        assert_msg(d, &["县级以上人民政府部门", "2022年1月31日", "第四十九条"]);
        // Near miss: within the deadline.
        let t = hetian_as(agency, "2022年1月25日");
        assert!(of(&check(&t), "late-publication").is_empty(), "{agency}");
    }
}

#[test]
fn a_government_without_renmin_has_the_government_deadline() {
    let t = hetian_as("和田县政府", "2022年3月10日");
    let a = check(&t);
    assert_eq!(a.organ, Organ::Government);
    assert!(of(&a, "late-publication").is_empty(), "{}", dump(&t, &a));
    // Near miss: after 3月31日 it is late for a government too.
    let t = hetian_as("和田县政府", "2022年4月1日");
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "late-publication",
        Severity::Warning,
        "2022年4月1日",
    );
    assert_msg(d, &["县级以上地方人民政府", "2022年3月31日"]);
}

#[test]
fn a_township_is_late_only_as_a_hint() {
    for agency in ["和田县巴格其镇人民政府", "和田市古江巴格街道办事处"] {
        let t = hetian_as(agency, "2022年2月10日");
        let a = check(&t);
        assert_eq!(a.organ, Organ::Township, "{agency}");
        let d = one(&t, &a, "late-publication", Severity::Hint, "2022年2月10日");
        assert_msg(
            d,
            &["乡（镇）人民政府、街道办事处", "2022年1月31日", "参照"],
        );
        assert_above_hint(&t, &a, &["fee-statement-missing"]);
        // Near miss: within 1月31日.
        let t = hetian_as(agency, "2022年1月25日");
        assert!(of(&check(&t), "late-publication").is_empty(), "{agency}");
    }
    // `--organ township` on a department's report.
    let t = hetian_as("和田地区卫健委", "2022年2月10日");
    let opts = nianbao::check::Options {
        organ: Some(Organ::Township),
        ..Default::default()
    };
    let a = check_with(&t, &opts);
    one(&t, &a, "late-publication", Severity::Hint, "2022年2月10日");
}

// ── Years in range ──────────────────────────────────────────────────────────────────────

#[test]
fn a_placeholder_signature_is_no_year() {
    // 和田 2021 without any year in the title, the period and the text, signed with the
    // placeholder 〇〇〇〇年一月一日: no year (never 65535), and no panic.
    let t = seed_text(S003).replace("2021年", "本年");
    let t = edit(&t, "2022年1月25日", "〇〇〇〇年一月一日");
    let a = check(&t);
    assert_eq!(a.year, None, "{}", dump(&t, &a));
    one(
        &t,
        &a,
        "unknown-year",
        Severity::Warning,
        "和田地区卫健委本年度政府信息\n公开工作报告",
    );
    assert!(of(&a, "signature-date").is_empty());
    // Near miss: the same signature written with a real year gives the year (2022 → 2021).
    let t = edit(&t, "〇〇〇〇年一月一日", "二〇二二年一月二十五日");
    let a = check(&t);
    assert_eq!(
        a.year.as_ref().map(|y| (y.0, y.1)),
        Some((2021, YearSource::Signature))
    );
    assert!(of(&a, "unknown-year").is_empty());
}

#[test]
fn cli_refuses_implausible_years() {
    let seed = common::fixture(S003).display().to_string();
    for (args, what) in [
        (vec!["check", "--year", "1900", &seed], "1900"),
        (vec!["check", "--year", "65536", &seed], "65536"),
        (vec!["tables", "--year", "2101", &seed], "2101"),
        (vec!["new", "--year", "2007"], "2007"),
        (vec!["new", "--year", "0"], "0"),
        (vec!["new", "--from", &seed, "--year", "3000"], "3000"),
    ] {
        let o = common::run(&args, None);
        assert_eq!(common::code(&o), 2, "{args:?}");
        let err = common::stderr(&o);
        assert!(
            err.contains(what) && err.contains("2008至2100"),
            "{args:?}: {err}"
        );
    }
    // The range's ends are accepted.
    for year in ["2008", "2100"] {
        let o = common::run(&["new", "--year", year], None);
        assert_eq!(common::code(&o), 0, "{year}");
        assert!(common::stdout(&o).contains(&format!("{year}年政府信息公开工作年度报告")));
    }
    let o = common::run(&["check", "--year", "2021", &seed], None);
    assert_ne!(common::code(&o), 2, "{}", common::stderr(&o));
}

#[test]
fn the_server_ignores_an_implausible_year_setting_and_says_so() {
    let mut c = Client::spawn(&[], Duration::from_secs(15));
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {},
               "initializationOptions": {"nianbao": {"year": 1900}}}),
    );
    c.notify("initialized", json!({}));
    let m = c.wait(|m| m["method"] == "window/showMessage");
    assert_eq!(m["params"]["type"], 2, "a warning: {m}");
    let msg = m["params"]["message"].as_str().expect("message");
    assert!(
        msg.contains("nianbao.year") && msg.contains("1900") && msg.contains("2008至2100"),
        "{msg}"
    );
    // The draft's own year is used: a 2024 draft checks clean, not as a 1900 report.
    let uri = "file:///nianbao-test-no-such-folder/draft.md";
    c.open(uri, &draft(2024), 1);
    let diags = c.diagnostics(uri, 1);
    assert!(diags.is_empty(), "{diags:#?}");
    // A later change to an implausible value is refused the same way.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {"year": "二一〇一"}}}),
    );
    let m = c.wait(|m| m["method"] == "window/showMessage");
    assert_eq!(m["params"]["type"], 2);
}

// ── P7: 规章 of a county-level organ ────────────────────────────────────────────────────

/// 保山 2021 (no title in the seed) with `title` on top and `made` as 规章's 本年制发件数.
fn baoshan(title: &str, made: &str) -> String {
    let t = seed_text(S000);
    let at = unique(&t, "| 规章").end;
    let zero = at + t[at..].find("| 0").expect("the 规章 cells") + "| ".len();
    let t = format!("{title}\n\n{}{made}{}", &t[..zero], &t[zero + 1..]);
    // The signature names the title's agency (another one would be a foreign-name finding).
    let Some(year) = title.find("2021") else {
        return t;
    };
    let agency = &title[..year];
    let sig = t.rfind("保山市卫生健康委员会").expect("the signature");
    format!(
        "{}{agency}{}",
        &t[..sig],
        &t[sig + "保山市卫生健康委员会".len()..]
    )
}

#[test]
fn rules_made_by_a_county_level_organ_is_a_hint() {
    let title = "保山市隆阳区卫生健康局2021年政府信息公开工作年度报告";
    let t = baoshan(title, "1");
    let a = check(&t);
    let d = one(&t, &a, "county-rules", Severity::Hint, "1");
    assert_msg(
        d,
        &[
            "「规章」",
            "「本年制发件数」为1",
            "保山市隆阳区卫生健康局",
            "立法法",
            "设区的市",
        ],
    );
    assert_above_hint(&t, &a, &[]);
    // Near misses: the city's commission may report it; a county-level organ with none.
    let t = baoshan("保山市卫生健康委员会2021年政府信息公开工作年度报告", "1");
    assert!(of(&check(&t), "county-rules").is_empty());
    let t = baoshan(title, "0");
    assert!(of(&check(&t), "county-rules").is_empty());
    // Without a title the signature names the agency (the seed: 保山市卫生健康委员会).
    let t = baoshan("", "1");
    assert!(of(&check(&t), "county-rules").is_empty());
}

#[test]
fn rules_made_by_a_county_in_the_2019_format() {
    let t = nianbao::template::new_report(2020, Some("某县人民政府"), Organ::Government);
    let t = set_row(&t, "规章", &["2", "2", "5"]);
    let a = check(&t);
    let d = one(&t, &a, "county-rules", Severity::Hint, "2");
    assert_msg(d, &["「本年新制作数量」为2"]);
    // Near miss: the city government.
    let t = nianbao::template::new_report(2020, Some("某市人民政府"), Organ::Government);
    let t = set_row(&t, "规章", &["2", "2", "5"]);
    assert!(of(&check(&t), "county-rules").is_empty());
}
