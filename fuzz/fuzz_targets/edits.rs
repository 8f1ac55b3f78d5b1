//! Random edit sequences: the incremental parse must equal a full parse after every edit.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao::fuzzing::edit_sequence(data);
});
