//! The message layer: arbitrary bytes through the LSP framing filter.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao::fuzzing::frames(data);
});
