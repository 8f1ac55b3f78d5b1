//! Years and names of the running text: `year-mismatch` (a year written as this report's year
//! that is not the report year, or a title year that the period and the text contradict) and
//! `foreign-name` (another place's or agency's name where the text speaks of the agency's own
//! work, or a signature of another place or agency). Each on edited seeds (a sentence replaced
//! or inserted in a real report) and on clean drafts, with near misses that must stay silent.

mod common;

use common::drafts::*;
use common::{S000, S003, S004, seed_text};
use nianbao::check::{Analysis, Severity};
use nianbao::template::new_report;

/// The rules of the findings above hint, sorted.
fn rules_above_hint(a: &Analysis) -> Vec<&'static str> {
    let mut v: Vec<&str> = above_hint(a).iter().map(|d| d.rule).collect();
    v.sort_unstable();
    v
}

/// `edited` gives the findings of `orig` plus exactly `added` (rules, above hint), and no
/// finding of the two rules here beyond those.
#[track_caller]
fn adds(orig: &str, edited: &str, added: &[&str]) -> Analysis {
    let a0 = check(orig);
    let a = check(edited);
    let mut want = rules_above_hint(&a0);
    want.extend(added);
    want.sort_unstable();
    assert_eq!(rules_above_hint(&a), want, "{}", dump(edited, &a));
    a
}

/// No finding of either rule here, hints included.
#[track_caller]
fn silent(text: &str) {
    let a = check(text);
    let ours: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.rule == "year-mismatch" || d.rule == "foreign-name")
        .collect();
    assert!(ours.is_empty(), "expected silence:\n{}", dump(text, &a));
}

// ── year-mismatch ───────────────────────────────────────────────────────────────────────

const S003_OPENING: &str = "2021年，在地委、行署的坚强领导下";

/// Neither rule says anything (the near misses), and nothing else above hint but what the edit
/// explains: a part whose text was replaced by one sentence may lack its topics
/// (`missing-content`, tested in tests/rules_content.rs).
#[track_caller]
fn assert_quiet(text: &str, a: &nianbao::check::Analysis) {
    for rule in ["year-mismatch", "foreign-name"] {
        assert!(of(a, rule).is_empty(), "{rule}:\n{}", dump(text, a));
    }
    assert!(
        above_hint(a).iter().all(|d| d.rule == "missing-content"),
        "{}",
        dump(text, a)
    );
}

#[test]
fn year_mismatch_last_year_on_an_edited_seed() {
    // 和田 2021: the opening sentence of part 一 says 2020 (last year's text not updated).
    let orig = seed_text(S003);
    let t = edit(&orig, S003_OPENING, "2020年，在地委、行署的坚强领导下");
    let a = adds(&orig, &t, &["year-mismatch"]);
    let d = one(&t, &a, "year-mismatch", Severity::Warning, "2020年");
    assert_msg(d, &["2020年", "2021年度", "上一年度"]);
    assert_eq!(d.related.len(), 1, "points at the title");
}

#[test]
fn year_mismatch_near_misses_on_an_edited_seed() {
    let orig = seed_text(S003);
    for s in [
        // Comparisons.
        "与2020年相比，在地委、行署的坚强领导下",
        "2020年，我委收到申请10件，2021年，在地委、行署的坚强领导下",
        "2020年同期，在地委、行署的坚强领导下",
        // History and dates.
        "截至2020年底，在地委、行署的坚强领导下",
        "2020年12月，在地委、行署的坚强领导下",
        "2020年，我委被评为先进单位。2021年，在地委、行署的坚强领导下",
        // A plan for next year, a period, a book title, a document number.
        "2022年，我委将继续在地委、行署的坚强领导下",
        "2021—2025年，在地委、行署的坚强领导下",
        "按照《2020年政务公开工作要点》，在地委、行署的坚强领导下",
        "根据新政办发〔2020〕5号，在地委、行署的坚强领导下",
        // A higher level's work of that year.
        "2020年，国务院办公厅印发通知。2021年，在地委、行署的坚强领导下",
    ] {
        silent(&edit(&orig, S003_OPENING, s));
    }
}

#[test]
fn year_mismatch_older_year_is_a_hint() {
    let orig = seed_text(S003);
    let t = edit(&orig, S003_OPENING, "2019年，在地委、行署的坚强领导下");
    let a = adds(&orig, &t, &[]);
    one(&t, &a, "year-mismatch", Severity::Hint, "2019年");
}

#[test]
fn year_mismatch_on_a_seed_whose_year_comes_from_the_text_is_a_hint() {
    // 保山 2021 has no title: the year is read from the text, so a contradiction is weaker.
    let orig = seed_text(S000);
    let from = "2021年,我委严格按照";
    let t = edit(&orig, from, "2020年,我委严格按照");
    let a = adds(&orig, &t, &[]);
    one(&t, &a, "year-mismatch", Severity::Hint, "2020年");
}

