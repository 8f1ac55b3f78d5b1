//! The findings of one file in `nianbao check --format json` output.

use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Finding {
    pub code: String,
    pub severity: u64,
    pub line: usize,
    pub character: usize,
    pub end_line: usize,
    pub end_character: usize,
    pub message: String,
    pub data: Value,
}

impl Finding {
    pub fn start(&self) -> (usize, usize) {
        (self.line, self.character)
    }
    pub fn end(&self) -> (usize, usize) {
        (self.end_line, self.end_character)
    }
    pub fn relation(&self) -> Option<&str> {
        self.data.get("relation").and_then(|r| r.as_str())
    }
}

pub fn findings(file: &Value) -> Vec<Finding> {
    file["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            let n = |p: &str| -> usize {
                d.pointer(p)
                    .and_then(|x| x.as_u64())
                    .unwrap_or_else(|| panic!("{p} in {d}")) as usize
            };
            Finding {
                code: d["code"].as_str().expect("code").to_string(),
                severity: d["severity"].as_u64().expect("severity"),
                line: n("/range/start/line"),
                character: n("/range/start/character"),
                end_line: n("/range/end/line"),
                end_character: n("/range/end/character"),
                message: d["message"].as_str().expect("message").to_string(),
                data: d.get("data").cloned().unwrap_or(Value::Null),
            }
        })
        .collect()
}

pub fn show(fs: &[Finding]) -> String {
    fs.iter()
        .map(|f| {
            format!(
                "  sev{} {} {}:{}-{}:{} {} {}\n",
                f.severity,
                f.code,
                f.line,
                f.character,
                f.end_line,
                f.end_character,
                f.message,
                if f.data.is_null() {
                    String::new()
                } else {
                    f.data.to_string()
                }
            )
        })
        .collect()
}

/// Findings of severity 1–3 (above hint).
pub fn above_hint(fs: &[Finding]) -> Vec<&Finding> {
    fs.iter().filter(|f| f.severity <= 3).collect()
}

pub fn errors(fs: &[Finding]) -> Vec<&Finding> {
    fs.iter().filter(|f| f.severity == 1).collect()
}
