//! The Word, web-page and PDF readers on arbitrary bytes (the first byte picks the reader).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        // The PDF reader catches the panics of pdf-extract and lopdf on malformed files (the
        // file is reported as damaged): let those unwind to it; any other panic is a crash.
        std::panic::set_hook(Box::new(|info| {
            if !nianbao::input::pdf::panic_is_the_readers(info) {
                eprintln!("{info}");
                std::process::abort();
            }
        }));
    },
    |data: &[u8]| {
        nianbao::fuzzing::inputs(data);
    }
);
