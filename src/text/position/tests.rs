use super::*;
use Encoding::{Utf8, Utf16, Utf32};
use proptest::prelude::*;

const ALL: [Encoding; 3] = [Utf8, Utf16, Utf32];

fn pos(text: &str, offset: usize, enc: Encoding) -> (u32, u32) {
    LineIndex::new(text).position(text, offset, enc)
}

fn off(text: &str, line: u32, col: u32, enc: Encoding) -> usize {
    LineIndex::new(text).offset(text, line, col, enc)
}

#[test]
fn empty_text() {
    let idx = LineIndex::new("");
    assert_eq!(idx.line_count(), 1);
    assert_eq!(idx.line_start(0), 0);
    assert_eq!(idx.line_start(5), 0);
    assert_eq!(idx.line_of(0), 0);
    assert_eq!(idx.line_of(10), 0);
    for enc in ALL {
        assert_eq!(idx.position("", 0, enc), (0, 0));
        assert_eq!(idx.position("", 7, enc), (0, 0));
        assert_eq!(idx.offset("", 0, 0, enc), 0);
        assert_eq!(idx.offset("", 0, 9, enc), 0);
        assert_eq!(idx.offset("", 3, 9, enc), 0);
    }
}

#[test]
fn line_starts_and_terminators() {
    let text = "a\nb\r\nc\rd\n";
    let idx = LineIndex::new(text);
    assert_eq!(idx.line_count(), 5);
    let starts: Vec<usize> = (0..5).map(|l| idx.line_start(l)).collect();
    assert_eq!(starts, [0, 2, 5, 7, 9]);
    assert_eq!(idx.line_start(99), text.len());
    assert_eq!(idx.line_of(0), 0);
    assert_eq!(idx.line_of(1), 0); // the \n
    assert_eq!(idx.line_of(2), 1);
    assert_eq!(idx.line_of(3), 1); // the \r of CRLF
    assert_eq!(idx.line_of(4), 1); // the \n of CRLF
    assert_eq!(idx.line_of(5), 2);
    assert_eq!(idx.line_of(6), 2); // lone \r
    assert_eq!(idx.line_of(7), 3);
    assert_eq!(idx.line_of(9), 4);
    assert_eq!(idx.line_of(1000), 4);
}

proptest! {
    /// Line starts agree with ropey's (CR, LF and CRLF end lines; nothing else does).
    #[test]
    fn line_starts_agree_with_the_rope(text in "[a\r\n中\u{2028}|\t]{0,64}") {
        let idx = LineIndex::new(&text);
        let rope = ropey::Rope::from_str(&text);
        prop_assert_eq!(idx.line_count(), rope.len_lines());
        for l in 0..rope.len_lines() {
            prop_assert_eq!(idx.line_start(l), rope.line_to_byte(l));
        }
    }
}

#[test]
fn unicode_separators_do_not_end_lines() {
    let text = "a\u{2028}b\u{2029}c\u{85}d\u{0b}e\u{0c}f";
    let idx = LineIndex::new(text);
    assert_eq!(idx.line_count(), 1);
    assert_eq!(idx.position(text, text.len(), Utf32), (0, 11));
}

#[test]
fn cjk() {
    let text = "中文\n政府";
    for (offset, expect8, expect16) in [
        (0, (0, 0), (0, 0)),
        (3, (0, 3), (0, 1)),
        (6, (0, 6), (0, 2)),
        (7, (1, 0), (1, 0)),
        (10, (1, 3), (1, 1)),
        (13, (1, 6), (1, 2)),
    ] {
        assert_eq!(pos(text, offset, Utf8), expect8, "offset {offset}");
        assert_eq!(pos(text, offset, Utf16), expect16, "offset {offset}");
        assert_eq!(pos(text, offset, Utf32), expect16, "offset {offset}");
        assert_eq!(off(text, expect8.0, expect8.1, Utf8), offset);
        assert_eq!(off(text, expect16.0, expect16.1, Utf16), offset);
        assert_eq!(off(text, expect16.0, expect16.1, Utf32), offset);
    }
    assert_eq!(utf16_len("中文"), 2);
}

