//! Every language-server request handler at random positions on random and damaged drafts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nianbao::fuzzing::handlers(data);
});
