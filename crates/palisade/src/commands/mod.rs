//! One file per subcommand.

use std::process::ExitCode;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use palisade_core::{Config, Lang, RuleMeta};

use crate::cli::{Cli, Command, Common};

mod pss;
mod rules;
mod scan;

pub(crate) fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Scan(args) => scan::run(&args),
        Command::Pss(args) => pss::run(&args),
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

/// The configuration: `explicit`, else `.palisade.yaml` in the current directory if present,
/// with the name of the file it came from.
fn config(explicit: Option<&PathBuf>) -> Result<(Config, Arc<str>)> {
    let path = explicit
        .cloned()
        .or_else(|| Some(PathBuf::from(".palisade.yaml")).filter(|p| p.is_file()));
    match path {
        Some(path) => {
            let name: Arc<str> = Arc::from(path.display().to_string());
            let text = fs_err::read_to_string(&path)?;
            let config = Config::parse(&name, &text).map_err(|e| anyhow::anyhow!("{e}"))?;
            Ok((config, name))
        }
        None => Ok((Config::default(), Arc::from(".palisade.yaml"))),
    }
}

/// Every rule palisade has: the rule engines' and the secret scanner's.
fn rules() -> impl Iterator<Item = &'static RuleMeta> {
    palisade_rules::rules().chain(palisade_secrets::rules())
}

/// The rule with this code or alias, whichever engine owns it.
fn find_rule(id: &str) -> Option<&'static RuleMeta> {
    palisade_rules::find(id).or_else(|| palisade_secrets::find(id))
}
