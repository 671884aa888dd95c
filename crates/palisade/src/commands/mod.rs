//! One file per subcommand.

use std::process::ExitCode;

use anyhow::Result;
use palisade_core::Lang;

use crate::cli::{Cli, Command, Common};

mod rules;
mod scan;

pub(crate) fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Scan(args) => scan::run(&args),
        Command::Rules(args) => rules::run(&args),
    }
}

/// `--lang`, else the environment's locale.
fn lang(common: &Common, configured: Option<Lang>) -> Result<Lang> {
    match &common.lang {
        Some(text) => text.parse().map_err(anyhow::Error::msg),
        None => Ok(configured.unwrap_or_else(Lang::from_env)),
    }
}
