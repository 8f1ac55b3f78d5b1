//! Text utilities: normalisation, ordinal markers, cell values, Chinese numerals, line index and
//! position encodings, decoding.

pub mod encoding;
pub mod fold;
pub mod marker;
pub mod numerals;
pub mod position;
pub mod value;
