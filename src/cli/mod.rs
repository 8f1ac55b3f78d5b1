use crate::{OrganArg, OutputFormat, TablesFormat};
use std::path::PathBuf;
use std::process::ExitCode;

pub struct CheckArgs {
    pub format: OutputFormat,
    pub year: Option<u16>,
    pub organ: Option<OrganArg>,
    pub previous: Option<PathBuf>,
    pub jobs: Option<usize>,
    pub quiet: bool,
    pub paths: Vec<PathBuf>,
}
pub fn lsp() -> ExitCode { ExitCode::from(2) }
pub fn check(_a: CheckArgs) -> ExitCode { ExitCode::from(2) }
pub fn new(_y: u16, _a: Option<String>, _o: Option<OrganArg>) -> ExitCode { ExitCode::from(2) }
pub fn explain(_t: &str) -> ExitCode { ExitCode::from(2) }
pub fn tables(_f: TablesFormat, _y: Option<u16>, _p: &std::path::Path) -> ExitCode { ExitCode::from(2) }
