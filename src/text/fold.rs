//! Normalisation for matching: traditional→simplified, full-width→half-width, brackets,
//! quotes and whitespace folded. Matching always happens on a folded copy; the copy keeps a map
//! back to the original byte offsets so that every finding points at the user's characters.

pub use super::marker::{Marker, split_marker};
pub use super::value::{Num, Unit, Value, parse_value};

/// Fold one character (after traditional→simplified). `None` drops it.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        // The common case (digits, pipes, Markdown) without the classes below.
        return match c {
            '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '"' | '\'' => None,
            '[' => Some('('),
            ']' => Some(')'),
            _ => Some(c),
        };
    }
    // Full-width ASCII block first, then the classes below.
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    let c = match c {
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{FEFF}' => ' ',
        '〔' | '【' | '[' | '〈' | '［' => '(',
        '〕' | '】' | ']' | '〉' | '］' => ')',
        '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '『' | '』' => return None,
        '−' | '—' | '–' | '─' | '―' => '-',
        // Variants folded for label matching (复 has three traditional sources).
        '複' | '復' | '覆' => '复',
        '檔' => '档',
        '臺' | '颱' => '台',
        '於' => '于',
        '為' => '为',
        _ => c,
    };
    if c.is_whitespace() { None } else { Some(c) }
}

/// A folded copy of a slice with a map back to the original offsets.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// `map[i]` is the byte offset (relative to the input) of the original character that
    /// produced folded byte `i`; `map[text.len()]` is the input's length.
    pub map: Vec<u32>,
}

impl Folded {
    /// The original range (relative to the input) covering folded bytes `a..b`.
    pub fn orig(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let start = self.map[a.min(self.text.len())] as usize;
        let end = if b == 0 {
            start
        } else {
            // End of the original char that produced the last folded byte.
            let last = self.map[(b - 1).min(self.text.len())] as usize;
            let next = self.map[b.min(self.text.len())] as usize;
            next.max(last + 1)
        };
        start..end.max(start)
    }
}

/// Every traditional character the converter knows lies in this block of the CJK ideographs.
const T2S_FIRST: u32 = 0x4E00;
const T2S_LAST: u32 = 0x9FFF;

/// The converter's character mapping as a flat table over `T2S_FIRST..=T2S_LAST` (0: unchanged).
///
/// `fast2s::convert` looks every character up in a hash map and allocates a new string; a
/// table lookup per character is several times faster. The table is read off the converter
/// once: every character of the block, each between spaces so that no two-character context
/// applies (label matching wants the plain character mapping).
fn t2s_table() -> &'static [u16] {
    static TABLE: std::sync::OnceLock<Box<[u16]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = (T2S_FIRST..=T2S_LAST).filter_map(char::from_u32).collect();
        let mut src = String::with_capacity(chars.len() * 4);
        for c in &chars {
            src.push(*c);
            src.push(' ');
        }
        let out = fast2s::convert(&src);
        let mut table = vec![0u16; (T2S_LAST - T2S_FIRST + 1) as usize];
        for (from, to) in src.chars().zip(out.chars()).step_by(2) {
            if from != to
                && let Ok(to) = u16::try_from(to as u32)
            {
                table[(from as u32 - T2S_FIRST) as usize] = to;
            }
        }
        table.into_boxed_slice()
    })
}

/// Traditional → simplified for one character.
#[inline]
pub fn t2s_char(c: char) -> char {
    let cp = c as u32;
    if (T2S_FIRST..=T2S_LAST).contains(&cp) {
        let to = t2s_table()[(cp - T2S_FIRST) as usize];
        if to != 0 {
            return char::from_u32(u32::from(to)).unwrap_or(c);
        }
    }
    c
}

/// Traditional → simplified for a whole string; char count is preserved (1:1).
pub fn t2s(s: &str) -> String {
    s.chars().map(t2s_char).collect()
}

/// `fold_char(t2s_char(c))` for every BMP character below U+FFFF, as one table lookup
/// (`DROPPED`: the character is removed). Folding is the parser's inner loop.
fn fold_table() -> &'static [u16] {
    static TABLE: std::sync::OnceLock<Box<[u16]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0xFFFFu32)
            .map(|cp| match char::from_u32(cp) {
                Some(c) => fold_char(t2s_char(c)).map_or(DROPPED, |f| {
                    u16::try_from(f as u32).expect("BMP characters fold into the BMP")
                }),
                None => cp as u16, // surrogates never occur in a str
            })
            .collect()
    })
}

const DROPPED: u16 = 0xFFFF;

/// Traditional→simplified, then `fold_char`, through the table.
#[inline]
fn fold_one(table: &[u16], c: char) -> Option<char> {
    match table.get(c as usize) {
        Some(&DROPPED) => None,
        Some(&f) => char::from_u32(u32::from(f)),
        None => fold_char(t2s_char(c)),
    }
}

/// Fold `s` for matching, removing all whitespace, keeping the offset map.
pub fn fold(s: &str) -> Folded {
    let table = fold_table();
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (off, c) in s.char_indices() {
        if let Some(f) = fold_one(table, c) {
            let n = f.len_utf8();
            text.push(f);
            map.extend(std::iter::repeat_n(off as u32, n));
        }
    }
    map.push(s.len() as u32);
    Folded { text, map }
}

