//! `palisade scan`: the files, folders or standard input given, each read by the engine for its kind.

use std::io::{IsTerminal, Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use palisade_core::hadolint::{HadolintConfig, Threshold};
use palisade_core::render::{self, Format, RenderOptions};
use palisade_core::suppress::{self, Suppression};
use palisade_core::walk::{self, Input, WalkOptions};
use palisade_core::{Config, Diagnostic, Policy, Report, parse_ignore_file};
use palisade_rules::pss;
use palisade_rules::{FileKind, FileScan, Settings};
use palisade_yaml::Budgets;
use rayon::prelude::*;

use crate::cli::ScanArgs;

pub(crate) fn run(args: &ScanArgs) -> Result<ExitCode> {
    let format: Format = args.format.parse().map_err(anyhow::Error::msg)?;
    let (mut config, mut suppressions) = load_config(args)?;
    let hadolint = load_hadolint(args)?;
    // `.hadolint.yaml` speaks of Dockerfile rules by their hadolint ids, which are aliases.
    config.disable.extend(hadolint.ignored.iter().cloned());
    config.severity.extend(hadolint.overrides.iter().cloned());
    let lang = super::lang(&args.common, config.lang)?;
    let mut trusted_registries = config.registries.clone();
    trusted_registries.extend(args.trusted_registry.iter().cloned());
    let budgets = Budgets {
        max_documents: args.max_documents,
        max_depth: args.max_depth,
        max_alias_nodes: args.max_alias_nodes,
    };
    let pss = match &args.pss {
        Some(text) => Some(pss::Policy::parse(text).map_err(|e| anyhow::anyhow!("--pss: {e}"))?),
        None => None,
    };
    let settings = Settings {
        lang,
        trusted_registries,
        dockerfile_registries: hadolint.trusted_registries.clone(),
        budgets,
        pss,
    };

    let options = WalkOptions {
        skip_dirs: args.skip_dirs.clone(),
        skip_files: args.skip_files.clone(),
    };
    let (inputs, walk_errors) =
        walk::discover(&args.paths, &options, is_read).context("bad --skip-dirs or --skip-files glob")?;
    let mut report = Report {
        lang,
        errors: walk_errors,
        warnings: hadolint.warnings.clone(),
        ..Report::default()
    };

    let stdin_text = if inputs.contains(&Input::Stdin) {
        Some(read_stdin()?)
    } else {
        None
    };
    let max_bytes = args.max_file_size.saturating_mul(1024 * 1024);
    let scan_one = |input: &Input| -> FileScan {
        match input {
            Input::Stdin => guarded(
                &Arc::from("-"),
                FileKind::Manifest,
                stdin_text.as_deref().unwrap_or_default(),
                &settings,
            ),
            Input::File(path) => scan_file(path, max_bytes, &settings),
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()?;
    let mut scans: Vec<FileScan> = pool.install(|| inputs.par_iter().map(scan_one).collect());
    scans.extend(docker_run_lines(&args.docker_run, &settings));

    let mut scanned = 0;
    let total: usize = scans.iter().map(|s| s.findings.len()).sum();
    for scan in scans {
        if let Some(skipped) = scan.skipped {
            report.skipped.push(skipped);
            continue;
        }
        if scan.errors.iter().all(|e| e.line.is_some()) || scan.objects > 0 {
            scanned += 1;
        }
        report.files += 1;
        report.objects += scan.objects;
        if report.findings.is_empty() && scan.findings.len() == total {
            // All the findings are this input's: take them over rather than copy them.
            report.findings = scan.findings;
        } else {
            report.findings.reserve_exact(total - report.findings.len());
            report.findings.extend(scan.findings);
        }
        report.errors.extend(scan.errors);
        report.warnings.extend(scan.warnings);
        suppressions.extend(scan.suppressions);
    }
    let today = time::OffsetDateTime::now_utc().date();
    report.finish(
        Policy {
            config: &config,
            suppressions,
            severities: args.severity.clone(),
            today,
        },
        palisade_rules::find,
    );

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let render_options = RenderOptions {
        tool_version: env!("CARGO_PKG_VERSION"),
        color: to_terminal
            && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
        snippets: to_terminal,
        stdin: stdin_text.as_deref(),
    };
    // Streamed: a report can be larger than the inputs, and is never held whole in memory.
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(fs_err::File::create(path)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut out);
    render::render(&report, format, &render_options, &mut out)?;
    out.flush()?;
    drop(out);

    if scanned == 0 && report.skipped.is_empty() {
        if !args.quiet {
            let what = if inputs.is_empty() {
                "no manifests found"
            } else {
                "no input could be scanned"
            };
            writeln!(
                anstream::stderr(),
                "palisade: {what} in {}",
                display_paths(&args.paths)
            )?;
        }
        return Ok(ExitCode::from(2));
    }
    // `failure-threshold` of `.hadolint.yaml` decides whether Dockerfile findings fail the scan.
    let fails = |f: &palisade_core::Finding| match hadolint.failure_threshold {
        Some(threshold) if f.rule.starts_with("DF") => match threshold {
            Threshold::AtLeast(level) => f.severity >= level,
            Threshold::Never => false,
        },
        _ => true,
    };
    let code = if report.findings.iter().any(fails) {
        ExitCode::from(args.exit_code)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing every finding one by one would only cost time (about a
    // millisecond per ten thousand), and the system takes the memory back at once.
    std::mem::forget(report);
    Ok(code)
}

/// The command lines given with `--docker-run`, each an input named `<docker-run>` (numbered when
/// there are several).
fn docker_run_lines(lines: &[String], settings: &Settings) -> Vec<FileScan> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let name: Arc<str> = if lines.len() == 1 {
                Arc::from("<docker-run>")
            } else {
                Arc::from(format!("<docker-run #{}>", i + 1))
            };
            std::panic::catch_unwind(AssertUnwindSafe(|| {
                palisade_rules::scan_docker_run(&name, line, settings)
            }))
            .unwrap_or_else(|_| FileScan {
                errors: vec![Diagnostic::file(
                    &name,
                    "internal error while scanning this input (please report it); the other inputs were scanned",
                )],
                ..FileScan::default()
            })
        })
        .collect()
}

/// Files a folder walk picks up: those of a kind some engine reads.
fn is_read(path: &Path) -> bool {
    FileKind::of(path) != FileKind::Other
}

fn scan_file(path: &Path, max_bytes: u64, settings: &Settings) -> FileScan {
    let name: Arc<str> = Arc::from(path.display().to_string());
    let error = |message: String| FileScan {
        errors: vec![Diagnostic::file(&name, message)],
        ..FileScan::default()
    };
    if let Some(chart) = helm_chart_of(path) {
        return FileScan {
            skipped: Some(Diagnostic::file(
                &name,
                format!(
                    "template of the Helm chart in {chart}: render it and scan the output (`helm template {chart} | palisade scan -`)",
                    chart = chart.display()
                ),
            )),
            ..FileScan::default()
        };
    }
    match super::read_text(path, max_bytes) {
        Ok(text) => {
            // A walk only picks files of a kind some engine reads; a file named on the command
            // line is read as a manifest unless its name says otherwise.
            let kind = match FileKind::of(path) {
                FileKind::Other => FileKind::Manifest,
                kind => kind,
            };
            guarded(&name, kind, &text, settings)
        }
        Err(message) => error(message),
    }
}

/// Scans one text; a bug in palisade becomes an error entry for that input, and the scan goes on.
fn guarded(name: &Arc<str>, kind: FileKind, text: &str, settings: &Settings) -> FileScan {
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        palisade_rules::scan_file(name, kind, text, settings)
    }))
    .unwrap_or_else(|_| FileScan {
        errors: vec![Diagnostic::file(
            name,
            "internal error while scanning this input (please report it); the other inputs were scanned",
        )],
        ..FileScan::default()
    })
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

