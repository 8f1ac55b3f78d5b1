//! `nianbao.*` settings from initializationOptions and didChangeConfiguration.

use crate::check::{Options, Organ, Severity, doc};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Enable {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub enable: Enable,
    pub options: Options,
    /// Values that were given but cannot be used, each with why (Chinese): the server shows
    /// them to the user (`window/showMessage`) and goes on without them.
    pub problems: Vec<String>,
}

fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    if let Some(n) = v.get("nianbao").filter(|n| n.is_object())
        && let Some(x) = n.get(key)
    {
        return Some(x);
    }
    v.get(format!("nianbao.{key}"))
        .or_else(|| v.get(key))
        .filter(|x| !x.is_null())
}

impl Settings {
    /// Reads the settings; keys that are absent keep their defaults.
    pub fn from_json(v: &Value) -> Settings {
        let mut s = Settings::default();
        if let Some(e) = get(v, "enable") {
            s.enable = match e {
                Value::String(x) if x == "always" => Enable::Always,
                Value::String(x) if x == "never" => Enable::Never,
                Value::Bool(true) => Enable::Always,
                Value::Bool(false) => Enable::Never,
                _ => Enable::Auto,
            };
        }
        // The year: a plausible report year or nothing (the draft's own year is used).
        s.options.year = match get(v, "year") {
            None | Some(Value::Null) => None,
            Some(Value::String(x)) if x.trim().is_empty() => None,
            Some(y) => {
                let parsed = match y {
                    Value::Number(n) => n
                        .as_u64()
                        .and_then(|n| u16::try_from(n).ok())
                        .filter(|n| doc::plausible_year(*n))
                        .ok_or_else(|| doc::year_error(n)),
                    Value::String(x) => doc::parse_report_year(x),
                    other => Err(doc::year_error(other)),
                };
                match parsed {
                    Ok(y) => Some(y),
                    Err(e) => {
                        s.problems.push(format!(
                            "nianbao.year 设置已忽略：{e}将使用报告中写明的年度。"
                        ));
                        None
                    }
                }
            }
        };
        s.options.organ = get(v, "organ")
            .and_then(Value::as_str)
            .and_then(Organ::parse);
        if let Some(Value::Object(m)) = get(v, "severity") {
            for (rule, sev) in m {
                let Some(sev) = sev.as_str() else { continue };
                if sev == "off" || sev == "none" {
                    s.options.severities.push((rule.clone(), None));
                } else if let Some(x) = Severity::parse(sev) {
                    s.options.severities.push((rule.clone(), Some(x)));
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_and_flat() {
        let a = Settings::from_json(&json!({"nianbao": {"enable": "never", "year": 2023,
            "severity": {"blank-cell": "off", "total-mismatch": "warning"}}}));
        assert_eq!(a.enable, Enable::Never);
        assert_eq!(a.options.year, Some(2023));
        assert_eq!(a.options.severities.len(), 2);
        let b = Settings::from_json(
            &json!({"nianbao.enable": "always", "nianbao.organ": "government"}),
        );
        assert_eq!(b.enable, Enable::Always);
        assert_eq!(b.options.organ, Some(Organ::Government));
        assert!(a.problems.is_empty() && b.problems.is_empty());
        let c = Settings::from_json(&json!({"nianbao": {"organ": "township", "year": "2024"}}));
        assert_eq!(c.options.organ, Some(Organ::Township));
        assert_eq!(c.options.year, Some(2024));
    }

    #[test]
    fn implausible_years_are_refused_with_a_reason() {
        for y in [
            json!(1999),
            json!(2007),
            json!(2101),
            json!(65535),
            json!(70000),
            json!(-1),
            json!(2024.5),
            json!("二〇二四"),
            json!("abc"),
            json!(true),
        ] {
            let s = Settings::from_json(&json!({"nianbao": {"year": y}}));
            assert_eq!(s.options.year, None, "{y}");
            assert_eq!(s.problems.len(), 1, "{y}");
            assert!(
                s.problems[0].contains("nianbao.year") && s.problems[0].contains("2008至2100"),
                "{}",
                s.problems[0]
            );
        }
        for (y, want) in [
            (json!(2008), 2008),
            (json!(2100), 2100),
            (json!(" 2024 "), 2024),
            (json!("２０２４"), 2024),
        ] {
            let s = Settings::from_json(&json!({"nianbao": {"year": y}}));
            assert_eq!(s.options.year, Some(want), "{y}");
            assert!(s.problems.is_empty());
        }
        // Absent, null or empty: no year and nothing to complain about.
        for v in [
            json!({}),
            json!({"nianbao": {"year": null}}),
            json!({"nianbao": {"year": ""}}),
        ] {
            let s = Settings::from_json(&v);
            assert_eq!(s.options.year, None);
            assert!(s.problems.is_empty(), "{v}");
        }
    }
}