#[test]
fn cjk_extension_b() {
    // U+20000: 4 bytes, 2 UTF-16 units, 1 char.
    let text = "a𠀀b";
    assert_eq!(text.len(), 6);
    assert_eq!(utf16_len(text), 4);
    assert_eq!(pos(text, 5, Utf8), (0, 5));
    assert_eq!(pos(text, 5, Utf16), (0, 3));
    assert_eq!(pos(text, 5, Utf32), (0, 2));
    assert_eq!(off(text, 0, 3, Utf16), 5);
    assert_eq!(off(text, 0, 2, Utf32), 5);
    // A UTF-16 column inside the surrogate pair rounds down to the char start.
    assert_eq!(off(text, 0, 2, Utf16), 1);
    // A UTF-8 column inside the char rounds down too.
    for col in 1..5 {
        assert_eq!(off(text, 0, col, Utf8), 1);
    }
}

#[test]
fn emoji() {
    let text = "😀x😀";
    assert_eq!(pos(text, 4, Utf16), (0, 2));
    assert_eq!(pos(text, 5, Utf16), (0, 3));
    assert_eq!(pos(text, 9, Utf16), (0, 5));
    assert_eq!(pos(text, 9, Utf32), (0, 3));
    assert_eq!(off(text, 0, 3, Utf16), 5);
    assert_eq!(off(text, 0, 4, Utf16), 5);
    assert_eq!(off(text, 0, 1, Utf16), 0);
}

#[test]
fn crlf_midpoint_is_line_end() {
    let text = "中\r\nb";
    // Offset 4 sits between CR and LF.
    for enc in ALL {
        assert_eq!(pos(text, 4, enc), pos(text, 3, enc));
        assert_eq!(pos(text, 5, enc), (1, 0));
    }
    assert_eq!(pos(text, 4, Utf16), (0, 1));
    assert_eq!(pos(text, 4, Utf8), (0, 3));
}

#[test]
fn lone_cr() {
    let text = "一\r二\r";
    let idx = LineIndex::new(text);
    assert_eq!(idx.line_count(), 3);
    assert_eq!(idx.position(text, 4, Utf16), (1, 0));
    assert_eq!(idx.position(text, 3, Utf16), (0, 1));
    assert_eq!(idx.position(text, text.len(), Utf16), (2, 0));
    assert_eq!(idx.offset(text, 1, 1, Utf16), 7);
    assert_eq!(idx.offset(text, 1, 5, Utf16), 7);
}

#[test]
fn clamp_past_line_end_and_document_end() {
    let text = "ab\r\n中文\n";
    let idx = LineIndex::new(text);
    for enc in ALL {
        // Past the end of line content → before the terminator.
        assert_eq!(idx.offset(text, 0, 100, enc), 2);
        assert_eq!(idx.offset(text, 1, 100, enc), 10);
        assert_eq!(idx.offset(text, 1, u32::MAX, enc), 10);
        // Last (empty) line.
        assert_eq!(idx.offset(text, 2, 5, enc), text.len());
        // Past the last line.
        assert_eq!(idx.offset(text, 3, 0, enc), text.len());
        assert_eq!(idx.offset(text, u32::MAX, u32::MAX, enc), text.len());
        // Offsets past the end clamp to the end.
        assert_eq!(idx.position(text, 1000, enc), (2, 0));
        assert_eq!(idx.position(text, usize::MAX, enc), (2, 0));
    }
}

#[test]
fn offsets_inside_multibyte_chars_round_down() {
    let text = "x中𠀀";
    for enc in ALL {
        assert_eq!(pos(text, 2, enc), pos(text, 1, enc));
        assert_eq!(pos(text, 3, enc), pos(text, 1, enc));
        for inside in 5..8 {
            assert_eq!(pos(text, inside, enc), pos(text, 4, enc));
        }
    }
    assert_eq!(byte_to_col("中", 2, Utf8), 0);
    assert_eq!(byte_to_col("中", 99, Utf16), 1);
}

