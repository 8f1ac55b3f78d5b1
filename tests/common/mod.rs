//! Helpers shared by the integration tests: running the real binary, reading its JSON,
//! positions in UTF-16, and a generator of valid reports in several layouts whose value
//! cells are recorded by byte range, so a test can break one cell and know where it is.
// Every test file compiles this module and uses a part of it: the rest is dead code, and the
// re-exports it does not use are unused imports, in that test binary.
#![allow(dead_code, unused_imports)]

pub mod bin;
pub mod drafts;
pub mod findings;
pub mod format_data;
pub mod lsp;
pub mod positions;
pub mod render;
pub mod render_new;
pub mod values;

pub use bin::*;
pub use findings::*;
pub use format_data::*;
pub use positions::*;
pub use render::*;
pub use render_new::*;
pub use values::*;
