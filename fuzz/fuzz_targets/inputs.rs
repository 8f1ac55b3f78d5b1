//! The Word, web-page and PDF readers on arbitrary bytes (the first byte picks the reader).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao::fuzzing::inputs(data);
});
