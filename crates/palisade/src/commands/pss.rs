//! `palisade pss`: every Pod and pod template under the Pod Security Standards, with its
//! namespace's labels when the input has the Namespace, and fixes as unified diffs.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use palisade_core::walk::{self, Input, WalkOptions};
use palisade_core::{Diagnostic, Lang, tr};
use palisade_rules::FileKind;
use palisade_rules::k8s::{Object, objects};
use palisade_rules::pss::{self, Evaluation, Exemptions, Level, Mode, NamespacePolicies, Policy, Version};
use palisade_yaml::{Budgets, Document};
use serde_json::{Value, json};

use crate::cli::PssArgs;

/// One input, read and parsed.
struct Source {
    name: Arc<str>,
    /// `None` for standard input, which `--write` cannot change.
    path: Option<std::path::PathBuf>,
    text: String,
    documents: Vec<Document>,
}

/// The verdict on one object under one policy.
struct Verdict {
    path: Arc<str>,
    line: u32,
    object: Value,
    label: String,
    evaluation: Evaluation,
    violations: Vec<Violation>,
}

struct Violation {
    check: &'static str,
    field: String,
    line: u32,
    message: String,
}

pub(crate) fn run(args: &PssArgs) -> Result<ExitCode> {
    let (config, config_name) = super::config(args.config.as_ref())?;
    let lang = super::lang(&args.common, config.lang)?;
    let policy = default_policy(args, &config, &config_name)?;
    let mut exemptions = Exemptions {
        namespaces: config.pss.exempt_namespaces.clone(),
        runtime_classes: config.pss.exempt_runtime_classes.clone(),
    };
    exemptions
        .namespaces
        .extend(args.exempt_namespace.iter().cloned());
    exemptions
        .runtime_classes
        .extend(args.exempt_runtime_class.iter().cloned());
    let json = match args.format.as_str() {
        "table" => false,
        "json" => true,
        other => bail!("unknown format `{other}` (expected table or json)"),
    };

    let (sources, mut errors) = read_inputs(&args.paths, args.max_file_size.saturating_mul(1024 * 1024))?;
    let mut warnings = Vec::new();
    let mut namespaces = NamespacePolicies::default();
    for source in &sources {
        for doc in &source.documents {
            for object in objects(&doc.root) {
                namespaces.add(&source.name, &object, &mut warnings);
            }
        }
    }
    let policies = |object: &Object<'_>| namespaces.evaluations(object, policy, &exemptions);

    let mut results = Vec::new();
    for source in &sources {
        for doc in &source.documents {
            for object in objects(&doc.root) {
                let Some(spec) = object.pod_spec() else { continue };
                for evaluation in policies(&object) {
                    let mut found = Vec::new();
                    pss::evaluate(spec, evaluation.policy, lang, &mut found);
                    results.push(Verdict {
                        path: Arc::clone(&source.name),
                        line: object.root.span.start.line,
                        object: json!({
                            "apiVersion": object.api_version, "kind": object.kind,
                            "namespace": object.namespace, "name": object.name,
                        }),
                        label: object.reference.to_string(),
                        evaluation,
                        violations: found
                            .into_iter()
                            .map(|v| Violation {
                                check: v.check.id,
                                field: v.field,
                                line: v.at.span.start.line,
                                message: v.message,
                            })
                            .collect(),
                    });
                }
            }
        }
    }

    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(fs_err::File::create(path)?),
        None => Box::new(anstream::stdout().lock()),
    };
    if json {
        write_json(&mut out, &results, &errors, &warnings)?;
    } else {
        write_table(&mut out, &results, &errors, &warnings, lang)?;
    }
    if args.fix {
        let budgets = Budgets::default();
        for source in &sources {
            let fixed = pss::fix::fix(&source.text, &budgets, lang, |object| {
                policies(object)
                    .into_iter()
                    .filter(|e| e.mode != Mode::Exempt)
                    .map(|e| e.policy)
                    .collect()
            });
            write_fix(&mut out, source, &fixed, lang)?;
            if args.write && fixed.text != source.text {
                match &source.path {
                    Some(path) => fs_err::write(path, &fixed.text)?,
                    None => errors.push(Diagnostic::file(
                        &source.name,
                        "standard input cannot be fixed in place; apply the diff",
                    )),
                }
            }
        }
    }
    out.flush()?;

    if sources.is_empty() && !errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    let denied = results.iter().any(|r| !r.violations.is_empty());
    Ok(if denied {
        ExitCode::from(args.exit_code)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--level`/`--version`, else the configuration's, else restricted at latest.
fn default_policy(args: &PssArgs, config: &palisade_core::Config, config_name: &Arc<str>) -> Result<Policy> {
    let level = match (&args.level, &config.pss.level) {
        (Some(text), _) => Level::parse(text)
            .with_context(|| format!("--level `{text}`: use privileged, baseline or restricted"))?,
        (None, Some((text, mark))) => Level::parse(text).ok_or_else(|| {
            let at = Diagnostic::at(config_name, *mark, "");
            anyhow::anyhow!("{at}`{text}` is not a level: use privileged, baseline or restricted")
        })?,
        (None, None) => Level::Restricted,
    };
    let version = match (&args.version, &config.pss.version) {
        (Some(text), _) => {
            Version::parse(text).with_context(|| format!("--version `{text}`: use latest or v1.N"))?
        }
        (None, Some((text, mark))) => Version::parse(text).ok_or_else(|| {
            let at = Diagnostic::at(config_name, *mark, "");
            anyhow::anyhow!("{at}`{text}` is not a policy version: use latest or v1.N")
        })?,
        (None, None) => Version::Latest,
    };
    Ok(Policy { level, version })
}

fn read_inputs(paths: &[std::path::PathBuf], max_bytes: u64) -> Result<(Vec<Source>, Vec<Diagnostic>)> {
    let (inputs, mut errors) = walk::discover(paths, &WalkOptions::default(), |p| {
        FileKind::of(p) == FileKind::Manifest
    })
    .context("walking the inputs")?;
    let mut sources = Vec::new();
    for input in inputs {
        let (name, path, text) = match input {
            Input::Stdin => {
                let mut text = String::new();
                std::io::stdin()
                    .lock()
                    .read_to_string(&mut text)
                    .context("reading standard input")?;
                (Arc::from("-"), None, text)
            }
            Input::File(path) => {
                let name: Arc<str> = Arc::from(path.display().to_string());
                match super::read_manifest(&path, max_bytes) {
                    Ok(text) => (name, Some(path), text),
                    Err(message) => {
                        errors.push(Diagnostic::file(&name, message));
                        continue;
                    }
                }
            }
        };
        if let Some(chart) = path.as_deref().and_then(super::helm_chart_of) {
            errors.push(Diagnostic::file(
                &name,
                format!(
                    "template of the Helm chart in {chart}: render it and evaluate the output \
                     (`helm template {chart} | palisade pss -`)",
                    chart = chart.display()
                ),
            ));
            continue;
        }
        let (mut documents, mut error) = parse(&text);
        let mut text = text;
        // Kubernetes reads YAML with libyaml's leniency: so does `pss`, as `scan` does.
        if let Some(relaxed) = error.as_ref().and(palisade_yaml::relax(&text)) {
            if let (all, None) = parse(&relaxed) {
                (text, documents, error) = (relaxed, all, None);
            }
        }
        if let Some(e) = error {
            let message = if text.contains("{{") {
                "a template (`{{ … }}`), not a manifest: render it and evaluate the output \
                 (`helm template CHART | palisade pss -`)"
                    .to_owned()
            } else {
                e.to_string()
            };
            errors.push(Diagnostic::at(&name, e.mark(), message));
        }
        sources.push(Source {
            name,
            path,
            text,
            documents,
        });
    }
    Ok((sources, errors))
}

/// The documents of `text` up to the first error, and that error.
fn parse(text: &str) -> (Vec<palisade_yaml::Document>, Option<palisade_yaml::Error>) {
    let mut documents = Vec::new();
    for doc in palisade_yaml::documents(text, &Budgets::default()) {
        match doc {
            Ok(doc) => documents.push(doc),
            Err(e) => return (documents, Some(e)),
        }
    }
    (documents, None)
}

fn write_json(
    out: &mut dyn Write,
    results: &[Verdict],
    errors: &[Diagnostic],
    warnings: &[Diagnostic],
) -> Result<()> {
    let diagnostics = |list: &[Diagnostic]| -> Vec<Value> {
        list.iter()
            .map(|d| json!({"path": &*d.path, "line": d.line, "column": d.column, "message": d.message}))
            .collect()
    };
    let results: Vec<Value> = results
        .iter()
        .map(|r| {
            json!({
                "path": &*r.path,
                "line": r.line,
                "object": r.object,
                "level": r.evaluation.policy.level.as_str(),
                "version": r.evaluation.policy.version.to_string(),
                "mode": r.evaluation.mode.as_str(),
                "allowed": r.violations.is_empty(),
                "violations": r.violations.iter().map(|v| json!({
                    "check": v.check, "field": v.field, "line": v.line, "message": v.message,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let report = json!({
        "schema": "palisade.pss/v1",
        "tool": {"name": "palisade", "version": env!("CARGO_PKG_VERSION")},
        "results": results,
        "errors": diagnostics(errors),
        "warnings": diagnostics(warnings),
    });
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)?;
    Ok(())
}

fn write_table(
    out: &mut dyn Write,
    results: &[Verdict],
    errors: &[Diagnostic],
    warnings: &[Diagnostic],
    lang: Lang,
) -> Result<()> {
    for r in results {
        let policy = r.evaluation.policy;
        let mode = r.evaluation.mode;
        let verdict = match (mode, r.violations.is_empty()) {
            (Mode::Exempt, _) => tr!(lang, "exempt", "豁免"),
            (_, true) => tr!(lang, "allowed", "允许"),
            (Mode::Enforce, false) => tr!(lang, "DENIED", "拒绝"),
            (Mode::Warn, false) if r.object["kind"] == "Pod" => tr!(lang, "WARNED", "警告"),
            (Mode::Warn, false) => tr!(
                lang,
                "WARNED: its pods will be rejected where this policy is enforced",
                "警告：在强制执行该策略的命名空间中，它创建的 Pod 会被拒绝"
            ),
            (Mode::Audit, false) => tr!(lang, "AUDITED", "审计"),
        };
        writeln!(
            out,
            "{}:{}  {}  {policy} ({})  {verdict}",
            r.path,
            r.line,
            r.label,
            mode.as_str()
        )?;
        for v in &r.violations {
            writeln!(out, "    {:<28} {}:{}  {}", v.check, r.path, v.line, v.field)?;
            writeln!(out, "    {:<28} {}", "", v.message)?;
        }
    }
    for d in errors {
        writeln!(out, "{}", tr!(lang, "error: {d}", "错误：{d}"))?;
    }
    for d in warnings {
        writeln!(out, "{}", tr!(lang, "warning: {d}", "警告：{d}"))?;
    }
    let denied = results.iter().filter(|r| !r.violations.is_empty()).count();
    writeln!(
        out,
        "{}",
        tr!(
            lang,
            "{} evaluations, {} not allowed",
            "共 {} 次评估，{} 次不通过",
            results.len(),
            denied
        )
    )?;
    Ok(())
}

fn write_fix(out: &mut dyn Write, source: &Source, fixed: &pss::fix::Outcome, lang: Lang) -> Result<()> {
    if fixed.text != source.text {
        let diff = similar::TextDiff::from_lines(&source.text, &fixed.text);
        let name = &*source.name;
        write!(
            out,
            "{}",
            diff.unified_diff().context_radius(3).header(
                &format!("a/{}", name.trim_start_matches('/')),
                &format!("b/{}", name.trim_start_matches('/'))
            )
        )?;
    }
    for m in &fixed.manual {
        writeln!(
            out,
            "{}",
            tr!(
                lang,
                "{}:{}: {} {}: not fixed automatically: {}",
                "{}:{}：{} {}：无法自动修复：{}",
                source.name,
                m.line,
                m.object,
                m.check,
                m.reason
            )
        )?;
    }
    Ok(())
}
