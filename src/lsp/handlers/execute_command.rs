//! `workspace/executeCommand`: `nianbao.newReport` ({year, agency?, organ?}) returns a new
//! draft; without `organ` the organ type is guessed from the agency's name (as the checker
//! guesses it from a title), so the editor plugins need not guess.

use crate::check::{self, Organ};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::ExecuteCommandParams;

pub const COMMANDS: [&str; 1] = ["nianbao.newReport"];

pub fn execute_command(p: &ExecuteCommandParams) -> Result<Option<Value>> {
    match p.command.as_str() {
        "nianbao.newReport" => {
            let arg = p.arguments.first().cloned().unwrap_or(Value::Null);
            let year = match arg.get("year") {
                None | Some(Value::Null) => return Err(Error::invalid_params("year is required")),
                Some(Value::String(s)) => check::doc::parse_report_year(s),
                Some(y) => y
                    .as_u64()
                    .and_then(|n| u16::try_from(n).ok())
                    .filter(|n| check::doc::plausible_year(*n))
                    .ok_or_else(|| check::doc::year_error(y)),
            }
            .map_err(Error::invalid_params)?;
            let agency = arg.get("agency").and_then(Value::as_str);
            let organ = match arg.get("organ").and_then(Value::as_str) {
                Some(o) => Organ::parse(o).unwrap_or(Organ::Department),
                None => agency.map_or(Organ::Department, check::doc::guess_organ),
            };
            Ok(Some(Value::String(crate::template::new_report(
                year, agency, organ,
            ))))
        }
        other => Err(Error::invalid_params(format!("unknown command {other}"))),
    }
}
