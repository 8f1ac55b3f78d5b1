//! Suppression comments (`nianbao-disable-next-line`, `nianbao-disable`) and
//! `Options::severities` on a clean draft with a mistyped total (two total-mismatch findings)
//! and a late signature: exactly the findings named are removed or changed.

mod common;

use common::drafts::*;
use nianbao::check::{Analysis, Options, Severity};

/// Two total-mismatch findings on different lines (A3 on the 予以公开 row, A2 on the （七）总计
/// row), plus a late signature.
fn two_totals_and_late() -> String {
    let t = set_row(&draft(2024), "（一）予以公开", &t2_np("10", "0"));
    edit(&t, "2025年1月20日", "2025年2月10日")
}

fn relations_of(a: &Analysis) -> Vec<String> {
    let mut v: Vec<String> = of(a, "total-mismatch")
        .iter()
        .map(|d| {
            d.data.as_ref().unwrap()["relation"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    v.sort();
    v
}

#[test]
fn suppression_next_line_removes_exactly_that_finding() {
    let t = two_totals_and_late();
    let a = check(&t);
    assert_eq!(relations_of(&a), ["A2", "A3"], "{}", dump(&t, &a));
    assert_eq!(of(&a, "late-publication").len(), 1);
    for comment in [
        "<!-- nianbao-disable-next-line total-mismatch -->\n",
        "<!-- nianbao-disable-next-line total-mismatch -->\n\n",
        "  <!-- nianbao-disable-next-line blank-cell, total-mismatch -->\n",
    ] {
        let r = row_line(&t, "（一）予以公开");
        let s = format!("{}{comment}{}", &t[..r.start], &t[r.start..]);
        let a = check(&s);
        assert_eq!(relations_of(&a), ["A2"], "{comment}: {}", dump(&s, &a));
        assert_eq!(of(&a, "late-publication").len(), 1);
        assert_eq!(a.diagnostics.len(), 2, "{}", dump(&s, &a));
    }
}

#[test]
fn suppression_whole_file_removes_all_of_that_rule_only() {
    let t = two_totals_and_late();
    for at in ["start", "end", "part"] {
        let c = "<!-- nianbao-disable total-mismatch -->";
        let s = match at {
            "start" => format!("{c}\n{t}"),
            "end" => format!("{t}\n{c}\n"),
            _ => edit(&t, H5, &format!("{c}\n\n{H5}")),
        };
        let a = check(&s);
        assert!(
            of(&a, "total-mismatch").is_empty(),
            "{at}: {}",
            dump(&s, &a)
        );
        assert_eq!(a.diagnostics.len(), 1, "{at}: {}", dump(&s, &a));
        one(
            &s,
            &a,
            "late-publication",
            Severity::Warning,
            "2025年2月10日",
        );
    }
}

#[test]
fn suppression_naming_another_rule_removes_nothing() {
    let t = two_totals_and_late();
    let base = check(&t).diagnostics.len();
    for c in [
        "<!-- nianbao-disable blank-cell -->",
        "<!-- nianbao-disable total-mismatches -->",
        "<!-- 注：total-mismatch -->",
    ] {
        let s = format!("{c}\n{t}");
        let a = check(&s);
        assert_eq!(a.diagnostics.len(), base, "{c}: {}", dump(&s, &a));
        assert_eq!(relations_of(&a), ["A2", "A3"]);
        let r = row_line(&s, "（一）予以公开");
        let s = format!(
            "{}<!-- nianbao-disable-next-line late-publication -->\n{}",
            &s[..r.start],
            &s[r.start..]
        );
        let a = check(&s);
        assert_eq!(relations_of(&a), ["A2", "A3"], "{}", dump(&s, &a));
        assert_eq!(of(&a, "late-publication").len(), 1);
    }
}

#[test]
fn severity_overrides() {
    let t = two_totals_and_late();
    let hint = Options {
        severities: vec![("total-mismatch".into(), Some(Severity::Hint))],
        ..Default::default()
    };
    let a = check_with(&t, &hint);
    assert_eq!(relations_of(&a), ["A2", "A3"]);
    assert!(
        of(&a, "total-mismatch")
            .iter()
            .all(|d| d.severity == Severity::Hint)
    );
    assert_above_hint(&t, &a, &["late-publication"]);
    let off = Options {
        severities: vec![("total-mismatch".into(), None)],
        ..Default::default()
    };
    let a = check_with(&t, &off);
    assert!(of(&a, "total-mismatch").is_empty());
    assert_eq!(a.diagnostics.len(), 1);
    one(
        &t,
        &a,
        "late-publication",
        Severity::Warning,
        "2025年2月10日",
    );
    // Raising a rule; several overrides at once.
    let both = Options {
        severities: vec![
            ("late-publication".into(), Some(Severity::Error)),
            ("total-mismatch".into(), None),
        ],
        ..Default::default()
    };
    let a = check_with(&t, &both);
    assert_eq!(a.diagnostics.len(), 1);
    one(&t, &a, "late-publication", Severity::Error, "2025年2月10日");
}