#[test]
fn year_mismatch_this_year_in_brackets() {
    let t = replace_guide(
        &draft(2024),
        GUIDE_P1,
        "本年度（2023年），我委坚持以公开为常态、不公开为例外。",
    );
    let a = check(&t);
    let d = one(&t, &a, "year-mismatch", Severity::Warning, "2023年");
    assert_msg(d, &["本年度", "2023年", "2024年度"]);
    assert_above_hint(&t, &a, &["year-mismatch"]);
    // The right year: nothing.
    let t = replace_guide(
        &draft(2024),
        GUIDE_P1,
        "本年度（2024年），我委坚持以公开为常态、不公开为例外。",
    );
    assert_quiet(&t, &check(&t));
}

#[test]
fn year_mismatch_report_named_in_the_preamble() {
    let d0 = draft(2024);
    let pre = "本报告根据《中华人民共和国政府信息公开条例》";
    let t = edit(
        &d0,
        pre,
        &format!("现将某市卫生健康委员会2023年度政府信息公开工作年度报告公布如下。{pre}"),
    );
    let a = check(&t);
    one(&t, &a, "year-mismatch", Severity::Warning, "2023年");
    assert_above_hint(&t, &a, &["year-mismatch"]);
    // Last year's report named as such is not this report.
    let t = edit(
        &d0,
        pre,
        &format!("上一年度（2023年度）政府信息公开工作年度报告所列问题已整改。{pre}"),
    );
    assert_quiet(&t, &check(&t));
}

#[test]
fn year_mismatch_full_year_period_in_the_text() {
    let t = replace_guide(
        &draft(2024),
        GUIDE_P1,
        "2023年1月1日至2023年12月31日，我委主动公开政府信息120条。",
    );
    let a = check(&t);
    one(&t, &a, "year-mismatch", Severity::Warning, "2023年");
    let t = replace_guide(
        &draft(2024),
        GUIDE_P1,
        "2024年1月1日至2024年12月31日，我委主动公开政府信息120条。",
    );
    assert_quiet(&t, &check(&t));
}

#[test]
fn year_mismatch_part_five_follow_up_and_plans_stay_silent() {
    for s in [
        "2023年度报告中指出的问题已全部整改到位。",
        "2023年，我委在政务公开中存在的问题已整改。",
        "2025年，我委将进一步加强政策解读。",
    ] {
        let t = replace_guide(&draft(2024), GUIDE_P5, s);
        assert_quiet(&t, &check(&t));
    }
}

#[test]
fn year_mismatch_title_year_contradicted_by_period_and_text() {
    // The title says 2023, the period and the text say 2024: the title is what is wrong.
    let t = edit(&draft(2024), "委员会2024年政府", "委员会2023年政府");
    let t = replace_guide(
        &t,
        GUIDE_P1,
        "2024年，我委坚持以公开为常态、不公开为例外，全面推进政务公开。",
    );
    let a = check(&t);
    let d = one(&t, &a, "year-mismatch", Severity::Warning, "2023");
    assert_msg(d, &["标题", "2023年", "2024年"]);
    assert_eq!(d.related.len(), 2, "the period and the text");
    assert!(of(&a, "period-mismatch").is_empty(), "{}", dump(&t, &a));
    // Only the period disagrees: the period is what is wrong (period-mismatch, as before).
    let t = edit(&draft(2024), "委员会2024年政府", "委员会2023年政府");
    let a = check(&t);
    assert!(of(&a, "year-mismatch").is_empty(), "{}", dump(&t, &a));
    assert_eq!(of(&a, "period-mismatch").len(), 1, "{}", dump(&t, &a));
}

// ── foreign-name ────────────────────────────────────────────────────────────────────────

const S004_OPENING: &str = "2020年，市卫生健康委坚持以";

#[test]
fn foreign_name_same_kind_of_agency_of_another_city_on_an_edited_seed() {
    // 济南 2020: the opening sentence names 宜宾's health commission as doing 济南's work.
    let orig = seed_text(S004);
    let t = edit(&orig, S004_OPENING, "2020年，宜宾市卫生健康委员会坚持以");
    let a = adds(&orig, &t, &["foreign-name"]);
    let d = one(&t, &a, "foreign-name", Severity::Warning, "宜宾市");
    assert_msg(d, &["宜宾市", "济南市", "宜宾市卫生健康委员会"]);
    // In traditional characters too (宜賓市衛生健康委員會).
    let t = edit(&orig, S004_OPENING, "2020年，宜賓市衛生健康委員會坚持以");
    let a = adds(&orig, &t, &["foreign-name"]);
    one(&t, &a, "foreign-name", Severity::Warning, "宜賓市");
}

