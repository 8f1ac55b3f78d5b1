//! The language server (tower-lsp-server). Nothing outside this module knows LSP types.

use std::process::ExitCode;

/// Run the server over stdio until `exit` or end of input.
pub fn run() -> ExitCode {
    eprintln!("nianbao: 语言服务器尚未实现（见 issue 3）");
    ExitCode::from(2)
}
