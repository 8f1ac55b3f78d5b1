//! Normalisation for matching: traditional→simplified, full-width→half-width, brackets,
//! quotes and whitespace folded. Matching always happens on a folded copy; the copy keeps a map
//! back to the original byte offsets so that every finding points at the user's characters.

use super::numerals;

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

/// An ordinal marker at the start of a label or heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    /// 一、
    Cn(u32),
    /// （一）
    Paren(u32),
    /// 1. 1、 (1) ①
    Num(u32),
}

/// Small Chinese ordinals (一 … 九十九), written with Chinese digits and 十 only.
fn small_cn(s: &str) -> Option<u32> {
    if !s.chars().all(numerals::is_cn_ordinal_char) {
        return None;
    }
    numerals::parse_cn_int(s)
}

/// Split a folded label into its ordinal marker and the rest (byte index into `folded`).
pub fn split_marker(folded: &str) -> (Option<Marker>, usize) {
    let mut s = folded.trim_start_matches(['#', '*', ' ', '-', '>']);
    // Word-processor artefacts such as `[bookmark: _GoBack]` before a heading.
    if let Some(inner) = s.strip_prefix('(')
        && let Some(close) = inner.find(')')
    {
        let body = &inner[..close];
        if body.contains(':') && body.is_ascii() && body.chars().any(|c| c.is_ascii_alphabetic()) {
            s = inner[close + 1..].trim_start_matches(['#', '*', ' ']);
        }
    }
    let skipped = folded.len() - s.len();
    // 一、 / 一. / 一， — Chinese numeral then a separator.
    let cn_len: usize = s
        .char_indices()
        .take_while(|(_, c)| numerals::is_cn_ordinal_char(*c))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    if cn_len > 0
        && let Some(n) = small_cn(&s[..cn_len])
    {
        let rest = &s[cn_len..];
        for sep in ['、', '.', ',', '，', ':', '：'] {
            if let Some(r) = rest.strip_prefix(sep) {
                return (Some(Marker::Cn(n)), folded.len() - r.len());
            }
        }
    }
    // (一) / (1)
    if let Some(inner) = s.strip_prefix('(')
        && let Some(close) = inner.find(')')
    {
        let body = &inner[..close];
        let after = folded.len() - inner[close + 1..].len();
        let after = skip_sep(folded, after);
        if let Some(n) = small_cn(body) {
            return (Some(Marker::Paren(n)), after);
        }
        if let Ok(n) = body.parse::<u32>()
            && n < 100
        {
            return (Some(Marker::Num(n)), after);
        }
    }
    // ①
    if let Some(c) = s.chars().next()
        && ('①'..='⑳').contains(&c)
    {
        let n = c as u32 - '①' as u32 + 1;
        return (Some(Marker::Num(n)), skipped + c.len_utf8());
    }
    // 1. 1、 1,
    let dl = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=2).contains(&dl) {
        let rest = &s[dl..];
        for sep in ['.', '、', ','] {
            if let Some(r) = rest.strip_prefix(sep)
                && !r.starts_with(|c: char| c.is_ascii_digit())
            {
                let n = s[..dl].parse().unwrap_or(0);
                return (Some(Marker::Num(n)), folded.len() - r.len());
            }
        }
    }
    (None, skipped)
}

fn skip_sep(s: &str, at: usize) -> usize {
    let rest = &s[at..];
    match rest.chars().next() {
        Some(c @ ('、' | '.' | ',')) => at + c.len_utf8(),
        _ => at,
    }
}

/// Sign and unit of a numeric cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    /// The value in the cell's own unit.
    pub value: f64,
    /// Whether the written value is integral.
    pub integral: bool,
    /// Sign written explicitly (`+3`, `减5`, `-18`).
    pub signed: bool,
    /// Unit written in the cell.
    pub unit: Unit,
}

