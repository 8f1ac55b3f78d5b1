//! List numbering (`word/numbering.xml`): the labels Word and WPS generate for numbered
//! paragraphs — `一、`, `（一）`, `1.` — which are not in the text of the document.
//!
//! A numbered paragraph names a numbering instance (`w:num`, by `w:numId`) and a level
//! (`w:ilvl`, 0–8). The instance points to an abstract definition (`w:abstractNum`) whose levels
//! (`w:lvl`) give the start value, the number format (`w:numFmt`), the label template
//! (`w:lvlText`, `%1` … `%9` standing for the levels' current values) and when the level
//! restarts; an instance may override a level's start (`w:startOverride`) or the whole level.
//!
//! Counters are kept per abstract definition and level, as Word does: instances of one
//! definition continue each other's numbering, and an instance overriding a start restarts that
//! level the first time it is used.

use super::{attr, on, skip, val};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};

/// Levels of a list (`w:ilvl` 0–8).
const LEVELS: usize = 9;
/// Longest label template kept (`w:lvlText`, in bytes): Word allows 255 characters; a longer
/// one gives no label.
const MAX_LVL_TEXT: usize = 1024;

/// A number format (`w:numFmt`), the ones with their own rendering; the others are decimal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Fmt {
    #[default]
    Decimal,
    DecimalZero,
    DecimalParen,
    DecimalFullStop,
    DecimalCircle,
    DecimalFullWidth,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    Ordinal,
    Hex,
    /// 一 … 十、十一 … 九十九, then digit by digit (`chineseCounting`, `taiwaneseCounting`).
    CnCounting,
    /// 一 … 十、十一 … 一百零一 … 一千 … (`chineseCountingThousand`, `japaneseCounting`,
    /// `taiwaneseCountingThousand`).
    CnThousand,
    /// 壹 … 壹拾 … (`chineseLegalSimplified`).
    CnLegal,
    /// 壹 … 壹拾 … in traditional characters (`ideographLegalTraditional`).
    CnLegalTraditional,
    /// Digit by digit: 一〇 (`ideographDigital`, `taiwaneseDigital`, …).
    CnDigital,
    /// 甲乙丙丁 … (`ideographTraditional`).
    Stems,
    /// 子丑寅卯 … (`ideographZodiac`).
    Branches,
    /// ㊀㊁㊂ … (`ideographEnclosedCircle`).
    IdeographCircle,
    /// A bullet: the level has no number.
    Bullet,
    /// No number (`none`).
    None,
}

impl Fmt {
    /// The format named by a `w:numFmt` value; `None` for `custom` (Word 2010 writes a custom
    /// format in an `mc:Choice` whose `mc:Fallback` holds a standard one).
    fn from_name(name: &str) -> Option<Fmt> {
        Some(match name {
            "custom" => return None,
            "decimalZero" => Fmt::DecimalZero,
            "decimalEnclosedParen" => Fmt::DecimalParen,
            "decimalEnclosedFullstop" => Fmt::DecimalFullStop,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Fmt::DecimalCircle,
            "decimalFullWidth" | "decimalFullWidth2" => Fmt::DecimalFullWidth,
            "upperLetter" => Fmt::UpperLetter,
            "lowerLetter" => Fmt::LowerLetter,
            "upperRoman" => Fmt::UpperRoman,
            "lowerRoman" => Fmt::LowerRoman,
            "ordinal" => Fmt::Ordinal,
            "hex" => Fmt::Hex,
            "chineseCounting" | "taiwaneseCounting" => Fmt::CnCounting,
            "chineseCountingThousand" | "japaneseCounting" | "taiwaneseCountingThousand" => {
                Fmt::CnThousand
            }
            "chineseLegalSimplified" => Fmt::CnLegal,
            "ideographLegalTraditional" => Fmt::CnLegalTraditional,
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
                Fmt::CnDigital
            }
            "ideographTraditional" => Fmt::Stems,
            "ideographZodiac" => Fmt::Branches,
            "ideographEnclosedCircle" => Fmt::IdeographCircle,
            "bullet" => Fmt::Bullet,
            "none" => Fmt::None,
            _ => Fmt::Decimal,
        })
    }
}

