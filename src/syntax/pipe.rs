//! One pipe-table row as a whole line: reading its cells and writing a row. The block parser
//! (`syntax::parse`) reads pipe rows with their continuation lines and cell ranges; these two
//! serve the editor features and the templates, which work on single lines.

/// Splits a pipe row `| a | b |` into its trimmed cells (`None` unless it starts and ends
/// with an unescaped `|`).
pub fn cells(content: &str) -> Option<Vec<&str>> {
    let inner = content.strip_prefix('|')?;
    if !inner.ends_with('|') || inner.ends_with("\\|") {
        return None;
    }
    let inner = &inner[..inner.len() - 1];
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = inner.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(inner[start..i].trim());
            start = i + 1;
        }
    }
    cells.push(inner[start..].trim());
    Some(cells)
}

/// `| a | b | | c |`: one space around each cell, a single space for an empty one. Every
/// table row nianbao writes (templates, inserted rows, quick fixes) is written by this.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut s = String::new();
    for c in cells {
        let c = c.as_ref();
        s.push('|');
        s.push(' ');
        if !c.is_empty() {
            s.push_str(c);
            s.push(' ');
        }
    }
    s.push('|');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_row_reads_back() {
        let r = row(&["甲", "", "3"]);
        assert_eq!(r, "| 甲 | | 3 |");
        assert_eq!(cells(&r), Some(vec!["甲", "", "3"]));
        assert_eq!(cells(r"| a \| b | c |"), Some(vec![r"a \| b", "c"]));
        assert_eq!(cells("| open"), None);
        assert_eq!(cells(r"| a \|"), None);
    }
}
