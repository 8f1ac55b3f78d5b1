//! Other places' and agencies' names (`foreign-name`): a province or prefecture of the gazetteer
//! (`format::places`) that is not the report's own, written as the owner of the agency's own
//! work (`宜宾市卫生健康委员会认真贯彻…` in a 威海 report, `全面推进宜宾市政务公开`,
//! `我市（宜宾）`) — most often text taken over from another agency's report — and a signature
//! naming another place or another agency than the title.
//!
//! The report's own place comes from the title's agency (else the signature, else — for a
//! report without a title — the first agency named in the preamble); its province and, for a
//! province's report, its prefectures are its own too. Without an own place nothing is checked.
//! Names inside book-title marks, in clauses about visits, cooperation, other bodies' documents,
//! addresses or web sites, and places named in passing are left alone.

use super::prose::{self, has_any, in_book_title};
use crate::check::doc::{Analysis, re};
use crate::check::pairing;
use crate::check::{Diagnostic, Severity};
use crate::format::places::{Found, Gazetteer, NameKind, gazetteer};
use crate::syntax::Block;
use crate::text::fold;
use regex::Regex;
use std::sync::OnceLock;

/// The last character of an agency's name.
const ORGAN_HEADS: &str = "局委会办厅府院室心所站处署部馆队社组";

/// Words of a clause about another place that is not this agency's own work: visits and
/// cooperation, other bodies' documents and requirements, rankings, addresses and web sites.
const ELSEWHERE: &[&str] = &[
    "赴",
    "前往",
    "到访",
    "来访",
    "来我",
    "莅临",
    "考察",
    "调研",
    "学习",
    "交流",
    "借鉴",
    "参观",
    "观摩",
    "签订",
    "签署",
    "合作",
    "协作",
    "对口",
    "帮扶",
    "援助",
    "支援",
    "援建",
    "结对",
    "共建",
    "联合",
    "兄弟",
    "经验",
    "培训",
    "印发",
    "下发",
    "转发",
    "通知",
    "文件",
    "要求",
    "意见",
    "办法",
    "规定",
    "方案",
    "指导下",
    "督导",
    "检查",
    "评估",
    "考核",
    "通报",
    "排名",
    "评为",
    "获评",
    "表扬",
    "网址",
    "网站",
    "http",
    "www",
    "gov.cn",
    "地址",
    "邮编",
    "邮箱",
    "电话",
    "热线",
    "位于",
    "协同",
    "跨省",
    "跨市",
    "跨区域",
    "异地",
    "根据",
    "按照",
    "依据",
    "依照",
    "遵照",
    "参照",
    "来函",
    "转办",
    "转交",
    "移送",
];

/// Verbs of the agency's own work, after a place and organ at the start of a clause.
const OWN_WORK: &[&str] = &[
    "认真",
    "坚持",
    "深入",
    "持续",
    "严格",
    "进一步",
    "不断",
    "扎实",
    "全面",
    "紧紧",
    "高度重视",
    "积极",
    "切实",
    "共收到",
    "共受理",
    "累计",
    "主动公开",
    "贯彻",
    "围绕",
];

/// An agency name (folded key) without its places: `威海市文登区人民政府` → `人民政府`.
fn organ_of(g: &Gazetteer, agency: &str) -> String {
    static ANY: OnceLock<Regex> = OnceLock::new();
    static COUNTY: OnceLock<Regex> = OnceLock::new();
    let any = re(&ANY, r"^\p{Han}{1,6}?(?:自治县|自治旗|县|区|旗|市)");
    let county = re(
        &COUNTY,
        r"^\p{Han}{1,6}?(?:自治县|自治旗|县|区|旗|镇|乡|街道)",
    );
    let mut s = agency;
    let mut stripped = false;
    while let Some(f) = g.find(s).into_iter().next().filter(|f| f.range.start == 0) {
        s = &s[f.range.end..];
        stripped = true;
    }
    if !stripped && let Some(m) = any.find(s) {
        s = &s[m.end()..];
    }
    if let Some(m) = county.find(s).filter(|m| s[m.end()..].chars().count() >= 2) {
        s = &s[m.end()..];
    }
    s.to_string()
}

/// Whether an organ name looks like one (`卫生健康委员会`, not `政府信息公开`).
fn is_organ(o: &str) -> bool {
    o.chars().count() >= 2 && o.chars().last().is_some_and(|c| ORGAN_HEADS.contains(c))
}

/// Two organ names of one agency: equal, or the shorter is an abbreviation of the longer
/// (its characters in order, the first the same: 卫健委 / 卫生健康委员会, 人民政府 / 人民政府办公室).
fn same_organ(a: &str, b: &str) -> bool {
    let (s, l) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    if s.chars().next() != l.chars().next() {
        return false;
    }
    let mut it = l.chars();
    s.chars().all(|c| it.any(|x| x == c))
}

