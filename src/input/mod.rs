//! Reading the files drafters and reviewers actually have: Word (`.docx`), saved web pages
//! (`.html`/`.htm`) and PDF.
//!
//! Each decoder turns the file's bytes into a [`Document`] — paragraphs in order and tables as
//! full grids (merged cells expanded: every grid position is a [`Cell`], the ones a merge
//! covers are marked `merged` and left empty). [`render`] turns a document into the canonical
//! Markdown the checker reads (headings, paragraphs, GFM pipe tables) plus a map from each range
//! of that text back to where it came from ([`Source`]: paragraph N; table T, row R, column C;
//! PDF page P). The checker runs on the rendering, so every rule works unchanged.
//!
//! Pure: bytes in, text out. Reading files is the front end's job (it also enforces
//! [`MAX_INPUT_BYTES`] before reading).

pub mod docx;
pub mod html;
pub mod pdf;
mod render;
#[cfg(test)]
mod tests;

pub use render::{Rendering, SourceMap, render};

use std::fmt;

/// Largest input file a front end reads (bytes). A 50-page report is well under 5 MB as
/// `.docx` and under 20 MB as a PDF with images; a larger file is refused before it is read.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Largest decompressed part of a `.docx` (its `word/document.xml`) and largest text a
/// decoder produces: the cap that makes a zip bomb or a huge PDF stream an error, not an
/// out-of-memory.
pub const MAX_EXPANDED_BYTES: u64 = 64 * 1024 * 1024;

/// What kind of file a path holds, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Markdown or plain text: read as text, no conversion.
    Text,
    Docx,
    Html,
    Pdf,
}

impl Kind {
    /// The kind for a file name's extension (any case); `None` for files nianbao does not read.
    pub fn from_extension(ext: &str) -> Option<Kind> {
        let e = ext.to_ascii_lowercase();
        Some(match e.as_str() {
            "md" | "markdown" | "txt" => Kind::Text,
            "docx" => Kind::Docx,
            "html" | "htm" => Kind::Html,
            "pdf" => Kind::Pdf,
            _ => return None,
        })
    }

    /// The kind for a path's extension.
    pub fn of_path(path: &std::path::Path) -> Option<Kind> {
        path.extension()
            .and_then(|x| x.to_str())
            .and_then(Kind::from_extension)
    }

    /// The user-facing name of the file type (`Word 文档`, `网页`, `PDF 文件`, `文本`).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Text => "文本",
            Kind::Docx => "Word 文档",
            Kind::Html => "网页",
            Kind::Pdf => "PDF 文件",
        }
    }
}

/// A document read from a file: its blocks in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

/// One block of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading (level 1–6; a Word "Title"/"标题" or "Heading N" style, an HTML `<hN>`).
    Heading { level: u8, text: String, at: Source },
    /// A paragraph. Line breaks inside it (`<w:br/>`, `<br>`) are `\n`.
    Paragraph { text: String, at: Source },
    /// A table as a full grid.
    Table(Table),
}

/// A table: `rows[r][c]`, every row as wide as the widest (decoders pad short rows with
/// empty, non-merged cells).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// 1-based number of the table in the document (nested tables count too, in document order).
    pub number: usize,
    pub rows: Vec<Vec<Cell>>,
}

/// One grid position of a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text: paragraphs and line breaks inside the cell joined (see
    /// [`join_lines`]); empty for positions a merge covers.
    pub text: String,
    /// This position is covered by a merged cell that starts above or to the left: the value
    /// belongs to that cell and is rendered only there.
    pub merged: bool,
}

/// Where a range of the rendering came from, in terms a user of the source file can find.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The N-th paragraph (1-based, headings included, table cells not), with the PDF page
    /// when the source is a PDF.
    Paragraph { n: usize, page: Option<u32> },
    /// Table T, row R, column C (all 1-based; columns of the expanded grid).
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
    /// A line of PDF text on page P (1-based).
    Page { page: u32 },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Source::Paragraph { n, page: None } => write!(f, "第{n}段"),
            Source::Paragraph { n, page: Some(p) } => write!(f, "第{p}页 第{n}段"),
            Source::Cell { table, row, col } => write!(f, "第{table}个表格 第{row}行 第{col}列"),
            Source::Page { page } => write!(f, "第{page}页"),
        }
    }
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub kind: ErrorKind,
    /// Details for the message (what was found), may be empty.
    pub detail: String,
    /// The kind of file being read (set by [`decode`]): the message names it.
    pub file: Option<Kind>,
}

