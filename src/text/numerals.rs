//! Chinese numerals: parsing (`十六`, `一百零五`, `壹佰`, `１６`, `二〇二二`) and rendering (`十六`).
//!
//! Used for clause references (第十六条, 第（五）项), ordinals of headings and rows, and dates
//! written in Chinese characters.

/// Value of a digit character in any of the accepted forms: ASCII, full-width, Chinese
/// (including 〇/○, 两/兩) and financial (壹贰叁…, simplified and traditional).
fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '0'..='9' => c as u32 - '0' as u32,
        '０'..='９' => c as u32 - '０' as u32,
        '零' | '〇' | '○' => 0,
        '一' | '壹' | '弌' => 1,
        '二' | '两' | '兩' | '贰' | '貳' | '弍' => 2,
        '三' | '叁' | '參' | '参' | '弎' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// A Chinese digit 一 … 九 (in any accepted form, 零 excepted) or 十: the characters of an
/// ordinal such as 二十三 (`text::fold` reads heading and row markers with it).
pub fn is_cn_ordinal_char(c: char) -> bool {
    matches!(c, '十' | '拾')
        || (!is_ascii_or_fullwidth_digit(c) && digit_value(c).is_some_and(|d| d > 0))
}

/// Small units inside a 万-section.
fn small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Large units that close a section.
fn big_unit(c: char) -> Option<u64> {
    Some(match c {
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

fn is_ascii_or_fullwidth_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Parses a cardinal number written in Chinese numerals (`十六` → 16, `二十` → 20,
/// `一百零五` → 105, `两千` → 2000, `壹佰贰拾` → 120, `三万五` → 35000) or in ASCII or
/// full-width digits (`16`, `１６`). Surrounding whitespace is ignored.
///
/// Returns `None` for empty input, for characters that are not numerals, for malformed
/// sequences (`十十`, `一二`, `百千`) and on overflow. Digit-by-digit forms such as
/// `二〇二二` are rejected here; use [`parse_cn_digits`] for them.
pub fn parse_cn_int(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(is_ascii_or_fullwidth_digit) {
        return parse_cn_digits(s);
    }

    // total: completed big sections; section: value within the current 万-section;
    // digit: a pending digit not yet multiplied by a unit.
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut digit: Option<u64> = None;
    // The last small unit applied in this section (units must strictly decrease).
    let mut last_small: u64 = u64::MAX;
    // The last big unit applied (must strictly decrease too).
    let mut last_big: u64 = u64::MAX;
    // Whether a 零 was seen since the last unit (it suppresses the 一百五 = 150 reading).
    let mut zero_gap = false;
    // The unit directly before the pending digit, for the abbreviated 一百五 = 150 reading.
    let mut unit_before_digit: Option<u64> = None;
    let mut seen_any = false;
    let mut prev_unit: Option<u64> = None;

    for c in s.chars() {
        if is_ascii_or_fullwidth_digit(c) {
            return None; // no mixing of 1 and 十
        }
        if let Some(d) = digit_value(c) {
            if d == 0 {
                // 零 is a placeholder: allowed after a unit, or as the whole number.
                if digit.is_some() {
                    return None;
                }
                zero_gap = true;
                seen_any = true;
                prev_unit = None;
                continue;
            }
            if digit.is_some() {
                return None; // two digits in a row: 一二
            }
            digit = Some(u64::from(d));
            unit_before_digit = if zero_gap { None } else { prev_unit };
            prev_unit = None;
            seen_any = true;
        } else if let Some(u) = small_unit(c) {
            if u >= last_small {
                return None; // 十百, 百百
            }
            // A bare unit means one of it: 十六 = 16; 百 alone = 100.
            let d = digit.take().unwrap_or(1);
            section += d * u;
            last_small = u;
            zero_gap = false;
            prev_unit = Some(u);
            seen_any = true;
        } else if let Some(u) = big_unit(c) {
            if u >= last_big {
                return None;
            }
            section += digit.take().unwrap_or(0);
            if section == 0 {
                if !seen_any {
                    section = 1; // 万 alone
                } else {
                    return None;
                }
            }
            total = total.checked_add(section.checked_mul(u)?)?;
            section = 0;
            last_small = u64::MAX;
            last_big = u;
            zero_gap = false;
            prev_unit = Some(u);
            seen_any = true;
        } else {
            return None;
        }
    }
    if !seen_any {
        return None;
    }
    if let Some(d) = digit {
        // 一百五 = 150, 三万五 = 35000: a trailing digit right after a unit ≥ 百 is one order below.
        match unit_before_digit {
            Some(u) if u >= 100 => section += d * (u / 10),
            _ => section += d,
        }
    }
    let value = total.checked_add(section)?;
    u32::try_from(value).ok()
}

/// Parses a number written digit by digit (`二〇二二` → 2022, `二零二一` → 2021, `2022`,
/// `２０２２`). Every character must be a single digit in any accepted form; units (十, 百, …)
/// are rejected. Surrounding whitespace is ignored. Returns `None` on empty input or overflow.
pub fn parse_cn_digits(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut value: u32 = 0;
    for c in s.chars() {
        let d = digit_value(c)?;
        value = value.checked_mul(10)?.checked_add(d)?;
    }
    Some(value)
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Renders a number below 10000 (one section); `out` gets no leading 零.
fn render_section(n: u32, out: &mut String) {
    const UNITS: [&str; 4] = ["千", "百", "十", ""];
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut started = false;
    let mut pending_zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            if started {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        out.push_str(DIGITS[d as usize]);
        out.push_str(UNITS[i]);
        started = true;
    }
}

/// Renders a number in Chinese numerals as used for article numbers and ordinals:
/// 16 → `十六`, 20 → `二十`, 56 → `五十六`, 105 → `一百零五`, 110 → `一百一十`, 0 → `零`,
/// 100000 → `十万`.
pub fn to_cn(n: u32) -> String {
    if n == 0 {
        return "零".to_string();
    }
    // Sections of four digits: 亿, 万, units.
    let sections = [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut started = false;
    let mut pending_zero = false;
    for (value, unit) in sections {
        if value == 0 {
            if started {
                pending_zero = true;
            }
            continue;
        }
        // A zero is read between sections when this section has fewer than four digits.
        if started && (pending_zero || value < 1000) {
            out.push('零');
        }
        pending_zero = false;
        render_section(value, &mut out);
        out.push_str(unit);
        started = true;
    }
    // 一十六 → 十六 at the very start (but 一百一十 keeps its 一).
    if let Some(rest) = out.strip_prefix("一十") {
        out = format!("十{rest}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_small_chinese_numbers() {
        let cases = [
            ("一", 1),
            ("九", 9),
            ("十", 10),
            ("十一", 11),
            ("十六", 16),
            ("二十", 20),
            ("二十一", 21),
            ("五十六", 56),
            ("九十九", 99),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("一百十", 110),
            ("一百五", 150),
            ("两百", 200),
            ("一千零一十", 1010),
            ("一千零五", 1005),
            ("两千零二十二", 2022),
            ("三万五", 35000),
            ("三万五千", 35000),
            ("十万", 100_000),
            ("一万零一", 10001),
            ("一亿零五", 100_000_005),
            ("零", 0),
            ("〇", 0),
        ];
        for (s, n) in cases {
            assert_eq!(parse_cn_int(s), Some(n), "{s}");
        }
    }

    #[test]
    fn parses_financial_and_traditional_forms() {
        assert_eq!(parse_cn_int("壹拾陆"), Some(16));
        assert_eq!(parse_cn_int("贰拾"), Some(20));
        assert_eq!(parse_cn_int("貳拾"), Some(20));
        assert_eq!(parse_cn_int("伍拾陸"), Some(56));
        assert_eq!(parse_cn_int("壹佰零伍"), Some(105));
        assert_eq!(parse_cn_int("參仟"), Some(3000));
        assert_eq!(parse_cn_int("叁萬"), Some(30000));
        assert_eq!(parse_cn_int("兩百"), Some(200));
        assert_eq!(parse_cn_int("玖仟玖佰玖拾玖"), Some(9999));
    }

    #[test]
    fn parses_ascii_and_fullwidth_digits() {
        assert_eq!(parse_cn_int("16"), Some(16));
        assert_eq!(parse_cn_int("１６"), Some(16));
        assert_eq!(parse_cn_int(" 56 "), Some(56));
        assert_eq!(parse_cn_int("0"), Some(0));
        assert_eq!(parse_cn_int("4294967295"), Some(u32::MAX));
        assert_eq!(parse_cn_int("4294967296"), None);
    }

    #[test]
    fn rejects_malformed_numbers() {
        for s in [
            "",
            " ",
            "十十",
            "一二",
            "百千",
            "十百",
            "abc",
            "十a",
            "1十",
            "五零",
            "万万",
            "零万",
            "二〇二二",
            "第十",
        ] {
            assert_eq!(parse_cn_int(s), None, "{s:?}");
        }
        assert_eq!(parse_cn_int("九十亿"), None, "overflows u32");
    }

    #[test]
    fn parses_digit_by_digit_years() {
        assert_eq!(parse_cn_digits("二〇二二"), Some(2022));
        assert_eq!(parse_cn_digits("二零二一"), Some(2021));
        assert_eq!(parse_cn_digits("二○一九"), Some(2019));
        assert_eq!(parse_cn_digits("2022"), Some(2022));
        assert_eq!(parse_cn_digits("２０２２"), Some(2022));
        assert_eq!(parse_cn_digits("贰零贰叁"), Some(2023));
        assert_eq!(parse_cn_digits("二十"), None);
        assert_eq!(parse_cn_digits(""), None);
        assert_eq!(parse_cn_digits("99999999999"), None);
    }

    #[test]
    fn renders_chinese_numbers() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (16, "十六"),
            (20, "二十"),
            (56, "五十六"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1000, "一千"),
            (1005, "一千零五"),
            (1010, "一千零一十"),
            (2022, "二千零二十二"),
            (10_000, "一万"),
            (10_001, "一万零一"),
            (10_100, "一万零一百"),
            (100_000, "十万"),
            (120_000, "十二万"),
            (1_000_010, "一百万零一十"),
            (100_000_005, "一亿零五"),
            (101_000_000, "一亿零一百万"),
        ];
        for (n, s) in cases {
            assert_eq!(to_cn(n), s, "{n}");
        }
    }

    #[test]
    fn round_trips() {
        for n in (0..=20_000).chain([99_999, 100_001, 1_234_567, 987_654_321, u32::MAX]) {
            assert_eq!(parse_cn_int(&to_cn(n)), Some(n), "{n} → {}", to_cn(n));
        }
    }
}
