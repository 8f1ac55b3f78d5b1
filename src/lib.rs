//! nianbao (年报): a checker and language server for 政府信息公开工作年度报告.
//!
//! The analysis core (`text`, `syntax`, `format`, `check`, `regulation`) is pure: no I/O, no
//! protocol types, no global state beyond read-only data parsed once. `input` turns the bytes of
//! Word, web-page and PDF files into the text the core reads. The CLI (`main.rs`) and the
//! language server (`lsp`) are thin layers over them.

pub mod check;
pub mod format;
#[doc(hidden)]
pub mod fuzzing;
pub mod ide;
pub mod input;
pub mod lsp;
pub mod regulation;
pub mod review;
pub mod serve;
pub mod syntax;
pub mod template;
pub mod text;
