//! What a table cell holds: a number (with its sign and unit), a dash, nothing, an OCR-damaged
//! or garbled number, or text.

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold_str;

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
}
