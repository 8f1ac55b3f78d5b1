//! The reader and checker on arbitrary bytes: decode, parse, check, render positions.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao::fuzzing::check_bytes(data);
});
