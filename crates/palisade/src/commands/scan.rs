//! `palisade scan`: the files, folders or standard input given, each read by the engine for its
//! kind, and every text file by the secret scanner. Composes the engines: where a manifest, compose
//! or `docker run` rule already reports a credential on a line, the secret finding on that line is
//! left out; `--baseline` and `--write-baseline` apply to the findings of every engine.

use std::io::{IsTerminal, Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use std::collections::HashMap;

use anyhow::{Context, Result};
use palisade_core::hadolint::{HadolintConfig, Threshold};
use palisade_core::render::{self, Format, RenderOptions};

use palisade_core::walk::{self, Input, WalkOptions};
use palisade_core::{Baseline, Diagnostic, Finding, Policy, Report, baseline};
use palisade_rules::pss;
use palisade_rules::{FileKind, FileScan, Settings};
use palisade_yaml::Budgets;
use rayon::prelude::*;

use crate::cli::ScanArgs;

pub(crate) fn run(args: &ScanArgs) -> Result<ExitCode> {
    let format: Format = args.report.format.parse().map_err(anyhow::Error::msg)?;
    let (mut config, mut suppressions) =
        super::config_and_suppressions(args.report.config.as_ref(), args.report.ignorefile.as_ref())?;
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

    let secrets = if args.no_secrets {
        None
    } else {
        let options = palisade_secrets::Options {
            lang,
            show_secrets: args.show_secrets,
            allow: config.secrets.allow.clone(),
        };
        Some(palisade_secrets::Scanner::new(&options).map_err(|e| anyhow::anyhow!("{e}"))?)
    };
    let accepted = match &args.baseline {
        Some(path) => {
            let text = fs_err::read_to_string(path)?;
            Some(
                Baseline::parse(&Arc::from(path.display().to_string()), &text)
                    .map_err(|e| anyhow::anyhow!("{e}"))?,
            )
        }
        None => None,
    };
    let job = Job {
        settings: &settings,
        secrets: secrets.as_ref(),
        max_bytes: args.max_file_size.saturating_mul(1024 * 1024),
        keep_hashes: args.baseline.is_some() || args.write_baseline.is_some(),
    };

    let options = WalkOptions {
        skip_dirs: args.skip_dirs.clone(),
        skip_files: args.skip_files.clone(),
    };
    // The secret scanner reads every file (it skips binary ones itself); without it, only files
    // of a kind some engine reads.
    let wanted = |path: &Path| secrets.is_some() || is_read(path);
    let (inputs, walk_errors) =
        walk::discover(&args.paths, &options, wanted).context("bad --skip-dirs or --skip-files glob")?;
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
    let scan_one = |input: &Input| -> Scanned {
        match input {
            Input::Stdin => {
                let name = Arc::from("-");
                let text = stdin_text.as_deref().unwrap_or_default();
                let scan = guarded(&name, FileKind::Manifest, text, &settings);
                job.with_secrets(&name, text.as_bytes(), scan)
            }
            Input::File(path) => scan_file(path, &job),
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()?;
    let mut scans: Vec<Scanned> = pool.install(|| inputs.par_iter().map(scan_one).collect());
    for (name, line, scan) in docker_run_lines(&args.docker_run, &settings) {
        scans.push(job.with_secrets(&name, line.as_bytes(), scan));
    }

    let mut scanned = 0;
    let total: usize = scans.iter().map(|s| s.scan.findings.len()).sum();
    let mut hashes: HashMap<FindingKey, String> = HashMap::new();
    for Scanned {
        scan,
        hashes: found,
        read,
    } in scans
    {
        if !read {
            continue;
        }
        if let Some(skipped) = scan.skipped {
            // A Helm template: not read by the rule engines, still searched for secrets.
            report.skipped.push(skipped);
        } else {
            if scan.errors.iter().all(|e| e.line.is_some()) || scan.objects > 0 {
                scanned += 1;
            }
            report.files += 1;
        }
        hashes.extend(found);
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
    // Baselines see every finding, before configuration and suppressions: recording one keeps
    // what today's filters hide, so changing them later does not make old findings new.
    let fingerprint = |f: &Finding| {
        let l = &f.location;
        hashes
            .get(&(Arc::clone(&l.path), l.line, l.column, secret_code(&f.rule)))
            .cloned()
            .unwrap_or_else(|| baseline::fingerprint(f))
    };
    if let Some(path) = &args.write_baseline {
        let recorded = Baseline::record(&report.findings, fingerprint);
        let mut file = std::io::BufWriter::new(fs_err::File::create(path)?);
        recorded.write(&mut file)?;
        file.flush()?;
        if !args.report.quiet {
            writeln!(
                anstream::stderr(),
                "palisade: {} findings recorded in {}",
                recorded.len(),
                path.display()
            )?;
        }
    }
    if let Some(accepted) = &accepted {
        report.suppressed += accepted.apply(&mut report.findings, fingerprint);
    }
    let today = time::OffsetDateTime::now_utc().date();
    report.finish(
        Policy {
            config: &config,
            suppressions,
            severities: args.report.severity.clone(),
            today,
        },
        super::find_rule,
    );

    let to_terminal = args.report.output.is_none() && std::io::stdout().is_terminal();
    let render_options = RenderOptions {
        tool_version: env!("CARGO_PKG_VERSION"),
        color: to_terminal
            && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
        snippets: to_terminal,
        stdin: stdin_text.as_deref(),
    };
    // Streamed: a report can be larger than the inputs, and is never held whole in memory.
    let mut out = super::output(args.report.output.as_deref())?;
    render::render(&report, format, &render_options, &mut out)?;
    out.flush()?;
    drop(out);

    if scanned == 0 && report.skipped.is_empty() {
        if !args.report.quiet {
            let what = if inputs.is_empty() {
                "no files to scan found"
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
        ExitCode::from(args.report.exit_code)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing every finding one by one would only cost time (about a
    // millisecond per ten thousand), and the system takes the memory back at once.
    std::mem::forget(report);
    Ok(code)
}

/// The command lines given with `--docker-run`, each an input named `<docker-run>` (numbered when
/// there are several), with its text and its scan.
fn docker_run_lines(lines: &[String], settings: &Settings) -> Vec<(Arc<str>, String, FileScan)> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let name: Arc<str> = if lines.len() == 1 {
                Arc::from("<docker-run>")
            } else {
                Arc::from(format!("<docker-run #{}>", i + 1))
            };
            let scan = std::panic::catch_unwind(AssertUnwindSafe(|| {
                palisade_rules::scan_docker_run(&name, line, settings)
            }))
            .unwrap_or_else(|_| FileScan {
                errors: vec![Diagnostic::file(
                    &name,
                    "internal error while scanning this input (please report it); the other inputs were scanned",
                )],
                ..FileScan::default()
            });
            (name, line.clone(), scan)
        })
        .collect()
}

/// A secret finding by path, line, column and rule.
type FindingKey = (Arc<str>, u32, u32, &'static str);

/// What the scan of one input needs besides the input.
struct Job<'a> {
    settings: &'a Settings,
    secrets: Option<&'a palisade_secrets::Scanner>,
    max_bytes: u64,
    /// Keep the value hash of each secret finding, for baselines.
    keep_hashes: bool,
}

/// One input's findings from every engine.
#[derive(Default)]
struct Scanned {
    scan: FileScan,
    /// The value hash of each secret finding, by (path, line, column, rule).
    hashes: Vec<(FindingKey, String)>,
    /// False for a binary file the secret scanner passed over: not counted as scanned.
    read: bool,
}

/// Rules of the other engines that report a credential themselves: a secret finding on the
/// same line would say the same thing twice. Theirs is kept, since it names the object and
/// field (K8S301 Secret data, K8S302 container env, K8S305 ConfigMap, DC016 compose
/// environment, DR016 `docker run -e`).
const CREDENTIAL_RULES: &[&str] = &["K8S301", "K8S302", "K8S305", "DC016", "DR016"];

impl Job<'_> {
    /// Adds the secret scanner's findings on `bytes` to the engines' `scan`.
    fn with_secrets(&self, name: &Arc<str>, bytes: &[u8], mut scan: FileScan) -> Scanned {
        let mut hashes = Vec::new();
        if let Some(scanner) = self.secrets {
            let secrets = std::panic::catch_unwind(AssertUnwindSafe(|| scanner.scan_secrets(name, bytes)));
            let Ok(secrets) = secrets else {
                scan.errors.push(Diagnostic::file(
                    name,
                    "internal error while looking for secrets in this input (please report it); the other inputs were scanned",
                ));
                return Scanned {
                    scan,
                    hashes,
                    read: true,
                };
            };
            let reported: Vec<u32> = scan
                .findings
                .iter()
                .filter(|f| CREDENTIAL_RULES.contains(&f.rule.as_ref()))
                .map(|f| f.location.line)
                .collect();
            for secret in secrets {
                let l = &secret.finding.location;
                if reported.contains(&l.line) {
                    continue;
                }
                if self.keep_hashes {
                    let key = (
                        Arc::clone(&l.path),
                        l.line,
                        l.column,
                        secret_code(&secret.finding.rule),
                    );
                    hashes.push((key, secret.value_hash));
                }
                scan.findings.push(secret.finding);
            }
        }
        Scanned {
            scan,
            hashes,
            read: true,
        }
    }
}

/// A secret rule's code as `'static`, for the hash keys (other rules give an empty code).
fn secret_code(rule: &str) -> &'static str {
    palisade_secrets::find(rule).map_or("", |m| m.code)
}

/// Files a folder walk picks up: those of a kind some engine reads.
fn is_read(path: &Path) -> bool {
    FileKind::of(path) != FileKind::Other
}

fn scan_file(path: &Path, job: &Job<'_>) -> Scanned {
    let name: Arc<str> = Arc::from(path.display().to_string());
    let error = |message: String| Scanned {
        scan: FileScan {
            errors: vec![Diagnostic::file(&name, message)],
            ..FileScan::default()
        },
        read: true,
        ..Scanned::default()
    };
    if let Err(message) = super::within_budget(path, job.max_bytes) {
        return error(message);
    }
    let kind = FileKind::of(path);
    let bytes = match read_text(path, kind == FileKind::Other && job.secrets.is_some()) {
        Ok(Some(bytes)) => bytes,
        // A binary file no engine reads.
        Ok(None) => return Scanned::default(),
        Err(e) => return error(e.to_string()),
    };
    if let Some(chart) = super::helm_chart_of(path) {
        let scan = FileScan {
            skipped: Some(Diagnostic::file(
                &name,
                format!(
                    "template of the Helm chart in {chart}: render it and scan the output (`helm template {chart} | palisade scan -`)",
                    chart = chart.display()
                ),
            )),
            ..FileScan::default()
        };
        return job.with_secrets(&name, &bytes, scan);
    }
    let scan = match std::str::from_utf8(&bytes) {
        // A walk only picks files of a kind some engine reads (or, for secrets, any file); a
        // file named on the command line is read as a manifest unless its name says otherwise.
        Ok(text) => match kind {
            FileKind::Other if job.secrets.is_some() => FileScan::default(),
            FileKind::Other => guarded(&name, FileKind::Manifest, text, job.settings),
            kind => guarded(&name, kind, text, job.settings),
        },
        // The secret scanner reads any text; the rule engines only UTF-8.
        Err(_) if kind == FileKind::Other && job.secrets.is_some() => FileScan::default(),
        Err(e) => FileScan {
            errors: vec![Diagnostic::file(&name, super::not_utf8(e.valid_up_to()))],
            ..FileScan::default()
        },
    };
    job.with_secrets(&name, &bytes, scan)
}

/// A file's bytes; `None` for a binary file (a NUL byte in its first 8 KiB) when `skip_binary`,
/// unless its name says it is a keystore, which the secret scanner reports whole.
fn read_text(path: &Path, skip_binary: bool) -> std::io::Result<Option<Vec<u8>>> {
    let mut file = fs_err::File::open(path)?;
    let mut bytes = Vec::new();
    (&mut file).take(8 * 1024).read_to_end(&mut bytes)?;
    let keystore = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["p12", "pfx", "jks", "keystore"]
            .iter()
            .any(|k| e.eq_ignore_ascii_case(k))
    });
    if skip_binary && bytes.contains(&0) && !keystore {
        return Ok(None);
    }
    file.read_to_end(&mut bytes)?;
    Ok(Some(bytes))
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

fn read_stdin() -> Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .read_to_string(&mut text)
        .context("reading standard input")?;
    Ok(text)
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
