//! Ordinal markers at the start of a label or heading: `一、`, `（三）`, `3.`, `①`.

use super::numerals;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold_str;

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
}
