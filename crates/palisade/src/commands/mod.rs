//! One file per subcommand.

use std::process::ExitCode;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;
use palisade_core::{Config, Lang};

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

/// The text of a manifest file: at most `max_bytes` long and UTF-8, else a message saying why not.
fn read_text(path: &Path, max_bytes: u64) -> Result<String, String> {
    let size = fs_err::metadata(path).map_err(|e| e.to_string())?.len();
    if size > max_bytes {
        return Err(format!(
            "file is {} MB, over the {} MB budget; raise it with --max-file-size if this file is trusted",
            size / (1024 * 1024),
            max_bytes / (1024 * 1024)
        ));
    }
    let bytes = fs_err::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); manifests must be UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}
