//! Scanning one Dockerfile: parse it, run every DF rule and the DR rules over the `docker run`
//! lines of its shell-form `RUN`s, and collect the suppressions it carries (`# palisade:ignore=…`,
//! `#trivy:ignore:…`, `# hadolint ignore=…` and `# hadolint global ignore=…`).

use std::sync::Arc;

use palisade_core::Diagnostic;
use palisade_core::suppress::{self, Scope};

use super::{RULES, pragmas};
use crate::dockerfile::{Dockerfile, Keyword, parse};
use crate::dockerrun;
use crate::sink::Sink;
use crate::{FileScan, Settings};

/// Scans one Dockerfile.
pub fn scan_dockerfile(path: &Arc<str>, text: &str, settings: &Settings) -> FileScan {
    let df = parse(text);
    let mut scan = FileScan::default();
    for e in &df.errors {
        scan.errors
            .push(Diagnostic::at(path, df.mark(e.at.start), e.message.clone()));
    }
    let mut sink = Sink {
        settings,
        path,
        object: None,
        findings: &mut scan.findings,
    };
    for rule in RULES {
        (rule.check)(&df, &mut sink);
    }
    for run in df.instructions.iter().filter(|i| i.keyword == Keyword::Run) {
        let script = df.text(run.args_span);
        if !script.trim_start().starts_with('[') {
            let commands = dockerrun::run_commands(script, df.mark(run.args_span.start));
            dockerrun::check(&commands, &mut sink);
        }
    }
    scan.suppressions = suppressions(path, text, &df);
    scan
}

/// The file's own suppressions. A `palisade:ignore` or `trivy:ignore` comment covers its line and
/// the next; when the next line starts an instruction, it covers the whole instruction, as the
/// finding may point at any of its lines.
fn suppressions(
    path: &Arc<str>,
    text: &str,
    df: &Dockerfile<'_>,
) -> Vec<palisade_core::suppress::Suppression> {
    let mut out = suppress::inline(path, text);
    for s in &mut out {
        if let Scope::Lines { last, .. } = &mut s.scope {
            if let Some(i) = df.instructions.iter().find(|i| i.line == *last) {
                *last = i.last_line;
            }
        }
    }
    out.extend(pragmas::hadolint(path, df));
    out
}