/// What separates the label from the paragraph's text (`w:suff`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of a list definition (`w:lvl`).
#[derive(Clone, Debug, Default)]
struct Level {
    /// Defined in the file (a level missing from its definition has no label).
    defined: bool,
    /// `w:start` (0 when absent, as the standard says).
    start: u32,
    fmt: Fmt,
    /// `w:lvlText`; `None` when absent or too long: no label.
    text: Option<String>,
    /// `w:lvlRestart`: `None` restarts after any higher level, `Some(0)` never, `Some(k)` after
    /// levels 1..=k (1-based).
    restart: Option<u32>,
    /// `w:isLgl`: every number of the label in decimal.
    legal: bool,
    suffix: Suffix,
    /// `w:pStyle`: the paragraph style linked to this level.
    style: Option<String>,
    /// `w:vanish` in the level's run properties: the label is hidden.
    hidden: bool,
}

/// An abstract list definition (`w:abstractNum`).
#[derive(Clone, Debug, Default)]
struct Abstract {
    levels: [Level; LEVELS],
    /// `w:numStyleLink`: the levels are those of the list style of this id.
    style_link: Option<String>,
}

/// An override of one level in a numbering instance (`w:lvlOverride`).
#[derive(Clone, Debug, Default)]
struct Override {
    ilvl: usize,
    start: Option<u32>,
    level: Option<Level>,
}

/// A numbering instance (`w:num`).
#[derive(Clone, Debug, Default)]
struct Num {
    abs: u32,
    overrides: Vec<Override>,
}

impl Num {
    fn level<'a>(&'a self, abs: &'a Abstract, k: usize) -> &'a Level {
        self.overrides
            .iter()
            .find(|o| o.ilvl == k)
            .and_then(|o| o.level.as_ref())
            .unwrap_or(&abs.levels[k])
    }
}

/// The list definitions of a document.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<u32, Abstract>,
    nums: HashMap<u32, Num>,
}

/// Where a `w:lvl` being read goes.
enum LevelHome {
    Abstract,
    Override,
}

