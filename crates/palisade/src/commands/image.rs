//! `palisade image TARGET`: the IMG checks over an image's configuration and files, reported as
//! `scan` reports (table, JSON, SARIF, JUnit; `--severity`, `--exit-code`), with a summary of the
//! packages it holds. Also where every image command reads its target ([`inventory`]).

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use palisade_core::render::{self, Format, RenderOptions};
use palisade_core::{Lang, Policy, Report, tr};
use palisade_image::checks::{self, SecretFiles};
use palisade_image::registry::{Progress, ProgressFn};
use palisade_image::{Cataloger, Inventory, Options, Platform, Target};

use crate::cli::{ImageArgs, TargetArgs};

pub(crate) fn run(args: &ImageArgs) -> Result<ExitCode> {
    let format: Format = args.report.format.parse().map_err(anyhow::Error::msg)?;
    let (config, suppressions) =
        super::config_and_suppressions(args.report.config.as_ref(), args.report.ignorefile.as_ref())?;
    let lang = super::lang(&args.common, config.lang)?;
    let options = palisade_secrets::Options {
        lang,
        show_secrets: args.show_secrets,
        allow: config.secrets.allow.clone(),
    };
    // One scanner (260 compiled detectors) for the layer files and the configuration.
    let scanner = palisade_secrets::Scanner::new(&options).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut inventory = inventory(&args.target, Some(&SecretFiles::new(&scanner, lang)))?;

    let mut report = Report {
        lang,
        files: 1,
        errors: std::mem::take(&mut inventory.diagnostics),
        findings: std::mem::take(&mut inventory.findings),
        ..Report::default()
    };
    if let Some(image) = &inventory.image {
        report
            .findings
            .extend(checks::check_image(image, &inventory.target, &scanner, lang));
    }
    report.finish(
        Policy {
            config: &config,
            suppressions,
            severities: args.report.severity.clone(),
            today: time::OffsetDateTime::now_utc().date(),
        },
        super::find_rule,
    );

    let to_terminal = args.report.output.is_none() && std::io::stdout().is_terminal();
    let render_options = RenderOptions {
        tool_version: env!("CARGO_PKG_VERSION"),
        color: to_terminal
            && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
        snippets: false,
        stdin: None,
    };
    let mut out = super::output(args.report.output.as_deref())?;
    render::render(&report, format, &render_options, &mut out)?;
    if format == Format::Table {
        writeln!(out, "\n{}", package_summary(&inventory, lang))?;
    } else if !args.report.quiet {
        writeln!(
            anstream::stderr(),
            "palisade: {}",
            package_summary(&inventory, lang)
        )?;
    }
    out.flush()?;
    Ok(if report.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(args.report.exit_code)
    })
}

/// `Packages: 88 deb, 3 npm (debian 12)`.
fn package_summary(inventory: &Inventory, lang: Lang) -> String {
    let mut counts: BTreeMap<_, usize> = BTreeMap::new();
    for p in &inventory.packages {
        *counts.entry(p.kind).or_default() += 1;
    }
    let list = counts
        .iter()
        .map(|(kind, n)| format!("{n} {}", kind.purl_type()))
        .collect::<Vec<_>>()
        .join(", ");
    let os = inventory.distro.as_ref().map_or(String::new(), |d| {
        format!(" ({} {})", d.id, d.version_id.as_deref().unwrap_or_default())
    });
    if list.is_empty() {
        tr!(lang, "Packages: none found{os}", "软件包：未发现{os}")
    } else {
        tr!(lang, "Packages: {list}{os}", "软件包：{list}{os}")
    }
}

/// Reads the target: every image command's one way in. `extra` is a cataloger the command adds
/// to palisade's own (the IMG007 secret-file check).
pub(super) fn inventory(target: &TargetArgs, extra: Option<&dyn Cataloger>) -> Result<Inventory> {
    let platform = match &target.platform {
        Some(p) => Some(
            p.parse::<Platform>()
                .map_err(|e| anyhow::anyhow!("--platform: {e}"))?,
        ),
        None => None,
    };
    let parsed: Target = target.target.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut all: Vec<&dyn Cataloger> = palisade_image::catalogers();
    all.extend(extra);
    let bar = std::io::stderr().is_terminal().then(pull_bar);
    let options = Options {
        platform,
        cache_dir: palisade_core::cache::dir(),
        insecure: target.insecure,
        progress: bar.clone().map(|bar| {
            Arc::new(move |p: Progress| match p {
                Progress::Plan {
                    bytes, cached_bytes, ..
                } => {
                    bar.set_length(bytes);
                    bar.set_position(cached_bytes);
                }
                Progress::Bytes(n) => bar.inc(n),
                Progress::Retry { discarded, .. } => {
                    bar.set_position(bar.position().saturating_sub(discarded));
                }
                Progress::BlobDone { .. } => {}
            }) as ProgressFn
        }),
        ..Options::default()
    };
    let inventory = palisade_image::inventory(&parsed, &options, &all);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(inventory?)
}

/// The bar a registry pull draws on a terminal.
fn pull_bar() -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("pulling {bar:30} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
            .expect("a valid template"),
    );
    bar
}