/// The end of the organ written after a place at folded `at` (`卫生健康委员会认真…` →
/// `卫生健康委员会`) when it is the same as `own`: the longest such.
fn own_organ_after(t: &str, at: usize, own: &str) -> Option<usize> {
    let mut best = None;
    for (n, (i, c)) in t[at..].char_indices().enumerate() {
        if n >= 14 || !fold::is_cjk(c) {
            break;
        }
        let end = at + i + c.len_utf8();
        if ORGAN_HEADS.contains(c) && n >= 1 && same_organ(&t[at..end], own) {
            best = Some(end);
        }
    }
    best
}

/// Any organ written after a place at folded `at`.
fn organ_after(t: &str, at: usize) -> Option<usize> {
    let mut best = None;
    for (n, (i, c)) in t[at..].char_indices().enumerate() {
        if n >= 12 || !fold::is_cjk(c) {
            break;
        }
        if ORGAN_HEADS.contains(c) && n >= 1 {
            best = Some(at + i + c.len_utf8());
        }
    }
    best
}

/// The agency of the title (folded key, without the year and the report words).
fn title_agency(text: &str, a: &Analysis) -> Option<String> {
    if let Some(k) = pairing::report_key(text, a) {
        return Some(k.agency);
    }
    static Y: OnceLock<Regex> = OnceLock::new();
    let y = re(&Y, r"(?:19|20)[0-9]{2}年度?");
    let t = fold::key(&text[a.title.clone()?]);
    let t = y.replace_all(&t, "");
    let cut = [
        "政府信息公开",
        "政务公开",
        "信息公开",
        "年度报告",
        "工作报告",
    ]
    .iter()
    .filter_map(|w| t.find(w))
    .min()?;
    let agency = t[..cut].to_string();
    (fold::cjk_count(&agency) >= 3).then_some(agency)
}