fn number<T: std::str::FromStr>(e: &BytesStart<'_>, name: &str) -> Option<T> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

impl Numbering {
    /// Read `numbering.xml`. `list_styles` maps the ids of the numbering styles of
    /// `styles.xml` to their `w:numId` (a definition with `w:numStyleLink` takes its levels from
    /// there). A damaged part gives no numbering at all: wrong labels would be worse than none.
    pub(super) fn parse(xml: &str, list_styles: &HashMap<String, u32>) -> Numbering {
        let mut n = Numbering::default();
        if n.read(xml).is_err() {
            return Numbering::default();
        }
        n.link_styles(list_styles);
        n
    }

    /// Whether no paragraph can be numbered.
    pub(super) fn is_empty(&self) -> bool {
        self.nums.is_empty()
    }

    /// Read the definitions; an error for damaged XML, also for a part cut short.
    fn read(&mut self, xml: &str) -> Result<(), quick_xml::Error> {
        let mut r = Reader::from_str(xml);
        // Elements open (those skipped whole apart).
        let mut depth = 0usize;
        let mut abs: Option<(u32, Abstract)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut over: Option<Override> = None;
        let mut level: Option<(usize, Level, LevelHome)> = None;
        loop {
            let (e, start) = match r.read_event()? {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    match e.local_name().as_ref() {
                        "lvl" => match level.take() {
                            Some((k, l, LevelHome::Abstract)) => {
                                if let Some((_, a)) = abs.as_mut() {
                                    a.levels[k] = l;
                                }
                            }
                            Some((_, l, LevelHome::Override)) => {
                                if let Some(o) = over.as_mut() {
                                    o.level = Some(l);
                                }
                            }
                            None => {}
                        },
                        "lvlOverride" => {
                            if let (Some(o), Some((_, n))) = (over.take(), num.as_mut()) {
                                n.overrides.retain(|x| x.ilvl != o.ilvl);
                                n.overrides.push(o);
                            }
                        }
                        "abstractNum" => {
                            if let Some((id, a)) = abs.take() {
                                self.abstracts.insert(id, a);
                            }
                        }
                        "num" => {
                            if let Some((id, n)) = num.take() {
                                self.nums.insert(id, n);
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Event::Eof if depth == 0 => return Ok(()),
                Event::Eof => {
                    return Err(quick_xml::Error::IllFormed(
                        quick_xml::errors::IllFormedError::MissingEndTag("numbering".into()),
                    ));
                }
                _ => continue,
            };
            if start {
                depth += 1;
            }
            let local = e.local_name();
            let name = local.as_ref();
            match name {
                "abstractNum" if start => {
                    abs = number(&e, "abstractNumId").map(|id| (id, Abstract::default()));
                }
                "num" if start => {
                    num = number(&e, "numId").map(|id| (id, Num::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, n)), Some(v)) = (num.as_mut(), number(&e, "val")) {
                        n.abs = v;
                    }
                }
                "lvlOverride" if start => {
                    over = number::<usize>(&e, "ilvl")
                        .filter(|&k| k < LEVELS)
                        .map(|ilvl| Override {
                            ilvl,
                            ..Override::default()
                        });
                }
                "startOverride" => {
                    if let Some(o) = over.as_mut() {
                        o.start = number(&e, "val");
                    }
                }
                "lvl" if start => {
                    let home = if over.is_some() {
                        LevelHome::Override
                    } else if abs.is_some() {
                        LevelHome::Abstract
                    } else {
                        skip(&mut r, e.name())?;
                        depth -= 1;
                        continue;
                    };
                    // In an override the level is the override's, whatever its `w:ilvl`.
                    let k = match &over {
                        Some(o) => Some(o.ilvl),
                        None => number::<usize>(&e, "ilvl").filter(|&k| k < LEVELS),
                    };
                    match k {
                        Some(k) => {
                            let l = Level {
                                defined: true,
                                ..Level::default()
                            };
                            level = Some((k, l, home));
                        }
                        None => {
                            skip(&mut r, e.name())?;
                            depth -= 1;
                            continue;
                        }
                    }
                }
                "numStyleLink" => {
                    if let Some((_, a)) = abs.as_mut() {
                        a.style_link = val(&e).map(|v| v.into_owned());
                    }
                }
                // Paragraph properties of a level (indents, tabs), pictures of bullets, the
                // former properties of a tracked change.
                "pPr" | "numPicBullet" | "rPrChange" | "pPrChange" if start => {
                    skip(&mut r, e.name())?;
                    depth -= 1;
                    continue;
                }
                _ => {
                    if let Some((_, l, _)) = level.as_mut() {
                        level_property(l, name, &e);
                    }
                }
            }
        }
    }

    /// Point the definitions that take their levels from a list style (`w:numStyleLink`) at
    /// the definition that style uses (one step: the style's definition holds the levels).
    fn link_styles(&mut self, list_styles: &HashMap<String, u32>) {
        if list_styles.is_empty() {
            return;
        }
        let target = |abs: &Abstract| -> Option<u32> {
            let num_id = list_styles.get(abs.style_link.as_deref()?)?;
            Some(self.nums.get(num_id)?.abs)
        };
        let links: HashMap<u32, u32> = self
            .abstracts
            .iter()
            .filter_map(|(&id, a)| Some((id, target(a)?)))
            .filter(|(id, t)| id != t && self.abstracts.contains_key(t))
            .collect();
        for n in self.nums.values_mut() {
            if let Some(&t) = links.get(&n.abs) {
                n.abs = t;
            }
        }
    }
}

fn level_property(l: &mut Level, name: &str, e: &BytesStart<'_>) {
    match name {
        "start" => l.start = number(e, "val").unwrap_or(0),
        "numFmt" => {
            if let Some(f) = val(e).and_then(|v| Fmt::from_name(v.trim())) {
                l.fmt = f;
            }
        }
        "lvlText" => {
            l.text = val(e)
                .filter(|v| v.len() <= MAX_LVL_TEXT)
                .and_then(|v| quick_xml::escape::unescape(&v).ok().map(|t| t.into_owned()));
        }
        "lvlRestart" => l.restart = number(e, "val"),
        "isLgl" => l.legal = on(e),
        "suff" => {
            l.suffix = match val(e).as_deref() {
                Some("space") => Suffix::Space,
                Some("nothing") => Suffix::Nothing,
                _ => Suffix::Tab,
            }
        }
        "pStyle" => l.style = val(e).map(|v| v.into_owned()),
        "vanish" | "specVanish" => l.hidden = on(e),
        _ => {}
    }
}

/// The counters of one abstract definition.
#[derive(Default)]
struct Counters {
    /// Current value of each level; `None` until used since its last restart.
    cur: [Option<u32>; LEVELS],
    /// A start override waiting for the level's next use.
    pending: [Option<u32>; LEVELS],
}

/// Numbering the paragraphs of a document in order.
pub(super) struct Lists {
    defs: Numbering,
    counters: HashMap<u32, Counters>,
    /// Instances used so far (their start overrides are applied on first use).
    used: HashSet<u32>,
}

/// A paragraph's generated label.
pub(super) struct Label {
    pub text: String,
    pub suffix: Suffix,
}

impl Lists {
    pub(super) fn new(defs: Numbering) -> Lists {
        Lists {
            defs,
            counters: HashMap::new(),
            used: HashSet::new(),
        }
    }

    /// Count the next paragraph of instance `num_id` at level `ilvl` (when not given: the level
    /// linked to the paragraph's style `style`, else 0) and give its label: `None` for an
    /// unknown instance, a bullet, a level without number text or a hidden one.
    pub(super) fn next(
        &mut self,
        num_id: u32,
        ilvl: Option<u8>,
        style: Option<&str>,
    ) -> Option<Label> {
        let num = self.defs.nums.get(&num_id)?;
        let abs = self.defs.abstracts.get(&num.abs)?;
        let l = match ilvl {
            Some(k) => usize::from(k).min(LEVELS - 1),
            None => style
                .and_then(|s| (0..LEVELS).find(|&k| num.level(abs, k).style.as_deref() == Some(s)))
                .unwrap_or(0),
        };
        let c = self.counters.entry(num.abs).or_default();
        if self.used.insert(num_id) {
            for o in &num.overrides {
                if let Some(s) = o.start {
                    c.cur[o.ilvl] = None;
                    c.pending[o.ilvl] = Some(s);
                }
            }
        }
        let level = num.level(abs, l);
        c.cur[l] = Some(match c.cur[l] {
            Some(v) => v.saturating_add(1),
            None => c.pending[l].take().unwrap_or(level.start),
        });
        for m in l + 1..LEVELS {
            let restarts = match num.level(abs, m).restart {
                None => true,
                Some(k) => l < k as usize,
            };
            if restarts {
                c.cur[m] = None;
            }
        }
        if !level.defined || level.hidden || matches!(level.fmt, Fmt::Bullet | Fmt::None) {
            return None;
        }
        let template = level.text.as_deref()?;
        let mut text = String::with_capacity(template.len() + 8);
        let mut chars = template.chars();
        while let Some(ch) = chars.next() {
            if ch == '%'
                && let Some(d) = chars.clone().next().and_then(|d| d.to_digit(10))
                && (1..=LEVELS as u32).contains(&d)
            {
                chars.next();
                let k = d as usize - 1;
                if k > l {
                    // A deeper level than the paragraph's has no value here.
                    continue;
                }
                // A higher level never used counts as 0 (Word shows "0.1").
                let v = c.cur[k].unwrap_or(0);
                let fmt = match num.level(abs, k).fmt {
                    Fmt::Bullet | Fmt::None => continue,
                    _ if level.legal => Fmt::Decimal,
                    f => f,
                };
                format(fmt, v, &mut text);
            } else {
                text.push(ch);
            }
        }
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        Some(Label {
            text: text.to_string(),
            suffix: level.suffix,
        })
    }
}

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CN_LEGAL_TRAD: [char; 10] = ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'];

/// Write `n` in format `fmt`; values a format cannot show are written in decimal.
fn format(fmt: Fmt, n: u32, out: &mut String) {
    use std::fmt::Write as _;
    let done = match fmt {
        Fmt::Decimal | Fmt::Bullet | Fmt::None => false,
        Fmt::DecimalZero => {
            let _ = write!(out, "{n:02}");
            true
        }
        Fmt::DecimalParen => {
            let _ = write!(out, "({n})");
            true
        }
        Fmt::DecimalFullStop => {
            let _ = write!(out, "{n}.");
            true
        }
        Fmt::DecimalCircle => match n {
            1..=20 => push_offset(out, 0x2460, n - 1),
            21..=35 => push_offset(out, 0x3251, n - 21),
            36..=50 => push_offset(out, 0x32B1, n - 36),
            _ => false,
        },
        Fmt::DecimalFullWidth => {
            for d in n.to_string().bytes() {
                push_offset(out, 0xFF10, u32::from(d - b'0'));
            }
            true
        }
        Fmt::UpperLetter | Fmt::LowerLetter if (1..=780).contains(&n) => {
            let base = if fmt == Fmt::UpperLetter { b'A' } else { b'a' };
            let c = char::from(base + ((n - 1) % 26) as u8);
            for _ in 0..(n - 1) / 26 + 1 {
                out.push(c);
            }
            true
        }
        Fmt::UpperRoman | Fmt::LowerRoman if (1..4000).contains(&n) => {
            roman(n, fmt == Fmt::LowerRoman, out);
            true
        }
        Fmt::Ordinal => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            let _ = write!(out, "{n}{suffix}");
            true
        }
        Fmt::Hex => {
            let _ = write!(out, "{n:X}");
            true
        }
        Fmt::CnCounting if n < 100 => cn_positional(n, &CN_DIGITS, ['十', '百', '千'], true, out),
        Fmt::CnCounting | Fmt::CnDigital => {
            for d in n.to_string().bytes() {
                out.push(CN_DIGITS[usize::from(d - b'0')]);
            }
            true
        }
        Fmt::CnThousand => cn_positional(n, &CN_DIGITS, ['十', '百', '千'], true, out),
        Fmt::CnLegal => cn_positional(n, &CN_LEGAL, ['拾', '佰', '仟'], false, out),
        Fmt::CnLegalTraditional => cn_positional(n, &CN_LEGAL_TRAD, ['拾', '佰', '仟'], false, out),
        Fmt::Stems => pick(out, "甲乙丙丁戊己庚辛壬癸", n),
        Fmt::Branches => pick(out, "子丑寅卯辰巳午未申酉戌亥", n),
        Fmt::IdeographCircle => (1..=10).contains(&n) && push_offset(out, 0x3280, n - 1),
        _ => false,
    };
    if !done {
        let _ = write!(out, "{n}");
    }
}

fn push_offset(out: &mut String, base: u32, k: u32) -> bool {
    match char::from_u32(base + k) {
        Some(c) => {
            out.push(c);
            true
        }
        None => false,
    }
}

/// The `n`-th (1-based) character of `chars`.
fn pick(out: &mut String, chars: &str, n: u32) -> bool {
    match n.checked_sub(1).and_then(|k| chars.chars().nth(k as usize)) {
        Some(c) => {
            out.push(c);
            true
        }
        None => false,
    }
}

fn roman(mut n: u32, lower: bool, out: &mut String) {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    for (v, s) in TABLE {
        while n >= v {
            if lower {
                out.push_str(&s.to_ascii_lowercase());
            } else {
                out.push_str(s);
            }
            n -= v;
        }
    }
}

/// Write `n` (below 100 000 000) as a Chinese number with place units: 十一, 一百零一,
/// 一万零二十. With `short_ten`, 10–19 drop the leading one (十一, not 一十一).
fn cn_positional(
    n: u32,
    digits: &[char; 10],
    units: [char; 3],
    short_ten: bool,
    out: &mut String,
) -> bool {
    if n >= 100_000_000 {
        return false;
    }
    if n == 0 {
        out.push(digits[0]);
        return true;
    }
    let (high, low) = (n / 10_000, n % 10_000);
    if high > 0 {
        below_10000(high, digits, units, short_ten, out);
        out.push('万');
        if low > 0 {
            if low < 1000 {
                out.push('零');
            }
            below_10000(low, digits, units, false, out);
        }
    } else {
        below_10000(low, digits, units, short_ten, out);
    }
    true
}

/// `n` in 1..10 000.
fn below_10000(n: u32, digits: &[char; 10], units: [char; 3], short_ten: bool, out: &mut String) {
    let places = [
        (n / 1000, Some(units[2])),
        (n / 100 % 10, Some(units[1])),
        (n / 10 % 10, Some(units[0])),
        (n % 10, None),
    ];
    let mut started = false;
    let mut zero = false;
    for (i, (d, unit)) in places.into_iter().enumerate() {
        if d == 0 {
            zero |= started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // 十一, not 一十一, when the number starts with its tens.
        if !(short_ten && i == 2 && d == 1 && !started) {
            out.push(digits[d as usize]);
        }
        if let Some(u) = unit {
            out.push(u);
        }
        started = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(fmt: Fmt, n: u32) -> String {
        let mut s = String::new();
        format(fmt, n, &mut s);
        s
    }

    #[test]
    fn chinese_numbers() {
        let counting: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 99, 100, 105]
            .iter()
            .map(|&n| f(Fmt::CnCounting, n))
            .collect();
        assert_eq!(
            counting,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "一〇〇",
                "一〇五"
            ]
        );
        let thousand: Vec<String> = [
            10, 15, 100, 101, 110, 1000, 1004, 1010, 10_000, 10_020, 120_305,
        ]
        .iter()
        .map(|&n| f(Fmt::CnThousand, n))
        .collect();
        assert_eq!(
            thousand,
            [
                "十",
                "十五",
                "一百",
                "一百零一",
                "一百一十",
                "一千",
                "一千零四",
                "一千零一十",
                "一万",
                "一万零二十",
                "十二万零三百零五"
            ]
        );
        assert_eq!(f(Fmt::CnLegal, 12), "壹拾贰");
        assert_eq!(f(Fmt::CnDigital, 10), "一〇");
        assert_eq!(f(Fmt::Stems, 3), "丙");
        assert_eq!(f(Fmt::Stems, 11), "11");
        assert_eq!(f(Fmt::Branches, 12), "亥");
        assert_eq!(f(Fmt::IdeographCircle, 2), "㊁");
    }

    #[test]
    fn other_numbers() {
        assert_eq!(f(Fmt::Decimal, 7), "7");
        assert_eq!(f(Fmt::DecimalZero, 7), "07");
        assert_eq!(f(Fmt::DecimalParen, 3), "(3)");
        assert_eq!(f(Fmt::DecimalFullStop, 3), "3.");
        assert_eq!(
            [1, 20, 21, 35, 36, 50, 51].map(|n| f(Fmt::DecimalCircle, n)),
            ["①", "⑳", "㉑", "㉟", "㊱", "㊿", "51"]
        );
        assert_eq!(f(Fmt::DecimalFullWidth, 12), "１２");
        assert_eq!(f(Fmt::UpperLetter, 1), "A");
        assert_eq!(f(Fmt::LowerLetter, 28), "bb");
        assert_eq!(f(Fmt::LowerLetter, 0), "0");
        assert_eq!(f(Fmt::UpperRoman, 1994), "MCMXCIV");
        assert_eq!(f(Fmt::LowerRoman, 4), "iv");
        assert_eq!(f(Fmt::UpperRoman, 4000), "4000");
        assert_eq!(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(|n| f(Fmt::Ordinal, n)),
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
        assert_eq!(f(Fmt::Hex, 255), "FF");
    }
}
