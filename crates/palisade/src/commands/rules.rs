//! `palisade rules`: the rule catalogue, and `palisade rules explain CODE`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use palisade_core::{Lang, RuleDoc};
use serde_json::json;

use crate::cli::{ListFormat, RulesAction, RulesArgs};

pub(crate) fn run(args: &RulesArgs) -> Result<ExitCode> {
    let lang = super::lang(&args.common, None)?;
    let mut out = anstream::stdout().lock();
    match &args.action {
        Some(RulesAction::Explain { code }) => {
            let Some(rule) = super::find_rule(code) else {
                bail!("no rule has the code or alias `{code}` (list them with `palisade rules`)");
            };
            page(&mut out, &rule.doc(lang), lang)?;
        }
        None => {
            let docs: Vec<RuleDoc> = super::rules().map(|r| r.doc(lang)).collect();
            match args.format {
                ListFormat::Json => {
                    let list: Vec<_> = docs
                        .iter()
                        .zip(super::rules())
                        .map(|(d, r)| {
                            json!({
                                "code": d.code, "aliases": d.aliases, "severity": d.severity.as_str(),
                                "concern": r.concern(),
                                "title": d.title, "description": d.description,
                                "remediation": d.remediation, "references": d.references,
                            })
                        })
                        .collect();
                    serde_json::to_writer_pretty(&mut out, &list)?;
                    writeln!(out)?;
                }
                ListFormat::Table => {
                    for d in &docs {
                        writeln!(
                            out,
                            "{:<8} {:<9} {}  [{}]",
                            d.code,
                            d.severity.as_str(),
                            d.title,
                            d.aliases.join(", ")
                        )?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn page(out: &mut dyn Write, doc: &RuleDoc, lang: Lang) -> std::io::Result<()> {
    let [severity, aliases, description, remediation, references] = match lang {
        Lang::En => [
            "Severity",
            "Aliases",
            "Why it matters",
            "How to fix",
            "References",
        ],
        Lang::Zh => ["严重级别", "别名", "风险说明", "修复方法", "参考资料"],
    };
    writeln!(
        out,
        "{} — {}\n\n{severity}: {}",
        doc.code, doc.title, doc.severity
    )?;
    if !doc.aliases.is_empty() {
        writeln!(out, "{aliases}: {}", doc.aliases.join(", "))?;
    }
    writeln!(
        out,
        "\n{description}\n  {}\n\n{remediation}\n  {}",
        doc.description, doc.remediation
    )?;
    if !doc.references.is_empty() {
        writeln!(out, "\n{references}")?;
        for r in &doc.references {
            writeln!(out, "  - {r}")?;
        }
    }
    Ok(())
}
