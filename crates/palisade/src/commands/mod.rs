//! One file per subcommand.

use std::process::ExitCode;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;
use palisade_core::suppress::{self, Suppression};
use palisade_core::{Config, Lang, RuleMeta, parse_ignore_file};

use crate::cli::{Cli, Command, Common};

mod image;
mod pss;
mod rules;
mod sbom;
mod scan;

pub(crate) fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Scan(args) => scan::run(&args),
        Command::Pss(args) => pss::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Sbom(args) => sbom::run(&args),
        Command::Image(args) => image::run(&args),
    }
}

/// `--lang`, else the environment's locale.
fn lang(common: &Common, configured: Option<Lang>) -> Result<Lang> {
    match &common.lang {
        Some(text) => text.parse().map_err(anyhow::Error::msg),
        None => Ok(configured.unwrap_or_else(Lang::from_env)),
    }
}

/// The configuration and every suppression in force: the config file's `ignore` entries, then
/// the ignore file (`--ignorefile`, else `.palisadeignore.yaml`; a file named `.trivyignore` is
/// read as Trivy's), then `.trivyignore` in the working folder when no ignore file was named.
fn config_and_suppressions(
    config_file: Option<&PathBuf>,
    ignorefile: Option<&PathBuf>,
) -> Result<(Config, Vec<Suppression>)> {
    let (config, _) = config(config_file)?;
    let mut suppressions = config.ignore.clone();
    let named = ignorefile
        .cloned()
        .or_else(|| Some(PathBuf::from(".palisadeignore.yaml")).filter(|p| p.is_file()));
    if let Some(path) = named {
        let text = fs_err::read_to_string(&path)?;
        let name: Arc<str> = Arc::from(path.display().to_string());
        if path.file_name().is_some_and(|n| n == ".trivyignore") {
            suppressions.extend(suppress::trivyignore(&name, &text));
        } else {
            suppressions.extend(parse_ignore_file(&name, &text).map_err(|e| anyhow::anyhow!("{e}"))?);
        }
    }
    if ignorefile.is_none() && Path::new(".trivyignore").is_file() {
        let text = fs_err::read_to_string(".trivyignore")?;
        suppressions.extend(suppress::trivyignore(&Arc::from(".trivyignore"), &text));
    }
    Ok((config, suppressions))
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

/// The text of a manifest file: within `max_bytes` and UTF-8, else a message saying why not.
fn read_manifest(path: &Path, max_bytes: u64) -> Result<String, String> {
    within_budget(path, max_bytes)?;
    let bytes = fs_err::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| not_utf8(e.utf8_error().valid_up_to()))
}

/// `Err` with the message to show when `path` is larger than `max_bytes` (or unreadable).
fn within_budget(path: &Path, max_bytes: u64) -> Result<(), String> {
    let size = fs_err::metadata(path).map_err(|e| e.to_string())?.len();
    if size > max_bytes {
        return Err(format!(
            "file is {} MB, over the {} MB budget; raise it with --max-file-size if this file is trusted",
            size / (1024 * 1024),
            max_bytes / (1024 * 1024)
        ));
    }
    Ok(())
}

/// The message for a manifest that is not UTF-8 (its first bad byte at `offset`).
fn not_utf8(offset: usize) -> String {
    format!("not UTF-8 text (invalid byte at offset {offset}); manifests must be UTF-8")
}

/// Every rule palisade has: the rule engines', the secret scanner's and the image checks'.
fn rules() -> impl Iterator<Item = &'static RuleMeta> {
    palisade_rules::rules()
        .chain(palisade_secrets::rules())
        .chain(palisade_image::checks::rules())
}

/// The rule with this code or alias, whichever engine owns it.
fn find_rule(id: &str) -> Option<&'static RuleMeta> {
    palisade_rules::find(id)
        .or_else(|| palisade_secrets::find(id))
        .or_else(|| palisade_image::checks::find(id))
}

/// The chart folder when `path` is under a chart's `templates/` folder.
fn helm_chart_of(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .find(|dir| {
            dir.file_name().is_some_and(|n| n == "templates")
                && dir.parent().is_some_and(|c| c.join("Chart.yaml").is_file())
        })
        .and_then(Path::parent)
        .map(Path::to_path_buf)
}

/// Where a report goes: the `--output` file, else standard output; buffered.
fn output(path: Option<&Path>) -> Result<std::io::BufWriter<Box<dyn std::io::Write>>> {
    let out: Box<dyn std::io::Write> = match path {
        Some(path) => Box::new(fs_err::File::create(path)?),
        None => Box::new(std::io::stdout().lock()),
    };
    Ok(std::io::BufWriter::with_capacity(1 << 16, out))
}