/// Fold without keeping the map.
pub fn fold_str(s: &str) -> String {
    let table = fold_table();
    let mut out = String::with_capacity(s.len());
    // Most characters fold to themselves: copy unchanged runs whole. One- and three-byte UTF-8
    // sequences (ASCII, CJK) are looked up straight from their bytes.
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let (cp, len) = match b[i] {
            x if x < 0x80 => (u32::from(x), 1),
            x if x & 0xF0 == 0xE0 => (
                u32::from(x & 0x0F) << 12
                    | u32::from(b[i + 1] & 0x3F) << 6
                    | u32::from(b[i + 2] & 0x3F),
                3,
            ),
            _ => {
                let c = s[i..].chars().next().expect("char boundary");
                (c as u32, c.len_utf8())
            }
        };
        if table.get(cp as usize).is_some_and(|&f| u32::from(f) == cp) {
            i += len;
            continue;
        }
        out.push_str(&s[run..i]);
        let c = s[i..].chars().next().expect("char boundary");
        if let Some(f) = fold_one(table, c) {
            out.push(f);
        }
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
    out
}

/// A CJK ideograph (or 〇).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || c == '〇'
}

/// The matching key of a label: only CJK ideographs and ASCII letters/digits of the folded
/// text, with the converter's phrase artefacts repaired (规范性档案 → 规范性文件, 资讯 → 信息).
pub fn key(s: &str) -> String {
    let folded = fold_str(s);
    key_of_folded(&folded)
}

pub fn key_of_folded(folded: &str) -> String {
    let mut k: String = folded
        .chars()
        .filter(|c| is_cjk(*c) || c.is_ascii_alphanumeric())
        .collect();
    // Only keys holding one of these characters can need a repair.
    if !k.contains(['档', '讯', '站']) {
        return k;
    }
    for (from, to) in [
        ("规范性档案", "规范性文件"),
        ("资讯", "信息"),
        ("讯息", "信息"),
        ("入口网站", "门户网站"),
    ] {
        if k.contains(from) {
            k = k.replace(from, to);
        }
    }
    k
}

pub fn has_cjk(s: &str) -> bool {
    s.chars().any(is_cjk)
}

pub fn cjk_count(s: &str) -> usize {
    s.chars().filter(|c| is_cjk(*c)).count()
}

/// Levenshtein distance over chars, bounded: returns `None` when above `max`.
pub fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.chars().count().abs_diff(b.chars().count()) > max {
        return None;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= max).then_some(prev[b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_and_width() {
        assert_eq!(
            fold_str("三、收到和處理政府信息公開申請情況"),
            "三、收到和处理政府信息公开申请情况"
        );
        assert_eq!(fold_str("（一）予以公开"), "(一)予以公开");
        assert_eq!(fold_str("１．属于 国家秘密"), "1.属于国家秘密");
        assert_eq!(fold_str("行政複議"), "行政复议");
    }

    proptest::proptest! {
        /// The byte-level fast path folds like the plain definition, on any text.
        #[test]
        fn fold_str_is_the_plain_definition(s in "(?s).{0,40}|[ 　a１貴陽\t\r\n“”𠀀😀（）【】]{0,40}") {
            let plain: String = s.chars().filter_map(|c| fold_char(t2s_char(c))).collect();
            proptest::prop_assert_eq!(fold_str(&s), plain);
            proptest::prop_assert_eq!(fold(&s).text, fold_str(&s));
        }
    }

    #[test]
    fn fold_table_is_fold_char_of_t2s() {
        let table = fold_table();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(fold_one(table, c), fold_char(t2s_char(c)), "{c:?}");
        }
    }

    #[test]
    fn t2s_table_agrees_with_the_converter() {
        let trad = "貴陽市人民政府辦公廳關於政府資訊公開工作年度報告的說明，數據統計總計";
        assert_eq!(t2s(trad), fast2s::convert(trad));
        assert_eq!(
            t2s(trad),
            "贵阳市人民政府办公厅关于政府资讯公开工作年度报告的说明，数据统计总计"
        );
        // Outside the table: unchanged, one character for one.
        for s in ["abc 123 |", "𠀀𪚥", "😀", "ｘ　"] {
            assert_eq!(t2s(s), s);
        }
        // The mapping preserves the character count everywhere.
        let all: String = (0x4E00..=0x9FFF).filter_map(char::from_u32).collect();
        assert_eq!(t2s(&all).chars().count(), all.chars().count());
    }

    #[test]
    fn fold_maps_back() {
        let s = "一、 總體\u{3000}情況";
        let f = fold(s);
        assert_eq!(f.text, "一、总体情况");
        let i = f.text.find("情况").unwrap();
        let r = f.orig(i, f.text.len());
        assert_eq!(&s[r], "情況");
    }

    #[test]
    fn keys() {
        assert_eq!(key("3.危及“三安全一稳定”"), key("3、危及「三安全一穩定」"));
        assert_eq!(key("行政規範性檔案"), "行政规范性文件");
        assert_eq!(
            key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            key("(二)部分公开(区分处理的,只计这一情形,不计其他情形)")
        );
    }
    #[test]
    fn edit_distance() {
        assert_eq!(distance("行政事业性收到", "行政事业性收费", 2), Some(1));
        assert_eq!(distance("abc", "xyz", 2), None);
    }
}