/// The places of an agency name (every match, bare names too: titles are short and plain).
fn places_in(g: &Gazetteer, agency: &str) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for f in g.find(agency) {
        for &p in f.places {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// The own places with their province and, for a province, its prefectures.
fn widen(g: &Gazetteer, own: &[usize]) -> Vec<usize> {
    let mut out = own.to_vec();
    for &p in own {
        match g.places[p].province {
            Some(prov) => out.push(prov),
            None => out.extend(g.cities_of(p)),
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn names_of(g: &Gazetteer, places: &[usize]) -> String {
    // The most specific first: prefectures before provinces.
    let mut v: Vec<&str> = places
        .iter()
        .filter(|p| g.places[**p].province.is_some())
        .chain(places.iter().filter(|p| g.places[**p].province.is_none()))
        .map(|p| g.places[*p].name.as_str())
        .collect();
    v.dedup();
    v.join("、")
}

/// The first agency named in the preamble (a place followed by an organ), for a report without
/// a title or a signature that names its place.
fn preamble_places(g: &Gazetteer, lines: &[prose::Line]) -> Vec<usize> {
    for l in lines.iter().filter(|l| l.part.is_none()) {
        for f in g.find(l.folded) {
            if f.kind == NameKind::Full
                && !in_book_title(l.folded, f.range.start)
                && organ_after(l.folded, f.range.end).is_some()
            {
                return f.places.to_vec();
            }
        }
    }
    Vec::new()
}

pub(super) fn names(text: &str, blocks: &[Block], a: &Analysis, d: &mut Vec<Diagnostic>) {
    let g = gazetteer();
    let lines = prose::lines(text, blocks, a);
    let title = title_agency(text, a);
    let sig = a.signature.organ.clone().map(|r| {
        let k = fold::key(&text[r.clone()]);
        (r, k)
    });
    let title_places = title.as_deref().map_or(Vec::new(), |t| places_in(g, t));
    let sig_places = sig.as_ref().map_or(Vec::new(), |(_, k)| places_in(g, k));
    let mut own = if !title_places.is_empty() {
        title_places.clone()
    } else {
        sig_places.clone()
    };
    if own.is_empty() && a.title.is_none() {
        own = preamble_places(g, &lines);
    }
    let own_all = widen(g, &own);
    let own_name = names_of(g, &own);
    let own_organ = title
        .as_deref()
        .or(sig.as_ref().map(|(_, k)| k.as_str()))
        .map(|t| organ_of(g, t))
        .filter(|o| is_organ(o));

    // The signature against the title.
    if let (Some((sr, sk)), Some(t)) = (&sig, &title)
        && sk.chars().count() <= 24
    {
        let foreign: Vec<usize> = sig_places
            .iter()
            .copied()
            .filter(|p| !own_all.contains(p))
            .collect();
        let message = if !title_places.is_empty()
            && !foreign.is_empty()
            && !sig_places.iter().any(|p| own.contains(p))
        {
            Some(format!(
                "落款的机关在{}，标题中的机关却在{own_name}：落款和标题应是同一个机关。可能是照搬其他机关的报告时没有改落款。",
                names_of(g, &foreign)
            ))
        } else if let Some(o) = &own_organ
            && !t.contains("人民政府")
            && let so = organ_of(g, sk)
            && is_organ(&so)
            && !same_organ(o, &so)
        {
            Some(format!(
                "落款的机关（{sk}）与标题中的机关（{t}）不是同一个机关：落款应是发布报告的机关。"
            ))
        } else {
            None
        };
        if let Some(message) = message {
            d.push(
                Diagnostic::new("foreign-name", Severity::Warning, sr.clone(), message)
                    .related(a.title.clone().unwrap_or(0..0), "标题中的机关"),
            );
        }
    }

    // The running text: only with a known own place.
    if own.is_empty() {
        return;
    }
    static MINE: OnceLock<Regex> = OnceLock::new();
    let mine = re(&MINE, r"(?:我|本)(?:省|市|区|县|州|盟|地区)\($");
    static PUSH: OnceLock<Regex> = OnceLock::new();
    let push = re(
        &PUSH,
        r"(?:推进|推动|加强|做好|深化|提升|规范|促进|落实|抓好)(?:全面)?$",
    );
    static OPEN: OnceLock<Regex> = OnceLock::new();
    let open = re(&OPEN, r"^(?:市|州|地区|盟)?的?(?:政务公开|政府信息公开)");
    for l in &lines {
        let found: Vec<Found> = g
            .find(l.folded)
            .into_iter()
            .filter(|f| !f.places.iter().any(|p| own_all.contains(p)))
            .collect();
        if found.is_empty() {
            continue;
        }
        let f = l.fold();
        let t = f.text.as_str();
        for x in found {
            let r = x.range.clone();
            if in_book_title(t, r.start) {
                continue;
            }
            if has_any(&t[prose::clause(t, &r)], ELSEWHERE) {
                continue;
            }
            let before = &t[..r.start];
            let after = &t[r.end..];
            let written = &t[x.range.clone()];
            let place = &g.places[x.places[0]].name;
            let strong = if mine.is_match(before) && after.starts_with(')') {
                Some("把它注明为本地".to_string())
            } else if let Some(o) = &own_organ
                && let at = r.end + unit_len(after, x.kind)
                && let Some(e) = own_organ_after(t, at, o)
            {
                Some(format!(
                    "写的是与本机关同类的「{written}{}」在做本机关的工作",
                    &t[at..e]
                ))
            } else if push.is_match(before) && open.is_match(after) {
                Some("写的是推进它的政务公开".to_string())
            } else {
                None
            };
            let weak = strong.is_none()
                && x.kind == NameKind::Full
                && clause_start(before)
                && organ_after(t, r.end).is_some_and(|e| {
                    let c = prose::clause(t, &r);
                    e < c.end && has_any(&t[e..c.end], OWN_WORK)
                });
            if strong.is_none() && !weak {
                continue;
            }
            let (sev, why) = match strong {
                Some(w) => (Severity::Warning, w),
                None => (Severity::Hint, "以它的机关作为这项工作的主语".to_string()),
            };
            let full = if written == place {
                String::new()
            } else {
                format!("（{place}）")
            };
            let mut diag = Diagnostic::new(
                "foreign-name",
                sev,
                l.abs(f, r),
                format!(
                    "「{written}」{full}不是本报告机关所在的{own_name}，这里却{why}：可能是照搬其他地方的报告时没有改地名。如果确实是指{place}，可忽略。"
                ),
            );
            if let Some(tr) = &a.title {
                diag = diag.related(tr.clone(), "标题中的机关");
            }
            d.push(diag);
        }
    }
}

/// The unit word a bare name is followed by (`宜宾` + `市`), so that the organ starts after it.
fn unit_len(after: &str, kind: NameKind) -> usize {
    if kind == NameKind::Bare {
        for u in ["地区", "市", "州", "盟", "省"] {
            if after.starts_with(u) {
                return u.len();
            }
        }
    }
    0
}

/// Whether folded text before a name ends at the start of a clause (or a list marker there).
fn clause_start(before: &str) -> bool {
    static LEAD: OnceLock<Regex> = OnceLock::new();
    let lead = re(
        &LEAD,
        r"(?:^|[。;!?:,])(?:\(?[一二三四五六七八九十0-9]{1,3}[)、.]|[一二三四五六七八九十]是|(?:19|20)[0-9]{2}年度?,?)?$",
    );
    lead.is_match(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organs_without_places() {
        let g = gazetteer();
        assert_eq!(organ_of(g, "威海市卫生健康委员会"), "卫生健康委员会");
        assert_eq!(organ_of(g, "山东省威海市文登区人民政府"), "人民政府");
        assert_eq!(organ_of(g, "某市卫生健康委员会"), "卫生健康委员会");
        assert_eq!(organ_of(g, "保山市市场监督管理局"), "市场监督管理局");
        assert!(same_organ("卫健委", "卫生健康委员会"));
        assert!(same_organ("人民政府", "人民政府办公室"));
        assert!(!same_organ("财政局", "卫生健康委员会"));
        assert!(!same_organ("卫生健康局", "卫生健康委员会"));
    }
}