impl Num {
    pub fn int(&self) -> Option<i64> {
        if self.integral && self.value.abs() < 1e15 {
            Some(self.value as i64)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    None,
    Yuan,
    WanYuan,
    /// 件 条 项 个 人次 …: a count word.
    Count,
}

/// What a table cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing written.
    Empty,
    /// `—`, `-`, `/`, `无`: zero in practice.
    Dash,
    Number(Num),
    /// Letters for digits (`O` for 0, `l` for 1); the likely number.
    Ocr(Num),
    /// A number glued to stray characters (`报 1`); the likely number.
    Garbled(Num),
    /// A label or other text.
    Text,
}

impl Value {
    pub fn is_value(&self) -> bool {
        !matches!(self, Value::Text)
    }
    pub fn has_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }
}

fn parse_plain_number(s: &str) -> Option<(f64, bool)> {
    // The common case: plain digits.
    if !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some((s.parse::<u64>().ok()? as f64, true));
    }
    let s: String = s.chars().filter(|c| *c != ',' && *c != '，').collect();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    if s.starts_with('.') || s.ends_with('.') || s.matches('.').count() > 1 {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    Some((v, !s.contains('.')))
}

/// Read a cell's text as a value. `folded` is the cell's folded text (no whitespace).
pub fn parse_value(folded: &str) -> Value {
    if folded.is_empty() {
        return Value::Empty;
    }
    if matches!(
        folded,
        "-" | "--" | "/" | "无" | "空" | "\\" | "…" | "——" | "---" | "-0-"
    ) {
        return Value::Dash;
    }
    // Plain digits, the common value.
    if folded.len() <= 15
        && folded.bytes().all(|b| b.is_ascii_digit())
        && let Ok(v) = folded.parse::<u64>()
    {
        return Value::Number(Num {
            value: v as f64,
            integral: true,
            signed: false,
            unit: Unit::None,
        });
    }
    // Without a digit only the OCR reading below can find a number: labels and prose end here.
    let has_digit = folded.bytes().any(|b| b.is_ascii_digit());
    let ocr_like = folded.len() <= 12 && folded.bytes().all(|b| b"OolIi|,.".contains(&b));
    if !has_digit && !ocr_like {
        return Value::Text;
    }
    let mut s = folded;
    // Sign.
    let mut neg = false;
    let mut signed = false;
    for (p, n) in [
        ("减少", true),
        ("减", true),
        ("增加", false),
        ("增", false),
        ("-", true),
        ("+", false),
    ] {
        if let Some(r) = s.strip_prefix(p)
            && r.starts_with(|c: char| c.is_ascii_digit())
        {
            s = r;
            neg = n;
            signed = true;
            break;
        }
    }
    // Unit.
    let mut unit = Unit::None;
    for (u, k) in [
        ("万元", Unit::WanYuan),
        ("元", Unit::Yuan),
        ("件", Unit::Count),
        ("条", Unit::Count),
        ("项", Unit::Count),
        ("个", Unit::Count),
        ("人次", Unit::Count),
        ("次", Unit::Count),
        ("人", Unit::Count),
    ] {
        if let Some(r) = s.strip_suffix(u)
            && r.ends_with(|c: char| c.is_ascii_digit())
        {
            s = r;
            unit = k;
            break;
        }
    }
    if let Some((v, integral)) = parse_plain_number(s) {
        return Value::Number(Num {
            value: if neg { -v } else { v },
            integral,
            signed,
            unit,
        });
    }
    // OCR: letters standing for digits, only when the whole cell is digit-like.
    if folded.len() <= 12
        && folded.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, 'O' | 'o' | 'l' | 'I' | '|' | 'i' | ',' | '.')
        })
        && folded
            .chars()
            .any(|c| !c.is_ascii_digit() && c != ',' && c != '.')
    {
        let digits: String = folded
            .chars()
            .filter(|c| *c != ',')
            .map(|c| match c {
                'O' | 'o' => '0',
                'l' | 'I' | '|' | 'i' => '1',
                c => c,
            })
            .collect();
        if let Some((v, integral)) = parse_plain_number(&digits) {
            return Value::Ocr(Num {
                value: v,
                integral,
                signed: false,
                unit: Unit::None,
            });
        }
    }
    // A number glued to one or two stray characters: `报1`, `贵0`.
    let digits: String = folded.chars().filter(|c| c.is_ascii_digit()).collect();
    let others = folded
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '.' && *c != ',')
        .count();
    if !digits.is_empty() && others <= 2 && digits.len() <= 12 {
        let tail_digits = folded
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let head_digits = folded.chars().take_while(|c| c.is_ascii_digit()).count();
        if tail_digits == digits.len()
            && head_digits == 0
            && let Ok(v) = digits.parse::<f64>()
        {
            return Value::Garbled(Num {
                value: v,
                integral: true,
                signed: false,
                unit: Unit::None,
            });
        }
    }
    Value::Text
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
    fn markers() {
        let m = |s: &str| {
            let f = fold_str(s);
            let (m, at) = split_marker(&f);
            (m, f[at..].to_string())
        };
        assert_eq!(m("一、总体情况"), (Some(Marker::Cn(1)), "总体情况".into()));
        assert_eq!(
            m("（三）不予公开"),
            (Some(Marker::Paren(3)), "不予公开".into())
        );
        assert_eq!(
            m("1.属于国家秘密"),
            (Some(Marker::Num(1)), "属于国家秘密".into())
        );
        assert_eq!(m("2、重复申请"), (Some(Marker::Num(2)), "重复申请".into()));
        assert_eq!(m("十二、其他"), (Some(Marker::Cn(12)), "其他".into()));
        assert_eq!(m("## 六、其他"), (Some(Marker::Cn(6)), "其他".into()));
        assert_eq!(m("2021年"), (None, "2021年".into()));
        assert_eq!(m("127.68"), (None, "127.68".into()));
    }

    #[test]
    fn values() {
        let n = |s: &str| match parse_value(&fold_str(s)) {
            Value::Number(n) => Some(n.value),
            _ => None,
        };
        assert_eq!(n("16"), Some(16.0));
        assert_eq!(n("１６"), Some(16.0));
        assert_eq!(n("127.68"), Some(127.68));
        assert_eq!(n("减5678"), Some(-5678.0));
        assert_eq!(n("减少2367"), Some(-2367.0));
        assert_eq!(n("+3"), Some(3.0));
        assert_eq!(n("增3"), Some(3.0));
        assert_eq!(n("-18"), Some(-18.0));
        assert_eq!(n("7237.146万元"), Some(7237.146));
        assert_eq!(n("251000元"), Some(251000.0));
        assert_eq!(n("1,036"), Some(1036.0));
        assert_eq!(parse_value(""), Value::Empty);
        assert_eq!(parse_value("/"), Value::Dash);
        assert_eq!(parse_value(&fold_str("—")), Value::Dash);
        assert_eq!(parse_value("无"), Value::Dash);
        assert!(matches!(parse_value("O"), Value::Ocr(n) if n.value == 0.0));
        assert!(matches!(parse_value("l0"), Value::Ocr(n) if n.value == 10.0));
        assert!(matches!(parse_value("报1"), Value::Garbled(n) if n.value == 1.0));
        assert_eq!(
            parse_value("I"),
            Value::Ocr(Num {
                value: 1.0,
                integral: true,
                signed: false,
                unit: Unit::None
            })
        );
        assert_eq!(parse_value("规章"), Value::Text);
        assert_eq!(parse_value("本年增/减"), Value::Text);
        assert_eq!(parse_value("2021年"), Value::Text);
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("行政事业性收到", "行政事业性收费", 2), Some(1));
        assert_eq!(distance("abc", "xyz", 2), None);
    }
}