/// The reasons a file cannot be read; each has its own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge,
    /// A `.docx` that is really an old Word `.doc` (OLE compound file).
    OleDoc,
    /// A zip that is an Excel (`.xlsx`) or PowerPoint file, not a Word document.
    NotWord,
    /// Not a zip at all, or a damaged one, or a zip without `word/document.xml`.
    Corrupt,
    /// A part would expand past [`MAX_EXPANDED_BYTES`] (a zip bomb or a damaged file).
    TooBig,
    /// An encrypted (password-protected) PDF or Word file.
    Encrypted,
    /// A PDF whose text cannot be extracted: scanned pages, or fonts without a Unicode map.
    NoText,
    /// A file of another type than its extension says (e.g. a PDF named `.docx`).
    WrongType,
    /// A `.md`/`.txt` file that is not text.
    NotText,
}

impl InputError {
    pub fn new(kind: ErrorKind, detail: impl Into<String>) -> InputError {
        InputError {
            kind,
            detail: detail.into(),
            file: None,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mb = |b: u64| b / (1024 * 1024);
        let msg = match self.kind {
            ErrorKind::TooLarge => format!(
                "文件过大（超过 {} MB），不像是一份年度报告；请确认文件是否正确",
                mb(MAX_INPUT_BYTES)
            ),
            ErrorKind::OleDoc => "这是旧版 Word（.doc）文件，不是 .docx：请在 Word 或 WPS 中“另存为” .docx 后再检查".into(),
            ErrorKind::NotWord => "这不是 Word 文档（像是 Excel 或 PowerPoint 文件）：请提供报告的 .docx 文件".into(),
            ErrorKind::Corrupt => match self.file {
                Some(Kind::Pdf) => "文件已损坏或不是有效的 PDF 文件，无法读取：请用 PDF 阅读器打开确认，或改用报告的 Word 文档或网页".into(),
                Some(Kind::Html) => "网页文件已损坏，无法读取：请重新保存网页".into(),
                _ => "文件已损坏或不是有效的 Word 文档（.docx），无法读取：请在 Word 或 WPS 中打开并重新保存".into(),
            },
            ErrorKind::TooBig => format!(
                "文件展开后的内容超过 {} MB（可能是压缩炸弹、异常文件或文件已损坏），已停止读取",
                mb(MAX_EXPANDED_BYTES)
            ),
            ErrorKind::Encrypted => "文件已加密（设有密码），无法读取：请去除密码后重新保存再检查".into(),
            ErrorKind::NoText => "无法从该 PDF 中提取文字（可能是扫描件，或所用中文字体没有 Unicode 映射）：请改用报告的 Word 文档或网页，或先对 PDF 做文字识别（OCR）".into(),
            ErrorKind::WrongType => "文件内容与扩展名不符，无法读取".into(),
            ErrorKind::NotText => crate::text::encoding::DecodeError::Binary.to_string(),
        };
        f.write_str(&msg)?;
        if !self.detail.is_empty() {
            write!(f, "（{}）", self.detail)?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// Decode a file's bytes of the given kind (not [`Kind::Text`]: text is read as it is).
pub fn decode(bytes: &[u8], kind: Kind) -> Result<Document, InputError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::new(ErrorKind::TooLarge, ""));
    }
    match kind {
        Kind::Docx => docx::read(bytes),
        Kind::Html => html::read(bytes),
        Kind::Pdf => pdf::read(bytes),
        Kind::Text => Err(InputError::new(ErrorKind::WrongType, "文本文件无需转换")),
    }
    .map_err(|e| InputError {
        file: Some(kind),
        ..e
    })
}

/// A file's text as the checker reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    pub kind: Kind,
    /// The encoding a text file was decoded with (`utf-8`, `gb18030`, …); `None` for the
    /// other kinds.
    pub encoding: Option<&'static str>,
    /// Where each range of `text` came from; `None` for text files (their text is the source).
    pub map: Option<SourceMap>,
}

/// A file's bytes as the text the checker reads: text files decoded, the others decoded and
/// rendered (see [`render`]).
pub fn to_text(bytes: &[u8], kind: Kind) -> Result<Converted, InputError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::new(ErrorKind::TooLarge, ""));
    }
    if kind == Kind::Text {
        let d = crate::text::encoding::decode(bytes)
            .map_err(|_| InputError::new(ErrorKind::NotText, ""))?;
        return Ok(Converted {
            text: d.text,
            kind,
            encoding: Some(d.encoding),
            map: None,
        });
    }
    let doc = decode(bytes, kind)?;
    let Rendering { text, map } = render(&doc);
    Ok(Converted {
        text,
        kind,
        encoding: None,
        map: Some(map),
    })
}

/// Join the lines of a table cell or a wrapped line into one: no space between two CJK
/// characters (a Chinese label broken by the cell width), one space otherwise.
pub fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if let (Some(a), Some(b)) = (out.chars().last(), l.chars().next())
            && !(is_wide(a) || is_wide(b))
        {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// CJK ideographs and full-width punctuation: text that is written without spaces.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}
