//! Text utilities: normalisation, Chinese numerals, line index and position encodings, decoding.

pub mod encoding;
pub mod fold;
pub mod numerals;
pub mod position;
