use super::*;
use proptest::prelude::*;

/// Characters that build references and near-references, plus arbitrary ones.
fn soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "第", "条", "條", "款", "项", "項", "（", "）", "(", ")", "《", "》", "条例", "本", "办法",
        "法", "、", "和", " ", "\u{3000}", "十", "二", "五", "六", "百", "零", "1", "6", "１", ".",
        "😀", "é", "\n",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(str::to_string),
            any::<char>().prop_map(String::from)
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn find_refs_never_panics_and_ranges_are_sound(s in soup()) {
        let refs = find_refs(&s);
        let mut last_end = 0;
        for r in &refs {
            prop_assert!(s.is_char_boundary(r.range.start) && s.is_char_boundary(r.range.end));
            prop_assert!(r.range.start < r.range.end && r.range.end <= s.len());
            prop_assert!(r.range.start >= last_end, "ranges are ordered and disjoint");
            last_end = r.range.end;
            let t = &s[r.range.clone()];
            prop_assert!(t.ends_with(['条', '條', '款', '项', '項']), "{t:?}");
            // Rendering any found reference works.
            prop_assert!(super::super::hover_markdown(r).is_some());
        }
    }

    #[test]
    fn parse_ref_never_panics(s in soup()) {
        if let Some(r) = parse_ref(&s) {
            prop_assert!(s.is_char_boundary(r.range.start) && s.is_char_boundary(r.range.end));
        }
    }

    #[test]
    fn labels_round_trip(a in 1u16..=56, p in prop::option::of(1u16..=5), i in prop::option::of(1u16..=15)) {
        let r = ClauseRef::new(a, p, i);
        let label = r.label();
        let parsed = parse_ref(&label).expect("label parses");
        prop_assert_eq!((parsed.article, parsed.paragraph, parsed.item), (a, p, i));
        let found = find_refs(&label);
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].range.clone(), 0..label.len());
    }
}
