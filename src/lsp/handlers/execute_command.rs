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
            let year = arg
                .get("year")
                .and_then(|y| y.as_u64().or_else(|| y.as_str()?.parse().ok()))
                .and_then(|y| u16::try_from(y).ok())
                .ok_or_else(|| Error::invalid_params("year is required"))?;
            let agency = arg.get("agency").and_then(Value::as_str);
            let organ = match arg.get("organ").and_then(Value::as_str) {
                Some("government") => Organ::Government,
                Some(_) => Organ::Department,
                None => agency.map_or(Organ::Department, check::doc::guess_organ),
            };
            Ok(Some(Value::String(crate::template::new_report(
                year, agency, organ,
            ))))
        }
        other => Err(Error::invalid_params(format!("unknown command {other}"))),
    }
}
