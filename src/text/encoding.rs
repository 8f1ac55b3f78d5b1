//! Decoding report files read from disk into text.
//!
//! Reports arrive as UTF-8 (with or without BOM), UTF-16 with a BOM (saved by some Windows
//! editors), or GBK/GB18030 (legacy Chinese Windows). This module only turns bytes into a
//! `String`; reading the file is the caller's job.

use std::fmt;

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

/// Decoded file contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text, without any BOM.
    pub text: String,
    /// The detected encoding: `"utf-8"`, `"utf-16le"`, `"utf-16be"` or `"gb18030"`.
    pub encoding: &'static str,
    /// Whether the input started with a byte order mark.
    pub bom: bool,
    /// Whether malformed sequences were replaced with U+FFFD.
    pub lossy: bool,
}

/// Why bytes could not be decoded as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The input looks like a binary file.
    Binary,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("文件不是文本（可能是二进制文件）"),
        }
    }
}

impl std::error::Error for DecodeError {}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// How many leading bytes the control-byte heuristic looks at.
const SNIFF_LEN: usize = 8 * 1024;

/// Decodes file contents, detecting the encoding.
///
/// Order: a UTF-8 or UTF-16 BOM decides; then valid UTF-8 (including empty input); then a
/// binary check (NUL bytes, or more than 10% control bytes in the first 8 KB); then strict
/// GB18030; and finally lossy UTF-8. The binary check precedes GB18030 because GB18030 accepts
/// almost any byte sequence.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        let (text, lossy) = match simdutf8::basic::from_utf8(rest) {
            Ok(s) => (s.to_owned(), false),
            Err(_) => (String::from_utf8_lossy(rest).into_owned(), true),
        };
        return Ok(Decoded {
            text,
            encoding: "utf-8",
            bom: true,
            lossy,
        });
    }
    for (bom, enc, name) in [
        (UTF16LE_BOM, UTF_16LE, "utf-16le"),
        (UTF16BE_BOM, UTF_16BE, "utf-16be"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, lossy) = enc.decode_without_bom_handling(rest);
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: name,
                bom: true,
                lossy,
            });
        }
    }
    // NUL bytes never occur in a text draft (UTF-16 with a BOM was handled above).
    if bytes[..bytes.len().min(SNIFF_LEN)].contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            encoding: "utf-8",
            bom: false,
            lossy: false,
        });
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: "gb18030",
            bom: false,
            lossy: false,
        });
    }
    Ok(Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "utf-8",
        bom: false,
        lossy: true,
    })
}

/// Binary heuristic: any NUL byte, or more than 10% control bytes (other than tab, LF, CR and
/// form feed) in the first [`SNIFF_LEN`] bytes. GBK/GB18030 trail bytes are never below 0x30,
/// so genuine Chinese text contributes no control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "政府信息公开工作年度报告\n一、总体情况\t2024年\r\n";

    #[test]
    fn utf8_without_bom() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!(
            d,
            Decoded {
                text: SAMPLE.to_owned(),
                encoding: "utf-8",
                bom: false,
                lossy: false
            }
        );
    }

    #[test]
    fn utf8_with_bom() {
        let mut bytes = UTF8_BOM.to_vec();
        bytes.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "utf-8");
        assert!(d.bom);
        assert!(!d.lossy);
    }

    #[test]
    fn utf8_bom_with_invalid_bytes_is_lossy() {
        let d = decode(b"\xEF\xBB\xBFab\xFFc").unwrap();
        assert_eq!(d.text, "ab\u{FFFD}c");
        assert_eq!(d.encoding, "utf-8");
        assert!(d.bom && d.lossy);
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = UTF16LE_BOM.to_vec();
        bytes.extend(SAMPLE.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "utf-16le");
        assert!(d.bom);
        assert!(!d.lossy);
    }

    #[test]
    fn utf16be_with_bom() {
        let text = "政府𠀀😀\n";
        let mut bytes = UTF16BE_BOM.to_vec();
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "utf-16be");
        assert!(d.bom);
        assert!(!d.lossy);
    }

    #[test]
    fn utf16_odd_length_is_lossy() {
        let d = decode(b"\xFF\xFEa\x00b").unwrap();
        assert_eq!(d.encoding, "utf-16le");
        assert!(d.lossy);
        assert!(d.text.starts_with('a'));
    }

    #[test]
    fn gbk_is_gb18030() {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(SAMPLE);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "gb18030");
        assert!(!d.bom);
        assert!(!d.lossy);
    }

    #[test]
    fn long_gbk_is_gb18030() {
        let text =
            "（一）主动公开政府信息情况。\r\n本机关全年主动公开政府信息1234条。\n".repeat(500);
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn png_like_binary() {
        let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00".to_vec();
        bytes.extend((0..=255u8).cycle().take(4096));
        assert_eq!(decode(&bytes), Err(DecodeError::Binary));
    }

    #[test]
    fn control_heavy_binary_without_nul() {
        let bytes: Vec<u8> = (0..200u32)
            .map(|i| {
                if i % 3 == 0 {
                    0x01
                } else {
                    0x81 + (i % 50) as u8
                }
            })
            .collect();
        assert_eq!(decode(&bytes), Err(DecodeError::Binary));
    }

    #[test]
    fn invalid_bytes_are_lossy_utf8() {
        // 0xFF is invalid both as UTF-8 and as GB18030.
        let d = decode(b"hello \xFF world \xFF").unwrap();
        assert_eq!(d.text, "hello \u{FFFD} world \u{FFFD}");
        assert_eq!(d.encoding, "utf-8");
        assert!(!d.bom);
        assert!(d.lossy);
    }

    #[test]
    fn empty_input() {
        let d = decode(b"").unwrap();
        assert_eq!(
            d,
            Decoded {
                text: String::new(),
                encoding: "utf-8",
                bom: false,
                lossy: false
            }
        );
    }

    #[test]
    fn error_message_is_chinese() {
        assert_eq!(
            DecodeError::Binary.to_string(),
            "文件不是文本（可能是二进制文件）"
        );
        let _: &dyn std::error::Error = &DecodeError::Binary;
    }
}
