//! Entry points shared by the fuzz targets (`fuzz/`) and the regression test that replays
//! their corpus (`tests/fuzz_corpus.rs`). Each panics on a bug and returns quietly otherwise.

use crate::check::{self, Options};
use crate::syntax::{self, incremental::Parsed};
use crate::text::{
    encoding,
    position::{Encoding, LineIndex},
};

/// Decode arbitrary bytes as a file and check them; every range must convert and every fix
/// must apply to text that still parses and checks.
pub fn check_bytes(data: &[u8]) {
    let Ok(decoded) = encoding::decode(data) else {
        return;
    };
    let text = decoded.text;
    let a = check::check(&text, &Options::default());
    let idx = LineIndex::new(&text);
    for d in &a.diagnostics {
        assert!(
            d.range.start <= d.range.end && d.range.end <= text.len(),
            "{d:?}"
        );
        assert!(
            text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end),
            "{d:?}"
        );
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let (l, c) = idx.position(&text, d.range.start, enc);
            assert_eq!(idx.offset(&text, l, c, enc), d.range.start);
        }
        for fix in &d.fixes {
            let mut edits = fix.edits.clone();
            edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
            let mut fixed = text.clone();
            for e in edits {
                assert!(
                    e.range.end <= fixed.len()
                        && fixed.is_char_boundary(e.range.start)
                        && fixed.is_char_boundary(e.range.end)
                );
                fixed.replace_range(e.range.clone(), &e.text);
            }
            let _ = check::check(&fixed, &Options::default());
        }
    }
}

const PIECES: [&str; 16] = [
    "",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "|",
    "0",
    "16",
    "一、",
    "（七）总计",
    "## ",
    "三、本年度办理结果",
    "本年度共收到申请16件，全部办结。",
    "𠀀",
    "😀",
    "\n\n",
];

/// An initial text (bytes before the first NUL) and edits driven by the remaining bytes, four
/// at a time (position, position, deleted length, inserted piece). After every edit the
/// incremental parse must equal a full parse.
pub fn edit_sequence(data: &[u8]) {
    let split = data.iter().position(|b| *b == 0).unwrap_or(data.len());
    let mut text = String::from_utf8_lossy(&data[..split]).into_owned();
    let mut parsed = Parsed::new(&text);
    let ops = data.get(split + 1..).unwrap_or(&[]);
    for op in ops.chunks_exact(4) {
        let start = text
            .floor_char_boundary((usize::from(op[0]) << 8 | usize::from(op[1])) % (text.len() + 1));
        let end = text.ceil_char_boundary(start + usize::from(op[2] % 16));
        let piece = PIECES[usize::from(op[3]) % PIECES.len()];
        text.replace_range(start..end, piece);
        parsed.edit(&text, start, end, start + piece.len());
        assert_eq!(
            parsed.blocks(),
            syntax::parse(&text).as_slice(),
            "text: {text:?}"
        );
    }
    let _ = check::analyse(&text, parsed.blocks(), &Options::default(), |_| {
        None::<&check::Analysis>
    });
}

/// Arbitrary bytes through the language server's framing filter.
pub fn frames(data: &[u8]) {
    crate::lsp::fuzz_frames(data);
}

/// Every request handler of the language server at positions taken from `data`, on random text
/// or a generated draft damaged by it.
pub fn handlers(data: &[u8]) {
    crate::lsp::fuzz_handlers(data);
}

/// The file readers on arbitrary bytes: the first byte picks the reader (Word, web page, PDF),
/// the rest is the file. Either an `InputError` or a document whose rendering's source map is
/// ordered, in bounds and on char boundaries, and whose text the checker reads.
pub fn inputs(data: &[u8]) {
    use crate::input::{self, Kind};
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let kind = [Kind::Docx, Kind::Html, Kind::Pdf][usize::from(pick % 3)];
    let Ok(c) = input::to_text(file, kind) else {
        return;
    };
    let map = c.map.expect("a converted file has a source map");
    let mut end = 0;
    for (r, _) in &map.spans {
        assert!(r.start >= end && r.start <= r.end && r.end <= c.text.len());
        assert!(c.text.is_char_boundary(r.start) && c.text.is_char_boundary(r.end));
        end = r.end;
    }
    let _ = crate::check::check(&c.text, &Default::default());
}