fn read_stdin() -> Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .read_to_string(&mut text)
        .context("reading standard input")?;
    Ok(text)
}

fn load_config(args: &ScanArgs) -> Result<(Config, Vec<Suppression>)> {
    let (config, _) = super::config(args.config.as_ref())?;
    let mut suppressions = config.ignore.clone();
    let ignorefile = args
        .ignorefile
        .clone()
        .or_else(|| Some(PathBuf::from(".palisadeignore.yaml")).filter(|p| p.is_file()));
    if let Some(path) = ignorefile {
        let text = fs_err::read_to_string(&path)?;
        let name: Arc<str> = Arc::from(path.display().to_string());
        if path.file_name().is_some_and(|n| n == ".trivyignore") {
            suppressions.extend(suppress::trivyignore(&name, &text));
        } else {
            suppressions.extend(parse_ignore_file(&name, &text).map_err(|e| anyhow::anyhow!("{e}"))?);
        }
    }
    if args.ignorefile.is_none() && Path::new(".trivyignore").is_file() {
        let text = fs_err::read_to_string(".trivyignore")?;
        suppressions.extend(suppress::trivyignore(&Arc::from(".trivyignore"), &text));
    }
    Ok((config, suppressions))
}

/// `.hadolint.yaml` (or `.hadolint.yml`) in the working folder and in every folder scanned, as
/// hadolint users keep it at the root of their project.
fn load_hadolint(args: &ScanArgs) -> Result<HadolintConfig> {
    let mut merged = HadolintConfig::default();
    let mut folders = vec![PathBuf::from(".")];
    folders.extend(args.paths.iter().filter(|p| p.is_dir()).cloned());
    let mut seen = Vec::new();
    for folder in folders {
        let Some(path) = [".hadolint.yaml", ".hadolint.yml"]
            .iter()
            .map(|name| folder.join(name))
            .find(|p| p.is_file())
        else {
            continue;
        };
        let canonical = fs_err::canonicalize(&path)?;
        if seen.contains(&canonical) {
            continue;
        }
        seen.push(canonical);
        let text = fs_err::read_to_string(&path)?;
        let name: Arc<str> = Arc::from(path.display().to_string());
        let config = HadolintConfig::parse(&name, &text).map_err(|e| anyhow::anyhow!("{e}"))?;
        merged.ignored.extend(config.ignored);
        merged.trusted_registries.extend(config.trusted_registries);
        merged.overrides.extend(config.overrides);
        merged.warnings.extend(config.warnings);
        merged.failure_threshold = config.failure_threshold.or(merged.failure_threshold);
    }
    Ok(merged)
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
