//! Review reports: renderings of [`crate::ide::report::Review`]s for people (one HTML page for a
//! folder of reports, the same fragments the web page shows) and for tools (SARIF, GitHub
//! workflow annotations, JUnit). Pure functions from reviews to strings: the CLI writes them to
//! files or stdout, `nianbao serve` sends them.

pub mod github;
pub mod html;
pub mod junit;
pub mod sarif;

/// `s` with every byte outside RFC 3986's unreserved characters — and outside `/` when
/// `keep_slash` — percent-encoded: a path in a URI, a file name in `filename*`.
pub fn percent_encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_encoding_keeps_unreserved_bytes_and_slashes_when_asked() {
        let s = "目录/审核 a_1-b.~html";
        assert_eq!(
            super::percent_encode(s, false),
            "%E7%9B%AE%E5%BD%95%2F%E5%AE%A1%E6%A0%B8%20a_1-b.~html"
        );
        assert_eq!(
            super::percent_encode(s, true),
            "%E7%9B%AE%E5%BD%95/%E5%AE%A1%E6%A0%B8%20a_1-b.~html"
        );
    }
}
