//! The signature date against the report year and the publication deadline.

use super::last_line;
use crate::check::doc::{Analysis, Date, Organ, YearSource};
use crate::check::{Diagnostic, Severity};

fn fmt_date(d: &Date) -> String {
    format!("{}年{}月{}日", d.y, d.m, d.d)
}

pub(super) fn signature(text: &str, a: &Analysis, d: &mut Vec<Diagnostic>) {
    let Some((year, src, _)) = a.year else { return };
    if src == YearSource::Signature {
        return;
    }
    // The year is in `REPORT_YEARS`; computed in u32 all the same, so nothing can wrap.
    let year = u32::from(year);
    let next = year + 1;
    let sig = &a.signature;
    match &sig.date {
        None => {
            if let Some(r) = &sig.unreadable {
                d.push(Diagnostic::new(
                    "signature-date",
                    Severity::Hint,
                    r.clone(),
                    "落款日期无法识别（年、月、日可能在转换中丢失），请写成「2025年1月20日」的形式。",
                ));
            } else {
                let end = last_line(text, text.len());
                d.push(Diagnostic::new(
                    "signature-date",
                    Severity::Warning,
                    end,
                    format!(
                        "报告末尾没有落款（机关名称和日期）。{}年度报告应在{}年{}前发布（{}）。",
                        year,
                        next,
                        deadline_text(a.organ),
                        deadline_basis(a.organ)
                    ),
                ));
            }
        }
        Some((date, r)) => {
            let y = u32::from(date.y);
            if y <= year {
                d.push(Diagnostic::new(
                    "signature-date",
                    Severity::Error,
                    r.clone(),
                    format!(
                        "落款日期{}在报告年度（{year}年）{}：年度数据尚不完整，日期应在{}年。可能是年份写错。",
                        fmt_date(date),
                        if y == year { "之内" } else { "之前" },
                        next
                    ),
                ));
            } else {
                let (dm, dd) = deadline(a.organ);
                let late = y > next || (date.m, date.d) > (dm, dd);
                if !late {
                    return;
                }
                let message = format!(
                    "落款日期{}晚于{}：{}应在{}年{}前公布上一年度报告（{}）。",
                    fmt_date(date),
                    match a.organ {
                        Organ::Township => "参照的期限",
                        _ => "法定期限",
                    },
                    organ_text(a.organ),
                    next,
                    deadline_text(a.organ),
                    deadline_basis(a.organ)
                );
                // The 条例 sets no date for townships: the 1月31日 of departments is only a
                // reference (format reference, section 2), so a hint.
                d.push(match a.organ {
                    Organ::Township => {
                        Diagnostic::new("late-publication", Severity::Hint, r.clone(), message)
                    }
                    _ => Diagnostic::new("late-publication", Severity::Warning, r.clone(), message),
                });
            }
        }
    }
}

/// The last day (month, day) of the year after the report year by which the organ publishes.
fn deadline(o: Organ) -> (u8, u8) {
    match o {
        Organ::Department | Organ::Township => (1, 31),
        Organ::Government => (3, 31),
    }
}

fn deadline_text(o: Organ) -> &'static str {
    match o {
        Organ::Department | Organ::Township => "1月31日",
        Organ::Government => "3月31日",
    }
}

fn organ_text(o: Organ) -> &'static str {
    match o {
        Organ::Department => "县级以上人民政府部门",
        Organ::Government => "县级以上地方人民政府",
        Organ::Township => "乡（镇）人民政府、街道办事处",
    }
}

fn deadline_basis(o: Organ) -> &'static str {
    match o {
        Organ::Department | Organ::Government => "《条例》第四十九条",
        Organ::Township => "《条例》未规定乡镇、街道的期限，参照第四十九条第一款部门的期限",
    }
}