#[test]
fn foreign_name_near_misses_on_an_edited_seed() {
    let orig = seed_text(S004);
    for s in [
        // Own place, its province, the province's other cities in passing.
        "2020年，济南市卫生健康委员会坚持以",
        "2020年，山东省卫生健康委员会要求各市坚持以",
        // Visits, cooperation, documents, book titles, addresses.
        "2020年，组织人员赴宜宾市卫生健康委员会学习交流，市卫生健康委坚持以",
        "2020年，与成都市卫生健康委员会签订合作协议，市卫生健康委坚持以",
        "2020年，借鉴《宜宾市卫生健康委员会政务公开办法》，市卫生健康委坚持以",
        "2020年，宜宾市卫生健康委员会网站转载了我委信息，市卫生健康委坚持以",
        // A place named in passing.
        "2020年，在宜宾市召开的会议上，市卫生健康委坚持以",
    ] {
        silent(&edit(&orig, S004_OPENING, s));
    }
}

#[test]
fn foreign_name_our_city_in_brackets_and_pushing_its_disclosure() {
    let orig = seed_text(S004);
    let t = edit(
        &orig,
        S004_OPENING,
        "2020年，我市（宜宾）市卫生健康委坚持以",
    );
    let a = adds(&orig, &t, &["foreign-name"]);
    one(&t, &a, "foreign-name", Severity::Warning, "宜宾");
    let t = edit(
        &orig,
        S004_OPENING,
        "2020年，全面推进宜宾市政务公开，市卫生健康委坚持以",
    );
    let a = adds(&orig, &t, &["foreign-name"]);
    one(&t, &a, "foreign-name", Severity::Warning, "宜宾市");
}

#[test]
fn foreign_name_another_kind_of_agency_as_subject_is_a_hint() {
    let orig = seed_text(S004);
    let t = edit(
        &orig,
        S004_OPENING,
        "2020年，宜宾市人民政府高度重视政务公开，市卫生健康委坚持以",
    );
    let a = adds(&orig, &t, &[]);
    one(&t, &a, "foreign-name", Severity::Hint, "宜宾市");
}

#[test]
fn foreign_name_signature_of_another_place_or_agency() {
    let agency = "威海市卫生健康委员会";
    let d0 = new_report(2024, Some(agency), nianbao::check::Organ::Department);
    assert_quiet(&d0, &check(&d0));
    let sig = unique(&d0, "\n威海市卫生健康委员会\n");
    let with_sig = |s: &str| format!("{}\n{s}\n{}", &d0[..sig.start], &d0[sig.end..]);
    // Another city.
    let t = with_sig("宜宾市卫生健康委员会");
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "foreign-name",
        Severity::Warning,
        "宜宾市卫生健康委员会",
    );
    assert_msg(d, &["宜宾市", "威海市"]);
    assert_above_hint(&t, &a, &["foreign-name"]);
    // Another agency of the same city.
    let t = with_sig("威海市财政局");
    let a = check(&t);
    let d = one(&t, &a, "foreign-name", Severity::Warning, "威海市财政局");
    assert_msg(d, &["威海市财政局", "威海市卫生健康委员会"]);
    // The same agency abbreviated, or with its province: nothing.
    for s in [
        "威海市卫健委",
        "山东省威海市卫生健康委员会",
        "威海市卫生健康委员会办公室",
    ] {
        let t = with_sig(s);
        assert_quiet(&t, &check(&t));
    }
}

#[test]
fn foreign_name_signature_of_another_agency_without_a_known_place() {
    // 某市: not in the gazetteer, but the agencies still differ.
    let d0 = draft(2024);
    let t = edit(&d0, "\n某市卫生健康委员会\n", "\n某市财政局\n");
    let a = check(&t);
    one(&t, &a, "foreign-name", Severity::Warning, "某市财政局");
    assert_above_hint(&t, &a, &["foreign-name"]);
    let t = edit(&d0, "\n某市卫生健康委员会\n", "\n某市卫健委\n");
    assert_quiet(&t, &check(&t));
}

#[test]
fn foreign_name_needs_a_known_own_place() {
    // 某市: no place of the gazetteer, so no place is foreign.
    let t = replace_guide(
        &draft(2024),
        GUIDE_P1,
        "2024年，宜宾市卫生健康委员会坚持以公开为常态、不公开为例外。",
    );
    assert_quiet(&t, &check(&t));
}

#[test]
fn foreign_name_a_province_owns_its_cities() {
    let d0 = new_report(
        2024,
        Some("山东省卫生健康委员会"),
        nianbao::check::Organ::Department,
    );
    let t = replace_guide(
        &d0,
        GUIDE_P1,
        "2024年，威海市卫生健康委员会认真贯彻落实全省政务公开工作部署。",
    );
    assert_quiet(&t, &check(&t));
    let t = replace_guide(
        &d0,
        GUIDE_P1,
        "2024年，四川省卫生健康委员会认真贯彻落实全省政务公开工作部署。",
    );
    let a = check(&t);
    one(&t, &a, "foreign-name", Severity::Warning, "四川省");
}
