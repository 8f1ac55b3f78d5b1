//! `nianbao.*` settings from initializationOptions and didChangeConfiguration.

use crate::check::{Options, Organ, Severity};
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
        s.options.year = get(v, "year").and_then(|y| match y {
            Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            Value::String(x) => x.trim().parse().ok(),
            _ => None,
        });
        s.options.organ = get(v, "organ")
            .and_then(Value::as_str)
            .and_then(|o| match o {
                "department" => Some(Organ::Department),
                "government" => Some(Organ::Government),
                _ => None,
            });
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
    }
}
