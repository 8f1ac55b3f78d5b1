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
                    format!("报告末尾没有落款（机关名称和日期）。{}年度报告应在{}年{}前发布（《条例》第四十九条）。", year, year + 1, deadline_text(a.organ)),
                ));
            }
        }
        Some((date, r)) => {
            if date.y <= year {
                d.push(Diagnostic::new(
                    "signature-date",
                    Severity::Error,
                    r.clone(),
                    format!(
                        "落款日期{}在报告年度（{year}年）{}：年度数据尚不完整，日期应在{}年。可能是年份写错。",
                        fmt_date(date),
                        if date.y == year { "之内" } else { "之前" },
                        year + 1
                    ),
                ));
            } else {
                let (dm, dd) = match a.organ {
                    Organ::Department => (1, 31),
                    Organ::Government => (3, 31),
                };
                let late = date.y > year + 1 || (date.m, date.d) > (dm, dd);
                if late {
                    d.push(Diagnostic::new(
                        "late-publication",
                        Severity::Warning,
                        r.clone(),
                        format!(
                            "落款日期{}晚于法定期限：{}应在{}年{}前公布上一年度报告（《条例》第四十九条）。",
                            fmt_date(date),
                            match a.organ {
                                Organ::Department => "县级以上人民政府部门",
                                Organ::Government => "县级以上地方人民政府",
                            },
                            year + 1,
                            deadline_text(a.organ)
                        ),
                    ));
                }
            }
        }
    }
}

fn deadline_text(o: Organ) -> &'static str {
    match o {
        Organ::Department => "1月31日",
        Organ::Government => "3月31日",
    }
}