#[test]
fn mixed() {
    let text = "第一行\t😀\r\n𠀀二\rend\n\n";
    let idx = LineIndex::new(text);
    assert_eq!(idx.line_count(), 5);
    let end_of_first = "第一行\t😀".len();
    assert_eq!(idx.position(text, end_of_first, Utf16), (0, 6));
    assert_eq!(idx.position(text, end_of_first, Utf32), (0, 5));
    assert_eq!(idx.position(text, end_of_first, Utf8), (0, 14));
    let er = text.find('二').unwrap();
    assert_eq!(idx.position(text, er, Utf16), (1, 2));
    assert_eq!(idx.position(text, er, Utf32), (1, 1));
    assert_eq!(idx.offset(text, 1, 2, Utf16), er);
    assert_eq!(idx.offset(text, 2, 3, Utf16), text.find("end").unwrap() + 3);
    assert_eq!(idx.offset(text, 3, 0, Utf16), text.len() - 1);
    assert_eq!(idx.offset(text, 4, 0, Utf16), text.len());
}

#[test]
fn mismatched_text_does_not_panic() {
    let idx = LineIndex::new("一二三\n四五六\n七八九");
    for text in ["", "中", "a\nb", "ab"] {
        for enc in ALL {
            for o in 0..30 {
                let _ = idx.position(text, o, enc);
            }
            for line in 0..5 {
                for col in 0..12 {
                    let o = idx.offset(text, line, col, enc);
                    assert!(o <= text.len() && text.is_char_boundary(o));
                }
            }
        }
    }
}

/// Reference implementation: the position of every char boundary, computed char by char.
fn naive_positions(text: &str, enc: Encoding) -> Vec<(usize, (u32, u32))> {
    let mut out = Vec::new();
    let (mut line, mut col) = (0u32, 0u32);
    let mut chars = text.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        out.push((i, (line, col)));
        match ch {
            '\r' => {
                if let Some(&(j, '\n')) = chars.peek() {
                    // The CR|LF midpoint is the end of the line.
                    out.push((j, (line, col)));
                    chars.next();
                }
                line += 1;
                col = 0;
            }
            '\n' => {
                line += 1;
                col = 0;
            }
            _ => {
                col += match enc {
                    Utf8 => ch.len_utf8() as u32,
                    Utf16 => ch.len_utf16() as u32,
                    Utf32 => 1,
                }
            }
        }
    }
    out.push((text.len(), (line, col)));
    out
}

fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", " ", "\t", "中", "文", "𠀀", "😀", "é", "\r", "\n", "\r\n", "\u{2028}",
    ]);
    prop::collection::vec(pieces, 0..48).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![tricky_text(), any::<String>()]
}

fn check_round_trip(text: &str) -> Result<(), TestCaseError> {
    let idx = LineIndex::new(text);
    let bytes = text.as_bytes();
    for enc in ALL {
        for (o, expected) in naive_positions(text, enc) {
            let p = idx.position(text, o, enc);
            prop_assert_eq!(p, expected, "offset {} enc {:?}", o, enc);
            let back = idx.offset(text, p.0, p.1, enc);
            let crlf_mid = o > 0 && bytes[o - 1] == b'\r' && bytes.get(o) == Some(&b'\n');
            let want = if crlf_mid { o - 1 } else { o };
            prop_assert_eq!(back, want, "offset {} enc {:?}", o, enc);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn position_offset_round_trip(text in any_text()) {
        check_round_trip(&text)?;
    }

    #[test]
    fn offset_never_panics(
        text in any_text(),
        line in prop_oneof![0u32..8, any::<u32>()],
        col in prop_oneof![0u32..16, any::<u32>()],
    ) {
        let idx = LineIndex::new(&text);
        for enc in ALL {
            let o = idx.offset(&text, line, col, enc);
            prop_assert!(o <= text.len());
            prop_assert!(text.is_char_boundary(o));
        }
    }

    #[test]
    fn position_rounds_down_inside_chars(text in any_text(), extra in 0usize..4) {
        let idx = LineIndex::new(&text);
        for o in 0..=text.len() + extra {
            let mut floor = o.min(text.len());
            while !text.is_char_boundary(floor) {
                floor -= 1;
            }
            for enc in ALL {
                prop_assert_eq!(idx.position(&text, o, enc), idx.position(&text, floor, enc));
            }
        }
    }
}
