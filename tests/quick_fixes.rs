//! The quick fixes of `missing-part` and `total-mismatch`, applied to the findings of small
//! edits of a clean draft: the finding is gone afterwards and no new one appears that the fix
//! would not explain. (The fixes of nonstandard-heading, unknown-row, nonstandard-label,
//! invalid-cell and blank-cell are applied in their rule's tests, in tests/rules_structure.rs and
//! tests/rules_tables.rs.)
//!
//! Tests that once documented checker bugs now pass; each one states the exact input and the
//! wrong output.

mod common;

use common::drafts::*;
use nianbao::check::{Analysis, Diagnostic, Severity};

#[test]
fn fix_missing_part_inserts_the_heading() {
    let t = cut(&draft(2024), H5, H6);
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "missing-part",
        Severity::Error,
        "六、其他需要报告的事项",
    );
    assert_eq!(d.fixes.len(), 1);
    assert_eq!(d.fixes[0].edits[0].text, format!("{H5}\n\n"));
    let fixed = apply(&t, &d.fixes[0].edits);
    let fa = check(&fixed);
    assert!(of(&fa, "missing-part").is_empty(), "{}", dump(&fixed, &fa));
    // The heading alone makes an empty part; nothing else appears.
    for x in above_hint(&fa) {
        assert_eq!(x.rule, "empty-part", "{}", dump(&fixed, &fa));
        assert_eq!(&fixed[x.range.clone()], "五、存在的主要问题及改进情况");
    }
    // Once the drafter writes the part (its problems and improvements), the report is clean.
    let written = edit(
        &fixed,
        &format!("{H5}\n\n"),
        &format!("{H5}\n\n信息更新不够及时。下一步将加强发布审核。\n\n"),
    );
    assert_clean(&written, &check(&written));
}

#[test]
fn fix_missing_last_part_and_missing_first_part() {
    // Part 六 missing: the heading goes before the signature.
    let t = cut(&draft(2024), H6, &format!("{AGENCY}\n\n2025年1月20日"));
    let a = check(&t);
    let d = &of(&a, "missing-part")[0];
    let fixed = apply(&t, &d.fixes[0].edits);
    assert!(fixed.contains(&format!("{H6}\n\n{AGENCY}\n\n2025年1月20日")));
    let fa = check(&fixed);
    assert!(of(&fa, "missing-part").is_empty());
    // The new part 六 is empty, and (2021 format) lacks the fee statement.
    assert_above_hint(&fixed, &fa, &["empty-part", "fee-statement-missing"]);
    // Part 一 missing: the heading goes before part 二.
    let t = cut(&draft(2024), H1, H2);
    let a = check(&t);
    let d = one(
        &t,
        &a,
        "missing-part",
        Severity::Error,
        "二、主动公开政府信息情况",
    );
    let fixed = apply(&t, &d.fixes[0].edits);
    let fa = check(&fixed);
    assert!(of(&fa, "missing-part").is_empty());
    assert_above_hint(&fixed, &fa, &["empty-part"]);
}

/// The findings of `rule` whose relation and left-hand cells equal those of `d`.
fn same_instance<'a>(a: &'a Analysis, d: &Diagnostic) -> Vec<&'a Diagnostic> {
    let key = |x: &Diagnostic| {
        x.data
            .as_ref()
            .map(|v| (v["relation"].clone(), v["lhs"].clone()))
    };
    a.diagnostics
        .iter()
        .filter(|x| x.rule == d.rule && key(x) == key(d))
        .collect()
}

#[test]
fn fix_total_mismatch_makes_the_relation_hold() {
    let t = t2_typo();
    let a = check(&t);
    let fixable: Vec<&Diagnostic> = of(&a, "total-mismatch")
        .into_iter()
        .filter(|d| !d.fixes.is_empty())
        .collect();
    // Only A3 (the mistyped 9 of （一）予以公开) gets a fix: （七）总计 satisfies A1 and A3, so
    // setting it to the leaf sum (A2) would be wrong.
    assert_eq!(
        fixable.len(),
        1,
        "only the A3 total is certain: {}",
        dump(&t, &a)
    );
    assert_eq!(fixable[0].data.as_ref().unwrap()["relation"], "A3");
    for d in fixable {
        let data = d.data.as_ref().unwrap();
        let fix = &d.fixes[0];
        assert_eq!(fix.title, format!("将总计改为 {}", data["expected"]));
        assert_eq!(fix.edits.len(), 1);
        assert_eq!(fix.edits[0].range, d.range);
        let fixed = apply(&t, &fix.edits);
        let fa = check(&fixed);
        // The same relation instance (relation and left-hand cell) holds now.
        assert!(same_instance(&fa, d).is_empty(), "{}", dump(&fixed, &fa));
    }
    // The A3 fix corrects the mistyped 9: the table balances.
    let a3 = of(&a, "total-mismatch")
        .into_iter()
        .find(|d| d.data.as_ref().unwrap()["relation"] == "A3")
        .expect("A3");
    let fixed = apply(&t, &a3.fixes[0].edits);
    assert_clean(&fixed, &check(&fixed));
    // The 总计 typed as 15 instead of 16 in （七）总计: A2 and A3 both propose 16, A1 also fails;
    // either fix clears all three.
    let t = set_row(&filled16(2024), "（七）总计", &t2_np("16", "15"));
    let a = check(&t);
    let ds = of(&a, "total-mismatch");
    assert_eq!(ds.len(), 3, "{}", dump(&t, &a));
    for d in ds.iter().filter(|d| !d.fixes.is_empty()) {
        assert_eq!(d.fixes[0].edits[0].text, "16");
        let fixed = apply(&t, &d.fixes[0].edits);
        assert_eq!(fixed, filled16(2024));
    }
    // Table 3 (L1).
    let mut cells = vec!["0"; 15];
    cells[0] = "1";
    let t = edit(&draft(2024), T3_ZERO, &pipe_row(&cells));
    let a = check(&t);
    let d = &of(&a, "total-mismatch")[0];
    let fixed = apply(&t, &d.fixes[0].edits);
    cells[4] = "1";
    assert!(fixed.contains(&pipe_row(&cells)));
    assert_clean(&fixed, &check(&fixed));
}

#[test]
fn fix_total_mismatch_a2_adds_no_new_error() {
    // Input: the 2024 draft with 本年新收 自然人 16 / 总计 16, （一）予以公开 自然人 10 / 总计 9 (typo
    // for 10), 1.本机关不掌握相关政府信息 6 / 6, （七）总计 16 / 16.
    // Findings: A3 on the 9 (fix 将总计改为 10: right), A2 on the （七）总计 16 (fix 将总计改为 15).
    // After the A2 fix: error A1 「总计」列：… 16 + 0 = 16，而 15 + 0 = 15，两边不等。 and error A3
    // 「（七）总计」行：… = 16，但总计填写的是 15。 besides the A3 on the 9 that was there before.
    let t = t2_typo();
    let a = check(&t);
    let a2 = of(&a, "total-mismatch")
        .into_iter()
        .find(|d| d.data.as_ref().unwrap()["relation"] == "A2")
        .expect("A2");
    for fix in &a2.fixes {
        let fixed = apply(&t, &fix.edits);
        let fa = check(&fixed);
        for x in above_hint(&fa) {
            assert!(
                !same_instance(&a, x).is_empty(),
                "new finding after {}: {}",
                fix.title,
                dump(&fixed, &fa)
            );
        }
    }
}
